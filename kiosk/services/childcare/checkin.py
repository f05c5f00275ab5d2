"""Check-in: the room's limits (reserved places counted) and a new pickup code."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.data.models import (
    AlertKind,
    Child,
    ChildcareAlert,
    ChildcareVisit,
    Enrollment,
    Member,
    PickupCode,
    TrainingSession,
)
from kiosk.i18n import _, ngettext
from kiosk.services import childcare_room, insert_or_clash, notify
from kiosk.services.childcare.common import (
    MAX_ATTEMPTS,
    MAX_CHILDREN_AT_ONCE,
    PICTURES,
    SEATED,
    CheckInResult,
    ChildcareError,
    RoomFull,
    childcare_entry_points,
    log,
)
from kiosk.services.childcare.room import Room
from kiosk.words import first_name


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


@childcare_entry_points
class CheckIn(Room):
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
                children = self._her_children(s, guardian_id, wanted)
                closed = self._close_left_open(s, wanted, start, now, staff_id)
                warnings = self._make_room(s, guardian_id, children, start, now)
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
                detail = f"children={len(wanted)}"
                self._audit(s, staff_id, "childcare.check_in", "pickup_codes", code.id, detail)
                s.flush()
                pickup = self._pickup_info(s, code)
        except IntegrityError as exc:
            # Only when a writer did not take the lock: the child's open visit already exists.
            raise ChildcareError(_("One of the children is already in the room.")) from exc
        log.info("pickup code %d: %d children checked in", pickup.id, len(wanted))
        return CheckInResult(pickup, tuple(warnings), closed)

    @staticmethod
    def _her_children(s: Session, guardian_id: int, wanted: list[int]) -> Sequence[Child]:
        # Her row is held until the check-in commits, so an erasure at the desk waits
        # (and one done already is seen): a child never goes in under a blank name.
        guardian = s.scalar(select(Member).where(Member.id == guardian_id).with_for_update())
        if guardian is None or guardian.erased_at is not None:
            raise ChildcareError(_("We could not find that mother. Ask for help."))
        children = s.scalars(select(Child).where(Child.id.in_(wanted))).all()
        if len(children) != len(wanted) or any(c.guardian_id != guardian_id for c in children):
            raise ChildcareError(_("We could not find that child."))
        return children

    def _make_room(
        self,
        s: Session,
        guardian_id: int,
        children: Sequence[Child],
        start: datetime,
        now: datetime,
    ) -> list[str]:
        """Whether her children may come in now: refused (nothing written), or the warnings."""
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
        in_room[guardian_id] = in_room.get(guardian_id, 0) + len(children)
        held = self._held(s, now, in_room)
        return self._check_limits(len(present) + len(children), held, volunteers, before)

    def _check_limits(
        self, after: int, held: int, volunteers: int, held_before: int = 0
    ) -> list[str]:
        """``after``: children in the room after the check-in; ``held``: the places held then,
        reserved ones included (never fewer than ``after``); ``held_before``: before it."""
        held = max(held, after)
        if volunteers == 0:
            raise RoomFull(_("Nobody is on shift in the children's room. Start your shift first."))
        self._check_children(after, volunteers)
        self._check_reserved(held, volunteers, held_before)
        return self._warnings(held, volunteers)

    def _check_children(self, after: int, volunteers: int) -> None:
        """The children in the room, reservations aside: capacity, then the ratio."""
        limits = self.limits
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

    def _check_reserved(self, held: int, volunteers: int, held_before: int) -> None:
        """The children are few enough, but places are promised to mothers in a course."""
        limits = self.limits
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

    def _warnings(self, held: int, volunteers: int) -> list[str]:
        """Soft limits passed: the check-in happens, the volunteer is told."""
        limits = self.limits
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
            clash = insert_or_clash(s, row)
            if clash is None:
                return row
            taken = s.scalar(
                select(PickupCode.id).where(PickupCode.day == day, PickupCode.code == code)
            )
            if taken is None or attempt == MAX_ATTEMPTS:
                raise clash
            log.warning("pickup code collision (attempt %d); drawing again", attempt)
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
