"""Ahorro: savings groups (cajas de ahorro y préstamo, run like village savings and loan
associations) and tandas, with an append-only ledger in integer centavos.

Decisions, so that pages, slips and reports can rely on them:

- **The ledger.** Every movement of money is one row of ``savings_movements``, written in the
  same transaction as the rest of the operation; rows are only ever added. A correction is a
  new row with the opposite amount (and shares) that names the row it reverses, with a reason
  and who made it; a row is reversed at most once (a unique column) and a reversal is never
  reversed. Every balance is a sum over the ledger, never a stored number:

  - her savings = Σ share purchases; the social fund = Σ social fund payments;
  - loans outstanding = Σ loans out − Σ repayments (principal only);
  - the box (cash) = Σ money in − Σ money out, which is the identity the tests hold:
    ``box = savings + social fund + service charges + fines − loans outstanding − payouts``
    (every kind of row is either in or out of the box; loans out and payouts leave it,
    repayments come back into it).

- **Rules per cycle.** Share value, shares per meeting (1-5), social fund per meeting, service
  charge per month (hundredths of a percent), the most she may owe (a multiple of her savings),
  longest loan, fines and the cycle's length are fixed on the cycle's row. New rules start a new
  cycle: at the share-out, or at once while the cycle has no movement yet.
- **Meetings.** One open meeting per group, decided by the database (a unique partial index on
  the open meetings); the second kiosk is told. Each woman's turn (present, shares, social fund,
  fines, repayment, new loan) is one transaction and is recorded once: after a power cut the
  meeting is still open and shows who was done; a turn cut in half was never written.
- **Loans.** Service charge = principal × rate × months, rounded to the centavo, owed with the
  principal in equal monthly payments (the last takes the centavos left). A payment goes to her
  oldest loan first, to its charge first. She may owe at most ``loan_multiple`` × her savings
  and never more than the box holds.
- **Share-out.** With no loan outstanding and no meeting open, the box minus the social fund
  (which stays for the next cycle) is shared in proportion to each woman's shares of the cycle;
  centavos left by rounding go to the largest remainders, so payouts add up to the box exactly.
  The next cycle opens in the same transaction.
- **Tandas.** Each round is a meeting: each woman puts the round's amount (``share_cents``),
  the woman whose turn it is (her ``position``) takes the pot; who did not pay is marked at the
  close. The order is agreed (a list) or drawn at the kiosk.
- **Privacy.** The ledger points at a group membership, never at a name: after erasure her rows
  stay (the group's money must reconcile) and carry no name.
"""

from __future__ import annotations

import calendar
import csv
import io
import logging
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import Settings
from kiosk.data.models import (
    AuditEvent,
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
    StaffRole,
    StaffUser,
    VoucherKind,
    utcnow,
)
from kiosk.i18n import _, centre_today, format_money
from kiosk.security import hash_pin, valid_pin
from kiosk.services.checks import entry_points
from kiosk.services.vouchers import VoucherService
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.savings import (
    MeetingSummarySlip,
    PassbookSlip,
    ShareOutSlip,
    TandaCardSlip,
    meeting_summary,
    passbook,
    share_out_slip,
    tanda_card,
)

log = logging.getLogger("kiosk.savings")

MAX_SHARES = 5
MAX_CENTS = 10_000_000  # $100,000: more than any amount a group handles at once
MAX_MEMBERS = 40
NAME_MAX = 80
REASON_MAX = 200
# A late loan payment: more than this many days after its date counts as portfolio at risk.
AT_RISK_DAYS = 30

MONEY_IN = (
    MovementKind.SHARE,
    MovementKind.SOCIAL_FUND,
    MovementKind.REPAYMENT,
    MovementKind.SERVICE_CHARGE,
    MovementKind.FINE,
    MovementKind.TANDA_IN,
)
MONEY_OUT = (MovementKind.LOAN_OUT, MovementKind.PAYOUT, MovementKind.TANDA_POT)


class SavingsError(ValueError):
    """A problem told as one short Spanish sentence saying what to do next."""


def money(cents: int) -> str:
    """Centavos as the kiosk shows them: ``$1,250`` or ``$12.50``."""
    return format_money(cents // 100 if cents % 100 == 0 else cents / 100)


@dataclass(frozen=True)
class Rules:
    """A cycle's rules. Amounts in centavos; ``charge_bp`` in hundredths of a percent a month
    (500 = 5 % a month)."""

    share_cents: int
    max_shares: int = 5
    social_fund_cents: int = 0
    charge_bp: int = 0
    loan_multiple: int = 3
    max_loan_months: int = 3
    fine_absent_cents: int = 0
    fine_late_cents: int = 0
    meetings: int = 26


@dataclass(frozen=True)
class MemberLine:
    membership_id: int
    member_id: int
    name: str  # "" once she is erased
    position: int
    is_treasurer: bool


@dataclass(frozen=True)
class GroupInfo:
    id: int
    name: str
    kind: SavingsKind
    meeting_weekday: int
    frequency_days: int
    cycle_id: int
    cycle_number: int
    rules: Rules
    members: tuple[MemberLine, ...]
    treasurer_staff_id: int | None = None  # her own PIN account: it opens this group only


@dataclass(frozen=True)
class Installment:
    due_on: date
    amount_cents: int


@dataclass(frozen=True)
class LoanInfo:
    id: int
    membership_id: int
    principal_cents: int
    charge_cents: int
    months: int
    lent_on: date
    paid_cents: int  # principal and charge paid so far
    left_cents: int  # principal and charge still to pay
    schedule: tuple[Installment, ...]
    next_due_on: date | None  # the first payment not yet covered
    next_due_cents: int  # what covers it
    days_late: int  # on ``today``: days since the first payment not covered fell due


@dataclass(frozen=True)
class MemberBalance:
    membership_id: int
    name: str
    shares: int  # shares bought this cycle
    savings_cents: int  # this cycle
    social_fund_cents: int  # what she paid into the social fund this cycle
    fines_cents: int  # this cycle
    loans: tuple[LoanInfo, ...]  # loans with something left to pay

    @property
    def owes_cents(self) -> int:
        return sum(loan.left_cents for loan in self.loans)


@dataclass(frozen=True)
class Balances:
    """Sums over a group's ledger (all cycles: the box and the social fund carry over)."""

    savings_cents: int
    social_fund_cents: int
    service_charges_cents: int
    fines_cents: int
    loans_out_cents: int
    repaid_cents: int
    payouts_cents: int
    tanda_in_cents: int
    tanda_pot_cents: int
    box_cents: int  # Σ in − Σ out, summed row by row

    @property
    def loans_outstanding_cents(self) -> int:
        return self.loans_out_cents - self.repaid_cents


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    group_id: int
    cycle_id: int
    number: int
    held_on: date
    closed: bool
    done: tuple[int, ...]  # memberships whose turn is recorded
    expected_cents: int | None
    counted_cents: int | None
    difference_reason: str


@dataclass(frozen=True)
class TurnResult:
    meeting_id: int
    balance: MemberBalance
    shares_now: int
    paid_in_cents: int  # what she put in the box at this turn
    lent_cents: int  # what she took out as a new loan


@dataclass(frozen=True)
class Payout:
    membership_id: int
    name: str
    shares: int
    amount_cents: int


@dataclass(frozen=True)
class MovementLine:
    """A row of a meeting's ledger that can still be corrected (for the treasurer's list)."""

    id: int
    membership_id: int | None
    name: str  # "" when the row is the group's or she is erased
    kind: MovementKind
    amount_cents: int
    shares: int


@dataclass(frozen=True)
class ShareOut:
    group_id: int
    cycle_id: int  # the cycle shared out
    next_cycle_id: int
    distributed_cents: int
    social_fund_cents: int  # stays in the box for the next cycle
    payouts: tuple[Payout, ...]


@dataclass(frozen=True)
class TandaRound:
    meeting_id: int
    number: int
    receiver_membership_id: int | None
    paid: tuple[int, ...]  # memberships that paid this round
    pot_cents: int
    pot_taken: bool


@dataclass(frozen=True)
class GroupReport:
    """A group's figures for staff and funders, for its current cycle (``group_id`` 0: the
    centre, every group summed). Percentages with one decimal; None where nothing to divide."""

    group_id: int
    name: str
    kind: SavingsKind | None
    members: int
    savings_cents: int  # shares bought this cycle
    loans_outstanding_cents: int  # principal still lent out
    at_risk_cents: int  # principal of loans with a payment late over 30 days
    earned_cents: int  # service charges and fines of the cycle: what the savings earned
    turns: int  # women expected at the cycle's closed meetings
    present: int  # women who came

    @property
    def portfolio_at_risk(self) -> Decimal | None:
        return _percent(self.at_risk_cents, self.loans_outstanding_cents)

    @property
    def return_on_savings(self) -> Decimal | None:
        return _percent(self.earned_cents, self.savings_cents)

    @property
    def attendance(self) -> Decimal | None:
        return _percent(self.present, self.turns)


def _percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _csv_cell(value: object) -> str:
    # Spreadsheets run a cell that starts with = + - @ as a formula; a name never needs that.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _check_rules(rules: Rules, kind: SavingsKind) -> None:
    if not 1 <= rules.share_cents <= MAX_CENTS:
        raise SavingsError(_("The share value must be more than $0. Check it and try again."))
    if not 1 <= rules.max_shares <= MAX_SHARES:
        raise SavingsError(_("Shares per meeting must be from 1 to 5."))
    amounts = (
        rules.social_fund_cents,
        rules.fine_absent_cents,
        rules.fine_late_cents,
    )
    if any(not 0 <= a <= MAX_CENTS for a in amounts):
        raise SavingsError(_("An amount in the rules is not right. Check it and try again."))
    if not 0 <= rules.charge_bp <= 2000:
        raise SavingsError(_("The service charge must be from 0% to 20% a month."))
    if not 0 <= rules.loan_multiple <= 10 or not 0 <= rules.max_loan_months <= 24:
        raise SavingsError(_("The loan rules are not right. Check them and try again."))
    if not 1 <= rules.meetings <= 104:
        raise SavingsError(_("A cycle has from 1 to 104 meetings."))
    if kind is SavingsKind.TANDA and rules.max_shares != 1:
        raise SavingsError(_("In a tanda each woman puts one share each round."))


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def service_charge(principal_cents: int, charge_bp: int, months: int) -> int:
    """principal × rate × months, rounded half up to the centavo."""
    return (principal_cents * charge_bp * months + 5000) // 10000


def schedule(
    principal_cents: int, charge_cents: int, months: int, lent_on: date
) -> list[Installment]:
    total = principal_cents + charge_cents
    each = total // months
    return [
        Installment(_add_months(lent_on, i), each if i < months else total - each * (months - 1))
        for i in range(1, months + 1)
    ]


def _rules(cycle: SavingsCycle) -> Rules:
    return Rules(
        share_cents=cycle.share_cents,
        max_shares=cycle.max_shares,
        social_fund_cents=cycle.social_fund_cents,
        charge_bp=cycle.charge_bp,
        loan_multiple=cycle.loan_multiple,
        max_loan_months=cycle.max_loan_months,
        fine_absent_cents=cycle.fine_absent_cents,
        fine_late_cents=cycle.fine_late_cents,
        meetings=cycle.meetings,
    )


@entry_points(SavingsError)
class SavingsService:
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

    # --- groups and cycles ----------------------------------------------------------------

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

    # --- meetings --------------------------------------------------------------------------

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
            if not 0 <= shares <= cycle.max_shares:
                raise SavingsError(
                    _("She may buy from 1 to {n} shares at a meeting.").format(n=cycle.max_shares)
                )
            if not present and (shares or social_fund_cents or repayment_cents or loan_cents):
                raise SavingsError(_("She is marked absent: mark her present to record her money."))
            if social_fund_cents > cycle.social_fund_cents:
                raise SavingsError(
                    _("The social fund is {amount} a meeting.").format(
                        amount=money(cycle.social_fund_cents)
                    )
                )
            if fine_cents > cycle.fine_absent_cents + cycle.fine_late_cents:
                raise SavingsError(_("That fine is more than the group's rules say."))
            s.add(SavingsTurn(meeting_id=meeting.id, membership_id=membership.id, present=present))

            def add(kind: MovementKind, cents: int, **extra: int) -> None:
                s.add(
                    SavingsMovement(
                        group_id=meeting.group_id,
                        cycle_id=cycle.id,
                        meeting_id=meeting.id,
                        membership_id=membership.id,
                        kind=kind,
                        amount_cents=cents,
                        staff_id=staff_id,
                        created_at=self._clock(),
                        **extra,
                    )
                )

            paid_in = 0
            if shares:
                add(MovementKind.SHARE, shares * cycle.share_cents, shares=shares)
                paid_in += shares * cycle.share_cents
            if social_fund_cents:
                add(MovementKind.SOCIAL_FUND, social_fund_cents)
                paid_in += social_fund_cents
            if fine_cents:
                add(MovementKind.FINE, fine_cents)
                paid_in += fine_cents
            if repayment_cents:
                loans = self._loans(s, membership.id, meeting.held_on)
                owed = sum(loan.left_cents for loan in loans)
                if owed == 0:
                    raise SavingsError(_("Her loan is already paid. There is nothing to pay."))
                if repayment_cents > owed:
                    raise SavingsError(
                        _("That is more than she owes: she owes {amount}.").format(
                            amount=money(owed)
                        )
                    )
                left = repayment_cents
                for loan in loans:  # oldest first, its charge first
                    charge_left = max(0, loan.charge_cents - self._charge_paid(s, loan.id))
                    to_charge = min(left, charge_left, loan.left_cents)
                    to_principal = min(left - to_charge, loan.left_cents - to_charge)
                    if to_charge:
                        add(MovementKind.SERVICE_CHARGE, to_charge, loan_id=loan.id)
                    if to_principal:
                        add(MovementKind.REPAYMENT, to_principal, loan_id=loan.id)
                    left -= to_charge + to_principal
                    if not left:
                        break
                paid_in += repayment_cents
            lent = 0
            if loan_cents:
                s.flush()
                if not 1 <= loan_months <= cycle.max_loan_months:
                    raise SavingsError(
                        _("A loan is for 1 to {n} months.").format(n=cycle.max_loan_months)
                    )
                savings = self._sum(
                    s, membership_id=membership.id, cycle_id=cycle.id, kinds=(MovementKind.SHARE,)
                )
                owes_principal = self._sum(
                    s, membership_id=membership.id, kinds=(MovementKind.LOAN_OUT,)
                ) - self._sum(s, membership_id=membership.id, kinds=(MovementKind.REPAYMENT,))
                limit = max(0, cycle.loan_multiple * savings - owes_principal)
                if loan_cents > limit:
                    raise SavingsError(
                        _("She may borrow up to {amount}.").format(amount=money(limit))
                    )
                box = self._box(s, meeting.group_id)
                if loan_cents > box:
                    raise SavingsError(
                        _("The box has only {amount}. Lend less.").format(amount=money(box))
                    )
                loan = SavingsLoan(
                    cycle_id=cycle.id,
                    membership_id=membership.id,
                    meeting_id=meeting.id,
                    principal_cents=loan_cents,
                    charge_cents=service_charge(loan_cents, cycle.charge_bp, loan_months),
                    months=loan_months,
                    lent_on=meeting.held_on,
                )
                s.add(loan)
                s.flush()
                add(MovementKind.LOAN_OUT, loan_cents, loan_id=loan.id)
                lent = loan_cents
            s.flush()
            return TurnResult(
                meeting_id=meeting.id,
                balance=self._balance(s, membership, cycle.id, meeting.held_on),
                shares_now=shares,
                paid_in_cents=paid_in,
                lent_cents=lent,
            )

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

    # --- corrections ------------------------------------------------------------------------

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

    # --- share-out ------------------------------------------------------------------------

    def share_out(
        self,
        group_id: int,
        *,
        rules: Rules | None = None,
        staff_id: int | None = None,
        check_only: bool = False,
    ) -> ShareOut:
        """End the cycle: each woman's part of the box (minus the social fund) in proportion
        to her shares, and the next cycle opened (with new rules if given). ``check_only``:
        the payouts as they would be, nothing written (shown before the treasurer agrees)."""
        with self._writing(commit=not check_only) as s:
            group = self._lock_group(s, group_id)
            if group.kind is not SavingsKind.CAJA:
                raise SavingsError(_("A tanda has no share-out: each woman takes the pot in turn."))
            if rules is not None:
                _check_rules(rules, group.kind)
            if self._open_meeting(s, group_id) is not None:
                raise SavingsError(_("Close the meeting first, then do the share-out."))
            balances = self._balances(s, group_id)
            if balances.loans_outstanding_cents:
                raise SavingsError(
                    _(
                        "Every loan must be paid before the share-out: {amount} is still owed."
                    ).format(amount=money(balances.loans_outstanding_cents))
                )
            cycle = self._open_cycle(s, group_id)
            to_share = balances.box_cents - balances.social_fund_cents
            memberships = self._memberships(s, group_id)
            shares = {
                m.id: self._sum(
                    s,
                    membership_id=m.id,
                    cycle_id=cycle.id,
                    kinds=(MovementKind.SHARE,),
                    column=SavingsMovement.shares,
                )
                for m in memberships
            }
            parts = split(max(0, to_share), shares)
            now = self._clock()
            for m in memberships:
                if parts[m.id]:
                    s.add(
                        SavingsMovement(
                            group_id=group_id,
                            cycle_id=cycle.id,
                            membership_id=m.id,
                            kind=MovementKind.PAYOUT,
                            amount_cents=parts[m.id],
                            shares=0,
                            staff_id=staff_id,
                            created_at=now,
                        )
                    )
            cycle.closed_at = now
            s.flush()
            nxt = self._new_cycle(s, group_id, cycle.number + 1, rules or _rules(cycle))
            s.flush()
            names = self._names(s, memberships)
            result = ShareOut(
                group_id=group_id,
                cycle_id=cycle.id,
                next_cycle_id=nxt.id,
                distributed_cents=sum(parts.values()),
                social_fund_cents=balances.social_fund_cents,
                payouts=tuple(
                    Payout(m.id, names[m.id], shares[m.id], parts[m.id]) for m in memberships
                ),
            )
        if not check_only:
            log.info("savings group %d: cycle %d shared out", group_id, result.cycle_id)
        return result

    # --- tandas ---------------------------------------------------------------------------

    def tanda_pay(
        self, meeting_id: int, membership_id: int, *, staff_id: int | None = None
    ) -> TandaRound:
        """She puts this round's amount."""
        with self._factory.begin() as s:
            meeting, cycle = self._lock_open_meeting(s, meeting_id, SavingsKind.TANDA)
            membership = self._membership(s, meeting.group_id, membership_id)
            if s.scalar(
                select(SavingsTurn.id).where(
                    SavingsTurn.meeting_id == meeting.id, SavingsTurn.membership_id == membership.id
                )
            ):
                raise SavingsError(_("She already paid this round."))
            s.add(SavingsTurn(meeting_id=meeting.id, membership_id=membership.id, present=True))
            s.add(
                SavingsMovement(
                    group_id=meeting.group_id,
                    cycle_id=cycle.id,
                    meeting_id=meeting.id,
                    membership_id=membership.id,
                    kind=MovementKind.TANDA_IN,
                    amount_cents=cycle.share_cents,
                    shares=1,
                    staff_id=staff_id,
                    created_at=self._clock(),
                )
            )
            s.flush()
            return self._round(s, meeting)

    def tanda_take_pot(self, meeting_id: int, *, staff_id: int | None = None) -> TandaRound:
        """The woman whose turn it is takes what was put in this round."""
        with self._factory.begin() as s:
            meeting, cycle = self._lock_open_meeting(s, meeting_id, SavingsKind.TANDA)
            state = self._round(s, meeting)
            if state.pot_taken:
                raise SavingsError(_("The pot of this round was already taken."))
            if state.receiver_membership_id is None:
                raise SavingsError(_("Every woman already had her turn. Start a new tanda."))
            if state.pot_cents <= 0:
                raise SavingsError(_("Nobody has paid this round yet."))
            s.add(
                SavingsMovement(
                    group_id=meeting.group_id,
                    cycle_id=cycle.id,
                    meeting_id=meeting.id,
                    membership_id=state.receiver_membership_id,
                    kind=MovementKind.TANDA_POT,
                    amount_cents=state.pot_cents,
                    staff_id=staff_id,
                    created_at=self._clock(),
                )
            )
            s.flush()
            return self._round(s, meeting)

    def tanda_round(self, meeting_id: int) -> TandaRound:
        with self._factory() as s:
            return self._round(s, self._get_meeting(s, meeting_id))

    def missed(self, meeting_id: int) -> list[int]:
        """Memberships marked as not having paid (a tanda) or absent (a caja) at a closed
        meeting."""
        with self._factory() as s:
            return list(
                s.scalars(
                    select(SavingsTurn.membership_id)
                    .where(SavingsTurn.meeting_id == meeting_id, SavingsTurn.present.is_(False))
                    .order_by(SavingsTurn.membership_id)
                )
            )

    # --- reports -------------------------------------------------------------------------

    def report(self, *, on: date | None = None) -> list[GroupReport]:
        """Each group's figures for its current cycle on ``on`` (today unless given), and last
        the centre's (every group summed)."""
        today = on or self._today()
        found: list[GroupReport] = []
        with self._factory() as s:
            groups = list(s.scalars(select(SavingsGroup).order_by(SavingsGroup.name)))
            for group in groups:
                cycle = self._open_cycle(s, group.id)
                memberships = self._memberships(s, group.id)
                outstanding = at_risk = 0
                for m in memberships:
                    for loan in self._loans(s, m.id, today):
                        principal = loan.principal_cents - self._sum(
                            s, loan_id=loan.id, kinds=(MovementKind.REPAYMENT,)
                        )
                        outstanding += principal
                        if loan.days_late > AT_RISK_DAYS:
                            at_risk += principal
                turns = dict(
                    s.execute(
                        select(SavingsTurn.present, func.count(SavingsTurn.id))
                        .join(SavingsMeeting, SavingsMeeting.id == SavingsTurn.meeting_id)
                        .where(
                            SavingsMeeting.cycle_id == cycle.id,
                            SavingsMeeting.closed_at.is_not(None),
                        )
                        .group_by(SavingsTurn.present)
                    ).all()
                )
                found.append(
                    GroupReport(
                        group_id=group.id,
                        name=group.name,
                        kind=group.kind,
                        members=len(memberships),
                        savings_cents=self._sum(
                            s, group_id=group.id, cycle_id=cycle.id, kinds=(MovementKind.SHARE,)
                        ),
                        loans_outstanding_cents=outstanding,
                        at_risk_cents=at_risk,
                        earned_cents=self._sum(
                            s,
                            group_id=group.id,
                            cycle_id=cycle.id,
                            kinds=(MovementKind.SERVICE_CHARGE, MovementKind.FINE),
                        ),
                        turns=sum(turns.values()),
                        present=turns.get(True, 0),
                    )
                )
        found.append(
            GroupReport(
                group_id=0,
                name=_("Centre"),
                kind=None,
                members=sum(g.members for g in found),
                savings_cents=sum(g.savings_cents for g in found),
                loans_outstanding_cents=sum(g.loans_outstanding_cents for g in found),
                at_risk_cents=sum(g.at_risk_cents for g in found),
                earned_cents=sum(g.earned_cents for g in found),
                turns=sum(g.turns for g in found),
                present=sum(g.present for g in found),
            )
        )
        return found

    def report_csv(self, *, on: date | None = None) -> str:
        """The report for a spreadsheet: amounts in pesos, percentages as numbers. Save it as
        UTF-8 with a byte-order mark (``utf-8-sig``) so spreadsheets show the accents."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                _("Group"),
                _("Kind"),
                _("Members"),
                _("Savings"),
                _("Loans outstanding"),
                _("Late over 30 days"),
                _("Portfolio at risk (%)"),
                _("Return on savings (%)"),
                _("Attendance (%)"),
            ]
        )
        for row in self.report(on=on):
            writer.writerow(
                [
                    _csv_cell(row.name),
                    row.kind.value if row.kind else "",
                    row.members,
                    f"{row.savings_cents / 100:.2f}",
                    f"{row.loans_outstanding_cents / 100:.2f}",
                    f"{row.at_risk_cents / 100:.2f}",
                    row.portfolio_at_risk if row.portfolio_at_risk is not None else "",
                    row.return_on_savings if row.return_on_savings is not None else "",
                    row.attendance if row.attendance is not None else "",
                ]
            )
        return out.getvalue()

    # --- slips ---------------------------------------------------------------------------

    def passbook_slip(self, meeting_id: int, membership_id: int) -> PassbookSlip:
        """Her passbook as it stands after a meeting: the stamps of her last six meetings."""
        with self._factory() as s:
            meeting = self._get_meeting(s, meeting_id)
            membership = self._membership(s, meeting.group_id, membership_id)
            group = s.get(SavingsGroup, meeting.group_id)
            cycle = s.get(SavingsCycle, meeting.cycle_id)
            assert group is not None and cycle is not None
            balance = self._balance(s, membership, cycle.id, meeting.held_on)
            per_meeting = dict(
                s.execute(
                    select(
                        SavingsMeeting.number, func.coalesce(func.sum(SavingsMovement.shares), 0)
                    )
                    .join(SavingsMovement, SavingsMovement.meeting_id == SavingsMeeting.id)
                    .where(
                        SavingsMeeting.cycle_id == cycle.id,
                        SavingsMovement.membership_id == membership.id,
                        SavingsMovement.kind == MovementKind.SHARE,
                    )
                    .group_by(SavingsMeeting.number)
                ).all()
            )
            first = max(1, meeting.number - 5)
            paid_today = self._sum(
                s,
                membership_id=membership.id,
                kinds=MONEY_IN,
                cycle_id=cycle.id,
                meeting_id=meeting.id,
            )
            loan = balance.loans[0] if balance.loans else None
            return PassbookSlip(
                group_name=group.name,
                member_name=balance.name,
                meeting_number=meeting.number,
                held_on=meeting.held_on,
                max_shares=cycle.max_shares,
                stamps=tuple(
                    (n, max(0, int(per_meeting.get(n, 0))))
                    for n in range(first, meeting.number + 1)
                ),
                shares=balance.shares,
                savings_cents=balance.savings_cents,
                social_fund_cents=balance.social_fund_cents,
                paid_today_cents=paid_today,
                loan_left_cents=balance.owes_cents,
                next_due_on=loan.next_due_on if loan else None,
                next_due_cents=loan.next_due_cents if loan else 0,
            )

    def print_passbook(self, meeting_id: int, membership_id: int) -> str:
        """Her passbook slip, stored to print: its voucher number."""
        data = self.passbook_slip(meeting_id, membership_id)
        voucher = self.vouchers.issue(
            VoucherKind.PASSBOOK,
            lambda number: passbook(data, number, self._options()),
            subject_table="savings_members",
            subject_id=membership_id,
        )
        return voucher.number

    def summary_slip(self, meeting_id: int) -> MeetingSummarySlip:
        """The treasurer's summary of a closed meeting."""
        with self._factory() as s:
            meeting = self._get_meeting(s, meeting_id)
            if meeting.closed_at is None or meeting.counted_cents is None:
                raise SavingsError(_("Close the meeting with the cash count first."))
            group = s.get(SavingsGroup, meeting.group_id)
            assert group is not None

            def here(*kinds: MovementKind, column: Any = None) -> int:
                return self._sum(s, kinds=kinds, meeting_id=meeting.id, column=column)

            present = s.scalar(
                select(func.count(SavingsTurn.id)).where(
                    SavingsTurn.meeting_id == meeting.id, SavingsTurn.present.is_(True)
                )
            )
            balances = self._balances(s, meeting.group_id)
            return MeetingSummarySlip(
                group_name=group.name,
                meeting_number=meeting.number,
                held_on=meeting.held_on,
                present=present or 0,
                members=len(self._memberships(s, meeting.group_id)),
                shares=here(MovementKind.SHARE, column=SavingsMovement.shares),
                savings_in_cents=here(MovementKind.SHARE),
                social_fund_in_cents=here(MovementKind.SOCIAL_FUND),
                repaid_cents=here(MovementKind.REPAYMENT, MovementKind.SERVICE_CHARGE),
                fines_cents=here(MovementKind.FINE),
                lent_cents=here(MovementKind.LOAN_OUT),
                expected_cents=meeting.expected_cents or 0,
                counted_cents=meeting.counted_cents,
                difference_reason=meeting.difference_reason,
                social_fund_cents=balances.social_fund_cents,
                loans_outstanding_cents=balances.loans_outstanding_cents,
            )

    def print_summary(self, meeting_id: int) -> str:
        data = self.summary_slip(meeting_id)
        voucher = self.vouchers.issue(
            VoucherKind.SAVINGS_SUMMARY,
            lambda number: meeting_summary(data, number, self._options()),
            subject_table="savings_meetings",
            subject_id=meeting_id,
        )
        return voucher.number

    def tanda_card_slip(self, membership_id: int) -> TandaCardSlip:
        """Her tanda card: every turn with its round's date (from the group's first round,
        or from today when none was held yet) and hers marked."""
        with self._factory() as s:
            membership = s.get(SavingsMembership, membership_id)
            if membership is None:
                raise SavingsError(_("She is not in this group."))
            group = s.get(SavingsGroup, membership.group_id)
            assert group is not None
            cycle = self._open_cycle(s, group.id)
            first = (
                s.scalar(
                    select(SavingsMeeting.held_on).where(
                        SavingsMeeting.cycle_id == cycle.id, SavingsMeeting.number == 1
                    )
                )
                or self._today()
            )
            memberships = self._memberships(s, group.id)
            names = self._names(s, memberships)
            return TandaCardSlip(
                group_name=group.name,
                member_name=names[membership.id],
                contribution_cents=cycle.share_cents,
                pot_cents=cycle.share_cents * len(memberships),
                her_turn=membership.position,
                turns=tuple(
                    (
                        m.position,
                        names[m.id],
                        first + timedelta(days=group.frequency_days * (m.position - 1)),
                    )
                    for m in memberships
                ),
            )

    def print_tanda_card(self, membership_id: int) -> str:
        data = self.tanda_card_slip(membership_id)
        voucher = self.vouchers.issue(
            VoucherKind.TANDA_CARD,
            lambda number: tanda_card(data, number, self._options()),
            subject_table="savings_members",
            subject_id=membership_id,
        )
        return voucher.number

    def share_out_slips(self, result: ShareOut) -> list[ShareOutSlip]:
        """A slip per woman of a share-out just done."""
        with self._factory() as s:
            group = s.get(SavingsGroup, result.group_id)
            cycle = s.get(SavingsCycle, result.cycle_id)
            assert group is not None and cycle is not None
            slips = []
            for p in result.payouts:
                saved = self._sum(
                    s, membership_id=p.membership_id, cycle_id=cycle.id, kinds=(MovementKind.SHARE,)
                )
                slips.append(
                    ShareOutSlip(
                        group_name=group.name,
                        member_name=p.name,
                        cycle_number=cycle.number,
                        shares=p.shares,
                        savings_cents=saved,
                        payout_cents=p.amount_cents,
                    )
                )
            return slips

    def print_share_out(self, result: ShareOut) -> list[str]:
        numbers = []
        for p, data in zip(result.payouts, self.share_out_slips(result), strict=True):
            voucher = self.vouchers.issue(
                VoucherKind.SHARE_OUT,
                lambda number, data=data: share_out_slip(data, number, self._options()),
                subject_table="savings_members",
                subject_id=p.membership_id,
            )
            numbers.append(voucher.number)
        return numbers

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
            share_cents=rules.share_cents,
            max_shares=rules.max_shares,
            social_fund_cents=rules.social_fund_cents,
            charge_bp=rules.charge_bp,
            loan_multiple=rules.loan_multiple,
            max_loan_months=rules.max_loan_months,
            fine_absent_cents=rules.fine_absent_cents,
            fine_late_cents=rules.fine_late_cents,
            meetings=rules.meetings,
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
        return GroupInfo(
            id=group.id,
            name=group.name,
            kind=group.kind,
            meeting_weekday=group.meeting_weekday,
            frequency_days=group.frequency_days,
            cycle_id=cycle.id,
            cycle_number=cycle.number,
            rules=_rules(cycle),
            members=tuple(
                MemberLine(m.id, m.member_id, names[m.id], m.position, m.is_treasurer)
                for m in memberships
            ),
            treasurer_staff_id=group.treasurer_staff_id,
        )

    def _meeting_info(self, s: Session, meeting: SavingsMeeting) -> MeetingInfo:
        done = tuple(
            s.scalars(
                select(SavingsTurn.membership_id)
                .where(SavingsTurn.meeting_id == meeting.id)
                .order_by(SavingsTurn.id)
            )
        )
        return MeetingInfo(
            id=meeting.id,
            group_id=meeting.group_id,
            cycle_id=meeting.cycle_id,
            number=meeting.number,
            held_on=meeting.held_on,
            closed=meeting.closed_at is not None,
            done=done,
            expected_cents=meeting.expected_cents,
            counted_cents=meeting.counted_cents,
            difference_reason=meeting.difference_reason,
        )

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
            s.scalars(
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


def loan_info(loan: SavingsLoan, paid_cents: int, today: date) -> LoanInfo:
    plan = schedule(loan.principal_cents, loan.charge_cents, loan.months, loan.lent_on)
    total = loan.principal_cents + loan.charge_cents
    covered = 0
    next_due: Installment | None = None
    for inst in plan:
        covered += inst.amount_cents
        if covered > paid_cents:
            next_due = Installment(inst.due_on, covered - paid_cents)
            break
    return LoanInfo(
        id=loan.id,
        membership_id=loan.membership_id,
        principal_cents=loan.principal_cents,
        charge_cents=loan.charge_cents,
        months=loan.months,
        lent_on=loan.lent_on,
        paid_cents=paid_cents,
        left_cents=total - paid_cents,
        schedule=tuple(plan),
        next_due_on=next_due.due_on if next_due else None,
        next_due_cents=next_due.amount_cents if next_due else 0,
        days_late=max(0, (today - next_due.due_on).days) if next_due else 0,
    )


def split(total: int, weights: dict[int, int]) -> dict[int, int]:
    """``total`` centavos in proportion to ``weights``: each gets the floor of her part, then
    the centavos left go one each to the largest remainders (ties: the lower key), so the
    parts add up to ``total`` exactly."""
    whole = sum(weights.values())
    if whole <= 0:
        return dict.fromkeys(weights, 0)
    parts = {k: total * w // whole for k, w in weights.items()}
    left = total - sum(parts.values())
    by_remainder = sorted(weights, key=lambda k: (-(total * weights[k] % whole), k))
    for k in by_remainder[:left]:
        parts[k] += 1
    return parts
