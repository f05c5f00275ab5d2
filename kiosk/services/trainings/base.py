"""What every part of the trainings service shares inside the transaction: the session's row
lock, the seat counters, the room's places, and the frozen answers built from rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data import read_copy
from kiosk.data.models import (
    Enrollment,
    EnrollmentStatus,
    Member,
    Training,
    TrainingSession,
    utcnow,
)
from kiosk.i18n import DEFAULT_TIMEZONE, _
from kiosk.services import childcare_room, copy_fields, rowcount
from kiosk.services.trainings.common import (
    EnrollmentInfo,
    RosterEntry,
    SessionInfo,
    TrainingError,
    session_select,
    training_entry_points,
)


@training_entry_points
class TrainingBase:
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

    def session(self, session_id: int) -> SessionInfo:
        with self._factory() as s:
            return self._load_session_info(s, session_id, self._clock())

    def course_numbers(self) -> list[tuple[int, int, int]]:
        """For the station's read copy: each session still to come, with how many women wait
        for a seat and how many places are left in the children's room."""
        now = self._clock()
        with self._factory() as s:
            sessions = list(s.scalars(select(TrainingSession).where(TrainingSession.ends_at > now)))
            waiting = self._waitlist_counts(s, [ts.id for ts in sessions])
            left = self._childcare_left(s, sessions)
        return [(ts.id, waiting.get(ts.id, 0), left[ts.id]) for ts in sessions]

    # --- inside the transaction ---------------------------------------------------------------

    def _lock_session(self, s: Session, session_id: int) -> tuple[TrainingSession, Training]:
        """Lock the session's row until commit (FOR NO KEY UPDATE on PostgreSQL; SQLite's write
        transaction already excludes other writers) and return it as it is now."""
        found = s.execute(
            session_select(session_id).with_for_update(of=TrainingSession, key_share=True)
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
        if read_copy.is_read_copy(s.get_bind()):  # the server is away: as it last counted
            return {i: waiting for i, (waiting, _left) in read_copy.course_numbers(s, ids).items()}
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
        if read_copy.is_read_copy(s.get_bind()):  # the server is away: as it last counted
            numbers = read_copy.course_numbers(s, [ts.id for ts in sessions])
            return {i: left for i, (_waiting, left) in numbers.items()}
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
        return copy_fields(
            SessionInfo,
            ts,
            training_id=t.id,
            training_title=t.title,
            topic=t.topic,
            childcare_left=childcare_left,
            waitlist_count=waitlisted,
            open=t.active and now < ts.starts_at,
        )

    def _load_session_info(self, s: Session, session_id: int, now: datetime) -> SessionInfo:
        found = s.execute(session_select(session_id)).first()
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
        return copy_fields(
            EnrollmentInfo,
            e,
            **_seat(e),
            training_id=t.id,
            training_title=t.title,
            topic=t.topic,
            starts_at=ts.starts_at,
            ends_at=ts.ends_at,
            place=ts.place,
            place_in_line=place_in_line,
        )

    @staticmethod
    def _roster_entry(e: Enrollment, m: Member, place_in_line: int | None) -> RosterEntry:
        return copy_fields(
            RosterEntry,
            e,
            **_seat(e),
            enrollment_id=e.id,
            member_id=m.id,
            name=m.name,
            phone=m.phone or "",
            place_in_line=place_in_line,
            signed_up_at=e.created_at,
        )


def _seat(e: Enrollment) -> dict[str, Any]:
    """What her sign-up holds, as the answers name it."""
    return {
        "status": EnrollmentStatus(e.status),
        "children": e.children_count,
        "childcare": e.childcare_reserved,
    }
