"""Browsing the trade centre: the kinds of things for sale with their counts (and, on top,
"Vender" and "Mis ventas"; first among the kinds, "Otros centros" when the network has other
centres), then a kind's listings six at a time with photo or pictogram, price, seller and
place; or what the other centres' members sell, each with its centre's name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, ngettext
from kiosk.services.trade import TradeCategory
from kiosk.ui.areas.trade.cards import Found, ListingGrid
from kiosk.ui.areas.trade.pieces import TOOL_COLOUR, TRADE, tool_tile
from kiosk.ui.areas.trade.texts import category_icon, category_word
from kiosk.ui.pages.base import Shell, choice_tile
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.page_words import FixedWords

if TYPE_CHECKING:
    from kiosk.ui.areas.trade.flow import TradeBank


class TradePage(FixedWords, TileListPage):
    """Kinds of things for sale with their counts in digits; sell and her own list on top.
    Four kinds a screen under "Vender" and "Mis ventas": six choices in all (DESIGN.md 3.4).
    When the network has other centres, "Otros centros" (with its count) stands first among
    the kinds on every screen, and three kinds follow it: still six."""

    page_name = "trade"
    icon_name = TRADE.icon
    colour = TRADE.colour
    per_page = 4
    columns = 2
    tile_icon = TRADE.icon
    spacing = MIN_GAP_PX * 2
    title_words = TRADE.words
    purpose_words = N_(
        "Touch the kind of thing you want to buy. The number says how many there are."
    )
    help_words = N_(
        "Here members sell to each other. Each picture is a kind of thing, with how many "
        "there are for sale. Touch one to see them. Other centres shows what members of "
        "the other centres sell. To sell something of yours, touch Sell at the top; to see "
        "or take down what you sell, touch My listings. The arrows show more kinds."
    )

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        self.bank = bank
        self._counts: dict[TradeCategory, int] = {}
        self._elsewhere: int | None = None
        super().__init__(shell, parent)

    def arrange(self, column: QLayout) -> None:
        # Tools of the area rather than choices of this page: like the job filters, one row.
        assert isinstance(column, QVBoxLayout)
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
        column.insertLayout(0, row)
        self.elsewhere_tile = choice_tile(
            self.shell, self, "trade_elsewhere_tile", "trade.elsewhere", "", "",
            colour=TOOL_COLOUR,
        )  # fmt: skip
        self.elsewhere_tile.activated.connect(self.bank.show_elsewhere)
        self.elsewhere_tile.hide()
        super().arrange(column)

    def entered(self) -> None:
        self._counts = self.bank.counts()
        self._elsewhere = self.bank.elsewhere_count()
        self._lay_out(self._elsewhere)
        super().entered()

    def _lay_out(self, elsewhere: int | None) -> None:
        """The kinds two a row; "Otros centros" first, with three kinds a screen, when the
        network has other centres."""
        tiles = [self.elsewhere_tile, *self.tiles[:3]] if elsewhere is not None else self.tiles
        for tile in (self.elsewhere_tile, *self.tiles):
            self.grid.removeWidget(tile)
        for index, tile in enumerate(tiles):
            self.grid.addWidget(tile, index // self.columns, index % self.columns)
        self.per_page = len(self.tiles) - (elsewhere is not None)
        self.elsewhere_tile.setVisible(elsewhere is not None)
        if elsewhere is not None:
            self.tiles[-1].hide()
            word = _("Other centres")
            phrase = ngettext(
                "Other centres: {count} for sale", "Other centres: {count} for sale", elsewhere
            )
            self.elsewhere_tile.set_words(f"{word} {elsewhere}", phrase.format(count=elsewhere))

    def reset(self) -> None:
        self.pager.set_page(0)

    def count(self, category: TradeCategory) -> int:
        return self._counts.get(category, 0)

    def items(self) -> Sequence[TradeCategory]:
        return list(TradeCategory)

    def show_item(self, tile: BigTile, category: TradeCategory) -> None:
        number = self.count(category)
        tile.set_icon(category_icon(category))
        word = category_word(category)
        phrase = ngettext("{kind}: {count} for sale", "{kind}: {count} for sale", number)
        tile.set_words(f"{word} {number}", phrase.format(kind=word, count=number))

    def chosen(self, category: TradeCategory) -> None:
        self.bank.show_category(category)


class TradeListPage(ListingGrid):
    """A kind's listings, newest first."""

    page_name = "trade_list"
    empty_text = N_("Nothing of this kind is for sale now. Go back and look at another kind.")
    empty_purpose = N_("Nothing of this kind is for sale now.")
    purpose_words = N_("Touch what you want to see: its price, who sells it and where.")
    help_words = N_(
        "Each picture is something a member sells, with its price, her name and where she "
        "lives. Touch one to hear about it and to print her phone. The arrows show more."
    )

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        self.bank = bank
        super().__init__(shell, bank.photos, bank.show_listing, parent)
        self.category: TradeCategory | None = None

    def choose(self, category: TradeCategory) -> None:
        self.category = TradeCategory(category)
        self.restart()

    def title(self) -> str:
        return category_word(self.category) if self.category else _(TRADE.words)

    def found(self, page: int) -> Found:
        if self.category is None:
            return (), 0
        return self.bank.listings(self.category, page)

    def reset(self) -> None:
        super().reset()
        self.category = None


class TradeElsewherePage(ListingGrid):
    """What members of the network's other centres sell, newest first, each with its
    centre's name."""

    page_name = "trade_elsewhere"
    title_words = N_("Other centres")
    empty_text = N_("Nothing is for sale at the other centres now. Go back and look here.")
    empty_purpose = N_("Nothing is for sale at the other centres now.")
    purpose_words = N_(
        "What members of the other centres sell. Touch one to see its price and who to call."
    )
    help_words = N_(
        "Each picture is something a member of another centre sells, with its price and her "
        "centre. Touch one to hear about it and to print her phone. The arrows show more."
    )

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        self.bank = bank
        super().__init__(shell, bank.photos_elsewhere, bank.show_listing_elsewhere, parent)

    def found(self, page: int) -> Found:
        return self.bank.elsewhere(page)
