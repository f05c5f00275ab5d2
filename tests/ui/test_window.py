"""The window opens on the database, locked in kiosk mode, and its home tiles lead somewhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.app import create_window
from kiosk.config import Settings


def _window(qtbot, tmp_path: Path, **changes):  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", **changes)
    window = create_window(settings)
    qtbot.addWidget(window)
    return window, settings


def test_window_creates_the_database_and_shows_home(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, settings = _window(qtbot, tmp_path, kiosk_mode=False)
    with qtbot.waitSignal(window.ready):
        window.show_for_station()
    assert settings.sqlite_path.exists()
    assert window.current_page().objectName() == "home"
    tiles = window.home.findChildren(QPushButton)
    assert [t.text() for t in tiles] == [
        "Empleo",
        "Comercio",
        "Programas",
        "Cursos",
        "Guardería",
        "Personal",
    ]


def test_a_tile_opens_its_page_and_home_returns(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, _settings = _window(qtbot, tmp_path, kiosk_mode=False)
    window.show_for_station()
    tile = window.home.findChild(QPushButton, "tile_jobs")
    with qtbot.waitSignal(window.speaker.spoken):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.current_page().objectName() == "jobs"
    qtbot.mouseClick(
        window.current_page().findChild(QPushButton, "nav_home"), Qt.MouseButton.LeftButton
    )
    assert window.current_page().objectName() == "home"


def test_kiosk_mode_refuses_close_and_escape(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, _settings = _window(qtbot, tmp_path, kiosk_mode=True)
    with qtbot.waitSignal(window.ready):
        window.show_for_station()
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.close() is False
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible()
    window.allow_close()
    assert window.close() is True
