"""What every part of the trainings service shares: limits, statuses, errors and what the
service hands out."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, select

from kiosk.data.models import EnrollmentStatus, Training, TrainingSession
from kiosk.i18n import N_, _, format_when, ngettext
from kiosk.logs import area_logger
from kiosk.services.checks import entry_points

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
class SessionSlot:
    """Which course a session is of, when and where: what a session and a sign-up to it both
    tell."""

    training_id: int
    training_title: str
    topic: str
    starts_at: datetime
    ends_at: datetime
    place: str


@dataclass(frozen=True)
class SessionInfo(SessionSlot):
    id: int
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
class EnrollmentInfo(SessionSlot):
    id: int
    member_id: int
    session_id: int
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


def single_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def check_children(children: int) -> None:
    if (
        isinstance(children, bool)
        or not isinstance(children, int)
        or not 0 <= children <= MAX_CHILDREN
    ):
        raise TrainingError(_("The number of children must be from 0 to 6."))


def session_select(session_id: int) -> Select[TrainingSession, Training]:
    return (
        select(TrainingSession, Training)
        .join(Training, Training.id == TrainingSession.training_id)
        .where(TrainingSession.id == session_id)
        .execution_options(populate_existing=True)
    )


training_entry_points = entry_points(TrainingError)
