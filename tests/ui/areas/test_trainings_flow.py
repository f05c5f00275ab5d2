"""The member's visit to the courses, without a window: the flow with fake pages and a fake
window on a real database. Each test follows a visit's steps and checks what the pages are
told to show, what the window is asked to open or say, and which slip is handed to print."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Settings
from kiosk.data.models import EnrollmentStatus, VoucherKind
from kiosk.i18n import _
from kiosk.services.members import MemberInfo, MemberService
from kiosk.services.trainings import SignUpStatus, TrainingCard, TrainingService
from kiosk.services.vouchers import VoucherService
from kiosk.ui.areas.trainings.flow import CoursePages, TrainingBoard
from tests.pdfs import pdf_text

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Chihuahua
STARTS = T0 + timedelta(days=2)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@dataclass
class FakePage:
    """Records what the flow told it, as (what, data) pairs."""

    told: list[tuple[str, Any]] = field(default_factory=list)

    def refresh(self) -> None:
        self.told.append(("refresh", None))

    def choose(self, card: TrainingCard) -> None:
        self.told.append(("choose", card))

    def reset(self) -> None:
        self.told.append(("reset", None))

    def offer(self, result: Any) -> None:
        self.told.append(("offer", result))

    def show_result(self, card: TrainingCard, result: Any) -> None:
        self.told.append(("show_result", result))

    def show_printing(self) -> None:
        self.told.append(("show_printing", None))


@dataclass
class FakeVisit:
    member: MemberInfo | None = None


class FakeShell:
    """The window as the flow sees it: what it was asked to open, show and say."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.visit = FakeVisit()
        self.opened: list[str] = []
        self.signing_in: list[str] = []
        self.errors: list[str] = []
        self.messages: list[str] = []
        self.said: list[str] = []
        self.questions: list[tuple[str, Callable[[bool], None]]] = []
        self.tasks_done = 0

    @property
    def speaker(self) -> FakeShell:
        return self

    def say(self, text: str) -> None:
        self.said.append(text)

    def open(self, name: str) -> None:
        self.opened.append(name)

    def sign_in(self, then: str) -> None:
        self.signing_in.append(then)

    def go_home(self) -> None:
        self.opened.append("home")

    def show_message(self, text: str, icon: str = "action.error") -> None:
        self.messages.append(text)

    def show_error(self, text: str, icon: str | None = None) -> None:
        self.errors.append(text)

    def confirm(self, question: str, icon: str | None, on_answer: Callable[[bool], None]) -> None:
        self.questions.append((question, on_answer))

    def task_done(self) -> None:
        self.tasks_done += 1


class FakePrinter:
    def __init__(self) -> None:
        self.printed: list[str] = []

    def print_slip(self, number: str) -> None:
        self.printed.append(number)


class Visit:
    """A flow on a real database with one course ahead, and its fakes."""

    def __init__(self, factory: Any, tmp_path: Path, *, seats: int = 5, childcare: int = 4) -> None:
        self.clock = Clock()
        self.members = MemberService(factory)
        self.trainings = TrainingService(factory, childcare_capacity=childcare, clock=self.clock)
        self.vouchers = VoucherService(factory)
        training = self.trainings.create_training("Panadería", "panaderia")
        self.session = self.trainings.add_session(
            training.id, STARTS, STARTS + timedelta(hours=3), "Cocina, CENESO", seats
        )
        self.shell = FakeShell(Settings(data_dir=tmp_path))
        self.printer = FakePrinter()
        self.pages = {name: FakePage() for name in CoursePages.__dataclass_fields__}
        self.flow = TrainingBoard(
            self.shell, self.trainings, self.vouchers, self.printer, CoursePages(**self.pages)
        )

    def woman(self, name: str, phone: str) -> MemberInfo:
        return self.members.register(name, phone, consent=True)

    def card(self) -> TrainingCard:
        (card,) = self.trainings.upcoming()
        return card

    def told(self, page: str) -> list[str]:
        return [what for what, _data in self.pages[page].told]

    def result(self) -> Any:
        (result,) = [data for what, data in self.pages["done"].told if what == "show_result"]
        return result


@pytest.fixture
def visit(session_factory: Any, tmp_path: Path) -> Visit:
    return Visit(session_factory, tmp_path)


def test_she_signs_up_and_prints_her_slip(visit: Visit) -> None:
    ana = visit.woman("Ana Torres", "6145550101")
    visit.shell.visit.member = ana
    visit.flow.chose(visit.card())
    assert visit.pages["childcare"].told == [("choose", visit.card())]
    assert visit.shell.opened == ["training_childcare"]
    visit.flow.sign_up(2)
    result = visit.result()
    assert result.status is SignUpStatus.ENROLLED
    assert result.enrollment.childcare == 2
    assert visit.told("childcare")[-1] == "reset"  # the question is fresh for the next course
    assert visit.shell.opened[-1] == "training_done"
    assert visit.shell.tasks_done == 1
    # The slip is issued with the sign-up, and printed when she touches "Imprimir".
    number = visit.flow.number
    assert number is not None and visit.printer.printed == []
    assert visit.vouchers.get(number).kind is VoucherKind.TRAINING
    text = pdf_text(visit.vouchers.pdf(number))
    assert "Ana Torres" in text and "Panadería" in text
    visit.flow.print_again()
    assert visit.printer.printed == [number]
    assert visit.told("done")[-1] == "show_printing"
    assert visit.shell.said == []
    visit.flow.print_again()
    assert visit.printer.printed == [number, number]
    assert visit.shell.said == [_("Your slip is printing again.")]


def test_nobody_signed_in_is_asked_who_she_is_first(visit: Visit) -> None:
    visit.flow.chose(visit.card())
    visit.flow.open_mine()
    assert visit.shell.signing_in == ["training_childcare", "training_mine"]
    assert visit.shell.opened == []
    # Without a woman signed in nothing is signed up: the visit goes home.
    visit.flow.sign_up(0)
    assert visit.shell.opened == ["home"]
    assert visit.trainings.roster(visit.session.id) == []


def test_a_full_course_puts_her_in_line_with_a_waiting_slip(
    session_factory: Any, tmp_path: Path
) -> None:
    visit = Visit(session_factory, tmp_path, seats=1)
    first = visit.woman("Rosa Chávez", "6145550102")
    visit.trainings.sign_up(first.id, visit.session.id)
    visit.shell.visit.member = visit.woman("Ana Torres", "6145550101")
    visit.flow.chose(visit.card())
    visit.flow.sign_up(0)
    result = visit.result()
    assert result.status is SignUpStatus.WAITLISTED and result.position == 1
    assert visit.flow.number is not None
    assert visit.vouchers.get(visit.flow.number).kind is VoucherKind.WAITLIST


def test_a_full_childcare_room_offers_her_to_wait_or_come_without(
    session_factory: Any, tmp_path: Path
) -> None:
    visit = Visit(session_factory, tmp_path, childcare=2)
    first = visit.woman("Rosa Chávez", "6145550102")
    visit.trainings.sign_up(first.id, visit.session.id, 2)  # the room's two places
    visit.shell.visit.member = visit.woman("Ana Torres", "6145550101")
    visit.flow.chose(visit.card())
    visit.flow.sign_up(1)
    ((what, offered),) = visit.pages["childcare_full"].told
    # The service says she may wait: one child fits the room once a place frees up.
    assert what == "offer" and offered.can_wait_for_childcare
    assert visit.shell.opened[-1] == "training_childcare_full"
    assert visit.flow.number is None  # no slip: nothing was signed up
    visit.flow.wait_for_childcare()
    result = visit.result()
    assert result.status is SignUpStatus.WAITLISTED
    assert result.enrollment.waits_for_childcare


def test_more_children_than_the_room_takes_can_only_come_without_childcare(
    session_factory: Any, tmp_path: Path
) -> None:
    visit = Visit(session_factory, tmp_path, childcare=2)
    visit.shell.visit.member = visit.woman("Ana Torres", "6145550101")
    visit.flow.chose(visit.card())
    visit.flow.sign_up(3)
    ((_what, offered),) = visit.pages["childcare_full"].told
    assert not offered.can_wait_for_childcare  # waiting would never give her three places
    visit.flow.without_childcare()
    result = visit.result()
    assert result.status is SignUpStatus.ENROLLED
    assert result.enrollment.childcare == 0 and result.enrollment.children == 3


def test_a_wait_the_room_cannot_give_is_refused_in_one_sentence(
    session_factory: Any, tmp_path: Path
) -> None:
    visit = Visit(session_factory, tmp_path, childcare=2)
    visit.shell.visit.member = visit.woman("Ana Torres", "6145550101")
    visit.flow.chose(visit.card())
    visit.flow.sign_up(3)
    visit.flow.wait_for_childcare()  # the room still has no three places
    assert visit.shell.errors == [
        _("The childcare room has just filled up. Ask a companion for help.")
    ]
    assert visit.told("done") == [] and visit.flow.number is None


def test_signing_up_twice_sends_her_to_my_courses(visit: Visit) -> None:
    ana = visit.woman("Ana Torres", "6145550101")
    visit.trainings.sign_up(ana.id, visit.session.id)
    visit.shell.visit.member = ana
    visit.flow.chose(visit.card())
    visit.flow.sign_up(0)
    assert visit.shell.messages == [
        _("You are already signed up for this course. It is in My courses.")
    ]
    assert visit.told("done") == [] and visit.flow.number is None


def test_a_course_that_started_meanwhile_is_closed_and_the_list_read_again(
    visit: Visit,
) -> None:
    visit.shell.visit.member = visit.woman("Ana Torres", "6145550101")
    visit.flow.chose(visit.card())
    visit.clock.now = STARTS + timedelta(minutes=1)
    visit.flow.sign_up(0)
    assert visit.shell.errors == [_("Sign-up for this course has closed. Look at another course.")]
    assert visit.told("courses") == ["refresh"]
    assert visit.trainings.roster(visit.session.id) == []


def test_she_cancels_from_my_courses_after_saying_yes(visit: Visit) -> None:
    ana = visit.woman("Ana Torres", "6145550101")
    visit.shell.visit.member = ana
    first = visit.trainings.sign_up(ana.id, visit.session.id)
    (item,) = visit.trainings.my_sign_ups(ana.id)
    visit.flow.ask_cancel(item)
    ((question, answer),) = visit.shell.questions
    assert "Panadería" in question
    assert _("If you cancel, your place goes to another woman.") in question
    answer(False)
    assert visit.trainings.my_sign_ups(ana.id) == [item]
    answer(True)
    assert visit.trainings.my_sign_ups(ana.id) == []
    assert first.enrollment is not None
    assert visit.trainings.enrollment(first.enrollment.id).status is EnrollmentStatus.CANCELLED
    assert visit.told("mine") == ["refresh"]
    assert visit.shell.messages == [_("Your place is cancelled. Thank you for letting us know.")]


def test_the_visit_forgets_her_course_and_slip(visit: Visit) -> None:
    visit.shell.visit.member = visit.woman("Ana Torres", "6145550101")
    visit.flow.chose(visit.card())
    visit.flow.sign_up(0)
    assert visit.flow.number is not None
    visit.flow.reset()
    visit.flow.print_again()
    assert visit.printer.printed == []
    assert visit.flow.card is None
