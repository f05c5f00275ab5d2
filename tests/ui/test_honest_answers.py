"""Answers that do not mislead, seen in the window at 1024×768 as a woman who reads little would
meet them: a place in line is amber with an hourglass and says she has no seat (its slip says
the same in its largest line); the chairs count the free seats; an error shows a red ✗ and
"Intentar otra vez"; cancelling says what will happen first; a childcare warning never covers
the pickup code; long titles wrap instead of being cut, and the voice says them whole; a
program's sheet prints with what she needs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import init_database
from kiosk.data.models import StaffRole
from kiosk.i18n import _, format_day, format_time
from kiosk.services.programs import ProgramDraft, ProgramNeed
from kiosk.services.staff import StaffService
from kiosk.services.trainings import EnrollmentStatus
from kiosk.ui.areas.trainings.card_tile import TrainingCardTile
from kiosk.ui.areas.trainings.common import WAITING_COLOUR
from kiosk.ui.main_window import MainWindow
from kiosk.words import DOCUMENT_WORDS, format_phone
from tests.pdfs import pdf_text
from tests.ui.helpers import (
    kiosk_settings,
    make_window,
    open_window,
    page,
    shown,
    tap,
    tile,
    type_digits,
)
from tests.ui.test_childcare_ui import PHONE as ANA_PHONE
from tests.ui.test_childcare_ui import add_ana_and_her_children, start_shift
from tests.ui.test_trainings_ui import course, member, service, sign_in_ana, slip_text

PRINT_WAIT_MS = 60_000


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return at_1024(qtbot, make_window(qtbot, tmp_path, printer="pdf"))


def band_colour(window: MainWindow) -> str:
    """The colour the title band is painted in, read off its pixels (above its words)."""
    header = window.header
    return str(header.grab().toImage().pixelColor(header.width() // 2, 1).name())


def at_1024(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window on the smallest screen the kiosk supports."""
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024 and window.height() == 768)
    return window


def on_window(widget: QWidget, window: MainWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def type_sizes(pdf: Path) -> list[tuple[float, str]]:
    """Every piece of text on page 1 with its printed size in points, largest first."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            found.append((round(size * abs(tm[3] or 1) * abs(cm[3] or 1), 1), text.strip()))

    PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text(visitor_text=visit)
    return sorted(found, key=lambda item: -item[0])


# --- the waiting list -------------------------------------------------------------------------


def test_a_place_in_line_is_amber_with_an_hourglass_and_says_she_has_no_seat(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    session = course(window, seats=1)
    rosa = member(window, "Rosa Chávez", "6145550102")
    service(window).sign_up(rosa.id, session.id)
    lucia = member(window, "Lucía Paz", "6145550103")
    service(window).sign_up(lucia.id, session.id)  # first in line
    sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, tile(window, "training_sign_up"))
    assert page(window) == "training_done"
    answer = "Todavía no tienes lugar. Eres la número 2."
    assert shown(window, "training_answer").text() == answer
    assert window.speaker.last_phrase.startswith(f"Lista de espera. {answer}")
    done = window.pages["training_done"]
    assert done.picture.accessibleName() == "answer.waiting"
    assert band_colour(window) == WAITING_COLOUR  # the title band is amber
    assert WAITING_COLOUR in shown(window, "training_answer").styleSheet()
    assert "Bring it on the day" not in done.purpose() and "lleva" not in done.purpose().lower()
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))
    text = slip_text(window)
    assert answer in text
    assert "Tu turno" not in text
    # Its largest line is the answer: no big number or time that reads like a turn.
    number = window.training_board.number
    (pdf,) = (window.settings.data_dir / "slips").glob(f"*{number}*.pdf")
    sizes = type_sizes(pdf)
    largest = sizes[0][0]
    big = " ".join(words for size, words in sizes if size == largest)
    assert all(word in big for word in ("Todavía", "lugar.", "número", "2."))
    course_line = _("The course is on {day}, {time}.").format(
        day=format_day(session.starts_at), time=format_time(session.starts_at)
    )
    assert course_line in text
    assert not [s for s, words in sizes if format_time(session.starts_at) in words and s > 14]


def test_a_seat_stays_green_with_its_check(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    course(window, seats=5)
    sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, tile(window, "training_sign_up"))
    assert window.pages["training_done"].picture.accessibleName() == "action.yes"
    assert band_colour(window) != WAITING_COLOUR
    assert shown(window, "training_answer").text() == _("You are signed up!")


# --- chairs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seats", "chairs", "more"), [(3, 3, ""), (8, 8, ""), (10, 10, ""), (12, 10, "+2")]
)
def test_one_chair_per_free_seat_up_to_ten_then_plus(
    qtbot, window: MainWindow, seats: int, chairs: int, more: str
) -> None:  # type: ignore[no-untyped-def]
    course(window, "Costura", seats=seats)
    tap(qtbot, tile(window, "tile_trainings"))
    card = tile(window, "trainings_0")
    assert isinstance(card, TrainingCardTile)
    card.grab()  # painted as on screen
    assert card.drawn_seats[:2] == (chairs, more)
    said = f"Quedan {seats} lugares"
    assert said in card.phrase
    # The day and the time are each whole on the card at 1024 px: nothing cut there.
    assert window.width() == 1024


def test_day_and_time_are_never_cut_on_a_course_card(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window, "Computación básica para mujeres emprendedoras", seats=4)
    tap(qtbot, tile(window, "tile_trainings"))
    card = tile(window, "trainings_0")
    metrics = card.fontMetrics()
    room = card.width() - 2 * card.inset_x
    # Painted on its own line, the day fits whole; so does the time beside the place.
    assert metrics.horizontalAdvance(format_day(session.starts_at)) <= room
    assert metrics.horizontalAdvance(format_time(session.starts_at)) <= room // 2
    card.grab()


# --- errors -----------------------------------------------------------------------------------


def test_an_error_shows_a_red_cross_and_try_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "tile_member"))
    keypad = window.pages["signin"].keypad
    type_digits(qtbot, keypad, "0000000000")  # no such number in México
    tap(qtbot, keypad.submit_button)
    overlay = window.message_overlay
    assert overlay.isVisible() and overlay.is_error
    assert overlay.picture.accessibleName() == "action.error"  # the red ✗
    assert overlay.cause.isVisible() and overlay.cause.accessibleName() == "action.phone"
    button = tile(window, "message_ok")
    assert button.text() == "Intentar otra vez" and button.icon_name == "action.retry"
    assert window.speaker.last_phrase == overlay.text()
    tap(qtbot, button)
    assert not overlay.isVisible()
    assert keypad.text() == "0000000000"  # what she typed is still there to correct


def test_news_keeps_its_check_and_ok(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window)
    ana = sign_in_ana(qtbot, window)
    service(window).sign_up(ana.id, session.id)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_mine"))
    tap(qtbot, tile(window, "training_mine_0"))
    tap(qtbot, tile(window, "confirm_yes"))
    overlay = window.message_overlay
    assert overlay.isVisible() and not overlay.is_error
    assert overlay.picture.accessibleName() == "action.yes"
    assert overlay.cause.isHidden()
    button = tile(window, "message_ok")
    assert button.text() == "Entendido" and button.icon_name == "action.ok"


# --- cancelling -------------------------------------------------------------------------------


def test_cancelling_says_what_will_happen_and_no_keeps_the_place(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window, seats=1)
    ana = sign_in_ana(qtbot, window)
    service(window).sign_up(ana.id, session.id)
    rosa = member(window, "Rosa Chávez", "6145550102")
    service(window).sign_up(rosa.id, session.id)  # waits for Ana's seat
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_mine"))
    tap(qtbot, tile(window, "training_mine_0"))
    overlay = window.confirm_overlay
    assert overlay.isVisible()
    question = overlay.text()
    assert question.startswith("¿Cancelar tu lugar en Panadería")
    assert question.endswith("Si cancelas, tu lugar pasa a otra señora.")
    assert window.speaker.last_phrase == question
    assert overlay.picture.accessibleName() == "training.panaderia"  # the course's picture
    assert tile(window, "confirm_yes").icon_name == "action.yes"
    assert tile(window, "confirm_no").icon_name == "action.no"
    tap(qtbot, tile(window, "confirm_no"))  # ✗: nothing changes
    (mine,) = service(window).my_sign_ups(ana.id)
    assert mine.status is EnrollmentStatus.ENROLLED
    (hers,) = service(window).my_sign_ups(rosa.id)
    assert hers.status is EnrollmentStatus.WAITLISTED
    tap(qtbot, tile(window, "training_mine_0"))
    tap(qtbot, tile(window, "confirm_yes"))  # ✓: her seat goes to the next woman
    assert service(window).my_sign_ups(ana.id) == []
    (hers,) = service(window).my_sign_ups(rosa.id)
    assert hers.status is EnrollmentStatus.ENROLLED


# --- the childcare warning --------------------------------------------------------------------


def test_a_ratio_warning_never_covers_the_pickup_code(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Warned from two children per volunteer: Ana's two children with Lupe alone.
    settings = kiosk_settings(
        tmp_path / "data", printer="pdf", station="childcare", childcare_ratio_warning=1
    )
    context = init_database(settings)
    add_ana_and_her_children(context.session_factory)
    StaffService(context.session_factory).add("Lupe Cano", StaffRole.VOLUNTEER, "5566")
    window = at_1024(qtbot, open_window(qtbot, settings, context))
    start_shift(qtbot, window)
    tap(qtbot, tile(window, "childcare_in"))
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, ANA_PHONE)
    tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    for index in (0, 1):
        tap(qtbot, tile(window, f"childcare_child_{index}"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "childcare_children_go"))
    assert page(window) == "childcare_checked_in"
    QApplication.processEvents()
    checked_in = window.pages["childcare_checked_in"]
    warning = shown(window, "childcare_checked_in_warning")
    assert "voluntaria" in checked_in.warning_words.text()
    assert checked_in.warning_words.text().rstrip(".") in window.speaker.last_phrase
    assert not window.message_overlay.isVisible()  # nothing laid over the page
    code = on_window(checked_in.code, window)
    assert checked_in.code.isVisible()
    assert not code.intersects(on_window(warning, window))
    assert window.rect().contains(code) and window.rect().contains(on_window(warning, window))


# --- titles and the program's sheet -----------------------------------------------------------

LONG_NAME = "Programa de Apoyo para el Bienestar de las Niñas y Niños, Hijos de Madres Trabajadoras"


def long_program(window: MainWindow) -> int:
    saved = window.programs.programs.save(
        ProgramDraft(
            name=LONG_NAME,
            organization="Secretaría de Bienestar, Delegación Chihuahua",
            need=ProgramNeed.CHILDCARE,
            level="federal",
            eligibility="Madres, padres solos o tutores que trabajan o buscan trabajo",
            benefit="Apoyo económico cada dos meses por cada niña o niño",
            required_documents=("ine", "curp", "acta_nacimiento"),
            phone="6144290400",
            address="Av. Independencia 1000",
            locality="Chihuahua",
            schedule="Lunes a viernes 9:00 a 15:00",
        )
    )
    return saved.id


def test_a_long_program_title_wraps_and_is_said_whole(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    program_id = long_program(window)
    with qtbot.waitSignal(window.speaker.spoken) as said:
        window.programs.show_program(program_id)
    QApplication.processEvents()
    title = window.title_label
    assert window.width() == 1024
    assert title.text().count("\n") == 1  # two lines
    assert "…" not in title.text()
    assert title.text().replace("\n", " ") == LONG_NAME
    assert title.font().pixelSize() >= 24
    assert LONG_NAME in said.args[0]
    organization = window.pages["program_detail"].organization
    assert "…" not in organization.text() and not organization.is_cut()


def test_a_member_prints_a_programs_sheet(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    program_id = long_program(window)
    window.programs.show_program(program_id)
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "program_print"))
    assert window.message_overlay.isVisible() and not window.message_overlay.is_error
    (pdf,) = (window.settings.data_dir / "slips").glob("program_sheet-*.pdf")
    text = pdf_text(pdf)
    for words in (
        "Hijos de Madres Trabajadoras",
        "Secretaría de Bienestar",
        "Apoyo económico cada dos meses",
        "Madres, padres solos o tutores",
        "Av. Independencia 1000",
        "Lunes a viernes 9:00 a 15:00",
        format_phone("6144290400"),
        "¿Qué llevar?",
        *(_(DOCUMENT_WORDS[code]) for code in ("ine", "curp", "acta_nacimiento")),
    ):
        assert words in text, words
    # A second touch prints the same sheet again, not a new one.
    window.message_overlay.hide()
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "program_print"))
    number = window.programs.sheets[program_id]
    sheets = list((window.settings.data_dir / "slips").glob("program_sheet-*.pdf"))
    assert len(sheets) == 2 and all(number in sheet.name for sheet in sheets)
