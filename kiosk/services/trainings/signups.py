"""Sign-ups and the waitlist: her seat and childcare places, cancelling, and promotion from
the line when a seat frees up."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.data.models import Enrollment, EnrollmentStatus, Member, Training, TrainingSession
from kiosk.i18n import _
from kiosk.services import childcare_room
from kiosk.services.trainings.base import TrainingBase
from kiosk.services.trainings.common import (
    ACTIVE,
    CancelResult,
    EnrollmentInfo,
    SignUpResult,
    SignUpStatus,
    TrainingError,
    check_children,
    log,
    training_entry_points,
)


class _Place(NamedTuple):
    """Where a sign-up puts her: a seat, or a place in line (its number drawn)."""

    status: EnrollmentStatus
    position: int | None = None
    waits_for_childcare: bool = False


@training_entry_points
class SignUps(TrainingBase):
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
        check_children(children)
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

        place = self._place(
            s,
            training_session,
            member_id,
            need,
            now,
            waitlist_if_full=waitlist_if_full,
            waitlist_if_childcare_full=waitlist_if_childcare_full,
        )
        if isinstance(place, SignUpStatus):
            return answer(place), False
        if row is None:
            row = Enrollment(member_id=member_id, session_id=session_id)
            s.add(row)
        self._write_sign_up(s, row, place, children, need, now)
        return answer(SignUpStatus(place.status.value), row.id), True

    def _place(
        self,
        s: Session,
        ts: TrainingSession,
        member_id: int,
        need: int,
        now: datetime,
        *,
        waitlist_if_full: bool,
        waitlist_if_childcare_full: bool,
    ) -> _Place | SignUpStatus:
        """A seat (with her childcare places) or a place in line; or the answer when she
        gets neither (nothing is written then)."""
        room = not need or childcare_room.fits(
            self._holds(s, ts, now), self._capacity, member_id, need, ts.starts_at, ts.ends_at
        )
        if room and self._take_seat(s, ts.id, need):
            return _Place(EnrollmentStatus.ENROLLED)
        seats, seats_taken, _childcare = self._counters(s, ts.id)
        if seats_taken >= seats and not waitlist_if_full:
            return SignUpStatus.FULL
        waits_for_childcare = seats_taken < seats
        if waits_for_childcare and not waitlist_if_childcare_full:
            return SignUpStatus.CHILDCARE_FULL
        # The session's row is locked: no other sign-up can draw a number until we commit.
        last = s.scalar(
            select(func.max(Enrollment.waitlist_position)).where(Enrollment.session_id == ts.id)
        )
        return _Place(EnrollmentStatus.WAITLISTED, (last or 0) + 1, waits_for_childcare)

    @staticmethod
    def _write_sign_up(
        s: Session, row: Enrollment, place: _Place, children: int, need: int, now: datetime
    ) -> None:
        # A cancelled sign-up is used again as a new one; it keeps its old waitlist number
        # when she now gets a seat directly, so numbers are never drawn twice.
        row.status = place.status
        row.children_count = children
        # In line she holds no places: they are decided again when she gets a seat.
        row.childcare_reserved = need if place.status is EnrollmentStatus.ENROLLED else 0
        row.childcare_wanted = need
        row.waits_for_childcare = place.waits_for_childcare
        if place.position is not None:
            row.waitlist_position = place.position
        row.promoted_at = None
        row.called_at = None
        row.created_at = now  # when she signed up (this time)
        row.updated_at = now
        s.flush()

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
