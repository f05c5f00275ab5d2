"""The kiosk's timers: each owned by the object it serves (it stops with it) and calling one
thing when it runs out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, SignalInstance


def timer(
    parent: QObject,
    then: Callable[[], object] | SignalInstance,
    ms: int | None = None,
    *,
    once: bool = True,
) -> QTimer:
    """A timer of ``ms`` milliseconds (set later when None) calling ``then``; ``once``: it
    does not start again by itself."""
    made = QTimer(parent)
    made.setSingleShot(once)
    if ms is not None:
        made.setInterval(ms)
    made.timeout.connect(then)
    return made
