"""The room board, and a pickup code with the children it still covers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import numbers
from kiosk.data.models import (
    Child,
    ChildcareVisit,
    ChildPhoto,
    Enrollment,
    Member,
    PickupCode,
    PickupPerson,
    TrainingSession,
    Voucher,
    VoucherKind,
)
from kiosk.i18n import N_, _
from kiosk.services import childcare_room, copy_fields
from kiosk.services.childcare.common import (
    _HAS_PHOTO,
    CHECK_IN_AHEAD,
    SEATED,
    PickupChoice,
    PickupInfo,
    RoomBoard,
    RoomChild,
    WrongCode,
    _key,
    age_on,
    childcare_entry_points,
)
from kiosk.services.childcare.shifts import Shifts


@childcare_entry_points
class Room(Shifts):
    def room(self) -> RoomBoard:
        start, _end = self._day_bounds(self.today())
        with self._factory() as s:
            children = self._room_children(s, ChildcareVisit.checked_in_at >= start)
            in_room = dict(Counter(c.guardian_id for c in children))
            reserved = self._held(s, self._clock(), in_room) - len(children)
            return RoomBoard(tuple(children), tuple(self._on_shift(s)), self.limits, reserved)

    @staticmethod
    def _held(s: Session, now: datetime, in_room: dict[int, int]) -> int:
        """The most places held over the next ``CHECK_IN_AHEAD``: the reservations of courses
        then, and the children in the room (``in_room`` per mother) as staying all of it."""
        end = now + CHECK_IN_AHEAD
        holds = childcare_room.reservations(s, now, end)
        holds += childcare_room.present_holds(in_room, now)
        return childcare_room.peak(holds, now, end)

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
            copy_fields(
                RoomChild,
                child,
                visit_id=visit.id,
                child_id=child.id,
                age=age_on(child.birth_date, today),
                checked_in_at=visit.checked_in_at,
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
        return copy_fields(
            PickupInfo,
            code,
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
