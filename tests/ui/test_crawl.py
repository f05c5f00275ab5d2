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

# From these pages the crawl also takes a choice (the tile named, else the first), as far as
# three pages down: what the list and detail pages show depends on what was chosen before.
DEEPER: dict[str, dict[str, str]] = {
    "member": {"jobs": "", "jobs_list": "", "trade": "trade_0", "trade_list": "",
               "trade_mine": "", "trade_sell_kind": "", "programs": "", "programs_list": "",
               "trainings": ""},
    "volunteer": {"childcare_checkout": ""},
    "staff": {"staff_jobs": "staff_jobs_0", "staff_trainings": "", "staff_training": "",
              "staff_programs": "", "staff_trade": "", "staff_referrals": ""},
}  # fmt: skip

# Lists of records of one kind, each told apart by its words, under the kind's picture: a
# need's programs, the towns of the member form, the programs to confirm, and the children a
# volunteer hands over without a code (their faces when the mother agreed to a photo).
RECORD_LISTS = {
    ("programs_list", "picture money-bag"),
    ("staff_member_locality", "picture round-pushpin"),
    ("staff_programs", "picture warning"),
    ("childcare_nocode", "picture child-medium"),
}


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


def _window(qtbot, data: Context, station: str) -> MainWindow:  # type: ignore[no-untyped-def]
    """One window of the station for every size (resized between them)."""
    settings = kiosk_settings(Path(data.settings.data_dir), printer="pdf", station=station)
    context = Context(settings, data.engine, data.session_factory)
    return open_window(qtbot, settings, context)


def _role_pages(window: MainWindow, role: str) -> list[str]:
    def role_of(name: str) -> str:
        if name.startswith("childcare"):
            return "volunteer"
        if window.pages[name].staff_only or name in ("staff", "staff_pin"):
            return "staff"
        return "member"

    return [name for name in window.pages if role_of(name) == role]


def _crawl(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, role: str, where: str, size: tuple[int, int]
) -> list[str]:
    """Open each of the role's pages, and go deeper from those that list things; the
    problems of every page, each page looked at once with the most choices it showed."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    too_big: set[str] = set()

    def look() -> None:
        name = page(window)
        QApplication.processEvents()
        if (window.width(), window.height()) != size:
            # Qt grew the window past the screen: a page's content does not fit (the stack is
            # as big as its biggest page). Named once, the page that needs the room.
            room_w = size[0] - (window.width() - window.stack.width())
            room_h = size[1] - (window.height() - window.stack.height())
            for other, shown in window.pages.items():
                need = shown.minimumSizeHint()
                if (need.width() > room_w or need.height() > room_h) and other not in too_big:
                    too_big.add(other)
                    problems.append(
                        f"{where} {other}: does not fit ({need.width()}x{need.height()})"
                    )
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
            wanted = DEEPER[role][page(window)]
            choices = [t for t in body_choices(window) if t.objectName() == wanted or not wanted]
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
    known = RECORD_LISTS
    return any(f" {name}:" in problem and words in problem for name, words in known)


def _at_both_sizes(qtbot, window: MainWindow, role: str, who: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The role's pages at each size, in the same window."""
    problems: list[str] = []
    for width, height in SIZES:
        window.resize(width, height)
        QApplication.processEvents()
        problems += _crawl(qtbot, window, role, f"{who} {width}x{height}", (width, height))
    return problems


def _assert_simple(problems: list[str]) -> None:
    left = [p for p in problems if not _allowed(p)]
    assert not left, "\n".join(["pages a woman who reads little would trip on:", *left])


def test_a_members_pages_are_simple_enough(qtbot, data: Context) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, data, "member")
    problems = _at_both_sizes(qtbot, window, "member", "member")
    window.go_home()
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, PHONE)
    problems += _at_both_sizes(qtbot, window, "member", "member signed in")
    _assert_simple(problems)


def test_the_childcare_volunteers_pages_are_simple_enough(qtbot, data: Context) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, data, "childcare")
    tap(qtbot, tile_showing(window, "childcare_person_", VOLUNTEER))
    enter_digits(qtbot, window.pages["childcare_pin"].keypad, VOLUNTEER_PIN)
    assert window.visit.staff is not None
    _assert_simple(_at_both_sizes(qtbot, window, "volunteer", "volunteer"))


def test_the_staff_pages_are_simple_enough(qtbot, data: Context) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, data, "staff")
    sign_in_at_desk(qtbot, window, STAFF, STAFF_PIN)
    assert window.visit.staff is not None and window.visit.staff.is_staff
    _assert_simple(_at_both_sizes(qtbot, window, "staff", "staff"))
