"""The first-visit guide: a few spoken steps that show where the real buttons of the navigation
bar are (Inicio, Atrás, Escuchar, Ayuda).

The overlay covers its parent, dims everything but the buttons of the step, draws a bright ring
and a pointing hand around each of them, and shows one card with their big pictures, one short
sentence (also spoken), and two big buttons: "Siguiente" ▶ and "Ya entendí" ✓. Taps anywhere
else stop at the overlay, so she cannot leave the guide half-way by accident. It reads the
buttons' geometry when it paints, so the ring follows them whatever the window's size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui import icons
from kiosk.ui.widgets.base import MIN_GAP_PX, MIN_TARGET_PX, Speaks
from kiosk.ui.widgets.looks import set_bold
from kiosk.ui.widgets.overlays import InputStop, put_picture
from kiosk.ui.widgets.tile import BigTile

BACKDROP = QColor(0, 0, 0, 200)
RING_COLOUR = QColor("#ffd600")  # bright yellow: it reads on the dark bar and on the backdrop
RING_PX = 10  # the ring's width
RING_GAP_PX = 8  # between the button and the ring
POINTER_PX = 72  # the hand that points down at each ring
PICTURE_PX = 120
SENTENCE_PX = 36
NEXT_COLOUR = "#1565c0"
DONE_COLOUR = "#2e7d32"
CARD_MAX_WIDTH_PX = 900
_BUTTON_H = MIN_TARGET_PX + 40


@dataclass(frozen=True)
class GuideStep:
    """One step: the real buttons to ring, the pictures on the card, the sentence said."""

    targets: tuple[QWidget, ...]
    pictures: tuple[str, ...]
    sentence: str


class Bar(Protocol):
    """The navigation bar's real buttons, as the guide shows them."""

    @property
    def home(self) -> QWidget: ...
    @property
    def back(self) -> QWidget: ...
    @property
    def help(self) -> QWidget: ...
    @property
    def listen(self) -> QWidget: ...


def bar_steps(bar: Bar) -> list[GuideStep]:
    """The three steps: Inicio and Atrás, then Escuchar, then Ayuda."""
    return [
        GuideStep(
            (bar.home, bar.back),
            ("nav.home", "nav.back"),
            _("Home takes you to the start. Back takes you to the page before."),
        ),
        GuideStep((bar.listen,), ("nav.speaker",), _("Listen says the page to you again.")),
        GuideStep((bar.help,), ("nav.help",), _("Help tells you what to do on each page.")),
    ]


class GuideOverlay(InputStop):
    """Shows :class:`GuideStep` s one after the other; emits :attr:`finished` when she taps
    "Ya entendí" (on any step) or reaches the end. :meth:`reset` closes it without a word
    and forgets what it would have done next (the visit is over)."""

    finished = Signal()
    step_shown = Signal(int)

    def __init__(self, parent: QWidget, speaker: Speaks | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideOverlay")
        self._speaker = speaker
        self._steps: tuple[GuideStep, ...] = ()
        self._index = 0
        self._then: Callable[[], None] | None = None
        column = self._build_card()
        self._build_words(column)
        row = QHBoxLayout()
        row.setSpacing(MIN_TARGET_PX // 2)
        self.next_button = self._button(
            "guide_next", "action.next", _("Next"), _("Next"), NEXT_COLOUR, speaker
        )
        self.done_button = self._button(
            "guide_done", "action.yes", _("Got it"), _("Got it"), DONE_COLOUR, speaker
        )
        row.addWidget(self.next_button)
        row.addWidget(self.done_button)
        column.addLayout(row)
        self.next_button.activated.connect(self.next_step)
        self.done_button.activated.connect(self.finish)

    def _build_card(self) -> QVBoxLayout:
        """The white card with the step's two pictures side by side."""
        self.card = self.white_card("guideCard")
        column = QVBoxLayout(self.card)
        column.setContentsMargins(32, 24, 32, 28)
        column.setSpacing(MIN_GAP_PX * 2)

        pictures = QHBoxLayout()
        pictures.setSpacing(MIN_GAP_PX * 4)
        pictures.addStretch(1)
        self.pictures: list[QLabel] = []
        for index in range(2):
            label = QLabel(self.card)
            label.setObjectName(f"guidePicture{index}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            pictures.addWidget(label)
            self.pictures.append(label)
        pictures.addStretch(1)
        column.addLayout(pictures)
        return column

    def _build_words(self, column: QVBoxLayout) -> None:
        """The step's sentence and "1 / 3", digits like the pager."""
        self.sentence = QLabel(self.card)
        self.sentence.setObjectName("guideSentence")
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setWordWrap(True)
        set_bold(self.sentence, SENTENCE_PX)
        column.addWidget(self.sentence)
        self.counter = QLabel(self.card)
        self.counter.setObjectName("guideCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        counter_font = QFont(self.counter.font())
        counter_font.setPixelSize(28)
        self.counter.setFont(counter_font)
        column.addWidget(self.counter)

    def _button(
        self, name: str, icon: str, words: str, phrase: str, colour: str, speaker: Speaks | None
    ) -> BigTile:
        button = BigTile(icon, words, phrase, speaker=speaker, colour=colour, parent=self.card)
        button.setObjectName(name)
        button.setMinimumSize(MIN_TARGET_PX * 2 + 32, _BUTTON_H)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    # --- what the window asks ---------------------------------------------------------------

    @property
    def step(self) -> int:
        """The step shown, counted from 1 (0 when the guide is closed)."""
        return self._index + 1 if self.isVisible() else 0

    @property
    def step_count(self) -> int:
        return len(self._steps)

    def current(self) -> GuideStep | None:
        return self._steps[self._index] if self.isVisible() and self._steps else None

    def start(
        self,
        steps: Sequence[GuideStep],
        *,
        greeting: str = "",
        then: Callable[[], None] | None = None,
    ) -> None:
        """Show the first step (its sentence said after ``greeting``); ``then`` is called
        when she has seen it (not when the visit ends first)."""
        if not steps:
            return
        self._steps = tuple(steps)
        self._index = 0
        self._then = then
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_step(greeting)

    def next_step(self) -> None:
        if not self.isVisible():
            return
        if self._index + 1 >= len(self._steps):
            self.finish()
            return
        self._index += 1
        self._show_step()

    def finish(self) -> None:
        """She has seen it: close, and go on with what she came to do."""
        then = self._then
        self._close()
        self.finished.emit()
        if then is not None:
            then()

    def reset(self) -> None:
        """The visit ended: close without a word and forget what came next."""
        self._close()

    def ring_rects(self) -> list[QRect]:
        """Where the rings are drawn, in this overlay's coordinates (its parent's)."""
        step = self.current()
        parent = self.parentWidget()
        if step is None or parent is None:
            return []
        return [self._ring(target, parent) for target in step.targets if target.isVisible()]

    # --- drawing ----------------------------------------------------------------------------

    def _close(self) -> None:
        self.hide()
        self._steps = ()
        self._index = 0
        self._then = None

    def _show_step(self, greeting: str = "") -> None:
        step = self._steps[self._index]
        last = self._index + 1 == len(self._steps)
        self.sentence.setText(step.sentence)
        self.counter.setText(f"{self._index + 1} / {len(self._steps)}")
        for label, name in zip(self.pictures, (*step.pictures, None, None), strict=False):
            put_picture(label, name, self._picture_px())
        self.next_button.setVisible(not last)
        self._place_card()
        self.update()
        if self._speaker is not None:
            self._speaker.say(f"{greeting} {step.sentence}".strip())
        self.step_shown.emit(self._index + 1)

    def _picture_px(self) -> int:
        return max(MIN_TARGET_PX, min(PICTURE_PX, self.height() // 6))

    def _ring(self, target: QWidget, parent: QWidget) -> QRect:
        top_left = target.mapTo(parent, QPoint(0, 0))
        box = QRect(top_left, target.size())
        margin = RING_GAP_PX + RING_PX // 2
        return box.adjusted(-margin, -margin, margin, margin)

    def _place_card(self) -> None:
        """The card above the rings (the bar is at the bottom), centred, never over them."""
        width = max(MIN_TARGET_PX * 5, min(CARD_MAX_WIDTH_PX, self.width() - 4 * MIN_GAP_PX))
        self.card.setFixedWidth(width)
        self.card.adjustSize()
        rings = self.ring_rects()
        floor = min((r.top() for r in rings), default=self.height()) - POINTER_PX - MIN_GAP_PX
        height = self.card.sizeHint().height()
        top = max(MIN_GAP_PX, (floor - height) // 2)
        self.card.setGeometry((self.width() - width) // 2, top, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rings = self.ring_rects()
        # The backdrop everywhere but inside the rings: the real buttons show through, bright.
        shade = QPainterPath()
        shade.setFillRule(Qt.FillRule.OddEvenFill)
        shade.addRect(QRectF(self.rect()))
        for ring in rings:
            shade.addRoundedRect(QRectF(ring), 16, 16)
        painter.fillPath(shade, BACKDROP)
        painter.setPen(QPen(RING_COLOUR, RING_PX))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ring in rings:
            painter.drawRoundedRect(QRectF(ring), 16, 16)
        hand = icons.pixmap("guide.point", POINTER_PX)
        for ring in rings:
            painter.drawPixmap(
                ring.center().x() - POINTER_PX // 2, ring.top() - POINTER_PX - 4, hand
            )
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        step = self.current()
        if step is None:
            return
        for label, name in zip(self.pictures, step.pictures, strict=False):
            label.setPixmap(icons.pixmap(name, self._picture_px()))
        self._place_card()
