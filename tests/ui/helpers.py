"""Shared steps of the window tests: open a kiosk window on its own data, and tap, type and
sign in on it as a person would."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.app import Context, create_window, init_database
from kiosk.config import Settings
from kiosk.data.demo import load_demo
from kiosk.data.models import StaffRole
from kiosk.services.staff import StaffInfo
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.conftest import migrated_sqlite

W = TypeVar("W", bound=QWidget)

# The staff member a test signs in when its data has none of its own.
IRMA, IRMA_PIN = "Irma Villalobos", "482913"


# --- a window on its own data ----------------------------------------------------------------


def kiosk_settings(data_dir: Path, **changes: object) -> Settings:
    """A test kiosk's settings: its own data folder, in a normal window, silent, without the
    first-visit guide (tests/ui/test_guide.py turns it on) so a sign-in goes straight on."""
    changes = {"first_visit_guide": False, **changes}
    settings = Settings(data_dir=data_dir, kiosk_mode=False, speech_enabled=False, **changes)  # type: ignore[arg-type]
    if not settings.database_url:
        migrated_sqlite(settings.sqlite_path)  # the schema at head, as the kiosk would make it
    return settings


def open_window(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, context: Context | None = None, size: tuple[int, int] = (1024, 768)
) -> MainWindow:
    """The kiosk window for ``settings`` (on ``context``'s database when given), at ``size``,
    shown until its start page is painted and has spoken its welcome."""
    window = create_window(settings, context)
    qtbot.addWidget(window)
    window.resize(*size)
    with qtbot.waitSignal(window.ready):
        show(qtbot, window)
    return window


def make_window(  # type: ignore[no-untyped-def]
    qtbot,
    tmp_path: Path,
    *,
    demo: bool = False,
    scale: int = 0,
    size: tuple[int, int] = (1024, 768),
    **settings: object,
) -> MainWindow:
    """A kiosk window on a new database in ``tmp_path / "data"``, with the example data
    (``kiosk demo --scale``) loaded first when ``demo``."""
    config = kiosk_settings(tmp_path / "data", **settings)
    context = init_database(config)
    if demo:
        load_demo(context.session_factory, scale=scale)
    return open_window(qtbot, config, context, size)


def show(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Show the window and wait until its start page has spoken its welcome, so what a test
    hears next is its own doing."""
    # A busy machine may take more than the default five seconds to paint the first page.
    with qtbot.waitSignal(window.speaker.spoken, timeout=20000):
        window.show_for_station()


def as_staff(window: MainWindow) -> StaffInfo:
    """A staff member signed in at the desk: the first one on the staff list, or Irma
    Villalobos, added now, when the kiosk has none."""
    person = next((p for p in window.staff_service.list() if p.is_staff), None)
    if person is None:
        person = window.staff_service.add(IRMA, StaffRole.STAFF, IRMA_PIN)
    window.staff_user = person
    return person


# --- what a person sees ----------------------------------------------------------------------


def page(window: MainWindow) -> str:
    """The name of the page on screen."""
    return window.current_page().objectName()


def shown(window: MainWindow, name: str, kind: type[W] = QWidget) -> W:  # type: ignore[assignment]
    """The one widget a person can see by that name (several pages have a summary, every
    listing view a listing_phone)."""
    found = [w for w in window.findChildren(kind, name) if w.isVisible()]
    assert len(found) == 1, name
    return found[0]


def tile(window: MainWindow, name: str) -> BigTile:
    """The one tile a person can see by that name (several pages have an answer_yes)."""
    return shown(window, name, BigTile)


def tile_showing(window: MainWindow, prefix: str, words: str) -> BigTile:
    """The one visible tile named ``prefix…`` whose words start with ``words``."""
    found = [
        t
        for t in window.findChildren(BigTile)
        if t.isVisible() and t.objectName().startswith(prefix) and t.text().startswith(words)
    ]
    assert len(found) == 1, (prefix, words, [t.text() for t in window.findChildren(BigTile)])
    return found[0]


def desk_tile(qtbot, window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    """The staff desk's tile ``name``, after paging the desk to it as staff would."""
    desk = window.desk
    assert window.current_page() is desk
    while desk.pager.page < desk.page_of(name):
        qtbot.mouseClick(desk.pager.next_button, Qt.MouseButton.LeftButton)
    while desk.pager.page > desk.page_of(name):
        qtbot.mouseClick(desk.pager.previous_button, Qt.MouseButton.LeftButton)
    button = desk.buttons[name]
    assert button.isVisible(), name
    return button


# --- what a person does ----------------------------------------------------------------------


def tap(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """A finger on a button she can see and use."""
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_jobs(qtbot, window: MainWindow, matters: str = "all") -> None:  # type: ignore[no-untyped-def]
    """From home: Empleo, then what matters most to her (``"all"``: every job), which opens
    the kinds of job."""
    tap(qtbot, tile(window, "tile_jobs"))
    assert page(window) == "jobs_matters"
    tap(qtbot, tile(window, f"matters_{matters}"))
    assert page(window) == "jobs"


def type_digits(qtbot, keypad, digits: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the keypad's keys one digit after the other."""
    for digit in digits:
        tap(qtbot, keypad.digit_keys[digit])


def enter_digits(qtbot, keypad, digits: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the digits, then the keypad's ✓."""
    type_digits(qtbot, keypad, digits)
    tap(qtbot, keypad.submit_button)


def type_words(qtbot, keyboard, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the on-screen keyboard's letters one after the other (the space bar for a space)."""
    for char in text:
        tap(qtbot, keyboard.space_button if char == " " else keyboard.letter_keys[char])


def enter_words(qtbot, keyboard, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the letters, then the keyboard's ✓."""
    type_words(qtbot, keyboard, text)
    tap(qtbot, keyboard.submit_button)


def sign_in_member(qtbot, window: MainWindow, phone: str) -> None:  # type: ignore[no-untyped-def]
    """On the sign-in page she types her phone on the keypad and says "yes, it's me"."""
    assert page(window) == "signin"
    enter_digits(qtbot, window.pages["signin"].keypad, phone)
    assert page(window) == "signin_confirm"
    tap(qtbot, tile(window, "answer_yes"))
    assert window.visit.member is not None and window.visit.member.phone == phone


def sign_in_at_desk(qtbot, window: MainWindow, name: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    """From home: the corner key (elsewhere, the staff list), her name, her PIN on the keypad
    (shown as dots), ✓."""
    if page(window) == "home":
        tap(qtbot, tile(window, "staff_key"))
    else:  # another station's own start page: its staff list is the desk's way in
        window.open("staff")
    assert page(window) == "staff"
    (person,) = [t for t in window.findChildren(BigTile) if t.isVisible() and t.text() == name]
    tap(qtbot, person)
    assert page(window) == "staff_pin"
    keypad = window.pages["staff_pin"].keypad
    type_digits(qtbot, keypad, pin)
    assert "•" in keypad.display_text() and pin not in keypad.display_text()
    tap(qtbot, keypad.submit_button)
