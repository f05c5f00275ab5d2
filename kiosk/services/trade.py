"""Trade centre: members' products and services, published from the kiosk and approved by staff.

A listing's life::

    pending ──approve──▶ published ──withdraw──▶ withdrawn
       │  ╲                                        ▲
       │   ╲──withdraw──────────────────────────────┤
       └──reject──▶ rejected ──withdraw (she clears it from her list)

Every change of status is one conditional ``UPDATE ... WHERE status IN (allowed)``: its row count
decides, so a listing approved at the staff desk and withdrawn by its seller at the same moment
ends in one state that both were told the truth about (PostgreSQL re-checks the condition on the
row the other transaction committed; SQLite's write transactions queue). With
``needs_approval=False`` (setting ``trade_needs_approval``) a new listing is published at once.

Member pages follow the browse index ``(category, status, published_at, id)``: one aggregate
count, the page's ids by ``LIMIT/OFFSET`` over the index's order, then those six rows. The staff's
queue follows ``(status, created_at, id)``.

Photos: the screen hands over whatever its camera gave (JPEG or PNG bytes); this module refuses
what is not a picture or is absurdly large, and always re-encodes it here with Pillow (already
installed with reportlab): at most ``PHOTO_EDGE`` pixels a side, a JPEG of at most
``PHOTO_STORED_MAX`` bytes, turned upright and stripped of metadata. One place decides what is
stored, whoever calls.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import re
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache, partial
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ColumnElement, CursorResult, Select, delete, func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.data.models import (
    AuditEvent,
    ListingStatus,
    Member,
    PriceUnit,
    TradeCategory,
    TradeListing,
    TradePhoto,
    VoucherKind,
    utcnow,
)
from kiosk.i18n import N_, _, format_money
from kiosk.logs import area_logger
from kiosk.services import SessionFactory, copy_fields, count_each, notify, paging
from kiosk.services.checks import entry_points
from kiosk.text import one_line
from kiosk.words import first_name

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions

__all__ = [
    "ListingCard",
    "ListingDetail",
    "ListingDraft",
    "ListingPage",
    "ListingStatus",
    "PriceUnit",
    "TradeCategory",
    "TradeConflict",
    "TradeError",
    "TradeNotFound",
    "TradeService",
    "listing_picture",
    "product_picture",
]

log = area_logger("trade")

PER_PAGE = 6
TITLE_MAX = 120  # the column's width
TITLE_MIN_LETTERS = 2
DESCRIPTION_MAX = 1000
REASON_MAX = 200
PRICE_MAX = Decimal("20000")  # pesos; more is a slip of the finger on the keypad
CENTS = Decimal("0.01")
PHOTO_EDGE = 800  # pixels, the longer side: sharp on a card and on the detail page
PHOTO_STORED_MAX = 200 * 1024  # bytes kept per photo
PHOTO_INPUT_MAX = 16 * 1024 * 1024  # bytes accepted from a camera before scaling
PHOTO_PIXELS_MAX = 50_000_000  # a 50-megapixel image is no webcam's: refuse before decoding


# --- errors -----------------------------------------------------------------------------------


class TradeError(ValueError):
    """A trade centre problem told as one short sentence that says what to do next."""


class TradeNotFound(TradeError, LookupError):
    """No such listing, or (member side) not shown any more."""


class TradeConflict(TradeError):
    """The listing's status changed before this action could apply (another desk or its
    seller acted first); nothing was written."""

    def __init__(self, message: str, status: ListingStatus) -> None:
        super().__init__(message)
        self.status = status


# --- a listing's picture ----------------------------------------------------------------------

_WORD = re.compile(r"[a-zñ0-9]+")
PHRASE_MOST_WORDS = 4


def fold(text: str) -> list[str]:
    """The words of a text, lower case without accents ("Chicharrón" reads as "chicharron");
    ñ stays a letter of its own, so "uñas" is not "unas"."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("ñ", "\0"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\0", "ñ")
    return _WORD.findall(plain)


def _singulars(word: str) -> tuple[str, ...]:
    """The word and the singulars it may be: "tamales" -> tamales, tamale, tamal."""
    found = [word]
    if len(word) > 3 and word.endswith("s"):
        found.append(word[:-1])
        if word.endswith("es"):
            found.append(word[:-2])
    return tuple(found)


@cache
def product_pictures() -> dict[str, str]:
    """Folded singular word or phrase -> pictogram name, from product_pictures.json (data, so
    the centre can teach the kiosk new products without touching the code)."""
    raw = json.loads(
        resources.files("kiosk.services").joinpath("product_pictures.json").read_text("utf-8")
    )
    return {" ".join(fold(words)): icon for words, icon in raw["words"].items()}


def product_picture(title: str) -> str | None:
    """The pictogram of what a title names, or None when no word of it is in the table.

    The first word that names a product decides ("Gorditas de chicharrón" is a gordita); at
    that word a longer phrase of the table wins ("Pan dulce" over "pan")."""
    table = product_pictures()
    words = [_singulars(word) for word in fold(title)]
    for start in range(len(words)):
        for size in range(min(PHRASE_MOST_WORDS, len(words) - start), 0, -1):
            for phrase in itertools.product(*words[start : start + size]):
                icon = table.get(" ".join(phrase))
                if icon is not None:
                    return icon
    return None


def listing_picture(title: str, category: TradeCategory | str) -> str:
    """A listing's pictogram when it has no photo: its product's, else its kind's."""
    return product_picture(title) or f"trade.{TradeCategory(category).value}"


# --- what goes in and out ---------------------------------------------------------------------


@dataclass(frozen=True)
class ListingCard:
    id: int
    title: str
    category: TradeCategory
    price: Decimal
    price_unit: PriceUnit
    seller_first_name: str
    locality: str
    has_photo: bool
    status: ListingStatus


@dataclass(frozen=True)
class ListingDetail(ListingCard):
    description: str
    seller_id: int
    seller_name: str  # the whole name: staff pages; the slip prints only the first name
    contact_phone: str  # in full: printed on the slip, masked on every screen
    reject_reason: str
    created_at: datetime
    published_at: datetime | None


@dataclass(frozen=True)
class ListingPage:
    cards: tuple[ListingCard, ...]  # ListingDetail items on staff pages and "my listings"
    page: int  # 0-based, clamped to the last page
    page_count: int  # at least 1, so the pager can always say "1 / 1"
    total: int


@dataclass(frozen=True)
class ListingDraft:
    """What a member (or staff, editing) chose: the price as keypad digits or a number; the
    photo as the camera's bytes, or ``None`` for the category's pictogram."""

    title: str
    category: TradeCategory | str
    price: Decimal | int | str | None
    price_unit: PriceUnit | str | None
    description: str = ""
    photo: bytes | None = None


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    width: int
    height: int


# Why staff send a listing back: a picture and a phrase each; the phrase is stored and told to
# the seller on her own list.
REJECT_REASONS: tuple[tuple[str, str, str], ...] = (
    ("price", "misc.money", N_("Check the price and the unit.")),
    ("title", "action.keyboard", N_("The title does not say what you sell.")),
    ("photo", "trade.photo", N_("The photo does not show what you sell.")),
    ("category", "trade.otros", N_("It is in the wrong kind of product.")),
    ("repeated", "trade.repeated", N_("You already have this for sale.")),
    ("not_allowed", "trade.not_allowed", N_("This cannot be sold at the centre. Ask the staff.")),
)


# --- input checks -----------------------------------------------------------------------------


def clean_title(value: object) -> str:
    """A listing's title, one line with a capital first letter, or :class:`TradeError`."""
    title = one_line(value)
    if sum(ch.isalpha() for ch in title) < TITLE_MIN_LETTERS:
        raise TradeError(_("Write what you sell, or touch one of the pictures."))
    if len(title) > TITLE_MAX:
        raise TradeError(_("The title is too long. Write a shorter one."))
    return title[:1].upper() + title[1:]


def check_price(value: object) -> Decimal:
    """Pesos from 1 to ``PRICE_MAX``, or :class:`TradeError` saying to type it again."""
    if isinstance(value, bool) or value is None or not str(value).strip():
        raise TradeError(_("Type the price in pesos with the numbers."))
    text = str(value).strip().replace("$", "").replace(",", "").replace(" ", "")
    try:
        amount = Decimal(repr(value) if isinstance(value, float) else text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise TradeError(_("Type the price in pesos with the numbers."))
    if amount < 1:
        raise TradeError(_("The price must be at least 1 peso. Type it again."))
    if amount > PRICE_MAX:
        raise TradeError(
            _("A price over {limit} is too high. Check it and type it again.").format(
                limit=format_money(PRICE_MAX)
            )
        )
    return amount.quantize(CENTS, rounding=ROUND_HALF_UP)


def _choice(enum_cls: type[Any], value: object, message: str) -> Any:
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        raise TradeError(message) from None


def check_draft(draft: ListingDraft) -> dict[str, Any]:
    """The listing's column values, cleaned, or the first problem as :class:`TradeError`
    (a member answers one question per page, so one sentence at a time)."""
    values: dict[str, Any] = {
        "category": _choice(
            TradeCategory, draft.category, _("Touch the picture of what you sell.")
        ),
        "title": clean_title(draft.title),
        "price": check_price(draft.price),
        "price_unit": _choice(
            PriceUnit, draft.price_unit, _("Touch how you sell it: by piece, dozen, kilo...")
        ),
    }
    description = "\n".join(one_line(part) for part in (draft.description or "").splitlines())
    description = description.strip()
    if len(description) > DESCRIPTION_MAX:
        raise TradeError(_("The description is too long. Write a shorter one."))
    values["description"] = description
    return values


def prepare_photo(data: bytes) -> Photo:
    """The stored form of a photo: a JPEG at most ``PHOTO_EDGE`` px a side and
    ``PHOTO_STORED_MAX`` bytes, upright, without metadata; :class:`TradeError` for bytes that
    are not a JPEG or PNG picture or are too large to take in."""
    unusable = _("The photo could not be used. Take it again, or publish with the drawing.")
    if not data or len(data) > PHOTO_INPUT_MAX:
        raise TradeError(unusable)
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ("JPEG", "PNG"):
                    raise TradeError(unusable)
                width, height = image.size
                if width < 1 or height < 1 or width * height > PHOTO_PIXELS_MAX:
                    raise TradeError(unusable)
                # draft() lets the JPEG decoder scale by 1/2, 1/4, 1/8 while it reads.
                image.draft("RGB", (PHOTO_EDGE, PHOTO_EDGE))
                picture = ImageOps.exif_transpose(image).convert("RGB")
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        if isinstance(exc, TradeError):
            raise
        raise TradeError(unusable) from exc
    picture.thumbnail((PHOTO_EDGE, PHOTO_EDGE), Image.Resampling.LANCZOS)
    quality = 85
    while True:
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=quality, optimize=True)
        if out.tell() <= PHOTO_STORED_MAX or quality <= 35:
            break
        quality -= 10
    if out.tell() > PHOTO_STORED_MAX:  # noise no JPEG quality tames: half the size again
        picture.thumbnail((PHOTO_EDGE // 2, PHOTO_EDGE // 2), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=60, optimize=True)
    return Photo(out.getvalue(), picture.width, picture.height)


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


def _detail(listing: TradeListing, seller_name: str, has_photo: bool) -> ListingDetail:
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


@entry_points(TradeError)
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


# --- the buyer's slip -------------------------------------------------------------------------


def issue_trade_slip(
    vouchers: VoucherService, listing: ListingDetail, options: SlipOptions
) -> VoucherInfo:
    """The slip a buyer takes (what, the price, the seller's name and phone), issued to print
    and kept for reprint under its number; reportlab loads only now."""
    from kiosk.vouchers import kinds

    slip = kinds.TradeSlip(
        title=listing.title,
        price=listing.price,
        price_unit=str(listing.price_unit),
        seller_name=listing.seller_name,
        seller_phone=listing.contact_phone,
        category=str(listing.category),
        description=listing.description,
        picture=listing_picture(listing.title, listing.category),
    )
    return vouchers.issue(
        VoucherKind.TRADE,
        partial(kinds.trade_slip, slip, options=options),
        subject_table="trade_listings",
        subject_id=listing.id,
    )
