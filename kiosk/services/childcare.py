"""Childcare (guardería): volunteers' shifts, check-in with a pickup code, the room board,
check-out, alerts for staff, and attendance reports.

Decisions, so that pages and staff can rely on them:

- **One write at a time.** Check-in, check-out and shifts run inside one write transaction that
  first takes the room's row lock (:func:`kiosk.services.childcare_room.lock_room`; on SQLite
  ``factory.begin()`` already holds the database's write lock), the same lock course sign-ups
  with children take. So two stations checking in at the same instant, or a check-in and a
  sign-up, count the room one after the other, and capacity and ratio cannot be overrun. On top of
  that the database decides: a code is unique per day (unique index on ``(day, code)``; a collision
  draws again behind a savepoint) and a child is in the room at most once (a partial unique index on
  her open visit).
- **Codes.** Digits only (they cannot spell a word), two digits (10-99) while any is free that
  day, then three; never reused the same day, even after the children left. Each code gets one
  of twelve pictures (turtle, cat...), the least used among the codes still in the room, so two
  mothers in the room rarely share a picture. One code covers all the children a guardian
  leaves at one check-in; her stub and each child's label carry it.
- **Limits.** ``capacity`` children in the room at most, and ``ratio`` children per volunteer on
  shift; past either the check-in is refused with one spoken sentence and nothing is written.
  Past ``capacity_warning`` or ``ratio_warning`` per volunteer the check-in happens with a
  warning. A shift counts when it started on the centre's day and has not ended.
- **Reserved places count.** A course sign-up holds places for its hours; they are kept for
  that mother's children. So a check-in counts the places held over the next
  ``CHECK_IN_AHEAD`` (children stay at least that long, and mothers bring them shortly before
  their course): per mother the larger of her reservation and her children in the room
  (:mod:`kiosk.services.childcare_room`). Her own children fill her reserved places; a child
  without one gets in only if the places left over are not reserved by others. Both limits
  count this way: a volunteer must be there for the reserved children when they come.
- **Check-out.** The code typed (``47``) or the stub's voucher number scanned (10 digits). A
  wrong code changes nothing. The guardian, or a person on every child's allowed list, picks
  up; a person on any child's not-allowed list is refused and an alert waits on the staff desk.
  Two stations checking out the same code: one conditional UPDATE decides, the other is told
  the children already left. Without the code a staff member's PIN is needed (a volunteer's is
  not enough); it writes an audit event and an alert.
- **Present.** A child is in the room from check-in until check-out on the centre's day. A visit
  left open from an earlier day is closed at her next check-in, with an alert for staff.
"""

from __future__ import annotations

import csv
import enum
import io
import logging
import random
import secrets
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk import numbers
from kiosk.data.models import (
    AlertKind,
    AuditEvent,
    Child,
    ChildcareAlert,
    ChildcareVisit,
    ChildPhoto,
    Enrollment,
    EnrollmentStatus,
    Member,
    PickupCode,
    PickupPerson,
    StaffShift,
    StaffUser,
    Station,
    TrainingSession,
    Voucher,
    VoucherKind,
    utcnow,
)
from kiosk.i18n import DEFAULT_TIMEZONE, N_, _, format_date_short, ngettext
from kiosk.services import childcare_room, notify
from kiosk.services.checks import entry_points
from kiosk.services.members import MemberError, clean_name
from kiosk.services.staff import StaffError, StaffInfo, StaffService
from kiosk.services.trade import Photo, TradeError, prepare_photo
from kiosk.services.vouchers import VoucherService
from kiosk.words import PICKUP_WORDS, first_name

__all__ = ["AlertKind"]

log = logging.getLogger("kiosk.childcare")

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
# Age groups of the reports, in years (inclusive).
AGE_GROUPS: tuple[tuple[int, int | None], ...] = ((0, 2), (3, 5), (6, 8), (9, 12), (13, None))
REPORTS_FOLDER = "reports"
_HAS_PHOTO = ChildPhoto.child_id.is_not(None).label("has_photo")


class ChildcareError(ValueError):
    """A problem told as one short Spanish sentence saying what to do next."""


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


@dataclass(frozen=True)
class AttendanceRow:
    day: date | None  # None: the period's totals
    children: int  # different children
    visits: int
    hours: Decimal
    by_age: tuple[int, ...]  # different children in each of AGE_GROUPS


@dataclass(frozen=True)
class AttendanceReport:
    title: str
    start: date
    end: date  # inclusive
    rows: tuple[AttendanceRow, ...]
    total: AttendanceRow
    slug: str = ""  # for file names: "2026-11-30" or "2026-11"


# --- helpers ----------------------------------------------------------------------------------


def _rowcount(result: Any) -> int:
    return cast("CursorResult[Any]", result).rowcount


def _key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def age_on(birth: date, day: date) -> int:
    years = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    return max(years, 0)


def age_group_words() -> tuple[str, ...]:
    words = []
    for low, high in AGE_GROUPS:
        if high is None:
            words.append(_("{low}+ years").format(low=low))
        else:
            words.append(_("{low}-{high} years").format(low=low, high=high))
    return tuple(words)


def _age_group(age: int) -> int:
    for index, (low, high) in enumerate(AGE_GROUPS):
        if age >= low and (high is None or age <= high):
            return index
    return 0


def _csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def free_codes(used: Iterable[str]) -> list[str]:
    """The codes not drawn yet today: two digits while any is left, then three."""
    taken = set(used)
    for low, high in ((10, 99), (100, 999)):
        free = [str(n) for n in range(low, high + 1) if str(n) not in taken]
        if free:
            return free
    raise ChildcareError(_("No pickup codes are left today. Ask the staff for help."))


def least_used_picture(in_room: Iterable[str], rng: random.Random) -> str:
    """A picture no code in the room has, or else one of the least used."""
    counts = Counter({picture: 0 for picture in PICTURES})
    counts.update(p for p in in_room if p in counts)
    fewest = min(counts.values())
    return rng.choice([p for p in PICTURES if counts[p] == fewest])


@entry_points(ChildcareError)
class ChildcareService:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        limits: Limits | None = None,
        vouchers: VoucherService | None = None,
        clock: Callable[[], datetime] = utcnow,
        timezone: str = DEFAULT_TIMEZONE,
        rng: random.Random | None = None,
        paper: str = "80mm",
        centre_name: str = "",
    ) -> None:
        self._factory = session_factory
        self.limits = limits or Limits()
        self.vouchers = vouchers or VoucherService(session_factory, clock=clock)
        self._clock = clock
        self._tz = ZoneInfo(timezone)
        self._rng = rng or secrets.SystemRandom()
        self._paper = paper
        self._centre_name = centre_name
        self._staff = StaffService(session_factory, clock=clock)

    def use_paper(self, paper: str) -> None:
        """The paper the pickup pairs are drawn on from now on (the station's setting)."""
        self._paper = paper

    # --- the centre's day ---------------------------------------------------------------------

    def today(self) -> date:
        return self._clock().astimezone(self._tz).date()

    def _day_bounds(self, day: date) -> tuple[datetime, datetime]:
        start = datetime.combine(day, time(0), tzinfo=self._tz).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._tz).astimezone(UTC)
        return start, end

    def _lock(self, s: Session) -> None:
        """One writer at a time in the children's room (SQLite's BEGIN IMMEDIATE already is)."""
        childcare_room.lock_room(s)

    # --- shifts -------------------------------------------------------------------------------

    def sign_in(self, staff_id: int, pin: str) -> tuple[StaffInfo, ShiftInfo]:
        """Her PIN starts her shift in the children's room (or continues the one she has)."""
        person = self._staff.sign_in(staff_id, pin)
        return person, self.start_shift(person.id)

    def start_shift(self, staff_id: int) -> ShiftInfo:
        """Open her shift (she signed in with her PIN already); her open one if she has it."""
        now = self._clock()
        start, _end = self._day_bounds(self.today())
        with self._factory.begin() as s:
            self._lock(s)
            user = s.get(StaffUser, staff_id)
            if user is None or not user.active:
                raise ChildcareError(_("Nobody on the staff has that name."))
            open_shifts = s.scalars(
                select(StaffShift).where(
                    StaffShift.staff_id == staff_id,
                    StaffShift.station == Station.CHILDCARE,
                    StaffShift.ended_at.is_(None),
                )
            ).all()
            current = None
            for shift in open_shifts:
                if shift.started_at >= start and current is None:
                    current = shift
                else:  # a shift of an earlier day that was never ended
                    shift.ended_at = max(shift.started_at, min(now, start))
            if current is None:
                current = StaffShift(staff_id=staff_id, station=Station.CHILDCARE, started_at=now)
                s.add(current)
                s.flush()
                s.add(
                    AuditEvent(
                        staff_id=staff_id,
                        action="childcare.shift_start",
                        subject_table="staff_shifts",
                        subject_id=current.id,
                    )
                )
                log.info("shift %d started by staff user %d", current.id, staff_id)
            return ShiftInfo(current.id, staff_id, user.name, current.started_at)

    def end_shift(self, staff_id: int) -> bool:
        """End her shift; False if she had none open."""
        now = self._clock()
        with self._factory.begin() as s:
            self._lock(s)
            shifts = s.scalars(
                select(StaffShift).where(
                    StaffShift.staff_id == staff_id,
                    StaffShift.station == Station.CHILDCARE,
                    StaffShift.ended_at.is_(None),
                )
            ).all()
            for shift in shifts:
                shift.ended_at = now
                s.add(
                    AuditEvent(
                        staff_id=staff_id,
                        action="childcare.shift_end",
                        subject_table="staff_shifts",
                        subject_id=shift.id,
                    )
                )
        if shifts:
            log.info("shift ended by staff user %d", staff_id)
        return bool(shifts)

    def on_shift(self) -> list[ShiftInfo]:
        with self._factory() as s:
            return self._on_shift(s)

    def _on_shift(self, s: Session) -> list[ShiftInfo]:
        start, _end = self._day_bounds(self.today())
        rows = s.execute(
            select(StaffShift, StaffUser.name)
            .join(StaffUser, StaffUser.id == StaffShift.staff_id)
            .where(
                StaffShift.station == Station.CHILDCARE,
                StaffShift.ended_at.is_(None),
                StaffShift.started_at >= start,
            )
            .order_by(StaffShift.started_at, StaffShift.id)
        ).all()
        return [ShiftInfo(sh.id, sh.staff_id, name, sh.started_at) for sh, name in rows]

    def is_on_shift(self, staff_id: int) -> bool:
        return any(shift.staff_id == staff_id for shift in self.on_shift())

    def people(self) -> list[StaffInfo]:
        """Everyone who may start a shift: volunteers and staff, by name."""
        return self._staff.list()

    def authorizers(self) -> list[StaffInfo]:
        """Staff (not volunteers), whose PIN allows a check-out without the code."""
        return [person for person in self._staff.list() if person.is_staff]

    # --- children and their people ------------------------------------------------------------

    def children_of(self, guardian_id: int) -> list[ChildInfo]:
        today = self.today()
        with self._factory() as s:
            children = s.scalars(
                select(Child).where(Child.guardian_id == guardian_id).order_by(Child.birth_date)
            ).all()
            present = self._present_ids(s, [c.id for c in children])
            return [self._child_info(s, c, today, c.id in present) for c in children]

    def child(self, child_id: int) -> ChildInfo:
        with self._factory() as s:
            child = s.get(Child, child_id)
            if child is None:
                raise ChildcareError(_("We could not find that child."))
            present = self._present_ids(s, [child.id])
            return self._child_info(s, child, self.today(), child.id in present)

    def register_child(
        self,
        guardian_id: int,
        name: str,
        birth_date: date,
        *,
        allergy: bool = False,
        medical_note: str = "",
        allowed: Sequence[str] = (),
        not_allowed: Sequence[str] = (),
        staff_id: int | None = None,
        health_consent: bool = False,
        photo_consent: bool = False,
        photo: bytes | None = None,
    ) -> ChildInfo:
        """A new child of a guardian, with the people who may and may NOT pick her up.

        An allergy and its note are health data (sensitive under the data-protection law):
        they are kept only with the mother's express consent (``health_consent``), whose
        moment is recorded; without it neither is stored.

        Her photo (the camera's bytes) likewise needs the mother's express consent
        (``photo_consent``, its moment recorded with the child); without it no photo is kept
        whatever the camera sent. It is stored scaled, re-encoded and without metadata."""
        child_name = self._name(name, _("Write the child's name."))
        today = self.today()
        if birth_date > today:
            raise ChildcareError(_("The birth date cannot be after today."))
        if age_on(birth_date, today) > MAX_AGE_YEARS:
            raise ChildcareError(
                _("The children's room takes children up to {years} years old.").format(
                    years=MAX_AGE_YEARS
                )
            )
        if not health_consent:
            allergy, medical_note = False, ""
        note = " ".join(medical_note.split())
        if allergy and not note:
            raise ChildcareError(_("Write what the allergy is."))
        if len(note) > NOTE_MAX:
            raise ChildcareError(_("That note is too long. Write a shorter one."))
        allowed_names = [self._name(n, _("Write the person's name.")) for n in allowed]
        refused_names = [self._name(n, _("Write the person's name.")) for n in not_allowed]
        if len(allowed_names) + len(refused_names) > PEOPLE_MAX * 2:
            raise ChildcareError(_("That is too many people for one child."))
        both = {_key(n) for n in allowed_names} & {_key(n) for n in refused_names}
        if both:
            raise ChildcareError(_("One person cannot be both allowed and not allowed."))
        # Scaled before the write transaction opens (SQLite holds its lock for all of it).
        face = self._prepare_photo(photo) if photo_consent and photo else None
        with self._factory.begin() as s:
            guardian = s.get(Member, guardian_id)
            if guardian is None or guardian.erased_at is not None:
                raise ChildcareError(_("We could not find the mother. Ask the staff for help."))
            child = Child(
                guardian_id=guardian_id,
                name=child_name,
                birth_date=birth_date,
                has_allergy=allergy,
                medical_note=note,
                health_consent_at=self._clock() if health_consent and (allergy or note) else None,
                photo_consent_at=self._clock() if photo_consent else None,
                created_at=self._clock(),
            )
            s.add(child)
            for person_name in allowed_names:
                child.pickup_people.append(PickupPerson(name=person_name, allowed=True))
            for person_name in refused_names:
                child.pickup_people.append(PickupPerson(name=person_name, allowed=False))
            s.flush()
            if face is not None:
                s.add(
                    ChildPhoto(
                        child_id=child.id,
                        jpeg=face.jpeg,
                        width=face.width,
                        height=face.height,
                        taken_at=self._clock(),
                    )
                )
            s.add(
                AuditEvent(
                    staff_id=staff_id,
                    action="childcare.child_add",
                    subject_table="children",
                    subject_id=child.id,
                )
            )
            info = self._child_info(s, child, today, False)
        log.info("child %d registered", info.id)
        return info

    @staticmethod
    def _prepare_photo(data: bytes) -> Photo:
        try:
            return prepare_photo(data)
        except TradeError as exc:
            raise ChildcareError(
                _("The photo could not be used. Take it again, or save her without a photo.")
            ) from exc

    def photo(self, child_id: int) -> bytes | None:
        """The child's photo (a JPEG), or ``None``: her pictogram shows instead."""
        with self._factory() as s:
            return s.scalar(select(ChildPhoto.jpeg).where(ChildPhoto.child_id == child_id))

    def photos(self, child_ids: Sequence[int]) -> dict[int, bytes]:
        """The photos of the children shown (those that have one)."""
        if not child_ids:
            return {}
        with self._factory() as s:
            rows = s.execute(
                select(ChildPhoto.child_id, ChildPhoto.jpeg).where(
                    ChildPhoto.child_id.in_(list(child_ids))
                )
            )
            return {child_id: jpeg for child_id, jpeg in rows}

    @staticmethod
    def _name(text: str, missing: str) -> str:
        try:
            return clean_name(text)
        except MemberError as exc:
            if any(ch.isalpha() for ch in text):
                raise ChildcareError(str(exc)) from exc
            raise ChildcareError(missing) from exc

    def _child_info(self, s: Session, child: Child, today: date, present: bool) -> ChildInfo:
        people = s.scalars(
            select(PickupPerson)
            .where(PickupPerson.child_id == child.id)
            .order_by(PickupPerson.allowed.desc(), PickupPerson.id)
        ).all()
        # Whether she has a photo, without reading its bytes.
        photo_id = s.scalar(select(ChildPhoto.child_id).where(ChildPhoto.child_id == child.id))
        return ChildInfo(
            id=child.id,
            guardian_id=child.guardian_id,
            name=child.name,
            birth_date=child.birth_date,
            age=age_on(child.birth_date, today),
            has_allergy=child.has_allergy,
            medical_note=child.medical_note,
            present=present,
            people=tuple(PersonInfo(p.id, p.name, p.relation, p.allowed) for p in people),
            photo_consent_at=child.photo_consent_at,
            has_photo=photo_id is not None,
        )

    def _present_ids(self, s: Session, child_ids: Sequence[int]) -> set[int]:
        if not child_ids:
            return set()
        start, _end = self._day_bounds(self.today())
        return set(
            s.scalars(
                select(ChildcareVisit.child_id).where(
                    ChildcareVisit.child_id.in_(child_ids),
                    ChildcareVisit.checked_out_at.is_(None),
                    ChildcareVisit.checked_in_at >= start,
                )
            )
        )

    # --- check-in -----------------------------------------------------------------------------

    def check_in(
        self, guardian_id: int, child_ids: Sequence[int], staff_id: int | None = None
    ) -> CheckInResult:
        """Check in some of a guardian's children under one new pickup code.

        Refused (:class:`RoomFull`, :class:`ChildcareError`) with nothing written when nobody
        is on shift, when the room or the ratio would be passed, or a child is already in.
        """
        wanted = list(dict.fromkeys(child_ids))
        if not wanted:
            raise ChildcareError(_("Touch the children who stay."))
        if len(wanted) > MAX_CHILDREN_AT_ONCE:
            raise ChildcareError(_("That is too many children at once."))
        now = self._clock()
        today = self.today()
        start, end = self._day_bounds(today)
        try:
            with self._factory.begin() as s:
                self._lock(s)
                # Her row is held until the check-in commits, so an erasure at the desk waits
                # (and one done already is seen): a child never goes in under a blank name.
                guardian = s.scalar(
                    select(Member).where(Member.id == guardian_id).with_for_update()
                )
                if guardian is None or guardian.erased_at is not None:
                    raise ChildcareError(_("We could not find that mother. Ask for help."))
                children = s.scalars(select(Child).where(Child.id.in_(wanted))).all()
                if len(children) != len(wanted) or any(
                    c.guardian_id != guardian_id for c in children
                ):
                    raise ChildcareError(_("We could not find that child."))
                closed = self._close_left_open(s, wanted, start, now, staff_id)
                present = s.scalars(
                    select(ChildcareVisit).where(
                        ChildcareVisit.checked_out_at.is_(None),
                        ChildcareVisit.checked_in_at >= start,
                    )
                ).all()
                inside = {v.child_id for v in present}
                already = [c for c in children if c.id in inside]
                if already:
                    raise ChildcareError(
                        _("{name} is already in the room.").format(name=first_name(already[0].name))
                    )
                volunteers = len(self._on_shift(s))
                in_room = childcare_room.in_room(s, start)
                before = self._held(s, now, in_room)
                in_room[guardian_id] = in_room.get(guardian_id, 0) + len(wanted)
                held = self._held(s, now, in_room)
                warnings = self._check_limits(len(present) + len(wanted), held, volunteers, before)
                code = self._new_code(s, today, guardian_id, now, start)
                enrollment_id = self._enrollment_now(s, guardian_id, now, end)
                for child in sorted(children, key=lambda c: c.birth_date):
                    s.add(
                        ChildcareVisit(
                            child_id=child.id,
                            pickup_code_id=code.id,
                            enrollment_id=enrollment_id,
                            checked_in_at=now,
                            checked_in_by_id=staff_id,
                        )
                    )
                s.add(
                    AuditEvent(
                        staff_id=staff_id,
                        action="childcare.check_in",
                        subject_table="pickup_codes",
                        subject_id=code.id,
                        detail=f"children={len(wanted)}",
                    )
                )
                s.flush()
                pickup = self._pickup_info(s, code)
        except IntegrityError as exc:
            # Only when a writer did not take the lock: the child's open visit already exists.
            raise ChildcareError(_("One of the children is already in the room.")) from exc
        log.info("pickup code %d: %d children checked in", pickup.id, len(wanted))
        return CheckInResult(pickup, tuple(warnings), closed)

    @staticmethod
    def _held(s: Session, now: datetime, in_room: dict[int, int]) -> int:
        """The most places held over the next ``CHECK_IN_AHEAD``: the reservations of courses
        then, and the children in the room (``in_room`` per mother) as staying all of it."""
        end = now + CHECK_IN_AHEAD
        holds = childcare_room.reservations(s, now, end)
        holds += childcare_room.present_holds(in_room, now)
        return childcare_room.peak(holds, now, end)

    def _check_limits(
        self, after: int, held: int, volunteers: int, held_before: int = 0
    ) -> list[str]:
        """``after``: children in the room after the check-in; ``held``: the places held then,
        reserved ones included (never fewer than ``after``); ``held_before``: before it."""
        limits = self.limits
        held = max(held, after)
        if volunteers == 0:
            raise RoomFull(_("Nobody is on shift in the children's room. Start your shift first."))
        if after > limits.capacity:
            raise RoomFull(
                _(
                    "The room is full: at most {capacity} children. No more children can come in."
                ).format(capacity=limits.capacity)
            )
        if after > limits.ratio * volunteers:
            raise RoomFull(
                ngettext(
                    "Too many children for {volunteers} volunteer: at most {most}. Another "
                    "volunteer must start her shift.",
                    "Too many children for {volunteers} volunteers: at most {most}. Another "
                    "volunteer must start her shift.",
                    volunteers,
                ).format(volunteers=volunteers, most=limits.ratio * volunteers)
            )
        # The children are few enough, but places are promised to mothers in a course.
        left = min(limits.capacity, limits.ratio * volunteers) - held_before
        if held > limits.capacity and left > 0:
            raise RoomFull(
                ngettext(
                    "Only {count} more child can come in: the other places are kept for the "
                    "children of women in a course.",
                    "Only {count} more children can come in: the other places are kept for the "
                    "children of women in a course.",
                    left,
                ).format(count=left)
            )
        if held > limits.capacity:
            raise RoomFull(
                _(
                    "The places left are kept for the children of women in a course. "
                    "No more children can come in."
                )
            )
        if held > limits.ratio * volunteers:
            raise RoomFull(
                _(
                    "The places left are kept for the children of women in a course. "
                    "Another volunteer must start her shift."
                )
            )
        warnings = []
        if held > limits.capacity_warning:
            warnings.append(
                _("The room is nearly full: {count} of {capacity} children.").format(
                    count=held, capacity=limits.capacity
                )
            )
        if held > limits.ratio_warning * volunteers:
            warnings.append(
                ngettext(
                    "Many children per volunteer: {count} children for {volunteers} volunteer.",
                    "Many children per volunteer: {count} children for {volunteers} volunteers.",
                    volunteers,
                ).format(count=held, volunteers=volunteers)
            )
        return warnings

    def _close_left_open(
        self,
        s: Session,
        child_ids: Sequence[int],
        today_start: datetime,
        now: datetime,
        staff_id: int | None,
    ) -> int:
        stale = s.scalars(
            select(ChildcareVisit).where(
                ChildcareVisit.child_id.in_(child_ids),
                ChildcareVisit.checked_out_at.is_(None),
                ChildcareVisit.checked_in_at < today_start,
            )
        ).all()
        for visit in stale:
            visit.checked_out_at = now
            visit.checked_out_by_id = staff_id
            s.add(
                ChildcareAlert(
                    kind=AlertKind.LEFT_OPEN,
                    child_id=visit.child_id,
                    pickup_code_id=visit.pickup_code_id,
                    staff_id=staff_id,
                    created_at=now,
                )
            )
            log.warning("visit %d of an earlier day was never checked out", visit.id)
        if stale:
            s.flush()
            notify.announce(s, notify.CHILDCARE)
        return len(stale)

    def _new_code(
        self, s: Session, day: date, guardian_id: int, now: datetime, today_start: datetime
    ) -> PickupCode:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            used = set(s.scalars(select(PickupCode.code).where(PickupCode.day == day)))
            code = self._rng.choice(free_codes(self._known_used(used)))
            in_room = s.scalars(
                select(PickupCode.picture)
                .join(ChildcareVisit, ChildcareVisit.pickup_code_id == PickupCode.id)
                .where(
                    ChildcareVisit.checked_out_at.is_(None),
                    ChildcareVisit.checked_in_at >= today_start,
                )
                .distinct()
            ).all()
            row = PickupCode(
                day=day,
                code=code,
                picture=least_used_picture(in_room, self._rng),
                guardian_id=guardian_id,
                created_at=now,
            )
            try:
                with s.begin_nested():
                    s.add(row)
                    s.flush()
            except IntegrityError:
                taken = s.scalar(
                    select(PickupCode.id).where(PickupCode.day == day, PickupCode.code == code)
                )
                if taken is None or attempt == MAX_ATTEMPTS:
                    raise
                log.warning("pickup code collision (attempt %d); drawing again", attempt)
                continue
            return row
        raise AssertionError("the last attempt raises")  # pragma: no cover

    @staticmethod
    def _known_used(used: set[str]) -> set[str]:
        """The codes drawn today as this transaction sees them (a seam for the tests)."""
        return used

    def _enrollment_now(
        self, s: Session, guardian_id: int, now: datetime, day_end: datetime
    ) -> int | None:
        """Her sign-up for a session of today that has not ended, the soonest first."""
        return s.scalar(
            select(Enrollment.id)
            .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
            .where(
                Enrollment.member_id == guardian_id,
                Enrollment.status.in_(SEATED),
                TrainingSession.ends_at > now,
                TrainingSession.starts_at < day_end,
            )
            .order_by(TrainingSession.starts_at, Enrollment.id)
            .limit(1)
        )

    # --- the room -----------------------------------------------------------------------------

    def room(self) -> RoomBoard:
        start, _end = self._day_bounds(self.today())
        with self._factory() as s:
            children = self._room_children(s, ChildcareVisit.checked_in_at >= start)
            in_room = dict(Counter(c.guardian_id for c in children))
            reserved = self._held(s, self._clock(), in_room) - len(children)
            return RoomBoard(tuple(children), tuple(self._on_shift(s)), self.limits, reserved)

    def _room_children(self, s: Session, *conditions: Any) -> list[RoomChild]:
        today = self.today()
        now = self._clock()
        rows = s.execute(
            select(ChildcareVisit, Child, Member.name, PickupCode, _HAS_PHOTO)
            .join(Child, Child.id == ChildcareVisit.child_id)
            .join(Member, Member.id == Child.guardian_id)
            .join(PickupCode, PickupCode.id == ChildcareVisit.pickup_code_id)
            .outerjoin(ChildPhoto, ChildPhoto.child_id == Child.id)
            .where(ChildcareVisit.checked_out_at.is_(None), *conditions)
            .order_by(ChildcareVisit.checked_in_at, Child.birth_date, ChildcareVisit.id)
        ).all()
        ended = self._training_ended(s, {row[1].guardian_id for row in rows}, now)
        return [
            RoomChild(
                visit_id=visit.id,
                child_id=child.id,
                name=child.name,
                age=age_on(child.birth_date, today),
                has_allergy=child.has_allergy,
                medical_note=child.medical_note,
                checked_in_at=visit.checked_in_at,
                guardian_id=child.guardian_id,
                guardian_name=guardian_name,
                code_id=code.id,
                code=code.code,
                picture=code.picture,
                training_ended=child.guardian_id in ended,
                has_photo=bool(has_photo),
            )
            for visit, child, guardian_name, code, has_photo in rows
        ]

    def _training_ended(self, s: Session, guardian_ids: set[int], now: datetime) -> set[int]:
        """Guardians whose sessions of today have all ended (and who had at least one)."""
        if not guardian_ids:
            return set()
        start, end = self._day_bounds(self.today())
        rows = s.execute(
            select(Enrollment.member_id, func.max(TrainingSession.ends_at))
            .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
            .where(
                Enrollment.member_id.in_(guardian_ids),
                Enrollment.status.in_(SEATED),
                TrainingSession.starts_at >= start,
                TrainingSession.starts_at < end,
            )
            .group_by(Enrollment.member_id)
        ).all()
        done = set()
        for member_id, last_end in rows:
            if last_end is not None:
                if last_end.tzinfo is None:  # SQLite's MAX() returns the stored text
                    last_end = last_end.replace(tzinfo=UTC)
                if last_end <= now:
                    done.add(member_id)
        return done

    # --- pickup codes -------------------------------------------------------------------------

    def find_pickup(self, text: str) -> PickupInfo:
        """The code typed (``47``) or the stub's number scanned (10 digits), if children of it
        are in the room today; :class:`WrongCode` otherwise (nothing changes)."""
        digits = "".join(ch for ch in text if not ch.isspace())
        wrong = WrongCode(_("That code is not right. Look at the slip and type it again."))
        if not digits.isascii() or not digits.isdigit():
            raise wrong
        with self._factory() as s:
            code: PickupCode | None
            if len(digits) == numbers.LENGTH:
                if not numbers.is_valid(digits):
                    raise wrong
                code_id = s.scalar(
                    select(Voucher.subject_id).where(
                        Voucher.number == digits,
                        Voucher.kind == VoucherKind.PICKUP,
                        Voucher.subject_table == "pickup_codes",
                    )
                )
                code = s.get(PickupCode, code_id) if code_id is not None else None
                if code is not None and code.day != self.today():
                    code = None
            else:
                code = s.scalar(
                    select(PickupCode).where(
                        PickupCode.day == self.today(), PickupCode.code == digits.lstrip("0")
                    )
                )
            if code is None:
                raise wrong
            info = self._pickup_info(s, code)
            if not info.children:
                raise WrongCode(_("The children of this code have already been picked up."))
            return info

    def pickup(self, code_id: int) -> PickupInfo:
        with self._factory() as s:
            code = s.get(PickupCode, code_id)
            if code is None:
                raise WrongCode(_("That code is not right. Look at the slip and type it again."))
            return self._pickup_info(s, code)

    def open_codes(self) -> list[PickupInfo]:
        """Today's codes with children still in the room (for reprinting a lost stub)."""
        start, _end = self._day_bounds(self.today())
        with self._factory() as s:
            codes = s.scalars(
                select(PickupCode)
                .where(
                    PickupCode.day == self.today(),
                    PickupCode.id.in_(
                        select(ChildcareVisit.pickup_code_id).where(
                            ChildcareVisit.checked_out_at.is_(None),
                            ChildcareVisit.checked_in_at >= start,
                        )
                    ),
                )
                .order_by(PickupCode.created_at, PickupCode.id)
            ).all()
            return [self._pickup_info(s, code) for code in codes]

    def _pickup_info(self, s: Session, code: PickupCode) -> PickupInfo:
        guardian = s.get(Member, code.guardian_id)
        guardian_name = guardian.name if guardian is not None else ""
        children = self._room_children(s, ChildcareVisit.pickup_code_id == code.id)
        return PickupInfo(
            id=code.id,
            day=code.day,
            code=code.code,
            picture=code.picture,
            guardian_id=code.guardian_id,
            guardian_name=guardian_name,
            children=tuple(children),
            choices=self._choices(s, guardian_name, [c.child_id for c in children]),
        )

    @staticmethod
    def _choices(
        s: Session, guardian_name: str, child_ids: Sequence[int]
    ) -> tuple[PickupChoice, ...]:
        """The guardian; the people allowed for every child; then anyone not allowed for one."""
        guardian = PickupChoice(None, guardian_name, N_("Mother"), True)
        if not child_ids:
            return (guardian,)
        people = s.scalars(
            select(PickupPerson)
            .where(PickupPerson.child_id.in_(child_ids))
            .order_by(PickupPerson.id)
        ).all()
        refused: dict[str, PickupPerson] = {}
        allowed_for: dict[str, set[int]] = {}
        first: dict[str, PickupPerson] = {}
        for person in people:
            key = _key(person.name)
            first.setdefault(key, person)
            if not person.allowed:
                refused.setdefault(key, person)
            else:
                allowed_for.setdefault(key, set()).add(person.child_id)
        wanted = set(child_ids)
        allowed = [
            PickupChoice(first[k].id, first[k].name, first[k].relation, True)
            for k, kids in allowed_for.items()
            if kids >= wanted and k not in refused and k != _key(guardian_name)
        ]
        not_allowed = [PickupChoice(p.id, p.name, p.relation, False) for p in refused.values()]
        return (guardian, *allowed, *not_allowed)

    # --- check-out ----------------------------------------------------------------------------

    def check_out(
        self, code_id: int, person_id: int | None, staff_id: int | None = None
    ) -> CheckOutResult:
        """Hand the code's children to the guardian (``person_id`` None) or a listed person."""
        return self._check_out(code_id, person_id, staff_id, authorizer=None)

    def check_out_without_code(
        self,
        code_id: int,
        person_id: int | None,
        authorizer_id: int,
        pin: str,
        staff_id: int | None = None,
    ) -> CheckOutResult:
        """The guardian lost her stub: a staff member's PIN lets the children go, with an
        audit event and an alert. A volunteer's PIN is refused; a wrong PIN changes nothing
        (and counts towards the lockout, like every PIN)."""
        try:
            authorizer = self._staff.sign_in(authorizer_id, pin)
        except StaffError as exc:
            raise ChildcareError(str(exc)) from exc
        if not authorizer.is_staff:
            raise ChildcareError(_("Only a staff member's PIN allows a pick-up without the code."))
        return self._check_out(code_id, person_id, staff_id, authorizer=authorizer)

    def _check_out(
        self,
        code_id: int,
        person_id: int | None,
        staff_id: int | None,
        authorizer: StaffInfo | None,
    ) -> CheckOutResult:
        now = self._clock()
        start, _end = self._day_bounds(self.today())
        with self._factory.begin() as s:
            self._lock(s)
            code = s.get(PickupCode, code_id)
            if code is None or code.day != self.today():
                raise WrongCode(_("That code is not right. Look at the slip and type it again."))
            info = self._pickup_info(s, code)
            if not info.children:
                return CheckOutResult(CheckOutStatus.ALREADY, info)
            choice = next((c for c in info.choices if c.person_id == person_id), None)
            if choice is None:
                raise ChildcareError(
                    _(
                        "That person is not on the list. Only the mother or the people she named "
                        "can pick up."
                    )
                )
            if not choice.allowed:
                person = s.get(PickupPerson, person_id)
                alert = ChildcareAlert(
                    kind=AlertKind.NOT_ALLOWED,
                    child_id=person.child_id if person else info.children[0].child_id,
                    pickup_code_id=code.id,
                    pickup_person_id=person_id,
                    staff_id=staff_id,
                    created_at=now,
                )
                s.add(alert)
                notify.announce(s, notify.CHILDCARE)
                s.add(
                    AuditEvent(
                        staff_id=staff_id,
                        action="childcare.pickup_refused",
                        subject_table="pickup_codes",
                        subject_id=code.id,
                        detail=f"person={person_id}",
                    )
                )
                s.flush()
                log.warning("pickup code %d: a not-allowed person was refused", code.id)
                return CheckOutResult(CheckOutStatus.NOT_ALLOWED, info, alert_id=alert.id)
            result = s.execute(
                update(ChildcareVisit)
                .where(
                    ChildcareVisit.pickup_code_id == code.id,
                    ChildcareVisit.checked_out_at.is_(None),
                    ChildcareVisit.checked_in_at >= start,
                )
                .values(checked_out_at=now, checked_out_by_id=staff_id, picked_up_by=choice.name)
                .execution_options(synchronize_session=False)
            )
            if _rowcount(result) == 0:
                return CheckOutResult(CheckOutStatus.ALREADY, info)
            picked = f"person={person_id}" if person_id is not None else "person=guardian"
            s.add(
                AuditEvent(
                    staff_id=authorizer.id if authorizer else staff_id,
                    action="childcare.check_out_without_code"
                    if authorizer
                    else "childcare.check_out",
                    subject_table="pickup_codes",
                    subject_id=code.id,
                    detail=f"children={_rowcount(result)} {picked}",
                )
            )
            alert_id = None
            if authorizer is not None:
                alert = ChildcareAlert(
                    kind=AlertKind.WITHOUT_CODE,
                    child_id=info.children[0].child_id,
                    pickup_code_id=code.id,
                    pickup_person_id=person_id,
                    staff_id=authorizer.id,
                    created_at=now,
                )
                s.add(alert)
                notify.announce(s, notify.CHILDCARE)
                s.flush()
                alert_id = alert.id
        log.info("pickup code %d: children checked out", code_id)
        return CheckOutResult(
            CheckOutStatus.DONE,
            info,
            tuple(c.name for c in info.children),
            choice.name,
            alert_id,
        )

    # --- slips --------------------------------------------------------------------------------

    def issue_slip(self, code_id: int) -> str:
        """The pickup pair (guardian stub + one label per child, the same code): its voucher
        number, to print. A second call for the same code gives the slip already issued."""
        existing = self._slip_number(code_id)
        if existing is not None:
            return existing
        # reportlab is loaded with the first slip, not when the kiosk starts.
        from kiosk.slip_options import SlipOptions
        from kiosk.vouchers import kinds

        info = self.pickup(code_id)
        faces = self.photos([c.child_id for c in info.children if c.has_photo])
        slip = kinds.PickupSlip(
            code=info.code,
            picture=info.picture,
            guardian_name=info.guardian_name,
            day=info.day,
            children=tuple(
                kinds.PickupChild(
                    c.name, c.age, c.has_allergy, c.medical_note, photo=faces.get(c.child_id)
                )
                for c in info.children
            ),
        )
        options = SlipOptions(
            paper=self._paper, centre_name=self._centre_name or SlipOptions().centre_name
        )
        voucher = self.vouchers.issue(
            VoucherKind.PICKUP,
            lambda number: kinds.pickup_pair(slip, number, options),
            subject_table="pickup_codes",
            subject_id=code_id,
        )
        return voucher.number

    def reprint(self, code_id: int, staff_id: int | None) -> str:
        """A lost stub: the same slip, the same code and number, printed again (audited)."""
        info = self.pickup(code_id)
        if info.day != self.today() or not info.children:
            raise ChildcareError(_("The children of this code have already been picked up."))
        number = self.issue_slip(code_id)
        with self._factory.begin() as s:
            s.add(
                AuditEvent(
                    staff_id=staff_id,
                    action="pickup.reprint",
                    subject_table="pickup_codes",
                    subject_id=code_id,
                )
            )
        log.info("pickup code %d: stub reprinted", code_id)
        return number

    def _slip_number(self, code_id: int) -> str | None:
        with self._factory() as s:
            return s.scalar(
                select(Voucher.number)
                .where(
                    Voucher.kind == VoucherKind.PICKUP,
                    Voucher.subject_table == "pickup_codes",
                    Voucher.subject_id == code_id,
                )
                .order_by(Voucher.id)
                .limit(1)
            )

    # --- alerts for staff ---------------------------------------------------------------------

    def alert_count(self) -> int:
        with self._factory() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(ChildcareAlert)
                    .where(ChildcareAlert.seen_at.is_(None))
                )
                or 0
            )

    def open_alerts(self) -> list[AlertInfo]:
        with self._factory() as s:
            alerts = s.scalars(
                select(ChildcareAlert)
                .where(ChildcareAlert.seen_at.is_(None))
                .order_by(ChildcareAlert.created_at, ChildcareAlert.id)
            ).all()
            return [self._alert_info(s, alert) for alert in alerts]

    @staticmethod
    def _alert_info(s: Session, alert: ChildcareAlert) -> AlertInfo:
        child = s.get(Child, alert.child_id) if alert.child_id else None
        person = s.get(PickupPerson, alert.pickup_person_id) if alert.pickup_person_id else None
        code = s.get(PickupCode, alert.pickup_code_id) if alert.pickup_code_id else None
        staff = s.get(StaffUser, alert.staff_id) if alert.staff_id else None
        person_name = person.name if person else ""
        if alert.kind is AlertKind.WITHOUT_CODE and person is None and code is not None:
            guardian = s.get(Member, code.guardian_id)
            person_name = guardian.name if guardian else ""
        return AlertInfo(
            id=alert.id,
            kind=AlertKind(alert.kind),
            created_at=alert.created_at,
            child_name=child.name if child else "",
            person_name=person_name,
            code=code.code if code else "",
            staff_name=staff.name if staff else "",
        )

    def mark_seen(self, alert_id: int, staff_id: int | None) -> bool:
        """A staff member looked at the alert; False if someone already had."""
        with self._factory.begin() as s:
            result = s.execute(
                update(ChildcareAlert)
                .where(ChildcareAlert.id == alert_id, ChildcareAlert.seen_at.is_(None))
                .values(seen_at=self._clock(), seen_by_id=staff_id)
                .execution_options(synchronize_session=False)
            )
            done = _rowcount(result) == 1
            if done:
                notify.announce(s, notify.CHILDCARE)
                s.add(
                    AuditEvent(
                        staff_id=staff_id,
                        action="childcare.alert_seen",
                        subject_table="childcare_alerts",
                        subject_id=alert_id,
                    )
                )
        return done

    # --- reports ------------------------------------------------------------------------------

    def attendance_day(self, day: date) -> AttendanceReport:
        return self._attendance(
            day,
            day,
            _("Childcare attendance, {day}").format(day=format_date_short(day)),
            day.isoformat(),
        )

    def attendance_month(self, year: int, month: int) -> AttendanceReport:
        if not 1 <= month <= 12:
            raise ChildcareError(_("A month is from 1 to 12."))
        start = date(year, month, 1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        from babel.dates import format_date

        from kiosk.i18n import _State

        words = format_date(start, format="LLLL 'de' yyyy", locale=_State.locale)
        title = _("Childcare attendance, {month}").format(month=words)
        return self._attendance(start, end, title, f"{year:04d}-{month:02d}")

    def _attendance(self, start: date, end: date, title: str, slug: str) -> AttendanceReport:
        first, _x = self._day_bounds(start)
        _y, last = self._day_bounds(end)
        now = self._clock()
        with self._factory() as s:
            rows = s.execute(
                select(ChildcareVisit, Child.birth_date)
                .join(Child, Child.id == ChildcareVisit.child_id)
                .where(ChildcareVisit.checked_in_at >= first, ChildcareVisit.checked_in_at < last)
                .order_by(ChildcareVisit.checked_in_at)
            ).all()
        by_day: dict[date, list[tuple[ChildcareVisit, date]]] = {}
        for visit, birth in rows:
            day = visit.checked_in_at.astimezone(self._tz).date()
            by_day.setdefault(day, []).append((visit, birth))
        report_rows = []
        all_children: dict[int, int] = {}
        total_visits = 0
        total_hours = Decimal(0)
        day = start
        while day <= end:
            visits = by_day.get(day, [])
            _s, day_end = self._day_bounds(day)
            children: dict[int, int] = {}
            seconds = 0.0
            for visit, birth in visits:
                out = visit.checked_out_at or now
                out = min(out, day_end)  # a visit never checked out counts until midnight
                seconds += max((out - visit.checked_in_at).total_seconds(), 0)
                children[visit.child_id] = _age_group(age_on(birth, day))
                all_children.setdefault(visit.child_id, children[visit.child_id])
            hours = (Decimal(seconds) / 3600).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if visits or start == end:
                report_rows.append(
                    AttendanceRow(day, len(children), len(visits), hours, _groups(children))
                )
            total_visits += len(visits)
            total_hours += hours
            day += timedelta(days=1)
        total = AttendanceRow(
            None, len(all_children), total_visits, total_hours, _groups(all_children)
        )
        return AttendanceReport(title, start, end, tuple(report_rows), total, slug)

    @staticmethod
    def report_csv(report: AttendanceReport) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([_("Day"), _("Children"), _("Visits"), _("Hours"), *age_group_words()])
        for row in (*report.rows, report.total):
            day = row.day.isoformat() if row.day else _("Total")
            writer.writerow([_csv_cell(day), row.children, row.visits, str(row.hours), *row.by_age])
        return out.getvalue()

    def report_pdf(self, report: AttendanceReport) -> bytes:
        from kiosk.vouchers.attendance import attendance_pdf

        return attendance_pdf(report, age_group_words(), self._centre_name)

    def write_report(self, report: AttendanceReport, data_dir: Path) -> tuple[Path, Path]:
        """The report as CSV and PDF in ``<data_dir>/reports/`` (same-named files replaced)."""
        folder = Path(data_dir) / REPORTS_FOLDER
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stem = folder / f"guarderia-{report.slug}"
            csv_path = stem.with_suffix(".csv")
            pdf_path = stem.with_suffix(".pdf")
            csv_path.write_text(self.report_csv(report), encoding="utf-8-sig")
            pdf_path.write_bytes(self.report_pdf(report))
        except OSError as exc:
            raise ChildcareError(
                _("The report could not be saved in {folder}.").format(folder=folder)
            ) from exc
        log.info("childcare report %s written", report.slug)
        return csv_path, pdf_path


def _groups(children: dict[int, int]) -> tuple[int, ...]:
    counts = Counter(children.values())
    return tuple(counts.get(i, 0) for i in range(len(AGE_GROUPS)))


def checked_in_words(pickup: PickupInfo) -> str:
    """``47 tortuga``: the code as the volunteer says it to the mother."""
    return f"{pickup.code} {pickup.picture_word}"
