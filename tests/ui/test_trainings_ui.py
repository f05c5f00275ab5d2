"""Courses from the window, driven by taps: home → Cursos → a course → ✓ signs her up and
prints her slip; a full course puts her on the waiting list with her place said and printed;
a full childcare room offers "without childcare" or the list; she cancels from "Mis cursos" and
the first woman waiting gets the seat, whom staff call; staff add a course and a session, mark
who came, print and save the list, and scan slips at the door."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.data.models import StaffRole
from kiosk.i18n import format_when
from kiosk.services.members import MemberInfo
from kiosk.services.staff import StaffInfo
from kiosk.services.trainings import EnrollmentStatus, SessionInfo, TrainingService
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.pdfs import page_size, page_text, pdf_text
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    make_window,
    page,
    shown,
    sign_in_member,
    tap,
    tile,
)

PRINT_WAIT_MS = 60_000


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path, printer="pdf")


def service(window: MainWindow) -> TrainingService:
    return window.training_board.trainings


def course(window: MainWindow, title: str = "Panadería", seats: int = 10) -> SessionInfo:
    trainings = service(window)
    training = trainings.create_training(title, "panaderia")
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    return trainings.add_session(
        training.id, starts, starts + timedelta(hours=3), "Cocina, CENESO", seats
    )


def member(window: MainWindow, name: str, phone: str) -> MemberInfo:
    return window.members.register(name, phone, consent=True)


def slip_text(window: MainWindow) -> str:
    number = window.training_board.number
    assert number is not None
    (pdf,) = (window.settings.data_dir / "slips").glob(f"*{number}*.pdf")
    return pdf_text(pdf)


def sign_in_ana(qtbot, window: MainWindow) -> MemberInfo:  # type: ignore[no-untyped-def]
    ana = member(window, "Ana Torres", "6145550101")
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, "6145550101")
    assert window.visit.member == ana and page(window) == "home"
    return ana


# --- members ----------------------------------------------------------------------------------


def test_signed_in_she_signs_up_from_home_in_three_taps(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window, seats=10)
    ana = sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))  # 1
    assert page(window) == "trainings"
    card = tile(window, "trainings_0")
    assert "Panadería" in card.text() and format_when(session.starts_at) in card.text()
    assert "Quedan 10 lugares" in card.phrase
    tap(qtbot, card)  # 2
    assert page(window) == "training_childcare"
    assert shown(window, "training_course").text() == "Panadería"
    tap(qtbot, tile(window, "training_sign_up"))  # 3: no children, signed up
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    assert page(window) == "training_done"
    assert shown(window, "training_answer").text() == "¡Ya estás inscrita!"
    (mine,) = service(window).my_sign_ups(ana.id)
    assert mine.status is EnrollmentStatus.ENROLLED and mine.childcare == 0
    text = slip_text(window)
    for expected in ("Ana Torres", "Panadería", "Cocina, CENESO", "Guardería: sin apartar"):
        assert expected in text, expected
    assert service(window).session(session.id).seats_left == 9
    # The course page now says one seat less.
    tap(qtbot, tile(window, "nav_home"))
    tap(qtbot, tile(window, "tile_trainings"))
    assert "Quedan 9 lugares" in tile(window, "trainings_0").phrase


def test_not_signed_in_she_says_who_she_is_then_brings_two_children(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    course(window)
    ana = member(window, "Ana Torres", "6145550101")
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    sign_in_member(qtbot, window, "6145550101")
    # Back on the same question, which is said with her name.
    assert page(window) == "training_childcare"
    assert "Hola, Ana" in window.speaker.last_phrase
    assert "guardería" in window.speaker.last_phrase.lower()
    picker = window.pages["training_childcare"].picker
    tap(qtbot, picker.digit_keys["2"])
    assert picker.count == 2 and picker.display.accessibleName() == "2"
    tap(qtbot, tile(window, "training_sign_up"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    (mine,) = service(window).my_sign_ups(ana.id)
    assert mine.children == 2 and mine.childcare == 2
    assert "Guardería: 2 lugares apartados" in slip_text(window)
    assert "2 lugares para tus hijos" in shown(window, "training_childcare_answer").text()


def test_a_full_course_puts_her_on_the_waiting_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window, seats=1)
    rosa = member(window, "Rosa Chávez", "6145550102")
    service(window).sign_up(rosa.id, session.id)
    ana = sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    card = tile(window, "trainings_0")
    assert "Lista de espera" in card.text()
    tap(qtbot, card)
    tap(qtbot, tile(window, "training_sign_up"))
    answer = "Todavía no tienes lugar. Eres la número 1."
    assert shown(window, "training_answer").text() == answer
    assert f"{answer} El curso está lleno." in window.speaker.last_phrase
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    assert window.title_label.text() == "Lista de espera"
    (mine,) = service(window).my_sign_ups(ana.id)
    assert mine.status is EnrollmentStatus.WAITLISTED and mine.place_in_line == 1
    text = slip_text(window)
    assert "Lista de espera" in text and "Ana Torres" in text
    assert "Todavía no tienes lugar. Eres la número 1." in text


def test_a_full_childcare_room_offers_coming_without_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf", childcare_capacity=2)
    session = course(window)
    ana = sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, window.pages["training_childcare"].picker.digit_keys["3"])
    tap(qtbot, tile(window, "training_sign_up"))
    assert page(window) == "training_childcare_full"
    assert service(window).my_sign_ups(ana.id) == []  # nothing written yet
    tap(qtbot, tile(window, "training_without_childcare"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    (mine,) = service(window).my_sign_ups(ana.id)
    assert mine.status is EnrollmentStatus.ENROLLED and mine.childcare == 0
    assert service(window).session(session.id).childcare_taken == 0


def test_a_full_childcare_room_can_be_waited_for(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf", childcare_capacity=3)
    session = course(window)
    rosa = member(window, "Rosa Chávez", "6145550102")
    service(window).sign_up(rosa.id, session.id, 2)  # one childcare place left
    ana = sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, window.pages["training_childcare"].picker.digit_keys["2"])
    tap(qtbot, tile(window, "training_sign_up"))
    assert page(window) == "training_childcare_full"
    tap(qtbot, tile(window, "training_wait_childcare"))
    (mine,) = service(window).my_sign_ups(ana.id)
    # She waits for a seat with childcare, and holds no place while she waits.
    assert mine.status is EnrollmentStatus.WAITLISTED and mine.childcare == 0
    answer = "Todavía no tienes lugar. Eres la número 1."
    assert shown(window, "training_answer").text() == answer
    words = "Guardería: te daremos tu lugar en el curso cuando haya lugar para tus hijos."
    assert shown(window, "training_childcare_answer").text() == f"La guardería está llena.\n{words}"
    assert words in window.speaker.last_phrase
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    text = " ".join(slip_text(window).split())
    assert "cuando haya lugar para tus hijos" in text and "apartado" not in text


def test_three_courses_at_one_hour_fill_one_room(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Women sign up with children for three courses at the same hour until the 15 places are
    held; the next one is offered "Sin guardería / Lista de espera / Ahora no"."""
    window = make_window(qtbot, tmp_path, printer="pdf", childcare_capacity=15)
    sessions = [course(window, title) for title in ("Computación", "Costura", "Panadería")]
    assert len({s.starts_at for s in sessions}) == 1

    def sign_up(n: int, card: int, children: int) -> None:
        member(window, f"Mujer {n}", f"61455502{n:02d}")
        tap(qtbot, tile(window, "tile_trainings"))
        tap(qtbot, tile(window, f"trainings_{card}"))
        sign_in_member(qtbot, window, f"61455502{n:02d}")
        tap(qtbot, window.pages["training_childcare"].picker.digit_keys[str(children)])
        tap(qtbot, tile(window, "training_sign_up"))

    for n in range(5):  # 5 women x 3 children, spread over the three courses
        sign_up(n, n % 3, 3)
        assert page(window) == "training_done"
        assert "3 lugares para tus hijos" in shown(window, "training_childcare_answer").text()
        window.sign_out()
    assert [service(window).session(s.id).childcare_left for s in sessions] == [0, 0, 0]
    assert sum(service(window).session(s.id).childcare_taken for s in sessions) == 15

    sign_up(5, 2, 1)  # a course with free seats, in a room with none
    assert page(window) == "training_childcare_full"
    offered = ("training_without_childcare", "training_wait_childcare", "training_leave")
    assert all(window.findChild(BigTile, name).isVisible() for name in offered)
    assert [tile(window, name).text() for name in offered] == [
        "Sin guardería",
        "Lista de espera",
        "Ahora no",
    ]
    assert "no en la guardería para tus hijos" in window.speaker.last_phrase
    tap(qtbot, tile(window, "training_without_childcare"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    assert shown(window, "training_childcare_answer").text() == "Guardería: sin apartar"
    assert sum(service(window).session(s.id).childcare_taken for s in sessions) == 15


def test_promoted_without_childcare_is_told_in_her_courses_and_on_the_call_list(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf", childcare_capacity=2)
    session = course(window, seats=2)
    rosa = member(window, "Rosa Chávez", "6145550102")
    lucia = member(window, "Lucía Paz", "6145550103")
    service(window).sign_up(rosa.id, session.id, 2)  # the room is full
    seat = service(window).sign_up(lucia.id, session.id).enrollment
    assert seat is not None
    ana = sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, window.pages["training_childcare"].picker.digit_keys["1"])
    tap(qtbot, tile(window, "training_sign_up"))
    # The course is full: in line, and not told she has a place for her child.
    answer = "Todavía no tienes lugar. Eres la número 1."
    assert shown(window, "training_answer").text() == answer
    words = shown(window, "training_childcare_answer").text()
    assert "lugar para tus hijos" not in words and "solo si hay" in words
    assert "solo si hay" in window.speaker.last_phrase
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    text = " ".join(slip_text(window).split())
    assert "solo si hay" in text and "apartado" not in text
    service(window).cancel(seat.id, lucia.id)  # a seat frees; the room is still full
    (mine,) = service(window).my_sign_ups(ana.id)
    assert mine.status is EnrollmentStatus.ENROLLED and mine.childcare == 0
    tap(qtbot, tile(window, "nav_home"))  # her sign-up was done: her visit ends here
    assert window.visit.member is None
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_mine"))
    sign_in_member(qtbot, window, ana.phone)  # she comes back another day
    mine_tile = tile(window, "training_mine_0")
    assert "Lugar, sin guardería" in mine_tile.text()
    assert "Tienes lugar en el curso, pero la guardería está llena." in mine_tile.phrase
    window.sign_out()
    window.staff_user = StaffInfo(1, "Irma", StaffRole.STAFF)
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_call"))
    entry = tile(window, "staff_call_0")
    assert entry.text().startswith("Ana Torres") and "Guardería llena" in entry.text()
    tap(qtbot, entry)
    assert "la guardería está llena" in window.confirm_overlay.text()


def test_more_children_than_the_room_takes_cannot_wait_for_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf", childcare_capacity=3)
    course(window)
    sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, window.pages["training_childcare"].picker.digit_keys["4"])
    tap(qtbot, tile(window, "training_sign_up"))
    assert page(window) == "training_childcare_full"
    assert not window.findChild(BigTile, "training_wait_childcare").isVisible()
    assert "tantos niños" in window.speaker.last_phrase


def test_signing_up_twice_is_said_and_changes_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window)
    ana = sign_in_ana(qtbot, window)
    service(window).sign_up(ana.id, session.id)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, tile(window, "training_sign_up"))
    assert "Ya estás inscrita" in window.message_overlay.text()
    assert service(window).session(session.id).seats_taken == 1


def test_sign_up_closed_at_the_start_is_said(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    session = course(window)
    sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    # The course starts while she is still on the question.
    monkeypatch.setattr(service(window), "_clock", lambda: session.starts_at)
    tap(qtbot, tile(window, "training_sign_up"))
    assert "ya cerró" in window.message_overlay.text()
    assert service(window).session(session.id).seats_taken == 0


def test_she_cancels_and_the_first_waiting_gets_the_seat_for_staff_to_call(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    session = course(window, seats=1)
    ana = sign_in_ana(qtbot, window)
    service(window).sign_up(ana.id, session.id)
    rosa = member(window, "Rosa Chávez", "6145550102")
    waiting = service(window).sign_up(rosa.id, session.id)
    assert waiting.enrollment is not None
    assert waiting.enrollment.status is EnrollmentStatus.WAITLISTED
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_mine"))
    assert page(window) == "training_mine"
    mine = tile(window, "training_mine_0")
    assert "Panadería" in mine.text() and "Inscrita" in mine.text()
    tap(qtbot, mine)
    assert window.confirm_overlay.isVisible()
    assert "¿Cancelar tu lugar en Panadería" in window.confirm_overlay.text()
    tap(qtbot, tile(window, "confirm_yes"))
    assert service(window).my_sign_ups(ana.id) == []
    assert window.pages["training_mine"].empty.isVisible()
    (rosa_now,) = service(window).my_sign_ups(rosa.id)
    assert rosa_now.status is EnrollmentStatus.ENROLLED
    # The staff desk shows her to call; calling her takes her off the list.
    window.message_overlay.hide()
    window.staff_user = StaffInfo(1, "Irma", StaffRole.STAFF)
    window.open("staff_desk")
    call = desk_tile(qtbot, window, "desk_call")
    assert call.text() == "Por llamar: 1"
    tap(qtbot, call)
    assert page(window) == "staff_call"
    entry = tile(window, "staff_call_0")
    assert entry.text().startswith("Rosa Chávez")
    tap(qtbot, entry)
    tap(qtbot, tile(window, "confirm_yes"))
    assert service(window).to_call() == []
    assert window.pages["staff_call"].empty.isVisible()


def test_keeping_her_place_when_she_answers_no(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window)
    ana = sign_in_ana(qtbot, window)
    service(window).sign_up(ana.id, session.id)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_mine"))
    tap(qtbot, tile(window, "training_mine_0"))
    tap(qtbot, tile(window, "confirm_no"))
    (mine,) = service(window).my_sign_ups(ana.id)
    assert mine.status is EnrollmentStatus.ENROLLED


def test_idle_forgets_the_course_she_was_choosing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    course(window)
    sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, window.pages["training_childcare"].picker.digit_keys["4"])
    window.forget_and_go_home()
    childcare = window.pages["training_childcare"]
    assert childcare.card is None and childcare.picker.count == 0  # type: ignore[attr-defined]
    assert window.visit.member is None


# --- staff ------------------------------------------------------------------------------------


def test_staff_add_a_course_and_its_session_one_question_a_page(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    as_staff(window)
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_trainings"))
    assert page(window) == "staff_trainings"
    tap(qtbot, tile(window, "staff_trainings_0"))  # "Curso nuevo"
    assert page(window) == "staff_training_title"
    keyboard = window.pages["staff_training_title"].keyboard  # type: ignore[attr-defined]
    keyboard.set_text("Tamales")
    tap(qtbot, keyboard.submit_button)
    assert page(window) == "staff_training_topic"
    tap(qtbot, tile(window, "staff_training_topic_1"))  # Cocina
    assert page(window) == "staff_training"
    (training,) = service(window).trainings()
    assert training.title == "Tamales" and training.topic == "cocina"
    tap(qtbot, tile(window, "staff_training_0"))  # "Sesión nueva"
    assert page(window) == "staff_session_day"
    tap(qtbot, tile(window, "staff_session_day_3"))
    tap(qtbot, tile(window, "staff_session_start_2"))  # 10:00
    tap(qtbot, tile(window, "staff_session_hours_2"))  # 3 hours
    place = window.pages["staff_session_place"].keyboard  # type: ignore[attr-defined]
    place.set_text("Cocina")
    tap(qtbot, place.submit_button)
    seats = window.pages["staff_session_seats"].keypad  # type: ignore[attr-defined]
    for digit in "300":
        tap(qtbot, seats.digit_keys[digit])
    tap(qtbot, seats.submit_button)
    # 300 seats is refused in one sentence and nothing is written; 12 is saved.
    assert "de 1 a 200" in window.message_overlay.text()
    assert service(window).sessions(training.id) == []
    window.message_overlay.hide()
    seats.clear()
    for digit in "12":
        tap(qtbot, seats.digit_keys[digit])
    tap(qtbot, seats.submit_button)
    assert page(window) == "staff_training"
    (session,) = service(window).sessions(training.id)
    assert session.seats == 12 and session.place == "Cocina"
    assert (session.ends_at - session.starts_at) == timedelta(hours=3)
    assert format_when(session.starts_at).endswith("10:00")
    assert "Lugares: 0 de 12" in tile(window, "staff_training_1").text()


def test_staff_mark_who_came_print_and_save_the_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window)
    ana = member(window, "Ana Torres", "6145550101")
    rosa = member(window, "Rosa Chávez", "6145550102")
    first = service(window).sign_up(ana.id, session.id)
    service(window).sign_up(rosa.id, session.id)
    as_staff(window)
    desk = window.training_desk
    desk.training = service(window).training(session.training_id)
    desk.show_session(session.id)
    assert "Lugares: 2 de 10" in shown(window, "staff_session_details").text()
    tap(qtbot, tile(window, "staff_session_roster"))
    assert page(window) == "staff_roster"
    ana_tile = tile(window, "staff_roster_0")
    assert ana_tile.text() == "Ana Torres\nInscrita"
    tap(qtbot, ana_tile)
    assert "¿Vino Ana Torres?" in window.confirm_overlay.text()
    tap(qtbot, tile(window, "confirm_yes"))
    assert tile(window, "staff_roster_0").text() == "Ana Torres\nAsistió"
    tap(qtbot, tile(window, "staff_roster_1"))
    tap(qtbot, tile(window, "confirm_no"))
    assert tile(window, "staff_roster_1").text() == "Rosa Chávez\nNo vino"
    assert first.enrollment is not None
    assert service(window).enrollment(first.enrollment.id).status is EnrollmentStatus.ATTENDED
    tap(qtbot, tile(window, "nav_back"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "staff_session_print"))
    (pdf,) = (window.settings.data_dir / "slips").glob("*.pdf")
    text = pdf_text(pdf)
    assert "Ana Torres" in text and "Rosa Chávez" in text and "Panadería" in text
    tap(qtbot, tile(window, "staff_session_csv"))
    (saved,) = (window.settings.data_dir / "trainings").glob("*.csv")
    assert saved.stat().st_mode & 0o077 == 0  # names and phones: the kiosk's user only
    rows = saved.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("Curso,")
    assert any("Ana Torres" in row and "Asistió" in row for row in rows)
    assert "trainings" in window.message_overlay.text()


def test_the_door_scan_marks_her_present_once(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = course(window)
    sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, tile(window, "training_sign_up"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    number = window.training_board.number
    assert number is not None
    window.sign_out()
    as_staff(window)
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_door"))
    assert page(window) == "staff_door"
    door = window.pages["staff_door"]
    answer = shown(window, "door_answer")
    # Two days before the course the slip is not for today.
    keypad = door.keypad  # type: ignore[attr-defined]
    keypad.set_text(number)
    tap(qtbot, keypad.submit_button)
    assert answer.text() == f"Este comprobante es para el {format_when(session.starts_at)}."
    # On the day, a USB scanner types the digits and Enter.
    service(window)._clock = lambda: session.starts_at - timedelta(minutes=10)  # type: ignore[method-assign]
    keypad.setFocus()
    qtbot.keyClicks(keypad, number)
    qtbot.keyClick(keypad, Qt.Key.Key_Return)
    assert answer.text() == "Ana Torres: presente. ¡Bienvenida!"
    (entry,) = service(window).roster(session.id)
    assert entry.status is EnrollmentStatus.ATTENDED
    keypad.set_text(number)
    tap(qtbot, keypad.submit_button)
    assert answer.text() == "Ana Torres ya estaba marcada como presente."
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    keypad.set_text(wrong)
    tap(qtbot, keypad.submit_button)
    assert "no es un número de comprobante" in answer.text()


def test_slips_come_out_on_the_stations_paper(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(
        qtbot, tmp_path, printer="pdf", paper="letter", centre_name="CENESO Santa Eulalia"
    )
    course(window)
    sign_in_ana(qtbot, window)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    tap(qtbot, tile(window, "training_sign_up"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"
    (pdf,) = (window.settings.data_dir / "slips").glob("*.pdf")
    width, height = page_size(pdf)
    assert (round(width), round(height)) == (612, 792)
    assert "CENESO Santa Eulalia" in page_text(pdf)
