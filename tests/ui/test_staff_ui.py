"""The staff desk: name, PIN, lockout, pending work with counts; never reachable without a PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.app import create_window
from kiosk.config import Settings
from kiosk.data.models import StaffRole
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.ui.helpers import show


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", kiosk_mode=False, speech_enabled=False)
    win = create_window(settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    show(qtbot, win)
    return win


def tap(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def visible_tile(window: MainWindow, name: str) -> BigTile:
    (found,) = [t for t in window.findChildren(BigTile, name) if t.isVisible()]
    return found


def sign_in(qtbot, window: MainWindow, name: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, visible_tile(window, "tile_staff"))
    assert window.current_page().objectName() == "staff"
    (tile,) = [t for t in window.findChildren(BigTile) if t.isVisible() and t.text() == name]
    tap(qtbot, tile)
    assert window.current_page().objectName() == "staff_pin"
    keypad = window.pages["staff_pin"].keypad
    for digit in pin:
        tap(qtbot, keypad.digit_keys[digit])
    assert "•" in keypad.display_text() and pin not in keypad.display_text()
    tap(qtbot, keypad.submit_button)


def test_staff_pages_are_unreachable_without_a_pin(window: MainWindow) -> None:
    staff_only = window.staff_only_pages()
    assert {"staff_desk", "staff_help_calls", "staff_print_queue", "staff_jobs"} <= staff_only
    for name in staff_only:
        window.open(name)
        assert window.current_page().objectName() == "staff", name


def test_staff_signs_in_and_sees_pending_work(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_service.add("Irma Villalobos", StaffRole.STAFF, "482913")
    window.help_calls.call("PC 2", "jobs")
    sign_in(qtbot, window, "Irma Villalobos", "482913")
    assert window.current_page().objectName() == "staff_desk"
    assert visible_tile(window, "desk_help").text() == "Llamadas de ayuda: 1"
    assert visible_tile(window, "desk_print").text() == "Por imprimir: 0"
    tap(qtbot, visible_tile(window, "desk_help"))
    assert window.current_page().objectName() == "staff_help_calls"
    call = visible_tile(window, "staff_help_calls_0")
    assert call.text().startswith("PC 2")
    tap(qtbot, call)
    assert window.help_calls.open_calls() == []
    assert window.pages["staff_help_calls"].empty.isVisible()
    tap(qtbot, visible_tile(window, "nav_back"))
    tap(qtbot, visible_tile(window, "desk_sign_out"))
    assert window.staff_user is None
    window.open("staff_desk")
    assert window.current_page().objectName() == "staff"


def test_five_wrong_pins_lock_the_keypad(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_service.add("Irma", StaffRole.STAFF, "482913")
    for _attempt in range(4):
        sign_in(qtbot, window, "Irma", "1111")
        assert "no es correcto" in window.message_overlay.text()
        window.message_overlay.hide()
        window.go_home()
    sign_in(qtbot, window, "Irma", "1111")
    assert "Espera 30 segundos" in window.message_overlay.text()
    window.message_overlay.hide()
    window.go_home()
    sign_in(qtbot, window, "Irma", "482913")  # the right PIN, but still locked
    assert "Espera" in window.message_overlay.text()
    assert window.staff_user is None
    assert window.staff_service.audit_count("staff.locked") == 1


def test_volunteers_reach_only_childcare(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_service.add("Lupe", StaffRole.VOLUNTEER, "5566")
    sign_in(qtbot, window, "Lupe", "5566")
    assert window.current_page().objectName() == "childcare"
    window.open("staff_desk")
    assert window.current_page().objectName() == "staff"


def test_idle_ends_the_staff_session(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_service.add("Irma", StaffRole.STAFF, "482913")
    sign_in(qtbot, window, "Irma", "482913")
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
    sign_in(qtbot, win, "Irma", "482913")
    tap(qtbot, visible_tile(win, "desk_leave"))
    assert win.confirm_overlay.isVisible()
    tap(qtbot, visible_tile(win, "confirm_yes"))
    assert not win.isVisible()
