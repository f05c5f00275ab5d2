"""What every part of the savings service shares: the database, the clock, the slips'
options, and the steps taken inside a transaction (locks, cycles, sums over the ledger)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import Settings
from kiosk.data.models import (
    Member,
    MovementKind,
    SavingsCycle,
    SavingsGroup,
    SavingsKind,
    SavingsLoan,
    SavingsMeeting,
    SavingsMembership,
    SavingsMovement,
    SavingsTurn,
    utcnow,
)
from kiosk.i18n import _, centre_today
from kiosk.services import copy_fields
from kiosk.services.savings.common import (
    MONEY_IN,
    MONEY_OUT,
    Balances,
    GroupInfo,
    LoanInfo,
    MeetingInfo,
    MemberBalance,
    MemberLine,
    Rules,
    SavingsError,
    TandaRound,
    _rules,
    loan_info,
    savings_entry_points,
)
from kiosk.services.vouchers import VoucherService
from kiosk.slip_options import SlipOptions


@savings_entry_points
class SavingsBase:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        clock: Callable[[], datetime] = utcnow,
        today: Callable[[], date] | None = None,
        options: SlipOptions | None = None,
        settings: Settings | None = None,
    ) -> None:
        self._factory = session_factory
        self.vouchers = VoucherService(session_factory, clock=clock)
        # Read at each print: a paper chosen in the settings applies to the next slip.
        self._given_options = options
        self._settings = settings
        self._clock = clock
        # The centre's own date unless a test hands a clock (then that clock's date).
        self._today = today or (centre_today if clock is utcnow else lambda: clock().date())

    def _options(self) -> SlipOptions:
        if self._given_options is not None:
            return self._given_options
        return SlipOptions.from_settings(self._settings) if self._settings else SlipOptions()

    def today(self) -> date:
        """The centre's date, for a meeting opened now."""
        return self._today()

    # --- inside a transaction -------------------------------------------------------------

    @contextmanager
    def _writing(self, *, commit: bool) -> Iterator[Session]:
        """One transaction, committed, or rolled back at the end when it only checks."""
        if commit:
            with self._factory.begin() as s:
                yield s
            return
        with self._factory() as s:
            try:
                yield s
            finally:
                s.rollback()

    def _lock_group(self, s: Session, group_id: int) -> SavingsGroup:
        """Every write of a group runs after the group's row lock (PostgreSQL; SQLite's
        ``begin`` already holds the write lock), so what it reads cannot change under it."""
        group = s.scalar(select(SavingsGroup).where(SavingsGroup.id == group_id).with_for_update())
        if group is None:
            raise SavingsError(_("That group was not found."))
        return group

    def _open_cycle(self, s: Session, group_id: int) -> SavingsCycle:
        cycle = s.scalar(
            select(SavingsCycle).where(
                SavingsCycle.group_id == group_id, SavingsCycle.closed_at.is_(None)
            )
        )
        if cycle is None:
            raise SavingsError(_("That group was not found."))
        return cycle

    def _new_cycle(self, s: Session, group_id: int, number: int, rules: Rules) -> SavingsCycle:
        cycle = SavingsCycle(
            group_id=group_id,
            number=number,
            **dataclasses.asdict(rules),
            started_at=self._clock(),
        )
        s.add(cycle)
        return cycle

    def _open_meeting(self, s: Session, group_id: int) -> SavingsMeeting | None:
        return s.scalar(
            select(SavingsMeeting).where(
                SavingsMeeting.group_id == group_id, SavingsMeeting.closed_at.is_(None)
            )
        )

    def _get_meeting(self, s: Session, meeting_id: int) -> SavingsMeeting:
        meeting = s.get(SavingsMeeting, meeting_id)
        if meeting is None:
            raise SavingsError(_("That meeting was not found."))
        return meeting

    def _lock_open_meeting(
        self, s: Session, meeting_id: int, kind: SavingsKind | None
    ) -> tuple[SavingsMeeting, SavingsCycle]:
        meeting = self._get_meeting(s, meeting_id)
        group = self._lock_group(s, meeting.group_id)
        s.refresh(meeting)
        if meeting.closed_at is not None:
            raise SavingsError(_("This meeting is closed. Open the next one."))
        if kind is not None and group.kind is not kind:
            raise SavingsError(_("That is not done in this kind of group."))
        cycle = s.get(SavingsCycle, meeting.cycle_id)
        assert cycle is not None
        return meeting, cycle

    def _refuse_after_first_round(self, s: Session, group_id: int) -> None:
        cycle = self._open_cycle(s, group_id)
        if s.scalar(select(SavingsMeeting.id).where(SavingsMeeting.cycle_id == cycle.id)):
            raise SavingsError(_("The order of turns is set before the first meeting."))

    def _memberships(self, s: Session, group_id: int) -> list[SavingsMembership]:
        return list(
            s.scalars(
                select(SavingsMembership)
                .where(SavingsMembership.group_id == group_id)
                .order_by(SavingsMembership.position, SavingsMembership.id)
            )
        )

    def _membership(self, s: Session, group_id: int, membership_id: int) -> SavingsMembership:
        m = s.get(SavingsMembership, membership_id)
        if m is None or m.group_id != group_id:
            raise SavingsError(_("She is not in this group."))
        return m

    def _names(self, s: Session, memberships: Iterable[SavingsMembership]) -> dict[int, str]:
        rows = list(memberships)
        names = dict(
            s.execute(
                select(Member.id, Member.name).where(Member.id.in_([m.member_id for m in rows]))
            ).all()
        )
        return {m.id: names.get(m.member_id, "") for m in rows}

    def _group_info(self, s: Session, group_id: int) -> GroupInfo:
        group = s.get(SavingsGroup, group_id)
        if group is None:
            raise SavingsError(_("That group was not found."))
        cycle = self._open_cycle(s, group_id)
        memberships = self._memberships(s, group_id)
        names = self._names(s, memberships)
        return copy_fields(
            GroupInfo,
            group,
            cycle_id=cycle.id,
            cycle_number=cycle.number,
            rules=_rules(cycle),
            members=tuple(
                MemberLine(m.id, m.member_id, names[m.id], m.position, m.is_treasurer)
                for m in memberships
            ),
        )

    def _meeting_info(self, s: Session, meeting: SavingsMeeting) -> MeetingInfo:
        done = tuple(
            s.scalars(
                select(SavingsTurn.membership_id)
                .where(SavingsTurn.meeting_id == meeting.id)
                .order_by(SavingsTurn.id)
            )
        )
        return copy_fields(MeetingInfo, meeting, closed=meeting.closed_at is not None, done=done)

    def _sum(
        self,
        s: Session,
        *,
        kinds: Iterable[MovementKind],
        group_id: int | None = None,
        membership_id: int | None = None,
        cycle_id: int | None = None,
        loan_id: int | None = None,
        meeting_id: int | None = None,
        column: Any = None,
    ) -> int:
        col = SavingsMovement.amount_cents if column is None else column
        q = select(func.coalesce(func.sum(col), 0)).where(SavingsMovement.kind.in_(list(kinds)))
        if group_id is not None:
            q = q.where(SavingsMovement.group_id == group_id)
        if membership_id is not None:
            q = q.where(SavingsMovement.membership_id == membership_id)
        if cycle_id is not None:
            q = q.where(SavingsMovement.cycle_id == cycle_id)
        if loan_id is not None:
            q = q.where(SavingsMovement.loan_id == loan_id)
        if meeting_id is not None:
            q = q.where(SavingsMovement.meeting_id == meeting_id)
        return int(s.scalar(q) or 0)

    def _box(self, s: Session, group_id: int) -> int:
        return self._sum(s, group_id=group_id, kinds=MONEY_IN) - self._sum(
            s, group_id=group_id, kinds=MONEY_OUT
        )

    def _balances(self, s: Session, group_id: int) -> Balances:
        sums = {
            kind: int(total)
            for kind, total in s.execute(
                select(SavingsMovement.kind, func.sum(SavingsMovement.amount_cents))
                .where(SavingsMovement.group_id == group_id)
                .group_by(SavingsMovement.kind)
            ).all()
        }

        def get(kind: MovementKind) -> int:
            return sums.get(kind, 0)

        return Balances(
            savings_cents=get(MovementKind.SHARE),
            social_fund_cents=get(MovementKind.SOCIAL_FUND),
            service_charges_cents=get(MovementKind.SERVICE_CHARGE),
            fines_cents=get(MovementKind.FINE),
            loans_out_cents=get(MovementKind.LOAN_OUT),
            repaid_cents=get(MovementKind.REPAYMENT),
            payouts_cents=get(MovementKind.PAYOUT),
            tanda_in_cents=get(MovementKind.TANDA_IN),
            tanda_pot_cents=get(MovementKind.TANDA_POT),
            box_cents=self._box(s, group_id),
        )

    def _charge_paid(self, s: Session, loan_id: int) -> int:
        return self._sum(s, loan_id=loan_id, kinds=(MovementKind.SERVICE_CHARGE,))

    def _loans(self, s: Session, membership_id: int, today: date) -> list[LoanInfo]:
        """Her loans with something left to pay, oldest first."""
        found = []
        for loan in s.scalars(
            select(SavingsLoan)
            .where(SavingsLoan.membership_id == membership_id)
            .order_by(SavingsLoan.id)
        ):
            out = self._sum(s, loan_id=loan.id, kinds=(MovementKind.LOAN_OUT,))
            if out <= 0:  # reversed by a correction
                continue
            paid = self._sum(
                s, loan_id=loan.id, kinds=(MovementKind.REPAYMENT, MovementKind.SERVICE_CHARGE)
            )
            info = loan_info(loan, paid, today)
            if info.left_cents > 0:
                found.append(info)
        return found

    def _balance(
        self, s: Session, membership: SavingsMembership, cycle_id: int, today: date
    ) -> MemberBalance:
        def total(kind: MovementKind, column: Any = None) -> int:
            return self._sum(
                s, membership_id=membership.id, cycle_id=cycle_id, kinds=(kind,), column=column
            )

        return MemberBalance(
            membership_id=membership.id,
            name=self._names(s, [membership])[membership.id],
            shares=total(MovementKind.SHARE, SavingsMovement.shares),
            savings_cents=total(MovementKind.SHARE),
            social_fund_cents=total(MovementKind.SOCIAL_FUND),
            fines_cents=total(MovementKind.FINE),
            loans=tuple(self._loans(s, membership.id, today)),
        )

    def _round(self, s: Session, meeting: SavingsMeeting) -> TandaRound:
        paid = tuple(
            membership_id
            for membership_id in s.scalars(
                select(SavingsMovement.membership_id)
                .where(
                    SavingsMovement.meeting_id == meeting.id,
                    SavingsMovement.kind == MovementKind.TANDA_IN,
                    SavingsMovement.amount_cents > 0,
                    ~SavingsMovement.id.in_(
                        select(SavingsMovement.reverses_id).where(
                            SavingsMovement.reverses_id.is_not(None)
                        )
                    ),
                )
                .order_by(SavingsMovement.id)
            )
            if membership_id is not None  # a tanda's payments are always hers
        )
        pot = self._sum(s, kinds=(MovementKind.TANDA_IN,), group_id=meeting.group_id) - self._sum(
            s, kinds=(MovementKind.TANDA_POT,), group_id=meeting.group_id
        )
        taken = (
            s.scalar(
                select(func.coalesce(func.sum(SavingsMovement.amount_cents), 0)).where(
                    SavingsMovement.meeting_id == meeting.id,
                    SavingsMovement.kind == MovementKind.TANDA_POT,
                )
            )
            or 0
        ) > 0
        receiver = s.scalar(
            select(SavingsMembership.id).where(
                SavingsMembership.group_id == meeting.group_id,
                SavingsMembership.position == meeting.number,
            )
        )
        return TandaRound(
            meeting_id=meeting.id,
            number=meeting.number,
            receiver_membership_id=receiver,
            paid=paid,
            pot_cents=pot,
            pot_taken=taken,
        )
