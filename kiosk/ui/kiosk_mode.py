"""Kiosk mode: a window that covers the whole screen and that neither the keyboard nor the
window manager can close, until staff leave kiosk mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QMainWindow

from kiosk.config import Settings


class KioskModeWindow(QMainWindow):
    """With the setting ``kiosk_mode`` off, an ordinary 1366 × 768 window (for staff trying
    the kiosk on their own computer)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self._allow_close = False

    def show_as_kiosk(self) -> None:
        if self.settings.kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            # Without a window manager (a kiosk PC often has none) full screen is only a
            # request: cover the screen ourselves too.
            self.setGeometry(self.screen().geometry())
            self.showFullScreen()
        else:
            self.resize(1366, 768)
            self.show()

    def allow_close(self) -> None:
        """Staff leave kiosk mode."""
        self._allow_close = True

    def closing(self) -> None:
        """What the window lets go of when it really closes."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings.kiosk_mode and not self._allow_close:
            event.ignore()
            return
        self.closing()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.settings.kiosk_mode and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4):
            event.accept()
            return
        super().keyPressEvent(event)
