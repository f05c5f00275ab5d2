"""Signing in without sixteen taps: her member card read by a USB scanner (a keyboard that types
the QR code's text fast and ends with Enter) anywhere in the window, or by the station's camera
on "Mostrar credencial". A replaced card and a garbled code are refused with a sentence saying
to ask at the desk, and a person typing on a keyboard is never taken for a scanner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.i18n import _
from kiosk.services.cards import CARD_PREFIX
from kiosk.slip_options import SlipOptions
from kiosk.ui.main_window import MainWindow
from tests.conftest import require
from tests.ui.camera_fakes import FakeWebcam
from tests.ui.helpers import make_window, open_jobs, page, tap, tile

PHONE = "6145551234"


def _window(qtbot, tmp_path: Path) -> tuple[MainWindow, int]:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    ana = window.members.register("Ana Lucía Quintero", PHONE, consent=True)
    return window, ana.id


def scan(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    """What a USB scanner does: type the code's text into the window, fast, then Enter.
    Its pace is a scanner's, 5 ms a key, on the scanner's clock: a test machine busy with
    other work must not make the keys look typed by hand."""
    now = [0]

    def scanner_pace() -> int:
        now[0] += 5
        return now[0]

    window.card_scanner.clock = scanner_pace
    qtbot.keyClicks(window, text)
    qtbot.keyClick(window, Qt.Key.Key_Return)


def test_a_scanned_card_signs_her_in_from_home(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ana = _window(qtbot, tmp_path)
    code = window.cards.issue(ana).code
    assert page(window) == "home" and window.visit.member is None
    with qtbot.waitSignal(window.speaker.spoken) as said:
        scan(qtbot, window, code)
    assert window.visit.member is not None and window.visit.member.id == ana
    assert page(window) == "home"
    assert said.args[0] == _("Hello, {name}.").format(name="Ana")


def test_a_scanned_card_signs_her_in_where_she_is(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ana = _window(qtbot, tmp_path)
    code = window.cards.issue(ana).code
    open_jobs(qtbot, window)
    scan(qtbot, window, code)
    assert window.visit.member is not None and window.visit.member.id == ana
    assert page(window) == "jobs"  # she stays on the page she was using


def test_a_scan_on_the_sign_in_page_goes_where_she_was_going(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ana = _window(qtbot, tmp_path)
    code = window.cards.issue(ana).code
    window.sign_in("jobs")
    assert page(window) == "signin"
    scan(qtbot, window, code)
    assert window.visit.member is not None and window.visit.member.id == ana
    assert page(window) == "jobs"
    assert window.pages["signin"].keypad.text() == ""  # no digit of the code reached it


def test_a_replaced_card_is_refused_and_says_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ana = _window(qtbot, tmp_path)
    lost = window.cards.issue(ana).code
    window.cards.issue(ana)  # "Credencial nueva" at the desk
    sentence = _("This card was replaced by a new one. Ask at the desk.")
    with qtbot.waitSignal(window.speaker.spoken) as said:
        scan(qtbot, window, lost)
    assert window.visit.member is None
    assert window.message_overlay.isVisible()
    assert sentence in window.message_overlay.text()
    assert said.args[0] == sentence


def test_a_random_or_garbled_code_is_refused(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ana = _window(qtbot, tmp_path)
    window.cards.issue(ana)
    sentence = _("This card cannot be read. Ask at the desk.")
    for code in (CARD_PREFIX + "ABCDEFGHJKLMNPQRSTUV", CARD_PREFIX + "X7Q"):
        with qtbot.waitSignal(window.speaker.spoken) as said:
            scan(qtbot, window, code)
        assert window.visit.member is None
        assert sentence in window.message_overlay.text()
        assert said.args[0] == sentence
        window.message_overlay.hide()


def test_typing_on_the_keyboard_page_is_not_taken_for_a_scan(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ana = _window(qtbot, tmp_path)
    code = window.cards.issue(ana).code
    window.sign_in("home")
    window.open("register_name")
    keyboard = window.pages["register_name"].keyboard
    # A name that starts like a card, typed at a scanner's speed: every letter arrives.
    qtbot.keyClicks(keyboard, "Cenobia")
    assert keyboard.text().lower() == "cenobia"
    keyboard.clear()
    # A person typing a card's whole text, at a person's speed, is typing a name.
    now = [0]

    def clock() -> int:
        now[0] += 150
        return now[0]

    window.card_scanner.clock = clock
    qtbot.keyClicks(keyboard, code)
    # (The keyboard page takes letters only.) A last "C" could start a card and is handed on
    # after the scanner's pause, like any letter a person types and then stops.
    expected = "".join(ch for ch in code.lower() if ch.isalpha())
    qtbot.waitUntil(lambda: keyboard.text().lower() == expected, timeout=2_000)
    assert window.visit.member is None
    # One letter that could start a card, then nothing: it arrives all the same.
    keyboard.clear()
    window.card_scanner.clock = lambda: 0
    qtbot.keyClicks(keyboard, "C")
    qtbot.waitUntil(lambda: keyboard.text().lower() == "c", timeout=2_000)
    assert window.visit.member is None


def test_digits_typed_on_the_keypad_still_arrive(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, _ana = _window(qtbot, tmp_path)
    window.sign_in("home")
    keypad = window.pages["signin"].keypad
    qtbot.keyClicks(keypad, PHONE)
    assert keypad.text().replace(" ", "") == PHONE


def _printed_card_picture(window: MainWindow, member_id: int, tmp_path: Path) -> QImage:
    """The card as printed (its slip PDF rendered at 150 dpi), held up in front of a webcam:
    the paper in the middle of a grey 1280 × 720 picture."""
    require(bool(shutil.which("pdftoppm")), "poppler-utils (apt-get install poppler-utils)")
    printed = window.cards.print_card(member_id, SlipOptions())
    (tmp_path / "card.pdf").write_bytes(window.vouchers.pdf(printed.voucher_number))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "card.pdf", tmp_path / "card"],
        check=True,
    )
    card = QImage(str(tmp_path / "card.png"))
    assert not card.isNull()
    card = card.scaledToHeight(680, Qt.TransformationMode.SmoothTransformation)
    frame = QImage(1280, 720, QImage.Format.Format_RGB32)
    frame.fill(QColor("#6d6d6d"))
    painter = QPainter(frame)
    painter.drawImage((1280 - card.width()) // 2, 20, card)
    painter.end()
    return frame


def test_the_webcam_reads_her_printed_card_and_signs_her_in(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ana = _window(qtbot, tmp_path)
    webcam = FakeWebcam()
    webcam.image = _printed_card_picture(window, ana, tmp_path)
    camera = window.pages["signin"].camera
    assert camera is not None
    camera.source = webcam
    camera.probe = lambda: True
    tap(qtbot, tile(window, "tile_member"))
    assert page(window) == "signin"
    tap(qtbot, tile(window, "signin_show_card"))
    assert page(window) == "signin_camera"
    qtbot.waitUntil(lambda: window.visit.member is not None, timeout=15_000)
    assert window.visit.member is not None and window.visit.member.id == ana
    assert page(window) == "home"
    assert not camera.running  # the camera is let go once her card is read


def test_without_a_camera_the_sign_in_page_offers_only_the_keypad(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, _ana = _window(qtbot, tmp_path)
    camera = window.pages["signin"].camera
    assert camera is not None
    camera.probe = lambda: False
    tap(qtbot, tile(window, "tile_member"))
    assert page(window) == "signin"
    assert not window.pages["signin"].show_card.isVisible()
    assert window.pages["signin"].keypad.isVisible()


def test_staff_register_her_print_her_card_and_replace_a_lost_one(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.services.cards import CardReplaced
    from tests.pdfs import scanned_codes
    from tests.ui.helpers import desk_tile, enter_digits, enter_words
    from tests.ui.test_staff_desk_ui import sign_in_staff

    window = make_window(qtbot, tmp_path, printer="pdf")
    slips = tmp_path / "data" / "slips"
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_members"))
    # A woman new to the centre, registered at the desk.
    tap(qtbot, tile(window, "staff_members_register"))
    assert page(window) == "signin"
    enter_digits(qtbot, window.pages["signin"].keypad, "6145550303")
    tap(qtbot, tile(window, "confirm_yes"))  # "¿Quieres registrarte?"
    enter_words(qtbot, window.pages["register_name"].keyboard, "rosa elena vega")
    tap(qtbot, tile(window, "answer_yes"))  # Acepto
    assert page(window) == "staff_member"
    member = window.visit.member
    assert member is not None and window.visit.staff is not None
    assert window.confirm_overlay.isVisible()  # "¿Imprimir su credencial?"
    with qtbot.waitSignal(window.slip_desk.printed, timeout=60_000):
        tap(qtbot, tile(window, "confirm_yes"))
    (first,) = slips.glob("member_card-*.pdf")
    (code,) = scanned_codes(first, tmp_path, "qrcode")
    assert window.cards.sign_in(code).id == member.id
    tap(qtbot, tile(window, "message_ok"))
    # She lost it: "Credencial nueva" from her record, asked first.
    tap(qtbot, tile(window, "staff_member_data"))
    tap(qtbot, tile(window, "staff_member_new_card"))
    assert "Rosa" in window.confirm_overlay.text()
    with qtbot.waitSignal(window.slip_desk.printed, timeout=60_000):
        tap(qtbot, tile(window, "confirm_yes"))
    replaced = _("Her new card is printing. The old one no longer works.")
    assert replaced in window.message_overlay.text()
    (second,) = set(slips.glob("member_card-*.pdf")) - {first}
    (tmp_path / "new").mkdir()
    (new_code,) = scanned_codes(second, tmp_path / "new", "qrcode")
    assert new_code != code
    assert window.cards.sign_in(new_code).id == member.id
    with pytest.raises(CardReplaced):
        window.cards.sign_in(code)
