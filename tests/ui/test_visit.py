"""One owner of a visit: whatever ends a visit — the idle time, Inicio after a finished task,
"No acepto", Salir, another person signing in — nothing of the last person is left anywhere
in the window for the next one; staff sign-ins end at Inicio, Salir or their own idle time;
each station idles to its own start page; the empty kiosk stays silent."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.data.models import StaffRole
from kiosk.services.members import MemberInfo
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import NumericKeypad, OnScreenKeyboard
from tests.ui.helpers import (
    enter_digits,
    enter_words,
    make_window,
    open_jobs,
    page,
    sign_in_at_desk,
    sign_in_member,
    tap,
    tile,
)

ANA_PHONE = "6145550123"
ANA = "Xiomara Quiroz"
TYPED_DIGITS = "9081726"
TYPED_WORDS = "Zuñiga Xochitl"
IRMA, IRMA_PIN = "Dolores Yáñez", "739146"  # staff of this test only


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, demo=True, printer="pdf")
    window.members.register(ANA, ANA_PHONE, consent=True)
    if not any(p.name == IRMA for p in window.staff_service.list()):
        window.staff_service.add(IRMA, StaffRole.STAFF, IRMA_PIN)
    return window


# --- what is left -----------------------------------------------------------------------------


def _outside(window: MainWindow, skip: tuple[str, ...]) -> list[QObject]:
    """The window's objects, less those of the pages in ``skip`` (the lists of staff names
    that the station always shows)."""
    skipped = [window.pages[name] for name in skip]
    found = []
    for obj in window.findChildren(QObject):
        parent: QObject | None = obj
        while parent is not None and parent not in skipped:
            parent = parent.parent()
        if parent is None:
            found.append(obj)
    return found


def _python_values(window: MainWindow, skip: tuple[str, ...]) -> Iterator[object]:
    """Every value a page, area or widget of the window keeps in its attributes, followed into
    the kiosk's own objects, dataclasses and containers (not into services or the database)."""
    seen: set[int] = {id(window.pages[name]) for name in skip}
    start: list[object] = [window, *_outside(window, skip)]
    start += [v for v in vars(window).values()]
    stack: list[tuple[object, int]] = [(obj, 0) for obj in start]
    while stack:
        obj, depth = stack.pop()
        if id(obj) in seen or depth > 6:
            continue
        seen.add(id(obj))
        yield obj
        if isinstance(obj, str | bytes | int | float | bool) or obj is None:
            continue
        if isinstance(obj, dict):
            stack += [(v, depth + 1) for v in (*obj.keys(), *obj.values())]
            continue
        if isinstance(obj, list | tuple | set | frozenset):
            stack += [(v, depth + 1) for v in obj]
            continue
        module = type(obj).__module__
        if dataclasses.is_dataclass(obj) or module.startswith("kiosk.ui"):
            try:
                attributes = vars(obj)
            except TypeError:
                attributes = {
                    f.name: getattr(obj, f.name)
                    for f in dataclasses.fields(obj)  # type: ignore[arg-type]
                }
            stack += [(v, depth + 1) for v in attributes.values()]


def _widget_texts(window: MainWindow, skip: tuple[str, ...]) -> Iterator[str]:
    for widget in _outside(window, skip):
        if not isinstance(widget, QWidget):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        yield widget.accessibleName()
        yield widget.accessibleDescription()


def assert_nothing_left(
    window: MainWindow,
    words: list[str],
    chosen: list[object] = (),  # type: ignore[assignment]
    *,
    now: MemberInfo | None = None,
    skip: tuple[str, ...] = (),
) -> None:
    """The visit owner is empty (but for ``now``, the next woman, when she signed in), every
    keypad and keyboard is empty, no text on screen or off it names her or repeats what she
    typed, and nothing she chose is still held."""
    assert window.visit.member == now and window.staff_user is None
    if now is None:
        assert window.visit.is_empty
    for entry in [*window.findChildren(NumericKeypad), *window.findChildren(OnScreenKeyboard)]:
        assert entry.text() == "", entry.parentWidget().objectName()
    lowered = [w.lower() for w in words if w]
    for text in _widget_texts(window, skip):
        for word in lowered:
            assert word not in text.lower(), (word, text)
    chosen_ids = {id(c) for c in chosen if c is not None}
    for value in _python_values(window, skip):
        if isinstance(value, str):
            for word in lowered:
                assert word not in value.lower(), (word, value[:80])
        assert not isinstance(value, MemberInfo) or value == now, value
        assert id(value) not in chosen_ids, value
    assert not window.navbar.sign_out.isVisible()
    assert window.member_label.text() == (now.first_name if now else "")


def fill_every_input(window: MainWindow, names: list[str]) -> int:
    """Open each page and type into its keypads and keyboards, as a person in a hurry would."""
    filled = 0
    for name in names:
        window.message_overlay.hide()
        window.confirm_overlay.hide()
        window.open(name)
        if page(window) != name:
            continue
        current = window.current_page()
        for keypad in current.findChildren(NumericKeypad):
            if keypad.isVisible():
                for digit in TYPED_DIGITS:
                    keypad.type_digit(digit)
                filled += 1
        for keyboard in current.findChildren(OnScreenKeyboard):
            if keyboard.isVisible():
                for char in TYPED_WORDS.lower():
                    keyboard.type_text(char)
                filled += 1
    window.message_overlay.hide()
    window.confirm_overlay.hide()
    return filled


def member_visit(qtbot, window: MainWindow) -> list[object]:  # type: ignore[no-untyped-def]
    """Ana signs in, opens a job and a course, and types on every member page."""
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, ANA_PHONE)
    assert ANA.split()[0] in window.member_label.text()
    open_jobs(qtbot, window)
    tap(qtbot, tile(window, "jobs_0"))
    tap(qtbot, tile(window, "jobs_list_0"))
    job = window.job_bank.detail.job
    assert job is not None
    window.open("trainings")
    tap(qtbot, tile(window, "trainings_0"))
    course = window.training_board.card
    member_pages = sorted(n for n, p in window.pages.items() if not p.staff_only)
    assert fill_every_input(window, member_pages) > 5
    assert window.visit.member is not None and window.visit.member.name == ANA
    return [job, course]


def staff_visit(qtbot, window: MainWindow) -> list[object]:  # type: ignore[no-untyped-def]
    window.go_home()
    sign_in_at_desk(qtbot, window, IRMA, IRMA_PIN)
    assert page(window) == "staff_desk"
    staff_pages = sorted(n for n, p in window.pages.items() if p.staff_only)
    assert fill_every_input(window, staff_pages) > 2
    return []


def run_out_the_idle_time(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.idle.configure(idle_ms=30, tick_ms=5)
    with qtbot.waitSignal(window.idle.timed_out, timeout=5000):
        window.idle.restart()


# --- ending a visit, each way -----------------------------------------------------------------


@pytest.mark.parametrize("ending", ["idle", "home_after_task", "sign_out", "next_member"])
def test_a_members_visit_leaves_nothing_for_the_next_woman(
    qtbot, window: MainWindow, ending: str
) -> None:  # type: ignore[no-untyped-def]
    chosen = member_visit(qtbot, window)
    if ending == "idle":
        run_out_the_idle_time(qtbot, window)
    elif ending == "home_after_task":
        window.open("job_detail")
        with qtbot.waitSignal(window.slip_desk.printed, timeout=30_000):
            tap(qtbot, tile(window, "job_print"))
        tap(qtbot, tile(window, "nav_home"))
    elif ending == "sign_out":
        window.go_home()
        tap(qtbot, tile(window, "tile_member"))  # "Salir"
    else:  # the next woman signs in at the same station, from the course page
        other = window.members.register("Rosa Bermúdez", "6145550999", consent=True)
        window.sign_in("home")
        window.signed_in(other)
        assert_nothing_left(
            window, [ANA, "Xiomara", ANA_PHONE, TYPED_DIGITS, "xochitl"], chosen, now=other
        )
        return
    assert page(window) == "home"
    assert_nothing_left(window, [ANA, "Xiomara", ANA_PHONE, TYPED_DIGITS, "xochitl"], chosen)


@pytest.mark.parametrize("ending", ["idle", "home", "sign_out"])
def test_a_staff_visit_ends_and_leaves_nothing(qtbot, window: MainWindow, ending: str) -> None:  # type: ignore[no-untyped-def]
    staff_visit(qtbot, window)
    assert window.navbar.sign_out.isVisible()
    assert "Dolores" in window.member_label.text()
    assert window.badge_picture.isVisible()
    if ending == "idle":
        run_out_the_idle_time(qtbot, window)
    elif ending == "home":
        tap(qtbot, tile(window, "nav_home"))
    else:
        tap(qtbot, tile(window, "nav_sign_out"))
    assert page(window) == "home"
    # Her name stays only where the station lists its staff and volunteers to choose from.
    assert_nothing_left(
        window, [IRMA, "Dolores", "Yáñez", TYPED_DIGITS, "xochitl"], skip=("staff", "childcare")
    )


def test_a_declined_registration_leaves_nothing_for_the_next_woman(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    def register(phone: str, name: str) -> None:
        tap(qtbot, tile(window, "tile_member"))
        enter_digits(qtbot, window.pages["signin"].keypad, phone)
        tap(qtbot, tile(window, "confirm_yes"))  # "¿Quieres registrarte?"
        assert page(window) == "register_name"
        keyboard = window.pages["register_name"].keyboard
        assert keyboard.text() == ""
        enter_words(qtbot, keyboard, name.lower())
        assert page(window) == "register_privacy"

    register("6145550777", "Lupe Soto")
    tap(qtbot, tile(window, "answer_no"))  # No acepto
    assert page(window) == "home"
    assert window.members.find_by_phone("6145550777") is None
    window.message_overlay.hide()
    assert_nothing_left(window, ["Lupe", "Soto", "6145550777"])
    register("6145550778", "Ana Ruiz")
    tap(qtbot, tile(window, "answer_yes"))  # Acepto
    assert window.visit.member is not None and window.visit.member.name == "Ana Ruiz"


# --- staff sign-in boundaries -----------------------------------------------------------------


def test_after_staff_tap_inicio_no_staff_or_childcare_page_opens_without_a_pin(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    sign_in_at_desk(qtbot, window, IRMA, IRMA_PIN)
    assert page(window) == "staff_desk"
    tap(qtbot, tile(window, "nav_home"))
    assert page(window) == "home" and window.staff_user is None
    for name in ("staff_desk", "staff_members", "staff_settings"):
        window.open(name)
        assert page(window) == "staff", name
    window.go_home()
    window.open("childcare_checkin")
    assert page(window) == "childcare"
    assert not window.pages["childcare"].menu.isVisible()
    # A member who signs in next gets nothing of staff's either.
    window.go_home()
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, ANA_PHONE)
    window.open("staff_desk")
    assert page(window) == "staff"
    window.open("childcare_room")
    assert page(window) == "childcare"


def test_staff_have_their_own_short_idle_time(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, idle_seconds=90, staff_idle_seconds=30)
    window.staff_service.add(IRMA, StaffRole.STAFF, IRMA_PIN)
    assert window.idle.idle_ms == 90_000
    sign_in_at_desk(qtbot, window, IRMA, IRMA_PIN)
    assert window.idle.idle_ms == 30_000
    tap(qtbot, tile(window, "nav_sign_out"))
    assert window.idle.idle_ms == 90_000


@pytest.mark.parametrize(("station", "start"), [("staff", "staff"), ("childcare", "childcare")])
def test_each_station_idles_back_to_its_own_start_page(
    qtbot, tmp_path: Path, station: str, start: str
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, station=station)
    window.staff_service.add(IRMA, StaffRole.STAFF, IRMA_PIN)
    assert page(window) == start
    window.staff_signed_in(window.staff_service.sign_in(1, IRMA_PIN))
    assert page(window) in ("staff_desk", "childcare")
    run_out_the_idle_time(qtbot, window)
    assert page(window) == start
    assert window.staff_user is None
    # Inicio on the station goes to the station's page too, never to the member home.
    window.open("staff")
    tap(qtbot, tile(window, "nav_home"))
    assert page(window) == start


# --- a quiet kiosk ----------------------------------------------------------------------------


def test_the_empty_home_stays_silent_for_ten_idle_periods(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    said: list[str] = []
    window.speaker.spoken.connect(said.append)
    window.idle.configure(idle_ms=20, tick_ms=5)
    for _ in range(10):
        with qtbot.waitSignal(window.idle.quiet, timeout=5000):
            window.idle.start()
        assert not window.idle_overlay.isVisible()
    assert said == []
    assert page(window) == "home"


def test_a_visit_in_progress_is_still_warned(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_jobs(qtbot, window)
    window.idle.configure(idle_ms=20, tick_ms=5)
    with qtbot.waitSignal(window.idle.warned, timeout=5000):
        window.idle.restart()
    assert window.idle_overlay.isVisible()


def test_a_staff_sign_in_is_not_kept_alive_by_touches_on_member_pages(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt, QTimer

    sign_in_at_desk(qtbot, window, IRMA, IRMA_PIN)
    window.open("jobs")  # staff went to a member page and walked away
    touches: list[int] = []

    def touch() -> None:  # a woman keeps touching the member page
        qtbot.mouseClick(window.pages["jobs"], Qt.MouseButton.LeftButton)
        touches.append(1)

    toucher = QTimer()
    toucher.timeout.connect(touch)
    toucher.start(30)
    window.staff_clock.start(300)
    with qtbot.waitSignal(window.staff_clock.expired, timeout=5000):
        pass
    toucher.stop()
    assert len(touches) >= 3
    assert window.staff_user is None
    assert page(window) == "home"


def test_a_question_left_open_goes_with_the_visit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    answered: list[bool] = []
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, ANA_PHONE)
    window.confirm("¿Cancelar tu lugar?", None, answered.append)
    assert window.confirm_overlay.isVisible()
    window.end_visit("signed_out")
    assert not window.confirm_overlay.isVisible()
    window.confirm_overlay.answered.emit(True)
    assert answered == []
