"""Faces at the childcare door, driven by taps: the mother says yes to her child's photo, the
volunteer takes it with the station's webcam (a QVideoFrameInput playing a test card through
the real capture session), and the child's face shows on the page that saves her, on her card,
on the room board, on the pick-up page and on her printed label. Without the mother's yes the
camera never opens; a station without a camera says so once."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from pypdf import PdfReader
from PySide6.QtGui import QColor

from kiosk.ui.main_window import MainWindow
from tests.ui.camera_fakes import FakeWebcam
from tests.ui.helpers import enter_words, tap, tile, tile_showing, type_digits
from tests.ui.test_childcare_ui import (
    PHONE,
    PRINT_WAIT_MS,
    childcare_window,
    close_message,
    start_shift,
    type_code,
)

CARD_ORANGE = QColor("#d84315")  # the test card's colour (camera_fakes.picture)


def page(window: MainWindow) -> str:
    return window.current_page().objectName()


def with_webcam(window: MainWindow) -> FakeWebcam:
    fake = FakeWebcam(1280, 720)
    window.childcare.camera.source = fake
    window.childcare.camera.probe = lambda: True
    return fake


def register_lucia(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Her name and birth date, no allergy: the next question is the photo (or the people)."""
    tap(qtbot, tile(window, "childcare_new_tile"))
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, PHONE)
    tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    enter_words(qtbot, window.pages["childcare_new_name"].keyboard, "lucía torres")
    tap(qtbot, tile(window, "childcare_birth_done"))
    tap(qtbot, tile(window, "childcare_new_allergy_0"))  # no allergy


def near_orange(rgb: tuple[int, ...]) -> bool:
    """Within JPEG error of the test card's orange."""
    return all(abs(a - b) < 24 for a, b in zip(rgb[:3], CARD_ORANGE.getRgb()[:3], strict=True))


def is_test_card(pixmap, x: int, y: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether the pixel is the test card's orange (the photo shows, not a pictogram)."""
    return near_orange(pixmap.toImage().pixelColor(x, y).getRgb())


def save_and_check_in(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "childcare_new_save"))
    assert "Lucía" in close_message(qtbot, window)
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "childcare_children_go"))
    tap(qtbot, tile(window, "childcare_checked_in_done"))


def test_with_her_mothers_yes_the_face_is_on_the_board_the_pickup_and_the_label(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = childcare_window(qtbot, tmp_path)
    webcam = with_webcam(window)
    start_shift(qtbot, window)
    register_lucia(qtbot, window)
    # Her own question, with pictures, asked after the health questions.
    assert page(window) == "childcare_new_photo_consent"
    question = window.pages["childcare_new_photo_consent"].statement.text()
    assert "¿Tomamos una foto de tu niña o niño para reconocerlo a la salida?" in question
    assert tile(window, "childcare_photo_yes").text() == "Sí, foto"
    assert tile(window, "childcare_photo_no").text() == "Sin foto"
    tap(qtbot, tile(window, "childcare_photo_yes"))
    assert page(window) == "childcare_new_photo"
    camera = window.childcare.camera
    qtbot.waitUntil(lambda: camera.ready, timeout=10_000)
    viewfinder = window.pages["childcare_new_photo"].viewfinder
    qtbot.waitUntil(lambda: not viewfinder.pixmap().isNull(), timeout=10_000)
    tap(qtbot, tile(window, "childcare_take_photo"))
    qtbot.waitUntil(lambda: page(window) == "childcare_new_people", timeout=10_000)
    assert not camera.running  # the camera is let go once the photo is taken
    face = window.pages["childcare_new_people"].face.pixmap()
    assert is_test_card(face, 8, face.height() // 2)
    save_and_check_in(qtbot, window)

    # The room board: her photo where the other children have their pictogram.
    tap(qtbot, tile(window, "childcare_room_tile"))
    (card,) = [c for c in window.pages["childcare_room"].cards if c.isVisible()]
    assert card.name.text().startswith("Lucía Torres")
    assert card.has_face and is_test_card(card.picture.pixmap(), 4, 48)
    tap(qtbot, tile(window, "nav_back"))

    # The check-out page: her face beside the code, to match before handing her over.
    code = window.childcare.service.open_codes()[0].code
    tap(qtbot, tile(window, "childcare_out"))
    type_code(qtbot, window, code)
    assert page(window) == "childcare_pickup"
    strip = window.pages["childcare_pickup"].faces
    assert strip.with_photo == [True]
    assert strip.names[0].text() == "Lucía"
    assert is_test_card(strip.faces[0].pixmap(), 4, 60)

    # Her label, as printed: the photo is on it (pictograms and codes are drawn as shapes).
    (pdf,) = (tmp_path / "data" / "slips").glob("pickup-*.pdf")
    (printed,) = [p.image for pg in PdfReader(pdf).pages for p in pg.images]
    stored = window.childcare.service.photo(window.childcare.service.room().children[0].child_id)
    assert stored is not None
    with Image.open(io.BytesIO(stored)) as kept:
        assert printed.size == (min(kept.size), min(kept.size))
    assert near_orange(printed.convert("RGB").getpixel((4, 4)))
    assert webcam.feeds  # the frames came through the real capture session


def test_without_her_yes_the_camera_never_opens_and_nothing_else_changes(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = childcare_window(qtbot, tmp_path)
    webcam = with_webcam(window)
    start_shift(qtbot, window)
    register_lucia(qtbot, window)
    assert page(window) == "childcare_new_photo_consent"
    tap(qtbot, tile(window, "childcare_photo_no"))
    assert page(window) == "childcare_new_people"
    assert webcam.feeds == [] and not window.childcare.camera.running
    save_and_check_in(qtbot, window)
    (lucia,) = [c for c in window.childcare.service.room().children if c.first_name == "Lucía"]
    assert not lucia.has_photo
    assert window.childcare.service.child(lucia.child_id).photo_consent_at is None
    tap(qtbot, tile(window, "childcare_room_tile"))
    (card,) = [c for c in window.pages["childcare_room"].cards if c.isVisible()]
    assert not card.has_face and not is_test_card(card.picture.pixmap(), 30, 30)
    (pdf,) = (tmp_path / "data" / "slips").glob("pickup-*.pdf")
    assert [p for pg in PdfReader(pdf).pages for p in pg.images] == []


def test_a_station_without_a_camera_skips_the_photo_and_says_so_once(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = childcare_window(qtbot, tmp_path)  # no webcam
    start_shift(qtbot, window)
    register_lucia(qtbot, window)
    assert page(window) == "childcare_new_people"  # no photo question without a camera
    assert "no tiene cámara" in close_message(qtbot, window)
    tap(qtbot, tile(window, "childcare_new_save"))
    close_message(qtbot, window)
    # Her sister: straight on to the people, not told again.
    tap(qtbot, tile(window, "childcare_children_new"))
    enter_words(qtbot, window.pages["childcare_new_name"].keyboard, "ana torres")
    tap(qtbot, tile(window, "childcare_birth_done"))
    tap(qtbot, tile(window, "childcare_new_allergy_0"))
    assert page(window) == "childcare_new_people"
    assert not window.message_overlay.isVisible()


def test_a_camera_that_fails_registers_her_with_her_pictogram(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.camera_fakes import silent_source

    window = childcare_window(qtbot, tmp_path)
    camera = window.childcare.camera
    camera.source = silent_source
    camera.probe = lambda: True
    camera.first_frame_ms = 300
    start_shift(qtbot, window)
    register_lucia(qtbot, window)
    tap(qtbot, tile(window, "childcare_photo_yes"))
    qtbot.waitUntil(lambda: page(window) == "childcare_new_people", timeout=10_000)
    assert "cámara no funciona" in close_message(qtbot, window)
    tap(qtbot, tile(window, "childcare_new_save"))
    close_message(qtbot, window)
    lucia = tile_showing(window, "childcare_child_", "Lucía")
    assert lucia.photo is None
