"""The trade centre's member flow: the steps of a visit — a kind, its listings, one listing and
its slip; her own listings and taking one down; selling, one answer a page — held in plain
Python. It talks to the trade service and tells the pages (handed in, see :class:`MemberPages`)
and the window (:class:`~kiosk.ui.pages.base.Shell`) what to show.

Home → Comercio → a kind → a listing → "Quiero comprar": the slip is the fourth tap, on purpose.
Printing a member's phone number is worth one look at what she sells and who she is first, and
the listing's page is where its description is heard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from kiosk.i18n import _
from kiosk.services.trade import (
    TITLE_MAX,
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
    issue_trade_slip,
)
from kiosk.services.vouchers import VoucherService
from kiosk.ui.areas.flow_parts import PrintsSlips, Resets, Shows
from kiosk.ui.areas.trade.texts import printing_sentence, title_case
from kiosk.ui.pages.base import Shell
from kiosk.ui.slips import slip_options

PER_PAGE = 6
STEPS = (
    "trade_sell_kind",
    "trade_sell_title",
    "trade_sell_price",
    "trade_sell_unit",
    "trade_sell_photo",
    "trade_sell_review",
)
# After each answer, the page of the next question.
NEXT = {
    "category": "trade_sell_title",
    "title": "trade_sell_price",
    "price": "trade_sell_unit",
    "price_unit": "trade_sell_photo",
    "photo": "trade_sell_review",
}
ANSWERS = ("category", "title", "price", "price_unit")
Found = tuple[Sequence[ListingCard], int]


class Camera(Protocol):
    def available(self) -> bool: ...
    def stop(self) -> None: ...


class ListingsPage(Protocol):
    def choose(self, category: TradeCategory) -> None: ...
    def refresh(self) -> None: ...


class ElsewherePage(Protocol):
    def restart(self) -> None: ...
    def refresh(self) -> None: ...


class ShowsListing(Protocol):
    def show_listing(self, listing: ListingDetail, photo: bytes | None) -> None: ...


class DetailPage(ShowsListing, Protocol):
    def set_printed(self, printed: bool) -> None: ...


@dataclass(frozen=True)
class MemberPages:
    """The pages the flow tells what to show."""

    listings: ListingsPage
    detail: DetailPage
    mine: Resets
    own: ShowsListing
    review: Shows  # shown again as things now stand
    wizard: Sequence[Resets]  # the selling questions, started afresh each time
    elsewhere: ElsewherePage  # the other centres' listings


@dataclass(eq=False, repr=False)  # no answers of hers in a repr
class TradeBank:
    """A member's visit to the trade centre: the listing shown and its slip, her listing on
    her own page, and what she has answered so far while selling."""

    shell: Shell
    service: TradeService
    vouchers: VoucherService
    slip_desk: PrintsSlips
    camera: Camera
    values: dict[str, Any] = field(default_factory=dict)
    shown: ListingDetail | None = None  # on the listing's page
    own: ListingDetail | None = None  # on her own listing's page
    number: str | None = None  # the slip printed on the listing's page
    pages: MemberPages = field(init=False)  # handed in by :meth:`bind` once they are built

    def bind(self, pages: MemberPages) -> None:
        self.pages = pages

    def reset(self) -> None:
        """Her visit is over: no half-made listing, no slip number to print again."""
        self.values = {}
        self.shown = self.own = None
        self.number = None

    # --- what the pages read --------------------------------------------------------------

    def counts(self) -> dict[TradeCategory, int]:
        return self.service.category_counts()

    def listings(self, category: TradeCategory, page: int) -> Found:
        found = self.service.list_listings(category, page, PER_PAGE)
        return found.cards, found.total

    def my_listings(self, page: int) -> Found:
        member = self.shell.visit.member
        if member is None:
            return (), 0
        found = self.service.mine(member.id, page, PER_PAGE)
        return found.cards, found.total

    def photos(self, listing_ids: list[int]) -> dict[int, bytes]:
        return self.service.photos(listing_ids)

    def elsewhere_count(self) -> int | None:
        """For sale at the network's other centres; None when it has no other centre."""
        return self.service.elsewhere_count()

    def elsewhere(self, page: int) -> Found:
        found = self.service.list_elsewhere(page, PER_PAGE)
        return found.cards, found.total

    def photos_elsewhere(self, listing_ids: list[int]) -> dict[int, bytes]:
        return self.service.photos_elsewhere(listing_ids)

    def _photo(self, listing: ListingDetail) -> bytes | None:
        if not listing.has_photo:
            return None
        if listing.centre_name:
            return self.service.photos_elsewhere([listing.id]).get(listing.id)
        return self.service.photo(listing.id)

    def _reader(self, listing: ListingCard) -> Callable[[int], ListingDetail]:
        """How a listing shown is read again: another centre's as the network shows it."""
        return self.service.get_elsewhere if listing.centre_name else self.service.get

    # --- browsing and buying --------------------------------------------------------------

    def show_category(self, category: TradeCategory) -> None:
        self.pages.listings.choose(category)
        self.shell.open("trade_list")

    def _fetch(self, read: Callable[[int], ListingDetail], listing_id: int) -> ListingDetail | None:
        """The listing as it stands now; None, with why said, when it is gone."""
        try:
            return read(listing_id)
        except TradeError as exc:
            self.shell.show_error(str(exc))
            return None

    def show_listing(self, listing_id: int) -> None:
        listing = self._fetch(self.service.get, listing_id)
        if listing is None:
            self.pages.listings.refresh()
            return
        self._show(listing)

    def show_elsewhere(self) -> None:
        """ "Otros centros": what members of the network's other centres sell."""
        self.pages.elsewhere.restart()
        self.shell.open("trade_elsewhere")

    def show_listing_elsewhere(self, listing_id: int) -> None:
        listing = self._fetch(self.service.get_elsewhere, listing_id)
        if listing is None:
            self.pages.elsewhere.refresh()
            return
        self._show(listing)

    def _show(self, listing: ListingDetail) -> None:
        self.shown, self.number = listing, None
        self.pages.detail.show_listing(listing, self._photo(listing))
        self.shell.open("trade_detail")

    def buy(self) -> None:
        """ "Quiero comprar": the slip with the seller's name and phone prints; a second tap
        prints the same slip again."""
        if self.shown is None:
            return
        if self.number is not None:
            self.shell.speaker.say(_("Your slip is printing again."))
            self.slip_desk.print_slip(self.number)
            return
        listing = self._fetch(self._reader(self.shown), self.shown.id)  # withdrawn just now?
        if listing is None:
            return
        voucher = issue_trade_slip(self.vouchers, listing, slip_options(self.shell.settings))
        self.number = voucher.number
        self.pages.detail.set_printed(True)
        self.shell.task_done()
        self.shell.speaker.say(printing_sentence(listing))
        self.slip_desk.print_slip(voucher.number)

    # --- her own listings -----------------------------------------------------------------

    def show_mine(self) -> None:
        if self.shell.visit.member is None:
            self.shell.sign_in("trade_mine")
            return
        self.pages.mine.reset()
        self.shell.open("trade_mine")

    def show_own(self, listing_id: int) -> None:
        listing = self._fetch(self.service.staff_get, listing_id)
        if listing is None:
            return
        self.own = listing
        self.pages.own.show_listing(listing, self._photo(listing))
        self.shell.open("trade_own")

    def withdraw_own(self) -> None:
        listing, member = self.own, self.shell.visit.member
        if listing is None or member is None:
            return

        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                self.service.withdraw(listing.id, seller_id=member.id)
            except TradeError as exc:
                self.shell.show_error(str(exc))
                return
            self.own = None
            self.shell.back()
            self.shell.show_message(_("Done: it is no longer shown."), "action.yes")

        self.shell.confirm(
            _("Stop selling it? It will no longer be shown."), "action.erase", answer
        )

    # --- selling --------------------------------------------------------------------------

    def start_selling(self) -> None:
        """ "Vender": a fresh form; she signs in first if she has not."""
        self._start_over()
        if self.shell.visit.member is None:
            self.shell.sign_in(STEPS[0])
        else:
            self.shell.open(STEPS[0])

    def _start_over(self) -> None:
        for page in self.pages.wizard:
            page.reset()
        self.forget()

    def store(self, key: str, value: Any) -> None:
        self.values[key] = value
        following = NEXT[key]
        if following == "trade_sell_photo" and not self.camera.available():
            # No camera at this station: the listing shows its product's pictogram.
            self.values["photo"] = None
            following = "trade_sell_review"
        self.shell.open(following)

    def initial(self, key: str) -> str | None:
        """What a question's page shows typed when it opens: nothing, she types afresh."""
        return None

    def written(self, text: str) -> None:
        """Her listing's name, written on the keyboard."""
        title = checked_title(self.shell, title_case(text))
        if title is not None:
            self.store("title", title[:TITLE_MAX])

    def priced(self, digits: str) -> None:
        price = checked_price(self.shell, digits)
        if price is not None:
            self.store("price", price)

    def preview(self) -> ListingCard | None:
        """Her listing as members will see it, from what she answered; None when incomplete."""
        member = self.shell.visit.member
        values = self.values
        if member is None or not answered(values):
            return None
        return ListingCard(
            id=0,
            title=values["title"],
            category=TradeCategory(values["category"]),
            price=Decimal(values["price"]),
            price_unit=PriceUnit(values["price_unit"]),
            seller_first_name=member.first_name,
            locality=member.locality,
            has_photo=bool(values.get("photo")),
            status=ListingStatus.PENDING,
        )

    def publish(self) -> None:
        member = self.shell.visit.member
        if member is None:
            self.shell.sign_in(STEPS[0])
            return
        if self.preview() is None:
            self.shell.open(STEPS[0])
            return
        values = self.values
        draft = draft_from(values, photo=values.get("photo"))
        try:
            listing = self.service.publish(member.id, draft)
        except TradeError as exc:
            if values.get("photo"):
                # The photo was the problem or not: without it the next tap can only be simpler.
                values["photo"] = None
                self.pages.review.entered()
            self.shell.show_error(str(exc))
            return
        self._start_over()
        self.shell.task_done()
        self.shell.open_fresh("trade_mine")
        self.shell.show_message(published_sentence(listing), "action.yes")

    def forget(self) -> None:
        self.values = {}


def checked_title(shell: Shell, text: str) -> str | None:
    """``text`` as a listing's name; None, with why said, when it is not one (the letters
    stay on the keyboard to go on writing)."""
    try:
        return clean_title(text)
    except TradeError as exc:
        shell.show_error(str(exc), "action.keyboard")
        return None


def checked_price(shell: Shell, digits: str) -> str | None:
    """The price typed, as the service keeps it; None, with why said, when it is not one (the
    digits stay on the keypad to be corrected)."""
    try:
        return str(check_price(digits))
    except TradeError as exc:
        shell.show_error(str(exc), "misc.money")
        return None


def answered(values: dict[str, Any]) -> bool:
    """Every question of the listing's form has its answer."""
    return all(key in values for key in ANSWERS)


def draft_from(
    values: dict[str, Any], *, description: str = "", photo: bytes | None = None
) -> ListingDraft:
    """The listing the form's answers make."""
    return ListingDraft(
        title=values["title"],
        category=values["category"],
        price=values["price"],
        price_unit=values["price_unit"],
        description=description,
        photo=photo,
    )


def published_sentence(listing: ListingDetail) -> str:
    if listing.status is ListingStatus.PUBLISHED:
        return _("Done. It is already shown in Trade.")
    return _(
        "Done. The staff will check it, and it will be shown in Trade as soon as they "
        "approve it. Ask at the desk if it is urgent."
    )
