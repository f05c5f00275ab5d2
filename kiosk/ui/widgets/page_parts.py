"""A compact pager, as tall as a small tile, under a grid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.ui.widgets.base import Speaks
from kiosk.ui.widgets.pager import Pager


def compact_pager(parent: QWidget, speaker: Speaks | None, show: Callable[[], None]) -> Pager:
    """A pager as tall as a small tile; ``show`` fills the screen it turns to."""
    pager = Pager(speaker=speaker, parent=parent)
    pager.set_compact()
    pager.page_changed.connect(lambda _page: show())
    return pager
