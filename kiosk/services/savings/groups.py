"""Savings groups and tandas: created, their treasurer, their rules per cycle, a tanda's turns."""

from __future__ import annotations

import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.data.models import (
    AuditEvent,
    Member,
    SavingsGroup,
    SavingsKind,
    SavingsMeeting,
    SavingsMembership,
    SavingsMovement,
    StaffRole,
    StaffUser,
    utcnow,
)
from kiosk.i18n import _
from kiosk.security import hash_pin, valid_pin
from kiosk.services.savings.base import SavingsBase
from kiosk.services.savings.common import (
    MAX_MEMBERS,
    NAME_MAX,
    GroupInfo,
    Rules,
    SavingsError,
    _check_rules,
    log,
    savings_entry_points,
)


@savings_entry_points
class Groups(SavingsBase):
    def create_group(
        self,
        name: str,
        kind: SavingsKind,
        phones: list[str],
        rules: Rules,
        *,
        meeting_weekday: int = 0,
        frequency_days: int = 7,
        treasurer_phone: str = "",
        staff_id: int | None = None,
    ) -> GroupInfo:
        """A group of registered women (by phone, in the order given: the order of turns at
        meetings, and a tanda's turns) with the rules of its first cycle."""
        name = " ".join(name.split())
        kind = SavingsKind(kind)
        if not name or len(name) > NAME_MAX:
            raise SavingsError(_("Write the group's name and try again."))
        if not phones or len(phones) > MAX_MEMBERS or len(set(phones)) != len(phones):
            raise SavingsError(_("A group has from 1 to 40 women, each one once."))
        if not 0 <= meeting_weekday <= 6 or frequency_days not in (7, 14, 15, 30):
            raise SavingsError(_("Choose the meeting day and how often the group meets."))
        _check_rules(rules, kind)
        with self._factory.begin() as s:
            members = _members_by_phone(s, phones, treasurer_phone)
            group = SavingsGroup(
                name=name,
                kind=kind,
                meeting_weekday=meeting_weekday,
                frequency_days=frequency_days,
                created_by_id=staff_id,
            )
            s.add(group)
            s.flush()
            for i, phone in enumerate(phones, start=1):
                s.add(
                    SavingsMembership(
                        group_id=group.id,
                        member_id=members[phone].id,
                        position=i,
                        is_treasurer=phone == treasurer_phone,
                    )
                )
            self._new_cycle(s, group.id, 1, rules)
            s.flush()
            info = self._group_info(s, group.id)
        log.info("savings group %d created (%s, %d women)", info.id, kind.value, len(phones))
        return info

    def group(self, group_id: int) -> GroupInfo:
        with self._factory() as s:
            return self._group_info(s, group_id)

    def groups(self, *, treasurer_staff_id: int | None = None) -> list[GroupInfo]:
        """Every group, or with ``treasurer_staff_id`` only the group(s) that treasurer keeps."""
        query = select(SavingsGroup.id).order_by(SavingsGroup.name)
        if treasurer_staff_id is not None:
            query = query.where(SavingsGroup.treasurer_staff_id == treasurer_staff_id)
        with self._factory() as s:
            ids = list(s.scalars(query))
            return [self._group_info(s, i) for i in ids]

    def set_treasurer(self, group_id: int, membership_id: int, pin: str) -> GroupInfo:
        """One of the group's women becomes its treasurer with her own PIN: an account of role
        treasurer that opens this group's savings pages and nothing else of the desk. A new
        treasurer takes over the group's account (new name, new PIN)."""
        if not valid_pin(pin):
            raise SavingsError(_("A PIN has 4 to 8 digits."))
        with self._factory.begin() as s:
            group = self._lock_group(s, group_id)
            membership = self._membership(s, group_id, membership_id)
            woman = s.get(Member, membership.member_id)
            if woman is None or woman.erased_at is not None:
                raise SavingsError(_("The treasurer must be one of the group's women."))
            # Staff names are unique: the group's name tells two treasurers called alike apart.
            name = f"{woman.name} · {group.name}"[:120]
            user = s.get(StaffUser, group.treasurer_staff_id) if group.treasurer_staff_id else None
            clash = s.scalar(select(StaffUser).where(StaffUser.name == name))
            if clash is not None and clash is not user:
                raise SavingsError(_("There is already someone with that name."))
            if user is None:
                user = StaffUser(
                    name=name, role=StaffRole.TREASURER, pin_hash="", created_at=utcnow()
                )
                s.add(user)
            user.name = name
            user.pin_hash = hash_pin(pin)
            user.active = True
            user.failed_pins = 0
            user.locked_until = None
            s.flush()
            group.treasurer_staff_id = user.id
            for row in self._memberships(s, group_id):
                row.is_treasurer = row.id == membership.id
            s.add(
                AuditEvent(
                    action="savings.treasurer", subject_table="savings_groups", subject_id=group.id
                )
            )
            s.flush()
            log.info("savings group %d: treasurer account %d", group_id, user.id)
            return self._group_info(s, group_id)

    def change_rules(
        self, group_id: int, rules: Rules, *, staff_id: int | None = None
    ) -> GroupInfo:
        """New rules start a new cycle. With movements in the cycle the rules wait for the
        share-out (``share_out(..., rules=...)``)."""
        with self._factory.begin() as s:
            group = self._lock_group(s, group_id)
            _check_rules(rules, group.kind)
            cycle = self._open_cycle(s, group_id)
            used = s.scalar(
                select(func.count(SavingsMovement.id)).where(SavingsMovement.cycle_id == cycle.id)
            )
            meetings = s.scalar(
                select(func.count(SavingsMeeting.id)).where(SavingsMeeting.cycle_id == cycle.id)
            )
            if used or meetings:
                raise SavingsError(
                    _("The rules change at the end of the cycle, with the share-out.")
                )
            cycle.closed_at = self._clock()
            s.flush()
            self._new_cycle(s, group_id, cycle.number + 1, rules)
            s.flush()
            log.info("savings group %d: new rules, cycle %d", group_id, cycle.number + 1)
            return self._group_info(s, group_id)

    def set_turns(self, group_id: int, membership_ids: list[int]) -> GroupInfo:
        """The agreed order of turns (a tanda's, or who goes first at meetings)."""
        with self._factory.begin() as s:
            self._lock_group(s, group_id)
            rows = self._memberships(s, group_id)
            if sorted(membership_ids) != sorted(r.id for r in rows):
                raise SavingsError(_("Put every woman of the group in the order, each once."))
            self._refuse_after_first_round(s, group_id)
            by_id = {r.id: r for r in rows}
            for i, mid in enumerate(membership_ids, start=1):
                by_id[mid].position = i
            s.flush()
            return self._group_info(s, group_id)

    def draw_turns(self, group_id: int, *, seed: int | None = None) -> GroupInfo:
        """Turns drawn at the kiosk, in front of the group."""
        with self._factory() as s:
            ids = [r.id for r in self._memberships(s, group_id)]
        random.Random(seed).shuffle(ids)  # a draw among friends, not a secret
        return self.set_turns(group_id, ids)


def _members_by_phone(
    s: Session, phones: list[str], treasurer_phone: str
) -> dict[str | None, Member]:
    """The registered women of a new group, by phone; every phone must be one of them."""
    members = {
        m.phone: m
        for m in s.scalars(
            select(Member).where(Member.phone.in_(phones), Member.erased_at.is_(None))
        )
    }
    missing = [p for p in phones if p not in members]
    if missing:
        raise SavingsError(
            _("The phone {phone} is not registered. Register her first.").format(
                phone="•• " + missing[0][-4:]
            )
        )
    if treasurer_phone and treasurer_phone not in members:
        raise SavingsError(_("The treasurer must be one of the group's women."))
    return members
