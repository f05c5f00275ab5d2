"""A savings group's meeting step by step, without a window: a fake window and fake pages, a
real database. What the treasurer is shown and told after each tap, and what is printed."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import Member, SavingsKind, StaffRole
from kiosk.i18n import _, ngettext
from kiosk.services.members import MemberService
from kiosk.services.reports import REPORTS_DIR
from kiosk.services.savings import Rules, SavingsService, money
from kiosk.services.staff import StaffInfo, StaffService
from kiosk.ui.areas.savings.flow import Desk, SavingsFlow, Views
from kiosk.ui.areas.savings.groups_flow import GroupsFlow
from tests.ui.areas.desk_fakes import FakePage, FakeShell

Factory = sessionmaker[Session]
T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
RULES = Rules(
    share_cents=5000,
    max_shares=3,
    social_fund_cents=1000,
    charge_bp=500,
    loan_multiple=3,
    max_loan_months=3,
    fine_absent_cents=2000,
    fine_late_cents=1000,
    meetings=26,
)
_phones = itertools.count(1)


def shares(n: int) -> str:
    return ngettext("{n} share", "{n} shares", n).format(n=n)


class Meeting:
    """The flow with its fake window and pages, and what was printed."""

    def __init__(self, factory: Factory, kind: SavingsKind = SavingsKind.CAJA) -> None:
        phones = [f"614{next(_phones):07d}" for _ in range(3)]
        with factory.begin() as s:
            s.add_all(Member(name=f"Compañera {p[-2:]}", phone=p) for p in phones)
        self.service = SavingsService(factory, clock=lambda: T0)
        rules = RULES if kind is SavingsKind.CAJA else Rules(50000, 1, 0, 0, 0, 0, 0, 0, 3)
        self.group = self.service.create_group("Las Girasoles", kind, phones, rules)
        self.shell = FakeShell()
        self.printed: list[str] = []
        # Who is signed in at the desk: the corrections are made in her name.
        staff = StaffService(factory).add(f"Laura {phones[0]}", StaffRole.STAFF, "2468")
        self.person: StaffInfo | None = None  # who is signed in: staff with no group of her own
        self.flow = SavingsFlow(
            Desk(self.shell, self.service, self.printed.append, lambda: staff.id, self.signed_in)
        )
        self.meeting, self.turn, self.cash = FakePage(), FakePage(), FakePage()
        self.flow.views = Views(meeting=self.meeting, turn=self.turn, cash=self.cash)

    def signed_in(self) -> StaffInfo | None:
        return self.person

    def open_meeting(self) -> None:
        self.flow.choose_group(self.group)
        self.flow.action()

    def tap(self, words: str) -> None:
        """Touch the choice of her turn's step whose words start with ``words``."""
        _question, choices = self.flow.turn_step()
        next(c for c in choices if c.words.lstrip("✓ ").startswith(words)).do()


def test_a_woman_s_turn_is_asked_step_by_step_and_written_when_saved(
    session_factory: Factory,
) -> None:
    desk = Meeting(session_factory)
    desk.open_meeting()
    assert desk.shell.opened == ["staff_savings_meeting"]
    assert desk.flow.meeting is not None and desk.meeting.shown == 1
    woman = desk.group.members[0]
    desk.flow.choose_woman(woman)
    assert desk.shell.opened[-1] == "staff_savings_turn"
    desk.flow.start_turn()
    question, choices = desk.flow.turn_step()
    assert question == _("Did she come?") and len(choices) == 2
    desk.tap(_("She came"))
    question, choices = desk.flow.turn_step()
    assert question == _("How many shares?") and desk.shell.said[-1] == question
    assert [c.icon for c in choices] == ["number.0", "number.1", "number.2", "number.3"]
    desk.tap(shares(2))
    question, choices = desk.flow.turn_step()
    assert question == _("What else does she pay?")
    # The social fund starts on; the fine starts off and is switched on with a touch.
    assert choices[0].words.startswith("✓ ") and not choices[1].words.startswith("✓ ")
    desk.tap(_("Fine"))
    assert desk.shell.said[-1] == _("{what}: yes").format(
        what=_("Fine {amount}").format(amount=money(1000))
    )
    desk.tap(_("Save"))
    assert desk.shell.said[-1] == _("Saved.") and desk.shell.opened[-1] == "staff_savings_meeting"
    balance = desk.service.member_balance(woman.membership_id)
    assert balance.savings_cents == 2 * 5000
    desk.flow.refresh_meeting()
    assert desk.flow.done(woman)
    desk.flow.choose_woman(woman)
    assert desk.shell.messages == [_("Her turn is already recorded at this meeting.")]


def test_a_loan_over_her_limit_is_refused_with_the_service_s_sentence(
    session_factory: Factory,
) -> None:
    desk = Meeting(session_factory)
    desk.open_meeting()
    desk.flow.choose_woman(desk.group.members[0])
    desk.flow.start_turn()
    desk.tap(_("She came"))
    desk.tap(shares(1))
    assert not desk.flow.check_loan(1_000_000, 1)  # $10 000 on $50 of savings
    assert len(desk.shell.errors) == 1
    assert desk.flow.check_loan(5000, 2)
    plan = desk.flow.loan_plan(5000, 2)
    assert len(plan.lines) == 2 and money(5000) in plan.said
    desk.flow.grant_loan(5000, 2)
    assert desk.shell.opened[-1] == "staff_savings_turn"
    desk.flow.start_turn()  # back on her turn as it was: the loan shown as granted
    _question, choices = desk.flow.turn_step()
    assert any(c.words == "✓ " + _("Loan {amount}").format(amount=money(5000)) for c in choices)
    desk.tap(_("Save"))
    loans = desk.service.member_balance(desk.group.members[0].membership_id).loans
    assert [loan.principal_cents for loan in loans] == [5000]


def test_the_close_prints_a_passbook_for_who_came_and_the_summary(
    session_factory: Factory,
) -> None:
    desk = Meeting(session_factory)
    desk.open_meeting()
    came, absent = desk.group.members[0], desk.group.members[1]
    for woman, first in ((came, _("She came")), (absent, _("She did not come"))):
        desk.flow.choose_woman(woman)
        desk.flow.start_turn()
        desk.tap(first)
        if woman is came:
            desk.tap(shares(1))
            desk.tap(_("Save"))
    box = desk.flow.box_cents()
    assert box == 5000 + 1000
    desk.flow.close(1)  # a peso: not what the box holds
    assert desk.cash.cleared == 1 and len(desk.shell.errors) == 1 and not desk.printed
    desk.flow.close(box // 100)
    assert len(desk.printed) == 2  # her passbook and the treasurer's summary
    assert desk.shell.opened[-1] == "staff_savings" and desk.flow.meeting is None


def test_a_correction_is_asked_then_reverses_the_movement(session_factory: Factory) -> None:
    desk = Meeting(session_factory)
    desk.open_meeting()
    woman = desk.group.members[0]
    desk.flow.choose_woman(woman)
    desk.flow.start_turn()
    desk.tap(_("She came"))
    desk.tap(shares(3))
    desk.tap(_("Save"))
    desk.flow.more()
    assert desk.shell.opened[-1] == "staff_savings_correct"
    assert desk.flow.to_correct() == [woman]
    desk.flow.choose_to_correct(woman)
    lines = desk.flow.to_correct()
    share = next(line for line in lines if line.amount_cents == 15000)
    desk.flow.choose_to_correct(share)
    assert desk.shell.opened[-1] == "staff_savings_reason"
    desk.flow.ask_correct("Wrong amount", "Shares")
    assert desk.shell.asked == [
        _("Cancel {what}? {reason}.").format(what="Shares", reason="Wrong amount")
    ]
    assert desk.shell.said[-1] == _("Corrected. The movement is cancelled.")
    assert desk.service.member_balance(woman.membership_id).savings_cents == 0


def test_a_tanda_round_is_paid_then_the_pot_is_given(session_factory: Factory) -> None:
    desk = Meeting(session_factory, SavingsKind.TANDA)
    desk.open_meeting()
    for woman in desk.group.members:
        desk.flow.choose_woman(woman)
    assert desk.shell.said[-1] == _("{name} paid.").format(name=desk.group.members[-1].name)
    assert not desk.flow.round_done()
    desk.flow.action()
    first = min(desk.group.members, key=lambda m: m.position)
    assert _("{name} takes the pot.").format(name=first.name) in desk.shell.said
    assert desk.flow.round_done()
    desk.flow.action()  # the pot is taken: the action is now to count and close
    assert desk.shell.opened[-1] == "staff_savings_cash"


@pytest.mark.parametrize("treasurer", [False, True])
def test_a_treasurer_sees_her_group_only(session_factory: Factory, treasurer: bool) -> None:
    desk = Meeting(session_factory)
    other = Meeting(session_factory)
    assert {g.id for g in desk.flow.groups()} >= {desk.group.id, other.group.id}
    if not treasurer:
        return
    woman = desk.group.members[0]
    desk.service.set_treasurer(desk.group.id, woman.membership_id, "4821")
    staff = desk.service.group(desk.group.id).treasurer_staff_id
    person = StaffInfo(id=staff or 0, name="Tesorera", role=StaffRole.TREASURER)
    desk.person = person
    assert [g.id for g in desk.flow.groups()] == [desk.group.id]


def groups_flow(
    factory: Factory, tmp_path: Path
) -> tuple[GroupsFlow, FakeShell, list[str], list[StaffInfo]]:
    shell, printed = FakeShell(), []
    service = SavingsService(factory, clock=lambda: T0)
    person: list[StaffInfo] = []  # who is signed in: nobody, or a test's treasurer
    desk = Desk(shell, service, printed.append, lambda: None, lambda: next(iter(person), None))
    flow = GroupsFlow(desk, MemberService(factory), tmp_path)
    flow.turns, flow.pin = FakePage(), FakePage()
    return flow, shell, printed, person


def test_a_new_tanda_asks_its_questions_and_skips_the_loan_rules(
    session_factory: Factory, tmp_path: Path
) -> None:
    flow, shell, _printed, _person = groups_flow(session_factory, tmp_path)
    phones = [f"614{next(_phones):07d}" for _ in range(2)]
    with session_factory.begin() as s:
        s.add_all(Member(name=f"Rosa{p[-2:]} Soto", phone=p) for p in phones)
    flow.new_group()
    flow.kind(SavingsKind.TANDA.value)
    flow.name("")
    assert shell.errors == [_("Write the group's name and try again.")]
    flow.name("Tanda del mercado")
    assert flow.add_phone(phones[0]) and shell.said[-1] == f"Rosa{phones[0][-2:]}"  # her first name
    assert not flow.add_phone(phones[0])  # already in
    assert not flow.add_phone("6140000000")  # nobody has it
    assert flow.add_phone(phones[1])
    for step in ("phones", "weekday", "frequency"):
        flow.next_step(step)
    # A tanda: the share, then straight to the fines and the cycle (no loan questions).
    asked = [name.removeprefix("staff_savings_new_") for name in shell.opened]
    assert asked == ["kind", "name", "phones", "weekday", "frequency", "share"]
    for key in ("share", "fine_absent", "fine_late", "meetings"):
        flow.rule(key, flow.rule_text(key))
    assert shell.opened[-1] == "staff_savings_new_review"
    flow.save()
    assert shell.messages == [_("The group is saved.")]
    assert flow.group is not None and len(flow.group.members) == 2
    assert flow.group.rules.meetings == 2  # one round for each woman, as offered
    flow.draw_turns()
    assert flow.turns is not None and shell.said[-1].startswith(_("Turn 1: {name}.")[:5])
    flow.print_cards()
    assert len(_printed) == 2 and shell.messages[-1] == _("The turn cards are printing.")


def test_the_savings_report_is_saved_for_staff_only(
    session_factory: Factory, tmp_path: Path
) -> None:
    flow, _shell, _printed, signed_in = groups_flow(session_factory, tmp_path)
    path = flow.save_csv()
    assert path is not None and path.parent == tmp_path / REPORTS_DIR and path.exists()
    signed_in.append(StaffInfo(id=1, name="Tesorera", role=StaffRole.TREASURER))
    assert flow.save_csv() is None
