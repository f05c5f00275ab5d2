"""One listing, for a member who may buy: spoken when it opens, "Quiero comprar" prints the
slip with the seller's phone (masked on screen), and "Escuchar todo" says it all again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.i18n import _
from kiosk.services.trade import ListingDetail
from kiosk.ui.areas.trade.cards import TRADE, ListingView, add_column, side_by_side, trade_tile
from kiosk.ui.areas.trade.texts import price_text, printing_sentence, seller_text
from kiosk.ui.pages.base import Page, Shell, body_label
from kiosk.ui.widgets import BigTile

if TYPE_CHECKING:
    from kiosk.ui.areas.trade.flow import TradeBank


class TradeDetailPage(Page):
    """What she chose: spoken when it opens; "Quiero comprar" prints the seller's phone."""

    page_name = "trade_detail"
    icon_name = TRADE.icon
    colour = TRADE.colour

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.listing: ListingDetail | None = None
        layout = side_by_side(self)
        self.view = ListingView(self)
        self.printing = body_label("", self, bold=True)
        self.printing.setObjectName("trade_printing")
        add_column(layout, ((self.view, 1), (self.printing, 0)), 3, spacing=None)
        self.buy = trade_tile(shell, self, "trade_buy", "trade.buy", on_tap=bank.buy)
        self.listen = BigTile(
            "nav.speaker",
            _("Hear it all"),
            _("Hear everything about it"),
            speaker=None,  # the tap says the whole listing instead of its name
            colour=TRADE.colour,
            parent=self,
        )
        self.listen.setObjectName("trade_listen")
        self.listen.setProperty("kioskChoice", True)
        self.listen.activated.connect(lambda: shell.speaker.say(self.everything()))
        add_column(layout, ((self.buy, 1), (self.listen, 1)), 2)
        self.buy.set_words(_("Print to buy"), _("Print the seller's phone to buy"))
        self.reset()

    def show_listing(self, listing: ListingDetail, photo: bytes | None) -> None:
        self.listing = listing
        self.buy.show()
        self.listen.show()
        self.view.show_listing(
            listing, photo, phone=listing.contact_phone, description=listing.description
        )
        self.set_printed(False)

    def set_printed(self, printed: bool) -> None:
        listing = self.listing
        if listing is None:
            return
        if printed:
            self.buy.set_icon("action.print")
            self.buy.set_words(_("Print again"), _("Print the slip again"))
            self.printing.setText(printing_sentence(listing))
        else:
            self.buy.set_icon("trade.buy")
            self.buy.set_words(_("Print to buy"), _("Print the seller's phone to buy"))
            self.printing.clear()

    def title(self) -> str:
        return self.listing.title if self.listing else _(TRADE.words)

    def purpose(self) -> str:
        listing = self.listing
        if listing is None:
            return _("Go back and touch something for sale.")
        parts = [
            price_text(listing.price, listing.price_unit),
            _("Sold by {name}").format(name=seller_text(listing)),
            listing.description,
            _("To buy, touch Print to buy: her phone will print."),
        ]
        return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."

    def help_text(self) -> str:
        return _(
            "This is something a member sells. Touch the cart to print a slip with her phone, "
            "then call her to buy. Touch the speaker to hear it all again."
        )

    def everything(self) -> str:
        return f"{self.title()}. {self.purpose()}"

    def reset(self) -> None:
        self.listing = None
        self.view.clear()
        self.printing.setText(_("Go back and touch something for sale."))
        self.buy.hide()
        self.listen.hide()
