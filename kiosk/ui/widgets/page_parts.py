"""Small parts many pages share: a page's fixed sentences given as data (``N_()`` ids, said in
the kiosk's language when read), and the box layouts pages lay themselves out in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.widgets.base import MIN_GAP_PX, Speaks
from kiosk.ui.widgets.pager import Pager


class Worded:
    """Put before ``Page`` in a page's bases: its title, purpose and help are these sentences
    (the purpose is the help unless ``help_words`` says more)."""

    title_words = ""
    purpose_words = ""
    help_words = ""

    def title(self) -> str:
        return _(self.title_words) if self.title_words else ""

    def purpose(self) -> str:
        return _(self.purpose_words) if self.purpose_words else ""

    def help_text(self) -> str:
        return _(self.help_words) if self.help_words else self.purpose()


def hbox(parent: QWidget | None = None, gap: int = MIN_GAP_PX) -> QHBoxLayout:
    """Side by side, edge to edge (the window gives the page its margins)."""
    layout = QHBoxLayout(parent) if parent is not None else QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(gap)
    return layout


def vbox(parent: QWidget | None = None, gap: int = MIN_GAP_PX) -> QVBoxLayout:
    """One under the other, edge to edge."""
    layout = QVBoxLayout(parent) if parent is not None else QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(gap)
    return layout


def compact_pager(parent: QWidget, speaker: Speaks | None, show: Callable[[], None]) -> Pager:
    """A pager as tall as a small tile; ``show`` fills the screen it turns to."""
    pager = Pager(speaker=speaker, parent=parent)
    pager.set_compact()
    pager.page_changed.connect(lambda _page: show())
    return pager
