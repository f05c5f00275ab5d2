"""Staff pages for the trade centre: the listings waiting for approval (or those shown) six at
a time with their photos; one listing with approve / send back / edit / withdraw / remove the
photo; the reasons to send one back as pictures and phrases; and a short wizard (one decision
per page) to correct a listing's name, kind, price and unit."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _
from kiosk.services.trade import REJECT_REASONS, ListingCard, ListingDetail, ListingStatus
from kiosk.ui import icons
from kiosk.ui.areas.trade.cards import Found, ListingGrid, ListingView
from kiosk.ui.areas.trade.desk_flow import (
    APPROVE,
    EDIT,
    REMOVE_PHOTO,
    SEND_BACK,
    WITHDRAW,
    staff_choices,
)
from kiosk.ui.areas.trade.pieces import (
    AreaPage,
    add_column,
    heading,
    side_by_side,
    tool_tile,
    trade_tile,
)
from kiosk.ui.areas.trade.steps import Questions, form_steps
from kiosk.ui.areas.trade.texts import category_word, price_text, status_sentence, status_word
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label, tile_grid
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.wizard import ChoiceStepPage, StepPage

if TYPE_CHECKING:
    from kiosk.ui.areas.trade.desk_flow import TradeDesk

STAFF = AREA_BY_KEY["staff"]
MIN_GAP = MIN_GAP_PX * 2
SAVE_COLOUR = "#2e7d32"
SEND_BACK_COLOUR = "#b71c1c"
# Each decision's picture, colour, words and what it says.
DECISIONS: dict[str, tuple[str, str, str, str]] = {
    APPROVE: ("action.yes", SAVE_COLOUR, N_("Approve"), N_("Approve: members will see it")),
    SEND_BACK: (
        "action.no",
        SEND_BACK_COLOUR,
        N_("Send back"),
        N_("Send it back to the seller with a reason"),
    ),
    EDIT: ("action.keyboard", STAFF.colour, N_("Edit"), N_("Correct the name, kind or price")),
    WITHDRAW: ("action.erase", STAFF.colour, N_("Withdraw"), N_("Take it down")),
    REMOVE_PHOTO: (
        "trade.photo",
        STAFF.colour,
        N_("Remove photo"),
        N_("Remove the photo; the drawing shows"),
    ),
}


# Each list: its title, what it is for, the switch's picture and words, and its empty line.
LISTS: dict[ListingStatus, tuple[str, str, str, str, str, str]] = {
    ListingStatus.PENDING: (
        N_("To approve"),
        N_("Touch a listing to approve it, send it back, edit or withdraw it."),
        "action.yes",
        N_("See those shown"),
        N_("See the listings members see"),
        N_("Nothing is waiting for approval."),
    ),
    ListingStatus.PUBLISHED: (
        N_("Shown in Trade"),
        N_("Touch a listing to edit or withdraw it."),
        "action.wait",
        N_("See those waiting"),
        N_("See the listings to approve"),
        N_("Nothing is shown yet."),
    ),
}
# The edit's questions: page, title and purpose, by the answer each asks for.
EDIT_QUESTIONS: Questions = {
    "title": (
        "staff_trade_title",
        N_("Name"),
        N_("Correct what is sold and touch the green button."),
    ),
    "category": ("staff_trade_kind", N_("Kind"), N_("Touch the kind of thing.")),
    "price": ("staff_trade_price", N_("Price"), N_("Type the price in pesos, without cents.")),
    "price_unit": ("staff_trade_unit", N_("Unit"), N_("Touch how the price counts.")),
}


class StaffTradePage(ListingGrid):
    """Listings waiting for approval, oldest first (or those shown, newest first)."""

    page_name = "staff_trade"
    colour = STAFF.colour

    def __init__(self, shell: Shell, desk: TradeDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        self.status = ListingStatus.PENDING
        super().__init__(shell, desk.photos, desk.show, parent)
        self.switch = tool_tile(shell, self, "staff_trade_switch", "action.yes", "", "")
        self.switch.activated.connect(self._switch)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.switch)

    def title(self) -> str:
        return _(LISTS[self.status][0])

    def purpose(self) -> str:
        return _(LISTS[self.status][1])

    def entered(self) -> None:
        _title, _purpose, icon, words, phrase, empty = LISTS[self.status]
        self.switch.icon_name = icon
        self.switch.set_words(_(words), _(phrase))
        self.empty.setText(_(empty))
        self.switch.setIcon(icons.icon(icon))
        super().entered()

    def _switch(self) -> None:
        self.status = (
            ListingStatus.PUBLISHED
            if self.status is ListingStatus.PENDING
            else ListingStatus.PENDING
        )
        self.restart()
        self.shell.open("staff_trade")  # shown again: the title band says which list this is

    def reset(self) -> None:
        super().reset()
        self.status = ListingStatus.PENDING

    def found(self, page: int) -> Found:
        return self.desk.listings(self.status, page)

    def phrase(self, card: ListingCard) -> str:
        return f"{super().phrase(card)}. {status_word(card)}"


class StaffListingPage(AreaPage):
    """One listing with everything staff decide about it."""

    page_name = "staff_listing"
    colour = STAFF.colour
    title_words = N_("Listing")

    def __init__(self, shell: Shell, desk: TradeDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        self.listing: ListingDetail | None = None
        layout = side_by_side(self, MIN_GAP)
        self.name = heading(self, "staff_listing_title", 32)
        self.view = ListingView(self, picture_px=220)
        add_column(layout, ((self.name, 0), (self.view, 1)), 3, spacing=None)
        self.buttons = self._buttons()
        layout.addLayout(tile_grid(list(self.buttons.values()), columns=2), 2)

    def _buttons(self) -> dict[str, BigTile]:
        """Each decision's tile, named ``staff_trade_<decision>``, by what it decides."""
        desk = self.desk
        actions = {
            APPROVE: desk.approve,
            SEND_BACK: desk.ask_reason,
            EDIT: desk.start_edit,
            WITHDRAW: desk.withdraw,
            REMOVE_PHOTO: desk.remove_photo,
        }
        return {
            choice: self.tile(
                f"staff_trade_{choice}", icon, (_(words), _(phrase)), actions[choice], colour
            )
            for choice, (icon, colour, words, phrase) in DECISIONS.items()
        }

    def purpose(self) -> str:
        if self.listing is None:
            return _("Choose a listing in the list.")
        return status_sentence(self.listing)

    def entered(self) -> None:
        self.listing = listing = self.desk.current()
        if listing is None:
            self.name.setText(_("Choose a listing in the list."))
            self.view.clear()
            for button in self.buttons.values():
                button.hide()
            return
        self.name.setText(f"{listing.title} · {category_word(listing.category)}")
        detail = "\n".join(
            part
            for part in (listing.seller_name, listing.description, _staff_status(listing))
            if part
        )
        self.view.show_listing(
            listing, self.desk.photo(listing), phone=listing.contact_phone, description=detail
        )
        allowed = staff_choices(listing)
        for choice, button in self.buttons.items():
            button.setVisible(choice in allowed)

    def reset(self) -> None:
        self.listing = None


def _staff_status(listing: ListingDetail) -> str:
    return f"{status_word(listing)}: {status_sentence(listing)}"


class EditReviewPage(StepPage):
    """The corrected listing, and "Guardar"."""

    def __init__(self, shell: Shell, desk: TradeDesk, parent: QWidget | None = None) -> None:
        super().__init__(
            shell,
            "staff_trade_review",
            "action.yes",
            lambda: _("Check the listing"),
            lambda: _("Check the changes, then touch Save."),
            parent,
        )
        self.desk = desk
        layout = side_by_side(self, MIN_GAP)
        self.summary = body_label("", self, px=TITLE_PX)
        self.summary.setObjectName("staff_trade_summary")
        layout.addWidget(self.summary, 3)
        self.save = trade_tile(
            shell,
            self,
            "staff_trade_save",
            "action.yes",
            (_("Save"), _("Save the listing")),
            desk.save,
            SAVE_COLOUR,
        )
        layout.addWidget(self.save, 2)

    def entered(self) -> None:
        ready = self.desk.ready()
        self.save.setEnabled(ready)
        if not ready:
            # Reached before every answer was given (the edit started over): nothing to save.
            self.summary.setText(_("Choose a listing in the list."))
            return
        edit = self.desk.edit
        lines = (
            edit["title"],
            category_word(edit["category"]),
            price_text(Decimal(edit["price"]), edit["price_unit"]),
        )
        self.summary.setText("\n".join(lines))


def reason_page(shell: Shell, desk: TradeDesk, parent: QWidget | None) -> ChoiceStepPage:
    """The reasons to send a listing back, as pictures and phrases the seller will hear."""
    reasons = [(code, icon, lambda words=words: _(words)) for code, icon, words in REJECT_REASONS]
    return ChoiceStepPage(
        shell,
        "staff_trade_reject",
        "action.no",
        lambda: _("Why send it back?"),
        lambda: _("Touch the reason: the seller will hear it."),
        reasons,
        desk.send_back,
        parent=parent,
    )


def edit_pages(shell: Shell, desk: TradeDesk, parent: QWidget | None) -> list[Page]:
    """The correction's questions in their order, then its last look."""
    asked = form_steps(shell, EDIT_QUESTIONS, desk, parent)
    order = ("title", "category", "price", "price_unit")
    return [*(asked[key] for key in order), EditReviewPage(shell, desk, parent)]
