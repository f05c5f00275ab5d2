"""The trade centre's staff flow: the listings waiting for approval (or those shown), one
listing and what staff decide about it — approve, send back with a reason, withdraw, remove
its photo — and the short wizard that corrects its name, kind, price and unit. Plain Python:
it talks to the trade service and tells the pages (see :class:`DeskPages`) and the window
what to show."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.i18n import _
from kiosk.services.staff import StaffInfo
from kiosk.services.trade import (
    REJECT_REASONS,
    ListingDetail,
    ListingStatus,
    TradeError,
    TradeService,
)
from kiosk.ui.areas.flow_parts import Resets, Shows
from kiosk.ui.areas.trade.flow import (
    PER_PAGE,
    Found,
    answered,
    checked_price,
    checked_title,
    draft_from,
)
from kiosk.ui.areas.trade.texts import title_case
from kiosk.ui.pages.base import Shell

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
# What staff may do with a listing, by where it stands (the buttons of its page).
APPROVE, SEND_BACK, EDIT, WITHDRAW = "approve", "send_back", "edit", "withdraw"
REMOVE_PHOTO = "no_photo"


@dataclass(frozen=True)
class DeskPages:
    """The pages the desk's flow tells what to show."""

    listing: Shows
    reasons: Resets
    edit: Sequence[Resets]  # the correction's questions, started afresh each time


def staff_choices(listing: ListingDetail) -> frozenset[str]:
    """What staff may decide about ``listing``: approve or send back only while it waits;
    edit while it waits or shows; the photo removed only from a listing that has one."""
    status = listing.status
    editable = status in (ListingStatus.PENDING, ListingStatus.PUBLISHED)
    choices = {
        APPROVE: status is ListingStatus.PENDING,
        SEND_BACK: status is ListingStatus.PENDING,
        EDIT: editable,
        WITHDRAW: status is not ListingStatus.WITHDRAWN,
        REMOVE_PHOTO: editable and listing.has_photo,
    }
    return frozenset(name for name, allowed in choices.items() if allowed)


class TradeDesk:
    """The staff side of the trade centre: the listing shown and the correction being made."""

    pages: DeskPages  # handed in by :meth:`bind` once they are built

    def __init__(
        self, shell: Shell, service: TradeService, staff: Callable[[], StaffInfo | None]
    ) -> None:
        self.shell = shell
        self.staff = staff
        self.service = service
        self.listing_id: int | None = None
        self.edit: dict[str, Any] = {}

    def bind(self, pages: DeskPages) -> None:
        self.pages = pages

    def reset(self) -> None:
        """The staff visit is over: no listing shown, no half-made correction."""
        self.listing_id = None
        self.edit = {}

    def _staff_id(self) -> int | None:
        person = self.staff()
        return person.id if person else None

    # --- what the pages read --------------------------------------------------------------

    def pending_count(self) -> int:
        return self.service.pending_count()

    def listings(self, status: ListingStatus, page: int) -> Found:
        found = self.service.staff_list(status, page, PER_PAGE)
        return found.cards, found.total

    def photos(self, listing_ids: list[int]) -> dict[int, bytes]:
        return self.service.photos(listing_ids)

    def photo(self, listing: ListingDetail) -> bytes | None:
        return self.service.photo(listing.id) if listing.has_photo else None

    def current(self) -> ListingDetail | None:
        """The listing shown as it stands now; None when there is none (or no longer)."""
        listing_id = self.listing_id
        try:
            return None if listing_id is None else self.service.staff_get(listing_id)
        except TradeError:
            return None

    # --- one listing ----------------------------------------------------------------------

    def show(self, listing_id: int) -> None:
        self.listing_id = listing_id
        self.shell.open("staff_listing")

    def back_to_list(self) -> None:
        self.listing_id = None
        self.shell.open("staff_trade")

    def _act(
        self, action: Callable[[int, int], object], done: str, then: Callable[[], None]
    ) -> None:
        """Run ``action`` on the listing shown, as the staff member signed in (the desk's pages
        are staff-only), then ``then``; a change made meanwhile elsewhere is told."""
        staff_id = self._staff_id()
        if self.listing_id is None or staff_id is None:
            return
        try:
            action(self.listing_id, staff_id)
        except TradeError as exc:
            self.shell.show_error(str(exc))
            self.pages.listing.entered()
            return
        self.shell.show_message(done, "action.yes")
        then()

    def _ask(
        self,
        question: tuple[str, str],
        action: Callable[[int, int], object],
        done: str,
        then: Callable[[], None],
    ) -> None:
        """``question`` (its words and picture) first; ``action`` only on a yes."""

        def answer(yes: bool) -> None:
            if yes:
                self._act(action, done, then)

        self.shell.confirm(*question, answer)

    def approve(self) -> None:
        self._act(self.service.approve, _("Approved: members see it now."), self.back_to_list)

    def ask_reason(self) -> None:
        self.pages.reasons.reset()
        self.shell.open("staff_trade_reject")

    def send_back(self, code: str) -> None:
        reason = _(dict((c, w) for c, _icon, w in REJECT_REASONS)[code])
        self._act(
            lambda lid, staff_id: self.service.reject(lid, reason, staff_id),
            _("Sent back: the seller will see why."),
            self.back_to_list,
        )

    def withdraw(self) -> None:
        self._ask(
            (_("Withdraw this listing? Members will not see it."), "action.erase"),
            lambda lid, staff_id: self.service.withdraw(lid, staff_id=staff_id),
            _("Withdrawn: members no longer see it."),
            self.back_to_list,
        )

    def remove_photo(self) -> None:
        listing = self.current()
        if listing is None:
            return
        draft = draft_from(answers_of(listing), description=listing.description)
        self._ask(
            (_("Remove the photo? The drawing will show instead."), "trade.photo"),
            lambda lid, staff_id: self.service.edit(lid, draft, staff_id, remove_photo=True),
            _("The photo is removed; the drawing shows instead."),
            self.pages.listing.entered,
        )

    # --- the edit wizard ------------------------------------------------------------------

    def start_edit(self) -> None:
        listing = self.current()
        if listing is None:
            return
        self.edit = answers_of(listing)
        for page in self.pages.edit:
            page.reset()
        self.shell.open(EDIT_STEPS[0])

    def store(self, key: str, value: Any) -> None:
        self.edit[key] = value
        self.shell.open(EDIT_NEXT[key])

    def initial(self, key: str) -> str | None:
        """What a question's page shows typed when it opens: the listing as it stands."""
        return self.edit.get("price_digits" if key == "price" else key)

    def written(self, text: str) -> None:
        if text != self.edit.get("title"):
            text = title_case(text)
        title = checked_title(self.shell, text)
        if title is not None:
            self.store("title", title)

    def priced(self, digits: str) -> None:
        price = checked_price(self.shell, digits)
        if price is not None:
            self.edit["price_digits"] = digits
            self.store("price", price)

    def ready(self) -> bool:
        """Every answer of the correction is given (not when it started over)."""
        return bool(self.edit) and answered(self.edit)

    def save(self) -> None:
        listing = self.current()
        staff_id = self._staff_id()
        if listing is None or not self.edit or staff_id is None:
            return
        draft = draft_from(self.edit, description=listing.description)
        try:
            self.service.edit(listing.id, draft, staff_id)
        except TradeError as exc:
            self.shell.show_error(str(exc))
            return
        self.edit = {}
        self.show(listing.id)
        self.shell.show_message(_("The listing is saved."), "action.yes")


def answers_of(listing: ListingDetail) -> dict[str, Any]:
    """The listing as it stands, as the answers of its form (the price also as its digits)."""
    return {
        "title": listing.title,
        "category": str(listing.category),
        "price": str(listing.price),
        "price_digits": str(int(listing.price)),
        "price_unit": str(listing.price_unit),
    }
