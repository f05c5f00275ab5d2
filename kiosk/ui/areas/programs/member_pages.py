"""Programs, member side: needs as pictures with their counts, a need's programs six at a time
(each card with the picture of its level: federal, state, municipal or an organization), and
the chosen program's page (who can apply, what it gives, what to bring as pictures, where and
when, "Hear it all").

Home → Programas → a need → a program: three taps. With a staff member signed in, the program
page also says "información por confirmar" when its details are old, and offers "Canalizar":
the member signs in (``shell.sign_in``), staff pick a reason and a follow-up day, and the
referral slip prints (see :class:`ProgramDirectory`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import (
    N_,
    _,
    format_date_short,
    format_names,
    ngettext,
)
from kiosk.services.members import MemberInfo
from kiosk.services.programs import (
    ProgramCard,
    ProgramDetail,
    ProgramError,
    ProgramFilters,
    ProgramNeed,
    ProgramService,
    ReferralInfo,
    ages_text,
    document_codes,
    hours_text,
    issue_program_sheet,
    level_word,
    office_name,
    referral_slip_builder,
    when_text,
)
from kiosk.services.vouchers import VoucherKind, VoucherService
from kiosk.ui import icons
from kiosk.ui.icons import icons_known
from kiosk.ui.pages.base import (
    BODY_PX,
    TITLE_PX,
    Page,
    Shell,
    body_label,
    document_box,
    fact_row,
    picture_label,
    show_facts,
    tile_grid,
)
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.slips import SlipDesk, slip_options
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, Pager
from kiosk.ui.widgets.card import CardLine, CardTile
from kiosk.ui.widgets.lines import TwoLineLabel
from kiosk.ui.widgets.wizard import ChoiceStepPage, TextStepPage
from kiosk.words import DOCUMENT_WORDS, format_phone

PROGRAMS = AREA_BY_KEY["programs"]
STAFF = AREA_BY_KEY["staff"]
PER_PAGE = 6
LEVEL_PX = 48  # the level's picture beside who offers the program
FACT_CHARS = 80  # a fact on screen is cut here; "Hear it all" says it whole
ROOMY_FACTS = 5  # up to this many facts may take two lines each
DOCUMENT_CHARS = 22
GENERIC_DOCUMENT = "doc.solicitud_empleo"  # a paper, for imported texts the kiosk cannot picture
STALE_COLOUR = "#e65100"

NEED_WORDS: dict[ProgramNeed, str] = {
    ProgramNeed.BUSINESS_MONEY: N_("Money for my business"),
    ProgramNeed.SAVINGS_CREDIT: N_("Savings and credit"),
    ProgramNeed.TRAINING: N_("Training"),
    ProgramNeed.LEGAL: N_("Legal help"),
    ProgramNeed.HEALTH: N_("Health"),
    ProgramNeed.CHILDCARE: N_("Childcare and children"),
    ProgramNeed.HOUSING: N_("Housing"),
    ProgramNeed.FOOD: N_("Food"),
}


def need_word(need: ProgramNeed | str) -> str:
    return _(NEED_WORDS[ProgramNeed(need)])


def cut(text: str, limit: int = FACT_CHARS) -> str:
    """``text`` on one screen line or two: cut at a word, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def languages_text(program: ProgramDetail) -> str:
    """``Español y urdu``: the languages spoken there."""
    names = format_names(list(program.languages)) if program.languages else ""
    return names[:1].upper() + names[1:]


def areas_text(program: ProgramDetail) -> str:
    """The municipalities (areas) the program serves."""
    return ", ".join(program.service_areas)


def place_text(program: ProgramDetail) -> str:
    return ", ".join(p for p in (office_name(program), program.address, program.locality) if p)


def document_items(program: ProgramDetail) -> list[tuple[str, str, str]]:
    """Each paper to bring as (pictogram, short words, what is said)."""
    known = icons_known()
    items = []
    for document in program.required_documents:
        if document in DOCUMENT_WORDS:
            word = _(DOCUMENT_WORDS[document])
            icon = f"doc.{document}"
            items.append((icon if icon in known else GENERIC_DOCUMENT, word, word))
            continue
        codes = [c for c in document_codes(document) if f"doc.{c}" in known]
        icon = f"doc.{codes[0]}" if codes else GENERIC_DOCUMENT
        items.append((icon, cut(document, DOCUMENT_CHARS), document))
    return items


# --- the needs ------------------------------------------------------------------------------------


class ProgramsPage(Page):
    """What do you need? The eight needs as pictures with their counts."""

    page_name = "programs"
    icon_name = PROGRAMS.icon
    colour = PROGRAMS.colour

    chose = Signal(object)  # ProgramNeed

    def __init__(
        self, shell: Shell, programs: ProgramService, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.programs = programs
        self._counts: dict[ProgramNeed, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        self.tiles: list[BigTile] = []
        for index in range(PER_PAGE):
            tile = BigTile(
                PROGRAMS.icon, "", "", speaker=shell.speaker, colour=PROGRAMS.colour, parent=self
            )
            tile.setObjectName(f"programs_{index}")
            tile.setProperty("kioskChoice", True)
            tile.set_font_px(24)
            tile.activated.connect(partial(self._tapped, index))
            self.tiles.append(tile)
        layout.addLayout(tile_grid(self.tiles), 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)

    def title(self) -> str:
        return _(PROGRAMS.words)

    def purpose(self) -> str:
        return _("Touch what you need. The number says how many programs there are.")

    def help_text(self) -> str:
        return _(
            "Each picture is something a program can help you with, with how many programs "
            "there are. Touch one to see its programs. The arrows show more."
        )

    def filters(self) -> ProgramFilters:
        # Every level: a program shows its own (federal, state, municipal, organization).
        return ProgramFilters()

    def entered(self) -> None:
        self.refresh()

    def reset(self) -> None:
        self.pager.set_page(0)

    def refresh(self) -> None:
        self._counts = self.programs.need_counts(self.filters())
        self.pager.set_count(len(ProgramNeed), PER_PAGE)
        self._fill()

    def _shown(self) -> list[ProgramNeed]:
        start = self.pager.page * PER_PAGE
        return list(ProgramNeed)[start : start + PER_PAGE]

    def _fill(self) -> None:
        shown = self._shown()
        for index, tile in enumerate(self.tiles):
            tile.setVisible(index < len(shown))
            if index < len(shown):
                need = shown[index]
                count = self._counts.get(need, 0)
                tile.set_icon(f"need.{need.value}")
                word = need_word(need)
                phrase = ngettext(
                    "{need}: {count} program", "{need}: {count} programs", count
                ).format(need=word, count=count)
                tile.set_words(f"{word} {count}", phrase)

    def _tapped(self, index: int) -> None:
        shown = self._shown()
        if index < len(shown):
            self.chose.emit(shown[index])


# --- one need's programs ----------------------------------------------------------------------


class ProgramsListPage(TileListPage):
    page_name = "programs_list"
    icon_name = PROGRAMS.icon
    colour = PROGRAMS.colour
    tile_class = CardTile
    tile_icon = PROGRAMS.icon
    tile_font_px = 24
    spacing = MIN_GAP_PX * 2
    empty_text = N_("There are no programs of this kind now. Go back and look at another.")

    chose = Signal(int)  # the program's id

    def __init__(
        self,
        shell: Shell,
        programs: ProgramService,
        filters: Callable[[], ProgramFilters],
        parent: QWidget | None = None,
    ) -> None:
        self.programs = programs
        self._filters = filters
        self.need: ProgramNeed | None = None
        super().__init__(shell, parent)

    @property
    def cards(self) -> tuple[ProgramCard, ...]:
        """The programs on the screen shown."""
        return tuple(self.shown)

    def choose(self, need: ProgramNeed) -> None:
        self.need = ProgramNeed(need)
        self.pager.set_count(0)
        self.pager.set_page(0)

    def title(self) -> str:
        return need_word(self.need) if self.need else _(PROGRAMS.words)

    def purpose(self) -> str:
        if not self.total:
            return _("There are no programs of this kind now.")
        return _("Touch a program to see who can apply and what to bring.")

    def help_text(self) -> str:
        return _(
            "Each picture is a program, with who offers it. The small picture says if it is "
            "federal, state, municipal or of an organization. Touch one to see it. The arrows "
            "show more programs."
        )

    def reset(self) -> None:
        self.need = None
        self.shown = ()
        self.total = 0
        self.pager.set_count(0)

    def load(self, page: int) -> tuple[tuple[ProgramCard, ...], int]:
        if self.need is None:
            return (), 0
        found = self.programs.list_programs(self.need, self._filters(), page, PER_PAGE)
        return found.cards, found.total

    def show_item(self, tile: CardTile, card: ProgramCard) -> None:
        tile.set_icon(f"need.{card.need.value}")
        tile.set_card(
            [
                CardLine(card.name, most=2),
                CardLine(card.organization, most=2, bold=False, optional=True),
                CardLine(card.locality, optional=True),
            ],
            [f"level.{card.level}"],
        )
        phrase = ". ".join(p for p in (card.name, card.organization, level_word(card.level)) if p)
        tile.set_words(f"{card.name}\n{card.organization}", phrase)

    def chosen(self, card: ProgramCard) -> None:
        self.chose.emit(card.id)


# --- the chosen program -----------------------------------------------------------------------


class ProgramDetailPage(Page):
    """A program in pictures and short lines; the whole of it is said on "Hear it all"."""

    page_name = "program_detail"
    icon_name = PROGRAMS.icon
    colour = PROGRAMS.colour

    refer = Signal()
    print_sheet = Signal()

    FACTS = (
        ("benefit", "misc.money"),
        ("eligibility", "misc.people"),
        ("place", "misc.place"),
        ("when", "misc.clock"),
        ("languages", "misc.languages"),
        ("areas", "misc.area"),
        ("phone", "action.phone"),
    )

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.program: ProgramDetail | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.facts_layout = left
        # Whole on two lines before anything is cut (Hear it all says it whole anyway).
        self.organization = TwoLineLabel("", self, sizes=(BODY_PX, 24))
        self.organization.setObjectName("program_organization")
        self.organization.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Who offers it, with the picture of its level: shown, never asked.
        who = QHBoxLayout()
        who.setSpacing(MIN_GAP_PX * 2)
        self.level_picture = picture_label(PROGRAMS.icon, LEVEL_PX, self)
        self.level_picture.setObjectName("program_level")
        who.addWidget(self.level_picture)
        who.addWidget(self.organization, 1)
        left.addLayout(who)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for key, icon in self.FACTS:
            px = TITLE_PX if key == "phone" else 24
            self.rows[key] = fact_row(self, left, icon, f"program_{key}", picture_px=48, px=px)
        self.bring_title = body_label(_("What to bring?"), self, px=24, bold=True)
        self.bring_title.setAlignment(Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.bring_title)
        self.bring_row = QHBoxLayout()
        self.bring_row.setSpacing(MIN_GAP_PX * 2)
        self.bring_widgets: list[QWidget] = []
        left.addLayout(self.bring_row)
        left.addStretch(1)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.stale = body_label(_("Information to be confirmed"), self, px=24, bold=True)
        self.stale.setObjectName("program_stale")
        self.stale.setStyleSheet(
            f"background: {STALE_COLOUR}; color: #ffffff; border-radius: 8px; padding: 6px;"
        )
        right.addWidget(self.stale)
        self.listen = BigTile(
            "nav.speaker",
            _("Hear it all"),
            _("Hear everything about this program"),
            speaker=None,  # the tap says the whole program instead of its name
            colour=PROGRAMS.colour,
            parent=self,
        )
        self.listen.setObjectName("program_listen")
        self.listen.setProperty("kioskChoice", True)
        self.listen.activated.connect(lambda: shell.speaker.say(self.everything()))
        right.addWidget(self.listen, 1)
        self.print_tile = BigTile(
            "action.print",
            _("Print"),
            _("Print this program's sheet to take home"),
            speaker=shell.speaker,
            colour=PROGRAMS.colour,
            parent=self,
        )
        self.print_tile.setObjectName("program_print")
        self.print_tile.setProperty("kioskChoice", True)
        self.print_tile.activated.connect(self.print_sheet)
        right.addWidget(self.print_tile, 1)
        self.refer_tile = BigTile(
            "action.print",
            _("Refer"),
            _("Refer a member to this program and print her slip"),
            speaker=shell.speaker,
            colour=STAFF.colour,
            parent=self,
        )
        self.refer_tile.setObjectName("program_refer")
        self.refer_tile.setProperty("kioskChoice", True)
        self.refer_tile.activated.connect(self.refer)
        right.addWidget(self.refer_tile, 1)
        layout.addLayout(right, 2)
        self.reset()

    def staff_signed_in(self) -> bool:
        person = getattr(self.shell, "staff_user", None)
        return bool(person is not None and person.is_staff)

    def show_program(self, program: ProgramDetail) -> None:
        self.program = program

    def entered(self) -> None:
        program = self.program
        staff = self.staff_signed_in()
        self.stale.setVisible(bool(program and staff and program.stale))
        self.refer_tile.setVisible(bool(program and staff))
        self.listen.setVisible(program is not None)
        self.print_tile.setVisible(program is not None)
        for widget in self.bring_widgets:
            # Out of the row at once: the next program's papers take their place now.
            self.bring_row.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.bring_widgets = []
        self.level_picture.setVisible(program is not None)
        if program is None:
            self.organization.set_full_text(_("Go back and touch a program."))
            for picture, label in self.rows.values():
                picture.hide()
                label.hide()
            self.bring_title.hide()
            return
        self.organization.set_full_text(f"{program.organization} · {level_word(program.level)}")
        self.level_picture.setPixmap(icons.pixmap(f"level.{program.level}", LEVEL_PX))
        self.level_picture.setAccessibleName(level_word(program.level))
        eligibility = " ".join(p for p in (program.eligibility, ages_text(program)) if p)
        texts = {
            "benefit": cut(program.benefit or program.description),
            "eligibility": cut(eligibility),
            "place": cut(place_text(program)),
            "when": cut(when_text(program), 60),
            "languages": cut(languages_text(program), 60),
            "areas": cut(areas_text(program), 60),
            "phone": format_phone(program.phone),
        }
        crowded = sum(1 for text in texts.values() if text) > ROOMY_FACTS
        # Seven facts and the papers fit the screen only a line each, a little closer and with
        # smaller pictures (these are not targets); Hear it all says every one whole.
        picture_px = 40 if crowded else 48
        self.facts_layout.setSpacing(MIN_GAP_PX // 2 if crowded else MIN_GAP_PX)
        for key, icon in self.FACTS:
            shown = f"need.{program.need.value}" if key == "benefit" else icon
            self.rows[key][0].setPixmap(icons.pixmap(shown, picture_px))
        if crowded:
            label = self.rows["benefit"][1]
            room = max(label.width(), self.width() * 3 // 5 - 48 - MIN_GAP_PX * 4)
            letters = max(24, room // max(1, label.fontMetrics().averageCharWidth()) - 4)
            texts = {
                key: text if key == "phone" else cut(text, letters) for key, text in texts.items()
            }
        show_facts(self.rows, texts)
        items = document_items(program)
        self.bring_title.setVisible(bool(items))
        for icon, word, _said in items[:5]:
            box = document_box(self, icon, word, 48, name="program_document", spacing=2)
            self.bring_row.addWidget(box)
            self.bring_widgets.append(box)

    def documents(self) -> list[tuple[str, str, str]]:
        return document_items(self.program) if self.program else []

    def title(self) -> str:
        # Whole: the title band wraps it, and the voice says what the page is about.
        return self.program.name if self.program else _("Program")

    def purpose(self) -> str:
        if self.program is None:
            return _("Go back and touch a program.")
        return _("Who can apply, what it gives and what to bring. Touch the speaker to hear it.")

    def help_text(self) -> str:
        return _(
            "The pictures say what the program gives, who can apply, where it is, when it "
            "opens, the languages spoken there, the places it serves and its phone. Below are "
            "the papers to bring. Touch Hear it all to hear "
            "everything, and Print to take it home on paper. A companion at the desk can "
            "refer you and print your slip."
        )

    def everything(self) -> str:
        program = self.program
        if program is None:
            return self.purpose()
        parts = [
            program.name,
            _("It is offered by {organization}").format(organization=program.organization),
            program.benefit or program.description,
            _("Who can apply: {who}").format(who=program.eligibility)
            if program.eligibility
            else "",
            ages_text(program),
            _("Where: {place}").format(place=place_text(program)) if place_text(program) else "",
            program.directions,
            _("When: {when}").format(when=when_text(program)) if when_text(program) else "",
            *(
                _("Also: {when}").format(when=more)
                for more in (
                    hours_text(one.description, one.days, one.opens_at, one.closes_at)
                    for one in program.more_schedules
                )
                if more
            ),
            _("Languages spoken there: {languages}").format(languages=languages_text(program))
            if program.languages
            else "",
            _("It serves: {areas}").format(areas=areas_text(program))
            if program.service_areas
            else "",
            _("Phone: {phone}").format(phone=format_phone(program.phone)) if program.phone else "",
            _("Cost: {fees}").format(fees=program.fees) if program.fees else "",
        ]
        documents = [said for _icon, _word, said in document_items(program)]
        if documents:
            parts.append(_("Bring: {things}").format(things=", ".join(documents)))
        parts.append(program.application_process)
        return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."

    def reset(self) -> None:
        self.program = None
        self.entered()


# --- staff: referring the member --------------------------------------------------------------

REASONS: tuple[tuple[str, str, str], ...] = (
    (
        "need",
        "need.negocio",
        "",
    ),  # the program's own need, as a phrase (see ProgramDirectory.reason_words)
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
FOLLOW_UPS: tuple[tuple[int, str], ...] = (
    (7, N_("In 1 week")),
    (14, N_("In 2 weeks")),
    (30, N_("In 1 month")),
)
REFER_PAGES = ("program_refer_reason", "program_refer_text", "program_refer_when")


class ReferredPage(Page):
    """The referral is made: who, where to, when staff will call; the slip prints."""

    page_name = "program_referred"
    icon_name = "action.print"
    colour = STAFF.colour

    def __init__(
        self, shell: Shell, reprint: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.referral: ReferralInfo | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.addStretch(1)
        left.addWidget(picture_label("action.print", 96, self))
        self.summary = body_label("", self, px=BODY_PX)
        self.summary.setObjectName("program_referred_summary")
        left.addWidget(self.summary)
        left.addStretch(1)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        self.again = BigTile(
            "action.print",
            _("Print again"),
            _("Print the referral slip again"),
            speaker=shell.speaker,
            colour=STAFF.colour,
            parent=self,
        )
        self.again.setObjectName("program_referred_again")
        self.again.setProperty("kioskChoice", True)
        self.again.activated.connect(reprint)
        right.addWidget(self.again, 1)
        layout.addLayout(right, 2)

    def show_referral(self, referral: ReferralInfo) -> None:
        self.referral = referral

    def entered(self) -> None:
        referral = self.referral
        self.again.setVisible(referral is not None)
        if referral is None:
            self.summary.setText(_("No referral yet."))
            return
        lines = [
            referral.member_name,
            referral.program,
            _("Follow-up: {date}").format(date=format_date_short(referral.follow_up_on))
            if referral.follow_up_on
            else "",
            _("The referral slip is printing. Give it to her."),
        ]
        self.summary.setText("\n".join(line for line in lines if line))

    def title(self) -> str:
        return _("Referral made")

    def purpose(self) -> str:
        return _("The referral slip is printing. Give it to her.")

    def reset(self) -> None:
        self.referral = None


class ReasonPage(ChoiceStepPage):
    """The reasons as pictures; the first is the program's own need, with its picture."""

    def __init__(
        self,
        directory: ProgramDirectory,
        shell: Shell,
        name: str,
        icon: str,
        title: Callable[[], str],
        purpose: Callable[[], str],
        options: Sequence[tuple[str, str, Callable[[], str]]],
        on_choice: Callable[[str], None],
        *,
        parent: QWidget | None = None,
    ) -> None:
        self.directory = directory
        super().__init__(shell, name, icon, title, purpose, options, on_choice, parent=parent)

    def entered(self) -> None:
        program = self.directory.detail.program
        need = program.need.value if program else ProgramNeed.BUSINESS_MONEY.value
        key, _icon, words = self.options[0]
        self.options[0] = (key, f"need.{need}", words)
        super().entered()


class ProgramDirectory:
    """The member pages, the staff's referral steps, and what ties them."""

    def __init__(
        self,
        shell: Shell,
        programs: ProgramService,
        vouchers: VoucherService,
        slip_desk: SlipDesk,
        parent: QWidget | None = None,
    ) -> None:
        self.shell = shell
        self.programs = programs
        self.vouchers = vouchers
        self.slip_desk = slip_desk
        self.program_id: int | None = None
        self.reason: str = ""
        self.number: str | None = None
        self.needs = ProgramsPage(shell, self.programs, parent)
        self.list = ProgramsListPage(shell, self.programs, self.needs.filters, parent)
        self.detail = ProgramDetailPage(shell, parent)
        self.needs.chose.connect(self._chose_need)
        self.list.chose.connect(self.show_program)
        self.detail.refer.connect(self.start_referral)
        self.detail.print_sheet.connect(self.print_sheet)
        self.sheets: dict[int, str] = {}  # program id -> its sheet's number, for printing again
        reasons = [(key, icon, partial(self.reason_words, key)) for key, icon, _phrase in REASONS]
        self.reason_page = ReasonPage(
            self,
            shell,
            "program_refer_reason",
            "area.programs",
            lambda: _("Why do you refer her?"),
            lambda: _("Touch the reason, or write another one."),
            reasons,
            self._reason_chosen,
            parent=parent,
        )
        self.reason_text = TextStepPage(
            shell,
            "program_refer_text",
            "action.keyboard",
            lambda: _("The reason"),
            lambda: _("Write why you refer her and touch the green button."),
            self._reason_written,
            lambda: None,
            max_length=200,
            parent=parent,
        )
        self.when_page = ChoiceStepPage(
            shell,
            "program_refer_when",
            "misc.calendar",
            lambda: _("When to call her?"),
            lambda: _("Touch when we call her to ask how it went."),
            [(str(days), "misc.calendar", partial(_, words)) for days, words in FOLLOW_UPS],
            self._when_chosen,
            parent=parent,
        )
        self.referred = ReferredPage(shell, self.print_again, parent)

    def pages(self) -> list[Page]:
        return self.member_pages()

    def member_pages(self) -> list[Page]:
        return [self.needs, self.list, self.detail]

    def staff_pages(self) -> list[Page]:
        return [self.reason_page, self.reason_text, self.when_page, self.referred]

    # --- member side ----------------------------------------------------------------------

    def _chose_need(self, need: ProgramNeed) -> None:
        self.list.choose(need)
        self.shell.open("programs_list")

    def show_program(self, program_id: int) -> None:
        try:
            program = self.programs.get(program_id)
        except ProgramError as exc:
            self.shell.show_error(str(exc))
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
            voucher = issue_program_sheet(self.vouchers, program, slip_options(self.shell.settings))
            number = self.sheets[program.id] = voucher.number
        self.shell.task_done()
        self.shell.show_message(
            _("The program's sheet is printing. Take it with you."), "action.print"
        )
        self.slip_desk.print_slip(number)

    # --- staff: the referral --------------------------------------------------------------

    def reason_words(self, key: str) -> str:
        if key == "need":
            program = self.detail.program
            need = program.need if program else ProgramNeed.BUSINESS_MONEY
            return _(NEED_REASONS[need])
        return next(_(phrase) for k, _icon, phrase in REASONS if k == key)

    def start_referral(self) -> None:
        """ "Canalizar": who is she? (her sign-in), then the reason and the follow-up day."""
        if self.detail.program is None:
            return
        self.program_id = self.detail.program.id
        self.reason = ""
        for page in (self.reason_page, self.reason_text, self.when_page):
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

    def _reason_chosen(self, key: str) -> None:
        if key == "write":
            self.shell.open("program_refer_text")
            return
        self.reason = self.reason_words(key)
        self.shell.open("program_refer_when")

    def _reason_written(self, text: str) -> None:
        self.reason = text
        self.shell.open("program_refer_when")

    def _when_chosen(self, days: str) -> None:
        member = self.shell.visit.member
        person = getattr(self.shell, "staff_user", None)
        if member is None or self.program_id is None:
            self.shell.show_error(_("Sign her in first. Start again from the program."))
            return
        try:
            referral = self.programs.refer(
                member.id,
                self.program_id,
                reason=self.reason,
                follow_up_days=int(days),
                staff_id=person.id if person else None,
            )
            program = self.programs.get(self.program_id)
        except ProgramError as exc:
            self.shell.show_error(str(exc))
            return
        voucher = self.vouchers.issue(
            VoucherKind.REFERRAL,
            referral_slip_builder(
                referral,
                program,
                person.name if person else "",
                options=slip_options(self.shell.settings),
            ),
            subject_table="referrals",
            subject_id=referral.id,
        )
        self.number = voucher.number
        self.referred.show_referral(referral)
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
