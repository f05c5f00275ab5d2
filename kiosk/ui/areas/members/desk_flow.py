"""The staff desk's member pages, their steps with no widget in them: find her by phone or
name, her record, correct her name, phone or town, her card printed anew (the old one stops
working), her data printed, her children's health data removed, and her personal data erased
when she asks (✓ / ✗ first)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from functools import partial
from typing import Protocol

from kiosk.i18n import _, ngettext
from kiosk.services.cards import CardError
from kiosk.services.member_desk import MemberDesk, MemberPage, MemberRecord
from kiosk.services.members import MemberError, MemberInfo
from kiosk.services.privacy import PrivacyError, PrivacyService
from kiosk.services.staff import StaffInfo
from kiosk.services.vouchers import VoucherError
from kiosk.ui.areas.flow_parts import attempt
from kiosk.ui.pages.base import Shell


class Visit(Protocol):
    """Who is at the desk: the member signed in (or just registered) and the staff beside her."""

    @property
    def member(self) -> MemberInfo | None: ...

    @property
    def staff(self) -> StaffInfo | None: ...


def _forget_nothing(name: str) -> None:
    """Until the window says how a page is emptied."""


@dataclass(eq=False)
class MemberDeskFlow:
    """The member pages of the staff desk and what they share: the search and the member shown.

    ``staff_id`` tells who is signed in at the desk, for the audit events; ``forget`` empties
    a page by its name (a correction's keyboard, the results' pager) before it opens again."""

    shell: Shell
    service: MemberDesk
    staff_id: Callable[[], int | None]
    visit: Visit
    _: KW_ONLY
    # "Canalizar": refer her to a program (the program pages).
    refer: Callable[[MemberInfo], None] | None = None
    # "Sus datos": everything the kiosk holds about her, printed (her right of access).
    privacy: PrivacyService | None = None
    print_slip: Callable[[str], None] | None = None
    # "Credencial nueva": her member card printed anew (a lost one stops working).
    print_card: Callable[[int, int | None], bool] | None = None
    search: Callable[[int], MemberPage] | None = field(default=None, init=False)
    member_id: int | None = field(default=None, init=False)
    forget: Callable[[str], None] = field(default_factory=lambda: _forget_nothing, init=False)

    # --- search ---------------------------------------------------------------------------

    def find_by_phone(self, digits: str) -> None:
        self._find(lambda page: self.service.search_phone(digits, page))

    def find_by_name(self, text: str) -> None:
        self._find(lambda page: self.service.search_name(text, page))

    def _find(self, search: Callable[[int], MemberPage]) -> None:
        try:
            found = search(0)
        except MemberError as exc:
            self.shell.show_error(str(exc))
            return
        if found.total == 0:
            self.shell.show_error(_("Nobody was found. Check and try again."))
            return
        self.search = search
        if found.total == 1:
            self.show_member(found.items[0].id)
            return
        self.forget("staff_member_results")  # from its first screen
        self.shell.open("staff_member_results")

    # --- her record and corrections -----------------------------------------------------

    def show_member(self, member_id: int) -> None:
        self.member_id = member_id
        self.shell.open("staff_member")

    def record(self) -> MemberRecord | None:
        visit = self.visit
        if self.member_id is None and visit.member is not None and visit.staff is not None:
            # Registered (or signed in) at the desk with staff at her side: her record.
            self.member_id = visit.member.id
        if self.member_id is None:
            return None
        try:
            return self.service.record(self.member_id)
        except MemberError:
            self.member_id = None
            return None

    def current_name(self) -> str | None:
        record = self.record()
        return record.member.name if record else None

    def correct(self, **change: str) -> None:
        member_id = self.member_id
        if member_id is None:
            return
        call = partial(self.service.correct, member_id, staff_id=self.staff_id(), **change)
        if attempt(self.shell, call, MemberError) is None:
            return
        for name in ("staff_member_fix_name", "staff_member_fix_phone", "staff_member_fix_place"):
            self.forget(name)
        self.shell.open("staff_member")
        self.shell.show_message(_("Saved."), "action.yes")

    def print_her_data(self) -> None:
        """Her data on paper, for her (the right of access): gathered and drawn by the
        privacy service, handed to the printer here."""
        if self.member_id is None or self.privacy is None or self.print_slip is None:
            return
        try:
            number = self.privacy.print_my_data(self.member_id, staff_id=self.staff_id())
        except (PrivacyError, VoucherError) as exc:
            self.shell.show_error(str(exc))
            return
        self.print_slip(number)
        self.shell.show_message(_("Her data is printing. Give it to her."), "action.print")

    def _ask(self, question: str, icon: str, then: Callable[[int], None]) -> None:
        """Ask first about the member shown (``{name}`` in ``question`` is her first name);
        ``then(member_id)`` on ✓, unless another member is shown by then."""
        record = self.record()
        if record is None:
            return
        member_id = record.member.id

        def answered(yes: bool) -> None:
            if yes and member_id == self.member_id:
                then(member_id)

        self.shell.confirm(question.format(name=record.member.first_name), icon, answered)

    def ask_new_card(self) -> None:
        question = _("Print a new member card for {name}? Her old card will stop working.")
        if self.print_card is not None:
            self._ask(question, "action.member_card", self._new_card)

    def _new_card(self, member_id: int) -> None:
        if self.print_card is None:
            return
        try:
            replaced = self.print_card(member_id, self.staff_id())
        except (CardError, VoucherError) as exc:
            self.shell.show_error(str(exc))
            return
        self.shell.show_message(
            _("Her new card is printing. The old one no longer works.")
            if replaced
            else _("Her card is printing. Give it to her."),
            "action.member_card",
        )

    def ask_withdraw_health(self) -> None:
        question = _(
            "Remove the allergies and health notes of {name}'s children? She withdraws her "
            "permission; the volunteers will no longer see them."
        )
        if self.privacy is not None:
            self._ask(question, "privacy.health", self._withdraw_health)

    def _withdraw_health(self, member_id: int) -> None:
        if self.privacy is None:
            return
        withdraw = self.privacy.withdraw_health_consent
        count = attempt(
            self.shell, partial(withdraw, member_id, staff_id=self.staff_id()), PrivacyError
        )
        if count is None:
            return
        self.shell.open("staff_member")
        self.shell.show_message(
            ngettext(
                "The health data of {count} child was removed.",
                "The health data of {count} children was removed.",
                count,
            ).format(count=count),
            "action.yes",
        )

    def ask_erase(self) -> None:
        question = _(
            "Erase {name}'s personal data? Her name, phone, photos and notes go for good; the "
            "centre's figures stay, without her name."
        )
        self._ask(question, "action.erase", self._erase)

    def _erase(self, member_id: int) -> None:
        erase = partial(self.service.erase, member_id, staff_id=self.staff_id())
        if attempt(self.shell, erase, MemberError) is None:
            return
        self.member_id = None
        self.search = None
        self.shell.open("staff_members")
        self.shell.show_message(_("Her personal data has been erased."), "action.yes")

    def reset(self) -> None:
        self.search = None
        self.member_id = None
