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

from kiosk.data.models import MovementKind, SavingsKind
from kiosk.services.savings.base import SavingsBase
from kiosk.services.savings.common import (
    AT_RISK_DAYS,
    MAX_CENTS,
    MAX_MEMBERS,
    MAX_SHARES,
    MONEY_IN,
    MONEY_OUT,
    NAME_MAX,
    REASON_MAX,
    Balances,
    GroupInfo,
    GroupReport,
    Installment,
    LoanInfo,
    MeetingInfo,
    MemberBalance,
    MemberLine,
    MovementLine,
    Payout,
    Rules,
    SavingsError,
    ShareOut,
    TandaRound,
    TurnResult,
    loan_info,
    money,
    schedule,
    service_charge,
    split,
)
from kiosk.services.savings.groups import Groups
from kiosk.services.savings.ledger import Ledger
from kiosk.services.savings.meetings import Meetings
from kiosk.services.savings.reports import Reports
from kiosk.services.savings.shareout import ShareOuts
from kiosk.services.savings.slips import Slips

__all__ = [
    "AT_RISK_DAYS",
    "MAX_CENTS",
    "MAX_MEMBERS",
    "MAX_SHARES",
    "MONEY_IN",
    "MONEY_OUT",
    "NAME_MAX",
    "REASON_MAX",
    "Balances",
    "GroupInfo",
    "GroupReport",
    "Groups",
    "Installment",
    "Ledger",
    "LoanInfo",
    "MeetingInfo",
    "Meetings",
    "MemberBalance",
    "MemberLine",
    "MovementKind",
    "MovementLine",
    "Payout",
    "Reports",
    "Rules",
    "SavingsBase",
    "SavingsError",
    "SavingsKind",
    "SavingsService",
    "ShareOut",
    "ShareOuts",
    "Slips",
    "TandaRound",
    "TurnResult",
    "loan_info",
    "money",
    "schedule",
    "service_charge",
    "split",
]


class SavingsService(Groups, Meetings, Ledger, ShareOuts, Reports, Slips):
    """Savings groups and tandas, one part per responsibility: :class:`Groups` (and their
    rules), :class:`Meetings` (each woman's turn), :class:`Ledger` (balances and corrections),
    :class:`ShareOuts` (the share-out and a tanda's rounds), :class:`Reports` and
    :class:`Slips`, sharing :class:`SavingsBase`."""
