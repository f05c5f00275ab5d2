"""A caja's meeting at the desk, by taps: a new loan typed in big digits, refused over her
limit with nothing written, then granted with its schedule shown and spoken; a movement
corrected with a reason in the staff member's name; the share-out at the end of the cycle with
its slips printed and the next cycle open."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.app import init_database
from kiosk.data.models import MovementKind, SavingsKind, SavingsMovement
from kiosk.i18n import _, format_day, ngettext
from kiosk.services.savings import Rules, SavingsService, money, schedule, service_charge
from kiosk.ui.main_window import MainWindow
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    enter_digits,
    kiosk_settings,
    open_window,
    page,
    tap,
    tile,
    tile_showing,
)

PHONES = ("6145550101", "6145550102", "6145550103")
NAMES = ("Ana López", "Bety Ruiz", "Caro Díaz")
RULES = Rules(
    share_cents=5000,
    max_shares=5,
    social_fund_cents=1000,
    charge_bp=500,  # 5 % a month
    loan_multiple=3,
    max_loan_months=3,
)


class Desk:
    def __init__(self, window: MainWindow, factory, staff_id: int) -> None:  # type: ignore[no-untyped-def]
        self.window, self.factory, self.staff_id = window, factory, staff_id
        self.service: SavingsService = window.savings_desk.service
        self.heard: list[str] = []
        window.speaker.spoken.connect(self.heard.append)

    def ledger(self) -> list[tuple[int, str, int, int | None, str, int | None]]:
        with self.factory() as s:
            return [
                (r.id, r.kind, r.amount_cents, r.reverses_id, r.reason, r.staff_id)
                for r in s.scalars(select(SavingsMovement).order_by(SavingsMovement.id))
            ]


@pytest.fixture
def desk(qtbot, tmp_path: Path) -> Desk:  # type: ignore[no-untyped-def]
    config = kiosk_settings(tmp_path / "data", printer="pdf")
    context = init_database(config)
    window = open_window(qtbot, config, context)
    for name, phone in zip(NAMES, PHONES, strict=True):
        window.members.register(name, phone, consent=True)
    staff = as_staff(window)
    return Desk(window, context.session_factory, staff.id)


def to_group(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_savings"))
    tap(qtbot, tile(window, "staff_savings_0"))
    assert page(window) == "staff_savings_meeting"


def choose(qtbot, window: MainWindow, words: str) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile_showing(window, "savings_choice_", words))


def came_with_five_shares(qtbot, window: MainWindow, index: int) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, f"staff_savings_meeting_{index}"))
    choose(qtbot, window, _("She came"))
    choose(qtbot, window, ngettext("{n} share", "{n} shares", 5).format(n=5))


def slips(window: MainWindow) -> int:
    return len(list((window.settings.data_dir / "slips").glob("*.pdf")))


def test_a_meeting_with_a_loan_refused_then_granted(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    window, service = desk.window, desk.service
    group = service.create_group("Las Girasoles", SavingsKind.CAJA, list(PHONES), RULES)
    ana = group.members[0].membership_id
    to_group(qtbot, window)
    tap(qtbot, tile(window, "savings_action"))  # Open
    meeting = service.current_meeting(group.id)

    # Bety saves first (5 shares and the social fund), Caro does not come.
    came_with_five_shares(qtbot, window, 1)
    choose(qtbot, window, _("Save"))
    tap(qtbot, tile(window, "staff_savings_meeting_2"))
    choose(qtbot, window, _("She did not come"))

    # Ana: 5 shares ($250): she may borrow 3 × $250 = $750; she asks for $800.
    came_with_five_shares(qtbot, window, 0)
    choose(qtbot, window, _("New loan"))
    assert page(window) == "staff_savings_loan"
    loan_page = window.pages["staff_savings_loan"]
    before = desk.ledger()
    enter_digits(qtbot, loan_page.keypad, "800")
    assert window.message_overlay.isVisible()
    limit = 3 * 5 * RULES.share_cents
    assert window.message_overlay.text() == _("She may borrow up to {amount}.").format(
        amount=money(limit)
    )
    assert desk.ledger() == before  # nothing written, her turn not either
    assert ana not in service.meeting(meeting.id).done
    tap(qtbot, tile(window, "message_ok"))
    assert page(window) == "staff_savings_loan" and loan_page.keypad.text() == ""

    # $500 for 2 months: the schedule is shown and spoken, digits and bills.
    enter_digits(qtbot, loan_page.keypad, "500")
    assert loan_page.amount.text() == money(50000)
    assert loan_page.picture.cents == 50000
    tap(
        qtbot,
        tile_showing(window, "savings_loan_", ngettext("{n} month", "{n} months", 2).format(n=2)),
    )
    charge = service_charge(50000, RULES.charge_bp, 2)
    plan = schedule(50000, charge, 2, meeting.held_on)
    for due in plan:
        line = f"{format_day(due.due_on)}: {money(due.amount_cents)}"
        assert line in loan_page.plan.text()
        said = _("She pays {amount} on {day}.").format(
            amount=money(due.amount_cents), day=format_day(due.due_on)
        )
        assert any(said in phrase for phrase in desk.heard)
    assert desk.ledger() == before
    tap(qtbot, tile_showing(window, "savings_loan_", _("Lend")))
    assert page(window) == "staff_savings_turn"
    choose(qtbot, window, _("Save"))
    assert page(window) == "staff_savings_meeting"

    loan = service.member_balance(ana).loans[0]
    assert (loan.principal_cents, loan.charge_cents, loan.months) == (50000, charge, 2)
    assert loan.schedule == tuple(plan)
    # The box: two women's shares and social fund, less the loan; the close agrees.
    box = 2 * (5 * RULES.share_cents + RULES.social_fund_cents) - 50000
    assert service.balances(group.id).box_cents == box
    tap(qtbot, tile(window, "savings_action"))
    enter_digits(qtbot, window.pages["staff_savings_cash"].keypad, str(box // 100))
    assert service.current_meeting(group.id) is None
    qtbot.waitUntil(lambda: slips(window) == 3)  # two passbooks and the summary


def test_a_correction_by_taps(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    window, service = desk.window, desk.service
    group = service.create_group("Las Girasoles", SavingsKind.CAJA, list(PHONES), RULES)
    ana = group.members[0].membership_id
    meeting = service.open_meeting(group.id, service.today())
    service.record_turn(meeting.id, ana, shares=3, social_fund_cents=RULES.social_fund_cents)
    share_row = next(r for r in desk.ledger() if r[1] == MovementKind.SHARE)

    to_group(qtbot, window)
    tap(qtbot, tile(window, "savings_more"))  # Correct
    assert page(window) == "staff_savings_correct"
    tap(qtbot, tile_showing(window, "staff_savings_correct_", NAMES[0]))
    tap(qtbot, tile_showing(window, "staff_savings_correct_", _("Shares")))
    assert page(window) == "staff_savings_reason"
    tap(qtbot, tile(window, "savings_reason_write"))
    keyboard = window.pages["staff_savings_reason"].keyboard
    for char in "eran dos":
        keyboard.type_text(char)
    typed = keyboard.text()
    assert typed.lower() == "eran dos"
    tap(qtbot, keyboard.submit_button)
    tap(qtbot, tile(window, "confirm_yes"))
    assert page(window) == "staff_savings_meeting"

    reversal = [r for r in desk.ledger() if r[3] == share_row[0]]
    assert len(reversal) == 1
    _id, kind, amount, _rev, reason, staff_id = reversal[0]
    assert (kind, amount, reason, staff_id) == (
        MovementKind.SHARE,
        -share_row[2],
        typed,
        desk.staff_id,
    )
    mine = service.member_balance(ana)
    assert (mine.shares, mine.savings_cents) == (0, 0)
    assert service.balances(group.id).box_cents == RULES.social_fund_cents
    # Corrected once: the shares are no longer offered, the social fund still is.
    tap(qtbot, tile(window, "savings_more"))
    tap(qtbot, tile_showing(window, "staff_savings_correct_", NAMES[0]))
    page_ = window.pages["staff_savings_correct"]
    assert [t.text() for t in page_.tiles if t.isVisible()] == [
        f"{_('Social fund')} {money(RULES.social_fund_cents)}"
    ]


def test_a_share_out_by_taps(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    window, service = desk.window, desk.service
    rules = Rules(share_cents=5000, max_shares=5, social_fund_cents=1000, fine_late_cents=1000)
    group = service.create_group("Las Girasoles", SavingsKind.CAJA, list(PHONES), rules)
    ana, bety, caro = (m.membership_id for m in group.members)
    meeting = service.open_meeting(group.id, service.today())
    service.record_turn(meeting.id, ana, shares=3, social_fund_cents=1000, fine_cents=1000)
    service.record_turn(meeting.id, bety, shares=5, social_fund_cents=1000)
    service.record_turn(meeting.id, caro, present=False)
    box = service.balances(group.id).box_cents
    service.close_meeting(meeting.id, box)
    # Independently: the box less the social fund, split by shares 3 : 5 : 0.
    to_share = box - 2 * 1000
    expected = {ana: to_share * 3 // 8, bety: to_share * 5 // 8, caro: 0}
    assert sum(expected.values()) == to_share

    to_group(qtbot, window)
    tap(qtbot, tile(window, "savings_more"))  # Share out
    assert page(window) == "staff_savings_share_out"
    shown = window.pages["staff_savings_share_out"]
    for i, (name, cents) in enumerate(zip(NAMES, expected.values(), strict=True)):
        text = shown.rows[i][1].text()
        assert name in text and money(cents) in text
        assert shown.rows[i][2].cents == cents
    assert service.group(group.id).cycle_number == 1  # nothing done before ✓
    tap(qtbot, tile(window, "savings_share_out_yes"))

    assert page(window) == "staff_savings_meeting"
    paid = {r[0]: r for r in desk.ledger() if r[1] == MovementKind.PAYOUT}
    with desk.factory() as s:
        payouts = {
            m.membership_id: m.amount_cents
            for m in s.scalars(
                select(SavingsMovement).where(SavingsMovement.kind == MovementKind.PAYOUT)
            )
        }
    assert len(paid) == 2 and payouts == {k: v for k, v in expected.items() if v}
    assert service.group(group.id).cycle_number == 2
    assert service.balances(group.id).box_cents == 2 * 1000  # the social fund stays
    # A slip per woman and the group's summary reach the printer.
    qtbot.waitUntil(lambda: slips(window) == 4)
    opened = _("Shared out. The slips are printing. Cycle {n} is open.").format(n=2)
    assert opened in desk.heard
