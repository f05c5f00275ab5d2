"""What every part of the trade centre shares: limits, errors, and what goes in and out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from kiosk.data.models import (
    ListingStatus,
    PriceUnit,
    TradeCategory,
)
from kiosk.i18n import N_
from kiosk.logs import area_logger
from kiosk.services import CardPage
from kiosk.services.checks import entry_points

if TYPE_CHECKING:
    pass


# What the package answers with (kiosk.services.trade re-exports these).
__all__ = [
    "PHOTO_EDGE",
    "PHOTO_STORED_MAX",
    "PRICE_MAX",
    "REJECT_REASONS",
    "TITLE_MAX",
    "ListingCard",
    "ListingDetail",
    "ListingDraft",
    "ListingPage",
    "Photo",
    "TradeConflict",
    "TradeError",
    "TradeNotFound",
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
    # The name of the centre whose member sells it, for a listing of another centre of the
    # network ("otros centros"); "" for the station's own centre's.
    centre_name: str = field(default="", kw_only=True)


@dataclass(frozen=True)
class ListingDetail(ListingCard):
    description: str
    seller_id: int
    seller_name: str  # the whole name: staff pages; the slip prints only the first name
    contact_phone: str  # in full: printed on the slip, masked on every screen
    reject_reason: str
    created_at: datetime
    published_at: datetime | None


class ListingPage(CardPage[ListingCard]):
    """Its cards are ListingDetail items on staff pages and "my listings"."""


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


trade_entry_points = entry_points(TradeError)
