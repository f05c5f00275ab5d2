"""Trainings (cursos): sessions with seats, a first-come-first-served waitlist, childcare places
reserved with the seat, attendance, and the staff's lists.

Every rule that must hold when several kiosks sign women up at the same moment is decided
inside one write transaction that first locks the session's row (``SELECT ... FOR NO KEY
UPDATE`` on PostgreSQL; on SQLite ``factory.begin()`` already holds the database's write lock).
So sign-ups, cancellations and attendance marks of one session run one after another, and what
they read (counters, her earlier sign-up, the last waitlist number) cannot change under them.
On top of that the counters only move through conditional UPDATEs
(``... SET seats_taken = seats_taken + 1 WHERE seats_taken < seats AND childcare_taken + n <=
capacity``) whose row count decides, so no code path can oversell even without the lock.

Decisions, so that pages and staff can rely on them:

- **Counters.** ``seats_taken`` counts enrollments that are enrolled, attended or no-show;
  ``childcare_taken`` is the sum of their ``childcare_reserved`` (the session's share of the
  room, for staff). A no-show keeps her seat (the session is over by then); cancelling frees the
  seat and its childcare places.
- **One room for every course.** Childcare places are the room's, held per time interval
  (:mod:`kiosk.services.childcare_room`): at no instant of a session may the places reserved by
  all sessions going on then pass ``childcare_capacity`` (for a session starting within half an
  hour, the children in the room now count too: they may still be there). Sign-ups with children and
  cancellations take the room's row lock before the session's, and decide on a query over the
  overlapping sessions. The ratio of children per volunteer is not checked here: volunteers' shifts
  are not planned ahead in the kiosk, so for a session to come only the capacity can be checked;
  the ratio is checked at check-in, with the volunteers on shift then (reserved places count).
- **Children and childcare.** ``children_count`` is how many children she brings (0-6);
  ``childcare_wanted`` the places she asked for (her children, or 0 if she comes without
  childcare); ``childcare_reserved`` the places she holds - only with a seat: a waitlisted woman
  holds none.
- **Childcare full.** With a free seat but no room for her children the answer is
  ``CHILDCARE_FULL`` and nothing is written; she may sign up again ``without_childcare=True``, or
  with ``waitlist_if_childcare_full=True`` to wait for a seat with childcare
  (``waits_for_childcare``). More children than the room has places at all can only come without
  childcare (``can_wait_for_childcare`` is False).
- **One sign-up per member and session.** A second sign-up returns ``ALREADY`` with her
  enrollment. A cancelled sign-up is the same row used again (the unique constraint stays), as a
  new sign-up at the back of the line.
- **Waitlist.** ``waitlist_position`` is a number per session drawn as ``MAX + 1`` under the
  session's lock: strictly increasing, never reused (a row keeps it after promotion). What she is
  told and what is printed is her *place in line*: 1 + the waitlisted women ahead of her.
- **Promotion.** When a seat frees up (before the session starts), the first in line gets it,
  and the next, while seats remain. Her childcare is checked again in the same transaction: if
  the room has her places at the session's hours she holds them; if not she gets the seat without
  childcare and is told so (``childcare_full`` on her sign-up and on the staff's list). A woman
  who waits for childcare (she chose to, while seats were free) keeps her place in line until her
  places are free; a cancellation that frees places lets such women into every overlapping
  session. Promoted enrollments have ``promoted_at`` set and stay on the staff desk's "call her"
  list (:meth:`TrainingService.to_call`) until :meth:`TrainingService.mark_called`.
- **Closing.** Sign-up and cancelling close at the session's start (the injected ``clock``).
  Sessions of an inactive training are closed too. Attendance may be marked at any time.
"""

from __future__ import annotations

import csv
import enum
import io
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk import numbers
from kiosk.data.models import (
    Enrollment,
    EnrollmentStatus,
    Member,
    Training,
    TrainingSession,
    Voucher,
    VoucherKind,
    utcnow,
)
from kiosk.i18n import (
    DEFAULT_TIMEZONE,
    N_,
    _,
    format_date_short,
    format_time,
    format_when,
    ngettext,
)
from kiosk.logs import area_logger
from kiosk.services import childcare_room, rowcount
from kiosk.services.checks import entry_points
from kiosk.text import csv_cell, fold

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions

log = area_logger("trainings")

MAX_CHILDREN = 6
MAX_SEATS = 200
TITLE_MAX = 200
TOPIC_MAX = 40
PLACE_MAX = 200
DURATION_MAX = 200

# She holds a seat in these states; the counters count exactly these.
SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.NO_SHOW)
ACTIVE = (*SEATED, EnrollmentStatus.WAITLISTED)

STATUS_LABELS: dict[EnrollmentStatus, str] = {
    EnrollmentStatus.ENROLLED: N_("Signed up"),
    EnrollmentStatus.WAITLISTED: N_("Waitlist"),
    EnrollmentStatus.CANCELLED: N_("Cancelled"),
    EnrollmentStatus.ATTENDED: N_("Attended"),
    EnrollmentStatus.NO_SHOW: N_("Did not come"),
}


class TrainingError(ValueError):
    """A problem told as one short Spanish sentence saying what to do next."""


class SignUpStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    CHILDCARE_FULL = (
        "childcare_full"  # a seat is free but no room for her children; nothing written
    )
    FULL = "full"  # no seat and she did not want the waitlist; nothing written
    ALREADY = "already"  # she was already signed up (or waitlisted): her enrollment is returned
    CLOSED = "closed"  # the session has started (or the training is no longer offered)


class DoorStatus(enum.StrEnum):
    """What staff see when a course slip is scanned at the door."""

    MARKED = "marked"  # she is marked present now
    ALREADY = "already"  # she was marked present before
    MISTYPED = "mistyped"  # not a slip number (the check digit does not agree)
    UNKNOWN = "unknown"  # no slip has this number
    NOT_A_COURSE = "not_a_course"  # a slip of another kind
    NO_SEAT = "no_seat"  # cancelled, or still on the waitlist
    NOT_TODAY = "not_today"  # the session is on another day


# How long before a session starts the door may mark her present.
DOOR_OPENS_BEFORE = timedelta(hours=2)


# --- what the service hands out ---------------------------------------------------------------


@dataclass(frozen=True)
class TrainingInfo:
    id: int
    title: str
    topic: str
    description: str
    duration_text: str
    active: bool


@dataclass(frozen=True)
class SessionInfo:
    id: int
    training_id: int
    training_title: str
    topic: str
    starts_at: datetime
    ends_at: datetime
    place: str
    seats: int
    seats_taken: int
    childcare_taken: int
    childcare_left: int  # places free in the room at every instant of the session
    waitlist_count: int
    open: bool  # sign-up still possible (before the start, training active)

    @property
    def seats_left(self) -> int:
        return max(self.seats - self.seats_taken, 0)

    @property
    def full(self) -> bool:
        return self.seats_left == 0


@dataclass(frozen=True)
class TrainingCard:
    """A training with its next session that has not started yet (for the member's cards)."""

    id: int
    title: str
    topic: str
    description: str
    duration_text: str
    next_session: SessionInfo


@dataclass(frozen=True)
class EnrollmentInfo:
    id: int
    member_id: int
    session_id: int
    training_id: int
    training_title: str
    topic: str
    starts_at: datetime
    ends_at: datetime
    place: str
    status: EnrollmentStatus
    children: int
    childcare: int  # places held: only with a seat
    waitlist_position: int | None  # the session's order number, never reused
    place_in_line: int | None  # 1 = next to get a seat; only while waitlisted
    promoted_at: datetime | None
    called_at: datetime | None
    childcare_wanted: int = 0  # places she asked for
    waits_for_childcare: bool = False  # in line for a seat with childcare (seats were free)

    @property
    def childcare_full(self) -> bool:
        """She has a seat, but the room had no places for her children when she got it."""
        return self.status in SEATED and self.childcare < self.childcare_wanted

    def childcare_words(self) -> str:
        """What she is told about childcare, on the answer page, her slip and My courses: a
        woman in line is never told she holds places."""
        if self.status is EnrollmentStatus.WAITLISTED:
            if not self.childcare_wanted:
                return _("Childcare: not reserved")
            if self.waits_for_childcare:
                return _("Childcare: you will get a seat when there is a place for your children.")
            return _(
                "Childcare: your children will have a place only if there is one when you get "
                "a seat."
            )
        if self.childcare_full:
            return _("You have a seat in the course, but the childcare room is full.")
        if self.childcare:
            return ngettext(
                "Childcare: {count} place for your children",
                "Childcare: {count} places for your children",
                self.childcare,
            ).format(count=self.childcare)
        return _("Childcare: not reserved")


@dataclass(frozen=True)
class SignUpResult:
    status: SignUpStatus
    session: SessionInfo  # after the sign-up: seats and childcare left, waitlist length
    enrollment: EnrollmentInfo | None = None  # ENROLLED, WAITLISTED, ALREADY
    # CHILDCARE_FULL: whether waiting could ever give her a seat with childcare (False when she
    # brings more children than the room holds).
    can_wait_for_childcare: bool = True

    @property
    def childcare_free(self) -> int:
        """Childcare places free at the session's hours (after this sign-up)."""
        return self.session.childcare_left

    @property
    def position(self) -> int | None:
        """Her place in line when waitlisted (what is spoken and printed on the ticket)."""
        return self.enrollment.place_in_line if self.enrollment else None


@dataclass(frozen=True)
class CancelResult:
    enrollment: EnrollmentInfo
    cancelled: bool  # False: it was cancelled already, nothing changed
    # Waitlisted women who got a seat; usually none or one (several only when seats were free
    # while childcare was full, and the cancelled woman's childcare places let them in).
    promoted: tuple[EnrollmentInfo, ...] = ()


@dataclass(frozen=True)
class RosterEntry:
    enrollment_id: int
    member_id: int
    name: str
    phone: str
    status: EnrollmentStatus
    children: int
    childcare: int
    waitlist_position: int | None
    place_in_line: int | None
    signed_up_at: datetime
    promoted_at: datetime | None
    called_at: datetime | None


@dataclass(frozen=True)
class CallEntry:
    """A woman promoted from the waitlist whom staff still have to tell (the kiosk has no SMS)."""

    enrollment_id: int
    member_id: int
    name: str
    phone: str
    session_id: int
    training_title: str
    starts_at: datetime
    place: str
    childcare: int
    promoted_at: datetime
    childcare_wanted: int = 0

    @property
    def childcare_full(self) -> bool:
        """Tell her too: the room had no places for her children."""
        return self.childcare < self.childcare_wanted


@dataclass(frozen=True)
class DoorCheck:
    status: DoorStatus
    name: str = ""  # who the slip is for (staff see it at the door)
    enrollment: EnrollmentInfo | None = None

    def sentence(self) -> str:
        """What the door page says, in one sentence."""
        info = self.enrollment
        if self.status is DoorStatus.MARKED:
            return _("{name}: present. Welcome!").format(name=self.name)
        if self.status is DoorStatus.ALREADY:
            return _("{name} was already marked present.").format(name=self.name)
        if self.status is DoorStatus.MISTYPED:
            return _("That is not a slip number. Scan it again or type it carefully.")
        if self.status is DoorStatus.UNKNOWN:
            return _("No slip has that number.")
        if self.status is DoorStatus.NOT_A_COURSE:
            return _("That slip is not for a course.")
        if self.status is DoorStatus.NO_SEAT:
            return _("{name} has no seat in this session.").format(name=self.name)
        assert info is not None
        return _("This slip is for {when}.").format(when=format_when(info.starts_at))


# --- helpers ----------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _check_children(children: int) -> None:
    if (
        isinstance(children, bool)
        or not isinstance(children, int)
        or not 0 <= children <= MAX_CHILDREN
    ):
        raise TrainingError(_("The number of children must be from 0 to 6."))


def _session_select(session_id: int) -> Select[TrainingSession, Training]:
    return (
        select(TrainingSession, Training)
        .join(Training, Training.id == TrainingSession.training_id)
        .where(TrainingSession.id == session_id)
        .execution_options(populate_existing=True)
    )


@entry_points(TrainingError)
class TrainingService:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        childcare_capacity: int,
        clock: Callable[[], datetime] = utcnow,
        timezone: str = DEFAULT_TIMEZONE,
    ) -> None:
        if childcare_capacity < 0:
            raise ValueError("childcare_capacity must not be negative")
        self._factory = session_factory
        self._capacity = childcare_capacity
        self._clock = clock
        self._tz = ZoneInfo(timezone)

    # --- for members --------------------------------------------------------------------------

    def upcoming(self, now: datetime | None = None) -> list[TrainingCard]:
        """Active trainings that have a session not started yet, each with its next session,
        soonest first."""
        now = now or self._clock()
        rank = (
            func.row_number()
            .over(
                partition_by=TrainingSession.training_id,
                order_by=(TrainingSession.starts_at, TrainingSession.id),
            )
            .label("rank")
        )
        nexts = (
            select(TrainingSession.id, rank)
            .join(Training, Training.id == TrainingSession.training_id)
            .where(Training.active.is_(True), TrainingSession.starts_at > now)
            .subquery()
        )
        with self._factory() as s:
            rows = s.execute(
                select(TrainingSession, Training)
                .join(nexts, nexts.c.id == TrainingSession.id)
                .join(Training, Training.id == TrainingSession.training_id)
                .where(nexts.c.rank == 1)
                .order_by(TrainingSession.starts_at, Training.title, Training.id)
            ).all()
            waiting = self._waitlist_counts(s, [ts.id for ts, _t in rows])
            free = self._childcare_left(s, [ts for ts, _t in rows])
            return [
                TrainingCard(
                    id=t.id,
                    title=t.title,
                    topic=t.topic,
                    description=t.description,
                    duration_text=t.duration_text,
                    next_session=self._session_info(ts, t, now, waiting.get(ts.id, 0), free[ts.id]),
                )
                for ts, t in rows
            ]

    def sessions(self, training_id: int) -> list[SessionInfo]:
        """Every session of a training, past ones too (staff mark attendance on them), in
        time order; ``open`` says which still take sign-ups."""
        now = self._clock()
        with self._factory() as s:
            rows = s.execute(
                select(TrainingSession, Training)
                .join(Training, Training.id == TrainingSession.training_id)
                .where(TrainingSession.training_id == training_id)
                .order_by(TrainingSession.starts_at, TrainingSession.id)
            ).all()
            waiting = self._waitlist_counts(s, [ts.id for ts, _t in rows])
            free = self._childcare_left(s, [ts for ts, _t in rows])
            return [
                self._session_info(ts, t, now, waiting.get(ts.id, 0), free[ts.id]) for ts, t in rows
            ]

    def session(self, session_id: int) -> SessionInfo:
        with self._factory() as s:
            return self._load_session_info(s, session_id, self._clock())

    def sign_up(
        self,
        member_id: int,
        session_id: int,
        children: int = 0,
        *,
        without_childcare: bool = False,
        waitlist_if_full: bool = True,
        waitlist_if_childcare_full: bool = False,
    ) -> SignUpResult:
        """Sign her up for a session, bringing ``children`` (0-6) to the childcare.

        ENROLLED: a seat (and her childcare places) are hers. WAITLISTED: no seat (or, when she
        asked for it, no childcare) - she is in line. CHILDCARE_FULL / FULL / CLOSED: nothing was
        written. ALREADY: her existing enrollment, unchanged.
        """
        _check_children(children)
        need = 0 if without_childcare else children
        now = self._clock()
        try:
            with self._factory.begin() as s:
                result, changed = self._sign_up(
                    s,
                    member_id,
                    session_id,
                    children,
                    need,
                    now,
                    waitlist_if_full=waitlist_if_full,
                    waitlist_if_childcare_full=waitlist_if_childcare_full,
                )
        except IntegrityError:
            # Only if a writer did not take the session's lock: the unique constraint held.
            with self._factory() as s:
                row = s.scalar(
                    select(Enrollment).where(
                        Enrollment.member_id == member_id, Enrollment.session_id == session_id
                    )
                )
                if row is None or row.status not in ACTIVE:
                    raise
                return SignUpResult(
                    SignUpStatus.ALREADY,
                    self._load_session_info(s, session_id, now),
                    self._enrollment_info(s, row.id),
                )
        if changed:
            assert result.enrollment is not None
            log.info(
                "enrollment %d: %s in session %d",
                result.enrollment.id,
                result.status.value,
                session_id,
            )
        return result

    def _sign_up(
        self,
        s: Session,
        member_id: int,
        session_id: int,
        children: int,
        need: int,
        now: datetime,
        *,
        waitlist_if_full: bool,
        waitlist_if_childcare_full: bool,
    ) -> tuple[SignUpResult, bool]:
        if need:
            # The room before the session, as cancellations do: places are the room's.
            childcare_room.lock_room(s)
        training_session, training = self._lock_session(s, session_id)
        member = s.get(Member, member_id)
        if member is None or member.erased_at is not None:
            raise TrainingError(_("We could not find you. Ask a companion for help."))
        row = s.scalar(
            select(Enrollment)
            .where(Enrollment.member_id == member_id, Enrollment.session_id == session_id)
            .execution_options(populate_existing=True)
        )

        def answer(status: SignUpStatus, enrollment_id: int | None = None) -> SignUpResult:
            info = self._enrollment_info(s, enrollment_id) if enrollment_id else None
            return SignUpResult(
                status,
                self._load_session_info(s, session_id, now),
                info,
                can_wait_for_childcare=need <= self._capacity,
            )

        if row is not None and row.status in ACTIVE:
            return answer(SignUpStatus.ALREADY, row.id), False
        if now >= training_session.starts_at or not training.active:
            return answer(SignUpStatus.CLOSED), False
        if need > self._capacity:
            return answer(SignUpStatus.CHILDCARE_FULL), False

        room = not need or childcare_room.fits(
            self._holds(s, training_session, now),
            self._capacity,
            member_id,
            need,
            training_session.starts_at,
            training_session.ends_at,
        )
        waits_for_childcare = False
        if room and self._take_seat(s, session_id, need):
            status, position = EnrollmentStatus.ENROLLED, None
        else:
            seats, seats_taken, _childcare = self._counters(s, session_id)
            if seats_taken >= seats and not waitlist_if_full:
                return answer(SignUpStatus.FULL), False
            if seats_taken < seats:
                if not waitlist_if_childcare_full:
                    return answer(SignUpStatus.CHILDCARE_FULL), False
                waits_for_childcare = True
            # The session's row is locked: no other sign-up can draw a number until we commit.
            last = s.scalar(
                select(func.max(Enrollment.waitlist_position)).where(
                    Enrollment.session_id == session_id
                )
            )
            status, position = EnrollmentStatus.WAITLISTED, (last or 0) + 1

        if row is None:
            row = Enrollment(member_id=member_id, session_id=session_id)
            s.add(row)
        # A cancelled sign-up is used again as a new one; it keeps its old waitlist number
        # when she now gets a seat directly, so numbers are never drawn twice.
        row.status = status
        row.children_count = children
        # In line she holds no places: they are decided again when she gets a seat.
        row.childcare_reserved = need if status is EnrollmentStatus.ENROLLED else 0
        row.childcare_wanted = need
        row.waits_for_childcare = waits_for_childcare
        if position is not None:
            row.waitlist_position = position
        row.promoted_at = None
        row.called_at = None
        row.created_at = now  # when she signed up (this time)
        row.updated_at = now
        s.flush()
        return answer(SignUpStatus(status.value), row.id), True

    def cancel(self, enrollment_id: int, member_id: int) -> CancelResult:
        """She gives up her seat (or her place in line). Her seat goes to the first in line (with
        childcare if the room has it); childcare places she frees may let women waiting for
        childcare into any session at those hours. Refused once the session has started."""
        now = self._clock()
        with self._factory.begin() as s:
            session_id = s.scalar(
                select(Enrollment.session_id).where(
                    Enrollment.id == enrollment_id, Enrollment.member_id == member_id
                )
            )
            if session_id is None:
                raise TrainingError(_("We could not find your sign-up. Ask a companion for help."))
            # Promotion may hold childcare places: the room's lock first, as sign-ups take it.
            childcare_room.lock_room(s)
            training_session, _training = self._lock_session(s, session_id)
            row = self._load_enrollment(s, enrollment_id)
            if row.status is EnrollmentStatus.CANCELLED:
                return CancelResult(self._enrollment_info(s, row.id), cancelled=False)
            if row.status not in (EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED):
                raise TrainingError(_("This session has already happened."))
            if now >= training_session.starts_at:
                raise TrainingError(
                    _("This session has already started; it can no longer be cancelled.")
                )
            freed = row.childcare_reserved if row.status is EnrollmentStatus.ENROLLED else 0
            if row.status is EnrollmentStatus.ENROLLED:
                self._free_seat(s, session_id, row.childcare_reserved)
            row.status = EnrollmentStatus.CANCELLED
            row.childcare_reserved = 0
            row.updated_at = now
            s.flush()
            promoted = self._promote(s, training_session, now)
            if freed:
                for other in self._overlapping_open(s, training_session, now):
                    promoted += self._promote(s, self._lock_session(s, other)[0], now)
            result = CancelResult(
                self._enrollment_info(s, row.id),
                cancelled=True,
                promoted=tuple(self._enrollment_info(s, p) for p in promoted),
            )
        log.info("enrollment %d cancelled in session %d", enrollment_id, session_id)
        for p in result.promoted:
            log.info(
                "enrollment %d promoted from the waitlist in session %d (childcare %d of %d)",
                p.id,
                p.session_id,
                p.childcare,
                p.childcare_wanted,
            )
        return result

    def my_sign_ups(self, member_id: int) -> list[EnrollmentInfo]:
        """Her sign-ups and places in line for sessions that have not started, soonest first."""
        now = self._clock()
        with self._factory() as s:
            ids = s.scalars(
                select(Enrollment.id)
                .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
                .where(
                    Enrollment.member_id == member_id,
                    Enrollment.status.in_([EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED]),
                    TrainingSession.starts_at > now,
                )
                .order_by(TrainingSession.starts_at, Enrollment.id)
            ).all()
            return [self._enrollment_info(s, i) for i in ids]

    def enrollment(self, enrollment_id: int) -> EnrollmentInfo:
        with self._factory() as s:
            return self._enrollment_info(s, enrollment_id)

    # --- for staff ----------------------------------------------------------------------------

    def trainings(self, *, include_inactive: bool = False) -> list[TrainingInfo]:
        """Every training staff can work with, in alphabetical order."""
        with self._factory() as s:
            query = select(Training)
            if not include_inactive:
                query = query.where(Training.active.is_(True))
            rows = s.scalars(query).all()
            found = [
                TrainingInfo(t.id, t.title, t.topic, t.description, t.duration_text, t.active)
                for t in rows
            ]
        return sorted(found, key=lambda t: (fold(t.title), t.id))

    def training(self, training_id: int) -> TrainingInfo:
        with self._factory() as s:
            t = s.get(Training, training_id)
            if t is None:
                raise TrainingError(_("That course does not exist."))
            return TrainingInfo(t.id, t.title, t.topic, t.description, t.duration_text, t.active)

    def attend_with_slip(self, text: str, staff_id: int | None = None) -> DoorCheck:
        """At the door: the scanned (or typed) course slip marks her present, once.

        The slip is used (redeemed) and her sign-up marked attended in one transaction under
        the session's lock, so two desks scanning the same slip agree on who marked it. A
        waitlist ticket works too once she has been given a seat."""
        digits = numbers.normalize(text)
        if digits is None or not numbers.is_valid(digits):
            return DoorCheck(DoorStatus.MISTYPED)
        now = self._clock()
        with self._factory.begin() as s:
            voucher = s.scalar(select(Voucher).where(Voucher.number == digits))
            if voucher is None:
                return DoorCheck(DoorStatus.UNKNOWN)
            if (
                voucher.kind not in (VoucherKind.TRAINING, VoucherKind.WAITLIST)
                or voucher.subject_table != "enrollments"
                or voucher.subject_id is None
            ):
                return DoorCheck(DoorStatus.NOT_A_COURSE)
            session_id = s.scalar(
                select(Enrollment.session_id).where(Enrollment.id == voucher.subject_id)
            )
            if session_id is None:
                return DoorCheck(DoorStatus.UNKNOWN)
            training_session, _training = self._lock_session(s, session_id)
            row = self._load_enrollment(s, voucher.subject_id)
            member = s.get(Member, row.member_id)
            name = member.name if member is not None else ""
            info = self._enrollment_info(s, row.id)
            if row.status not in SEATED:
                return DoorCheck(DoorStatus.NO_SEAT, name, info)
            if row.status is EnrollmentStatus.ATTENDED:
                return DoorCheck(DoorStatus.ALREADY, name, info)
            # The door is open from shortly before the start until the end: last week's slip
            # does not mark her present at last week's session (staff correct the list).
            if not (
                training_session.starts_at - DOOR_OPENS_BEFORE <= now <= training_session.ends_at
            ):
                return DoorCheck(DoorStatus.NOT_TODAY, name, info)
            row.status = EnrollmentStatus.ATTENDED
            row.updated_at = now
            if voucher.redeemed_at is None:
                voucher.redeemed_at = now
                voucher.redeemed_by_id = staff_id
            s.flush()
            info = self._enrollment_info(s, row.id)
        log.info("enrollment %d marked attended at the door", row.id)
        return DoorCheck(DoorStatus.MARKED, name, info)

    def roster(self, session_id: int) -> list[RosterEntry]:
        """Who is coming (alphabetical, with attended / no-show marks), then the waitlist in
        order. Cancelled sign-ups are left out."""
        with self._factory() as s:
            self._load_session_info(s, session_id, self._clock())  # unknown session: error
            rows = s.execute(
                select(Enrollment, Member)
                .join(Member, Member.id == Enrollment.member_id)
                .where(
                    Enrollment.session_id == session_id,
                    Enrollment.status != EnrollmentStatus.CANCELLED,
                )
                .order_by(Enrollment.waitlist_position, Enrollment.id)
            ).all()
        seated = sorted(
            ((e, m) for e, m in rows if e.status in SEATED),
            key=lambda pair: (fold(pair[1].name), pair[0].id),
        )
        waiting = [(e, m) for e, m in rows if e.status is EnrollmentStatus.WAITLISTED]
        waiting.sort(key=lambda pair: (pair[0].waitlist_position or 0, pair[0].id))
        entries = [self._roster_entry(e, m, None) for e, m in seated]
        entries += [self._roster_entry(e, m, n) for n, (e, m) in enumerate(waiting, start=1)]
        return entries

    def roster_csv(self, session_id: int) -> str:
        """The session's list for a spreadsheet (comma-separated, one header row). Save it as
        UTF-8 with a byte-order mark (``utf-8-sig``) so spreadsheets show the accents."""
        info = self.session(session_id)
        entries = self.roster(session_id)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                _("Course"),
                _("Date"),
                _("Time"),
                _("Place"),
                _("Name"),
                _("Phone"),
                _("Status"),
                _("Place in line"),
                _("Children"),
                _("Childcare places"),
            ]
        )
        for entry in entries:
            writer.writerow(
                csv_cell(v)
                for v in (
                    info.training_title,
                    format_date_short(info.starts_at),
                    format_time(info.starts_at),
                    info.place,
                    entry.name,
                    entry.phone,
                    _(STATUS_LABELS[entry.status]),
                    entry.place_in_line if entry.place_in_line is not None else "",
                    entry.children,
                    entry.childcare,
                )
            )
        return out.getvalue()

    def mark_attendance(self, enrollment_id: int, attended: bool) -> EnrollmentInfo:
        """Present or absent, for a woman with a seat (a mark can be corrected). The seat stays
        counted either way."""
        new = EnrollmentStatus.ATTENDED if attended else EnrollmentStatus.NO_SHOW
        now = self._clock()
        with self._factory.begin() as s:
            session_id = s.scalar(
                select(Enrollment.session_id).where(Enrollment.id == enrollment_id)
            )
            if session_id is None:
                raise TrainingError(_("We could not find that sign-up."))
            self._lock_session(s, session_id)
            row = self._load_enrollment(s, enrollment_id)
            if row.status not in SEATED:
                raise TrainingError(
                    _("Only a woman with a seat in the session can be marked present or absent.")
                )
            row.status = new
            row.updated_at = now
            s.flush()
            info = self._enrollment_info(s, row.id)
        log.info("enrollment %d marked %s", enrollment_id, new.value)
        return info

    def to_call(self) -> list[CallEntry]:
        """Women promoted from the waitlist whom staff have not called yet, for sessions not
        over, the longest waiting first."""
        now = self._clock()
        with self._factory() as s:
            rows = s.execute(
                select(Enrollment, Member, TrainingSession, Training)
                .join(Member, Member.id == Enrollment.member_id)
                .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
                .join(Training, Training.id == TrainingSession.training_id)
                .where(
                    Enrollment.status == EnrollmentStatus.ENROLLED,
                    Enrollment.promoted_at.is_not(None),
                    Enrollment.called_at.is_(None),
                    TrainingSession.ends_at > now,
                )
                .order_by(Enrollment.promoted_at, Enrollment.id)
            ).all()
            return [
                CallEntry(
                    enrollment_id=e.id,
                    member_id=m.id,
                    name=m.name,
                    phone=m.phone or "",
                    session_id=ts.id,
                    training_title=t.title,
                    starts_at=ts.starts_at,
                    place=ts.place,
                    childcare=e.childcare_reserved,
                    promoted_at=cast(datetime, e.promoted_at),
                    childcare_wanted=e.childcare_wanted,
                )
                for e, m, ts, t in rows
            ]

    def mark_called(self, enrollment_id: int) -> None:
        """Staff told her she has a seat: she leaves the "call her" list (calling twice is
        harmless)."""
        now = self._clock()
        with self._factory.begin() as s:
            done = rowcount(
                s.execute(
                    update(Enrollment)
                    .where(
                        Enrollment.id == enrollment_id,
                        Enrollment.promoted_at.is_not(None),
                        Enrollment.called_at.is_(None),
                    )
                    .values(called_at=now)
                    .execution_options(synchronize_session=False)
                )
            )
            if not done and s.get(Enrollment, enrollment_id) is None:
                raise TrainingError(_("We could not find that sign-up."))
        if done:
            log.info("enrollment %d called", enrollment_id)

    def create_training(
        self,
        title: str,
        topic: str,
        *,
        description: str = "",
        duration_text: str = "",
    ) -> TrainingInfo:
        """A new training; ``topic`` names its pictogram (panaderia, costura, ...)."""
        title = _one_line(title)
        topic = _one_line(topic).lower()
        duration_text = _one_line(duration_text)
        description = unicodedata.normalize("NFC", description).strip()
        if not title:
            raise TrainingError(_("Write the name of the course."))
        if len(title) > TITLE_MAX:
            raise TrainingError(_("The name of the course is too long."))
        if not topic:
            raise TrainingError(_("Choose the picture of the course."))
        if len(topic) > TOPIC_MAX:
            raise TrainingError(_("The picture name is too long."))
        if len(duration_text) > DURATION_MAX:
            raise TrainingError(_("The duration is too long; write it shorter."))
        with self._factory.begin() as s:
            training = Training(
                title=title, topic=topic, description=description, duration_text=duration_text
            )
            s.add(training)
            s.flush()
            info = TrainingInfo(
                training.id, title, topic, description, duration_text, training.active
            )
        log.info("training %d created", info.id)
        return info

    def add_session(
        self,
        training_id: int,
        starts_at: datetime,
        ends_at: datetime,
        place: str,
        seats: int,
    ) -> SessionInfo:
        """A new session of a training, with checks staff can read in one sentence."""
        if starts_at.tzinfo is None or ends_at.tzinfo is None:
            raise ValueError("session times must be timezone-aware")
        place = _one_line(place)
        now = self._clock()
        if ends_at <= starts_at:
            raise TrainingError(_("The session must end after it starts."))
        if starts_at <= now:
            raise TrainingError(_("The session must start in the future."))
        if isinstance(seats, bool) or not isinstance(seats, int) or not 1 <= seats <= MAX_SEATS:
            raise TrainingError(_("The seats must be a number from 1 to 200."))
        if not place:
            raise TrainingError(_("Write where the session takes place."))
        if len(place) > PLACE_MAX:
            raise TrainingError(_("The place is too long; write it shorter."))
        with self._factory.begin() as s:
            if s.get(Training, training_id) is None:
                raise TrainingError(_("That course does not exist."))
            row = TrainingSession(
                training_id=training_id,
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
                seats=seats,
                seats_taken=0,
                childcare_taken=0,
            )
            s.add(row)
            s.flush()
            info = self._load_session_info(s, row.id, now)
        log.info("session %d added to training %d", info.id, training_id)
        return info

    # --- inside the transaction ---------------------------------------------------------------

    def _lock_session(self, s: Session, session_id: int) -> tuple[TrainingSession, Training]:
        """Lock the session's row until commit (FOR NO KEY UPDATE on PostgreSQL; SQLite's write
        transaction already excludes other writers) and return it as it is now."""
        found = s.execute(
            _session_select(session_id).with_for_update(of=TrainingSession, key_share=True)
        ).first()
        if found is None:
            raise TrainingError(_("We could not find that course. Ask a companion for help."))
        return found[0], found[1]

    @staticmethod
    def _counters(s: Session, session_id: int) -> tuple[int, int, int]:
        seats, seats_taken, childcare_taken = s.execute(
            select(
                TrainingSession.seats,
                TrainingSession.seats_taken,
                TrainingSession.childcare_taken,
            ).where(TrainingSession.id == session_id)
        ).one()
        return seats, seats_taken, childcare_taken

    def _take_seat(self, s: Session, session_id: int, childcare: int) -> bool:
        """One seat and ``childcare`` places, only if both are free; the database decides."""
        result = s.execute(
            update(TrainingSession)
            .where(
                TrainingSession.id == session_id,
                TrainingSession.seats_taken < TrainingSession.seats,
                TrainingSession.childcare_taken + childcare <= self._capacity,
            )
            .values(
                seats_taken=TrainingSession.seats_taken + 1,
                childcare_taken=TrainingSession.childcare_taken + childcare,
            )
            .execution_options(synchronize_session=False)
        )
        return rowcount(result) == 1

    @staticmethod
    def _free_seat(s: Session, session_id: int, childcare: int) -> None:
        result = s.execute(
            update(TrainingSession)
            .where(
                TrainingSession.id == session_id,
                TrainingSession.seats_taken >= 1,
                TrainingSession.childcare_taken >= childcare,
            )
            .values(
                seats_taken=TrainingSession.seats_taken - 1,
                childcare_taken=TrainingSession.childcare_taken - childcare,
            )
            .execution_options(synchronize_session=False)
        )
        if rowcount(result) != 1:  # the counters no longer match the sign-ups
            raise RuntimeError(f"training session {session_id}: counters out of step")

    @staticmethod
    def _overlapping_open(s: Session, ts: TrainingSession, now: datetime) -> list[int]:
        """Other sessions at the same hours still taking sign-ups, with someone in line, in id
        order (the order their rows are locked in)."""
        return list(
            s.scalars(
                select(TrainingSession.id)
                .join(Training, Training.id == TrainingSession.training_id)
                .where(
                    TrainingSession.id != ts.id,
                    TrainingSession.starts_at < ts.ends_at,
                    TrainingSession.ends_at > ts.starts_at,
                    TrainingSession.starts_at > now,
                    Training.active.is_(True),
                    select(Enrollment.id)
                    .where(
                        Enrollment.session_id == TrainingSession.id,
                        Enrollment.status == EnrollmentStatus.WAITLISTED,
                    )
                    .exists(),
                )
                .order_by(TrainingSession.id)
            )
        )

    def _promote(self, s: Session, ts: TrainingSession, now: datetime) -> list[int]:
        """Give free seats to the waitlist in order (the room's lock is held). Her childcare is
        checked again: her places if the room has them at the session's hours, else the seat
        without childcare - unless she waits for childcare, then she keeps her place in line.
        Returns the promoted enrollments' ids."""
        if now >= ts.starts_at:
            return []
        promoted: list[int] = []
        passed: list[int] = []  # waiting for childcare that is still full
        while True:
            seats, seats_taken, _childcare_taken = self._counters(s, ts.id)
            if seats_taken >= seats:
                break
            candidate = s.scalar(
                select(Enrollment)
                .where(
                    Enrollment.session_id == ts.id,
                    Enrollment.status == EnrollmentStatus.WAITLISTED,
                    Enrollment.id.not_in(passed),
                )
                .order_by(Enrollment.waitlist_position, Enrollment.id)
                .limit(1)
                .execution_options(populate_existing=True)
            )
            if candidate is None:
                break
            places = candidate.childcare_wanted
            if places and not childcare_room.fits(
                self._holds(s, ts, now),
                self._capacity,
                candidate.member_id,
                places,
                ts.starts_at,
                ts.ends_at,
            ):
                if candidate.waits_for_childcare:
                    passed.append(candidate.id)
                    continue
                places = 0
            if not self._take_seat(s, ts.id, places):
                break
            candidate.status = EnrollmentStatus.ENROLLED
            candidate.childcare_reserved = places
            candidate.waits_for_childcare = False
            candidate.promoted_at = now
            candidate.called_at = None
            candidate.updated_at = now
            s.flush()
            promoted.append(candidate.id)
        return promoted

    # --- reading ------------------------------------------------------------------------------

    @staticmethod
    def _load_enrollment(s: Session, enrollment_id: int) -> Enrollment:
        row = s.scalar(
            select(Enrollment)
            .where(Enrollment.id == enrollment_id)
            .execution_options(populate_existing=True)
        )
        if row is None:
            raise TrainingError(_("We could not find that sign-up."))
        return row

    @staticmethod
    def _waitlist_counts(s: Session, session_ids: Iterable[int]) -> dict[int, int]:
        ids = list(session_ids)
        if not ids:
            return {}
        rows = s.execute(
            select(Enrollment.session_id, func.count())
            .where(
                Enrollment.session_id.in_(ids),
                Enrollment.status == EnrollmentStatus.WAITLISTED,
            )
            .group_by(Enrollment.session_id)
        ).all()
        return {session_id: count for session_id, count in rows}

    def _day_start(self, now: datetime) -> datetime:
        return childcare_room.day_start(now, self._tz)

    def _holds(self, s: Session, ts: TrainingSession, now: datetime) -> list[childcare_room.Hold]:
        """What the room holds over the session's hours (children in the room now included
        when it starts soon)."""
        return childcare_room.holds_over(
            s, ts.starts_at, ts.ends_at, now=now, day_start=self._day_start(now)
        )

    def _childcare_left(self, s: Session, sessions: list[TrainingSession]) -> dict[int, int]:
        """Places free at every instant of each session, from one query over the sessions
        overlapping them all."""
        if not sessions:
            return {}
        first = min(ts.starts_at for ts in sessions)
        last = max(ts.ends_at for ts in sessions)
        holds = childcare_room.holds_over(
            s, first, last, now=self._clock(), day_start=self._day_start(self._clock())
        )
        return {
            ts.id: max(
                self._capacity
                - childcare_room.peak(
                    [h for h in holds if h.starts_at < ts.ends_at and h.ends_at > ts.starts_at],
                    ts.starts_at,
                    ts.ends_at,
                ),
                0,
            )
            for ts in sessions
        }

    def _session_info(
        self, ts: TrainingSession, t: Training, now: datetime, waitlisted: int, childcare_left: int
    ) -> SessionInfo:
        return SessionInfo(
            id=ts.id,
            training_id=t.id,
            training_title=t.title,
            topic=t.topic,
            starts_at=ts.starts_at,
            ends_at=ts.ends_at,
            place=ts.place,
            seats=ts.seats,
            seats_taken=ts.seats_taken,
            childcare_taken=ts.childcare_taken,
            childcare_left=childcare_left,
            waitlist_count=waitlisted,
            open=t.active and now < ts.starts_at,
        )

    def _load_session_info(self, s: Session, session_id: int, now: datetime) -> SessionInfo:
        found = s.execute(_session_select(session_id)).first()
        if found is None:
            raise TrainingError(_("We could not find that course. Ask a companion for help."))
        ts, t = found
        waiting = self._waitlist_counts(s, [ts.id]).get(ts.id, 0)
        return self._session_info(ts, t, now, waiting, self._childcare_left(s, [ts])[ts.id])

    @staticmethod
    def _enrollment_info(s: Session, enrollment_id: int) -> EnrollmentInfo:
        found = s.execute(
            select(Enrollment, TrainingSession, Training)
            .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
            .join(Training, Training.id == TrainingSession.training_id)
            .where(Enrollment.id == enrollment_id)
            .execution_options(populate_existing=True)
        ).one_or_none()
        if found is None:  # an id handed over that names no sign-up
            raise TrainingError(_("We could not find that sign-up."))
        e, ts, t = found
        place_in_line = None
        if e.status is EnrollmentStatus.WAITLISTED:
            place_in_line = s.scalar(
                select(func.count()).where(
                    Enrollment.session_id == e.session_id,
                    Enrollment.status == EnrollmentStatus.WAITLISTED,
                    Enrollment.waitlist_position <= e.waitlist_position,
                )
            )
        return EnrollmentInfo(
            id=e.id,
            member_id=e.member_id,
            session_id=ts.id,
            training_id=t.id,
            training_title=t.title,
            topic=t.topic,
            starts_at=ts.starts_at,
            ends_at=ts.ends_at,
            place=ts.place,
            status=EnrollmentStatus(e.status),
            children=e.children_count,
            childcare=e.childcare_reserved,
            waitlist_position=e.waitlist_position,
            place_in_line=place_in_line,
            promoted_at=e.promoted_at,
            called_at=e.called_at,
            childcare_wanted=e.childcare_wanted,
            waits_for_childcare=e.waits_for_childcare,
        )

    @staticmethod
    def _roster_entry(e: Enrollment, m: Member, place_in_line: int | None) -> RosterEntry:
        return RosterEntry(
            enrollment_id=e.id,
            member_id=m.id,
            name=m.name,
            phone=m.phone or "",
            status=EnrollmentStatus(e.status),
            children=e.children_count,
            childcare=e.childcare_reserved,
            waitlist_position=e.waitlist_position,
            place_in_line=place_in_line,
            signed_up_at=e.created_at,
            promoted_at=e.promoted_at,
            called_at=e.called_at,
        )


# --- the slips: her sign-up, and a session's list for the door --------------------------------


def issue_sign_up_slip(
    vouchers: VoucherService,
    result: SignUpResult,
    member_name: str,
    training: str,
    topic_icon: str,
    options: SlipOptions,
) -> VoucherInfo:
    """Her sign-up's slip, issued and kept for reprint until the session ends: the confirmation
    with her seat, or her place on the waiting list. ``topic_icon``: the course's pictogram
    (the screen knows which pictograms exist). reportlab loads with the first slip only."""
    from kiosk.vouchers import kinds

    enrollment, session = result.enrollment, result.session
    assert enrollment is not None
    builder: Callable[[str], bytes]
    if result.status is SignUpStatus.WAITLISTED:
        waiting = kinds.WaitlistSlip(
            member_name=member_name,
            training=training,
            starts_at=session.starts_at,
            place=session.place,
            position=result.position or 0,
            childcare=enrollment.childcare_words() if enrollment.childcare_wanted else "",
        )
        builder = partial(kinds.waitlist_ticket, waiting, options=options)
        kind = VoucherKind.WAITLIST
    else:
        confirmation = kinds.TrainingSlip(
            member_name=member_name,
            training=training,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            place=session.place,
            childcare_places=enrollment.childcare,
            topic_icon=topic_icon,
        )
        builder = partial(kinds.training_confirmation, confirmation, options=options)
        kind = VoucherKind.TRAINING
    return vouchers.issue(
        kind,
        builder,
        subject_table="enrollments",
        subject_id=enrollment.id,
        expires_at=session.ends_at,
    )


def issue_session_list(
    vouchers: VoucherService,
    session: SessionInfo,
    roster: Iterable[RosterEntry],
    options: SlipOptions,
) -> VoucherInfo:
    """The session's list for the door (the women with a seat, a box to tick for each), issued
    to print; reportlab loads only now."""
    from kiosk.vouchers import kinds

    data = kinds.StaffListSlip(
        title=session.training_title,
        day=session.starts_at.date(),
        names=tuple(e.name for e in roster if e.status is not EnrollmentStatus.WAITLISTED),
        columns=(_("Came"),),
        subtitle=f"{format_time(session.starts_at)} · {session.place}",
        area="trainings",
    )
    return vouchers.issue(
        VoucherKind.STAFF_LIST,
        partial(kinds.staff_list, data, options=options),
        subject_table="training_sessions",
        subject_id=session.id,
    )
