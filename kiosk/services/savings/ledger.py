"""The ledger read and corrected: balances, movements, and reversing a row."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from kiosk.data.models import (
    MovementKind,
    SavingsLoan,
    SavingsMeeting,
    SavingsMembership,
    SavingsMovement,
)
from kiosk.i18n import _
from kiosk.services.savings.base import SavingsBase
from kiosk.services.savings.common import (
    REASON_MAX,
    Balances,
    MeetingInfo,
    MemberBalance,
    MovementLine,
    SavingsError,
    log,
    savings_entry_points,
)


@savings_entry_points
class Ledger(SavingsBase):
    def correct(
        self,
        movement_id: int,
        reason: str,
        *,
        staff_id: int | None = None,
        by_membership_id: int | None = None,
    ) -> int:
        """Reverse a movement with a new row (the opposite amount), its reason and who made
        it. Returns the new row's id."""
        reason = " ".join(reason.split())
        if not reason or len(reason) > REASON_MAX:
            raise SavingsError(_("Write why it is corrected, in a few words."))
        if staff_id is None and by_membership_id is None:
            raise SavingsError(_("Say who makes the correction."))
        with self._factory.begin() as s:
            row = s.get(SavingsMovement, movement_id)
            if row is None:
                raise SavingsError(_("That movement was not found."))
            group = self._lock_group(s, row.group_id)
            if by_membership_id is not None:
                self._membership(s, group.id, by_membership_id)
            if row.reverses_id is not None:
                raise SavingsError(_("A correction is not corrected again: record it anew."))
            if s.scalar(select(SavingsMovement.id).where(SavingsMovement.reverses_id == row.id)):
                raise SavingsError(_("That movement was already corrected."))
            cycle = self._open_cycle(s, group.id)
            if row.cycle_id != cycle.id:
                raise SavingsError(_("That movement belongs to a cycle already shared out."))
            meeting = self._open_meeting(s, group.id)
            reversal = SavingsMovement(
                group_id=row.group_id,
                cycle_id=row.cycle_id,
                meeting_id=meeting.id if meeting else None,
                membership_id=row.membership_id,
                loan_id=row.loan_id,
                kind=row.kind,
                amount_cents=-row.amount_cents,
                shares=-row.shares,
                reverses_id=row.id,
                reason=reason,
                staff_id=staff_id,
                by_membership_id=by_membership_id,
                created_at=self._clock(),
            )
            s.add(reversal)
            s.flush()
            if self._box(s, group.id) < 0:
                raise SavingsError(
                    _("The box would be below $0. Correct the other movement first.")
                )
            if row.loan_id is not None:
                loan = s.get(SavingsLoan, row.loan_id)
                assert loan is not None
                out = self._sum(s, loan_id=loan.id, kinds=(MovementKind.LOAN_OUT,))
                back = self._sum(s, loan_id=loan.id, kinds=(MovementKind.REPAYMENT,))
                if back > out:
                    raise SavingsError(_("Correct her payments of this loan first."))
            log.info("savings group %d: movement %d reversed", group.id, row.id)
            return reversal.id

    # --- balances -------------------------------------------------------------------------

    def balances(self, group_id: int) -> Balances:
        with self._factory() as s:
            return self._balances(s, group_id)

    def member_balance(self, membership_id: int, *, on: date | None = None) -> MemberBalance:
        with self._factory() as s:
            membership = s.get(SavingsMembership, membership_id)
            if membership is None:
                raise SavingsError(_("She is not in this group."))
            cycle = self._open_cycle(s, membership.group_id)
            return self._balance(s, membership, cycle.id, on or self._today())

    def movements(self, group_id: int) -> list[tuple[int, MovementKind, int, int | None, int]]:
        """(id, kind, amount, membership, reverses) of every row, oldest first: for staff."""
        with self._factory() as s:
            return [
                (r.id, r.kind, r.amount_cents, r.membership_id, r.reverses_id or 0)
                for r in s.scalars(
                    select(SavingsMovement)
                    .where(SavingsMovement.group_id == group_id)
                    .order_by(SavingsMovement.id)
                )
            ]

    def meeting_movements(self, meeting_id: int) -> list[MovementLine]:
        """The movements written at a meeting that can still be corrected, oldest first: not
        the corrections themselves, nor rows already corrected."""
        with self._factory() as s:
            meeting = self._get_meeting(s, meeting_id)
            reversed_ids = select(SavingsMovement.reverses_id).where(
                SavingsMovement.group_id == meeting.group_id,
                SavingsMovement.reverses_id.is_not(None),
            )
            rows = list(
                s.scalars(
                    select(SavingsMovement)
                    .where(
                        SavingsMovement.meeting_id == meeting.id,
                        SavingsMovement.reverses_id.is_(None),
                        SavingsMovement.id.not_in(reversed_ids),
                    )
                    .order_by(SavingsMovement.id)
                )
            )
            names = self._names(s, self._memberships(s, meeting.group_id))
            return [
                MovementLine(
                    r.id,
                    r.membership_id,
                    names.get(r.membership_id, "") if r.membership_id else "",
                    r.kind,
                    r.amount_cents,
                    r.shares,
                )
                for r in rows
            ]

    def last_meeting(self, group_id: int) -> MeetingInfo | None:
        """The group's latest closed meeting (its summary is the box's last count)."""
        with self._factory() as s:
            meeting = s.scalar(
                select(SavingsMeeting)
                .where(SavingsMeeting.group_id == group_id, SavingsMeeting.closed_at.is_not(None))
                .order_by(SavingsMeeting.id.desc())
                .limit(1)
            )
            return self._meeting_info(s, meeting) if meeting else None
