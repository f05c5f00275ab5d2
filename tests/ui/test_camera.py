"""The webcam path on its own: the real capture session, sink and still capture fed by a frame
input; and every way a camera can be missing or fail ends in ``failed``, never an error."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from kiosk.ui.camera import PhotoCamera, has_system_camera, system_camera
from tests.ui.camera_fakes import FakeWebcam, broken_camera, failing_source, silent_source


def test_the_viewfinder_shows_pictures_and_the_still_is_a_jpeg(qtbot) -> None:  # type: ignore[no-untyped-def]
    webcam = FakeWebcam(1280, 720)
    camera = PhotoCamera(source=webcam, available=lambda: True)
    assert camera.available()
    with qtbot.waitSignal(camera.frame, timeout=10_000) as shown:
        camera.start()
    assert shown.args[0].size().width() == 1280
    qtbot.waitUntil(lambda: camera.ready)
    with qtbot.waitSignal(camera.captured, timeout=10_000) as taken:
        camera.take()
    with Image.open(io.BytesIO(taken.args[0])) as still:
        assert still.format == "JPEG" and still.size == (1280, 720)
        # The test card's colour came through the session.
        red, green, blue = still.convert("RGB").getpixel((10, 10))
        assert red > 180 and green < 120 and blue < 60
    camera.stop()
    assert not camera.running and not camera.ready


@pytest.mark.parametrize("source", [broken_camera, failing_source, lambda _session: None])
def test_a_camera_that_cannot_open_reports_failed(qtbot, source) -> None:  # type: ignore[no-untyped-def]
    camera = PhotoCamera(source=source, available=lambda: True)
    with qtbot.waitSignal(camera.failed, timeout=5_000):
        camera.start()
    assert not camera.running


def test_a_camera_that_shows_nothing_is_given_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    camera = PhotoCamera(source=silent_source, available=lambda: True, first_frame_ms=200)
    camera.start()
    with qtbot.waitSignal(camera.failed, timeout=5_000):
        pass
    assert not camera.ready
    with qtbot.waitSignal(camera.failed, timeout=1_000):
        camera.running = True  # a tap on "take" with no picture still ends calmly
        camera.take()


def test_this_station_has_no_camera_and_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The real device list of a machine without a webcam (CI): nothing to offer, and the real
    source finds nothing to open."""
    assert has_system_camera() is False
    camera = PhotoCamera()
    assert not camera.available()
    with qtbot.waitSignal(camera.failed, timeout=5_000):
        camera.start()
    from PySide6.QtMultimedia import QMediaCaptureSession

    assert system_camera(QMediaCaptureSession()) is None


def test_listing_devices_that_breaks_means_no_camera(qtbot) -> None:  # type: ignore[no-untyped-def]
    def broken() -> bool:
        raise RuntimeError("no backend")

    assert PhotoCamera(available=broken).available() is False
