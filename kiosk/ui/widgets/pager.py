"""Pager: big ◀ ▶ and "2 / 5" instead of scrolling (DESIGN.md 3.4: at most 6 choices a page)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.i18n import _
from kiosk.ui.widgets.base import MIN_TARGET_PX, Speaks
from kiosk.ui.widgets.looks import set_bold
from kiosk.ui.widgets.tile import BigTile, DisabledTapHint

PER_PAGE = 6
LABEL_FONT_PX = 40  # digits at least 32 px
ARROW_COLOUR = "#1565c0"

T = TypeVar("T")


def page_slice(items: Sequence[T], page: int, per_page: int = PER_PAGE) -> Sequence[T]:
    """The items shown on ``page`` (0-based)."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    start = max(0, page) * per_page
    return items[start : start + per_page]


class Pager(QWidget):
    """◀ "2 / 5" ▶; ◀ is disabled on the first page, ▶ on the last; hidden for one page."""

    page_changed = Signal(int)

    def __init__(self, *, speaker: Speaks | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = 0
        self._count = 1
        self._speaker = speaker
        self.setObjectName("pager")
        self.setProperty("kioskRole", "pager")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)

        self.previous_button, self.next_button = (
            BigTile(
                icon, words, phrase, speaker=speaker, colour=ARROW_COLOUR, parent=self, name=name
            )
            for name, icon, words, phrase in (
                ("pager_previous", "action.previous", _("Previous"), _("Previous page")),
                ("pager_next", "action.next", _("Next"), _("Next page")),
            )
        )
        for tile in (self.previous_button, self.next_button):
            # Wide enough for the word, tall enough for a picture above it.
            tile.setMinimumSize(MIN_TARGET_PX * 2, MIN_TARGET_PX + 32)
            tile.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.previous_button.activated.connect(self.previous_page)
        self.next_button.activated.connect(self.next_page)
        # A tap on a greyed arrow still gets an answer.
        DisabledTapHint(self.previous_button, lambda: self._say(_("This is the first page")))
        DisabledTapHint(self.next_button, lambda: self._say(_("This is the last page")))

        self.label = QLabel(self)
        self.label.setObjectName("pager_label")
        self.label.setProperty("kioskRole", "pager-label")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_bold(self.label, LABEL_FONT_PX)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("88 / 88") + 24)

        layout.addStretch(1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.label)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        self._refresh()

    def set_compact(self) -> None:
        """Arrows 128 px tall (not 160): two rows of tiles above them need the room at 768 px."""
        for arrow in (self.previous_button, self.next_button):
            arrow.setFixedSize(MIN_TARGET_PX * 2, MIN_TARGET_PX + 32)

    @property
    def page(self) -> int:
        """The page shown, 0-based."""
        return self._page

    @page.setter
    def page(self, value: int) -> None:
        self.set_page(value)

    @property
    def page_count(self) -> int:
        return self._count

    def set_page(self, value: int) -> None:
        value = min(max(0, value), self._count - 1)
        if value == self._page:
            return
        self._page = value
        self._refresh()
        self.page_changed.emit(value)

    def set_count(self, total_items: int, per_page: int = PER_PAGE) -> None:
        """Page ``total_items`` by ``per_page``; stays on the same page while it still exists."""
        if per_page < 1:
            raise ValueError("per_page must be at least 1")
        self._count = max(1, -(-max(0, total_items) // per_page))
        if self._page >= self._count:
            self._page = self._count - 1
            self._refresh()
            self.page_changed.emit(self._page)
        else:
            self._refresh()

    def next_page(self) -> None:
        self.set_page(self._page + 1)

    def previous_page(self) -> None:
        self.set_page(self._page - 1)

    def _say(self, text: str) -> None:
        if self._speaker is not None:
            self._speaker.say(text)

    def _refresh(self) -> None:
        number, count = self._page + 1, self._count
        # Digits, not words (DESIGN.md 3.3); the voice gets the full sentence.
        self.label.setText(f"{number} / {count}")
        self.label.setAccessibleName(
            _("Page {number} of {count}").format(number=number, count=count)
        )
        self.previous_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < count - 1)
        self.setHidden(count <= 1)
