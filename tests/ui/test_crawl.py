"""Every page as a woman who reads little meets it: walked as a member (before and after she
signs in), as the childcare volunteer at her station and as staff at the desk, at 1366×768 and
1024×768, on the example data. On no page body more than six choices, no two choices with
different words sharing a picture, no words the voice reads cut with "…", and no picture of
the navigation bar under 64 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import Context, init_database
from kiosk.data.demo import load_demo
from kiosk.data.models import StaffRole
from kiosk.services.members import MemberService
from kiosk.services.staff import StaffService
from kiosk.ui.main_window import MainWindow
from tests.ui.crawl import body_choices, nav_problems, page_problems
from tests.ui.helpers import (
    enter_digits,
    kiosk_settings,
    open_window,
    page,
    sign_in_at_desk,
    sign_in_member,
    tap,
    tile,
    tile_showing,
)

SIZES = [(1366, 768), (1024, 768)]
PHONE, NAME = "6145550177", "Yadira Quintero"
STAFF, STAFF_PIN = "Zulema Garza", "731946"
VOLUNTEER, VOLUNTEER_PIN = "Wendy Ochoa", "6284"

# From these pages the crawl also takes the first choice, as far as three pages down: what
# the list and detail pages show depends on what was chosen before them.
DEEPER = {
    "member": {"jobs", "jobs_list", "trade", "trade_list", "trade_mine", "programs",
               "programs_list", "trainings"},
    "volunteer": {"childcare_checkout"},
    "staff": {"staff_jobs", "staff_trainings", "staff_training", "staff_programs",
              "staff_trade", "staff_referrals"},
}  # fmt: skip

# Problems that other changes of the same work fix; delete an entry when its change is in.
# (page, words that name the problem)
KNOWN_ELSEWHERE: set[tuple[str, str]] = set()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    """One example database for every role and size (the crawl only reads and taps)."""
    settings = kiosk_settings(tmp_path_factory.mktemp("crawl") / "data", printer="pdf")
    context = init_database(settings)
    load_demo(context.session_factory)
    staff = StaffService(context.session_factory)
    staff.add(STAFF, StaffRole.STAFF, STAFF_PIN)
    staff.add(VOLUNTEER, StaffRole.VOLUNTEER, VOLUNTEER_PIN)
    MemberService(context.session_factory).register(NAME, PHONE, consent=True)
    yield context
    context.engine.dispose()


def _window(qtbot, data: Context, station: str, size: tuple[int, int]) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = kiosk_settings(Path(data.settings.data_dir), printer="pdf", station=station)
    context = Context(settings, data.engine, data.session_factory)
    window = open_window(qtbot, settings, context, size)
    window.resize(*size)  # a window that is not full screen opens at 1366 × 768
    QApplication.processEvents()
    assert (window.width(), window.height()) == size
    return window


def _role_pages(window: MainWindow, role: str) -> list[str]:
    def role_of(name: str) -> str:
        if name.startswith("childcare"):
            return "volunteer"
        if window.pages[name].staff_only or name in ("staff", "staff_pin"):
            return "staff"
        return "member"

    return [name for name in window.pages if role_of(name) == role]


def _crawl(qtbot, window: MainWindow, role: str, where: str, seen: dict[str, int]) -> list[str]:  # type: ignore[no-untyped-def]
    """Open each of the role's pages, and go deeper from those that list things; the
    problems of every page, each page looked at once with the most choices it showed."""
    problems: list[str] = []

    def look() -> None:
        name = page(window)
        QApplication.processEvents()
        count = len(body_choices(window))
        if name in seen and seen[name] >= count:
            return
        seen[name] = count
        problems.extend(page_problems(window, f"{where} {name}"))

    for name in _role_pages(window, role):
        window.open(name)
        look()
        depth = 0
        while page(window) in DEEPER[role] and depth < 3:
            choices = body_choices(window)
            if not choices:
                break
            before = page(window)
            tap(qtbot, choices[0])
            window.message_overlay.hide()
            window.confirm_overlay.hide()
            if page(window) == before:
                break
            look()
            depth += 1
    # The bar is the same on every page but the member's home: looked at once.
    window.open(next(n for n in _role_pages(window, role) if window.pages[n] is not window.home))
    problems.extend(nav_problems(window, where))
    return problems


def _allowed(problem: str) -> bool:
    return any(f" {name}:" in problem and words in problem for name, words in KNOWN_ELSEWHERE)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_is_simple_enough(qtbot, data: Context, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    label = f"{size[0]}x{size[1]}"
    problems: list[str] = []

    member = _window(qtbot, data, "member", size)
    seen: dict[str, int] = {}
    problems += _crawl(qtbot, member, "member", f"member {label}", seen)
    member.go_home()
    tap(qtbot, tile(member, "tile_member"))
    sign_in_member(qtbot, member, PHONE)
    problems += _crawl(qtbot, member, "member", f"member signed in {label}", {})

    volunteer = _window(qtbot, data, "childcare", size)
    tap(qtbot, tile_showing(volunteer, "childcare_person_", VOLUNTEER))
    enter_digits(qtbot, volunteer.pages["childcare_pin"].keypad, VOLUNTEER_PIN)
    assert volunteer.visit.staff is not None
    problems += _crawl(qtbot, volunteer, "volunteer", f"volunteer {label}", {})

    staff = _window(qtbot, data, "staff", size)
    sign_in_at_desk(qtbot, staff, STAFF, STAFF_PIN)
    assert staff.visit.staff is not None and staff.visit.staff.is_staff
    problems += _crawl(qtbot, staff, "staff", f"staff {label}", {})

    left = [p for p in problems if not _allowed(p)]
    assert not left, "\n".join(["pages a woman who reads little would trip on:", *left])
