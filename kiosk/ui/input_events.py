"""The window's one application-wide event filter, for what watches taps and keys anywhere.

Every event of every widget (paints, layouts, shows: a couple of hundred at each page change)
passes through an application's event filters, and each filter written in Python costs a call
into Python for each one. The idle time, the PIN's own clock and the card scanner only want
taps and keys: this one filter hands them just those.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

# What a person does: a tap, a touch, a key (a USB card scanner types keys too), a scroll.
INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class Watcher(Protocol):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool: ...


class InputEvents(QObject):
    """Hands the ``INPUT`` events of the whole application to its watchers, the one added last
    first (as Qt orders its own filters); a watcher that returns True keeps the event from the
    others and from its widget."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watchers: list[Watcher] = []
        self._installed = False

    def add(self, watcher: Watcher) -> None:
        if watcher not in self._watchers:
            self._watchers.insert(0, watcher)

    def install(self) -> None:
        """Start filtering the running application's events."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in INPUT:
            return False
        return any(watcher.eventFilter(watched, event) for watcher in self._watchers)
