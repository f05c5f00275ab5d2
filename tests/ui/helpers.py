"""Shared steps of the window tests."""

from __future__ import annotations

from kiosk.ui.main_window import MainWindow


def show(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Show the window and wait until its start page has spoken its welcome, so what a test
    hears next is its own doing."""
    with qtbot.waitSignal(window.speaker.spoken):
        window.show_for_station()
