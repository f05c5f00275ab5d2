"""A USB scanner at any station: it is a keyboard (a "keyboard wedge") that types what the code
says, very fast, and ends with Enter. :class:`CardScanner` watches every key pressed in the
application and recognises a member card in that burst, without stealing normal typing.

A burst is a card when it starts with the card prefix, each key follows the one before within
``gap_ms`` (a scanner types a key every few milliseconds; no person types seven letters like
that), and it ends with Enter. Keys that could still be the start of a card are held back; as
soon as they cannot be (another letter, a pause, a key too slow), they are handed on, in order,
to where they were going, so the keyboard page and the keypads get every key a person typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.logs import area_logger

log = area_logger("ui")

GAP_MS = 60  # longest pause between two keys of one scan
MAX_LENGTH = 64  # no card code is longer: a burst beyond this is not a card
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MODIFIERS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
)


@dataclass
class _Held:
    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


def _monotonic_ms() -> Callable[[], int]:
    timer = QElapsedTimer()
    timer.start()
    return timer.elapsed


class CardScanner(QObject):
    """Install on the QApplication; :attr:`scanned` carries the text of each card read in
    the window it belongs to (its parent)."""

    scanned = Signal(str)

    def __init__(
        self,
        prefix: str,
        parent: QObject | None = None,
        *,
        gap_ms: int = GAP_MS,
        clock: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.prefix = prefix.upper()
        self.gap_ms = gap_ms
        self.clock = clock or _monotonic_ms()
        self._held: list[_Held] = []
        self._last_ms = 0
        self._handing_on = False
        # A burst that stops short of Enter was typed by a person after all.
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(gap_ms * 2)
        self._pause.timeout.connect(self._hand_on)

    @property
    def text(self) -> str:
        return "".join(held.text for held in self._held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._handing_on or not self._ours(watched):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in _MODIFIERS:
            return False
        now = self.clock()
        if self._held and now - self._last_ms > self.gap_ms:
            self._hand_on()  # too slow for a scanner: what was held was typed by a person
        if self._held and key in _ENTER:
            if len(self.text) > len(self.prefix):
                self._read()
                return True
            self._hand_on()
            return False
        text = event.text()
        usable = len(text) == 1 and text.isalnum()
        if not (usable and self._could_be_card(self.text + text)):
            self._hand_on()
            if not (usable and self._could_be_card(text)):
                return False
        self._held.append(_Held(watched, key, event.modifiers(), text))
        self._last_ms = now
        self._pause.start()
        return True

    def _ours(self, watched: QObject) -> bool:
        """Keys typed into this scanner's window (its parent), when it has one: with several
        kiosk windows in one process, each reads only its own."""
        owner = self.parent()
        if not isinstance(owner, QWidget):
            return True
        if isinstance(watched, QWidget):
            return watched.window() is owner
        return watched is owner.windowHandle()

    def _could_be_card(self, text: str) -> bool:
        text = text.upper()
        if len(text) > MAX_LENGTH:
            return False
        return text.startswith(self.prefix) or self.prefix.startswith(text)

    def _read(self) -> None:
        text = self.text
        self._held.clear()
        self._pause.stop()
        log.info("a card was scanned")
        self.scanned.emit(text)

    def _hand_on(self) -> None:
        """Send the keys held back to where they were going, in order."""
        self._pause.stop()
        held, self._held = self._held, []
        self._handing_on = True
        try:
            for key in held:
                receiver = key.receiver
                if not shiboken6.isValid(receiver):  # closed meanwhile
                    continue
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(
                        receiver, QKeyEvent(kind, key.key, key.modifiers, key.text)
                    )
        finally:
            self._handing_on = False
