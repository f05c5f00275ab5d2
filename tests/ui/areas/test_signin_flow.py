"""Who are you? The sign-in and registration steps without a window: a fake window with a
real visit, a real database."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import Settings
from kiosk.data.models import StaffRole
from kiosk.i18n import _
from kiosk.services.members import MemberService
from kiosk.services.privacy import PrivacyService
from kiosk.services.staff import StaffInfo
from kiosk.ui.areas.members.signin_flow import SignInFlow
from tests.ui.areas.desk_fakes import FakeSignInShell

Factory = sessionmaker[Session]
_phones = itertools.count(1)


def phone() -> str:
    return f"614{next(_phones):07d}"


def flow(factory: Factory, cards: list[int] | None = None) -> tuple[SignInFlow, FakeSignInShell]:
    shell = FakeSignInShell()
    printing = None if cards is None else (lambda member, staff: cards.append(member) or True)
    steps = SignInFlow(
        shell,
        MemberService(factory),
        privacy=PrivacyService(factory, Settings()),
        print_card=printing,
    )
    return steps, shell


def test_a_known_phone_asks_are_you_her_then_signs_her_in(session_factory: Factory) -> None:
    steps, shell = flow(session_factory)
    rosa = MemberService(session_factory).register("Rosa Díaz", number := phone(), consent=True)
    shell.visit.after_sign_in = "jobs"
    steps.phone("123")
    assert len(shell.errors) == 1 and shell.opened == []  # the service's sentence
    steps.phone(number)
    assert shell.opened == ["signin_confirm"] and shell.visit.candidate == rosa
    steps.its_me(False)
    assert shell.visit.candidate is None and shell.opened[-1] == "signin"
    steps.phone(number)
    steps.its_me(True)
    assert shell.visit.member == rosa and shell.opened[-1] == "jobs"


def test_a_new_phone_registers_her_with_the_notice_she_saw(session_factory: Factory) -> None:
    steps, shell = flow(session_factory)
    number = phone()
    steps.phone(number)
    assert shell.asked == [_("We did not find that number. Do you want to sign up?")]
    assert shell.opened == ["register_name"] and shell.visit.phone == number
    steps.name("  ")
    assert len(shell.errors) == 1
    steps.name("rosa  díaz")
    assert shell.opened[-1] == "register_privacy"
    steps.show_notice()
    assert steps.notice_id is not None
    steps.accept()
    member = MemberService(session_factory).find_by_phone(number)
    assert member is not None and shell.visit.member == member
    assert not shell.asked[1:]  # alone at the kiosk: no card offered


def test_declining_keeps_nothing(session_factory: Factory) -> None:
    steps, shell = flow(session_factory)
    number = phone()
    steps.phone(number)
    steps.name("Rosa Díaz")
    steps.decline()
    assert shell.ended == ["declined"] and shell.visit.phone == ""
    assert shell.messages == [_("Without your permission we do not keep your details.")]
    assert MemberService(session_factory).find_by_phone(number) is None


def test_with_staff_beside_her_card_is_offered_and_printed(session_factory: Factory) -> None:
    cards: list[int] = []
    steps, shell = flow(session_factory, cards)
    shell.visit.staff = StaffInfo(id=1, name="Laura", role=StaffRole.STAFF)
    steps.phone(phone())
    steps.name("Rosa Díaz")
    steps.accept()
    assert shell.asked[-1] == _("Print her member card? Next time she shows it to sign in.")
    assert shell.visit.member is not None and cards == [shell.visit.member.id]
    assert shell.tasks == 1
    assert shell.messages[-1] == _("Her card is printing. Give it to her.")
