"""Savings groups: a whole cycle of a caja that reconciles to the centavo, the ledger's identity
for any sequence of valid movements, one open meeting per group across kiosks, bad input that
changes nothing, tandas, corrections, new rules, erasure - on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import itertools
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    Member,
    MovementKind,
    SavingsKind,
    SavingsLoan,
    SavingsMeeting,
    SavingsMovement,
    SavingsTurn,
)
from kiosk.i18n import _
from kiosk.services.member_desk import MemberDesk
from kiosk.services.savings import (
    Balances,
    MeetingInfo,
    Rules,
    SavingsError,
    SavingsService,
    money,
)
from tests.concurrency import race

Factory = sessionmaker[Session]
T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
FIRST = date(2026, 3, 2)
RULES = Rules(
    share_cents=5000,  # $50 a share
    max_shares=5,
    social_fund_cents=1000,
    charge_bp=500,  # 5 % a month
    loan_multiple=3,
    max_loan_months=3,
    fine_absent_cents=2000,
    fine_late_cents=1000,
    meetings=26,
)
_phones = itertools.count(1)


def women(factory: Factory, n: int) -> list[str]:
    phones = [f"614{next(_phones):07d}" for _ in range(n)]
    with factory.begin() as s:
        s.add_all(Member(name=f"Compañera {p[-2:]}", phone=p) for p in phones)
    return phones


def caja(factory: Factory, n: int, rules: Rules = RULES) -> tuple[SavingsService, int, list[int]]:
    service = SavingsService(factory, clock=lambda: T0)
    group = service.create_group(
        "Las Girasoles", SavingsKind.CAJA, women(factory, n), rules, meeting_weekday=0
    )
    return service, group.id, [m.membership_id for m in group.members]


def identity_holds(b: Balances) -> bool:
    """The box counted row by row equals what it must be from the kinds of money."""
    return b.box_cents == (
        b.savings_cents
        + b.social_fund_cents
        + b.service_charges_cents
        + b.fines_cents
        - b.loans_outstanding_cents
        - b.payouts_cents
    )


def snapshot(factory: Factory) -> tuple[int, ...]:
    with factory() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (SavingsMovement, SavingsTurn, SavingsLoan, SavingsMeeting)
        )


# --- the simulated cycle ----------------------------------------------------------------------


@dataclass
class Woman:
    mid: int
    shares: int = 0
    social: int = 0
    fines: int = 0
    # her one loan at a time: principal, charge, paid so far (charge first)
    loan: list[int] = field(default_factory=list)
    owes_absent_fine: bool = False
    skipped_payment: bool = False

    def left(self) -> int:
        return self.loan[0] + self.loan[1] - self.loan[2] if self.loan else 0


class PowerCut(BaseException):
    """The power goes off: nothing after this point of the transaction happens."""


def test_a_cycle_of_twenty_women_reconciles_and_shares_out(session_factory: Factory) -> None:
    rng = random.Random(20)
    service, gid, mids = caja(session_factory, 20)
    treasurer = mids[0]
    model = {mid: Woman(mid) for mid in mids}
    cash = charges = 0
    corrected = cut = False
    for k in range(1, 27):
        held_on = FIRST + timedelta(days=7 * (k - 1))
        meeting = service.open_meeting(gid, held_on)
        assert meeting.number == k
        for i, mid in enumerate(mids):
            w = model[mid]
            present = k >= 24 or rng.random() < 0.85 or (k == 13 and i == 8)
            if not present:
                service.record_turn(meeting.id, mid, present=False)
                w.owes_absent_fine = True
                continue
            shares = rng.randint(1 if k == 26 else 0, 5)
            fine = 0
            if w.owes_absent_fine:
                fine += RULES.fine_absent_cents
            if w.skipped_payment:
                fine += RULES.fine_late_cents  # a late repayment
            repay = 0
            if w.left():
                if k >= 24:
                    repay = w.left()
                elif rng.random() < 0.7:
                    repay = min(w.left(), -(-(w.loan[0] + w.loan[1]) // 3))
            loan = months = 0
            savings_after = (w.shares + shares) * RULES.share_cents
            box_after = cash + shares * RULES.share_cents + RULES.social_fund_cents + fine + repay
            if k <= 18 and not w.left() and rng.random() < 0.2:
                limit = min(RULES.loan_multiple * savings_after, box_after)
                loan = min(limit, rng.choice([50000, 100000, 150000, 200000]))
                months = rng.randint(1, 3)
            if k == 13 and i == 8 and not cut:
                # The power goes off in the middle of her turn, after her shares were written.
                broken = SavingsService(session_factory, clock=lambda: T0)

                def power_off(*_args: Any) -> int:
                    raise PowerCut

                broken._box = power_off  # type: ignore[method-assign]
                with pytest.raises(PowerCut):
                    broken.record_turn(
                        meeting.id,
                        mid,
                        shares=max(shares, 1),
                        social_fund_cents=1000,
                        loan_cents=100,
                        loan_months=1,
                    )
                cut = True
                # The kiosk starts again: the meeting is open and shows who was done.
                service = SavingsService(session_factory, clock=lambda: T0)
                resumed = service.current_meeting(gid)
                assert resumed is not None and resumed.id == meeting.id
                assert list(resumed.done) == mids[:8]
                assert service.balances(gid).box_cents == cash
            result = service.record_turn(
                meeting.id,
                mid,
                shares=shares,
                social_fund_cents=RULES.social_fund_cents,
                fine_cents=fine,
                repayment_cents=repay,
                loan_cents=loan,
                loan_months=months,
            )
            cash += shares * RULES.share_cents + RULES.social_fund_cents + fine + repay - loan
            w.shares += shares
            w.social += RULES.social_fund_cents
            w.fines += fine
            w.owes_absent_fine = False
            w.skipped_payment = bool(w.left()) and not repay
            if repay:
                charge_part = min(repay, w.loan[1] - min(w.loan[2], w.loan[1]))
                charges += charge_part
                w.loan[2] += repay
                if not w.left():
                    w.loan = []
            if loan:
                w.loan = [loan, (loan * RULES.charge_bp * months + 5000) // 10000, 0]
            assert result.balance.savings_cents == w.shares * RULES.share_cents
            assert result.balance.owes_cents == w.left()
            if k == 5 and shares and not corrected:
                # Her shares were recorded twice on the notebook by mistake: reversed, not edited.
                rows = service.movements(gid)
                share_row = next(r for r in reversed(rows) if r[3] == mid and r[1] == "share")
                service.correct(share_row[0], "Se anotó dos veces", by_membership_id=treasurer)
                w.shares -= shares
                cash -= shares * RULES.share_cents
                corrected = True
        counted = cash - 1000 if k == 7 else cash
        closed = service.close_meeting(
            meeting.id, counted, reason="Faltan 10 pesos" if k == 7 else ""
        )
        assert closed.expected_cents == cash and closed.counted_cents == counted
        b = service.balances(gid)
        assert b.box_cents == cash and identity_holds(b)
    assert corrected and cut

    # Everything reconciles to the centavo, woman by woman and for the box.
    b = service.balances(gid)
    social_total = sum(w.social for w in model.values())
    assert b.savings_cents == sum(w.shares for w in model.values()) * RULES.share_cents
    assert b.social_fund_cents == social_total
    assert b.fines_cents == sum(w.fines for w in model.values()) > 0
    assert b.service_charges_cents == charges > 0
    assert b.loans_outstanding_cents == 0 and b.loans_out_cents > 0
    assert b.box_cents == cash
    for mid, w in model.items():
        mine = service.member_balance(mid, on=FIRST + timedelta(days=7 * 25))
        assert (mine.shares, mine.social_fund_cents, mine.fines_cents) == (
            w.shares,
            w.social,
            w.fines,
        )
        assert mine.loans == ()

    # The share-out, against an exact calculation with fractions.
    to_share = cash - social_total
    total_shares = sum(w.shares for w in model.values())
    exact = {mid: Fraction(to_share * w.shares, total_shares) for mid, w in model.items()}
    expected = {mid: int(x) for mid, x in exact.items()}
    leftover = to_share - sum(expected.values())
    for mid in sorted(mids, key=lambda m: (-(exact[m] - int(exact[m])), m))[:leftover]:
        expected[mid] += 1
    out = service.share_out(gid)
    got = {p.membership_id: p.amount_cents for p in out.payouts}
    assert got == expected
    assert sum(got.values()) == to_share == out.distributed_cents
    assert all(abs(got[m] - exact[m]) < 1 for m in mids)
    after = service.balances(gid)
    assert after.box_cents == social_total and identity_holds(after)
    group = service.group(gid)
    assert group.cycle_number == 2 and group.cycle_id == out.next_cycle_id
    assert service.member_balance(mids[3]).savings_cents == 0


# --- the identity, for any sequence of valid movements ----------------------------------------

OPS = st.lists(
    st.tuples(
        st.sampled_from(["turn", "turn", "turn", "close", "correct", "share_out"]),
        st.integers(0, 3),  # which woman
        st.integers(0, 5),  # shares
        st.booleans(),  # social fund
        st.integers(0, 3),  # fine: none, absent, late, both
        st.integers(0, 100),  # % of what she owes that she repays
        st.integers(0, 100),  # % of what she may borrow that she takes
        st.integers(1, 3),  # months
    ),
    max_size=20,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=OPS)
def test_the_box_is_what_the_kinds_of_money_say(session_factory: Factory, ops: list[Any]) -> None:
    """box = Σ savings + social fund + service charges + fines − loans outstanding − payouts.

    The box is the cash: every row is money that came in (shares, social fund, fines, the
    charge and the principal of a repayment) or went out (a loan, a payout). Repaid principal
    is what brings "loans outstanding" down, so it appears in the identity through it. The
    test keeps its own cash, moved by what it handed the service, and checks the service's box
    against both."""
    service, gid, mids = caja(session_factory, 4)
    cash = charges = 0
    held_on = FIRST
    principal = dict.fromkeys(mids, 0)  # principal she owes, by the test's own count
    meeting: MeetingInfo | None = None
    for op, who, shares, social, fine_pick, repay_pct, loan_pct, months in ops:
        mid = mids[who]
        if op == "close" or (op == "turn" and meeting is not None and mid in meeting.done):
            if meeting is not None:
                service.close_meeting(meeting.id, cash)
                meeting = None
            if op == "close":
                continue
        if op == "share_out":
            if meeting is not None:
                service.close_meeting(meeting.id, cash)
                meeting = None
            if any(principal.values()) or service.balances(gid).loans_outstanding_cents:
                continue
            out = service.share_out(gid)
            cash -= out.distributed_cents
            continue
        if op == "correct":
            reversible = [
                r
                for r in service.movements(gid)
                if r[1] in ("share", "social_fund", "fine") and r[4] == 0 and r[2] > 0
            ]
            reversed_ids = {r[4] for r in service.movements(gid)}
            reversible = [r for r in reversible if r[0] not in reversed_ids]
            if reversible and service.balances(gid).box_cents >= reversible[-1][2]:
                row = reversible[-1]
                # Only rows of the open cycle may be reversed.
                try:
                    service.correct(row[0], "Error al anotar", by_membership_id=mids[0])
                    cash -= row[2]
                except SavingsError as exc:
                    assert str(exc) == _("That movement belongs to a cycle already shared out.")
            continue
        if meeting is None:
            held_on += timedelta(days=7)
            try:
                meeting = service.open_meeting(gid, held_on)
            except SavingsError:  # the cycle's meetings are over
                continue
        fine = (0, RULES.fine_absent_cents, RULES.fine_late_cents, 3000)[fine_pick]
        owes = service.member_balance(mid, on=held_on).owes_cents
        repay = owes * repay_pct // 100
        savings_after = service.member_balance(mid).savings_cents + shares * RULES.share_cents
        paid_in = shares * RULES.share_cents + (1000 if social else 0) + fine + repay
        before = service.member_balance(mid)
        assert len(before.loans) <= 1  # she borrows again only once her loan is paid
        # Her payment goes to the loan's charge first (the test's own count of it).
        charge_left = sum(max(0, loan.charge_cents - loan.paid_cents) for loan in before.loans)
        to_charge = min(repay, charge_left)
        limit = max(0, min(RULES.loan_multiple * savings_after, cash + paid_in))
        loan = limit * loan_pct // 100 if not before.loans else 0
        result = service.record_turn(
            meeting.id,
            mid,
            shares=shares,
            social_fund_cents=1000 if social else 0,
            fine_cents=fine,
            repayment_cents=repay,
            loan_cents=loan,
            loan_months=months if loan else 0,
        )
        meeting = service.meeting(meeting.id)
        cash += paid_in - loan
        charges += to_charge
        principal[mid] -= repay - to_charge
        principal[mid] += loan
        assert result.paid_in_cents == paid_in
        b = service.balances(gid)
        assert b.box_cents == cash
        assert identity_holds(b)
        assert b.service_charges_cents == charges
        assert b.loans_outstanding_cents == sum(principal.values())
    b = service.balances(gid)
    assert b.box_cents == cash and identity_holds(b)


# --- one open meeting per group ----------------------------------------------------------------


@pytest.mark.postgresql
def test_two_kiosks_opening_the_same_meeting_one_wins(pg_factory: Factory) -> None:
    service, gid, _mids = caja(pg_factory, 3)
    results = race(2, lambda _i: service.open_meeting(gid, FIRST), SavingsError)
    won = [r for r in results if isinstance(r, MeetingInfo)]
    told = [r for r in results if isinstance(r, SavingsError)]
    assert len(won) == 1 and len(told) == 1
    assert str(told[0]) == _("This meeting is already open. Continue it.")
    with pg_factory() as s:
        assert s.scalar(select(func.count(SavingsMeeting.id))) == 1


def test_the_database_itself_refuses_a_second_open_meeting(session_factory: Factory) -> None:
    """Even a kiosk that read "no meeting open" before the other wrote is refused: the unique
    index on open meetings decides, and the kiosk is told in a sentence."""
    service, gid, _mids = caja(session_factory, 3)
    service.open_meeting(gid, FIRST)
    blind = SavingsService(session_factory, clock=lambda: T0)
    blind._open_meeting = lambda *_a: None  # type: ignore[method-assign]
    before = snapshot(session_factory)
    with pytest.raises(SavingsError, match="^" + _("This meeting is already open. Continue it.")):
        blind.open_meeting(gid, FIRST)
    assert snapshot(session_factory) == before


# --- bad input changes nothing -----------------------------------------------------------------


def test_each_bad_input_is_told_and_changes_nothing(session_factory: Factory) -> None:
    service, gid, mids = caja(session_factory, 4)
    ana, bety, caro, dora = mids
    m = service.open_meeting(gid, FIRST)
    service.record_turn(m.id, ana, shares=2, social_fund_cents=1000)
    service.record_turn(
        m.id, bety, shares=5, social_fund_cents=1000, loan_cents=20000, loan_months=1
    )
    share_row = service.movements(gid)[0][0]
    service.correct(share_row, "Error al anotar", by_membership_id=ana)
    service.close_meeting(m.id, service.balances(gid).box_cents)
    m2 = service.open_meeting(gid, FIRST + timedelta(days=7))
    service.record_turn(m2.id, bety, repayment_cents=21000)  # her whole loan, charge included

    bad: list[tuple[str, Any]] = [
        (
            _("She may buy from 1 to {n} shares at a meeting.").format(n=5),
            lambda: service.record_turn(m2.id, caro, shares=6),
        ),
        (
            _("The social fund is {amount} a meeting.").format(amount=money(1000)),
            lambda: service.record_turn(m2.id, caro, social_fund_cents=1500),
        ),
        (
            _("That fine is more than the group's rules say."),
            lambda: service.record_turn(m2.id, caro, fine_cents=3100),
        ),
        (
            _("She may borrow up to {amount}.").format(amount=money(30000)),
            lambda: service.record_turn(m2.id, caro, shares=2, loan_cents=30100, loan_months=1),
        ),
        (
            _("A loan is for 1 to {n} months.").format(n=3),
            lambda: service.record_turn(m2.id, caro, shares=2, loan_cents=100, loan_months=4),
        ),
        (
            _("Her loan is already paid. There is nothing to pay."),
            lambda: service.record_turn(m2.id, caro, repayment_cents=500),
        ),
        (
            _("She is marked absent: mark her present to record her money."),
            lambda: service.record_turn(m2.id, dora, present=False, shares=1),
        ),
        (
            _("Her turn is already recorded at this meeting."),
            lambda: service.record_turn(m2.id, bety, shares=1),
        ),
        (_("This meeting is already open. Continue it."), lambda: service.open_meeting(gid, FIRST)),
        (
            _("That movement was already corrected."),
            lambda: service.correct(share_row, "otra vez", by_membership_id=ana),
        ),
        (
            _("This meeting is closed. Open the next one."),
            lambda: service.record_turn(m.id, caro, shares=1),
        ),
        (_("Close the meeting first, then do the share-out."), lambda: service.share_out(gid)),
        (
            _("The rules change at the end of the cycle, with the share-out."),
            lambda: service.change_rules(gid, RULES),
        ),
        (
            _("Shares per meeting must be from 1 to 5."),
            lambda: service.create_group(
                "Otra",
                SavingsKind.CAJA,
                women(session_factory, 1),
                Rules(share_cents=100, max_shares=6),
            ),
        ),
    ]
    for message, call in bad:
        before = snapshot(session_factory), service.balances(gid)
        with pytest.raises(SavingsError) as info:
            call()
        assert str(info.value) == message
        assert (snapshot(session_factory), service.balances(gid)) == before, message
    # Her loan was repaid in full: the second payment is refused (above); a payment over what
    # she owes is refused too.
    service.record_turn(m2.id, caro, shares=2, loan_cents=10000, loan_months=2)
    service.close_meeting(m2.id, service.balances(gid).box_cents)
    m3 = service.open_meeting(gid, FIRST + timedelta(days=14))
    before = snapshot(session_factory)
    with pytest.raises(SavingsError, match=money(11000).replace("$", r"\$")):
        service.record_turn(m3.id, caro, repayment_cents=11001)
    assert snapshot(session_factory) == before
    # Bety repaid her whole loan at the last meeting: a payment for it now is refused.
    with pytest.raises(SavingsError) as info:
        service.record_turn(m3.id, bety, repayment_cents=500)
    assert str(info.value) == _("Her loan is already paid. There is nothing to pay.")
    assert snapshot(session_factory) == before
    assert identity_holds(service.balances(gid))


def test_a_cash_difference_needs_a_reason_and_is_kept(session_factory: Factory) -> None:
    service, gid, mids = caja(session_factory, 2)
    m = service.open_meeting(gid, FIRST)
    service.record_turn(m.id, mids[0], shares=3, social_fund_cents=1000)
    with pytest.raises(SavingsError, match=money(16000).replace("$", r"\$")):
        service.close_meeting(m.id, 15000)
    assert not service.meeting(m.id).closed
    closed = service.close_meeting(m.id, 15000, reason="Faltó un billete de 10")
    assert (closed.expected_cents, closed.counted_cents) == (16000, 15000)
    assert closed.difference_reason == "Faltó un billete de 10"
    assert service.missed(m.id) == [mids[1]]  # no turn: marked absent at the close
    assert service.balances(gid).box_cents == 16000  # the ledger is not bent to the count


# --- loans ------------------------------------------------------------------------------------


def test_a_loan_has_its_charge_schedule_and_lateness(session_factory: Factory) -> None:
    service, gid, mids = caja(session_factory, 2)
    m = service.open_meeting(gid, FIRST)
    service.record_turn(m.id, mids[1], shares=5, social_fund_cents=1000)
    turn = service.record_turn(
        m.id, mids[0], shares=5, social_fund_cents=1000, loan_cents=30000, loan_months=3
    )
    (loan,) = turn.balance.loans
    assert loan.charge_cents == 4500  # 5 % a month for 3 months on $300
    assert [i.amount_cents for i in loan.schedule] == [11500, 11500, 11500]
    assert loan.next_due_on == date(2026, 4, 2) and loan.next_due_cents == 11500
    late = service.member_balance(mids[0], on=date(2026, 5, 10))
    assert late.loans[0].days_late == 38
    service.close_meeting(m.id, service.balances(gid).box_cents)
    m2 = service.open_meeting(gid, FIRST + timedelta(days=7))
    paid = service.record_turn(m2.id, mids[0], repayment_cents=10000).balance.loans[0]
    assert paid.left_cents == 24500 and paid.next_due_cents == 1500
    b = service.balances(gid)
    # The charge is paid first: $45 of charge, $55 back on the principal.
    assert (b.service_charges_cents, b.loans_outstanding_cents) == (4500, 24500)


# --- rules and cycles -------------------------------------------------------------------------


def test_new_rules_start_a_new_cycle(session_factory: Factory) -> None:
    service, gid, mids = caja(session_factory, 2)
    first = service.group(gid)
    changed = service.change_rules(gid, Rules(share_cents=10000, max_shares=3))
    assert changed.cycle_number == 2 and changed.cycle_id != first.cycle_id
    assert changed.rules.share_cents == 10000
    m = service.open_meeting(gid, FIRST)
    service.record_turn(m.id, mids[0], shares=3)
    service.close_meeting(m.id, 30000)
    out = service.share_out(gid, rules=Rules(share_cents=2000, max_shares=5))
    assert [p.amount_cents for p in out.payouts] == [30000, 0]
    now = service.group(gid)
    assert now.cycle_number == 3 and now.rules.share_cents == 2000
    assert service.balances(gid).box_cents == 0


# --- tandas -----------------------------------------------------------------------------------


def test_a_tanda_round_by_round(session_factory: Factory) -> None:
    service = SavingsService(session_factory, clock=lambda: T0)
    group = service.create_group(
        "Tanda del mercado",
        SavingsKind.TANDA,
        women(session_factory, 4),
        Rules(share_cents=50000, max_shares=1, meetings=4),
    )
    drawn = service.draw_turns(group.id, seed=7)
    order = [m.membership_id for m in sorted(drawn.members, key=lambda m: m.position)]
    assert sorted(order) == sorted(m.membership_id for m in group.members)
    for n in range(1, 5):
        meeting = service.open_meeting(group.id, FIRST + timedelta(days=14 * (n - 1)))
        if n == 1:
            with pytest.raises(SavingsError):
                service.set_turns(group.id, order)
        payers = [m for m in order if not (n == 2 and m == order[3])]  # she misses round 2
        for mid in payers:
            service.tanda_pay(meeting.id, mid)
        with pytest.raises(SavingsError, match=_("She already paid this round.")):
            service.tanda_pay(meeting.id, payers[0])
        state = service.tanda_round(meeting.id)
        assert state.receiver_membership_id == order[n - 1]
        assert state.pot_cents == 50000 * len(payers)
        taken = service.tanda_take_pot(meeting.id)
        assert taken.pot_taken and taken.pot_cents == 0
        with pytest.raises(SavingsError, match=_("The pot of this round was already taken.")):
            service.tanda_take_pot(meeting.id)
        service.close_meeting(meeting.id, 0)
        assert service.missed(meeting.id) == ([order[3]] if n == 2 else [])
    b = service.balances(group.id)
    assert b.tanda_in_cents == b.tanda_pot_cents == 50000 * 15 and b.box_cents == 0


# --- privacy ----------------------------------------------------------------------------------


def test_after_erasure_her_rows_stay_and_carry_no_name(session_factory: Factory) -> None:
    service, gid, mids = caja(session_factory, 3)
    m = service.open_meeting(gid, FIRST)
    service.record_turn(m.id, mids[1], shares=4, social_fund_cents=1000)
    row = service.movements(gid)[0][0]
    service.correct(row, "Compañera 02 pagó de más", by_membership_id=mids[0])
    service.record_turn(m.id, mids[2], shares=2)
    before = service.balances(gid)
    member_id = service.group(gid).members[1].member_id
    MemberDesk(session_factory).erase(member_id)
    after = service.group(gid)
    assert after.members[1].name == "" and after.members[0].name
    assert service.balances(gid) == before and identity_holds(before)
    assert len(service.movements(gid)) == 4
    with session_factory() as s:
        reasons = list(s.scalars(select(SavingsMovement.reason)))
    assert not any("Compañera" in r for r in reasons)


# --- reports ----------------------------------------------------------------------------------


def test_the_report_counts_savings_loans_at_risk_return_and_attendance(
    session_factory: Factory,
) -> None:
    service, gid, (ana, bety, caro) = caja(session_factory, 3)
    m = service.open_meeting(gid, FIRST)
    service.record_turn(m.id, ana, shares=5, social_fund_cents=1000)
    service.record_turn(m.id, bety, shares=5, loan_cents=30000, loan_months=1)
    service.close_meeting(m.id, service.balances(gid).box_cents)  # caro absent
    m2 = service.open_meeting(gid, FIRST + timedelta(days=7))
    service.record_turn(m2.id, ana, shares=2, loan_cents=20000, loan_months=3)
    service.record_turn(m2.id, caro, shares=1, fine_cents=2000)
    service.record_turn(m2.id, bety, repayment_cents=5000)  # the $15 charge, then $35 back
    service.close_meeting(m2.id, service.balances(gid).box_cents)
    other, oid, (dora,) = caja(session_factory, 1)
    om = other.open_meeting(oid, FIRST)
    other.record_turn(om.id, dora, shares=4)
    other.close_meeting(om.id, 20000)

    # Bety's payment of 2 April is 18 days late on 20 April, 33 on 5 May (Ana's of 9 April: 26).
    early = {r.group_id: r for r in service.report(on=date(2026, 4, 20))}
    late = {r.group_id: r for r in service.report(on=date(2026, 5, 5))}
    g = late[gid]
    assert (g.members, g.savings_cents) == (3, 13 * 5000)
    assert g.loans_outstanding_cents == 26500 + 20000
    assert early[gid].at_risk_cents == 0 and g.at_risk_cents == 26500
    assert str(g.portfolio_at_risk) == "57.0"  # 265 of 465
    assert g.earned_cents == 1500 + 2000 and str(g.return_on_savings) == "5.4"  # 35 of 650
    assert (g.present, g.turns) == (5, 6) and str(g.attendance) == "83.3"
    centre = late[0]
    assert centre.members == 4 and centre.savings_cents == 13 * 5000 + 20000
    assert str(centre.attendance) == "85.7"  # 6 of 7
    rows = list(csv.reader(io.StringIO(service.report_csv(on=date(2026, 5, 5)))))
    assert rows[0][0] == _("Group") and len(rows) == 4
    girasoles = next(r for r in rows if r[0] == "Las Girasoles" and r[2] == "3")
    assert girasoles[3:] == ["650.00", "465.00", "265.00", "57.0", "5.4", "83.3"]


def test_a_checked_turn_or_share_out_writes_nothing(session_factory: Factory) -> None:
    """The desk asks before a loan is granted and before a share-out: the same rules, the
    same answer, and the ledger as it was."""
    service, group_id, (ana, bety) = caja(session_factory, 2)
    meeting = service.open_meeting(group_id, FIRST)
    service.record_turn(meeting.id, bety, shares=5)
    before = snapshot(session_factory)
    # Ana's 2 shares today: 3 × $100 is her limit, so $400 is refused, $300 passes.
    with pytest.raises(SavingsError) as refused:
        service.record_turn(
            meeting.id, ana, shares=2, loan_cents=40000, loan_months=2, check_only=True
        )
    assert str(refused.value) == _("She may borrow up to {amount}.").format(amount=money(30000))
    checked = service.record_turn(
        meeting.id, ana, shares=2, loan_cents=30000, loan_months=2, check_only=True
    )
    assert checked.lent_cents == 30000 and checked.balance.loans[0].months == 2
    assert snapshot(session_factory) == before and ana not in service.meeting(meeting.id).done
    # Its movements, for the treasurer to correct: a corrected one is no longer offered.
    service.record_turn(meeting.id, ana, shares=2, social_fund_cents=1000)
    lines = service.meeting_movements(meeting.id)
    assert [(m.membership_id, m.kind, m.amount_cents) for m in lines] == [
        (bety, MovementKind.SHARE, 25000),
        (ana, MovementKind.SHARE, 10000),
        (ana, MovementKind.SOCIAL_FUND, 1000),
    ]
    service.correct(lines[2].id, "no vino al fondo", by_membership_id=bety)
    assert [m.id for m in service.meeting_movements(meeting.id)] == [lines[0].id, lines[1].id]
    box = service.balances(group_id).box_cents
    closed = service.close_meeting(meeting.id, box)
    assert service.last_meeting(group_id) == closed
    before = snapshot(session_factory)
    preview = service.share_out(group_id, check_only=True)
    assert snapshot(session_factory) == before and service.group(group_id).cycle_number == 1
    done = service.share_out(group_id)
    assert [(p.membership_id, p.amount_cents) for p in preview.payouts] == [
        (p.membership_id, p.amount_cents) for p in done.payouts
    ]
    assert service.group(group_id).cycle_number == 2
