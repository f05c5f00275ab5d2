"""Job bank, member side: "¿Qué te importa más?" (school hours, no experience, paid by day,
near her, or every job), the kinds of job as pictures with their counts, a kind's job cards six
at a time, and the chosen job's page with "Imprimir".

Home → Empleo → what matters → a kind of job → a job: the fourth tap is "me interesa": it
records her interest and opens the job's page, which shows and speaks what the slip would
say. Paper comes only when she touches "Imprimir" (five taps): browsing ten jobs prints
nothing.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, ngettext
from kiosk.services.jobs import (
    JobCard,
    JobCategory,
    JobDetail,
    JobFilters,
)
from kiosk.ui import icons
from kiosk.ui.icons import icons_known
from kiosk.ui.pages.base import (
    BODY_PX,
    TITLE_PX,
    Page,
    Shell,
    body_label,
    choice_tile,
    fact_row,
    picture_label,
    show_facts,
    tile_grid,
)
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.card import CardLine, CardTile
from kiosk.ui.widgets.listings import (
    Counter,
    KindCardsPage,
    KindsPage,
    OfArea,
    PapersRow,
    action_tile,
    hear_all_tile,
    said_whole,
)
from kiosk.ui.widgets.page_kit import paint_tick, two_columns
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.tile import DisabledTapHint
from kiosk.words import ASK_AT_CENTRE, DOCUMENT_WORDS, format_phone, pay_words

JOBS = AREA_BY_KEY["jobs"]
PER_PAGE = 6
MATTER_PX = 48  # the picture of what she chose, above the kinds
FILTER_OFF = "#bbdefb"  # light: black words
FILTER_ON = "#0d47a1"  # dark: white words and a ✓
# "¿Qué te importa más?": what a job must have for her, one at a time.
MATTERS = (
    ("school_hours", "flag.school_hours", N_("School hours"), N_("Only jobs in school hours")),
    ("no_experience", "flag.no_experience", N_("No experience"), N_("Only jobs for beginners")),
    ("per_day", "flag.pay_per_day", N_("Paid by day"), N_("Only jobs paid by the day")),
    ("near", "flag.near", N_("Near me"), N_("Only jobs where you live")),
)
ALL_JOBS = ("", JOBS.icon, N_("All jobs"), N_("All the jobs"))
FILLED_COLOUR = "#616161"  # grey: shown, not offered
# The mark of a job in her municipality (or the centre's): a pin, and what the card says.
HERE_ICON = "flag.here"
HERE_WORDS = N_("In your municipality")
HERE_PHRASE = N_("It is in your municipality")

CATEGORY_WORDS: dict[JobCategory, str] = {
    JobCategory.KITCHEN: N_("Kitchen"),
    JobCategory.CLEANING: N_("Cleaning"),
    JobCategory.SEWING: N_("Sewing"),
    JobCategory.SALES: N_("Sales"),
    JobCategory.CARE: N_("Caregiving"),
    JobCategory.FACTORY: N_("Factory"),
    JobCategory.FIELD: N_("Farm work"),
    JobCategory.OFFICE: N_("Office"),
    JobCategory.OTHER: N_("Other jobs"),
}


def category_word(category: JobCategory | str) -> str:
    category = JobCategory(category)
    return _(CATEGORY_WORDS[category])


def pay_text(amount: Decimal | None, unit: str | None, maximum: Decimal | None = None) -> str:
    """``$350 por día``, ``$300 a $350 por día``: digits and the unit (DESIGN.md 3.3); what a
    posting did not say is "por acordar", never guessed."""
    return pay_words(amount, maximum, unit)


def contact_icon(job: JobDetail) -> str:
    """A phone to call, a web page or e-mail, or a woman raising her hand: ask at the centre."""
    if job.contact_phone:
        return "action.phone"
    return "staff.station" if job.contact_other else "help"


def contact_text(job: JobDetail) -> str:
    """The employer's phone, else the web page or e-mail, else "Pregunta en el centro"."""
    if job.contact_phone:
        return format_phone(job.contact_phone)
    return job.contact_other or _(ASK_AT_CENTRE)


def card_flags(card: JobCard) -> list[str]:
    """The pictograms of a job's good news: school hours, no experience, starts now."""
    flags = []
    if card.fits_school_hours:
        flags.append("flag.school_hours")
    if card.no_experience_needed:
        flags.append("flag.no_experience")
    if card.starts_now:
        flags.append("flag.starts_now")
    return flags


def flag_words(card: JobCard) -> list[str]:
    words = []
    if card.fits_school_hours:
        words.append(_("Fits school hours"))
    if card.no_experience_needed:
        words.append(_("No experience needed"))
    if card.starts_now:
        words.append(_("Starts now"))
    return words


class FilterTile(BigTile):
    """A picture toggle: dark with a big ✓ in its corner while on (the words stay the same)."""

    on = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.on:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_tick(painter, self, 40, 30)
        painter.end()


# --- what matters most, then the kinds of job -----------------------------------------------------


class JobsMattersPage(OfArea, FixedWords, Page):
    """ "¿Qué te importa más?": the one thing that matters most to her in a job, as pictures,
    asked before the kinds of job (which are then counted with it). Whatever she chose is
    forgotten with her visit."""

    page_name = "jobs_matters"
    area = JOBS

    title_words = N_("What matters most to you?")
    purpose_words = N_("Touch what matters most to you in a job, or all jobs.")
    help_words = N_(
        "Touch one picture: jobs in school hours, with no experience, paid by the day, "
        "where you live, or all jobs. Then you see the kinds of job."
    )

    chose = Signal(str)  # a key of MATTERS, "" for every job

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tiles: dict[str, BigTile] = {}
        for key, icon, words, phrase in (*MATTERS, ALL_JOBS):
            tile = choice_tile(
                shell, self, f"matters_{key or 'all'}", icon, _(words), _(phrase),
                colour=FILTER_OFF if key else JOBS.colour,
            )  # fmt: skip
            tile.activated.connect(partial(self.chose.emit, key))
            self.tiles[key] = tile
        DisabledTapHint(
            self.tiles["near"],
            lambda: shell.speaker.say(_("Sign in to see the jobs where you live.")),
        )
        layout.addLayout(tile_grid(list(self.tiles.values())), 1)

    def entered(self) -> None:
        member = self.shell.visit.member
        self.tiles["near"].setEnabled(bool(member and member.locality))


class JobsPage(OfArea, KindsPage):
    """Kinds of job with their counts in digits, counted with what matters most to her."""

    page_name = "jobs"
    area = JOBS
    kind_icon = "job"
    kind_enum = JobCategory
    help_words = N_(
        "Each picture is a kind of job, with how many jobs there are. Touch one to see "
        "its jobs. To choose again what matters most to you, touch Back."
    )

    def __init__(self, shell: Shell, counter: Counter, parent: QWidget | None = None) -> None:
        self.on: set[str] = set()
        super().__init__(shell, counter, parent)
        self._paint_matter()

    def arrange(self, column: QLayout) -> None:
        # What she chose to matter, as its picture and words (not a choice: Atrás changes it).
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 2)
        self.matter_picture = QLabel(self)
        self.matter_picture.setObjectName("jobs_matter_picture")
        self.matter_words = body_label("", self, bold=True)
        self.matter_words.setObjectName("jobs_matter")
        self.matter_words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        row.addWidget(self.matter_picture)
        row.addWidget(self.matter_words)
        row.addStretch(1)
        assert isinstance(column, QVBoxLayout)
        column.insertLayout(0, row)
        super().arrange(column)

    def purpose(self) -> str:
        matter = self._matter()
        if matter is not None:
            return _("{matters}. Touch the kind of job you are looking for.").format(
                matters=_(matter[3])
            )
        return _("Touch the kind of job you are looking for. The number says how many there are.")

    # --- what the kinds are counted with --------------------------------------------------

    def filters(self) -> JobFilters:
        member = self.shell.visit.member
        near = member.locality if "near" in self.on and member and member.locality else None
        return JobFilters(
            school_hours="school_hours" in self.on,
            no_experience="no_experience" in self.on,
            per_day="per_day" in self.on,
            near=near,
            # The jobs in her municipality come first (the centre's, when nobody signed in).
            municipality=member.locality if member else None,
        )

    def choose_matter(self, key: str) -> None:
        """Count the kinds with what matters most to her (``""``: every job)."""
        self.on = {key} if key else set()
        self.pager.set_page(0)
        self._paint_matter()

    def kind_word(self, kind: JobCategory) -> str:
        return category_word(kind)

    def count_phrase(self, word: str, count: int) -> str:
        return ngettext("{kind}: {count} job", "{kind}: {count} jobs", count).format(
            kind=word, count=count
        )

    # --- the page -------------------------------------------------------------------------

    def entered(self) -> None:
        member = self.shell.visit.member
        if not (member and member.locality):
            self.on.discard("near")
        self._paint_matter()
        self.refresh()

    def reset(self) -> None:
        self.on.clear()
        self.pager.set_page(0)
        self._paint_matter()

    def _matter(self) -> tuple[str, str, str, str] | None:
        return next((m for m in MATTERS if m[0] in self.on), None)

    def _paint_matter(self) -> None:
        matter = self._matter()
        self.matter_picture.setVisible(matter is not None)
        self.matter_words.setVisible(matter is not None)
        if matter is not None:
            self.matter_picture.setPixmap(icons.pixmap(matter[1], MATTER_PX))
            self.matter_words.setText(_(matter[2]))


# --- one kind's job cards ---------------------------------------------------------------------


class JobsListPage(OfArea, KindCardsPage):
    """A kind's jobs, six a page; a tap on an offered job is "me interesa" (:attr:`interested`
    with its id)."""

    page_name = "jobs_list"
    area = JOBS
    per_page = PER_PAGE
    empty_text = N_("There are no jobs of this kind now. Go back and look at another kind.")
    none_now = N_("There are no jobs of this kind now.")
    touch_one = N_("Touch the job you want: your slip with its details will print.")
    help_words = N_(
        "Each picture is a job, with its pay and where it is; the pin says it is in your "
        "municipality, and those come first. Touch the job you want: your slip prints with "
        "who to call and what to bring. A grey job has no places left. The arrows show more "
        "jobs."
    )

    interested = Signal(int)

    def kind_word(self, kind: JobCategory) -> str:
        return category_word(kind)

    def show_item(self, tile: CardTile, card: JobCard) -> None:
        tile.set_icon(f"job.{JobCategory(card.category).value}")
        pay = pay_text(card.pay_amount, card.pay_unit, card.pay_max)
        if card.filled:
            words = f"{card.title}\n{_('No places left')}"
            phrase = _("{title}: no places left.").format(title=card.title)
            tile.set_colour(FILLED_COLOUR)
            tile.set_card([CardLine(card.title, most=2), CardLine(_("No places left"))])
        else:
            words = f"{card.title}\n{pay}\n{card.locality}"
            phrase = ". ".join([card.title, pay, card.locality, *flag_words(card)])
            lines = [CardLine(card.title, most=2), CardLine(pay), CardLine(card.locality)]
            if card.serves_here:
                lines.append(CardLine(_(HERE_WORDS), optional=True))
                phrase += ". " + _(HERE_PHRASE)
            tile.set_colour(JOBS.colour)
            tile.set_card(lines, [*card_flags(card), *([HERE_ICON] if card.serves_here else [])])
        tile.set_words(words, phrase)

    def chosen(self, card: JobCard) -> None:
        if card.filled:
            self.shell.show_error(
                _("This job has no places left. Look at another one."), "action.warning"
            )
            return
        self.interested.emit(card.id)


# --- the chosen job, its slip printing --------------------------------------------------------


class JobDetailPage(OfArea, FixedWords, Page):
    """The job she chose, in pictures and big text, and "Imprimir" to take it on paper."""

    page_name = "job_detail"
    area = JOBS

    help_words = N_(
        "Touch the printer for a slip with the pay, the phone to call, where to go and "
        "what to bring, or the speaker to hear everything."
    )

    print_slip = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.job: JobDetail | None = None
        self.printed = False
        left, right = two_columns(self)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for key, icon in (
            ("employer", JOBS.icon),
            ("pay", "misc.money"),
            ("schedule", "misc.clock"),
            ("place", "misc.place"),
            ("phone", "action.phone"),
        ):
            px = TITLE_PX if key in ("pay", "phone") else BODY_PX
            self.rows[key] = fact_row(self, left, icon, f"job_{key}", picture_px=56, px=px)
        self.papers = PapersRow(self, 56)
        left.addLayout(self.papers.row)
        left.addStretch(1)
        right.addWidget(picture_label("action.print", 72, self))
        self.printing = body_label("", self, bold=True)
        self.printing.setObjectName("job_printing")
        right.addWidget(self.printing)
        self.print_tile = action_tile(
            shell, self, right, "job_print", "action.print",
            (_("Print"), _("Print a slip with the details to take with you")), JOBS.colour,
            self.print_slip,
        )  # fmt: skip
        self.listen = hear_all_tile(
            shell, self, "job_listen", _("Hear everything about this job"), JOBS.colour,
            self.everything,
        )  # fmt: skip
        right.addWidget(self.listen, 1)
        self.reset()

    def show_job(self, job: JobDetail) -> None:
        self.job = job
        self.rows["employer"][0].setPixmap(icons.pixmap(f"job.{JobCategory(job.category)}", 56))
        self.rows["phone"][0].setPixmap(icons.pixmap(contact_icon(job), 56))
        texts = {
            "employer": job.employer,
            "pay": pay_text(job.pay_amount, job.pay_unit, job.pay_max),
            "schedule": job.schedule,
            "place": ", ".join(part for part in (job.address, job.locality) if part),
            "phone": contact_text(job),
        }
        show_facts(self.rows, texts)
        self.papers.show(self._documents(job)[:4])
        self.printed = False
        self.printing.setText(_("Touch Print to take the details on paper."))
        self.print_tile.setVisible(True)
        self.listen.setVisible(True)

    def show_printing(self) -> None:
        self.printed = True
        self.printing.setText(_("Your slip with the details is printing. Take it with you."))

    @property
    def bring_row(self) -> QHBoxLayout:
        return self.papers.row

    @property
    def bring_widgets(self) -> list[QWidget]:
        return self.papers.boxes

    @staticmethod
    def _documents(job: JobDetail) -> list[tuple[str | None, str]]:
        found = []
        names = icons_known()
        for code in job.what_to_bring:
            word = _(DOCUMENT_WORDS[code]) if code in DOCUMENT_WORDS else code.replace("_", " ")
            icon = f"doc.{code}"
            found.append((icon if icon in names else None, word))
        return found

    def title(self) -> str:
        return self.job.title if self.job else _("Job")

    def purpose(self) -> str:
        if self.job is None:
            return _("Go back and touch a job.")
        return _("Touch Print to take the details on paper.")

    def everything(self) -> str:
        job = self.job
        if job is None:
            return self.purpose()
        parts = [
            job.title,
            job.employer,
            pay_text(job.pay_amount, job.pay_unit, job.pay_max),
            job.schedule,
            ", ".join(p for p in (job.address, job.locality) if p),
            _("Phone: {phone}").format(phone=format_phone(job.contact_phone))
            if job.contact_phone
            else contact_text(job),
            *flag_words(job),
        ]
        papers = [word for _icon, word in self._documents(job)]
        return said_whole(parts, papers, job.description, job.how_to_apply)

    def reset(self) -> None:
        self.job = None
        self.printed = False
        for _picture, label in self.rows.values():
            label.clear()
        self.papers.clear()
        self.printing.setText(_("Go back and touch a job."))
        self.print_tile.setVisible(False)
        self.listen.setVisible(False)
