"""The trade centre's flows without a window: fake pages and a fake window record what they
are told to show, a real database (SQLite and PostgreSQL) keeps the listings. A visit's steps:
a kind, a listing and its slip; selling one answer at a time; her own listings; and the staff
desk approving, sending back, correcting and withdrawing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import Settings
from kiosk.i18n import _
from kiosk.services.members import MemberInfo, MemberService
from kiosk.services.trade import (
    REJECT_REASONS,
    ListingDetail,
    ListingDraft,
    ListingStatus,
    TradeCategory,
    TradeError,
    TradeService,
    check_price,
)
from kiosk.services.vouchers import VoucherKind, VoucherService
from kiosk.ui.areas.trade.desk_flow import (
    APPROVE,
    EDIT,
    REMOVE_PHOTO,
    SEND_BACK,
    WITHDRAW,
    DeskPages,
    TradeDesk,
    staff_choices,
)
from kiosk.ui.areas.trade.flow import STEPS, MemberPages, TradeBank
from kiosk.ui.areas.trade.texts import printing_sentence
from tests.services.test_trade import STAFF_ID, add_staff, jpeg

Factory = sessionmaker[Session]
GONE = "This is no longer for sale. Look at another one."


class Page:
    """A page that records what it is told: ``calls`` holds (method, arguments...)."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args: self.calls.append((name, *args))

    def told(self, name: str) -> list[tuple[Any, ...]]:
        return [call[1:] for call in self.calls if call[0] == name]


class Speaker:
    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


class Visit:
    member: MemberInfo | None = None


class Shell:
    """The window as the flows see it; a question is answered with ``answer``."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.visit = Visit()
        self.speaker = Speaker()
        self.opened: list[str] = []
        self.errors: list[str] = []
        self.messages: list[str] = []
        self.questions: list[str] = []
        self.signs_in: list[str] = []
        self.tasks_done = 0
        self.answer = True

    def open(self, name: str) -> None:
        self.opened.append(name)

    def open_fresh(self, name: str) -> None:
        self.opened.append(name)

    def back(self) -> None:
        self.opened.append("back")

    def show_error(self, text: str, icon: str | None = None) -> None:
        self.errors.append(text)

    def show_message(self, text: str, icon: str = "action.error") -> None:
        self.messages.append(text)

    def confirm(self, question: str, icon: str | None, on_answer: Callable[[bool], None]) -> None:
        self.questions.append(question)
        on_answer(self.answer)

    def sign_in(self, then: str) -> None:
        self.signs_in.append(then)

    def task_done(self) -> None:
        self.tasks_done += 1


class Camera:
    def __init__(self, available: bool = False) -> None:
        self.is_there = available
        self.stopped = 0

    def available(self) -> bool:
        return self.is_there

    def stop(self) -> None:
        self.stopped += 1


class SlipDesk:
    def __init__(self) -> None:
        self.printed: list[str] = []

    def print_slip(self, number: str) -> None:
        self.printed.append(number)


class Member:
    """The member flow with its fake pages, on the database."""

    def __init__(self, factory: Factory, camera: bool = False) -> None:
        self.shell, self.slips, self.camera = Shell(), SlipDesk(), Camera(camera)
        self.service = TradeService(factory)
        self.vouchers = VoucherService(factory)
        self.listings, self.detail, self.mine, self.own, self.review = (Page() for _ in range(5))
        self.wizard = [Page(), Page()]
        self.elsewhere = Page()
        self.bank = TradeBank(self.shell, self.service, self.vouchers, self.slips, self.camera)
        self.bank.bind(
            MemberPages(
                self.listings,
                self.detail,
                self.mine,
                self.own,
                self.review,
                self.wizard,
                self.elsewhere,
            )
        )


@pytest.fixture
def people(session_factory: Factory) -> tuple[MemberInfo, MemberInfo]:
    add_staff(session_factory)
    members = MemberService(session_factory)
    rosa = members.register("Rosa Chávez", "6145559901", consent=True, locality="Aldama")
    lupe = members.register("Guadalupe Ríos", "6145559902", consent=True, locality="Chihuahua")
    return rosa, lupe


@pytest.fixture
def member(session_factory: Factory, people: tuple[MemberInfo, MemberInfo]) -> Member:
    return Member(session_factory)


def tamales(service: TradeService, seller: MemberInfo, *, approve: bool = True) -> ListingDetail:
    listing = service.publish(seller.id, ListingDraft("Tamales", "comida", "180", "docena"))
    return service.approve(listing.id, STAFF_ID) if approve else listing


# --- browsing and buying ----------------------------------------------------------------------


def test_she_finds_a_listing_and_prints_the_sellers_phone(
    member: Member, people: tuple[MemberInfo, MemberInfo]
) -> None:
    rosa, lupe = people
    listing = tamales(member.service, rosa)
    member.shell.visit.member = lupe
    bank = member.bank
    assert bank.counts()[TradeCategory.FOOD] == 1
    bank.show_category(TradeCategory.FOOD)
    assert member.listings.told("choose") == [(TradeCategory.FOOD,)]
    assert member.shell.opened == ["trade_list"]
    cards, total = bank.listings(TradeCategory.FOOD, 0)
    assert total == 1 and [c.title for c in cards] == ["Tamales"]

    bank.show_listing(listing.id)
    ((shown, photo),) = member.detail.told("show_listing")
    assert (shown.id, shown.contact_phone, photo) == (listing.id, "6145559901", None)
    assert member.shell.opened[-1] == "trade_detail"

    bank.buy()
    (number,) = member.slips.printed
    voucher = member.vouchers.get(number)
    assert (voucher.kind, voucher.subject_id) == (VoucherKind.TRADE, listing.id)
    assert member.detail.told("set_printed") == [(True,)]
    assert member.shell.speaker.said == [printing_sentence(shown)]
    assert "Rosa" in member.shell.speaker.said[0]
    assert member.shell.tasks_done == 1
    # A second tap prints the same slip again.
    bank.buy()
    assert member.slips.printed == [number, number]
    assert member.shell.speaker.said[-1] == _("Your slip is printing again.")


def test_a_listing_withdrawn_while_she_looks_prints_nothing(
    member: Member, people: tuple[MemberInfo, MemberInfo]
) -> None:
    listing = tamales(member.service, people[0])
    member.bank.show_listing(listing.id)
    member.service.withdraw(listing.id, staff_id=STAFF_ID)
    member.bank.buy()
    assert member.shell.errors == [_(GONE)]
    assert member.slips.printed == [] and member.bank.number is None
    assert member.detail.told("set_printed") == []


def test_a_listing_gone_before_it_opens_is_said_and_the_list_read_again(
    member: Member, people: tuple[MemberInfo, MemberInfo]
) -> None:
    listing = tamales(member.service, people[0])
    member.service.withdraw(listing.id, staff_id=STAFF_ID)
    member.bank.show_listing(listing.id)
    assert member.shell.errors == [_(GONE)]
    assert member.listings.told("refresh") == [()]
    assert "trade_detail" not in member.shell.opened


def test_another_centres_listing_gone_before_it_opens_is_said_and_that_list_read_again(
    member: Member, people: tuple[MemberInfo, MemberInfo], session_factory: Factory
) -> None:
    """Another centre's listing taken down while she looks at the other centres' list."""
    from kiosk.data import db
    from kiosk.services.centres import CentreService

    aldama = CentreService(session_factory).add("aldama", "CENESO Aldama", "Aldama")
    theirs = db.make_session_factory(session_factory.kw["bind"], aldama.id)
    bea = MemberService(theirs).register("Bea Ruiz", "6145550202", consent=True)
    listing = tamales(TradeService(theirs, needs_approval=False), bea, approve=False)
    member.bank.show_elsewhere()
    assert member.elsewhere.told("restart") == [()]
    assert member.shell.opened[-1] == "trade_elsewhere"
    member.bank.show_listing_elsewhere(listing.id)
    assert member.shell.opened[-1] == "trade_detail"
    shown = member.detail.told("show_listing")[-1][0]
    assert shown.centre_name == "CENESO Aldama" and shown.contact_phone == "6145550202"
    TradeService(theirs).withdraw(listing.id, seller_id=bea.id)
    member.bank.buy()
    assert member.shell.errors == [_(GONE)] and member.slips.printed == []
    member.bank.show_listing_elsewhere(listing.id)
    assert member.elsewhere.told("refresh") == [()]


# --- selling ----------------------------------------------------------------------------------


def answer_up_to_unit(member: Member) -> None:
    bank = member.bank
    bank.start_selling()
    bank.store("category", TradeCategory.BAKERY.value)
    bank.written("Pan De Nata")  # as the keyboard writes it
    bank.priced("180")
    bank.store("price_unit", "pieza")


def test_selling_asks_one_thing_a_page_and_publishes_for_approval(
    member: Member, people: tuple[MemberInfo, MemberInfo]
) -> None:
    rosa = people[0]
    member.shell.visit.member = rosa
    answer_up_to_unit(member)
    # No camera at this station: from the unit straight to the last look.
    assert member.shell.opened == [
        "trade_sell_kind",
        "trade_sell_title",
        "trade_sell_price",
        "trade_sell_unit",
        "trade_sell_review",
    ]
    assert all(page.told("reset") == [()] for page in member.wizard)
    card = member.bank.preview()
    assert card is not None
    assert (card.title, card.price, card.seller_first_name, card.has_photo) == (
        "Pan de nata",
        180,
        "Rosa",
        False,
    )
    member.bank.publish()
    (mine,) = member.service.mine(rosa.id).cards
    assert (mine.title, mine.status) == ("Pan de nata", ListingStatus.PENDING)
    assert member.shell.opened[-1] == "trade_mine"
    assert member.shell.messages == [
        _(
            "Done. The staff will check it, and it will be shown in Trade as soon as they "
            "approve it. Ask at the desk if it is urgent."
        )
    ]
    assert member.bank.values == {} and member.shell.tasks_done == 1
    assert all(page.told("reset") == [(), ()] for page in member.wizard)


def test_with_a_camera_the_photo_is_asked_after_the_unit(
    session_factory: Factory, people: tuple[MemberInfo, MemberInfo]
) -> None:
    member = Member(session_factory, camera=True)
    member.shell.visit.member = people[0]
    answer_up_to_unit(member)
    assert member.shell.opened[-1] == "trade_sell_photo"
    assert "photo" not in member.bank.values


def test_selling_signs_her_in_first(member: Member) -> None:
    member.bank.start_selling()
    assert member.shell.signs_in == [STEPS[0]] and member.shell.opened == []


def test_a_bad_name_or_price_is_said_and_asked_again(
    member: Member, people: tuple[MemberInfo, MemberInfo]
) -> None:
    member.shell.visit.member = people[0]
    member.bank.start_selling()
    member.bank.store("category", "comida")
    member.bank.written(" ")
    assert member.shell.errors == [_("Write what you sell, or touch one of the pictures.")]
    member.bank.priced("250000")
    with pytest.raises(TradeError) as too_high:
        check_price("250000")
    assert member.shell.errors[-1] == str(too_high.value)
    assert member.shell.opened == ["trade_sell_kind", "trade_sell_title"]
    assert set(member.bank.values) == {"category"}


def test_a_photo_the_service_refuses_is_dropped_and_the_drawing_used(
    member: Member, people: tuple[MemberInfo, MemberInfo]
) -> None:
    rosa = people[0]
    member.shell.visit.member = rosa
    answer_up_to_unit(member)
    member.bank.values["photo"] = b"\xff\xd8\xffnot really a photo"
    member.bank.publish()
    assert member.shell.errors == [
        _("The photo could not be used. Take it again, or publish with the drawing.")
    ]
    assert member.bank.values["photo"] is None
    assert member.review.told("entered") == [()]
    assert member.service.mine(rosa.id).total == 0
    member.bank.publish()
    (mine,) = member.service.mine(rosa.id).cards
    assert not mine.has_photo


# --- her own listings -------------------------------------------------------------------------


def test_she_sees_her_listing_and_takes_it_down(
    member: Member, people: tuple[MemberInfo, MemberInfo]
) -> None:
    rosa = people[0]
    listing = tamales(member.service, rosa)
    member.bank.show_mine()
    assert member.shell.signs_in == ["trade_mine"]
    member.shell.visit.member = rosa
    member.bank.show_mine()
    assert member.mine.told("reset") == [()] and member.shell.opened == ["trade_mine"]
    cards, total = member.bank.my_listings(0)
    assert total == 1 and cards[0].status is ListingStatus.PUBLISHED
    member.bank.show_own(listing.id)
    ((shown, _photo),) = member.own.told("show_listing")
    assert shown.id == listing.id and member.shell.opened[-1] == "trade_own"
    # "No" keeps it for sale; "Sí" takes it down and goes back to her list.
    member.shell.answer = False
    member.bank.withdraw_own()
    assert member.service.get(listing.id).status is ListingStatus.PUBLISHED
    member.shell.answer = True
    member.bank.withdraw_own()
    assert member.service.staff_get(listing.id).status is ListingStatus.WITHDRAWN
    assert member.shell.opened[-1] == "back"
    assert member.shell.messages == [_("Done: it is no longer shown.")]


# --- the staff desk ---------------------------------------------------------------------------


class Desk:
    def __init__(self, factory: Factory) -> None:
        self.shell = Shell()
        self.service = TradeService(factory)
        self.listing, self.reasons = Page(), Page()
        self.edit = [Page(), Page()]
        self.desk = TradeDesk(self.shell, self.service, lambda: self.staff)
        self.staff: Any = type("Staff", (), {"id": STAFF_ID})()
        self.desk.bind(DeskPages(self.listing, self.reasons, self.edit))


@pytest.fixture
def desk(session_factory: Factory, people: tuple[MemberInfo, MemberInfo]) -> Desk:
    return Desk(session_factory)


def test_staff_approve_what_waits(desk: Desk, people: tuple[MemberInfo, MemberInfo]) -> None:
    listing = tamales(desk.service, people[0], approve=False)
    assert desk.desk.pending_count() == 1
    cards, _total = desk.desk.listings(ListingStatus.PENDING, 0)
    assert [c.id for c in cards] == [listing.id]
    desk.desk.show(listing.id)
    assert desk.shell.opened == ["staff_listing"]
    desk.desk.approve()
    assert desk.service.get(listing.id).status is ListingStatus.PUBLISHED
    assert desk.shell.messages == [_("Approved: members see it now.")]
    assert desk.shell.opened[-1] == "staff_trade" and desk.desk.listing_id is None


def test_staff_send_back_with_the_reason_she_hears(
    desk: Desk, people: tuple[MemberInfo, MemberInfo]
) -> None:
    listing = tamales(desk.service, people[0], approve=False)
    desk.desk.show(listing.id)
    desk.desk.ask_reason()
    assert desk.reasons.told("reset") == [()]
    assert desk.shell.opened[-1] == "staff_trade_reject"
    code, _icon, words = REJECT_REASONS[0]
    desk.desk.send_back(code)
    stored = desk.service.staff_get(listing.id)
    assert (stored.status, stored.reject_reason) == (ListingStatus.REJECTED, _(words))
    assert desk.shell.opened[-1] == "staff_trade"


def test_the_seller_withdrew_while_staff_looked(
    desk: Desk, people: tuple[MemberInfo, MemberInfo]
) -> None:
    rosa = people[0]
    listing = tamales(desk.service, rosa, approve=False)
    desk.desk.show(listing.id)
    desk.service.withdraw(listing.id, seller_id=rosa.id)
    desk.desk.approve()
    assert desk.shell.errors == [_("This listing was withdrawn; it is no longer shown.")]
    assert desk.listing.told("entered") == [()]  # shown again, as it now stands
    assert desk.shell.opened == ["staff_listing"] and desk.shell.messages == []
    current = desk.desk.current()
    assert current is not None and staff_choices(current) == frozenset()


def test_staff_correct_a_listing_one_answer_a_page(
    desk: Desk, people: tuple[MemberInfo, MemberInfo]
) -> None:
    listing = tamales(desk.service, people[0], approve=False)
    desk.desk.show(listing.id)
    desk.desk.start_edit()
    assert all(page.told("reset") == [()] for page in desk.edit)
    assert desk.desk.edit["price_digits"] == "180"
    desk.desk.written("Tamales")  # kept as it was
    desk.desk.store("category", "comida")
    desk.desk.priced("250000")
    assert len(desk.shell.errors) == 1 and desk.shell.opened[-1] == "staff_trade_price"
    desk.desk.priced("150")
    desk.desk.store("price_unit", "pieza")
    assert desk.shell.opened[1:] == [
        "staff_trade_title",
        "staff_trade_kind",
        "staff_trade_price",
        "staff_trade_unit",
        "staff_trade_review",
    ]
    assert desk.desk.ready()
    desk.desk.save()
    stored = desk.service.staff_get(listing.id)
    assert (stored.title, stored.price, str(stored.price_unit)) == (
        "Tamales",
        150,
        "pieza",
    )
    assert desk.shell.opened[-1] == "staff_listing"
    assert desk.shell.messages == [_("The listing is saved.")] and not desk.desk.ready()


def test_staff_remove_the_photo_then_withdraw(
    desk: Desk, people: tuple[MemberInfo, MemberInfo]
) -> None:
    draft = ListingDraft("Servilletas", "manualidades", "120", "pieza", photo=jpeg(400, 300))
    listing = desk.service.publish(people[0].id, draft)
    desk.desk.show(listing.id)
    current = desk.desk.current()
    assert current is not None
    assert staff_choices(current) == {APPROVE, SEND_BACK, EDIT, WITHDRAW, REMOVE_PHOTO}
    desk.desk.remove_photo()
    assert desk.shell.questions == [_("Remove the photo? The drawing will show instead.")]
    assert not desk.service.staff_get(listing.id).has_photo
    assert desk.listing.told("entered") == [()]
    # "No" to withdrawing changes nothing; "Sí" takes it down.
    desk.shell.answer = False
    desk.desk.withdraw()
    assert desk.service.staff_get(listing.id).status is ListingStatus.PENDING
    desk.shell.answer = True
    desk.desk.withdraw()
    assert desk.service.staff_get(listing.id).status is ListingStatus.WITHDRAWN
    assert desk.shell.opened[-1] == "staff_trade"


def test_what_staff_may_decide_follows_where_a_listing_stands(
    desk: Desk, people: tuple[MemberInfo, MemberInfo]
) -> None:
    listing = tamales(desk.service, people[0])
    assert staff_choices(desk.service.staff_get(listing.id)) == {EDIT, WITHDRAW}
    desk.service.withdraw(listing.id, staff_id=STAFF_ID)
    assert staff_choices(desk.service.staff_get(listing.id)) == frozenset()
