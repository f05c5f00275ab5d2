"""The staff desk's member pages step by step, without a window: find her, her record, a
correction, her data printed, her card printed anew and her data erased, each asked first."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import Settings
from kiosk.data.models import Member, StaffRole
from kiosk.i18n import _
from kiosk.services.member_desk import MemberDesk
from kiosk.services.members import MemberInfo
from kiosk.services.privacy import PrivacyService
from kiosk.services.staff import StaffInfo, StaffService
from kiosk.ui.areas.members.desk_flow import MemberDeskFlow
from tests.ui.areas.desk_fakes import FakeShell

Factory = sessionmaker[Session]
_phones = itertools.count(1)


@dataclass
class Visit:
    member: MemberInfo | None = None
    staff: StaffInfo | None = None


class Desk:
    def __init__(self, factory: Factory) -> None:
        self.factory = factory
        self.shell = FakeShell()
        self.printed: list[str] = []
        self.cards: list[int] = []
        self.forgotten: list[str] = []
        self.staff = StaffService(factory).add(f"Laura {next(_phones)}", StaffRole.STAFF, "2468")
        self.service = MemberDesk(factory)
        self.flow = MemberDeskFlow(
            self.shell,
            self.service,
            lambda: self.staff.id,
            Visit(),
            privacy=PrivacyService(factory, Settings()),
            print_slip=self.printed.append,
            print_card=self.print_card,
        )
        self.flow.forget = self.forgotten.append

    def print_card(self, member_id: int, staff_id: int | None) -> bool:
        self.cards.append(member_id)
        return True

    def woman(self, name: str) -> tuple[int, str]:
        phone = f"614{next(_phones):07d}"
        with self.factory.begin() as s:
            member = Member(name=name, phone=phone)
            s.add(member)
            s.flush()
            return member.id, phone


def test_one_woman_found_opens_her_record_and_many_open_the_list(
    session_factory: Factory,
) -> None:
    desk = Desk(session_factory)
    ana, phone = desk.woman("Ana Ruiz Soto")
    desk.woman("Ana María López")
    desk.flow.find_by_phone("9999")
    assert desk.shell.errors == [_("Nobody was found. Check and try again.")]
    desk.flow.find_by_phone(phone[-4:])
    assert desk.shell.opened == ["staff_member"] and desk.flow.member_id == ana
    record = desk.flow.record()
    assert record is not None and record.member.name == "Ana Ruiz Soto"
    desk.flow.find_by_name("Ana")
    assert desk.shell.opened[-1] == "staff_member_results"
    assert desk.forgotten == ["staff_member_results"]  # the list from its first screen
    assert desk.flow.search is not None and desk.flow.search(0).total == 2


def test_a_correction_is_saved_and_its_keyboards_emptied(session_factory: Factory) -> None:
    desk = Desk(session_factory)
    ana, _phone = desk.woman("Ana Ruiz")
    desk.flow.show_member(ana)
    desk.flow.correct(name="Ana Ruiz Soto")
    assert desk.flow.current_name() == "Ana Ruiz Soto"
    assert desk.shell.messages == [_("Saved.")]
    assert {"staff_member_fix_name", "staff_member_fix_phone"} <= set(desk.forgotten)
    desk.flow.correct(phone="12")
    assert len(desk.shell.errors) == 1  # the service's sentence: a phone has 10 digits


def test_her_data_and_a_new_card_are_printed_for_her(session_factory: Factory) -> None:
    desk = Desk(session_factory)
    ana, _phone = desk.woman("Ana Ruiz")
    desk.flow.show_member(ana)
    desk.flow.print_her_data()
    assert len(desk.printed) == 1
    assert desk.shell.messages[-1] == _("Her data is printing. Give it to her.")
    desk.shell.answer = False
    desk.flow.ask_new_card()
    assert len(desk.shell.asked) == 1 and desk.cards == []
    desk.shell.answer = True
    desk.flow.ask_new_card()
    assert desk.cards == [ana]
    assert desk.shell.messages[-1] == _("Her new card is printing. The old one no longer works.")


def test_erasing_her_data_is_asked_first_and_forgets_her(session_factory: Factory) -> None:
    desk = Desk(session_factory)
    ana, phone = desk.woman("Ana Ruiz")
    desk.flow.show_member(ana)
    desk.flow.ask_erase()
    assert desk.shell.asked and "Ana" in desk.shell.asked[0]
    assert desk.shell.opened[-1] == "staff_members"
    assert desk.shell.messages[-1] == _("Her personal data has been erased.")
    assert desk.flow.member_id is None
    desk.flow.find_by_phone(phone)
    assert desk.shell.errors == [_("Nobody was found. Check and try again.")]
