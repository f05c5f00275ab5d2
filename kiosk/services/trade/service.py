"""The trade centre: browsing, her own listings, and the staff's approval."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ColumnElement, CursorResult, Select, delete, func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.data.models import (
    AuditEvent,
    Centre,
    ListingStatus,
    Member,
    PriceUnit,
    TradeCategory,
    TradeListing,
    TradePhoto,
    utcnow,
)
from kiosk.data.scope import ALL_CENTRES, centre_of, sellers_first_names
from kiosk.i18n import N_, _
from kiosk.services import (
    KEPT_COUNTS,
    SessionFactory,
    copy_fields,
    count_each,
    kept_key,
    notify,
    page_numbers,
    paging,
)
from kiosk.text import one_line
from kiosk.words import first_name

if TYPE_CHECKING:
    pass

from kiosk.services.trade.checks import (
    check_draft,
    prepare_photo,
)
from kiosk.services.trade.common import (
    PER_PAGE,
    REASON_MAX,
    ListingCard,
    ListingDetail,
    ListingDraft,
    ListingPage,
    Photo,
    TradeConflict,
    TradeError,
    TradeNotFound,
    log,
    trade_entry_points,
)

# --- building the dataclasses -----------------------------------------------------------------

_HAS_PHOTO = TradePhoto.listing_id.is_not(None).label("has_photo")


def _rows(ids: list[int]) -> Select[TradeListing, str, bool]:
    return (
        select(TradeListing, Member.name.label("seller_name"), _HAS_PHOTO)
        .join(Member, Member.id == TradeListing.seller_id)
        .outerjoin(TradePhoto, TradePhoto.listing_id == TradeListing.id)
        .where(TradeListing.id.in_(ids))
    )


def photos_of(
    session_factory: SessionFactory,
    key: InstrumentedAttribute[int],
    jpeg: InstrumentedAttribute[bytes],
    ids: Sequence[int],
) -> dict[int, bytes]:
    """The photos of the rows shown (those that have one), by the id ``key`` holds."""
    if not ids:
        return {}
    with session_factory() as s:
        rows = s.execute(select(key, jpeg).where(key.in_(list(ids))))
        return {row_id: photo for row_id, photo in rows}


def _elsewhere(ids: list[int] | None = None) -> Select[TradeListing, str, bool]:
    """Published listings of the network's centres with their centre's name, never joined to
    their sellers: a centre reads other centres' published listings and photos, never their
    members (on PostgreSQL, its role could not)."""
    statement = (
        select(TradeListing, Centre.name.label("centre_name"), _HAS_PHOTO)
        .join(Centre, Centre.id == TradeListing.centre_id)
        .outerjoin(TradePhoto, TradePhoto.listing_id == TradeListing.id)
        .where(TradeListing.status == ListingStatus.PUBLISHED)
    )
    if ids is not None:
        statement = statement.where(TradeListing.id.in_(ids))
    return statement.execution_options(**{ALL_CENTRES: True})


def _detail(
    listing: TradeListing, seller_name: str, has_photo: bool, centre_name: str = ""
) -> ListingDetail:
    return copy_fields(
        ListingDetail,
        listing,
        category=TradeCategory(listing.category),
        price_unit=PriceUnit(listing.price_unit),
        seller_first_name=first_name(seller_name),
        has_photo=bool(has_photo),
        status=ListingStatus(listing.status),
        seller_name=seller_name,
        contact_phone=listing.contact_phone or "",
        centre_name=centre_name,
    )


def _card(detail: ListingDetail) -> ListingCard:
    return copy_fields(ListingCard, detail)


# What each action may start from, and what the one who tried is told when the listing is no
# longer there (another desk or the seller acted first).
_FROM: dict[str, tuple[ListingStatus, ...]] = {
    "approve": (ListingStatus.PENDING,),
    "reject": (ListingStatus.PENDING,),
    "edit": (ListingStatus.PENDING, ListingStatus.PUBLISHED),
    "withdraw": (ListingStatus.PENDING, ListingStatus.PUBLISHED, ListingStatus.REJECTED),
}
_NOW_IS: dict[ListingStatus, str] = {
    ListingStatus.PENDING: N_("This listing is still waiting for approval."),
    ListingStatus.PUBLISHED: N_("This listing is already published."),
    ListingStatus.REJECTED: N_("This listing was already sent back to its seller."),
    ListingStatus.WITHDRAWN: N_("This listing was withdrawn; it is no longer shown."),
}


# --- the service ------------------------------------------------------------------------------


@trade_entry_points
class TradeService:
    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        needs_approval: bool = True,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = session_factory
        self.needs_approval = needs_approval
        self._clock = clock

    # --- member side: browsing ------------------------------------------------------------

    def category_counts(self) -> dict[TradeCategory, int]:
        """Published listings per category, every category included."""
        return count_each(
            self._factory,
            TradeListing.category,
            TradeCategory,
            TradeListing.status == ListingStatus.PUBLISHED,
        )

    def list_listings(
        self, category: TradeCategory, page: int = 0, per_page: int = PER_PAGE
    ) -> ListingPage:
        """A category's published listings, newest first."""
        conditions = [
            TradeListing.category == TradeCategory(category),
            TradeListing.status == ListingStatus.PUBLISHED,
        ]
        order = (TradeListing.published_at.desc(), TradeListing.id.desc())
        return self._page(conditions, order, page, per_page, cards=True)

    def get(self, listing_id: int) -> ListingDetail:
        """A published listing, or :class:`TradeNotFound`."""
        detail = self._find(listing_id)
        if detail is None or detail.status is not ListingStatus.PUBLISHED:
            raise TradeNotFound(_("This is no longer for sale. Look at another one."))
        return detail

    def photo(self, listing_id: int) -> bytes | None:
        with self._factory() as s:
            return s.scalar(select(TradePhoto.jpeg).where(TradePhoto.listing_id == listing_id))

    def photos(self, listing_ids: list[int]) -> dict[int, bytes]:
        """The photos of a page's listings (those that have one)."""
        return photos_of(self._factory, TradePhoto.listing_id, TradePhoto.jpeg, listing_ids)

    # --- member side: the other centres of the network ------------------------------------

    def elsewhere_count(self) -> int | None:
        """Published listings of the network's other centres; None when the network has no
        other centre (then there is nowhere else to look)."""
        with self._factory() as s:
            here = centre_of(s)
            centres = s.scalar(select(func.count()).select_from(Centre)) or 0
            if centres < 2:
                return None
            return self._count_elsewhere(s, here)

    def _count_elsewhere(self, s: Session, here: int) -> int:
        """Other centres' published listings, counted at most once in ``KEPT_COUNTS``' time
        (the tile and every page of the list share the count)."""
        counting = (
            select(func.count())
            .select_from(TradeListing)
            .where(*self._elsewhere_conditions(here))
            .execution_options(**{ALL_CENTRES: True})
        )
        key = kept_key(self._factory, "trade elsewhere", here)
        return KEPT_COUNTS.get(key, lambda: s.scalar(counting) or 0)

    def list_elsewhere(self, page: int = 0, per_page: int = PER_PAGE) -> ListingPage:
        """Published listings of the network's other centres, newest first, each with its
        centre's name; never a pending one, nor its seller's row."""
        with self._factory() as s:
            here = centre_of(s)
            conditions = self._elsewhere_conditions(here)
            total = self._count_elsewhere(s, here)
            page, page_count = page_numbers(total, page, per_page)
            if not total:
                return ListingPage((), page, page_count, total)
            ids = list(
                s.scalars(
                    select(TradeListing.id)
                    .where(*conditions)
                    .order_by(TradeListing.published_at.desc(), TradeListing.id.desc())
                    .limit(per_page)
                    .offset(page * per_page)
                    .execution_options(**{ALL_CENTRES: True})
                )
            )
            sellers = sellers_first_names(s, ids)
            found = {
                row[0].id: _detail(
                    row[0], sellers.get(row[0].id, ""), row.has_photo, row.centre_name
                )
                for row in s.execute(_elsewhere(ids))
            }
        cards = tuple(_card(found[i]) for i in ids if i in found)
        return ListingPage(cards, page, page_count, total)

    def get_elsewhere(self, listing_id: int) -> ListingDetail:
        """A published listing of another centre, with its centre's name and the phone it was
        put up with (its seller's name stays with her centre), or :class:`TradeNotFound`."""
        with self._factory() as s:
            here = centre_of(s)
            row = s.execute(_elsewhere([listing_id]).where(TradeListing.centre_id != here)).first()
            if row is None:
                raise TradeNotFound(_("This is no longer for sale. Look at another one."))
            seller = sellers_first_names(s, [listing_id]).get(listing_id, "")
            return _detail(row[0], seller, row.has_photo, row.centre_name)

    def photos_elsewhere(self, listing_ids: list[int]) -> dict[int, bytes]:
        """The photos of other centres' published listings shown (those that have one)."""
        if not listing_ids:
            return {}
        with self._factory() as s:
            rows = s.execute(
                select(TradePhoto.listing_id, TradePhoto.jpeg)
                .join(TradeListing, TradeListing.id == TradePhoto.listing_id)
                .where(
                    TradePhoto.listing_id.in_(listing_ids),
                    TradeListing.status == ListingStatus.PUBLISHED,
                )
                .execution_options(**{ALL_CENTRES: True})
            )
            return {listing_id: jpeg for listing_id, jpeg in rows}

    @staticmethod
    def _elsewhere_conditions(here: int) -> list[ColumnElement[bool]]:
        return [
            TradeListing.status == ListingStatus.PUBLISHED,
            TradeListing.centre_id != here,
        ]

    # --- member side: her own listings ----------------------------------------------------

    def publish(self, seller_id: int, draft: ListingDraft) -> ListingDetail:
        """Her new listing: pending until staff approve it (published at once when the centre
        does not ask for approval). Her phone and locality are taken from her registration."""
        values = check_draft(draft)
        # The photo is scaled before the write transaction opens (SQLite holds its lock for
        # the whole transaction).
        photo = prepare_photo(draft.photo) if draft.photo else None
        now = self._clock()
        status = ListingStatus.PENDING if self.needs_approval else ListingStatus.PUBLISHED
        with self._factory.begin() as s:
            member = s.get(Member, seller_id)
            if member is None or member.erased_at is not None or not member.phone:
                raise TradeError(_("Sign in with your phone number to sell."))
            listing = TradeListing(
                **values,
                seller_id=member.id,
                contact_phone=member.phone,
                locality=member.locality,
                status=status,
                is_example=False,
                created_at=now,
                published_at=now if status is ListingStatus.PUBLISHED else None,
            )
            s.add(listing)
            s.flush()
            if photo is not None:
                s.add(TradePhoto(listing_id=listing.id, **dataclasses.asdict(photo)))
            detail = _detail(listing, member.name, photo is not None)
            if status is ListingStatus.PENDING:
                notify.announce(s, notify.TRADE)  # one more for the desks to approve
        log.info("listing %d published by a member (%s)", detail.id, status.value)
        return detail

    def mine(self, seller_id: int, page: int = 0, per_page: int = PER_PAGE) -> ListingPage:
        """Her listings that are not withdrawn (pending, published, sent back), newest first."""
        conditions = [
            TradeListing.seller_id == seller_id,
            TradeListing.status != ListingStatus.WITHDRAWN,
        ]
        order = (TradeListing.created_at.desc(), TradeListing.id.desc())
        return self._page(conditions, order, page, per_page)

    def withdraw(
        self, listing_id: int, *, seller_id: int | None = None, staff_id: int | None = None
    ) -> ListingDetail:
        """Take a listing down: by its seller (``seller_id``: only her own) or else by staff
        (``staff_id``, recorded in the audit)."""
        return self._change("withdraw", listing_id, {}, seller_id=seller_id, staff_id=staff_id)

    # --- staff side -----------------------------------------------------------------------

    def pending_count(self) -> int:
        with self._factory() as s:
            statement = select(func.count()).where(TradeListing.status == ListingStatus.PENDING)
            return s.scalar(statement.select_from(TradeListing)) or 0

    def staff_list(
        self,
        status: ListingStatus = ListingStatus.PENDING,
        page: int = 0,
        per_page: int = PER_PAGE,
    ) -> ListingPage:
        """Listings of one status: pending ones oldest first (the queue), others newest first."""
        status = ListingStatus(status)
        if status is ListingStatus.PENDING:
            order = (TradeListing.created_at.asc(), TradeListing.id.asc())
        else:
            order = (TradeListing.created_at.desc(), TradeListing.id.desc())
        return self._page([TradeListing.status == status], order, page, per_page)

    def staff_get(self, listing_id: int) -> ListingDetail:
        """Any listing, whatever its status."""
        detail = self._find(listing_id)
        if detail is None:
            raise TradeNotFound(_("That listing does not exist any more."))
        return detail

    def approve(self, listing_id: int, staff_id: int) -> ListingDetail:
        return self._change(
            "approve",
            listing_id,
            {"status": ListingStatus.PUBLISHED, "published_at": self._clock()},
            staff_id=staff_id,
        )

    def reject(self, listing_id: int, reason: str, staff_id: int) -> ListingDetail:
        """Send a pending listing back to its seller with the reason she will hear."""
        cleaned = one_line(reason)
        if not cleaned:
            raise TradeError(_("Choose why the listing is sent back."))
        return self._change(
            "reject",
            listing_id,
            {"status": ListingStatus.REJECTED, "reject_reason": cleaned[:REASON_MAX]},
            staff_id=staff_id,
        )

    def edit(
        self,
        listing_id: int,
        draft: ListingDraft,
        staff_id: int,
        *,
        remove_photo: bool = False,
    ) -> ListingDetail:
        """Correct a pending or published listing (its status stays). A draft's photo replaces
        the stored one; ``remove_photo`` leaves the category's pictogram."""
        values = check_draft(draft)
        photo = prepare_photo(draft.photo) if draft.photo else None
        return self._change(
            "edit", listing_id, values, staff_id=staff_id, photo=photo, remove_photo=remove_photo
        )

    # --- the one way a listing changes ----------------------------------------------------

    def _change(
        self,
        action: str,
        listing_id: int,
        values: dict[str, Any],
        *,
        seller_id: int | None = None,
        staff_id: int | None = None,
        photo: Photo | None = None,
        remove_photo: bool = False,
    ) -> ListingDetail:
        if action == "withdraw":
            values = {"status": ListingStatus.WITHDRAWN}
        statement = update(TradeListing).where(
            TradeListing.id == listing_id, TradeListing.status.in_(_FROM[action])
        )
        if seller_id is not None:
            statement = statement.where(TradeListing.seller_id == seller_id)
        with self._factory.begin() as s:
            result = s.execute(
                statement.values(**values).execution_options(synchronize_session=False)
            )
            if cast("CursorResult[Any]", result).rowcount != 1:
                raise self._refusal(s, listing_id, seller_id)
            if ListingStatus.PENDING in _FROM[action] and action != "edit":
                notify.announce(s, notify.TRADE)  # the desks' "to approve" count may change
            if photo is not None or remove_photo:
                s.execute(delete(TradePhoto).where(TradePhoto.listing_id == listing_id))
            if photo is not None:
                s.add(TradePhoto(listing_id=listing_id, **dataclasses.asdict(photo)))
            s.add(
                AuditEvent(
                    staff_id=staff_id,
                    action=f"trade.{action}",
                    subject_table="trade_listings",
                    subject_id=listing_id,
                    detail="seller" if seller_id is not None else "",
                    created_at=self._clock(),
                )
            )
            s.flush()
            detail = self._load(s, listing_id)
            assert detail is not None
        log.info("listing %d: %s (%s)", listing_id, action, "seller" if seller_id else "staff")
        return detail

    def _refusal(self, s: Session, listing_id: int, seller_id: int | None) -> TradeError:
        row = s.execute(
            select(TradeListing.status, TradeListing.seller_id).where(TradeListing.id == listing_id)
        ).first()
        if row is None:
            return TradeNotFound(_("That listing does not exist any more."))
        if seller_id is not None and row.seller_id != seller_id:
            return TradeNotFound(_("That listing is not one of yours."))
        status = ListingStatus(row.status)
        return TradeConflict(_(_NOW_IS[status]), status)

    # --- queries --------------------------------------------------------------------------

    def _find(self, listing_id: int) -> ListingDetail | None:
        with self._factory() as s:
            return self._load(s, listing_id)

    @staticmethod
    def _load(s: Session, listing_id: int) -> ListingDetail | None:
        row = s.execute(_rows([listing_id])).first()
        if row is None:
            return None
        return _detail(row[0], row.seller_name, row.has_photo)

    def _page(
        self,
        conditions: list[ColumnElement[bool]],
        order: tuple[Any, ...],
        page: int,
        per_page: int,
        *,
        cards: bool = False,
    ) -> ListingPage:
        with self._factory() as s:
            page, page_count, total = paging(s, TradeListing, conditions, page, per_page)
            # The page's ids first, walking the index; then only those rows.
            ids = list(
                s.scalars(
                    select(TradeListing.id)
                    .where(*conditions)
                    .order_by(*order)
                    .limit(per_page)
                    .offset(page * per_page)
                )
            )
            found = {
                row[0].id: _detail(row[0], row.seller_name, row.has_photo)
                for row in s.execute(_rows(ids))
            }
        details = [found[i] for i in ids if i in found]
        items: tuple[ListingCard, ...] = (
            tuple(_card(d) for d in details) if cards else tuple(details)
        )
        return ListingPage(items, page, page_count, total)
