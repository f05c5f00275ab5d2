"""Ahorro at the desk, driven by taps: the treasurer opens a caja's meeting, records each
woman's turn (came or not, shares as stamps, social fund), finds the meeting where it was after
the kiosk forgot everything, closes it with the cash count, and the passbooks print; a tanda's
round: each woman pays, the pot is given, the round is closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.data.models import SavingsKind
from kiosk.i18n import _, ngettext
from kiosk.services.savings import Rules, SavingsService
from kiosk.ui.main_window import MainWindow
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    enter_digits,
    make_window,
    page,
    tap,
    tile,
    tile_showing,
)

PHONES = ("6145550101", "6145550102", "6145550103")
NAMES = ("Ana López", "Bety Ruiz", "Caro Díaz")


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf")
    for name, phone in zip(NAMES, PHONES, strict=True):
        window.members.register(name, phone, consent=True)
    as_staff(window)
    return window


def service(window: MainWindow) -> SavingsService:
    return window.savings_desk.service


def to_group(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_savings"))
    assert page(window) == "staff_savings"
    tap(qtbot, tile(window, "staff_savings_0"))
    assert page(window) == "staff_savings_meeting"


def choice(window: MainWindow, index: int):  # type: ignore[no-untyped-def]
    return tile(window, f"savings_choice_{index}")


def save_tile(window: MainWindow):  # type: ignore[no-untyped-def]
    return tile_showing(window, "savings_choice_", _("Save"))


def test_a_meeting_by_taps_resumes_and_prints_passbooks(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rules = Rules(share_cents=5000, max_shares=5, social_fund_cents=1000, fine_late_cents=1000)
    group = service(window).create_group("Las Girasoles", SavingsKind.CAJA, list(PHONES), rules)
    heard: list[str] = []
    window.speaker.spoken.connect(heard.append)
    to_group(qtbot, window)
    tap(qtbot, tile(window, "savings_action"))  # Open
    assert tile(window, "staff_savings_meeting_0").text() == NAMES[0]

    # Ana came and buys 3 shares (the 4th stamp tile: 0, 1, 2, 3), social fund on: save.
    tap(qtbot, tile(window, "staff_savings_meeting_0"))
    assert page(window) == "staff_savings_turn" and NAMES[0] in heard
    tap(qtbot, choice(window, 0))
    assert choice(window, 3).text().startswith(ngettext("{n} share", "{n} shares", 3).format(n=3))
    tap(qtbot, choice(window, 3))
    assert choice(window, 0).text().startswith("✓")  # the social fund, on
    tap(qtbot, save_tile(window))  # Save (social fund, fine, new loan, save)
    assert page(window) == "staff_savings_meeting"
    assert tile(window, "staff_savings_meeting_0").text() == f"✓ {NAMES[0]}"

    # Bety did not come.
    tap(qtbot, tile(window, "staff_savings_meeting_1"))
    tap(qtbot, choice(window, 1))
    assert tile(window, "staff_savings_meeting_1").text() == f"✓ {NAMES[1]}"

    # The power goes: the kiosk forgets its visit; the meeting is where it was.
    window.savings_desk.reset()
    to_group(qtbot, window)
    assert tile(window, "staff_savings_meeting_0").text() == f"✓ {NAMES[0]}"
    assert tile(window, "staff_savings_meeting_2").text() == NAMES[2]

    # Caro came, 5 shares, no social fund this time.
    tap(qtbot, tile(window, "staff_savings_meeting_2"))
    tap(qtbot, choice(window, 0))
    tap(qtbot, choice(window, 5))
    tap(qtbot, choice(window, 0))  # social fund off
    assert not choice(window, 0).text().startswith("✓")
    tap(qtbot, save_tile(window))

    # Close: the box should have 8 shares and 1 social fund; a wrong count is told.
    tap(qtbot, tile(window, "savings_action"))
    assert page(window) == "staff_savings_cash"
    box = 8 * 5000 + 1000
    assert service(window).balances(group.id).box_cents == box
    keypad = window.pages["staff_savings_cash"].keypad
    enter_digits(qtbot, keypad, "400")
    assert page(window) == "staff_savings_cash"
    assert service(window).current_meeting(group.id) is not None
    enter_digits(qtbot, keypad, "410")
    assert page(window) == "staff_savings"
    assert service(window).current_meeting(group.id) is None
    # Two passbooks (the women who came) and the treasurer's summary reach the printer.
    slips = window.settings.data_dir / "slips"
    qtbot.waitUntil(lambda: len(list(slips.glob("*.pdf"))) == 3)


def test_a_tanda_round_by_taps(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    group = service(window).create_group(
        "Tanda del mercado",
        SavingsKind.TANDA,
        list(PHONES),
        Rules(share_cents=50000, max_shares=1, meetings=3),
    )
    to_group(qtbot, window)
    tap(qtbot, tile(window, "savings_action"))  # Open the round
    for i in range(3):
        tap(qtbot, tile(window, f"staff_savings_meeting_{i}"))
        assert tile(window, f"staff_savings_meeting_{i}").text().startswith("✓")
    tap(qtbot, tile(window, "savings_action"))  # Give the pot
    round_ = service(window).tanda_round(service(window).current_meeting(group.id).id)
    assert round_.pot_taken and round_.receiver_membership_id == group.members[0].membership_id
    tap(qtbot, tile(window, "savings_action"))  # Close
    enter_digits(qtbot, window.pages["staff_savings_cash"].keypad, "0")
    b = service(window).balances(group.id)
    assert b.tanda_in_cents == b.tanda_pot_cents == 150000 and b.box_cents == 0
