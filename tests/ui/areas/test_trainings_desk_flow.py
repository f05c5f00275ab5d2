"""The staff's courses desk, without a window: the desk's flow with fake pages and a fake
window on a real database. Each test follows what staff do at the desk and checks what the
pages are told, what the window opens and says, and which slip is handed to print."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Settings
from kiosk.data.models import EnrollmentStatus, StaffRole
from kiosk.i18n import _, format_when
from kiosk.services.members import MemberService
from kiosk.services.staff import StaffService
from kiosk.services.trainings import DoorStatus, TrainingService, issue_sign_up_slip
from kiosk.services.vouchers import VoucherService
from kiosk.slip_options import SlipOptions
from kiosk.ui.areas.trainings.desk_flow import DeskPages, TrainingDesk
from kiosk.ui.areas.trainings.staff_wizard import SESSION_STEPS, TRAINING_STEPS
from tests.pdfs import pdf_text

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Chihuahua
STARTS = T0 + timedelta(days=2)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class FakePage:
    """Records what the flow told it, as (what, data) pairs."""

    def __init__(self) -> None:
        self.told: list[tuple[str, Any]] = []

    def show_training(self, training: Any) -> None:
        self.told.append(("show_training", training))

    def show_session(self, session_id: int | None) -> None:
        self.told.append(("show_session", session_id))

    def refresh(self) -> None:
        self.told.append(("refresh", None))

    def show_check(self, check: Any) -> None:
        self.told.append(("show_check", check))

    def restart(self, names: Sequence[str], known: Mapping[str, str] | None = None) -> None:
        self.told.append(("restart", (tuple(names), dict(known or {}))))

    def set_days(self, options: list[Any]) -> None:
        self.told.append(("set_days", [value for value, _icon, _words in options]))


class FakeShell:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.opened: list[str] = []
        self.errors: list[str] = []
        self.messages: list[str] = []
        self.said: list[str] = []
        self.questions: list[tuple[str, Callable[[bool], None]]] = []

    @property
    def speaker(self) -> FakeShell:
        return self

    def say(self, text: str) -> None:
        self.said.append(text)

    def open(self, name: str) -> None:
        self.opened.append(name)

    def show_message(self, text: str, icon: str = "action.error") -> None:
        self.messages.append(text)

    def show_error(self, text: str, icon: str | None = None) -> None:
        self.errors.append(text)

    def confirm(self, question: str, icon: str | None, on_answer: Callable[[bool], None]) -> None:
        self.questions.append((question, on_answer))


class FakePrinter:
    def __init__(self) -> None:
        self.printed: list[str] = []

    def print_slip(self, number: str) -> None:
        self.printed.append(number)


class Desk:
    """The desk's flow on a real database, with its fakes."""

    def __init__(self, factory: Any, tmp_path: Path) -> None:
        self.clock = Clock()
        self.members = MemberService(factory)
        self.service = TrainingService(factory, childcare_capacity=10, clock=self.clock)
        self.vouchers = VoucherService(factory)
        self.staff = StaffService(factory).add("Lupe Cano", StaffRole.STAFF, "5566")
        self.shell = FakeShell(Settings(data_dir=tmp_path))
        self.printer = FakePrinter()
        self.pages = {name: FakePage() for name in DeskPages.__dataclass_fields__}
        self.flow = TrainingDesk(
            self.shell,
            self.service,
            self.vouchers,
            self.printer,
            DeskPages(**self.pages),
            staff_id=lambda: self.staff.id,
            today=lambda: date(2026, 3, 5),  # a Thursday
        )

    def course(self, seats: int = 5) -> Any:
        training = self.service.create_training("Panadería", "panaderia")
        return self.service.add_session(
            training.id, STARTS, STARTS + timedelta(hours=3), "Cocina, CENESO", seats
        )

    def told(self, page: str) -> list[tuple[str, Any]]:
        return self.pages[page].told


@pytest.fixture
def desk(session_factory: Any, tmp_path: Path) -> Desk:
    return Desk(session_factory, tmp_path)


def test_a_new_course_takes_its_name_then_its_picture(desk: Desk) -> None:
    desk.flow.start_training()
    assert desk.told("steps") == [("restart", (TRAINING_STEPS, {}))]
    assert desk.shell.opened == ["staff_training_title"]
    desk.flow.store("title", "Costura básica")
    assert desk.shell.opened[-1] == "staff_training_topic"
    assert desk.service.trainings() == []  # nothing saved before the last answer
    desk.flow.store("topic", "costura")
    (training,) = desk.service.trainings()
    assert (training.title, training.topic) == ("Costura básica", "costura")
    assert desk.told("course") == [("show_training", training)]
    assert desk.shell.opened[-1] == "staff_training"
    assert desk.shell.said == [_("The course is saved. Now add its first session.")]


def test_a_new_session_offers_the_last_room_and_the_open_days(desk: Desk) -> None:
    first = desk.course()
    desk.flow.show_training(desk.service.training(first.training_id))
    desk.flow.start_session()
    restart = ("restart", (SESSION_STEPS, {"place": "Cocina, CENESO"}))
    ((what, days), shown) = desk.told("steps")
    assert shown == restart
    assert what == "set_days" and days[0] == "2026-03-05" and "2026-03-08" not in days  # Sunday
    assert desk.shell.opened[-1] == SESSION_STEPS[0]
    for key, value in (("day", "2026-03-10"), ("start", "10:00"), ("hours", "3")):
        desk.flow.store(key, value)
    assert desk.shell.opened[-3:] == list(SESSION_STEPS[1:4])
    desk.flow.store("place", "Salón")
    desk.flow.store("seats", "12")
    second = desk.service.sessions(first.training_id)[-1]
    assert (second.place, second.seats) == ("Salón", 12)
    assert second.ends_at - second.starts_at == timedelta(hours=3)
    assert format_when(second.starts_at).endswith("10:00")
    saved = _("Session saved: {when}.").format(when=format_when(second.starts_at))
    assert desk.shell.said == [saved]
    assert desk.shell.opened[-1] == "staff_training"


def test_a_step_reached_without_its_wizard_starts_over(desk: Desk) -> None:
    desk.flow.store("topic", "costura")
    assert desk.shell.opened == ["staff_trainings"]
    assert desk.service.trainings() == []


def test_a_session_with_a_missing_answer_is_not_saved(desk: Desk) -> None:
    first = desk.course()
    desk.flow.show_training(desk.service.training(first.training_id))
    desk.flow.start_session()
    answers = (("day", "2026-03-10"), ("start", "10:00"), ("hours", ""), ("place", "Salón"))
    for key, value in (*answers, ("seats", "12")):
        desk.flow.store(key, value)
    assert desk.shell.errors == [_("Something is missing. Start the session again.")]
    assert len(desk.service.sessions(first.training_id)) == 1


def test_staff_mark_who_came_from_the_sessions_list(desk: Desk) -> None:
    session = desk.course(seats=1)
    ana, rosa = (
        desk.members.register(name, phone, consent=True)
        for name, phone in (("Ana Torres", "6145550101"), ("Rosa Chávez", "6145550102"))
    )
    desk.service.sign_up(ana.id, session.id)
    desk.service.sign_up(rosa.id, session.id)  # on the waiting list
    desk.flow.show_session(session.id)
    assert desk.told("session") == [("show_session", session.id)]
    assert desk.told("roster") == [("show_session", session.id)]
    first, waiting = desk.service.roster(session.id)
    desk.flow.mark(waiting)
    assert desk.shell.messages == [
        _("{name} is on the waiting list, number {position}.").format(
            name="Rosa Chávez", position=1
        )
    ]
    desk.flow.mark(first)
    ((question, answer),) = desk.shell.questions
    assert question == _("Did {name} come?").format(name="Ana Torres")
    answer(True)
    assert desk.service.roster(session.id)[0].status is EnrollmentStatus.ATTENDED
    assert desk.told("roster")[-1] == ("refresh", None)


def test_the_list_is_printed_and_saved_for_a_spreadsheet(desk: Desk) -> None:
    session = desk.course()
    ana = desk.members.register("Ana Torres", "6145550101", consent=True)
    desk.service.sign_up(ana.id, session.id)
    desk.flow.print_list()
    assert desk.printer.printed == []  # no session chosen: nothing to print
    desk.flow.show_session(session.id)
    desk.flow.print_list()
    (number,) = desk.printer.printed
    text = pdf_text(desk.vouchers.pdf(number))
    assert "Ana Torres" in text and "Panadería" in text
    assert desk.shell.said == [_("The attendance list is printing.")]
    path = desk.flow.save_csv()
    assert path is not None and path.parent == desk.shell.settings.data_dir / "trainings"
    assert path.stat().st_mode & 0o077 == 0  # names and phones: the kiosk's user only
    assert "Ana Torres" in path.read_text(encoding="utf-8-sig")
    assert len(desk.shell.messages) == 1 and "trainings" in desk.shell.messages[0]


def test_a_woman_given_a_seat_leaves_the_call_list_once_told(desk: Desk) -> None:
    session = desk.course(seats=1)
    ana, rosa = (
        desk.members.register(name, phone, consent=True)
        for name, phone in (("Ana Torres", "6145550101"), ("Rosa Chávez", "6145550102"))
    )
    seat = desk.service.sign_up(ana.id, session.id)
    desk.service.sign_up(rosa.id, session.id)
    assert seat.enrollment is not None
    desk.service.cancel(seat.enrollment.id, ana.id)
    (entry,) = desk.service.to_call()
    desk.flow.call(entry)
    ((question, answer),) = desk.shell.questions
    assert question == _("Did you tell {name} she has a seat?").format(name="Rosa Chávez")
    answer(False)
    assert desk.service.to_call() == [entry]
    answer(True)
    assert desk.service.to_call() == []
    assert desk.told("calls") == [("refresh", None)]


def test_the_door_marks_her_present_on_the_day(desk: Desk) -> None:
    session = desk.course()
    ana = desk.members.register("Ana Torres", "6145550101", consent=True)
    result = desk.service.sign_up(ana.id, session.id)
    options = SlipOptions.from_settings(desk.shell.settings)
    slip = issue_sign_up_slip(desk.vouchers, result, ana.name, "Panadería", "", options)
    desk.flow.door(slip.number)
    ((_what, early),) = desk.told("door")
    assert early.status is DoorStatus.NOT_TODAY
    desk.clock.now = STARTS - timedelta(minutes=10)
    desk.flow.door(slip.number)
    (_what, check) = desk.told("door")[-1]
    assert check.status is DoorStatus.MARKED
    assert desk.shell.said == [early.sentence(), check.sentence()]
    assert desk.service.roster(session.id)[0].status is EnrollmentStatus.ATTENDED


def test_the_staff_visit_forgets_the_course_and_the_draft(desk: Desk) -> None:
    desk.flow.start_training()
    desk.flow.store("title", "Costura")
    desk.flow.reset()
    desk.flow.store("topic", "costura")
    assert desk.service.trainings() == []
    assert desk.flow.training is None and desk.flow.session() is None
