"""Staff pages for the trade centre: the listings waiting for approval (or those shown) six at
a time with their photos; one listing with approve / send back / edit / withdraw / remove the
photo; the reasons to send one back as pictures and phrases; and a short wizard (one decision
per page) to correct a listing's name, kind, price and unit."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import _
from kiosk.services.staff import StaffInfo
from kiosk.services.trade import (
    REJECT_REASONS,
    ListingCard,
    ListingDetail,
    ListingDraft,
    ListingStatus,
    PriceUnit,
    TradeCategory,
    TradeError,
    TradeService,
    check_price,
    clean_title,
)
from kiosk.ui import icons
from kiosk.ui.areas.trade.member_pages import (
    STATUS_WORDS,
    UNIT_WORDS,
    ListingGrid,
    ListingView,
    category_icon,
    category_word,
    price_text,
    status_sentence,
    tool_tile,
)
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label
from kiosk.ui.widgets import MIN_GAP_PX
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, StepPage, TextStepPage, tile

STAFF = AREA_BY_KEY["staff"]
TRADE = AREA_BY_KEY["trade"]
MIN_GAP = MIN_GAP_PX * 2
EDIT_STEPS = (
    "staff_trade_title",
    "staff_trade_kind",
    "staff_trade_price",
    "staff_trade_unit",
    "staff_trade_review",
)
EDIT_NEXT = {
    "title": "staff_trade_kind",
    "category": "staff_trade_price",
    "price": "staff_trade_unit",
    "price_unit": "staff_trade_review",
}


class TradeDesk:
    """The staff trade pages and what they share: the service, the listing shown, the edit."""

    def __init__(
        self,
        shell: Shell,
        service: TradeService,
        staff: Callable[[], StaffInfo | None],
        parent: QWidget | None = None,
    ) -> None:
        self.shell = shell
        self.staff = staff
        self.service = service
        self.listing_id: int | None = None
        self.edit: dict[str, Any] = {}
        self.list_page = StaffTradePage(shell, self, parent)
        self.listing_page = StaffListingPage(shell, self, parent)
        reasons = [
            (code, icon, lambda words=words: _(words)) for code, icon, words in REJECT_REASONS
        ]
        self.reason_page = ChoiceStepPage(
            shell,
            "staff_trade_reject",
            "action.no",
            lambda: _("Why send it back?"),
            lambda: _("Touch the reason: the seller will hear it."),
            reasons,
            self.send_back,
            parent=parent,
        )
        self._pages: list[Page] = [self.list_page, self.listing_page, self.reason_page]
        self._build_edit(parent)

    def reset(self) -> None:
        """The staff visit is over: no listing shown, no half-made correction."""
        self.listing_id = None
        self.edit = {}

    def pages(self) -> list[Page]:
        return list(self._pages)

    def pending_count(self) -> int:
        return self.service.pending_count()

    def _staff_id(self) -> int | None:
        person = self.staff()
        return person.id if person else None

    # --- one listing ----------------------------------------------------------------------

    def show(self, listing_id: int) -> None:
        self.listing_id = listing_id
        self.shell.open("staff_listing")

    def current(self) -> ListingDetail | None:
        if self.listing_id is None:
            return None
        try:
            return self.service.staff_get(self.listing_id)
        except TradeError:
            return None

    def _act(self, action: Callable[[int, int], object], done: str) -> bool:
        """Run ``action`` on the listing shown, as the staff member signed in (the desk's pages
        are staff-only); a change made meanwhile elsewhere is told."""
        staff_id = self._staff_id()
        if self.listing_id is None or staff_id is None:
            return False
        try:
            action(self.listing_id, staff_id)
        except TradeError as exc:
            self.shell.show_error(str(exc))
            self.listing_page.entered()
            return False
        self.shell.show_message(done, "action.yes")
        return True

    def approve(self) -> None:
        if self._act(
            self.service.approve,
            _("Approved: members see it now."),
        ):
            self.back_to_list()

    def ask_reason(self) -> None:
        self.reason_page.reset()
        self.shell.open("staff_trade_reject")

    def send_back(self, code: str) -> None:
        words = dict((c, w) for c, _icon, w in REJECT_REASONS)[code]
        if self._act(
            lambda lid, staff_id: self.service.reject(lid, _(words), staff_id),
            _("Sent back: the seller will see why."),
        ):
            self.back_to_list()

    def withdraw(self) -> None:
        def answer(yes: bool) -> None:
            if yes and self._act(
                lambda lid, staff_id: self.service.withdraw(lid, staff_id=staff_id),
                _("Withdrawn: members no longer see it."),
            ):
                self.back_to_list()

        self.shell.confirm(
            _("Withdraw this listing? Members will not see it."), "action.erase", answer
        )

    def remove_photo(self) -> None:
        listing = self.current()
        if listing is None:
            return

        def answer(yes: bool) -> None:
            if yes and self._act(
                lambda lid, staff_id: self.service.edit(
                    lid, _draft_of(listing), staff_id, remove_photo=True
                ),
                _("The photo is removed; the drawing shows instead."),
            ):
                self.listing_page.entered()

        self.shell.confirm(
            _("Remove the photo? The drawing will show instead."), "trade.photo", answer
        )

    def back_to_list(self) -> None:
        self.listing_id = None
        self.shell.open("staff_trade")

    # --- the edit wizard ------------------------------------------------------------------

    def _build_edit(self, parent: QWidget | None) -> None:
        shell = self.shell
        kinds = [(c.value, category_icon(c), lambda c=c: category_word(c)) for c in TradeCategory]
        units = [(u.value, f"unit.{u.value}", lambda u=u: _(UNIT_WORDS[u])) for u in PriceUnit]
        self._pages += [
            TextStepPage(
                shell,
                "staff_trade_title",
                "action.keyboard",
                lambda: _("Name"),
                lambda: _("Correct what is sold and touch the green button."),
                self._titled,
                lambda: self.edit.get("title"),
                max_length=60,
                parent=parent,
            ),
            ChoiceStepPage(
                shell,
                "staff_trade_kind",
                TRADE.icon,
                lambda: _("Kind"),
                lambda: _("Touch the kind of thing."),
                kinds,
                lambda value: self.store("category", value),
                parent=parent,
            ),
            NumberStepPage(
                shell,
                "staff_trade_price",
                "misc.money",
                lambda: _("Price"),
                lambda: _("Type the price in pesos, without cents."),
                self._priced,
                lambda: self.edit.get("price_digits"),
                max_length=6,
                parent=parent,
            ),
            ChoiceStepPage(
                shell,
                "staff_trade_unit",
                "unit.pieza",
                lambda: _("Unit"),
                lambda: _("Touch how the price counts."),
                units,
                lambda value: self.store("price_unit", value),
                parent=parent,
            ),
            EditReviewPage(shell, self, parent),
        ]

    def start_edit(self) -> None:
        listing = self.current()
        if listing is None:
            return
        self.edit = {
            "title": listing.title,
            "category": str(listing.category),
            "price": str(listing.price),
            "price_digits": str(int(listing.price)),
            "price_unit": str(listing.price_unit),
        }
        for page in self._pages:
            if page.page_name in EDIT_STEPS:
                page.reset()
        self.shell.open(EDIT_STEPS[0])

    def store(self, key: str, value: Any) -> None:
        self.edit[key] = value
        self.shell.open(EDIT_NEXT[key])

    def _titled(self, text: str) -> None:
        if text != self.edit.get("title"):
            text = text[:1].upper() + text[1:].lower()
        try:
            self.store("title", clean_title(text))
        except TradeError as exc:
            self.shell.show_error(str(exc), "action.keyboard")

    def _priced(self, digits: str) -> None:
        try:
            price = check_price(digits)
        except TradeError as exc:
            self.shell.show_error(str(exc), "misc.money")
            return
        self.edit["price_digits"] = digits
        self.store("price", str(price))

    def save(self) -> None:
        listing = self.current()
        staff_id = self._staff_id()
        if listing is None or not self.edit or staff_id is None:
            return
        draft = ListingDraft(
            title=self.edit["title"],
            category=self.edit["category"],
            price=self.edit["price"],
            price_unit=self.edit["price_unit"],
            description=listing.description,
        )
        try:
            self.service.edit(listing.id, draft, staff_id)
        except TradeError as exc:
            self.shell.show_error(str(exc))
            return
        self.edit = {}
        self.show(listing.id)
        self.shell.show_message(_("The listing is saved."), "action.yes")


def _draft_of(listing: ListingDetail) -> ListingDraft:
    return ListingDraft(
        title=listing.title,
        category=listing.category,
        price=listing.price,
        price_unit=listing.price_unit,
        description=listing.description,
    )


class StaffTradePage(ListingGrid):
    """Listings waiting for approval, oldest first (or those shown, newest first)."""

    page_name = "staff_trade"
    colour = STAFF.colour

    def __init__(self, shell: Shell, desk: TradeDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        self.status = ListingStatus.PENDING
        super().__init__(shell, desk.service, parent)
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
        self.pager.set_count(0)
        self.pager.set_page(0)
        self.shell.open("staff_trade")  # shown again: the title band says which list this is

    def reset(self) -> None:
        super().reset()
        self.status = ListingStatus.PENDING

    def load(self, page: int) -> tuple[tuple[ListingCard, ...], int]:
        found = self.desk.service.staff_list(self.status, page, 6)
        return found.cards, found.total

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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP)
        left = QVBoxLayout()
        self.name = body_label("", self, px=32, bold=True)
        self.name.setObjectName("staff_listing_title")
        self.name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        left.addWidget(self.name)
        self.view = ListingView(self, picture_px=220)
        left.addWidget(self.view, 1)
        layout.addLayout(left, 3)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP)
        self.approve = tile(shell, self, "staff_trade_approve", "action.yes", "#2e7d32")
        self.approve.set_words(_("Approve"), _("Approve: members will see it"))
        self.approve.activated.connect(desk.approve)
        self.send_back = tile(shell, self, "staff_trade_send_back", "action.no", "#b71c1c")
        self.send_back.set_words(_("Send back"), _("Send it back to the seller with a reason"))
        self.send_back.activated.connect(desk.ask_reason)
        self.edit = tile(shell, self, "staff_trade_edit", "action.keyboard")
        self.edit.set_words(_("Edit"), _("Correct the name, kind or price"))
        self.edit.activated.connect(desk.start_edit)
        self.withdraw = tile(shell, self, "staff_trade_withdraw", "action.erase")
        self.withdraw.set_words(_("Withdraw"), _("Take it down"))
        self.withdraw.activated.connect(desk.withdraw)
        self.no_photo = tile(shell, self, "staff_trade_no_photo", "trade.photo")
        self.no_photo.set_words(_("Remove photo"), _("Remove the photo; the drawing shows"))
        self.no_photo.activated.connect(desk.remove_photo)
        self.buttons = [self.approve, self.send_back, self.edit, self.withdraw, self.no_photo]
        for index, button in enumerate(self.buttons):
            grid.addWidget(button, index // 2, index % 2)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        for row in range(3):
            grid.setRowStretch(row, 1)
        layout.addLayout(grid, 2)

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
            for button in self.buttons:
                button.hide()
            return
        self.name.setText(f"{listing.title} · {category_word(listing.category)}")
        photo = self.desk.service.photo(listing.id) if listing.has_photo else None
        detail = "\n".join(
            part
            for part in (listing.seller_name, listing.description, _staff_status(listing))
            if part
        )
        self.view.show_listing(listing, photo, phone=listing.contact_phone, description=detail)
        pending = listing.status is ListingStatus.PENDING
        editable = listing.status in (ListingStatus.PENDING, ListingStatus.PUBLISHED)
        self.approve.setVisible(pending)
        self.send_back.setVisible(pending)
        self.edit.setVisible(editable)
        self.withdraw.setVisible(listing.status is not ListingStatus.WITHDRAWN)
        self.no_photo.setVisible(editable and listing.has_photo)

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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP)
        self.summary = body_label("", self, px=TITLE_PX)
        self.summary.setObjectName("staff_trade_summary")
        layout.addWidget(self.summary, 3)
        self.save = tile(shell, self, "staff_trade_save", "action.yes", "#2e7d32")
        self.save.set_words(_("Save"), _("Save the listing"))
        self.save.activated.connect(desk.save)
        layout.addWidget(self.save, 2)

    def entered(self) -> None:
        edit = self.desk.edit
        if not edit or not {"title", "category", "price", "price_unit"} <= set(edit):
            # Reached before every answer was given (the edit started over): nothing to save.
            self.summary.setText(_("Choose a listing in the list."))
            self.save.setEnabled(False)
            return
        self.save.setEnabled(True)
        self.summary.setText(
            "\n".join(
                (
                    edit["title"],
                    category_word(edit["category"]),
                    price_text(Decimal(edit["price"]), edit["price_unit"]),
                )
            )
        )
