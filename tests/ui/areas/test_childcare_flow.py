"""The childcare station's steps without a window: a fake window (what it was told to open,
show, say and ask), fake pages and printer, and the real service on SQLite and PostgreSQL. A
volunteer's shift, children in with the pickup pair printed, a full room, children out with
and without the code, someone not allowed, a lost stub, and a new child registered."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import StaffRole
from kiosk.i18n import _, ngettext
from kiosk.services.childcare import ChildcareError, ChildcareService, Limits
from kiosk.services.members import MemberService
from kiosk.services.staff import StaffInfo
from kiosk.services.vouchers import VoucherService
from kiosk.ui.areas.childcare.flow import ChildcareDesk
from kiosk.ui.areas.childcare.registration_flow import STEPS
from tests.services.test_childcare import Clock, add_mother, add_staff

Factory = sessionmaker[Session]
PHONE = "6145550101"
ROOMY = Limits(6, 6, 6, 6)
PAGES = (
    "childcare",
    "childcare_pin",
    "childcare_checkin",
    "childcare_authorize_pin",
    *STEPS,
)


@dataclass
class FakeShell:
    """The window: records every page opened, sentence shown or said, and question asked;
    answers each question with :attr:`answer`."""

    staff_user: StaffInfo | None = None
    answer: bool = True
    opened: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)

    @property
    def speaker(self) -> FakeShell:
        return self

    @property
    def visit(self) -> FakeShell:
        return self

    def say(self, text: str) -> None:
        self.said.append(text)

    def sign_in_staff(self, person: StaffInfo) -> None:
        self.staff_user = person

    def open(self, name: str) -> None:
        self.opened.append(name)

    def back(self) -> None:
        self.opened.append("back")

    def show_message(self, text: str, icon: str = "action.error") -> None:
        self.messages.append(text)

    def show_error(self, text: str, icon: str | None = None) -> None:
        self.errors.append(text)

    def confirm(self, question: str, icon: str | None, on_answer: Callable[[bool], None]) -> None:
        self.questions.append(question)
        on_answer(self.answer)

    def end_visit(self, reason: str) -> None:
        self.ended.append(reason)
        self.staff_user = None

    @property
    def page(self) -> str:
        return self.opened[-1]


@dataclass
class FakePage:
    page_name: str
    resets: int = 0
    shown: int = 0

    def reset(self) -> None:
        self.resets += 1

    def entered(self) -> None:
        self.shown += 1


@dataclass
class FakePrinter:
    printed: list[str] = field(default_factory=list)

    def print_slip(self, number: str) -> None:
        self.printed.append(number)


@dataclass
class FakeCamera:
    present: bool = False

    def available(self) -> bool:
        return self.present


@dataclass
class Station:
    desk: ChildcareDesk
    shell: FakeShell
    printer: FakePrinter
    pages: dict[str, FakePage]
    service: ChildcareService
    factory: Factory

    def volunteer(self, name: str = "Lupe Cano", pin: str = "5566") -> StaffInfo:
        """A volunteer signed in at the station, on shift."""
        staff_id = add_staff(self.factory, name, StaffRole.VOLUNTEER, pin)
        person, _shift = self.service.sign_in(staff_id, pin)
        self.shell.staff_user = person
        return person

    def check_in_all(self, phone: str = PHONE) -> None:
        self.desk.start_check_in()
        self.desk.phone_typed(phone)
        for child in self.desk.children():
            self.desk.toggle_child(child)
        self.desk.check_in()


def station(factory: Factory, limits: Limits = ROOMY) -> Station:
    service = ChildcareService(
        factory,
        limits=limits,
        vouchers=VoucherService(factory),
        clock=Clock(),
        rng=random.Random(7),
    )
    shell, printer = FakeShell(), FakePrinter()
    desk = ChildcareDesk(shell, service, MemberService(factory), printer, FakeCamera())
    pages = {name: FakePage(name) for name in PAGES}
    desk.show_on(pages.values())
    return Station(desk, shell, printer, pages, service, factory)


@pytest.fixture
def room(session_factory: Factory) -> Station:
    return station(session_factory)


def test_a_volunteer_starts_her_shift_with_her_name_and_pin(room: Station) -> None:
    staff_id = add_staff(room.factory, "Lupe Cano", StaffRole.VOLUNTEER, "5566")
    (lupe,) = [p for p in room.service.people() if p.id == staff_id]
    room.desk.choose_person(lupe)
    assert room.shell.page == "childcare_pin"
    assert room.pages["childcare_pin"].resets == 1  # no digits of someone before her

    room.desk.pin_typed("0000")
    assert len(room.shell.errors) == 1 and room.shell.staff_user is None
    assert not room.service.is_on_shift(staff_id)

    room.desk.pin_typed("5566")
    assert room.shell.staff_user is not None and room.shell.staff_user.id == staff_id
    assert room.service.is_on_shift(staff_id)
    assert room.shell.page == "childcare"
    assert room.shell.said[-1] == _("Hello, {name}. Your shift has started.").format(name="Lupe")


def test_children_in_print_the_pickup_pair_with_the_code(room: Station) -> None:
    room.volunteer()
    add_mother(
        room.factory, "Ana Torres", PHONE, ("Sofía Torres", 4, True), ("Leo Torres", 2, False)
    )
    room.desk.start_check_in()
    assert room.shell.page == "childcare_checkin"
    assert room.pages["childcare_checkin"].resets == 1

    room.desk.phone_typed("6145550199")
    assert room.shell.errors == [
        _("Nobody has that phone number. The mother signs up at the kiosk first.")
    ]
    room.desk.phone_typed(PHONE)
    assert room.shell.page == "childcare_children"
    sofia = next(c for c in room.desk.children() if c.first_name == "Sofía")
    room.desk.toggle_child(sofia)
    assert room.shell.said[-1] == _("{name} stays.").format(name="Sofía")

    room.desk.check_in()
    assert room.shell.page == "childcare_checked_in"
    pickup = room.desk.state.pickup
    assert pickup is not None and [c.first_name for c in pickup.children] == ["Sofía"]
    assert room.printer.printed == [room.desk.state.number]
    board = room.service.room()
    assert [(c.first_name, c.code) for c in board.children] == [("Sofía", pickup.code)]

    room.desk.print_again()
    assert room.printer.printed == [room.desk.state.number] * 2
    room.desk.checked_in_done()
    assert room.shell.page == "childcare"
    assert room.desk.state.pickup is None and room.desk.state.guardian is None

    # Sofía is inside now: touching her again says so and chooses nobody.
    room.desk.start_check_in()
    room.desk.phone_typed(PHONE)
    sofia = next(c for c in room.desk.children() if c.first_name == "Sofía")
    room.desk.toggle_child(sofia)
    assert room.shell.errors[-1] == _("{name} is already in the room.").format(name="Sofía")
    assert room.desk.state.chosen == []


def test_a_full_room_says_why_and_prints_nothing(session_factory: Factory) -> None:
    small = station(session_factory, Limits(1, 1, 6, 6))
    volunteer = small.volunteer()
    mother, kids = add_mother(
        session_factory, "Ana Torres", PHONE, ("Sofía Torres", 4, False), ("Leo Torres", 2, False)
    )
    small.check_in_all()
    assert small.shell.page == "childcare_children"  # she stays where she chose
    assert small.printer.printed == []
    assert small.service.room().count == 0
    with pytest.raises(ChildcareError) as refused:
        small.service.check_in(mother, kids, volunteer.id)
    assert small.shell.errors == [str(refused.value)]


def test_children_out_with_the_code_go_with_their_mother(room: Station) -> None:
    room.volunteer()
    add_mother(room.factory, "Ana Torres", PHONE, ("Sofía Torres", 4, False))
    room.check_in_all()
    code = room.service.room().children[0].code

    room.desk.checkout.start()
    assert room.shell.page == "childcare_checkout"
    wrong = "99" if code != "99" else "98"
    room.desk.checkout.code_typed(wrong)
    assert len(room.shell.errors) == 1 and room.shell.page == "childcare_checkout"

    room.desk.checkout.code_typed(code)
    assert room.shell.page == "childcare_pickup"
    pickup = room.desk.state.pickup
    assert pickup is not None
    mother = next(c for c in pickup.choices if c.is_guardian)
    room.desk.checkout.chose(mother)
    assert room.shell.questions[-1] == _("Hand {names} to {person}?").format(
        names="Sofía", person="Ana Torres"
    )
    assert room.shell.page == "childcare"
    assert room.shell.messages[-1] == _("{names} went with {person}.").format(
        names="Sofía", person="Ana"
    )
    assert room.service.room().count == 0


def test_someone_not_allowed_is_refused_and_staff_are_told(room: Station) -> None:
    volunteer = room.volunteer()
    mother, _kids = add_mother(room.factory, "Ana Torres", PHONE)
    born = room.service.today() - timedelta(days=4 * 365)
    room.service.register_child(
        mother, "Sofía Torres", born, not_allowed=["Pedro Ruiz"], staff_id=volunteer.id
    )
    room.check_in_all()
    room.desk.checkout.code_typed(room.service.room().children[0].code)
    pickup = room.desk.state.pickup
    assert pickup is not None
    pedro = next(c for c in pickup.choices if not c.allowed)

    room.desk.checkout.chose(pedro)
    assert room.shell.page == "childcare_refused"
    assert room.shell.questions == []  # nothing to confirm: she is not handed over
    assert room.service.room().count == 1
    assert room.service.alert_count() == 1


def test_without_the_code_a_staff_pin_lets_the_children_go(room: Station) -> None:
    room.volunteer()
    staff_id = add_staff(room.factory, "Irma Villalobos", StaffRole.STAFF, "8642")
    add_mother(room.factory, "Ana Torres", PHONE, ("Sofía Torres", 4, False))
    room.check_in_all()

    room.desk.checkout.without_code()
    assert room.shell.page == "childcare_nocode"
    room.desk.checkout.chose_child(room.service.room().children[0])
    assert room.shell.page == "childcare_pickup"
    pickup = room.desk.state.pickup
    assert pickup is not None
    room.desk.checkout.chose(next(c for c in pickup.choices if c.is_guardian))
    assert room.shell.page == "childcare_authorize"  # no hand-over before a staff PIN

    (irma,) = [p for p in room.service.authorizers() if p.id == staff_id]
    room.desk.checkout.authorizer_chosen(irma)
    assert room.shell.page == "childcare_authorize_pin"
    assert room.pages["childcare_authorize_pin"].resets == 1
    room.desk.checkout.authorize("1111")
    assert len(room.shell.errors) == 1 and room.service.room().count == 1

    room.desk.checkout.authorize("8642")
    assert room.shell.page == "childcare"
    assert room.shell.messages[-1] == _("{names} went with {person}.").format(
        names="Sofía", person="Ana"
    )
    assert room.service.room().count == 0
    assert room.service.alert_count() == 1  # a pick-up without the code is told to staff


def test_a_lost_stub_is_printed_again_with_the_same_code(room: Station) -> None:
    room.volunteer()
    add_mother(room.factory, "Ana Torres", PHONE, ("Sofía Torres", 4, False))
    room.check_in_all()
    first = room.printer.printed[-1]
    (pickup,) = room.service.open_codes()

    room.shell.answer = False
    room.desk.reprint(pickup)
    assert room.printer.printed == [first]

    room.shell.answer = True
    room.desk.reprint(pickup)
    assert room.printer.printed == [first, first]
    words = f"{pickup.code} {pickup.picture_word}"
    assert room.shell.messages[-1] == _("The slip with the code {code} is printing.").format(
        code=words
    )


def test_ending_a_shift_with_children_inside_asks_first(room: Station) -> None:
    lupe = room.volunteer()
    add_mother(room.factory, "Ana Torres", PHONE, ("Sofía Torres", 4, False))
    room.check_in_all()

    room.shell.answer = False
    room.desk.toggle_shift()
    assert room.shell.questions[-1] == ngettext(
        "There is still {count} child in the room and nobody else on shift. End your shift?",
        "There are still {count} children in the room and nobody else on shift. End your shift?",
        1,
    ).format(count=1)
    assert room.service.is_on_shift(lupe.id) and room.shell.ended == []

    room.shell.answer = True
    room.desk.toggle_shift()
    assert not room.service.is_on_shift(lupe.id)
    assert room.shell.ended == ["signed_out"]


def test_a_new_child_is_registered_one_question_at_a_time(room: Station) -> None:
    room.volunteer()
    mother, _kids = add_mother(room.factory, "Ana Torres", PHONE)
    registration = room.desk.registration

    registration.start()
    assert room.shell.page == "childcare_checkin"  # the mother's phone first
    assert all(room.pages[name].resets == 1 for name in STEPS)
    room.desk.phone_typed(PHONE)
    assert room.shell.page == "childcare_new_name"
    registration.named("Lía Torres")
    assert room.shell.page == "childcare_new_birth"
    today = room.service.today()
    registration.born(today + timedelta(days=1))
    assert room.shell.errors == [_("The birth date cannot be after today.")]
    registration.born(today - timedelta(days=3 * 365))
    assert room.shell.page == "childcare_new_allergy"
    registration.allergy("yes")
    assert room.shell.page == "childcare_new_consent"  # her health is kept only with a yes

    registration.consented(False)
    # No camera at this station: straight to who picks her up, said once.
    assert room.shell.page == "childcare_new_people"
    no_camera = _("This station has no camera: children are registered without a photo.")
    assert room.shell.messages == [
        no_camera,
        _("Her allergy is not kept. Tell the volunteers each time you leave her."),
    ]
    registration.add_person(False)
    assert room.shell.page == "childcare_new_person"
    assert registration.person_title() == _("Who may NOT pick her up?")
    registration.person_named("Pedro Ruiz")
    assert room.shell.page == "back"

    registration.save()
    assert room.shell.page == "childcare_children"
    (lia,) = room.service.children_of(mother)
    assert (lia.first_name, lia.has_allergy) == ("Lía", False)
    assert room.desk.state.chosen == [lia.id]  # ready to check in

    room.desk.check_in()
    pickup = room.desk.state.pickup
    assert pickup is not None
    assert ("Pedro Ruiz", False) in [(c.name, c.allowed) for c in pickup.choices]

    registration.start(keep_guardian=True)
    assert room.shell.page == "childcare_new_name"  # her mother is already found
    registration.named("Leo Torres")
    registration.born(today - timedelta(days=365))
    registration.allergy("no")
    assert room.shell.messages.count(no_camera) == 1
