"""Ahorro's groups at the desk, driven by taps: a new caja made one question a page (an unknown
phone is told), new rules start a new cycle, a treasurer's own PIN opens her group and nothing
else, a tanda's turns drawn at the kiosk and each woman's turn card printed, the savings report
saved as a spreadsheet readable by the kiosk's user only."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from kiosk.data.models import SavingsKind
from kiosk.services.reports import REPORTS_DIR
from kiosk.services.savings import Rules, SavingsService
from kiosk.ui.main_window import MainWindow
from tests.pdfs import pdf_text
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    enter_digits,
    enter_words,
    make_window,
    page,
    sign_in_at_desk,
    tap,
    tile,
    type_digits,
)

PHONES = ("6145550101", "6145550102", "6145550103")
NAMES = ("Ana López", "Bety Ruiz", "Caro Díaz")


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf")
    for name, phone in zip(NAMES, PHONES, strict=True):
        window.members.register(name, phone, consent=True)
    return window


def service(window: MainWindow) -> SavingsService:
    return window.savings_desk.service


def to_groups(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_savings"))
    tap(qtbot, tile(window, "savings_groups"))
    assert page(window) == "staff_savings_groups"


def step(window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    return window.pages[f"staff_savings_new_{name}"]


def confirm_number(qtbot, window: MainWindow, name: str, digits: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """On a rule's page: the usual value is already typed; ✓, or retype it first."""
    assert page(window) == f"staff_savings_new_{name}"
    keypad = step(window, name).keypad
    assert keypad.text()  # a default is shown, so she can just confirm
    if digits is not None:
        keypad.clear()
        enter_digits(qtbot, keypad, digits)
    else:
        tap(qtbot, keypad.submit_button)


def test_a_caja_made_by_taps_with_its_rules(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    as_staff(window)
    to_groups(qtbot, window)
    tap(qtbot, tile(window, "savings_new_group"))
    tap(qtbot, tile(window, "staff_savings_new_kind_0"))  # Caja de ahorro
    enter_words(qtbot, step(window, "name").keyboard, "las girasoles")
    assert page(window) == "staff_savings_new_phones"

    keypad = step(window, "phones").keypad
    enter_digits(qtbot, keypad, "6145559999")  # nobody has this phone: told, not added
    assert window.message_overlay.isVisible()
    window.message_overlay.hide()
    keypad.clear()
    for phone in PHONES:
        enter_digits(qtbot, keypad, phone)
    names = window.findChild(type(step(window, "phones").names), "savings_phones_names").text()
    assert [line.split(". ")[1] for line in names.splitlines()] == ["Ana", "Bety", "Caro"]
    tap(qtbot, tile(window, "savings_phones_ready"))

    tap(qtbot, tile(window, "staff_savings_new_weekday_2"))  # Wednesday
    tap(qtbot, tile(window, "staff_savings_new_frequency_1"))  # every two weeks
    confirm_number(qtbot, window, "share", "100")
    tap(qtbot, tile(window, "staff_savings_new_shares_2"))  # up to 3 shares
    confirm_number(qtbot, window, "social")  # $10, as offered
    confirm_number(qtbot, window, "charge")  # 5 % a month
    confirm_number(qtbot, window, "multiple", "2")
    confirm_number(qtbot, window, "months")
    confirm_number(qtbot, window, "fine_absent")
    confirm_number(qtbot, window, "fine_late")
    confirm_number(qtbot, window, "meetings", "20")
    assert page(window) == "staff_savings_new_review"
    assert not service(window).groups()
    tap(qtbot, tile(window, "savings_review_save"))

    (group,) = service(window).groups()
    assert group.name == "Las Girasoles" and group.kind is SavingsKind.CAJA
    assert (group.meeting_weekday, group.frequency_days) == (2, 14)
    assert [m.name for m in group.members] == list(NAMES)
    assert group.rules == Rules(
        share_cents=10000,
        max_shares=3,
        social_fund_cents=1000,
        charge_bp=500,
        loan_multiple=2,
        max_loan_months=3,
        fine_absent_cents=1000,
        fine_late_cents=500,
        meetings=20,
    )
    assert page(window) == "staff_savings_groups"

    # New rules, before any meeting: said to start a new cycle, then a new cycle it is.
    tap(qtbot, tile(window, "staff_savings_groups_0"))
    tap(qtbot, tile(window, "savings_new_rules"))
    confirm_number(qtbot, window, "share", "50")
    for name in ("shares",):
        assert page(window) == f"staff_savings_new_{name}"
        tap(qtbot, tile(window, "staff_savings_new_shares_4"))
    for name in ("social", "charge", "multiple", "months", "fine_absent", "fine_late", "meetings"):
        confirm_number(qtbot, window, name)
    assert "cycle" in window.pages["staff_savings_new_review"].purpose().lower() or "ciclo" in (
        window.pages["staff_savings_new_review"].purpose().lower()
    )
    tap(qtbot, tile(window, "savings_review_save"))
    (group,) = service(window).groups()
    assert group.cycle_number == 2
    assert (group.rules.share_cents, group.rules.max_shares, group.rules.meetings) == (5000, 5, 20)


def test_a_treasurer_opens_her_group_only(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rules = Rules(share_cents=5000)
    service(window).create_group("Las Rosas", SavingsKind.CAJA, list(PHONES[:2]), rules)
    mine = service(window).create_group("Las Girasoles", SavingsKind.CAJA, list(PHONES), rules)

    # Staff choose Bety as the treasurer; she types her own PIN.
    as_staff(window)
    to_groups(qtbot, window)
    tap(qtbot, tile(window, "staff_savings_groups_0"))  # Las Girasoles, by name
    tap(qtbot, tile(window, "savings_treasurer"))
    tap(qtbot, tile(window, "staff_savings_treasurer_1"))
    keypad = window.pages["staff_savings_treasurer_pin"].keypad
    type_digits(qtbot, keypad, "4821")
    assert "4821" not in keypad.display_text()  # dots: the room does not see her PIN
    tap(qtbot, keypad.submit_button)
    assert not keypad.text()
    assert service(window).group(mine.id).members[1].is_treasurer

    window.go_home()
    sign_in_at_desk(qtbot, window, f"{NAMES[1]} · Las Girasoles", "4821")
    assert page(window) == "staff_savings"
    shown = [
        t.text()
        for t in window.pages["staff_savings"].tiles
        if t.isVisible() and t.objectName().startswith("staff_savings_")
    ]
    assert shown == ["Las Girasoles"]
    tap(qtbot, tile(window, "staff_savings_0"))
    assert page(window) == "staff_savings_meeting"
    tap(qtbot, tile(window, "savings_action"))  # she opens her group's meeting
    assert service(window).current_meeting(mine.id) is not None

    # The rest of the desk asks for a staff PIN.
    for other in (
        "staff_desk",
        "staff_members",
        "staff_reports",
        "staff_settings",
        "staff_savings_treasurer",
    ):
        window.open(other)
        assert page(window) == "staff", other
    # Nor does her PIN open the children's room.
    childcare = next(n for n, p in window.pages.items() if p.signed_in_only)
    window.open(childcare)
    assert page(window) == "childcare", childcare
    window.open("staff_savings_groups")
    assert page(window) == "staff_savings_groups"
    shown = [t.text() for t in window.pages["staff_savings_groups"].tiles if t.isVisible()]
    assert shown == ["Las Girasoles"]  # no new group, no centre report: those are staff's


def test_a_tanda_drawn_by_taps_and_its_cards_printed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    as_staff(window)
    group = service(window).create_group(
        "Tanda del mercado",
        SavingsKind.TANDA,
        list(PHONES),
        Rules(share_cents=50000, max_shares=1, meetings=3),
    )
    to_groups(qtbot, window)
    tap(qtbot, tile(window, "staff_savings_groups_0"))
    tap(qtbot, tile(window, "savings_turns"))
    assert page(window) == "staff_savings_turns"
    before = [t.text() for t in window.pages["staff_savings_turns"].tiles if t.isVisible()]
    assert before[0].startswith("1. ")

    orders = set()
    for _ in range(8):  # a draw may give the same order again; eight rarely all do
        tap(qtbot, tile(window, "savings_draw"))
        drawn = service(window).group(group.id)
        order = tuple(m.name for m in sorted(drawn.members, key=lambda m: m.position))
        shown = [t.text() for t in window.pages["staff_savings_turns"].tiles if t.isVisible()]
        # The list shows the turns as drawn, numbered.
        assert shown[-3:] == [f"{i}. {name}" for i, name in enumerate(order, start=1)]
        orders.add(order)
    assert all(sorted(order) == sorted(NAMES) for order in orders) and len(orders) > 1

    tap(qtbot, tile(window, "savings_cards"))
    slips = window.settings.data_dir / "slips"
    qtbot.waitUntil(lambda: len(list(slips.glob("*.pdf"))) == 3)
    # Each woman's card points (➜) at her own turn, as drawn, with her name on that line.
    marked = sorted(
        re.search(r"➜\s*(\d+)\.\s*\S+\s*·\s*(.*)", pdf_text(p), re.S).groups()  # type: ignore[union-attr]
        for p in slips.glob("*.pdf")
    )
    drawn = sorted(service(window).group(group.id).members, key=lambda m: m.position)
    assert len(marked) == 3
    for (turn, rest), member in zip(marked, drawn, strict=True):
        assert turn == str(member.position) and rest.startswith(member.name), (turn, rest)


def test_the_savings_report_saved_for_the_kiosk_user_only(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    as_staff(window)
    service(window).create_group(
        "Las Girasoles", SavingsKind.CAJA, list(PHONES), Rules(share_cents=5000)
    )
    to_groups(qtbot, window)
    tap(qtbot, tile(window, "savings_save_csv"))
    folder = window.settings.data_dir / REPORTS_DIR
    (path,) = folder.glob("ahorro-*.csv")
    assert "Las Girasoles" in path.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
