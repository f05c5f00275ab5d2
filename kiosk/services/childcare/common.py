"""The children's room's rules in numbers, its errors, and what the service hands out."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from kiosk.data.models import (
    AlertKind,
    ChildPhoto,
    EnrollmentStatus,
)
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services import childcare_room
from kiosk.services.checks import entry_points
from kiosk.text import fold
from kiosk.words import PICKUP_WORDS, first_name

log = area_logger("childcare")

# How far ahead a check-in looks at course reservations (see "Reserved places count").
CHECK_IN_AHEAD = childcare_room.AHEAD
MAX_ATTEMPTS = 20  # code draws before giving up (a collision needs another writer at once)
MAX_CHILDREN_AT_ONCE = 8
MAX_AGE_YEARS = 14
NOTE_MAX = 200
PEOPLE_MAX = 6
SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.NO_SHOW)
PICTURES: tuple[str, ...] = tuple(PICKUP_WORDS)
# Each picture's own colour: the code's card on screen is painted with it.
PICTURE_COLOURS: dict[str, str] = {
    "tortuga": "#2e7d32",
    "gato": "#e65100",
    "perro": "#6d4c41",
    "pez": "#0277bd",
    "pajaro": "#00838f",
    "mariposa": "#6a1b9a",
    "sol": "#f9a825",
    "estrella": "#fbc02d",
    "flor": "#ad1457",
    "manzana": "#c62828",
    "arbol": "#558b2f",
    "luna": "#283593",
}
_HAS_PHOTO = ChildPhoto.child_id.is_not(None).label("has_photo")


class ChildcareError(ValueError):
    """A problem told as one short Spanish sentence saying what to do next."""


# Every public method of each part checks its arguments (one refusal class for all parts).
childcare_entry_points = entry_points(ChildcareError)


class WrongCode(ChildcareError):
    """No child in the room has that code today."""


class RoomFull(ChildcareError):
    """Check-in refused: the room's capacity or the ratio per volunteer would be passed."""


class CheckOutStatus(enum.StrEnum):
    DONE = "done"
    NOT_ALLOWED = "not_allowed"  # refused: an alert waits on the staff desk
    ALREADY = "already"  # another station checked them out a moment before


# --- what the service hands out ---------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    capacity: int = 15
    capacity_warning: int = 12
    ratio: int = 5
    ratio_warning: int = 4


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    staff_id: int
    staff_name: str
    started_at: datetime


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    relation: str
    allowed: bool


@dataclass(frozen=True)
class ChildInfo:
    id: int
    guardian_id: int
    name: str
    birth_date: date
    age: int  # whole years today
    has_allergy: bool
    medical_note: str
    present: bool  # in the room now
    people: tuple[PersonInfo, ...] = ()
    photo_consent_at: datetime | None = None  # when the mother agreed to a photo
    has_photo: bool = False

    @property
    def first_name(self) -> str:
        return first_name(self.name)


@dataclass(frozen=True)
class RoomChild:
    """A child on the room board."""

    visit_id: int
    child_id: int
    name: str
    age: int
    has_allergy: bool
    medical_note: str
    checked_in_at: datetime
    guardian_id: int
    guardian_name: str
    code_id: int
    code: str
    picture: str
    training_ended: bool  # her mother's training of today has ended and she is still here
    has_photo: bool = False  # her face, for the volunteer to match at the door

    @property
    def first_name(self) -> str:
        return first_name(self.name)

    @property
    def guardian_first_name(self) -> str:
        return first_name(self.guardian_name)


@dataclass(frozen=True)
class RoomBoard:
    children: tuple[RoomChild, ...]
    volunteers: tuple[ShiftInfo, ...]
    limits: Limits
    # Places held for children of women in a course now (or starting soon) not yet in the room.
    reserved: int = 0

    @property
    def count(self) -> int:
        return len(self.children)

    @property
    def room_for(self) -> int:
        """How many more children without a reservation may come in now (capacity and ratio)."""
        limit = min(self.limits.capacity, self.limits.ratio * len(self.volunteers))
        return max(limit - self.count - self.reserved, 0)

    @property
    def full(self) -> bool:
        """Every place is taken or held for a course, so another volunteer on shift would not
        make room either: the board says "full" rather than "wait for a volunteer"."""
        return self.count + self.reserved >= self.limits.capacity

    @property
    def training_ended(self) -> tuple[RoomChild, ...]:
        return tuple(c for c in self.children if c.training_ended)


@dataclass(frozen=True)
class PickupChoice:
    """Someone who may come for the children of a code: the guardian (``person_id`` None) or a
    person on their lists."""

    person_id: int | None
    name: str
    relation: str
    allowed: bool

    @property
    def is_guardian(self) -> bool:
        return self.person_id is None


@dataclass(frozen=True)
class PickupInfo:
    """A pickup code of today with the children it still covers in the room."""

    id: int
    day: date
    code: str
    picture: str
    guardian_id: int
    guardian_name: str
    children: tuple[RoomChild, ...]  # still in the room
    choices: tuple[PickupChoice, ...]  # the guardian, then the allowed, then the not-allowed

    @property
    def guardian_first_name(self) -> str:
        return first_name(self.guardian_name)

    @property
    def colour(self) -> str:
        return PICTURE_COLOURS.get(self.picture, "#ad1457")

    @property
    def picture_word(self) -> str:
        return _(PICKUP_WORDS[self.picture]) if self.picture in PICKUP_WORDS else self.picture


@dataclass(frozen=True)
class CheckInResult:
    pickup: PickupInfo
    warnings: tuple[str, ...] = ()  # soft limits passed: said to the volunteer
    closed_left_open: int = 0  # visits of earlier days closed on the way (alerts written)


@dataclass(frozen=True)
class CheckOutResult:
    status: CheckOutStatus
    pickup: PickupInfo
    children: tuple[str, ...] = ()  # names of the children handed over
    picked_up_by: str = ""
    alert_id: int | None = None


@dataclass(frozen=True)
class AlertInfo:
    id: int
    kind: AlertKind
    created_at: datetime
    child_name: str
    person_name: str  # the not-allowed person, or who picked up without the code
    code: str
    staff_name: str  # the volunteer at the station, or the staff who gave her PIN


def _key(name: str) -> str:
    """A name as compared: spaces, accents and case do not count."""
    return fold(" ".join(name.split()))


def age_on(birth: date, day: date) -> int:
    years = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    return max(years, 0)
