"""Volunteers' and staff's shifts in the children's room."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.data.models import (
    StaffShift,
    StaffUser,
    Station,
)
from kiosk.i18n import _
from kiosk.services.childcare.base import ChildcareBase
from kiosk.services.childcare.common import (
    ChildcareError,
    ShiftInfo,
    childcare_entry_points,
    log,
)
from kiosk.services.staff import StaffInfo


@childcare_entry_points
class Shifts(ChildcareBase):
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
            open_shifts = _open_shifts(s, staff_id)
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
                self._audit(s, staff_id, "childcare.shift_start", "staff_shifts", current.id)
                log.info("shift %d started by staff user %d", current.id, staff_id)
            return ShiftInfo(current.id, staff_id, user.name, current.started_at)

    def end_shift(self, staff_id: int) -> bool:
        """End her shift; False if she had none open."""
        now = self._clock()
        with self._factory.begin() as s:
            self._lock(s)
            shifts = _open_shifts(s, staff_id)
            for shift in shifts:
                shift.ended_at = now
                self._audit(s, staff_id, "childcare.shift_end", "staff_shifts", shift.id)
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


def _open_shifts(s: Session, staff_id: int) -> Sequence[StaffShift]:
    """Her shifts in the children's room not ended yet (one, or old ones never ended)."""
    return s.scalars(
        select(StaffShift).where(
            StaffShift.staff_id == staff_id,
            StaffShift.station == Station.CHILDCARE,
            StaffShift.ended_at.is_(None),
        )
    ).all()
