"""TileListPage: a list shown as up to six tiles a screen over a Pager (DESIGN.md 3.4: at
most six choices a page, no scrolling), with one sentence in place of the tiles when the list
is empty. Every area's lists are this page: kinds' cards, her sign-ups, the desk's queues."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import _
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label, tile_grid
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, Pager
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.pager import page_slice


class TileListPage(Page):
    """Up to ``per_page`` tiles in rows of ``columns`` over a pager, filled from a list.

    A subclass says what the list is — :meth:`items` for a list read whole and paged here,
    or :meth:`load` for one its service pages —, how an item looks on its tile (:meth:`show_item`;
    by default the words of :meth:`words` and the picture of :meth:`icon`) and what touching
    it does (:meth:`chosen`). The tiles are named ``<page_name>_<index>``; ``empty`` shows
    ``empty_text`` (or what a page sets on it) while there is nothing to show.
    """

    per_page = 6
    columns = 3
    tile_class: type[BigTile] = BigTile
    tile_icon = "misc.centre"
    tile_colour: str | None = None  # the page's colour unless a page says
    tile_font_px: int | None = None
    compact_pager = True  # arrows as tall as a small tile: two rows of tiles fit at 768 px
    spacing = MIN_GAP_PX
    empty_text = ""  # an N_() message id

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self._items: list[Any] = []
        self.shown: Sequence[Any] = ()
        self.total = 0
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(self.spacing)
        self.empty = body_label(_(self.empty_text) if self.empty_text else "", self, px=TITLE_PX)
        self.empty.setVisible(bool(self.empty.text()))
        column.addWidget(self.empty)
        self.tiles: list[Any] = [self.make_tile(index) for index in range(self.per_page)]
        self.grid = tile_grid([*self.lead_tiles(), *self.tiles], self.columns)
        column.addLayout(self.grid, 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        if self.compact_pager:
            self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self.show_page())
        column.addWidget(self.pager)
        self.arrange(column)

    # --- what a page says -----------------------------------------------------------------

    def items(self) -> Sequence[Any]:
        """The whole list, read afresh each time the page opens (paged here)."""
        return ()

    def load(self, page: int) -> tuple[Sequence[Any], int]:
        """The items on ``page`` (0-based) and how many there are in all."""
        return page_slice(self._items, page, self.per_page), len(self._items)

    def words(self, item: Any) -> str:
        raise NotImplementedError

    def phrase(self, item: Any) -> str:
        """What the tile says for ``item`` (its words unless a page says)."""
        return self.words(item)

    def icon(self, item: Any) -> str:
        """The tile's picture for ``item`` (the page's tile picture unless a page says)."""
        return self.tile_icon

    def show_item(self, tile: Any, item: Any) -> None:
        """Put ``item`` on ``tile``."""
        tile.set_words(self.words(item), self.phrase(item))
        tile.set_icon(self.icon(item))

    def chosen(self, item: Any) -> None:
        raise NotImplementedError

    # --- how it is built ------------------------------------------------------------------

    def make_tile(self, index: int) -> BigTile:
        tile = self.tile_class(
            self.tile_icon,
            "",
            "",
            speaker=self.shell.speaker,
            colour=self.tile_colour or self.colour,
            parent=self,
        )
        tile.setObjectName(f"{self.page_name}_{index}")
        tile.setProperty("kioskChoice", True)
        if self.tile_font_px:
            tile.set_font_px(self.tile_font_px)
        tile.activated.connect(partial(self._tapped, index))
        return tile

    def lead_tiles(self) -> list[BigTile]:
        """Tiles that stand first in the grid on every screen ("New posting")."""
        return []

    def arrange(self, column: QLayout) -> None:
        """Lay the list out on the page; a page with more beside it puts it in its place."""
        self.setLayout(column)

    # --- showing it -----------------------------------------------------------------------

    def entered(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the list afresh and show the screen the pager is on."""
        self._items = list(self.items())
        self.show_page()

    def show_page(self) -> None:
        page = self.pager.page
        shown, total = self.load(page)
        self.pager.set_count(total, self.per_page)
        if self.pager.page != page:
            return  # the list got shorter: the pager has shown its last screen instead
        self.shown, self.total = tuple(shown), total
        self.empty.setVisible(not self.shown and bool(self.empty.text()))
        for index, tile in enumerate(self.tiles):
            tile.setVisible(index < len(self.shown))
            if index < len(self.shown):
                self.show_item(tile, self.shown[index])

    def _tapped(self, index: int) -> None:
        if index < len(self.shown):
            self.chosen(self.shown[index])


STAFF = AREA_BY_KEY["staff"]
F = TypeVar("F")  # the flow a desk page shows


class StaffPage(FixedWords, Page):
    """A page of the staff desk: its fixed words as class attributes, in the staff colour."""

    colour = STAFF.colour


class StaffFlowPage(StaffPage, Generic[F]):
    """A staff desk page that shows what its flow holds and tells it what was touched."""

    def __init__(self, shell: Shell, flow: F, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.flow = flow
        self.build()

    def build(self) -> None:
        """Lay out the page's parts; the shell and the flow are set by then."""


class StaffTilePage(TileListPage):
    """A staff page of up to six tiles over a pager, filled from a list."""

    icon_name = STAFF.icon
    colour = STAFF.colour
    tile_icon = STAFF.icon
    compact_pager = False
