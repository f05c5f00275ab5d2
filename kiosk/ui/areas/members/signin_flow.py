"""Who are you? Her steps with no widget in them: her phone found or not, "¿Eres María?",
registering (her name, then the privacy notice and her consent), and her member card printed
when staff are at her side. Reused by every area that needs to know who she is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kiosk.i18n import _
from kiosk.services.cards import CardError
from kiosk.services.members import MemberError, MemberInfo, MemberService, clean_name
from kiosk.services.privacy import PrivacyService
from kiosk.services.vouchers import VoucherError
from kiosk.ui.pages.base import Shell
from kiosk.ui.visit import Visit


class SignInShell(Shell, Protocol):
    """The window as the sign-in steps use it: the visit, and who is signed in."""

    visit: Visit

    def sign_in(self, then: str) -> None: ...
    def signed_in(self, member: MemberInfo) -> None: ...
    def end_visit(self, reason: str) -> None: ...
    def task_done(self) -> None: ...


class SignInFlow:
    """The sign-in and registration steps; what she typed is kept on the visit."""

    def __init__(
        self,
        shell: SignInShell,
        members: MemberService,
        *,
        privacy: PrivacyService | None = None,
        print_card: Callable[[int, int | None], bool] | None = None,
    ) -> None:
        self.shell = shell
        self.members = members
        self.privacy = privacy
        # Her member card, offered once she is registered with staff (printed on ✓ only).
        self.print_card = print_card
        self.notice_id: int | None = None  # the notice's version she was shown

    def reset(self) -> None:
        self.notice_id = None

    def phone(self, digits: str) -> None:
        """Her phone: "¿Eres María?" when it is known, else may she sign up."""
        try:
            found = self.members.find_by_phone(digits)
        except MemberError as exc:
            # The digits stay on the keypad so she can correct them.
            self.shell.show_error(str(exc), "action.phone")
            return
        if found is not None:
            self.shell.visit.candidate = found
            self.shell.open("signin_confirm")
            return
        self.shell.visit.phone = digits
        self.shell.confirm(
            _("We did not find that number. Do you want to sign up?"),
            "action.sign_up",
            lambda yes: self.shell.open("register_name") if yes else None,
        )

    def its_me(self, yes: bool) -> None:
        visit = self.shell.visit
        if not yes:
            visit.candidate = None
            self.shell.sign_in(visit.after_sign_in)
        elif visit.candidate is not None:
            self.shell.signed_in(visit.candidate)

    def name(self, text: str) -> None:
        try:
            self.shell.visit.name = clean_name(text)
        except MemberError as exc:
            self.shell.show_error(str(exc), "action.keyboard")
            return
        self.shell.open("register_privacy")

    def show_notice(self) -> None:
        """The version she sees is the version her consent points at."""
        self.notice_id = self.privacy.current().id if self.privacy is not None else None

    def accept(self) -> None:
        visit = self.shell.visit
        try:
            member = self.members.register(
                visit.name, visit.phone, consent=True, notice_id=self.notice_id
            )
        except MemberError as exc:
            self.shell.show_error(str(exc))
            return
        self.shell.signed_in(member)
        # Registered with staff at her side (signed in with a PIN at this station): staff
        # print her card now; a woman registering alone gets hers at the desk.
        if self.print_card is not None and self.shell.visit.staff is not None:
            self.shell.confirm(
                _("Print her member card? Next time she shows it to sign in."),
                "action.member_card",
                lambda yes: self._card_answer(yes, member.id),
            )

    def _card_answer(self, yes: bool, member_id: int) -> None:
        if not yes or self.print_card is None:
            return
        visit = self.shell.visit
        if visit.member is None or visit.member.id != member_id:
            return  # the visit ended meanwhile
        staff = visit.staff
        try:
            self.print_card(member_id, staff.id if staff is not None else None)
        except (CardError, VoucherError) as exc:
            self.shell.show_error(str(exc), "action.member_card")
            return
        self.shell.task_done()
        self.shell.show_message(_("Her card is printing. Give it to her."), "action.member_card")

    def decline(self) -> None:
        # Her name and phone go with the visit: the next woman starts from nothing.
        self.shell.end_visit("declined")
        self.shell.show_message(
            _("Without your permission we do not keep your details."), "action.privacy"
        )
