"""Shared steps of the window tests."""

from __future__ import annotations

from kiosk.ui.main_window import MainWindow


def show(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Show the window and wait until its start page has spoken its welcome, so what a test
    hears next is its own doing."""
    with qtbot.waitSignal(window.speaker.spoken):
        window.show_for_station()


def desk_tile(qtbot, window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    """The staff desk's tile ``name``, after paging the desk to it as staff would."""
    from PySide6.QtCore import Qt

    desk = window.desk
    assert window.current_page() is desk
    while desk.pager.page < desk.page_of(name):
        qtbot.mouseClick(desk.pager.next_button, Qt.MouseButton.LeftButton)
    while desk.pager.page > desk.page_of(name):
        qtbot.mouseClick(desk.pager.previous_button, Qt.MouseButton.LeftButton)
    button = desk.buttons[name]
    assert button.isVisible(), name
    return button
