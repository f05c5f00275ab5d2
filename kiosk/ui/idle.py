"""Idle: after a while with no touch, a spoken, pictured warning with a countdown and a big
"Sigo aquí"; when it runs out, the kiosk goes home and forgets the visit (DESIGN.md 3.9)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.i18n import _
from kiosk.ui.input_events import INPUT
from kiosk.ui.timers import timer
from kiosk.ui.widgets import BigTile, Speaks
from kiosk.ui.widgets.overlays import Overlay

STILL_HERE_COLOUR = "#2e7d32"


class IdleOverlay(Overlay):
    still_here = Signal()

    def __init__(self, parent: QWidget, speaker: Speaks | None = None) -> None:
        super().__init__(parent, speaker)
        self.setObjectName("idleOverlay")
        self.count_label = QLabel(self.card)
        self.count_label.setObjectName("idleCountdown")
        font = QFont(self.count_label.font())
        font.setPixelSize(96)
        font.setBold(True)
        self.count_label.setFont(font)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(self.count_label)
        self.button = BigTile(
            "action.still_here",
            _("I'm still here"),
            _("I'm still here"),
            speaker=speaker,
            colour=STILL_HERE_COLOUR,
            parent=self,
        )
        self.button.setObjectName("still_here")
        self.button.setMinimumHeight(140)
        row = QHBoxLayout()
        row.addWidget(self.button)
        self.card_layout.addLayout(row)
        self.button.activated.connect(self.still_here)

    def warn(self, seconds: int) -> None:
        self.message.setText(_("Are you still there? Touch the green button to continue."))
        self.set_picture("action.wait")
        self.set_seconds(seconds)
        self._open()
        self._say(self.message.text())

    def set_seconds(self, seconds: int) -> None:
        self.count_label.setText(str(seconds))

    def close_warning(self) -> None:
        self._close()


class IdleWatcher(QObject):
    """Watches every touch and key in the application; emits :attr:`timed_out`.

    ``idle_ms`` of quiet shows the warning, which counts ``warning_seconds`` down once per
    ``tick_ms``; a touch anywhere (or "Sigo aquí") starts over. When ``in_progress`` says
    nobody is using the station (start page, nothing typed, nobody signed in) the quiet time
    passes without a warning or a word: :attr:`quiet` is emitted instead, and the kiosk waits
    for the next touch.
    """

    warned = Signal()
    timed_out = Signal()
    quiet = Signal()

    def __init__(
        self,
        overlay: IdleOverlay,
        *,
        idle_ms: int,
        warning_seconds: int,
        tick_ms: int = 1000,
        in_progress: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.overlay = overlay
        self.in_progress = in_progress
        self.warning_seconds = warning_seconds
        self._left = warning_seconds
        self._idle = timer(self, self._warn, idle_ms)
        self._tick = timer(self, self._count_down, tick_ms, once=False)
        overlay.still_here.connect(self.restart)

    def configure(self, *, idle_ms: int, tick_ms: int) -> None:
        self._idle.setInterval(idle_ms)
        self._tick.setInterval(tick_ms)

    def set_idle_ms(self, idle_ms: int) -> None:
        """A new quiet time (staff have their own), counted from now if it was running."""
        if self._idle.interval() == idle_ms:
            return
        self._idle.setInterval(idle_ms)
        if self._idle.isActive():
            self._idle.start()

    @property
    def idle_ms(self) -> int:
        return self._idle.interval()

    @property
    def warning(self) -> bool:
        return self._tick.isActive()

    def start(self) -> None:
        self._idle.start()

    def stop(self) -> None:
        self._idle.stop()
        self._tick.stop()
        self.overlay.close_warning()

    def restart(self) -> None:
        self._tick.stop()
        self.overlay.close_warning()
        self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Any touch while no warning is shown starts the quiet time over. While the warning is
        # up, only "Sigo aquí" counts, so a stray touch on the backdrop does not hide it.
        if event.type() in INPUT and not self.warning:
            self._idle.start()
        return False

    def _warn(self) -> None:
        if not self.in_progress():
            self.quiet.emit()
            return
        self._left = self.warning_seconds
        self.overlay.warn(self._left)
        self._tick.start()
        self.warned.emit()

    def _count_down(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.overlay.set_seconds(self._left)
            return
        self.stop()
        self.timed_out.emit()
        self._idle.start()


class SignInClock(QObject):
    """A staff or volunteer PIN sign-in's own idle time. Only touches on the pages that need
    her PIN count: a woman tapping a member page does not keep staff signed in."""

    expired = Signal()

    def __init__(self, counts: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.counts = counts
        self._timer = timer(self, self.expired)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self, ms: int) -> None:
        self._timer.start(ms)

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT and self._timer.isActive() and self.counts():
            self._timer.start()
        return False
