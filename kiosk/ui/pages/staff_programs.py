"""Staff pages of the program directory: the referrals due for their follow-up call and the
outcome recorded with the closed-loop statuses; the programs (those to confirm first) with
confirm, hide / show and a one-question-per-page wizard to add or change one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, format_date_short
from kiosk.services.programs import (
    OUTCOMES,
    ProgramCard,
    ProgramDetail,
    ProgramDraft,
    ProgramError,
    ProgramLevel,
    ProgramNeed,
    ProgramService,
    ProgramValidationError,
    ReferralInfo,
    ReferralStatus,
    level_word,
)
from kiosk.ui import icons
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.pages.programs import (
    FOLLOW_UPS,
    areas_text,
    languages_text,
    need_word,
    place_text,
)
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, Pager
from kiosk.ui.widgets.pager import page_slice
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, StepPage, TextStepPage, tile
from kiosk.words import DOCUMENT_WORDS, format_phone

STAFF = AREA_BY_KEY["staff"]
PROGRAMS = AREA_BY_KEY["programs"]
PER_PAGE = 6
NAME_CHARS = 40

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
DOCUMENTS = ("ine", "curp", "comprobante_domicilio", "acta_nacimiento", "fotografia", "rfc")
DOCS_PER_PAGE = 5  # and "Listo": six choices a screen

# The wizard's pages, in order; each stores one value of the draft.
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
# Common opening hours, picked instead of typed (the keyboard writes letters only).
SCHEDULES: tuple[tuple[str, time | None, time | None], ...] = (
    ("Lunes a viernes 8:00 a 15:00", time(8), time(15)),
    ("Lunes a viernes 9:00 a 15:00", time(9), time(15)),
    ("Lunes a viernes 9:00 a 17:00", time(9), time(17)),
    ("Lunes a viernes 14:00 a 19:00", time(14), time(19)),
    ("Sábados 10:00 a 12:00", time(10), time(12)),
)
# Their weekly days, as the program keeps them (HSDS ``byday``).
SCHEDULE_DAYS = ("MO,TU,WE,TH,FR",) * 4 + ("SA",)
KEEP = "keep"


def status_word(status: ReferralStatus) -> str:
    return _(STATUS_WORDS[ReferralStatus(status)])


def short(text: str, limit: int = NAME_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Wizard:
    program_id: int | None = None
    base: ProgramDetail | None = None
    values: dict[str, Any] = field(default_factory=dict)


class ProgramDesk:
    """The staff program pages and what they share: the service, the shown program and
    referral, the wizard."""

    def __init__(
        self, shell: Shell, programs: ProgramService, parent: QWidget | None = None
    ) -> None:
        self.shell = shell
        self.service = programs
        self.program_id: int | None = None
        self.referral_id: int | None = None
        self.outcome: ReferralStatus | None = None
        self.wizard = Wizard()
        self.referrals_page = FollowUpsPage(shell, self, parent)
        self.referral_page = ReferralPage(shell, self, parent)
        self.again_page = ChoiceStepPage(
            shell,
            "staff_referral_when",
            "misc.calendar",
            lambda: _("When to call her again?"),
            lambda: _("Touch when we call her again."),
            [(str(days), "misc.calendar", partial(_, words)) for days, words in FOLLOW_UPS],
            self._again_chosen,
            parent=parent,
        )
        self.list_page = StaffProgramsPage(shell, self, parent)
        self.program_page = StaffProgramPage(shell, self, parent)
        self._pages: list[Page] = [
            self.referrals_page,
            self.referral_page,
            self.again_page,
            self.list_page,
            self.program_page,
        ]
        self._build_wizard(parent)

    def reset(self) -> None:
        """The staff visit is over: no program or referral shown, no half-filled wizard."""
        self.program_id = None
        self.referral_id = None
        self.outcome = None
        self.wizard = Wizard()

    def pages(self) -> list[Page]:
        return list(self._pages)

    # --- follow-up ------------------------------------------------------------------------

    def show_referral(self, referral_id: int) -> None:
        self.referral_id = referral_id
        self.shell.open("staff_referral")

    def current_referral(self) -> ReferralInfo | None:
        if self.referral_id is None:
            return None
        try:
            return self.service.referral(self.referral_id)
        except ProgramError:
            return None

    def outcome_chosen(self, status: ReferralStatus) -> None:
        if status in (ReferralStatus.PENDING, ReferralStatus.NEEDS_ACTION):
            self.outcome = status
            self.again_page.reset()
            self.shell.open("staff_referral_when")
            return
        self._record(status, None)

    def _again_chosen(self, days: str) -> None:
        if self.outcome is not None:
            self._record(self.outcome, int(days))

    def _record(self, status: ReferralStatus, days: int | None) -> None:
        if self.referral_id is None:
            return
        person = getattr(self.shell, "staff_user", None)
        try:
            self.service.record_outcome(
                self.referral_id,
                status,
                follow_up_days=days,
                staff_id=person.id if person else None,
            )
        except ProgramError as exc:
            self.shell.show_error(str(exc))
            return
        self.outcome = None
        self.referral_id = None
        self.shell.open("staff_referrals")
        self.shell.show_message(
            _("Saved: {status}.").format(status=status_word(status)), STATUS_ICONS[status]
        )

    # --- programs -------------------------------------------------------------------------

    def show_program(self, program_id: int) -> None:
        self.program_id = program_id
        self.shell.open("staff_program")

    def current(self) -> ProgramDetail | None:
        if self.program_id is None:
            return None
        try:
            return self.service.staff_get(self.program_id)
        except ProgramError:
            return None

    def confirm_program(self) -> None:
        program = self.current()
        if program is None:
            return
        self.service.confirm(program.id)
        self.program_page.entered()
        self.shell.show_message(_("The program's details are confirmed for today."), "action.yes")

    def toggle_active(self) -> None:
        program = self.current()
        if program is None:
            return

        def answer(yes: bool) -> None:
            if yes:
                self.service.set_active(program.id, not program.active)
                self.program_page.entered()

        question = (
            _("Hide this program? Members will not see it.")
            if program.active
            else _("Show this program to members again?")
        )
        self.shell.confirm(question, "action.no" if program.active else "action.yes", answer)

    # --- the wizard -----------------------------------------------------------------------

    def _build_wizard(self, parent: QWidget | None) -> None:
        shell = self.shell

        def store(key: str) -> Callable[[Any], None]:
            return lambda value: self.store(key, value)

        def get(key: str) -> Callable[[], Any]:
            return lambda: self.wizard.values.get(key)

        needs = [(n.value, f"need.{n.value}", partial(need_word, n)) for n in ProgramNeed]
        levels = [(lv.value, f"level.{lv.value}", partial(level_word, lv)) for lv in ProgramLevel]

        def text_step(name: str, icon: str, title: str, purpose: str, key: str) -> TextStepPage:
            return TextStepPage(
                shell,
                name,
                icon,
                partial(_, title),
                partial(_, purpose),
                store(key),
                get(key),
                max_length=120,
                parent=parent,
            )

        self._pages += [
            text_step(
                "staff_program_name",
                "action.keyboard",
                N_("Program name"),
                N_("Write the program's name and touch the green button."),
                "name",
            ),
            text_step(
                "staff_program_org",
                "misc.centre",
                N_("Organization"),
                N_("Write who offers the program."),
                "organization",
            ),
            ChoiceStepPage(
                shell,
                "staff_program_need",
                "area.programs",
                lambda: _("What it helps with"),
                lambda: _("Touch what the program helps with."),
                needs,
                store("need"),
                parent=parent,
            ),
            ChoiceStepPage(
                shell,
                "staff_program_level",
                "level.federal",
                lambda: _("Who offers it"),
                lambda: _("Federal, state, municipal or an organization?"),
                levels,
                store("level"),
                parent=parent,
            ),
            text_step(
                "staff_program_benefit",
                "misc.money",
                N_("What it gives"),
                N_("Write in a few words what the program gives."),
                "benefit",
            ),
            text_step(
                "staff_program_who",
                "misc.people",
                N_("Who can apply"),
                N_("Write in a few words who can apply."),
                "eligibility",
            ),
            DocumentsStepPage(shell, self, parent),
            NumberStepPage(
                shell,
                "staff_program_phone",
                "action.phone",
                lambda: _("Phone"),
                lambda: _("Type the program's phone: 10 digits."),
                store("phone"),
                get("phone"),
                max_length=10,
                min_length=10,
                parent=parent,
            ),
            text_step(
                "staff_program_street",
                "misc.place",
                N_("Street"),
                N_("Write the street where it is."),
                "street",
            ),
            NumberStepPage(
                shell,
                "staff_program_number",
                "misc.place",
                lambda: _("Number"),
                lambda: _("Type the building's number (0 if it has none)."),
                store("number"),
                get("number"),
                max_length=5,
                parent=parent,
            ),
            text_step(
                "staff_program_town",
                "misc.place",
                N_("Town"),
                N_("Write the town or city."),
                "locality",
            ),
            ChoiceStepPage(
                shell,
                "staff_program_when",
                "misc.clock",
                lambda: _("Days and hours"),
                lambda: _("Touch the days and hours it attends."),
                [
                    (str(index), "misc.clock", partial(str, words))
                    for index, (words, _opens, _closes) in enumerate(SCHEDULES)
                ]
                + [(KEEP, "action.yes", lambda: _("Leave as it is"))],
                store("schedule"),
                parent=parent,
            ),
            ProgramReviewPage(shell, self, parent),
        ]

    def start_wizard(self, program: ProgramDetail | None) -> None:
        values: dict[str, Any] = {}
        if program is not None:
            values = {
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
        self.wizard = Wizard(program.id if program else None, program, values)
        for page in self._pages:
            if page.page_name in STEPS:
                page.reset()
        self.shell.open(STEPS[0])

    def store(self, key: str, value: Any) -> None:
        if key == "name" and value != self.wizard.values.get("name"):
            value = value[:1].upper() + value[1:].lower()  # "Comedor de la colonia"
        self.wizard.values[key] = value
        self.shell.open(STEPS[STORED.index(key) + 1])

    def draft(self) -> ProgramDraft:
        get = self.wizard.values.get
        base = self.wizard.base
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
        if base is None:
            return ProgramDraft(**common)
        # Changing a program keeps what the wizard does not ask about.
        return ProgramDraft(
            **common,
            description=base.description,
            directions=base.directions,
            fees=base.fees,
            application_process=base.application_process,
            minimum_age=base.minimum_age,
            maximum_age=base.maximum_age,
            active=base.active,
        )

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

    def save(self) -> None:
        try:
            saved = self.service.save(self.draft(), self.wizard.program_id)
        except ProgramValidationError as exc:
            self.shell.show_error(exc.problems[0] if exc.problems else str(exc))
            return
        except ProgramError as exc:
            self.shell.show_error(str(exc))
            return
        self.wizard = Wizard()
        self.show_program(saved.id)
        self.shell.show_message(_("The program is saved."), "action.yes")


# --- follow-up --------------------------------------------------------------------------------


class FollowUpsPage(TilePage):
    """The referrals whose follow-up day has come, the longest waiting first."""

    page_name = "staff_referrals"
    staff_only = True
    tile_icon = "action.phone"

    def __init__(self, shell: Shell, desk: ProgramDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        super().__init__(shell, parent)
        self.empty.setText(_("No referrals to follow up today."))

    def title(self) -> str:
        return _("Follow-up")

    def purpose(self) -> str:
        return _("Call each woman and touch her referral to write down what happened.")

    def items(self) -> list[object]:
        return list(self.desk.service.due_referrals())

    def words(self, item: object) -> str:
        assert isinstance(item, ReferralInfo)
        day = format_date_short(item.follow_up_on) if item.follow_up_on else ""
        return f"{item.member_name}\n{short(item.program, 28)}\n{day} · {status_word(item.status)}"

    def chosen(self, item: object) -> None:
        assert isinstance(item, ReferralInfo)
        self.desk.show_referral(item.id)


class ReferralPage(Page):
    """One referral: who to call and what for, and the outcomes as pictures."""

    page_name = "staff_referral"
    icon_name = "action.phone"
    colour = STAFF.colour
    staff_only = True

    def __init__(self, shell: Shell, desk: ProgramDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.details = body_label("", self, px=24)
        self.details.setObjectName("staff_referral_details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.details)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        self.tiles: list[BigTile] = []
        for index in range(PER_PAGE):
            choice = tile(shell, self, f"staff_referral_{index}", "action.yes")
            choice.set_font_px(24)
            choice.activated.connect(partial(self._tapped, index))
            grid.addWidget(choice, index // 3, index % 3)
            self.tiles.append(choice)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid, 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)

    def title(self) -> str:
        return _("What happened?")

    def purpose(self) -> str:
        return _("Touch what happened with her referral.")

    def entered(self) -> None:
        referral = self.desk.current_referral()
        if referral is None:
            self.details.setText(_("Choose a referral in the list."))
        else:
            lines = [
                f"{referral.member_name} · {format_phone(referral.member_phone)}",
                f"{short(referral.program, 60)} · {short(referral.organization, 40)}",
                _("Status: {status}").format(status=status_word(referral.status)),
            ]
            if referral.reason:
                lines.append(short(referral.reason, 90))
            self.details.setText("\n".join(lines))
        self.pager.set_count(len(OUTCOMES) if referral else 0, PER_PAGE)
        self._fill()

    def reset(self) -> None:
        self.pager.set_page(0)

    def _shown(self) -> list[ReferralStatus]:
        if self.desk.current_referral() is None:
            return []
        return list(page_slice(OUTCOMES, self.pager.page, PER_PAGE))

    def _fill(self) -> None:
        shown = self._shown()
        for index, choice in enumerate(self.tiles):
            choice.setVisible(index < len(shown))
            if index < len(shown):
                status = shown[index]
                choice.set_icon(STATUS_ICONS[status])
                choice.set_words(status_word(status), status_word(status))

    def _tapped(self, index: int) -> None:
        shown = self._shown()
        if index < len(shown):
            self.desk.outcome_chosen(shown[index])


# --- programs ---------------------------------------------------------------------------------


class StaffProgramsPage(Page):
    """Every program, those to confirm first, five a screen after "New program"."""

    page_name = "staff_programs"
    icon_name = PROGRAMS.icon
    colour = STAFF.colour
    staff_only = True

    def __init__(self, shell: Shell, desk: ProgramDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        self.cards: list[ProgramCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.empty = body_label(_("No programs yet."), self, px=TITLE_PX)
        layout.addWidget(self.empty)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        self.new_tile = tile(shell, self, "staff_programs_new", "action.publish")
        self.new_tile.set_words(_("New program"), _("Add a new program"))
        self.new_tile.activated.connect(lambda: desk.start_wizard(None))
        grid.addWidget(self.new_tile, 0, 0)
        self.tiles: list[BigTile] = []
        for index in range(PER_PAGE - 1):
            program_tile = tile(shell, self, f"staff_programs_{index}", PROGRAMS.icon)
            program_tile.set_font_px(20)
            program_tile.activated.connect(partial(self._tapped, index))
            grid.addWidget(program_tile, (index + 1) // 3, (index + 1) % 3)
            self.tiles.append(program_tile)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        layout.addLayout(grid, 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)

    def title(self) -> str:
        return _("Programs")

    def purpose(self) -> str:
        return _("To confirm: {count}. Touch a program to confirm or change it.").format(
            count=self.desk.service.stale_count()
        )

    def entered(self) -> None:
        total = self.desk.service.staff_list(0, per_page=1).total
        self.pager.set_count(total, PER_PAGE - 1)
        self._fill()

    def reset(self) -> None:
        self.pager.set_page(0)

    def _fill(self) -> None:
        found = self.desk.service.staff_list(self.pager.page, per_page=PER_PAGE - 1)
        self.cards = list(found.cards)
        self.empty.setVisible(not self.cards)
        for index, program_tile in enumerate(self.tiles):
            program_tile.setVisible(index < len(self.cards))
            if index < len(self.cards):
                card = self.cards[index]
                if not card.active:
                    mark, icon = _("Hidden"), "action.no"
                elif card.stale:
                    mark, icon = _("To confirm"), "action.warning"
                else:
                    mark, icon = level_word(card.level), f"need.{card.need.value}"
                program_tile.set_icon(icon)
                program_tile.set_words(f"{short(card.name, 26)}\n{mark}", f"{card.name}. {mark}")

    def _tapped(self, index: int) -> None:
        if index < len(self.cards):
            self.desk.show_program(self.cards[index].id)


class StaffProgramPage(Page):
    page_name = "staff_program"
    icon_name = PROGRAMS.icon
    colour = STAFF.colour
    staff_only = True

    def __init__(self, shell: Shell, desk: ProgramDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        self.details = body_label("", self, px=24)
        self.details.setObjectName("staff_program_details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.details, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.confirm_tile = tile(shell, self, "staff_program_confirm", "action.yes")
        self.confirm_tile.set_words(_("Confirmed"), _("The details are right today"))
        self.confirm_tile.activated.connect(desk.confirm_program)
        self.edit_tile = tile(shell, self, "staff_program_edit", "action.keyboard")
        self.edit_tile.set_words(_("Edit"), _("Change this program"))
        self.edit_tile.activated.connect(lambda: desk.start_wizard(desk.current()))
        self.hide_tile = tile(shell, self, "staff_program_hide", "action.no")
        self.hide_tile.activated.connect(desk.toggle_active)
        for button in (self.confirm_tile, self.edit_tile, self.hide_tile):
            right.addWidget(button, 1)
        layout.addLayout(right, 2)

    def title(self) -> str:
        return _("Program")

    def purpose(self) -> str:
        return _("Confirm its details, change them, or hide it.")

    def entered(self) -> None:
        program = self.desk.current()
        if program is None:
            self.details.setText(_("Choose a program in the list."))
            for button in (self.confirm_tile, self.edit_tile, self.hide_tile):
                button.hide()
            return
        for button in (self.confirm_tile, self.edit_tile, self.hide_tile):
            button.show()
        if program.active:
            self.hide_tile.icon_name = "action.no"
            self.hide_tile.set_words(_("Hide"), _("Take it off the member pages"))
        else:
            self.hide_tile.icon_name = "action.yes"
            self.hide_tile.set_words(_("Show"), _("Show it to members again"))
        self.hide_tile.setIcon(icons.icon(self.hide_tile.icon_name))
        self.details.setText(program_text(program))


def split_address(address: str) -> dict[str, str]:
    """ "Calle Hidalgo 12" as the wizard asks it: the street, then the number."""
    street, _space, last = address.rpartition(" ")
    if street and last.isdigit() and len(last) <= 5:
        return {"street": street, "number": last}
    return {"street": address, "number": ""}


def program_text(program: ProgramDetail) -> str:
    confirmed = (
        _("Confirmed on {date}").format(date=format_date_short(program.assured_date))
        if program.assured_date
        else _("Never confirmed")
    )
    lines = [
        short(program.name, 60),
        f"{need_word(program.need)} · {level_word(program.level)}",
        short(program.organization, 60),
        short(place_text(program), 60),
        format_phone(program.phone),
        short(" · ".join(p for p in (languages_text(program), areas_text(program)) if p), 60),
        *(
            short(
                " · ".join(
                    p
                    for p in (contact.name, contact.title, *map(format_phone, contact.phones))
                    if p
                ),
                60,
            )
            for contact in program.contacts[:2]
        ),
        f"{_('To confirm') if program.stale else _('Up to date')} · {confirmed}",
    ]
    if not program.active:
        lines.append(_("Hidden"))
    return "\n".join(line for line in lines if line)


# --- the wizard's own pages -------------------------------------------------------------------


class DocumentsStepPage(StepPage):
    """The papers to bring: picture toggles, five a screen, then the green "Listo"."""

    def __init__(self, shell: Shell, desk: ProgramDesk, parent: QWidget | None = None) -> None:
        super().__init__(
            shell,
            "staff_program_docs",
            "doc.ine",
            lambda: _("What to bring"),
            lambda: _("Touch each paper she must bring, then Done."),
            parent,
        )
        self.desk = desk
        self.chosen: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        self.toggles: dict[str, BigTile] = {}
        for index, code in enumerate(DOCUMENTS):
            toggle = tile(shell, self, f"staff_program_doc_{code}", f"doc.{code}")
            toggle.set_font_px(24)
            toggle.activated.connect(partial(self._toggle, code))
            # Five papers a screen beside "Listo": the next ones take the same places.
            place = index % DOCS_PER_PAGE
            grid.addWidget(toggle, place // 3, place % 3)
            self.toggles[code] = toggle
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        left.addLayout(grid, 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.set_count(len(DOCUMENTS), DOCS_PER_PAGE)
        self.pager.page_changed.connect(lambda _page: self._paint())
        left.addWidget(self.pager)
        layout.addLayout(left, 4)
        self.done = BigTile(
            "action.yes",
            _("Done"),
            _("These are the papers"),
            speaker=shell.speaker,
            colour="#2e7d32",
            parent=self,
        )
        self.done.setObjectName("staff_program_docs_done")
        self.done.activated.connect(lambda: desk.store("required_documents", tuple(self.kept())))
        layout.addWidget(self.done, 1)

    def kept(self) -> list[str]:
        # Papers the wizard has no picture for (imported texts) are kept as they were.
        before = [d for d in self.desk.wizard.values.get("required_documents") or ()]
        others = [d for d in before if d not in DOCUMENTS]
        return [d for d in DOCUMENTS if d in self.chosen] + others

    def entered(self) -> None:
        if not self.chosen:
            self.chosen = [
                d for d in self.desk.wizard.values.get("required_documents") or () if d in DOCUMENTS
            ]
        self._paint()

    def reset(self) -> None:
        self.chosen = []
        self.pager.set_page(0)

    def _toggle(self, code: str) -> None:
        if code in self.chosen:
            self.chosen.remove(code)
        else:
            self.chosen.append(code)
        self._paint()

    def _paint(self) -> None:
        shown = page_slice(DOCUMENTS, self.pager.page, DOCS_PER_PAGE)
        for code, toggle in self.toggles.items():
            toggle.setVisible(code in shown)
            on = code in self.chosen
            word = _(DOCUMENT_WORDS[code])
            toggle.set_colour("#0d47a1" if on else "#90a4ae")
            toggle.set_words(f"✓ {word}" if on else word, word)
            toggle.setProperty("kioskPressed", on)


class ProgramReviewPage(StepPage):
    def __init__(self, shell: Shell, desk: ProgramDesk, parent: QWidget | None = None) -> None:
        super().__init__(
            shell,
            "staff_program_review",
            "action.yes",
            lambda: _("Check the program"),
            lambda: _("Check what you wrote, then touch Save."),
            parent,
        )
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        self.summary = body_label("", self, px=24)
        self.summary.setObjectName("staff_program_summary")
        layout.addWidget(self.summary, 3)
        self.save_tile = tile(shell, self, "staff_program_save", "action.yes", "#2e7d32")
        self.save_tile.set_words(_("Save"), _("Save the program"))
        self.save_tile.activated.connect(desk.save)
        layout.addWidget(self.save_tile, 2)

    def entered(self) -> None:
        get = self.desk.wizard.values.get
        need, level = get("need"), get("level")
        documents = [
            _(DOCUMENT_WORDS[d]) if d in DOCUMENT_WORDS else short(d, 30)
            for d in get("required_documents") or ()
        ]
        lines = [
            short(get("name") or "", 60),
            short(get("organization") or "", 60),
            " · ".join(
                part
                for part in (
                    need_word(need) if need else "",
                    level_word(level) if level else "",
                )
                if part
            ),
            short(get("benefit") or "", 60),
            short(get("eligibility") or "", 60),
            ", ".join(documents),
            format_phone(get("phone") or ""),
            short(", ".join(p for p in (self.desk.address(), get("locality")) if p), 60),
            short(self.desk.schedule()[0], 60),
        ]
        self.summary.setText("\n".join(line for line in lines if line))
