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
from kiosk.ui.areas.trade.cards import (
    TRADE,
    Found,
    ListingGrid,
    ListingView,
    add_column,
    heading,
    side_by_side,
    tool_tile,
    trade_tile,
)
from kiosk.ui.areas.trade.desk_flow import (
    APPROVE,
    EDIT,
    REMOVE_PHOTO,
    SEND_BACK,
    WITHDRAW,
    staff_choices,
)
from kiosk.ui.areas.trade.steps import kind_step, price_step, unit_step
from kiosk.ui.areas.trade.texts import STATUS_WORDS, category_word, price_text, status_sentence
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label, tile_grid
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.wizard import ChoiceStepPage, StepPage, TextStepPage

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


class StaffTradePage(ListingGrid):
    """Listings waiting for approval, oldest first (or those shown, newest first)."""

    page_name = "staff_trade"
    colour = STAFF.colour

    def __init__(self, shell: Shell, desk: TradeDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        self.status = ListingStatus.PENDING
        super().__init__(shell, desk.photos, parent)
        self.switch = tool_tile(shell, self, "staff_trade_switch", "action.yes", "", "")
        self.switch.activated.connect(self._switch)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.switch)

    def title(self) -> str:
        if self.status is ListingStatus.PENDING:
            return _("To approve")
        return _("Shown in Trade")

    def purpose(self) -> str:
        if self.status is ListingStatus.PENDING:
            return _("Touch a listing to approve it, send it back, edit or withdraw it.")
        return _("Touch a listing to edit or withdraw it.")

    def entered(self) -> None:
        if self.status is ListingStatus.PENDING:
            self.switch.icon_name = "action.yes"
            self.switch.set_words(_("See those shown"), _("See the listings members see"))
            self.empty.setText(_("Nothing is waiting for approval."))
        else:
            self.switch.icon_name = "action.wait"
            self.switch.set_words(_("See those waiting"), _("See the listings to approve"))
            self.empty.setText(_("Nothing is shown yet."))
        self.switch.setIcon(icons.icon(self.switch.icon_name))
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
        return f"{super().phrase(card)}. {_(STATUS_WORDS[card.status])}"

    def chosen(self, card: ListingCard) -> None:
        self.desk.show(card.id)


class StaffListingPage(Page):
    """One listing with everything staff decide about it."""

    page_name = "staff_listing"
    icon_name = TRADE.icon
    colour = STAFF.colour

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
            choice: trade_tile(
                self.shell,
                self,
                f"staff_trade_{choice}",
                icon,
                (_(words), _(phrase)),
                actions[choice],
                colour,
            )
            for choice, (icon, colour, words, phrase) in DECISIONS.items()
        }

    def title(self) -> str:
        return _("Listing")

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
    return f"{_(STATUS_WORDS[listing.status])}: {status_sentence(listing)}"


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
    title = TextStepPage(
        shell,
        "staff_trade_title",
        "action.keyboard",
        lambda: _("Name"),
        lambda: _("Correct what is sold and touch the green button."),
        desk.titled,
        lambda: desk.edit.get("title"),
        max_length=60,
        parent=parent,
    )
    kind = kind_step(
        shell,
        "staff_trade_kind",
        (lambda: _("Kind"), lambda: _("Touch the kind of thing.")),
        lambda value: desk.store("category", value),
        parent,
    )
    price = price_step(
        shell,
        "staff_trade_price",
        lambda: _("Type the price in pesos, without cents."),
        desk.priced,
        lambda: desk.edit.get("price_digits"),
        parent,
    )
    unit = unit_step(
        shell,
        "staff_trade_unit",
        (lambda: _("Unit"), lambda: _("Touch how the price counts.")),
        lambda value: desk.store("price_unit", value),
        parent,
    )
    return [title, kind, price, unit, EditReviewPage(shell, desk, parent)]
