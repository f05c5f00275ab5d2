"""What the kiosk keeps private: PINs only as slow hashes and never in the log, no names or
phones in the log after a whole visit, staff pages closed to a member, and the settings file and
database readable by the kiosk's user only."""

from __future__ import annotations

import hashlib
import logging
import stat
from pathlib import Path

import pytest

from kiosk.config import Settings
from kiosk.data.models import StaffRole
from kiosk.logs import setup_logging
from kiosk.security import hash_pin
from kiosk.ui.main_window import MainWindow
from tests.ui.helpers import enter_digits, kiosk_settings, open_window, sign_in_at_desk, tap, tile

NAME, PHONE, PIN = "Guadalupe Ríos", "6145550177", "482913"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = kiosk_settings(tmp_path / "data", printer="pdf")
    setup_logging(settings.data_dir, level=logging.DEBUG)
    win = open_window(qtbot, settings)
    yield win
    for handler in list(logging.getLogger("kiosk").handlers):
        if getattr(handler, "_kiosk", False):
            logging.getLogger("kiosk").removeHandler(handler)
            handler.close()


def test_a_whole_visit_leaves_no_name_phone_or_pin_in_the_log(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # A new member registers on the keypad and keyboard, signs up for a course, and a staff
    # member signs in with her PIN (one wrong PIN first).
    from datetime import UTC, datetime, timedelta

    trainings = window.training_board.trainings
    course = trainings.create_training("Panadería", "panaderia")
    starts = datetime.now(UTC) + timedelta(days=2)
    trainings.add_session(course.id, starts, starts + timedelta(hours=2), "Cocina", 10)
    window.staff_service.add("Irma Villalobos", StaffRole.STAFF, PIN)

    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    enter_digits(qtbot, window.pages["signin"].keypad, PHONE)
    tap(qtbot, tile(window, "confirm_yes"))  # "¿Quieres registrarte?"
    keyboard = window.pages["register_name"].keyboard
    keyboard.set_text(NAME)
    tap(qtbot, keyboard.submit_button)
    tap(qtbot, tile(window, "answer_yes"))  # privacy notice
    assert window.current_page().objectName() == "training_childcare"
    tap(qtbot, tile(window, "training_sign_up"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=60_000):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    window.sign_out()
    for pin in ("111111", PIN):
        window.go_home()
        sign_in_at_desk(qtbot, window, "Irma Villalobos", pin)
        window.message_overlay.hide()
    assert window.current_page().objectName() == "staff_desk"

    log = (window.settings.data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "enrollment" in log and "voucher" in log  # the visit was logged...
    for secret in (NAME, "Guadalupe", "Ríos", PHONE, PHONE[-4:], "Irma", PIN):
        assert secret not in log, secret  # ...without who she is


def test_pins_are_kept_as_slow_salted_hashes() -> None:
    first, second = hash_pin(PIN), hash_pin(PIN)
    assert PIN not in first and first != second  # salted
    scheme, n, r, _p, _salt, _digest = first.split("$")
    assert scheme == "scrypt" and int(n) >= 2**14 and int(r) >= 8
    assert hashlib.sha256(PIN.encode()).hexdigest() not in first


def test_staff_pages_are_closed_to_a_signed_in_member(window: MainWindow) -> None:
    window.visit.member = window.members.register(NAME, PHONE, consent=True)
    closed = window.staff_only_pages()
    assert len(closed) > 10
    for name in closed:
        window.open(name)
        assert window.current_page().objectName() == "staff", name


def test_settings_and_database_are_readable_by_the_kiosk_user_only(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", station="childcare")
    written = settings.save(tmp_path / "settings.toml")
    assert mode(written) == 0o600
    from kiosk.app import init_database

    context = init_database(settings)
    context.session_factory().close()
    with context.session_factory.begin() as s:
        from kiosk.data.models import Member

        s.add(Member(name=NAME, phone=PHONE))
    database = settings.data_dir / "kiosk.sqlite3"
    found = sorted(settings.data_dir.glob("kiosk.sqlite3*"))
    assert database in found and len(found) >= 2  # the database and its write-ahead log
    for path in found:
        assert mode(path) & 0o077 == 0, path.name
    context.engine.dispose()
