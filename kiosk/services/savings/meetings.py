"""Meetings: opened, each woman's turn recorded once, closed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.data.models import (
    MovementKind,
    SavingsCycle,
    SavingsKind,
    SavingsLoan,
    SavingsMeeting,
    SavingsMembership,
    SavingsMovement,
    SavingsTurn,
)
from kiosk.i18n import _
from kiosk.services.savings.base import SavingsBase
from kiosk.services.savings.common import (
    MAX_CENTS,
    REASON_MAX,
    MeetingInfo,
    SavingsError,
    TurnResult,
    log,
    money,
    savings_entry_points,
    service_charge,
)


@savings_entry_points
class Meetings(SavingsBase):
    def open_meeting(
        self, group_id: int, held_on: date, *, staff_id: int | None = None
    ) -> MeetingInfo:
        """Open the group's next meeting. A second kiosk opening it too is told, whichever
        way the two met: the group's row lock, or the unique index on open meetings."""
        try:
            with self._factory.begin() as s:
                self._lock_group(s, group_id)
                if self._open_meeting(s, group_id) is not None:
                    raise SavingsError(_("This meeting is already open. Continue it."))
                cycle = self._open_cycle(s, group_id)
                number = (
                    s.scalar(
                        select(func.max(SavingsMeeting.number)).where(
                            SavingsMeeting.cycle_id == cycle.id
                        )
                    )
                    or 0
                ) + 1
                if number > cycle.meetings:
                    raise SavingsError(_("The cycle's meetings are over. Do the share-out."))
                meeting = SavingsMeeting(
                    group_id=group_id,
                    cycle_id=cycle.id,
                    number=number,
                    held_on=held_on,
                    opened_at=self._clock(),
                    opened_by_id=staff_id,
                )
                s.add(meeting)
                s.flush()
                info = self._meeting_info(s, meeting)
        except IntegrityError as exc:
            raise SavingsError(_("This meeting is already open. Continue it.")) from exc
        log.info("savings group %d: meeting %d opened", group_id, info.number)
        return info

    def current_meeting(self, group_id: int) -> MeetingInfo | None:
        """The open meeting, with whose turns are done: where an interrupted meeting resumes."""
        with self._factory() as s:
            meeting = self._open_meeting(s, group_id)
            return None if meeting is None else self._meeting_info(s, meeting)

    def meeting(self, meeting_id: int) -> MeetingInfo:
        with self._factory() as s:
            return self._meeting_info(s, self._get_meeting(s, meeting_id))

    def record_turn(
        self,
        meeting_id: int,
        membership_id: int,
        *,
        present: bool = True,
        shares: int = 0,
        social_fund_cents: int = 0,
        fine_cents: int = 0,
        repayment_cents: int = 0,
        loan_cents: int = 0,
        loan_months: int = 0,
        staff_id: int | None = None,
        check_only: bool = False,
    ) -> TurnResult:
        """One woman's turn at a caja's meeting, in one transaction: all of it or nothing.
        ``check_only``: every rule is checked and the result returned, and nothing is written
        (the desk asks before a loan is granted, with the same rules the turn will meet)."""
        with self._writing(commit=not check_only) as s:
            meeting, cycle = self._lock_open_meeting(s, meeting_id, SavingsKind.CAJA)
            membership = self._membership(s, meeting.group_id, membership_id)
            if s.scalar(
                select(SavingsTurn.id).where(
                    SavingsTurn.meeting_id == meeting.id,
                    SavingsTurn.membership_id == membership.id,
                )
            ):
                raise SavingsError(_("Her turn is already recorded at this meeting."))
            amounts = (social_fund_cents, fine_cents, repayment_cents, loan_cents)
            if any(not 0 <= a <= MAX_CENTS for a in amounts):
                raise SavingsError(_("That amount is not right. Check it and try again."))
            money_in = bool(shares or social_fund_cents or repayment_cents or loan_cents)
            _check_turn(cycle, present, money_in, shares, social_fund_cents, fine_cents)
            s.add(SavingsTurn(meeting_id=meeting.id, membership_id=membership.id, present=present))
            rows = _TurnRows(s, meeting, cycle, membership, staff_id, self._clock)
            paid_in = 0
            if shares:
                rows.add(MovementKind.SHARE, shares * cycle.share_cents, shares=shares)
                paid_in += shares * cycle.share_cents
            if social_fund_cents:
                rows.add(MovementKind.SOCIAL_FUND, social_fund_cents)
                paid_in += social_fund_cents
            if fine_cents:
                rows.add(MovementKind.FINE, fine_cents)
                paid_in += fine_cents
            if repayment_cents:
                self._repay(rows, repayment_cents)
                paid_in += repayment_cents
            if loan_cents:
                self._lend(rows, loan_cents, loan_months)
            s.flush()
            return TurnResult(
                meeting_id=meeting.id,
                balance=self._balance(s, membership, cycle.id, meeting.held_on),
                shares_now=shares,
                paid_in_cents=paid_in,
                lent_cents=loan_cents,
            )

    def _repay(self, rows: _TurnRows, repayment_cents: int) -> None:
        """A payment goes to her oldest loan first, to its charge first."""
        s = rows.s
        loans = self._loans(s, rows.membership.id, rows.meeting.held_on)
        owed = sum(loan.left_cents for loan in loans)
        if owed == 0:
            raise SavingsError(_("Her loan is already paid. There is nothing to pay."))
        if repayment_cents > owed:
            raise SavingsError(
                _("That is more than she owes: she owes {amount}.").format(amount=money(owed))
            )
        left = repayment_cents
        for loan in loans:  # oldest first, its charge first
            charge_left = max(0, loan.charge_cents - self._charge_paid(s, loan.id))
            to_charge = min(left, charge_left, loan.left_cents)
            to_principal = min(left - to_charge, loan.left_cents - to_charge)
            if to_charge:
                rows.add(MovementKind.SERVICE_CHARGE, to_charge, loan_id=loan.id)
            if to_principal:
                rows.add(MovementKind.REPAYMENT, to_principal, loan_id=loan.id)
            left -= to_charge + to_principal
            if not left:
                break

    def _lend(self, rows: _TurnRows, loan_cents: int, loan_months: int) -> None:
        """A new loan: at most ``loan_multiple`` times her savings less what she owes, and
        never more than the box holds."""
        s, cycle, membership = rows.s, rows.cycle, rows.membership
        s.flush()
        if not 1 <= loan_months <= cycle.max_loan_months:
            raise SavingsError(_("A loan is for 1 to {n} months.").format(n=cycle.max_loan_months))
        savings = self._sum(
            s, membership_id=membership.id, cycle_id=cycle.id, kinds=(MovementKind.SHARE,)
        )
        owes_principal = self._sum(
            s, membership_id=membership.id, kinds=(MovementKind.LOAN_OUT,)
        ) - self._sum(s, membership_id=membership.id, kinds=(MovementKind.REPAYMENT,))
        limit = max(0, cycle.loan_multiple * savings - owes_principal)
        if loan_cents > limit:
            raise SavingsError(_("She may borrow up to {amount}.").format(amount=money(limit)))
        box = self._box(s, rows.meeting.group_id)
        if loan_cents > box:
            raise SavingsError(_("The box has only {amount}. Lend less.").format(amount=money(box)))
        loan = SavingsLoan(
            cycle_id=cycle.id,
            membership_id=membership.id,
            meeting_id=rows.meeting.id,
            principal_cents=loan_cents,
            charge_cents=service_charge(loan_cents, cycle.charge_bp, loan_months),
            months=loan_months,
            lent_on=rows.meeting.held_on,
        )
        s.add(loan)
        s.flush()
        rows.add(MovementKind.LOAN_OUT, loan_cents, loan_id=loan.id)

    def close_meeting(
        self,
        meeting_id: int,
        counted_cents: int,
        *,
        reason: str = "",
        staff_id: int | None = None,
    ) -> MeetingInfo:
        """Close with the cash count: the ledger's box, what was counted, and a reason for any
        difference. Women with no turn are marked absent (a tanda: did not pay)."""
        reason = " ".join(reason.split())
        if not 0 <= counted_cents <= MAX_CENTS * 10:
            raise SavingsError(_("Count the cash in the box and enter it."))
        if len(reason) > REASON_MAX:
            raise SavingsError(_("Write a shorter reason."))
        with self._factory.begin() as s:
            meeting, _cycle = self._lock_open_meeting(s, meeting_id, None)
            expected = self._box(s, meeting.group_id)
            if counted_cents != expected and not reason:
                raise SavingsError(
                    _("The box should have {amount}. Count again or write why it differs.").format(
                        amount=money(expected)
                    )
                )
            done = set(
                s.scalars(
                    select(SavingsTurn.membership_id).where(SavingsTurn.meeting_id == meeting.id)
                )
            )
            for m in self._memberships(s, meeting.group_id):
                if m.id not in done:
                    s.add(SavingsTurn(meeting_id=meeting.id, membership_id=m.id, present=False))
            meeting.closed_at = self._clock()
            meeting.expected_cents = expected
            meeting.counted_cents = counted_cents
            meeting.difference_reason = reason
            s.flush()
            info = self._meeting_info(s, meeting)
        log.info(
            "savings group %d: meeting %d closed, difference %d",
            info.group_id,
            info.number,
            counted_cents - expected,
        )
        return info


def _check_turn(
    cycle: SavingsCycle,
    present: bool,
    money_in: bool,
    shares: int,
    social_fund_cents: int,
    fine_cents: int,
) -> None:
    """Her shares, social fund and fine within the cycle's rules; money only if present."""
    if not 0 <= shares <= cycle.max_shares:
        raise SavingsError(
            _("She may buy from 1 to {n} shares at a meeting.").format(n=cycle.max_shares)
        )
    if not present and money_in:
        raise SavingsError(_("She is marked absent: mark her present to record her money."))
    if social_fund_cents > cycle.social_fund_cents:
        raise SavingsError(
            _("The social fund is {amount} a meeting.").format(
                amount=money(cycle.social_fund_cents)
            )
        )
    if fine_cents > cycle.fine_absent_cents + cycle.fine_late_cents:
        raise SavingsError(_("That fine is more than the group's rules say."))


@dataclass(frozen=True)
class _TurnRows:
    """Where her turn's ledger rows go: the meeting, the cycle, her membership."""

    s: Session
    meeting: SavingsMeeting
    cycle: SavingsCycle
    membership: SavingsMembership
    staff_id: int | None
    clock: Callable[[], datetime]

    def add(self, kind: MovementKind, cents: int, **extra: int) -> None:
        self.s.add(
            SavingsMovement(
                group_id=self.meeting.group_id,
                cycle_id=self.cycle.id,
                meeting_id=self.meeting.id,
                membership_id=self.membership.id,
                kind=kind,
                amount_cents=cents,
                staff_id=self.staff_id,
                created_at=self.clock(),
                **extra,
            )
        )
