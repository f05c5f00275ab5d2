"""Browsing the trade centre: the kinds of things for sale with their counts (and, on top,
"Vender" and "Mis ventas"), then a kind's listings six at a time with photo or pictogram,
price, seller and place."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, ngettext
from kiosk.services.trade import ListingCard, TradeCategory
from kiosk.ui.areas.trade.cards import TRADE, Found, ListingGrid, tool_tile, trade_tile
from kiosk.ui.areas.trade.texts import category_icon, category_word
from kiosk.ui.pages.base import Page, Shell, tile_grid
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, Pager

if TYPE_CHECKING:
    from kiosk.ui.areas.trade.flow import TradeBank

# Four kinds a page under "Vender" and "Mis ventas": six choices in all (DESIGN.md 3.4).
KINDS_PER_PAGE = 4


class TradePage(Page):
    """Kinds of things for sale with their counts in digits; sell and her own list on top."""

    page_name = "trade"
    icon_name = TRADE.icon
    colour = TRADE.colour

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        self._counts: dict[TradeCategory, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        layout.addLayout(self._tools(), 0)
        self.tiles: list[BigTile] = []
        for index in range(KINDS_PER_PAGE):
            tile = trade_tile(shell, self, f"trade_{index}", TRADE.icon)
            tile.activated.connect(partial(self._tapped, index))
            self.tiles.append(tile)
        layout.addLayout(tile_grid(self.tiles, columns=2), 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)

    def _tools(self) -> QHBoxLayout:
        """Tools of the area rather than choices of this page: like the job filters, one row."""
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 2)
        self.sell_tile = tool_tile(
            self.shell,
            self,
            "trade_sell",
            "action.publish",
            _("Sell"),
            _("Sell something of yours"),
        )
        self.sell_tile.activated.connect(self.bank.start_selling)
        self.mine_tile = tool_tile(
            self.shell,
            self,
            "trade_my_listings",
            "trade.mine",
            _("My listings"),
            _("See and withdraw what you sell"),
        )
        self.mine_tile.activated.connect(self.bank.show_mine)
        row.addWidget(self.sell_tile, 1)
        row.addWidget(self.mine_tile, 1)
        return row

    def title(self) -> str:
        return _(TRADE.words)

    def purpose(self) -> str:
        return _("Touch the kind of thing you want to buy. The number says how many there are.")

    def help_text(self) -> str:
        return _(
            "Here members sell to each other. Each picture is a kind of thing, with how many "
            "there are for sale. Touch one to see them. To sell something of yours, touch "
            "Sell at the top; to see or take down what you sell, touch My listings. The arrows "
            "show more kinds."
        )

    def entered(self) -> None:
        self._counts = self.bank.counts()
        self.pager.set_count(len(TradeCategory), KINDS_PER_PAGE)
        self._fill()

    def reset(self) -> None:
        self.pager.set_page(0)

    def count(self, category: TradeCategory) -> int:
        return self._counts.get(category, 0)

    def _shown(self) -> list[TradeCategory]:
        start = self.pager.page * KINDS_PER_PAGE
        return list(TradeCategory)[start : start + KINDS_PER_PAGE]

    def _fill(self) -> None:
        shown = self._shown()
        for index, tile in enumerate(self.tiles):
            tile.setVisible(index < len(shown))
            if index < len(shown):
                category = shown[index]
                number = self._counts.get(category, 0)
                tile.set_icon(category_icon(category))
                word = category_word(category)
                phrase = ngettext(
                    "{kind}: {count} for sale", "{kind}: {count} for sale", number
                ).format(kind=word, count=number)
                tile.set_words(f"{word} {number}", phrase)

    def _tapped(self, index: int) -> None:
        shown = self._shown()
        if index < len(shown):
            self.bank.show_category(shown[index])


class TradeListPage(ListingGrid):
    """A kind's listings, newest first."""

    page_name = "trade_list"
    empty_text = N_("Nothing of this kind is for sale now. Go back and look at another kind.")

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        self.bank = bank
        super().__init__(shell, bank.photos, parent)
        self.category: TradeCategory | None = None

    def choose(self, category: TradeCategory) -> None:
        self.category = TradeCategory(category)
        self.restart()

    def title(self) -> str:
        return category_word(self.category) if self.category else _(TRADE.words)

    def purpose(self) -> str:
        if not self.total:
            return _("Nothing of this kind is for sale now.")
        return _("Touch what you want to see: its price, who sells it and where.")

    def help_text(self) -> str:
        return _(
            "Each picture is something a member sells, with its price, her name and where she "
            "lives. Touch one to hear about it and to print her phone. The arrows show more."
        )

    def found(self, page: int) -> Found:
        if self.category is None:
            return (), 0
        return self.bank.listings(self.category, page)

    def chosen(self, card: ListingCard) -> None:
        self.bank.show_listing(card.id)

    def reset(self) -> None:
        super().reset()
        self.category = None
