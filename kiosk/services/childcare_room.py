"""The children's room's places, counted per time interval: the one rule that course sign-ups
(which reserve places for a session's hours) and check-ins (which put children in the room now)
both obey.

- **People, not courses.** At any instant the room holds, for each mother, the larger of the
  places her seated sign-ups reserve for sessions going on at that instant and the children she
  has in the room. A mother in two overlapping courses holds her children's places once; her
  children checked in fill her own reserved places rather than taking new ones.
- **Children in the room now.** A child checked in is counted as staying at least ``AHEAD``
  (mothers bring children shortly before their course; nobody knows when a child without a
  course leaves). So a check-in counts the reservations of courses going on now or starting
  within ``AHEAD``, and a sign-up for a course starting within ``AHEAD`` counts the children in
  the room now.
- **Intervals.** A session holds its places over ``[starts_at, ends_at)``, so back-to-back
  sessions (one ends at 12:00, the next starts at 12:00) share the same places. The count only
  rises where a session starts, so the most held over an interval is the most held at its start
  or at the start of a session inside it.
- **One writer.** Every write that holds or uses places first takes the room's row lock
  (:func:`lock_room`, ``SELECT ... FOR UPDATE``; on SQLite ``factory.begin()`` already holds the
  database's write lock) and then reads the holds, so two kiosks never both take the last place.
  Writers that also lock a course session take the room first, so they cannot deadlock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.data.models import (
    Child,
    ChildcareRoom,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    TrainingSession,
)
from kiosk.data.scope import centre_of

AHEAD = timedelta(minutes=30)  # a child checked in now is counted as staying at least this long
SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.NO_SHOW)


@dataclass(frozen=True)
class Hold:
    """Places a mother holds over ``[starts_at, ends_at)``."""

    member_id: int
    starts_at: datetime
    ends_at: datetime
    places: int


def lock_room(s: Session) -> None:
    """Take the room's row lock until the transaction ends."""
    query = select(ChildcareRoom.id).with_for_update()  # the session's centre's room
    if s.scalar(query) is not None:
        return
    # A database whose room row was removed (by hand, or an old restore): put it back.
    # Only another station making the same room at once is let pass; any other clash is an
    # error, never a transaction that goes on without the room's lock. (Each engine's insert
    # is loaded only on that engine.)
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        room = postgresql.insert(ChildcareRoom).values(centre_id=centre_of(s), name="")
        s.execute(room.on_conflict_do_nothing(index_elements=[ChildcareRoom.centre_id]))
    else:
        from sqlalchemy.dialects import sqlite

        mine = sqlite.insert(ChildcareRoom).values(centre_id=centre_of(s), name="")
        s.execute(mine.on_conflict_do_nothing(index_elements=[ChildcareRoom.centre_id]))
    if s.scalar(query) is None:
        raise RuntimeError("the children's room could not be locked")


def reservations(
    s: Session, starts_at: datetime, ends_at: datetime, *, leave_out: int | None = None
) -> list[Hold]:
    """The places held by seated sign-ups of every session overlapping ``[starts_at, ends_at)``
    (``leave_out``: an enrollment not to count, the one being decided)."""
    query = (
        select(
            Enrollment.member_id,
            TrainingSession.starts_at,
            TrainingSession.ends_at,
            Enrollment.childcare_reserved,
        )
        .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
        .where(
            Enrollment.status.in_(SEATED),
            Enrollment.childcare_reserved > 0,
            TrainingSession.starts_at < ends_at,
            TrainingSession.ends_at > starts_at,
        )
    )
    if leave_out is not None:
        query = query.where(Enrollment.id != leave_out)
    return [Hold(m, start, end, places) for m, start, end, places in s.execute(query)]


def held_at(holds: Iterable[Hold], instant: datetime) -> int:
    """Places held at one instant: per mother the most any of her holds covers."""
    most: dict[int, int] = defaultdict(int)
    for hold in holds:
        if hold.starts_at <= instant < hold.ends_at:
            most[hold.member_id] = max(most[hold.member_id], hold.places)
    return sum(most.values())


def peak(holds: Iterable[Hold], starts_at: datetime, ends_at: datetime) -> int:
    """The most places held at any instant of ``[starts_at, ends_at)``."""
    holds = list(holds)
    instants = {starts_at} | {h.starts_at for h in holds if starts_at < h.starts_at < ends_at}
    return max(held_at(holds, instant) for instant in instants)


def day_start(now: datetime, timezone: ZoneInfo) -> datetime:
    """The start of the centre's day (children in the room are counted from it)."""
    return datetime.combine(now.astimezone(timezone).date(), time(0), tzinfo=timezone).astimezone(
        UTC
    )


def in_room(s: Session, since: datetime) -> dict[int, int]:
    """Children in the room now (checked in since ``since``, the start of the centre's day, and
    not out), per mother."""
    rows = s.execute(
        select(Child.guardian_id, func.count())
        .join(ChildcareVisit, ChildcareVisit.child_id == Child.id)
        .where(ChildcareVisit.checked_out_at.is_(None), ChildcareVisit.checked_in_at >= since)
        .group_by(Child.guardian_id)
    ).all()
    return {guardian: count for guardian, count in rows}


def present_holds(present: Mapping[int, int], now: datetime) -> list[Hold]:
    """The children in the room now as holds over ``[now, now + AHEAD)``."""
    return [Hold(m, now, now + AHEAD, n) for m, n in present.items() if n > 0]


def holds_over(
    s: Session,
    starts_at: datetime,
    ends_at: datetime,
    *,
    now: datetime,
    day_start: datetime,
    leave_out: int | None = None,
) -> list[Hold]:
    """Every hold over ``[starts_at, ends_at)``: the reservations, and the children in the room
    now (checked in since ``day_start``) when the interval begins within ``AHEAD``."""
    holds = reservations(s, starts_at, ends_at, leave_out=leave_out)
    if starts_at < now + AHEAD and ends_at > now:
        holds += present_holds(in_room(s, day_start), now)
    return holds


def fits(
    holds: list[Hold],
    capacity: int,
    member_id: int,
    places: int,
    starts_at: datetime,
    ends_at: datetime,
) -> bool:
    """Whether she may hold ``places`` over the interval without the room passing
    ``capacity`` at any instant (her own holds count once)."""
    return peak([*holds, Hold(member_id, starts_at, ends_at, places)], starts_at, ends_at) <= (
        capacity
    )
