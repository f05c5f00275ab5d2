"""Trade centre rules: publish (pending unless the centre says otherwise), approve, reject with a
reason, edit, withdraw, each transition enforced in the transaction; what members see, paged on
the browse index; bad titles, prices and photos refused with one sentence and nothing written.
Every test runs on SQLite and on PostgreSQL; the races run with concurrent workers."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import AuditEvent, Member, StaffRole, StaffUser, TradeListing, TradePhoto
from kiosk.i18n import _
from kiosk.services.members import MemberService
from kiosk.services.trade import (
    PHOTO_EDGE,
    PHOTO_STORED_MAX,
    PRICE_MAX,
    REJECT_REASONS,
    ListingCard,
    ListingDetail,
    ListingDraft,
    ListingStatus,
    PriceUnit,
    TradeCategory,
    TradeConflict,
    TradeError,
    TradeNotFound,
    TradeService,
)
from tests.bulk import load_rows
from tests.concurrency import race

Factory = sessionmaker[Session]
T0 = datetime(2026, 3, 9, 17, 0, tzinfo=UTC)
STAFF_ID = 1  # the first staff row of each fresh database (see add_staff)
PHOTO_UNUSABLE = "The photo could not be used. Take it again, or publish with the drawing."


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)  # every action a moment after the one before
        return self.now


def draft(**changes: Any) -> ListingDraft:
    fields: dict[str, Any] = {
        "title": "tamales de rajas",
        "category": TradeCategory.FOOD,
        "price": "180",
        "price_unit": PriceUnit.DOZEN,
    }
    fields.update(changes)
    return ListingDraft(**fields)


def jpeg(width: int, height: int, *, noise: bool = False, quality: int = 90) -> bytes:
    if noise:
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), (200, 80, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def add_staff(factory: Factory) -> None:
    with factory.begin() as s:
        irma = StaffUser(name="Irma", role=StaffRole.STAFF, pin_hash="-")
        s.add(irma)
        s.flush()
        assert irma.id == STAFF_ID


@pytest.fixture
def members(session_factory: Factory) -> tuple[int, int]:
    add_staff(session_factory)
    service = MemberService(session_factory)
    rosa = service.register("Rosa María Chávez", "6145559876", consent=True, locality="Aldama")
    lupe = service.register("Guadalupe Ríos", "6145551234", consent=True, locality="Chihuahua")
    return rosa.id, lupe.id


@pytest.fixture
def trade(session_factory: Factory) -> TradeService:
    return TradeService(session_factory, clock=Clock())


def count(factory: Factory, model: Any = TradeListing) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def all_cards(service: TradeService, category: TradeCategory) -> list[ListingCard]:
    first = service.list_listings(category)
    cards = list(first.cards)
    for page in range(1, first.page_count):
        cards += service.list_listings(category, page).cards
    return cards


def audit(factory: Factory) -> list[tuple[str, int | None]]:
    with factory() as s:
        rows = s.execute(
            select(AuditEvent.action, AuditEvent.subject_id).order_by(AuditEvent.id)
        ).all()
    return [tuple(row) for row in rows]


# --- the life of a listing --------------------------------------------------------------------


def test_published_by_a_member_approved_by_staff_found_by_another(
    session_factory: Factory, trade: TradeService, members: tuple[int, int]
) -> None:
    rosa, _lupe = members
    mine = trade.publish(rosa, draft())
    assert mine.status is ListingStatus.PENDING
    assert mine.title == "Tamales de rajas"  # a capital first letter, the rest as written
    assert mine.price == Decimal("180.00")
    assert (mine.contact_phone, mine.locality, mine.seller_first_name) == (
        "6145559876",
        "Aldama",
        "Rosa",
    )
    assert mine.published_at is None
    # Waiting: nobody sees it, staff have it in their queue.
    assert trade.category_counts()[TradeCategory.FOOD] == 0
    assert trade.list_listings(TradeCategory.FOOD).total == 0
    with pytest.raises(TradeNotFound):
        trade.get(mine.id)
    assert trade.pending_count() == 1
    assert [c.id for c in trade.staff_list().cards] == [mine.id]

    approved = trade.approve(mine.id, STAFF_ID)
    assert approved.status is ListingStatus.PUBLISHED and approved.published_at is not None
    assert trade.pending_count() == 0
    assert trade.category_counts()[TradeCategory.FOOD] == 1
    (card,) = trade.list_listings(TradeCategory.FOOD).cards
    assert type(card) is ListingCard
    assert (card.title, card.seller_first_name, card.locality, card.has_photo) == (
        "Tamales de rajas",
        "Rosa",
        "Aldama",
        False,
    )
    seen = trade.get(mine.id)
    assert isinstance(seen, ListingDetail) and seen.contact_phone == "6145559876"
    assert audit(session_factory) == [("trade.approve", mine.id)]


def test_without_approval_a_listing_shows_at_once(
    session_factory: Factory, members: tuple[int, int]
) -> None:
    trade = TradeService(session_factory, needs_approval=False, clock=Clock())
    listing = trade.publish(members[0], draft())
    assert listing.status is ListingStatus.PUBLISHED
    assert listing.published_at == listing.created_at
    assert trade.get(listing.id).id == listing.id
    assert trade.pending_count() == 0


def test_the_seller_withdraws_her_own_listing_only(
    session_factory: Factory, trade: TradeService, members: tuple[int, int]
) -> None:
    rosa, lupe = members
    listing = trade.publish(rosa, draft())
    trade.approve(listing.id, STAFF_ID)
    with pytest.raises(TradeNotFound) as refused:
        trade.withdraw(listing.id, seller_id=lupe)
    assert str(refused.value) == _("That listing is not one of yours.")
    assert trade.get(listing.id).status is ListingStatus.PUBLISHED
    gone = trade.withdraw(listing.id, seller_id=rosa)
    assert gone.status is ListingStatus.WITHDRAWN
    with pytest.raises(TradeNotFound):
        trade.get(listing.id)
    assert trade.category_counts()[TradeCategory.FOOD] == 0
    assert trade.mine(rosa).total == 0
    with pytest.raises(TradeConflict) as again:
        trade.withdraw(listing.id, seller_id=rosa)
    assert again.value.status is ListingStatus.WITHDRAWN
    with pytest.raises(TradeNotFound):
        trade.withdraw(listing.id + 100, seller_id=rosa)


def test_her_list_shows_waiting_published_and_sent_back_with_the_reason(
    trade: TradeService, members: tuple[int, int]
) -> None:
    rosa, lupe = members
    waiting = trade.publish(rosa, draft(title="Gorditas de harina"))
    shown = trade.publish(rosa, draft(title="Burritos de guisado"))
    back = trade.publish(rosa, draft(title="Pan de elote", category="panaderia"))
    gone = trade.publish(rosa, draft(title="Salsa de chile"))
    trade.publish(lupe, draft(title="Coyotas"))
    trade.approve(shown.id, STAFF_ID)
    reason = _(REJECT_REASONS[0][2])
    trade.reject(back.id, reason, STAFF_ID)
    trade.withdraw(gone.id, seller_id=rosa)
    page = trade.mine(rosa)
    assert [(c.id, c.status) for c in page.cards] == [
        (back.id, ListingStatus.REJECTED),
        (shown.id, ListingStatus.PUBLISHED),
        (waiting.id, ListingStatus.PENDING),
    ]
    sent_back = page.cards[0]
    assert isinstance(sent_back, ListingDetail) and sent_back.reject_reason == reason
    # She clears a sent-back listing from her list.
    trade.withdraw(back.id, seller_id=rosa)
    assert trade.mine(rosa).total == 2


@pytest.mark.parametrize(
    ("first", "then", "told"),
    [
        ("approve", "approve", ListingStatus.PUBLISHED),
        ("approve", "reject", ListingStatus.PUBLISHED),
        ("reject", "approve", ListingStatus.REJECTED),
        ("reject", "edit", ListingStatus.REJECTED),
        ("withdraw", "approve", ListingStatus.WITHDRAWN),
        ("withdraw", "reject", ListingStatus.WITHDRAWN),
        ("withdraw", "edit", ListingStatus.WITHDRAWN),
        ("withdraw", "withdraw", ListingStatus.WITHDRAWN),
    ],
)
def test_a_transition_that_no_longer_applies_is_refused(
    session_factory: Factory,
    trade: TradeService,
    members: tuple[int, int],
    first: str,
    then: str,
    told: ListingStatus,
) -> None:
    listing = trade.publish(members[0], draft())
    actions: dict[str, Callable[[], ListingDetail]] = {
        "approve": lambda: trade.approve(listing.id, STAFF_ID),
        "reject": lambda: trade.reject(listing.id, "Revisa el precio.", STAFF_ID),
        "edit": lambda: trade.edit(listing.id, draft(title="Tamales"), STAFF_ID),
        "withdraw": lambda: trade.withdraw(listing.id, staff_id=STAFF_ID),
    }
    actions[first]()
    before = trade.staff_get(listing.id)
    events = audit(session_factory)
    with pytest.raises(TradeConflict) as refused:
        actions[then]()
    assert refused.value.status is told
    assert str(refused.value)
    assert trade.staff_get(listing.id) == before
    assert audit(session_factory) == events


def test_staff_edit_keeps_the_status_and_can_change_the_photo(
    session_factory: Factory, trade: TradeService, members: tuple[int, int]
) -> None:
    listing = trade.publish(members[0], draft(photo=jpeg(640, 480)))
    assert listing.has_photo
    trade.approve(listing.id, STAFF_ID)
    edited = trade.edit(
        listing.id,
        draft(title="Tamales de rajas con queso", price="200", price_unit="docena"),
        STAFF_ID,
    )
    assert edited.status is ListingStatus.PUBLISHED
    assert (edited.title, edited.price, edited.has_photo) == (
        "Tamales de rajas con queso",
        Decimal("200.00"),
        True,
    )
    replaced = trade.edit(listing.id, draft(photo=jpeg(300, 300)), STAFF_ID)
    with Image.open(io.BytesIO(trade.photo(listing.id) or b"")) as image:
        assert image.size == (300, 300)
    assert replaced.has_photo
    plain = trade.edit(listing.id, draft(), STAFF_ID, remove_photo=True)
    assert not plain.has_photo and trade.photo(listing.id) is None
    assert count(session_factory, TradePhoto) == 0
    assert [a for a, _i in audit(session_factory)] == ["trade.approve"] + ["trade.edit"] * 3


def test_a_reason_is_needed_to_send_back(trade: TradeService, members: tuple[int, int]) -> None:
    listing = trade.publish(members[0], draft())
    with pytest.raises(TradeError) as refused:
        trade.reject(listing.id, "   ", STAFF_ID)
    assert str(refused.value) == _("Choose why the listing is sent back.")
    assert trade.staff_get(listing.id).status is ListingStatus.PENDING


def test_only_a_registered_member_with_a_phone_publishes(
    session_factory: Factory, trade: TradeService, members: tuple[int, int]
) -> None:
    with pytest.raises(TradeError) as refused:
        trade.publish(members[0] + 100, draft())
    assert str(refused.value) == _("Sign in with your phone number to sell.")
    with session_factory.begin() as s:
        erased = s.get(Member, members[1])
        assert erased is not None
        erased.phone, erased.erased_at = None, T0
    with pytest.raises(TradeError):
        trade.publish(members[1], draft())
    assert count(session_factory) == 0


# --- what members see: counts, pages, order ---------------------------------------------------


def test_pages_hold_six_listings_newest_first(
    trade: TradeService, members: tuple[int, int]
) -> None:
    made = []
    for n in range(13):
        listing = trade.publish(members[n % 2], draft(title=f"Tortillas número {n}"))
        made.append(trade.approve(listing.id, STAFF_ID).id)
    trade.publish(members[0], draft(title="Pan", category=TradeCategory.BAKERY))
    first = trade.list_listings(TradeCategory.FOOD)
    assert (first.total, first.page_count, len(first.cards)) == (13, 3, 6)
    assert [c.id for c in all_cards(trade, TradeCategory.FOOD)] == made[::-1]
    last = trade.list_listings(TradeCategory.FOOD, page=99)
    assert (last.page, len(last.cards)) == (2, 1)
    assert trade.list_listings(TradeCategory.FOOD, page=-3).page == 0
    counts = trade.category_counts()
    assert counts[TradeCategory.FOOD] == 13
    assert counts[TradeCategory.BAKERY] == 0  # still waiting
    assert set(counts) == set(TradeCategory)
    empty = trade.list_listings(TradeCategory.PLANTS)
    assert (empty.total, empty.page_count, empty.cards) == (0, 1, ())


def test_staff_queue_is_oldest_first_and_other_lists_newest_first(
    trade: TradeService, members: tuple[int, int]
) -> None:
    ids = [trade.publish(members[0], draft(title=f"Servilletas {n}")).id for n in range(8)]
    queue = trade.staff_list()
    assert [c.id for c in queue.cards] == ids[:6] and queue.total == 8
    assert [c.id for c in trade.staff_list(page=1).cards] == ids[6:]
    for listing_id in ids[:3]:
        trade.approve(listing_id, STAFF_ID)
    published = trade.staff_list(ListingStatus.PUBLISHED)
    assert [c.id for c in published.cards] == ids[:3][::-1]
    assert trade.pending_count() == 5


# The statements the service sends for a category's count and page and for the staff's queue,
# with their values inlined.
BROWSE_STATEMENTS = (
    "SELECT count(*) FROM trade_listings WHERE category = 'comida' AND status = 'published'",
    "SELECT id FROM trade_listings WHERE category = 'comida' AND status = 'published' "
    "ORDER BY published_at DESC, id DESC LIMIT 6 OFFSET 6000",
    "SELECT category, count(*) FROM trade_listings WHERE category IN ('comida', 'panaderia') "
    "AND status = 'published' GROUP BY category",
)
QUEUE_STATEMENT = (
    "SELECT id FROM trade_listings WHERE status = 'pending' ORDER BY created_at, id LIMIT 6"
)


def plan(s: Session, statement: str) -> str:
    prefix = "EXPLAIN QUERY PLAN" if s.get_bind().dialect.name == "sqlite" else "EXPLAIN"
    return " ".join(str(row[-1]) for row in s.execute(text(f"{prefix} {statement}")))


def test_a_hundred_thousand_listings_page_on_the_index(
    session_factory: Factory, members: tuple[int, int]
) -> None:
    """At 100 000 listings the member pages' queries walk the browse index alone (no sort,
    no table scan), and a category's 1 000th page is still six listings."""
    rows = []
    categories = list(TradeCategory)
    for n in range(100_000):
        status = ListingStatus.PUBLISHED if n % 10 else ListingStatus.PENDING
        moment = T0 - timedelta(minutes=n)
        rows.append(
            {
                "centre_id": 1,
                "seller_id": members[n % 2],
                "title": f"Artículo {n}",
                "category": categories[n % len(categories)],
                "description": "",
                "price": Decimal(10 + n % 500),
                "price_unit": PriceUnit.PIECE,
                "contact_phone": "6145559876",
                "locality": "Aldama",
                "status": status,
                "reject_reason": "",
                "is_example": True,
                "created_at": moment,
                "published_at": moment if status is ListingStatus.PUBLISHED else None,
            }
        )
    load_rows(session_factory, TradeListing, rows)
    with session_factory() as s:
        sqlite = s.get_bind().dialect.name == "sqlite"
        # Read from the browse index alone, in its order: no sort, no table scan.
        for statement in BROWSE_STATEMENTS:
            found = plan(s, statement)
            assert "ix_trade_listings_browse" in found, found
            assert ("COVERING INDEX" in found) if sqlite else ("Index Only Scan" in found), found
            assert "TEMP B-TREE" not in found and "Sort " not in found, found
        found = plan(s, QUEUE_STATEMENT)
        assert "ix_trade_listings_queue" in found and "TEMP B-TREE" not in found, found
        assert "Sort " not in found, found
    # How fast they are is for `make bench`; here, that they answer right at this size.
    trade = TradeService(session_factory)
    counts = trade.category_counts()
    assert sum(counts.values()) == 90_000
    page = trade.list_listings(TradeCategory.FOOD, page=1000)
    assert page.page == 1000 and len(page.cards) == 6
    assert trade.pending_count() == 10_000
    assert len(trade.staff_list().cards) == 6


# --- bad input: one sentence, nothing written -------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({"title": ""}, "Write what you sell, or touch one of the pictures."),
        ({"title": "   "}, "Write what you sell, or touch one of the pictures."),
        ({"title": "1"}, "Write what you sell, or touch one of the pictures."),
        ({"title": "x" * 121}, "The title is too long. Write a shorter one."),
        ({"price": ""}, "Type the price in pesos with the numbers."),
        ({"price": None}, "Type the price in pesos with the numbers."),
        ({"price": "doce"}, "Type the price in pesos with the numbers."),
        ({"price": "0"}, "The price must be at least 1 peso. Type it again."),
        ({"price": "20001"}, "A price over {limit} is too high. Check it and type it again."),
        ({"price": "999999"}, "A price over {limit} is too high. Check it and type it again."),
        ({"price_unit": "litro"}, "Touch how you sell it: by piece, dozen, kilo..."),
        ({"price_unit": None}, "Touch how you sell it: by piece, dozen, kilo..."),
        ({"category": "autos"}, "Touch the picture of what you sell."),
        ({"photo": b"not a picture"}, PHOTO_UNUSABLE),
        ({"photo": b"GIF89a" + b"\0" * 100}, PHOTO_UNUSABLE),
    ],
)
def test_each_bad_input_gets_its_sentence_and_writes_nothing(
    session_factory: Factory,
    trade: TradeService,
    members: tuple[int, int],
    changes: dict[str, Any],
    sentence: str,
) -> None:
    with pytest.raises(TradeError) as refused:
        trade.publish(members[0], draft(**changes))
    assert str(refused.value) == _(sentence).format(limit="$20,000")
    assert count(session_factory) == 0
    listing = trade.publish(members[0], draft())
    with pytest.raises(TradeError):
        trade.edit(listing.id, draft(**changes), STAFF_ID)
    assert trade.staff_get(listing.id) == listing


def test_edges_that_are_fine(trade: TradeService, members: tuple[int, int]) -> None:
    assert trade.publish(members[0], draft(price="1")).price == Decimal("1.00")
    top = trade.publish(members[0], draft(price=str(PRICE_MAX)))
    assert top.price == PRICE_MAX
    assert trade.publish(members[0], draft(price=Decimal("12.5"))).price == Decimal("12.50")
    assert trade.publish(members[0], draft(title="Té")).title == "Té"
    assert len(trade.publish(members[0], draft(title="a" * 120)).title) == 120
    assert trade.publish(members[0], draft(title="  pan \n dulce ")).title == "Pan dulce"


# --- photos -----------------------------------------------------------------------------------


def test_a_big_photo_is_scaled_down(
    session_factory: Factory, trade: TradeService, members: tuple[int, int]
) -> None:
    listing = trade.publish(members[0], draft(photo=jpeg(4000, 3000)))
    stored = trade.photo(listing.id)
    assert stored is not None and len(stored) <= PHOTO_STORED_MAX
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (PHOTO_EDGE, 600)
    with session_factory() as s:
        row = s.get(TradePhoto, listing.id)
        assert row is not None and (row.width, row.height) == (PHOTO_EDGE, 600)
    assert trade.photos([listing.id, listing.id + 1]) == {listing.id: stored}


def test_a_noisy_photo_still_fits_the_limit(trade: TradeService, members: tuple[int, int]) -> None:
    big = jpeg(2400, 1800, noise=True, quality=95)
    assert len(big) > 5 * PHOTO_STORED_MAX
    listing = trade.publish(members[0], draft(photo=big))
    stored = trade.photo(listing.id)
    assert stored is not None and len(stored) <= PHOTO_STORED_MAX


def test_a_png_is_stored_as_jpeg_without_its_metadata(
    trade: TradeService, members: tuple[int, int]
) -> None:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Cámara de prueba"  # Make
    Image.new("RGB", (320, 200), (10, 120, 30)).save(out, "PNG", exif=exif)
    listing = trade.publish(members[0], draft(photo=out.getvalue()))
    stored = trade.photo(listing.id)
    assert stored is not None
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (320, 200)
        assert not image.getexif()


def test_an_absurd_picture_is_refused_before_decoding(
    session_factory: Factory, trade: TradeService, members: tuple[int, int]
) -> None:
    # A tiny PNG that claims 20 000 × 20 000 pixels.
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    assert len(out.getvalue()) < 2_000_000
    with pytest.raises(TradeError):
        trade.publish(members[0], draft(photo=out.getvalue()))
    with pytest.raises(TradeError):
        trade.publish(members[0], draft(photo=b"\xff\xd8\xff" + b"\0" * (17 * 1024 * 1024)))
    assert count(session_factory) == 0


# --- kiosks and desks at the same moment ------------------------------------------------------


def _members_in(factory: Factory) -> int:
    add_staff(factory)
    return MemberService(factory).register("Rosa Chávez", "6145559876", consent=True).id


def test_approved_and_withdrawn_at_once_ends_in_one_state(racing_factory: Factory) -> None:
    """Staff approve while the seller withdraws, 12 times over: the listing always ends
    withdrawn; the approval either happened first (and says so, with its date and audit row)
    or was refused because she had already withdrawn it."""
    factory = racing_factory
    trade = TradeService(factory)
    rosa = _members_in(factory)
    outcomes = set()
    for _round in range(12):
        listing = trade.publish(rosa, draft())
        results = race(
            2,
            lambda i, lid=listing.id: (
                trade.approve(lid, STAFF_ID) if i == 0 else trade.withdraw(lid, seller_id=rosa)
            ),
            TradeError,
        )
        approved, withdrawn = results
        assert isinstance(withdrawn, ListingDetail), withdrawn
        final = trade.staff_get(listing.id)
        assert final.status is ListingStatus.WITHDRAWN
        events = [a for a, i in audit(factory) if i == listing.id]
        if isinstance(approved, ListingDetail):
            assert approved.status is ListingStatus.PUBLISHED
            assert final.published_at is not None
            assert events == ["trade.approve", "trade.withdraw"]
            outcomes.add("approved first")
        else:
            assert isinstance(approved, TradeConflict)
            assert approved.status is ListingStatus.WITHDRAWN
            assert final.published_at is None
            assert events == ["trade.withdraw"]
            outcomes.add("withdrawn first")
    assert outcomes  # at least one ordering seen; both are consistent


@pytest.mark.postgresql
def test_ten_desks_deciding_one_listing_at_once_one_wins(pg_factory: Factory) -> None:
    trade = TradeService(pg_factory)
    rosa = _members_in(pg_factory)
    listing = trade.publish(rosa, draft())
    results = race(
        10,
        lambda i: (
            trade.approve(listing.id, STAFF_ID)
            if i % 2
            else trade.reject(listing.id, "Revisa el precio.", STAFF_ID)
        ),
        TradeError,
    )
    winners = [r for r in results if isinstance(r, ListingDetail)]
    assert len(winners) == 1
    assert all(isinstance(r, TradeConflict) for r in results if r not in winners)
    final = trade.staff_get(listing.id)
    assert final.status is winners[0].status
    assert (final.published_at is not None) == (final.status is ListingStatus.PUBLISHED)
    assert len(audit(pg_factory)) == 1


@pytest.mark.postgresql
def test_twenty_kiosks_publishing_at_once_all_land_in_the_queue(pg_factory: Factory) -> None:
    trade = TradeService(pg_factory)
    rosa = _members_in(pg_factory)
    results = race(
        20, lambda i: trade.publish(rosa, draft(title=f"Pan {i}", photo=jpeg(64, 64))), TradeError
    )
    assert all(isinstance(r, ListingDetail) for r in results)
    assert trade.pending_count() == 20
    assert count(pg_factory, TradePhoto) == 20
