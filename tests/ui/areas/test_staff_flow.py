"""The staff's way in and a member's call for help, without a window: a fake window and PIN
page, a real database."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import StaffRole
from kiosk.services.staff import StaffInfo, StaffService
from kiosk.ui.areas.staff.flow import StaffFlow
from tests.ui.areas.desk_fakes import FakeShell

Factory = sessionmaker[Session]


@dataclass
class StaffShell(FakeShell):
    signed_in: list[StaffInfo] = field(default_factory=list)

    def back(self) -> None:
        self.opened.append("back")

    def call_for_help(self) -> None:
        self.opened.append("help called")

    def staff_signed_in(self, person: StaffInfo) -> None:
        self.signed_in.append(person)


@dataclass
class PinPage:
    asked: list[str] = field(default_factory=list)
    cleared: int = 0

    def ask(self, person: StaffInfo) -> None:
        self.asked.append(person.name)

    def clear(self) -> None:
        self.cleared += 1


def test_her_name_then_her_pin_signs_her_in_and_a_wrong_pin_says_so(
    session_factory: Factory,
) -> None:
    service = StaffService(session_factory)
    laura = service.add("Laura", StaffRole.STAFF, "2468")
    service.add("Marta", StaffRole.VOLUNTEER, "1357")
    shell, pin_page = StaffShell(), PinPage()
    flow = StaffFlow(shell, service)
    flow.pin_view = pin_page
    assert [p.name for p in flow.people()] == ["Laura", "Marta"]
    flow.pin("2468")  # nobody chosen yet: nothing happens
    assert shell.signed_in == []
    flow.choose(laura)
    assert pin_page.asked == ["Laura"] and shell.opened == ["staff_pin"]
    flow.pin("1111")
    assert len(shell.errors) == 1 and shell.signed_in == []
    assert pin_page.cleared == 2  # a PIN is never left on screen, right or wrong
    flow.pin("2468")
    assert [p.id for p in shell.signed_in] == [laura.id]
    assert pin_page.cleared == 3


def test_a_call_for_help_goes_back_to_where_she_started(session_factory: Factory) -> None:
    shell = StaffShell()
    StaffFlow(shell, StaffService(session_factory)).call_for_help()
    assert shell.opened == ["back", "help called"]
