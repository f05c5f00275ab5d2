"""The staff desk: name, PIN, lockout, pending work with counts; never reachable without a PIN."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app import create_window
from kiosk.config import Settings
from kiosk.data.models import StaffRole
from kiosk.ui.main_window import MainWindow
from tests.ui.helpers import make_window, show, sign_in_at_desk, tap, tile


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path, size=(1366, 768))


def test_staff_pages_are_unreachable_without_a_pin(window: MainWindow) -> None:
    staff_only = window.staff_only_pages()
    assert {"staff_desk", "staff_help_calls", "staff_print_queue", "staff_jobs"} <= staff_only
    for name in staff_only:
        window.open(name)
        assert window.current_page().objectName() == "staff", name


def test_staff_signs_in_and_sees_pending_work(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_service.add("Irma Villalobos", StaffRole.STAFF, "482913")
    window.help_calls.call("PC 2", "jobs")
    sign_in_at_desk(qtbot, window, "Irma Villalobos", "482913")
    assert window.current_page().objectName() == "staff_desk"
    assert tile(window, "desk_help").text() == "Llamadas de ayuda: 1"
    assert tile(window, "desk_print").text() == "Por imprimir: 0"
    tap(qtbot, tile(window, "desk_help"))
    assert window.current_page().objectName() == "staff_help_calls"
    call = tile(window, "staff_help_calls_0")
    assert call.text().startswith("PC 2")
    tap(qtbot, call)
    assert window.help_calls.open_calls() == []
    assert window.pages["staff_help_calls"].empty.isVisible()
    tap(qtbot, tile(window, "nav_back"))
    tap(qtbot, tile(window, "nav_sign_out"))
    assert window.staff_user is None
    window.open("staff_desk")
    assert window.current_page().objectName() == "staff"


def test_five_wrong_pins_lock_the_keypad(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_service.add("Irma", StaffRole.STAFF, "482913")
    for _attempt in range(4):
        sign_in_at_desk(qtbot, window, "Irma", "1111")
        assert "no es correcto" in window.message_overlay.text()
        window.message_overlay.hide()
        window.go_home()
    sign_in_at_desk(qtbot, window, "Irma", "1111")
    assert "Espera 30 segundos" in window.message_overlay.text()
    window.message_overlay.hide()
    window.go_home()
    sign_in_at_desk(qtbot, window, "Irma", "482913")  # the right PIN, but still locked
    assert "Espera" in window.message_overlay.text()
    assert window.staff_user is None
    assert window.staff_service.audit_count("staff.locked") == 1


def test_volunteers_reach_only_childcare(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_service.add("Lupe", StaffRole.VOLUNTEER, "5566")
    sign_in_at_desk(qtbot, window, "Lupe", "5566")
    assert window.current_page().objectName() == "childcare"
    window.open("staff_desk")
    assert window.current_page().objectName() == "staff"


def test_idle_ends_the_staff_session(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_service.add("Irma", StaffRole.STAFF, "482913")
    sign_in_at_desk(qtbot, window, "Irma", "482913")
    window.idle.configure(idle_ms=20, tick_ms=5)
    window.idle.start()
    with qtbot.waitSignal(window.idle.timed_out, timeout=5000):
        pass
    assert window.staff_user is None
    assert window.current_page().objectName() == "home"


def test_staff_pin_is_the_only_way_out_of_kiosk_mode(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "k", kiosk_mode=True, speech_enabled=False)
    win = create_window(settings)
    qtbot.addWidget(win)
    show(qtbot, win)
    assert win.close() is False
    win.staff_service.add("Irma", StaffRole.STAFF, "482913")
    sign_in_at_desk(qtbot, win, "Irma", "482913")
    tap(qtbot, tile(win, "desk_leave"))
    assert win.confirm_overlay.isVisible()
    tap(qtbot, tile(win, "confirm_yes"))
    assert not win.isVisible()
