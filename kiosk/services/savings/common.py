"""Savings groups' rules in numbers, their error, what the service hands out, and the
arithmetic of loans and the share-out (no database)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kiosk.data.models import (
    MovementKind,
    SavingsCycle,
    SavingsKind,
    SavingsLoan,
)
from kiosk.i18n import _, format_money
from kiosk.logs import area_logger
from kiosk.services import copy_fields
from kiosk.services.checks import entry_points

log = area_logger("savings")

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


# Every public method of each part checks its arguments (one refusal class for all parts).
savings_entry_points = entry_points(SavingsError)


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
    return copy_fields(Rules, cycle)


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
    return copy_fields(
        LoanInfo,
        loan,
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
