"""One listing, for a member who may buy: spoken when it opens, "Quiero comprar" prints the
slip with the seller's phone (masked on screen), and "Escuchar todo" says it all again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.i18n import N_, _
from kiosk.services.trade import ListingDetail
from kiosk.ui.areas.trade.cards import ListingView
from kiosk.ui.areas.trade.pieces import TRADE, MemberPage, add_column, side_by_side
from kiosk.ui.areas.trade.texts import price_text, printing_sentence, sold_by_sentence
from kiosk.ui.pages.base import body_label
from kiosk.ui.widgets.listen import listen_tile

if TYPE_CHECKING:
    pass


class TradeDetailPage(MemberPage):
    """What she chose: spoken when it opens; "Quiero comprar" prints the seller's phone."""

    page_name = "trade_detail"
    help_words = N_(
        "This is something a member sells. Touch the cart to print a slip with her phone, "
        "then call her to buy. Touch the speaker to hear it all again."
    )

    def build(self) -> None:
        self.listing: ListingDetail | None = None
        layout = side_by_side(self)
        self.view = ListingView(self)
        self.printing = body_label("", self, bold=True)
        self.printing.setObjectName("trade_printing")
        add_column(layout, ((self.view, 1), (self.printing, 0)), 3, spacing=None)
        self.buy = self.tile("trade_buy", "trade.buy", on_tap=self.bank.buy)
        self.listen = listen_tile(
            self,
            "trade_listen",
            _("Hear everything about it"),
            TRADE.colour,
            lambda: self.shell.speaker.say(self.everything()),
        )
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
            sold_by_sentence(listing),
            listing.description,
            _("To buy, touch Print to buy: her phone will print."),
        ]
        return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."

    def everything(self) -> str:
        return f"{self.title()}. {self.purpose()}"

    def reset(self) -> None:
        self.listing = None
        self.view.clear()
        self.printing.setText(_("Go back and touch something for sale."))
        self.buy.hide()
        self.listen.hide()
