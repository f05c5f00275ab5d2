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

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import (
    N_,
    _,
    format_names,
    ngettext,
)
from kiosk.services.programs import (
    ProgramCard,
    ProgramDetail,
    ProgramFilters,
    ProgramNeed,
    ages_text,
    document_codes,
    hours_text,
    level_word,
    office_name,
    when_text,
)
from kiosk.ui import icons
from kiosk.ui.icons import icons_known
from kiosk.ui.pages.base import (
    BODY_PX,
    TITLE_PX,
    Page,
    Shell,
    body_label,
    fact_row,
    picture_label,
    show_facts,
)
from kiosk.ui.widgets import MIN_GAP_PX
from kiosk.ui.widgets.card import CardLine, CardTile
from kiosk.ui.widgets.lines import TwoLineLabel
from kiosk.ui.widgets.listings import (
    KindCardsPage,
    KindsPage,
    OfArea,
    PapersRow,
    action_tile,
    hear_all_tile,
    said_whole,
)
from kiosk.ui.widgets.page_kit import two_columns
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.words import DOCUMENT_WORDS, format_phone

PROGRAMS = AREA_BY_KEY["programs"]
STAFF = AREA_BY_KEY["staff"]
LEVEL_PX = 48  # the level's picture beside who offers the program
FACT_CHARS = 80  # a fact on screen is cut here; "Hear it all" says it whole
ROOMY_FACTS = 5  # up to this many facts may take two lines each
DOCUMENT_CHARS = 22
GENERIC_DOCUMENT = "doc.solicitud_empleo"  # a paper, for imported texts the kiosk cannot picture
STALE_COLOUR = "#e65100"
# The mark of a program that serves her municipality (or the centre's): a pin, two words, and
# what the card says of it.
HERE_ICON = "flag.here"
HERE_WORDS = N_("In your municipality")
HERE_PHRASE = N_("It serves your municipality")

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


class ProgramsPage(OfArea, KindsPage):
    """What do you need? The eight needs as pictures with their counts."""

    page_name = "programs"
    area = PROGRAMS
    tile_font_px = 24
    kind_icon = "need"
    kind_enum = ProgramNeed
    purpose_words = N_("Touch what you need. The number says how many programs there are.")
    help_words = N_(
        "Each picture is something a program can help you with, with how many programs "
        "there are. Touch one to see its programs. The arrows show more."
    )

    def filters(self) -> ProgramFilters:
        # Every level: a program shows its own (federal, state, municipal, organization).
        # Those that serve her municipality come first (the centre's, when nobody signed in).
        member = self.shell.visit.member
        return ProgramFilters(municipality=member.locality if member else None)

    def reset(self) -> None:
        self.pager.set_page(0)

    def kind_word(self, kind: ProgramNeed) -> str:
        return need_word(kind)

    def count_phrase(self, word: str, count: int) -> str:
        return ngettext("{need}: {count} program", "{need}: {count} programs", count).format(
            need=word, count=count
        )


# --- one need's programs ----------------------------------------------------------------------


class ProgramsListPage(OfArea, KindCardsPage):
    """A need's programs, six a page; a tap opens the program (:attr:`chose`, its id)."""

    page_name = "programs_list"
    area = PROGRAMS
    empty_text = N_("There are no programs of this kind now. Go back and look at another.")
    none_now = N_("There are no programs of this kind now.")
    touch_one = N_("Touch a program to see who can apply and what to bring.")
    help_words = N_(
        "Each picture is a program, with who offers it. The small picture says if it is "
        "federal, state, municipal or of an organization; the pin, that it serves your "
        "municipality. Those come first. Touch one to see it. The arrows show more programs."
    )

    chose = Signal(int)  # the program's id

    def kind_word(self, kind: ProgramNeed) -> str:
        return need_word(kind)

    def show_item(self, tile: CardTile, card: ProgramCard) -> None:
        tile.set_icon(f"need.{card.need.value}")
        place = CardLine(card.locality, optional=True)
        if card.serves_here:
            place = CardLine(_(HERE_WORDS))
        tile.set_card(
            [
                CardLine(card.name, most=2),
                CardLine(card.organization, most=2, bold=False, optional=True),
                place,
            ],
            [f"level.{card.level}", *([HERE_ICON] if card.serves_here else [])],
        )
        said = (card.name, card.organization, level_word(card.level))
        here = (_(HERE_PHRASE),) if card.serves_here else ()
        phrase = ". ".join(p for p in (*said, *here) if p)
        tile.set_words(f"{card.name}\n{card.organization}", phrase)

    def chosen(self, card: ProgramCard) -> None:
        self.chose.emit(card.id)


# --- the chosen program -----------------------------------------------------------------------


class ProgramDetailPage(OfArea, FixedWords, Page):
    """A program in pictures and short lines; the whole of it is said on "Hear it all"."""

    page_name = "program_detail"
    area = PROGRAMS

    help_words = N_(
        "The pictures say what the program gives, who can apply, where it is, when it "
        "opens, the languages spoken there, the places it serves and its phone. Below are "
        "the papers to bring. Touch Hear it all to hear "
        "everything, and Print to take it home on paper. A companion at the desk can "
        "refer you and print your slip."
    )

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
        left, right = two_columns(self)
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
        self.papers = PapersRow(self, 48, name="program_document")
        left.addLayout(self.papers.row)
        left.addStretch(1)
        self.stale = body_label(_("Information to be confirmed"), self, px=24, bold=True)
        self.stale.setObjectName("program_stale")
        self.stale.setStyleSheet(
            f"background: {STALE_COLOUR}; color: #ffffff; border-radius: 8px; padding: 6px;"
        )
        right.addWidget(self.stale)
        self.listen = hear_all_tile(
            shell, self, "program_listen", _("Hear everything about this program"),
            PROGRAMS.colour, self.everything,
        )  # fmt: skip
        right.addWidget(self.listen, 1)
        self.print_tile = action_tile(
            shell, self, right, "program_print", "action.print",
            (_("Print"), _("Print this program's sheet to take home")), PROGRAMS.colour,
            self.print_sheet,
        )  # fmt: skip
        self.refer_tile = action_tile(
            shell, self, right, "program_refer", "action.print",
            (_("Refer"), _("Refer a member to this program and print her slip")), STAFF.colour,
            self.refer,
        )  # fmt: skip
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
        self.papers.clear()
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
        self.papers.show([(icon, word) for icon, word, _said in items[:5]])

    @property
    def bring_widgets(self) -> list[QWidget]:
        return self.papers.boxes

    def documents(self) -> list[tuple[str, str, str]]:
        return document_items(self.program) if self.program else []

    def title(self) -> str:
        # Whole: the title band wraps it, and the voice says what the page is about.
        return self.program.name if self.program else _("Program")

    def purpose(self) -> str:
        if self.program is None:
            return _("Go back and touch a program.")
        return _("Who can apply, what it gives and what to bring. Touch the speaker to hear it.")

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
        papers = [said for _icon, _word, said in document_items(program)]
        return said_whole(parts, papers, program.application_process)

    def reset(self) -> None:
        self.program = None
        self.entered()
