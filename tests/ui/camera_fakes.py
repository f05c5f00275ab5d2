"""Camera stand-ins for the photo tests: a QVideoFrameInput that plays a coloured picture into the
real capture session (so the real sink and still capture run), a camera that never sends a
picture, and a real QCamera on a device that does not exist."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QVideoFrame,
    QVideoFrameInput,
)


def picture(width: int, height: int, colour: str = "#d84315") -> QImage:
    """A test card: a colour with a white square in its middle."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    painter = QPainter(image)
    painter.fillRect(width // 3, height // 3, width // 3, height // 3, QColor("#ffffff"))
    painter.end()
    return image


class FrameFeed(QVideoFrameInput):
    """Sends ``image`` into the session every 30 ms, like a webcam at 30 frames a second."""

    def __init__(self, image: QImage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.sent = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._send)
        self.timer.start(30)

    def _send(self) -> None:
        if self.sendVideoFrame(QVideoFrame(self.image)):
            self.sent += 1


class FakeWebcam:
    """A source for :class:`kiosk.ui.camera.PhotoCamera` that records what it made."""

    def __init__(self, width: int = 1280, height: int = 720) -> None:
        self.image = picture(width, height)
        self.feeds: list[FrameFeed] = []

    def __call__(self, session: QMediaCaptureSession) -> QObject:
        feed = FrameFeed(self.image)
        session.setVideoFrameInput(feed)
        self.feeds.append(feed)
        return feed


def silent_source(session: QMediaCaptureSession) -> QObject:
    """A camera that opens but never shows a picture (a covered or broken lens driver)."""
    feed = QVideoFrameInput()
    session.setVideoFrameInput(feed)
    return feed


def broken_camera(session: QMediaCaptureSession) -> QObject:
    """A real QCamera on a device that does not exist: Qt reports its error."""
    camera = QCamera(QCameraDevice())
    session.setCamera(camera)
    return camera


def failing_source(session: QMediaCaptureSession) -> QObject:
    raise RuntimeError("the driver crashed")
