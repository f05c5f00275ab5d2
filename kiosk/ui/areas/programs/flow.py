"""The program directory's flows: what a visit does step by step, member side
(:class:`ProgramDirectory`: a need → a program → its sheet, and the staff's referral: who is she,
why, when to call her → the referral slip) and at the desk (:class:`ProgramDesk`: the follow-up
calls and their outcomes, a program confirmed, hidden or changed through the wizard).

Plain Python: each flow is handed its services, its pages (as the small protocols below) and
the window (:class:`~kiosk.ui.pages.base.Shell`), so tests drive it with fakes and a real
database, without a window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.i18n import N_, _
from kiosk.services.programs import (
    ProgramChanged,
    ProgramDetail,
    ProgramDraft,
    ProgramError,
    ProgramFilters,
    ProgramNeed,
    ProgramService,
    ReferralInfo,
    ReferralStatus,
    issue_program_sheet,
)
from kiosk.services.referral_slip import issue_referral_slip
from kiosk.slip_options import SlipOptions
from kiosk.ui.areas.flow_parts import (
    KindListView,
    PrintsSlips,
    Resets,
    Shows,
    Wizard,
    WizardDesk,
    attempt,
    found,
    if_yes,
    kept,
)

if TYPE_CHECKING:
    from kiosk.services.members import MemberInfo
    from kiosk.services.vouchers import VoucherService
    from kiosk.ui.pages.base import Shell

# The staff's reasons for a referral, as pictures; the first is the program's own need.
REASONS: tuple[tuple[str, str, str], ...] = (
    ("need", "need.negocio", ""),  # said as the need's phrase (see ProgramDirectory.reason_words)
    ("asked", "misc.people", N_("She asked about this program")),
    ("meets", "action.yes", N_("She meets the requirements")),
    ("urgent", "action.warning", N_("She needs it soon")),
    ("again", "action.phone", N_("She is following up an earlier request")),
    ("write", "action.keyboard", N_("Write another reason")),
)
NEED_REASONS: dict[ProgramNeed, str] = {
    ProgramNeed.BUSINESS_MONEY: N_("She wants to start or grow her business"),
    ProgramNeed.SAVINGS_CREDIT: N_("She wants to save or get a loan"),
    ProgramNeed.TRAINING: N_("She wants to learn a trade or study"),
    ProgramNeed.LEGAL: N_("She needs legal advice"),
    ProgramNeed.HEALTH: N_("She needs health care"),
    ProgramNeed.CHILDCARE: N_("She needs support for her children"),
    ProgramNeed.HOUSING: N_("She needs to improve her home"),
    ProgramNeed.FOOD: N_("She needs help with food"),
}
STATUS_WORDS: dict[ReferralStatus, str] = {
    ReferralStatus.NOT_UPDATED: N_("Not updated"),
    ReferralStatus.NEEDS_ACTION: N_("Needs action"),
    ReferralStatus.PENDING: N_("Pending"),
    ReferralStatus.RECEIVED: N_("Received the support"),
    ReferralStatus.UNREACHABLE: N_("Could not be reached"),
    ReferralStatus.NOT_ELIGIBLE: N_("Not eligible"),
    ReferralStatus.NO_PLACES: N_("No places"),
    ReferralStatus.NOT_INTERESTED: N_("No longer interested"),
}
STATUS_ICONS: dict[ReferralStatus, str] = {
    ReferralStatus.NOT_UPDATED: "misc.calendar",
    ReferralStatus.NEEDS_ACTION: "action.warning",
    ReferralStatus.PENDING: "action.wait",
    ReferralStatus.RECEIVED: "action.yes",
    ReferralStatus.UNREACHABLE: "action.phone",
    ReferralStatus.NOT_ELIGIBLE: "action.no",
    ReferralStatus.NO_PLACES: "misc.seat",
    ReferralStatus.NOT_INTERESTED: "action.exit",
}
# The desk wizard's pages in order, and the value each one stores (the review stores none).
STEPS = (
    "staff_program_name",
    "staff_program_org",
    "staff_program_need",
    "staff_program_level",
    "staff_program_benefit",
    "staff_program_who",
    "staff_program_docs",
    "staff_program_phone",
    "staff_program_street",
    "staff_program_number",
    "staff_program_town",
    "staff_program_when",
    "staff_program_review",
)
STORED = (
    "name",
    "organization",
    "need",
    "level",
    "benefit",
    "eligibility",
    "required_documents",
    "phone",
    "street",
    "number",
    "locality",
    "schedule",
)
# Common opening hours, picked instead of typed (the keyboard writes letters only), with
# their weekly days as the program keeps them (HSDS ``byday``).
SCHEDULES: tuple[tuple[str, time | None, time | None], ...] = (
    ("Lunes a viernes 8:00 a 15:00", time(8), time(15)),
    ("Lunes a viernes 9:00 a 15:00", time(9), time(15)),
    ("Lunes a viernes 9:00 a 17:00", time(9), time(17)),
    ("Lunes a viernes 14:00 a 19:00", time(14), time(19)),
    ("Sábados 10:00 a 12:00", time(10), time(12)),
)
SCHEDULE_DAYS = ("MO,TU,WE,TH,FR",) * 4 + ("SA",)
KEEP = "keep"
# What changing a program keeps as it was: what the wizard does not ask about.
KEPT = (
    "description",
    "directions",
    "fees",
    "application_process",
    "minimum_age",
    "maximum_age",
    "active",
)


class NeedsView(Protocol):
    def filters(self) -> ProgramFilters: ...


class ProgramView(Protocol):
    program: ProgramDetail | None

    def show_program(self, program: ProgramDetail) -> None: ...


class ReferredView(Protocol):
    def show_referral(self, referral: ReferralInfo) -> None: ...


@dataclass(frozen=True)
class DirectoryPages:
    needs: NeedsView
    list: KindListView
    detail: ProgramView
    referral_steps: Sequence[Resets]  # the reason, the reason written, when to call her
    referred: ReferredView


def staff_of(shell: object) -> Any:
    """Who is signed in at the desk (None at the kiosk)."""
    return getattr(shell, "staff_user", None)


class ProgramDirectory:
    """A need → its programs → a program: its sheet prints on "Imprimir"; with staff signed in,
    "Canalizar" refers the member (her sign-in, a reason, a follow-up day) and prints her slip."""

    def __init__(
        self,
        shell: Shell,
        programs: ProgramService,
        vouchers: VoucherService,
        slip_desk: PrintsSlips,
        pages: DirectoryPages,
    ) -> None:
        self.shell = shell
        self.programs = programs
        self.vouchers = vouchers
        self.slip_desk = slip_desk
        self.pages = pages
        self.needs, self.list, self.detail = pages.needs, pages.list, pages.detail
        self.program_id: int | None = None
        self.reason: str = ""
        self.number: str | None = None  # the referral slip, for printing again
        self.sheets: dict[int, str] = {}  # program id -> its sheet's number, for printing again

    # --- member side ----------------------------------------------------------------------

    def chose_need(self, need: ProgramNeed) -> None:
        self.list.choose(ProgramNeed(need), self.needs.filters())
        self.shell.open("programs_list")

    def show_program(self, program_id: int) -> None:
        program = attempt(self.shell, lambda: self.programs.get(program_id), ProgramError)
        if program is None:
            self.list.refresh()
            return
        self.program_id = program.id
        self.detail.show_program(program)
        self.shell.open("program_detail")

    def print_sheet(self) -> None:
        """ "Imprimir" on a program's page: its sheet (what it gives, who can apply, where,
        when, the phone, the papers as pictures) is issued once per visit and printed; a second
        touch prints the same sheet again."""
        program = self.detail.program
        if program is None:
            return
        number = self.sheets.get(program.id)
        if number is None:
            options = SlipOptions.from_settings(self.shell.settings)
            number = self.sheets[program.id] = issue_program_sheet(
                self.vouchers, program, options
            ).number
        self.shell.task_done()
        self.shell.show_message(
            _("The program's sheet is printing. Take it with you."), "action.print"
        )
        self.slip_desk.print_slip(number)

    # --- staff: the referral --------------------------------------------------------------

    def need(self) -> ProgramNeed:
        """The need of the program shown (what the first reason speaks of)."""
        program = self.detail.program
        return program.need if program else ProgramNeed.BUSINESS_MONEY

    def reason_words(self, key: str) -> str:
        if key == "need":
            return _(NEED_REASONS[self.need()])
        return next(_(phrase) for k, _icon, phrase in REASONS if k == key)

    def start_referral(self) -> None:
        """ "Canalizar": who is she? (her sign-in), then the reason and the follow-up day."""
        if self.detail.program is None:
            return
        self.program_id = self.detail.program.id
        self.reason = ""
        for page in self.pages.referral_steps:
            page.reset()
        if self.shell.visit.member is None:
            self.shell.sign_in("program_refer_reason")
        else:
            self.shell.open("program_refer_reason")

    def refer_member(self, member: MemberInfo) -> None:
        """From a member's record at the desk: she is the one referred; staff pick the
        program (by need), then "Canalizar" goes straight to the reason."""
        self.shell.visit.sign_in_member(member)
        self.reset()
        self.shell.open("programs")

    def reason_chosen(self, key: str) -> None:
        if key == "write":
            self.shell.open("program_refer_text")
            return
        self.reason = self.reason_words(key)
        self.shell.open("program_refer_when")

    def reason_written(self, text: str) -> None:
        self.reason = text
        self.shell.open("program_refer_when")

    def when_chosen(self, days: str) -> None:
        member, program_id = self.shell.visit.member, self.program_id
        person = staff_of(self.shell)
        if member is None or program_id is None:
            self.shell.show_error(_("Sign her in first. Start again from the program."))
            return

        def refer() -> tuple[ReferralInfo, ProgramDetail]:
            referral = self.programs.refer(
                member.id,
                program_id,
                reason=self.reason,
                follow_up_days=int(days),
                staff_id=person.id if person else None,
            )
            return referral, self.programs.get(program_id)

        made = attempt(self.shell, refer, ProgramError)
        if made is None:
            return
        referral, program = made
        options = SlipOptions.from_settings(self.shell.settings)
        voucher = issue_referral_slip(
            self.vouchers, referral, program, person.name if person else "", options
        )
        self.number = voucher.number
        self.pages.referred.show_referral(referral)
        self.shell.open("program_referred")
        self.slip_desk.print_slip(voucher.number)

    def print_again(self) -> None:
        if self.number is None:
            return
        self.shell.speaker.say(_("The slip is printing again."))
        self.slip_desk.print_slip(self.number)

    def reset(self) -> None:
        self.program_id = None
        self.reason = ""
        self.number = None
        self.sheets = {}


# --- the desk -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramDeskPages:
    again: Resets  # when to call her again
    program: Shows  # one program
    steps: Sequence[Resets]  # the wizard's pages


class ProgramDesk(WizardDesk[ProgramDetail]):
    """The follow-up calls and the programs: the referral and the program shown, the
    wizard's values."""

    record_page = "staff_program"
    steps = STEPS
    stored = STORED
    named = "name"
    saved_words = N_("The program is saved.")
    refused = ProgramError

    def __init__(self, shell: Shell, programs: ProgramService, pages: ProgramDeskPages) -> None:
        super().__init__(pages.steps)
        self.shell = shell
        self.service = programs
        self.pages = pages
        self.referral_id: int | None = None
        self.outcome: ReferralStatus | None = None

    def reset(self) -> None:
        """The staff visit is over: no program or referral shown, no half-filled wizard."""
        self.record_id = None
        self.referral_id = None
        self.outcome = None
        self.wizard = Wizard()

    # --- follow-up ------------------------------------------------------------------------

    def show_referral(self, referral_id: int) -> None:
        self.referral_id = referral_id
        self.shell.open("staff_referral")

    def current_referral(self) -> ReferralInfo | None:
        return found(self.service.referral, self.referral_id, ProgramError)

    def outcome_chosen(self, status: ReferralStatus) -> None:
        """What happened; a pending one, or one that needs action, asks when to call again."""
        if status in (ReferralStatus.PENDING, ReferralStatus.NEEDS_ACTION):
            self.outcome = status
            self.pages.again.reset()
            self.shell.open("staff_referral_when")
            return
        self.record(status, None)

    def again_chosen(self, days: str) -> None:
        if self.outcome is not None:
            self.record(self.outcome, int(days))

    def record(self, status: ReferralStatus, days: int | None) -> None:
        """The outcome saved; the follow-up list opens again and says what was saved."""
        referral_id, person = self.referral_id, staff_of(self.shell)
        if referral_id is None:
            return
        saved = attempt(
            self.shell,
            lambda: self.service.record_outcome(
                referral_id, status, follow_up_days=days, staff_id=person.id if person else None
            ),
            ProgramError,
        )
        if saved is None:
            return
        self.outcome = None
        self.referral_id = None
        self.shell.open("staff_referrals")
        self.shell.show_message(
            _("Saved: {status}.").format(status=status_word(status)), STATUS_ICONS[status]
        )

    # --- programs -------------------------------------------------------------------------

    show_program = WizardDesk.show_record

    @property
    def program_id(self) -> int | None:
        """The program shown."""
        return self.record_id

    def confirm_program(self) -> None:
        program = self.current()
        if program is None:
            return
        self.service.confirm(program.id)
        self.pages.program.entered()
        self.shell.show_message(_("The program's details are confirmed for today."), "action.yes")

    def toggle_active(self) -> None:
        program = self.current()
        if program is None:
            return

        def toggle() -> None:
            self.service.set_active(program.id, not program.active)
            self.pages.program.entered()

        question = (
            _("Hide this program? Members will not see it.")
            if program.active
            else _("Show this program to members again?")
        )
        if_yes(self.shell, question, "action.no" if program.active else "action.yes", toggle)

    # --- the wizard -----------------------------------------------------------------------

    def wizard_values(self, record: ProgramDetail | None) -> dict[str, Any]:
        return wizard_values(record)

    def draft(self) -> ProgramDraft:
        get = self.wizard.values.get
        schedule, opens, closes = self.schedule()
        common: dict[str, Any] = {
            "name": get("name") or "",
            "organization": get("organization") or "",
            "need": get("need") or "",
            "level": get("level") or "",
            "benefit": get("benefit") or "",
            "eligibility": get("eligibility") or "",
            "required_documents": tuple(get("required_documents") or ()),
            "phone": get("phone") or "",
            "address": self.address(),
            "locality": get("locality") or "",
            "schedule": schedule,
            "opens_at": opens,
            "closes_at": closes,
            "schedule_days": self.schedule_days(),
        }
        base = self.wizard.base
        version = base.version if base is not None else None  # the reading it changes
        return ProgramDraft(**common, **kept(base, KEPT), version=version)

    def save(self) -> None:
        """Save the wizard's program. Someone else (at this centre or another: the directory
        is the network's) may have saved it since she began: then nothing is written, she is
        told so in one sentence, and the check page shows her change again, on top of theirs
        (:meth:`catch_up`); saving again writes it."""
        draft, record_id = self.draft(), self.wizard.record_id
        try:
            saved = self.service.save(draft, record_id)
        except ProgramChanged as exc:
            self.catch_up()
            self.shell.open(self.steps[-1])
            self.shell.show_error(str(exc), "action.warning")
            return
        except ProgramError as exc:
            problems = getattr(exc, "problems", None)
            self.shell.show_error(problems[0] if problems else str(exc))
            return
        self.saved(saved)

    def catch_up(self) -> None:
        """Her change on top of the program as it is now: every answer she typed or chose
        stays; what she left as it was takes the other person's value."""
        fresh = found(self.service.staff_get, self.wizard.record_id, ProgramError)
        if fresh is None:
            return
        before, now = wizard_values(self.wizard.base), wizard_values(fresh)
        values = self.wizard.values
        for key, value in list(values.items()):
            if key in before and key in now and value == before[key]:
                values[key] = now[key]
        self.wizard.base = fresh

    def address(self) -> str:
        street = self.wizard.values.get("street") or ""
        number = str(self.wizard.values.get("number") or "").lstrip("0")
        return " ".join(part for part in (street, number) if part)

    def schedule(self) -> tuple[str, time | None, time | None]:
        chosen = self.wizard.values.get("schedule")
        base = self.wizard.base
        if chosen in (None, KEEP):
            if base is None:
                return "", None, None
            return base.schedule, base.opens_at, base.closes_at
        return SCHEDULES[int(chosen)]

    def schedule_days(self) -> str:
        chosen = self.wizard.values.get("schedule")
        base = self.wizard.base
        if chosen in (None, KEEP):
            return base.schedule_days if base is not None else ""
        return SCHEDULE_DAYS[int(chosen)]


def status_word(status: ReferralStatus) -> str:
    return _(STATUS_WORDS[ReferralStatus(status)])


def split_address(address: str) -> dict[str, str]:
    """ "Calle Hidalgo 12" as the wizard asks it: the street, then the number."""
    street, _space, last = address.rpartition(" ")
    if street and last.isdigit() and len(last) <= 5:
        return {"street": street, "number": last}
    return {"street": address, "number": ""}


def wizard_values(program: ProgramDetail | None) -> dict[str, Any]:
    """What the wizard starts from: nothing for a new program, else the program's values."""
    if program is None:
        return {}
    return {
        "name": program.name,
        "organization": program.organization,
        "need": program.need.value,
        "level": program.level.value,
        "benefit": program.benefit,
        "eligibility": program.eligibility,
        "required_documents": tuple(program.required_documents),
        "phone": program.phone if len(program.phone) == 10 else "",
        **split_address(program.address),
        "locality": program.locality,
        "schedule": KEEP,
    }
