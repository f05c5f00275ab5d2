"""Staff pages of the program directory: the referrals due for their follow-up call and the
outcome recorded with the closed-loop statuses; the programs (those to confirm first) with
confirm, hide / show and a one-question-per-page wizard to add or change one. What the pages'
taps do is :class:`kiosk.ui.areas.programs.flow.ProgramDesk`'s."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, format_date_short
from kiosk.services.programs import (
    OUTCOMES,
    ProgramCard,
    ProgramDetail,
    ProgramLevel,
    ProgramNeed,
    ReferralInfo,
    ReferralStatus,
    level_word,
)
from kiosk.ui import icons
from kiosk.ui.areas.programs.flow import KEEP, SCHEDULES, STATUS_ICONS, status_word
from kiosk.ui.areas.programs.member_pages import (
    areas_text,
    languages_text,
    need_word,
    place_text,
)
from kiosk.ui.pages.base import YES_COLOUR, Shell, body_label, tile_grid
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, Pager
from kiosk.ui.widgets.listings import Ask, DeskListPage, Lister, Option, RecordPage
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.pager import page_slice
from kiosk.ui.widgets.wizard import StepPage, tile
from kiosk.words import DOCUMENT_WORDS, format_phone

STAFF = AREA_BY_KEY["staff"]
PROGRAMS = AREA_BY_KEY["programs"]
PER_PAGE = 6
NAME_CHARS = 40
DOCUMENTS = ("ine", "curp", "comprobante_domicilio", "acta_nacimiento", "fotografia", "rfc")
DOCS_PER_PAGE = 5  # and "Listo": six choices a screen


def need_options() -> list[Option]:
    return [(n.value, f"need.{n.value}", partial(need_word, n)) for n in ProgramNeed]


def level_options() -> list[Option]:
    return [(lv.value, f"level.{lv.value}", partial(level_word, lv)) for lv in ProgramLevel]


def schedule_options() -> list[Option]:
    common: list[Option] = [
        (str(index), "misc.clock", partial(str, words))
        for index, (words, _opens, _closes) in enumerate(SCHEDULES)
    ]
    return [*common, (KEEP, "action.yes", partial(_, N_("Leave as it is")))]


# The wizard's questions in order; the papers and the check are pages of their own, after
# "who can apply" and at the end.
ASKS_BEFORE_PAPERS = (
    Ask("staff_program_name", "action.keyboard", N_("Program name"),
        N_("Write the program's name and touch the green button."), "name", max_length=120),
    Ask("staff_program_org", "misc.centre", N_("Organization"),
        N_("Write who offers the program."), "organization", max_length=120),
    Ask("staff_program_need", "area.programs", N_("What it helps with"),
        N_("Touch what the program helps with."), "need", "choice", options=need_options),
    Ask("staff_program_level", "level.federal", N_("Who offers it"),
        N_("Federal, state, municipal or an organization?"), "level", "choice",
        options=level_options),
    Ask("staff_program_benefit", "misc.money", N_("What it gives"),
        N_("Write in a few words what the program gives."), "benefit", max_length=120),
    Ask("staff_program_who", "misc.people", N_("Who can apply"),
        N_("Write in a few words who can apply."), "eligibility", max_length=120),
)  # fmt: skip
ASKS_AFTER_PAPERS = (
    Ask("staff_program_phone", "action.phone", N_("Phone"),
        N_("Type the program's phone: 10 digits."), "phone", "number", max_length=10,
        min_length=10),
    Ask("staff_program_street", "misc.place", N_("Street"), N_("Write the street where it is."),
        "street", max_length=120),
    Ask("staff_program_number", "misc.place", N_("Number"),
        N_("Type the building's number (0 if it has none)."), "number", "number", max_length=5),
    Ask("staff_program_town", "misc.place", N_("Town"), N_("Write the town or city."),
        "locality", max_length=120),
    Ask("staff_program_when", "misc.clock", N_("Days and hours"),
        N_("Touch the days and hours it attends."), "schedule", "choice",
        options=schedule_options),
)  # fmt: skip


def short(text: str, limit: int = NAME_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- follow-up --------------------------------------------------------------------------------


class FollowUpsPage(FixedWords, TilePage):
    """The referrals whose follow-up day has come, the longest waiting first."""

    page_name = "staff_referrals"
    staff_only = True
    tile_icon = "action.phone"

    title_words = N_("Follow-up")
    purpose_words = N_("Call each woman and touch her referral to write down what happened.")
    empty_text = N_("No referrals to follow up today.")

    chose = Signal(int)  # the referral's id

    def __init__(
        self, shell: Shell, due: Callable[[], Sequence[ReferralInfo]], parent: QWidget | None = None
    ) -> None:
        self.due = due
        super().__init__(shell, parent)

    def items(self) -> list[object]:
        return list(self.due())

    def words(self, item: object) -> str:
        assert isinstance(item, ReferralInfo)
        day = format_date_short(item.follow_up_on) if item.follow_up_on else ""
        return f"{item.member_name}\n{short(item.program, 28)}\n{day} · {status_word(item.status)}"

    def chosen(self, item: object) -> None:
        assert isinstance(item, ReferralInfo)
        self.chose.emit(item.id)


class ReferralPage(FixedWords, TileListPage):
    """One referral: who to call and what for, and the outcomes as pictures."""

    page_name = "staff_referral"
    icon_name = "action.phone"
    colour = STAFF.colour
    staff_only = True
    tile_icon = "action.yes"
    tile_font_px = 24

    title_words = N_("What happened?")
    purpose_words = N_("Touch what happened with her referral.")

    chose = Signal(object)  # the ReferralStatus

    def __init__(
        self,
        shell: Shell,
        current: Callable[[], ReferralInfo | None],
        parent: QWidget | None = None,
    ) -> None:
        self.current = current
        self.referral: ReferralInfo | None = None
        super().__init__(shell, parent)

    def arrange(self, column: QLayout) -> None:
        self.details = body_label("", self, px=24)
        self.details.setObjectName("staff_referral_details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        assert isinstance(column, QVBoxLayout)
        column.insertWidget(0, self.details)
        super().arrange(column)

    def entered(self) -> None:
        self.referral = referral = self.current()
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
        super().entered()

    def reset(self) -> None:
        self.pager.set_page(0)

    def items(self) -> Sequence[ReferralStatus]:
        return OUTCOMES if self.referral is not None else ()

    def icon(self, item: ReferralStatus) -> str:
        return STATUS_ICONS[item]

    def words(self, item: ReferralStatus) -> str:
        return status_word(item)

    def chosen(self, item: ReferralStatus) -> None:
        self.chose.emit(item)


# --- programs ---------------------------------------------------------------------------------


class StaffProgramsPage(DeskListPage):
    """Every program, those to confirm first, five a screen after "New program"."""

    page_name = "staff_programs"
    icon_name = PROGRAMS.icon
    staff_only = True
    tile_icon = PROGRAMS.icon
    per_page = PER_PAGE - 1
    empty_text = N_("No programs yet.")
    new_words = (N_("New program"), N_("Add a new program"))
    title_words = N_("Programs")

    def __init__(
        self,
        shell: Shell,
        lister: Lister,
        stale_count: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        self.stale_count = stale_count
        super().__init__(shell, lister, parent)

    @property
    def cards(self) -> list[ProgramCard]:
        return self.records

    def purpose(self) -> str:
        return _("To confirm: {count}. Touch a program to confirm or change it.").format(
            count=self.stale_count()
        )

    def reset(self) -> None:
        self.pager.set_page(0)

    def _mark(self, card: ProgramCard) -> tuple[str, str]:
        if not card.active:
            return _("Hidden"), "action.no"
        if card.stale:
            return _("To confirm"), "action.warning"
        return level_word(card.level), f"need.{card.need.value}"

    def icon(self, item: ProgramCard) -> str:
        return self._mark(item)[1]

    def words(self, item: ProgramCard) -> str:
        return f"{short(item.name, 26)}\n{self._mark(item)[0]}"

    def phrase(self, item: ProgramCard) -> str:
        return f"{item.name}. {self._mark(item)[0]}"


class StaffProgramPage(RecordPage):
    page_name = "staff_program"
    icon_name = PROGRAMS.icon
    staff_only = True
    details_px = 24
    title_words = N_("Program")
    purpose_words = N_("Confirm its details, change them, or hide it.")
    nothing_words = N_("Choose a program in the list.")

    action_rows = (
        ("confirm_tile", "staff_program_confirm", "action.yes", N_("Confirmed"),
         N_("The details are right today")),
        ("edit_tile", "staff_program_edit", "action.keyboard", N_("Edit"),
         N_("Change this program")),
        ("hide_tile", "staff_program_hide", "action.no", "", ""),
    )  # fmt: skip
    confirm_tile: BigTile
    edit_tile: BigTile
    hide_tile: BigTile

    def describe(self, record: ProgramDetail) -> str:
        return program_text(record)

    def show_actions(self, record: ProgramDetail) -> None:
        if record.active:
            self.hide_tile.icon_name = "action.no"
            self.hide_tile.set_words(_("Hide"), _("Take it off the member pages"))
        else:
            self.hide_tile.icon_name = "action.yes"
            self.hide_tile.set_words(_("Show"), _("Show it to members again"))
        self.hide_tile.setIcon(icons.icon(self.hide_tile.icon_name))


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

    done_choosing = Signal(object)  # the papers, a tuple of codes

    def __init__(
        self,
        shell: Shell,
        before: Callable[[], Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            shell,
            "staff_program_docs",
            "doc.ine",
            lambda: _("What to bring"),
            lambda: _("Touch each paper she must bring, then Done."),
            parent,
        )
        self.before = before
        self.chosen: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.toggles: dict[str, BigTile] = {}
        for code in DOCUMENTS:
            toggle = tile(shell, self, f"staff_program_doc_{code}", f"doc.{code}")
            toggle.set_font_px(24)
            toggle.activated.connect(partial(self._toggle, code))
            self.toggles[code] = toggle
        # Five papers a screen beside "Listo": the next ones take the same places.
        toggles = list(self.toggles.values())
        grid = tile_grid(toggles[:DOCS_PER_PAGE])
        for index, toggle in enumerate(toggles[DOCS_PER_PAGE:]):
            grid.addWidget(toggle, index // 3, index % 3)
        left.addLayout(grid, 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.set_count(len(DOCUMENTS), DOCS_PER_PAGE)
        self.pager.page_changed.connect(lambda _page: self._paint())
        left.addWidget(self.pager)
        layout.addLayout(left, 4)
        self.done = tile(shell, self, "staff_program_docs_done", "action.yes", YES_COLOUR)
        self.done.set_words(_("Done"), _("These are the papers"))
        self.done.activated.connect(lambda: self.done_choosing.emit(tuple(self.kept())))
        layout.addWidget(self.done, 1)

    def kept(self) -> list[str]:
        # Papers the wizard has no picture for (imported texts) are kept as they were.
        others = [d for d in self.before() if d not in DOCUMENTS]
        return [d for d in DOCUMENTS if d in self.chosen] + others

    def entered(self) -> None:
        if not self.chosen:
            self.chosen = [d for d in self.before() if d in DOCUMENTS]
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


def review_lines(get: Callable[[str], Any], address: str, schedule: str) -> list[str]:
    """The wizard's values as the check page shows them, a line each."""
    need, level = get("need"), get("level")
    documents = [
        _(DOCUMENT_WORDS[d]) if d in DOCUMENT_WORDS else short(d, 30)
        for d in get("required_documents") or ()
    ]
    kind = (need_word(need) if need else "", level_word(level) if level else "")
    return [
        short(get("name") or "", 60),
        short(get("organization") or "", 60),
        " · ".join(part for part in kind if part),
        short(get("benefit") or "", 60),
        short(get("eligibility") or "", 60),
        ", ".join(documents),
        format_phone(get("phone") or ""),
        short(", ".join(p for p in (address, get("locality")) if p), 60),
        short(schedule, 60),
    ]
