"""The station's webcam, for a listing's photo (a viewfinder and one still) and for reading a
member card's QR code, through Qt Multimedia (QMediaCaptureSession + QVideoSink +
QImageCapture); codes are decoded with zxing-cpp (:func:`codes_in`).

What feeds the session is a *source*: by default the system's camera (a ``QCamera`` on the first
of ``QMediaDevices.videoInputs()``); tests hand a ``QVideoFrameInput`` instead, which goes
through the same session, sink and still capture. No camera, a camera that reports an error, or
one that sends no picture within ``first_frame_ms`` all end in :attr:`PhotoCamera.failed`, and
the page falls back to the category's pictogram without an error for the member.

Qt Multimedia (and its FFmpeg backend) is imported the first time a camera is wanted, not when
the kiosk starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QIODevice, QObject, QTimer, Signal
from PySide6.QtGui import QImage, QImageWriter

from kiosk.logs import area_logger

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaCaptureSession, QVideoFrame

log = area_logger("camera")

FIRST_FRAME_MS = 5_000  # a camera that shows nothing by then is taken as failed
VIEWFINDER_MS = 100  # at most ten viewfinder pictures a second: each is converted on the CPU
JPEG_QUALITY = 90  # the trade service scales and re-encodes it for storage

Source = Callable[["QMediaCaptureSession"], QObject | None]


def system_camera(session: QMediaCaptureSession) -> QObject | None:
    """The station's default camera set on ``session``, or ``None`` when it has none."""
    from PySide6.QtMultimedia import QCamera, QMediaDevices

    device = QMediaDevices.defaultVideoInput()
    if device.isNull():
        inputs = QMediaDevices.videoInputs()
        if not inputs:
            return None
        device = inputs[0]
    camera = QCamera(device)
    session.setCamera(camera)
    return camera


def has_system_camera() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.videoInputs())


def jpeg_bytes(image: QImage, quality: int = JPEG_QUALITY) -> bytes:
    """``image`` as JPEG bytes (empty when it cannot be encoded)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # QImageWriter, as QImage.save does inside: its format is typed as PySide6 takes it.
    writer = QImageWriter(buffer, QByteArray(b"JPG"))
    writer.setQuality(quality)
    ok = writer.write(image.convertToFormat(QImage.Format.Format_RGB32))
    buffer.close()
    return bytes(data.data()) if ok else b""


class PhotoCamera(QObject):
    """``start()`` → :attr:`frame` (viewfinder pictures) → ``take()`` → :attr:`captured` (JPEG
    bytes); :attr:`failed` at any point means: use the pictogram. ``stop()`` frees the camera."""

    frame = Signal(QImage)
    captured = Signal(bytes)
    failed = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        source: Source = system_camera,
        available: Callable[[], bool] = has_system_camera,
        first_frame_ms: int = FIRST_FRAME_MS,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.probe = available
        self.first_frame_ms = first_frame_ms
        self._session: Any = None
        self._device: QObject | None = None
        self._capture: Any = None
        self._sink: Any = None
        self._seen_frame = False
        self.running = False
        self._since_last = QElapsedTimer()
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._no_picture)

    def available(self) -> bool:
        """Whether the station has a camera to offer (asked each time: one may be plugged in)."""
        try:
            return bool(self.probe())
        except Exception:  # a multimedia backend that cannot even list devices
            log.warning("camera devices could not be listed", exc_info=True)
            return False

    @property
    def ready(self) -> bool:
        """A picture has arrived: a still can be taken."""
        return self.running and self._seen_frame

    def start(self) -> None:
        self.stop()
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QVideoSink

        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setVideoSink(self._sink)
        self._capture = QImageCapture(self)
        self._session.setImageCapture(self._capture)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._capture.imageCaptured.connect(self._on_captured)
        self._capture.errorOccurred.connect(self._on_capture_error)
        self._seen_frame = False
        self.running = True
        try:
            self._device = self.source(self._session)
        except Exception:
            log.warning("the camera could not be opened", exc_info=True)
            self._device = None
        if self._device is None:
            self._fail("no camera")
            return
        if isinstance(self._device, QCamera):
            self._device.errorOccurred.connect(self._on_camera_error)
            if self._device.error() != QCamera.Error.NoError:
                self._fail("camera error")
                return
            self._device.start()
        self._since_last.invalidate()
        self._watchdog.start(self.first_frame_ms)

    def take(self) -> None:
        """Take the still; :attr:`captured` or :attr:`failed` follows."""
        if not self.ready or self._capture is None:
            self._fail("no picture to take")
            return
        if self._capture.capture() < 0:
            self._fail("still refused")

    def stop(self) -> None:
        self._watchdog.stop()
        self.running = False
        session, sink, capture, device = self._session, self._sink, self._capture, self._device
        self._session = self._sink = self._capture = self._device = None
        if session is None:
            return
        from PySide6.QtMultimedia import QCamera

        # Pictures already queued from this session must not reach a later one.
        sink.videoFrameChanged.disconnect(self._on_frame)
        capture.imageCaptured.disconnect(self._on_captured)
        capture.errorOccurred.disconnect(self._on_capture_error)
        if isinstance(device, QCamera):
            device.errorOccurred.disconnect(self._on_camera_error)
            device.stop()
        for thing in (capture, sink, device, session):
            if thing is not None:
                thing.deleteLater()

    # --- what the session reports ---------------------------------------------------------

    def _on_frame(self, frame: QVideoFrame) -> None:
        if not self.running or not frame.isValid():
            return
        self._seen_frame = True
        self._watchdog.stop()
        if self._since_last.isValid() and self._since_last.elapsed() < VIEWFINDER_MS:
            return
        self._since_last.start()
        image = frame.toImage()
        if not image.isNull():
            self.frame.emit(image)

    def _on_captured(self, _request: int, image: QImage) -> None:
        if not self.running:
            return
        data = jpeg_bytes(image) if not image.isNull() else b""
        if not data:
            self._fail("still empty")
            return
        self.captured.emit(data)

    def _on_camera_error(self, _error: object, _text: str) -> None:
        self._fail("camera error")

    def _on_capture_error(self, _request: int, _error: object, _text: str) -> None:
        self._fail("still failed")

    def _no_picture(self) -> None:
        self._fail("no picture in time")

    def _fail(self, why: str) -> None:
        if not self.running:
            return
        log.info("camera not used: %s", why)
        self.stop()
        self.failed.emit()


def codes_in(image: QImage) -> list[str]:
    """The text of every QR code zxing-cpp finds in a camera picture. The picture goes to it
    as a grey Pillow image (no numpy needed)."""
    import zxingcpp
    from PIL import Image

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    if grey.isNull() or grey.width() == 0 or grey.height() == 0:
        return []
    picture = Image.frombuffer(
        "L",
        (grey.width(), grey.height()),
        bytes(grey.constBits()),
        "raw",
        "L",
        grey.bytesPerLine(),
        1,
    )
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(picture, formats=qr_only)
    return [code.text for code in found if code.valid]
