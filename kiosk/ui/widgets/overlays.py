"""In-window overlays instead of native dialogs (DESIGN.md 3.10): confirm, message, busy.

Each overlay covers its parent widget (and follows its size), dims it, shows one white card in
the middle and swallows taps outside the card, so nothing underneath acts by mistake.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import _
from kiosk.ui import icons
from kiosk.ui.widgets.base import MIN_TARGET_PX, Speaks
from kiosk.ui.widgets.looks import set_bold, set_colours
from kiosk.ui.widgets.tile import BigTile

MESSAGE_FONT_PX = 36  # the question or message: at least 32 px
PICTURE_PX = 160
CARD_MAX_WIDTH_PX = 920
CARD_MARGIN_PX = 48  # backdrop always visible around the card, so it reads as "on top"
BACKDROP = QColor(0, 0, 0, 170)
YES_COLOUR = "#2e7d32"
NO_COLOUR = "#c62828"
OK_COLOUR = "#1565c0"
ERROR_ICON = "action.error"  # the red ✗
RETRY_ICON = "action.retry"
SPEAK_AFTER_MS = 1000  # DESIGN.md 3.8: over 1 s, a spoken "un momento"
PROGRESS_AFTER_MS = 10_000  # over 10 s, progress
_ANSWER_TILE_W = MIN_TARGET_PX * 2 + 32
_ANSWER_TILE_H = MIN_TARGET_PX + 80


def _progress_rules() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parent.parent / "theme.qss").read_text(encoding="utf-8")


def put_picture(label: QLabel, name: str | None, px: int) -> None:
    """Pictogram ``name`` on ``label``, ``px`` pixels; no name hides the label."""
    if name is None:
        label.clear()
        label.hide()
        return
    label.setPixmap(icons.pixmap(name, px))
    label.setAccessibleName(name)
    label.show()


class InputStop(QWidget):
    """A layer over the page: taps and keys outside its card stop here, so the page
    underneath does not act. It starts hidden, takes the keys while shown and watches
    ``parent`` (to cover it whole when it is resized)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("kioskRole", "overlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()
        parent.installEventFilter(self)

    def white_card(self, name: str) -> QFrame:
        """The white card in the middle of the layer, with black words."""
        card = QFrame(self)
        card.setObjectName(name)
        card.setProperty("kioskRole", "overlay-card")
        card.setAutoFillBackground(True)
        set_colours(card, "#ffffff", "#000000")
        return card

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()


class Overlay(InputStop):
    """The shared part: backdrop, card with a picture and a sentence, following the parent."""

    def __init__(self, parent: QWidget, speaker: Speaks | None = None) -> None:
        super().__init__(parent)
        self._speaker = speaker
        self._focus_before: QWidget | None = None
        self._picture_name: str | None = None
        self.card = self.white_card("overlayCard")
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(40, 32, 40, 40)
        self.card_layout.setSpacing(24)

        self.picture = QLabel(self.card)
        self.picture.setObjectName("overlayPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        # A row: an error puts what went wrong (the phone, the printer) beside its red ✗.
        self.picture_row = QHBoxLayout()
        self.picture_row.setSpacing(MIN_TARGET_PX // 3)
        self.picture_row.addStretch(1)
        self.picture_row.addWidget(self.picture)
        self.picture_row.addStretch(1)
        self.card_layout.addLayout(self.picture_row)

        self.message = QLabel(self.card)
        self.message.setObjectName("overlayMessage")
        self.message.setProperty("kioskRole", "overlay-message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        set_bold(self.message, MESSAGE_FONT_PX)
        self.card_layout.addWidget(self.message)

        outer = QGridLayout(self)
        outer.setContentsMargins(CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX, CARD_MARGIN_PX)
        outer.addWidget(self.card, 0, 0, Qt.AlignmentFlag.AlignCenter)

    def text(self) -> str:
        """The sentence on the card."""
        return self.message.text()

    def set_picture(self, name: str | None) -> None:
        """Show pictogram ``name`` above the sentence, or no picture."""
        self._picture_name = name
        put_picture(self.picture, name, self._picture_size())

    def _pictures(self) -> list[tuple[QLabel, str | None]]:
        """The card's pictures and the pictogram each shows, redrawn when the card resizes."""
        return [(self.picture, self._picture_name)]

    def _picture_size(self) -> int:
        parent = self.parentWidget()
        height = parent.height() if parent is not None else 768
        return max(MIN_TARGET_PX, min(PICTURE_PX, height // 5))

    def _open(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        if not self.isVisible():
            self._focus_before = QApplication.focusWidget()
        self._cover(parent)
        self.raise_()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close(self) -> None:
        self.hide()
        before, self._focus_before = self._focus_before, None
        # Give the keyboard back to whatever had it (a keypad listening to a USB keypad).
        if before is not None and before.isVisible():
            before.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cover(self, parent: QWidget) -> None:
        self.setGeometry(parent.rect())
        self.card.setFixedWidth(
            max(MIN_TARGET_PX * 3, min(CARD_MAX_WIDTH_PX, parent.width() - 2 * CARD_MARGIN_PX))
        )
        for label, name in self._pictures():
            if name is not None:
                label.setPixmap(icons.pixmap(name, self._picture_size()))

    def _say(self, text: str) -> None:
        if self._speaker is not None and text:
            self._speaker.say(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self._cover(parent)
        return super().eventFilter(watched, event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKDROP)
        painter.end()


def _answer_tile(tile: BigTile, name: str) -> BigTile:
    tile.setObjectName(name)
    tile.setMinimumSize(_ANSWER_TILE_W, _ANSWER_TILE_H)
    tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return tile


class ConfirmOverlay(Overlay):
    """A yes/no question with a picture, spoken; ✓ "Sí" and ✗ "No"; emits :attr:`answered`."""

    answered = Signal(bool)

    def __init__(self, parent: QWidget, speaker: Speaks | None = None) -> None:
        super().__init__(parent, speaker)
        self.setObjectName("confirmOverlay")
        self.yes_button = _answer_tile(
            BigTile(
                "action.yes", _("Yes"), _("Yes"), speaker=speaker, colour=YES_COLOUR, parent=self
            ),
            "confirm_yes",
        )
        self.no_button = _answer_tile(
            BigTile("action.no", _("No"), _("No"), speaker=speaker, colour=NO_COLOUR, parent=self),
            "confirm_no",
        )
        row = QHBoxLayout()
        row.setSpacing(MIN_TARGET_PX // 2)
        # Sí on the left, as it is read and said: "sí o no".
        row.addWidget(self.yes_button)
        row.addWidget(self.no_button)
        self.card_layout.addLayout(row)
        self.yes_button.activated.connect(lambda: self._answer(True))
        self.no_button.activated.connect(lambda: self._answer(False))

    def ask(self, question: str, icon: str | None = None) -> None:
        """Show and say ``question``; the answer comes as :attr:`answered`."""
        self.message.setText(question)
        self.set_picture(icon)
        self._open()
        self._say(question)

    def _answer(self, value: bool) -> None:
        self._close()
        self.answered.emit(value)


class MessageOverlay(Overlay):
    """One short sentence with a picture, spoken, and one button that closes it.

    A message is either news (done, printing: its picture and 👍 "Entendido") or an error
    (:meth:`show_error`: a red ✗, the picture of what went wrong beside it, and "Intentar otra
    vez"), so that a woman who cannot read the sentence still tells a failure from a success.
    """

    closed = Signal()

    def __init__(self, parent: QWidget, speaker: Speaks | None = None) -> None:
        super().__init__(parent, speaker)
        self.setObjectName("messageOverlay")
        self.is_error = False
        self._cause_name: str | None = None
        self.cause = QLabel(self.card)
        self.cause.setObjectName("overlayCause")
        self.cause.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cause.hide()
        self.picture_row.insertWidget(2, self.cause)
        self.ok_button = _answer_tile(
            BigTile("action.ok", _("OK"), _("OK"), speaker=speaker, colour=OK_COLOUR, parent=self),
            "message_ok",
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ok_button, 2)
        row.addStretch(1)
        self.card_layout.addLayout(row)
        self.ok_button.activated.connect(self._on_ok)

    def show_message(
        self, text: str, icon: str = ERROR_ICON, button_words: str | None = None
    ) -> None:
        """Show and say ``text``, news with its picture; a message whose picture is the red ✗
        is an error (:meth:`show_error`)."""
        if icon == ERROR_ICON:
            self.show_error(text)
            return
        words = button_words or _("OK")
        self._show(text, icon, None, "action.ok", words, error=False)

    def show_error(self, text: str, icon: str | None = None) -> None:
        """Show and say the error ``text`` (one sentence that says what to do next: "Pide
        ayuda a una compañera") under a red ✗ and, beside it, ``icon``: what went wrong."""
        cause = None if icon in (None, ERROR_ICON, "action.warning") else icon
        self._show(text, ERROR_ICON, cause, RETRY_ICON, _("Try again"), error=True)

    def _show(
        self, text: str, icon: str, cause: str | None, button_icon: str, words: str, *, error: bool
    ) -> None:
        self.is_error = error
        self.ok_button.set_icon(button_icon)
        self.ok_button.set_words(words, words)
        self.message.setText(text)
        self.set_picture(icon)
        self._set_cause(cause)
        self._open()
        self._say(text)

    def _set_cause(self, name: str | None) -> None:
        self._cause_name = name
        put_picture(self.cause, name, self._picture_size())

    def _pictures(self) -> list[tuple[QLabel, str | None]]:
        return [*super()._pictures(), (self.cause, self._cause_name)]

    def _on_ok(self) -> None:
        self._close()
        self.closed.emit()


class BusyOverlay(Overlay):
    """An hourglass at once; "One moment" spoken after 1 s; a progress bar after 10 s."""

    spoke_wait = Signal()
    progress_shown = Signal()

    def __init__(
        self,
        parent: QWidget,
        speaker: Speaks | None = None,
        *,
        speak_after_ms: int = SPEAK_AFTER_MS,
        progress_after_ms: int = PROGRESS_AFTER_MS,
    ) -> None:
        super().__init__(parent, speaker)
        self.setObjectName("busyOverlay")
        self._running = False
        self.message.setText(_("One moment"))
        self.progress = QProgressBar(self.card)
        self.progress.setObjectName("busyProgress")
        self.progress.setProperty("kioskRole", "progress")
        self.progress.setMinimumHeight(MIN_TARGET_PX // 2)
        set_bold(self.progress, 28)
        self.progress.setStyleSheet(_progress_rules())
        # "3 / 10", digits like the pager.
        self.progress.setFormat("%v / %m")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress.hide()
        self.card_layout.addWidget(self.progress)
        self._speak_timer = self._timer(speak_after_ms, self._speak_wait)
        self._progress_timer = self._timer(progress_after_ms, self._show_progress)
        self._set_busy()

    def _timer(self, interval_ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    def is_running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Cover the page now; say "One moment" and show progress if it takes long."""
        if self._running:
            return
        self._running = True
        self._set_busy()
        self.progress.hide()
        self.set_picture("action.wait")
        self._open()
        self._speak_timer.start()
        self._progress_timer.start()

    def stop(self) -> None:
        self._running = False
        self._speak_timer.stop()
        self._progress_timer.stop()
        self.progress.hide()
        self._close()

    def set_progress(self, done: int, total: int) -> None:
        """How far the work is; a total of 0 or less means unknown (a busy bar)."""
        if total <= 0:
            self._set_busy()
            return
        self.progress.setRange(0, total)
        self.progress.setValue(max(0, min(done, total)))
        self.progress.setTextVisible(True)

    def _set_busy(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)

    def _speak_wait(self) -> None:
        if self._running:
            self._say(_("One moment"))
            self.spoke_wait.emit()

    def _show_progress(self) -> None:
        if self._running:
            self.progress.show()
            self.progress_shown.emit()
