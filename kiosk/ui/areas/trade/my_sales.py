"""Her own listings ("Mis ventas"): each with a picture of where it stands (waiting, shown,
sent back), and one of them with why, and "Quitar"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_, _
from kiosk.services.trade import ListingCard, ListingDetail
from kiosk.ui.areas.trade.cards import Found, ListingGrid, ListingView
from kiosk.ui.areas.trade.pieces import MemberPage, side_by_side
from kiosk.ui.areas.trade.texts import STATUS_ICONS, status_sentence, status_word
from kiosk.ui.pages.base import Shell

if TYPE_CHECKING:
    from kiosk.ui.areas.trade.flow import TradeBank


class TradeMinePage(ListingGrid):
    page_name = "trade_mine"
    icon_name = "trade.mine"
    empty_text = N_("You are not selling anything yet. Go back and touch Sell.")
    title_words = N_("My listings")
    empty_purpose = N_("You are not selling anything yet.")
    purpose_words = N_("This is what you sell. Touch one to see it or to take it down.")
    help_words = N_(
        "An hourglass means the staff have not approved it yet. A green mark means it is "
        "shown. A warning means the staff sent it back: touch it to hear why."
    )

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        self.bank = bank
        super().__init__(shell, bank.photos, bank.show_own, parent)

    def found(self, page: int) -> Found:
        return self.bank.my_listings(page)

    def badge(self, card: ListingCard) -> str | None:
        return STATUS_ICONS[card.status]

    def who(self, card: ListingCard) -> str:
        # Her own list: where each one stands, in words beside the picture on its corner.
        return status_word(card)

    def phrase(self, card: ListingCard) -> str:
        return f"{card.title}. {status_word(card)}"


class TradeOwnPage(MemberPage):
    """One of her listings: where it stands, and "Quitar"."""

    page_name = "trade_own"
    icon_name = "trade.mine"
    help_words = N_("Touch Take down to stop selling it. It will no longer be shown.")

    def build(self) -> None:
        self.listing: ListingDetail | None = None
        layout = side_by_side(self)
        self.view = ListingView(self)
        layout.addWidget(self.view, 3)
        words = (_("Take down"), _("Stop selling this"))
        self.withdraw = self.tile("trade_withdraw", "action.erase", words, self.bank.withdraw_own)
        layout.addWidget(self.withdraw, 2)
        self.withdraw.hide()

    def show_listing(self, listing: ListingDetail, photo: bytes | None) -> None:
        self.listing = listing
        self.withdraw.show()
        self.view.show_listing(listing, photo, status=status_sentence(listing))

    def title(self) -> str:
        return self.listing.title if self.listing else _("My listings")

    def purpose(self) -> str:
        if self.listing is None:
            return _("Go back and touch one of your listings.")
        return status_sentence(self.listing)

    def reset(self) -> None:
        self.listing = None
        self.view.clear()
        self.withdraw.hide()
