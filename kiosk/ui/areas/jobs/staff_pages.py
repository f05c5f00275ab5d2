"""Staff pages for the job bank: the postings three at a time beside import and export (through
the fixed folder ``<data_dir>/jobs/``, no file dialogs), one posting with close / reopen / edit,
a short wizard (one decision per page) to add or change a posting, and the "Por completar" list
of imported postings still missing something (a tap opens the wizard to complete one). What
the pages' taps do is :class:`kiosk.ui.areas.jobs.flow.JobDesk`'s."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, format_date_short
from kiosk.services.jobs import JobCategory, JobDetail, JobGap, PayUnit, PostingStatus
from kiosk.ui.areas.jobs.member_pages import (
    FILTER_OFF,
    FILTER_ON,
    FilterTile,
    category_word,
    contact_text,
    pay_text,
)
from kiosk.ui.pages.base import YES_COLOUR, Shell
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.listings import Ask, DeskListPage, Lister, RecordPage
from kiosk.ui.widgets.wizard import StepPage, tile
from kiosk.words import PAY_UNITS, format_phone

JOBS = AREA_BY_KEY["jobs"]
POSTINGS_PER_SCREEN = 3  # beside "Nueva oferta", "Importar" and "Exportar"
TITLE_WORDS = 22  # a posting's title on its tile, cut to fit two short lines

# What an imported posting lacks, as staff read it on the "Por completar" list.
GAP_WORDS: dict[JobGap, str] = {
    JobGap.CONTACT: N_("phone"),
    JobGap.PAY: N_("pay"),
    JobGap.PAY_UNIT: N_("pay per"),
    JobGap.LAST_DAY: N_("last day"),
    JobGap.CATEGORY: N_("kind of job"),
    JobGap.LOCALITY: N_("town"),
}

# The picture toggles of the flags step: what members filter on, besides pay per day and town.
FLAGS = (
    ("fits_school_hours", "flag.school_hours", N_("School hours"), N_("Fits school hours")),
    ("no_experience_needed", "flag.no_experience", N_("No experience"), N_("No experience needed")),
    ("starts_now", "flag.starts_now", N_("Starts now"), N_("Starts now")),
)
UNIT_ICONS = {
    "hour": "misc.clock",
    "day": "misc.day",
    "week": "misc.calendar",
    "month": "misc.month",
}


def kind_options() -> list[tuple[str, str, Callable[[], str]]]:
    return [(c.value, f"job.{c.value}", partial(category_word, c)) for c in JobCategory]


def unit_options() -> list[tuple[str, str, Callable[[], str]]]:
    return [
        (u.value, UNIT_ICONS.get(u.value, "misc.money"), partial(_, PAY_UNITS[u.value]))
        for u in PayUnit
    ]


# The wizard's questions in order (the flags and the check are pages of their own).
ASKS = (
    Ask("staff_job_title", "action.keyboard", N_("Job title"),
        N_("Write the job's title and touch the green button."), "title"),
    Ask("staff_job_kind", "area.jobs", N_("Kind of job"), N_("Touch the kind of job."),
        "category", "choice", options=kind_options),
    Ask("staff_job_pay", "misc.money", N_("Pay"), N_("Type the pay in pesos, without cents."),
        "pay_amount", "number", max_length=7),
    Ask("staff_job_unit", "misc.clock", N_("Pay per"),
        N_("Is the pay per hour, day, week or month?"), "pay_unit", "choice",
        options=unit_options),
    Ask("staff_job_employer", "misc.people", N_("Employer"), N_("Write who offers the job."),
        "employer"),
    Ask("staff_job_locality", "misc.place", N_("Town"), N_("Write the town or city of the job."),
        "locality"),
    Ask("staff_job_phone", "action.phone", N_("Phone"),
        N_("Type the employer's phone: 10 digits."), "contact_phone", "number", max_length=10,
        min_length=10),
    Ask("staff_job_openings", "misc.seat", N_("Openings"),
        N_("Type how many people the employer needs."), "openings", "number", max_length=3),
)  # fmt: skip
LAST_DAY = Ask(
    "staff_job_last_day", "misc.calendar", N_("Days open"),
    N_("Type for how many days from today it stays open (1 to 90)."), "days", "number",
    max_length=2,
)  # fmt: skip


def missing_words(job: JobDetail) -> str:
    """``Falta: teléfono, pago`` (empty when nothing is missing)."""
    if not job.missing:
        return ""
    return _("Missing: {things}").format(things=", ".join(_(GAP_WORDS[g]) for g in job.missing))


def status_word(job: JobDetail) -> str:
    if job.status == PostingStatus.CLOSED:
        return _("Closed")
    if job.expired:
        return _("Expired")
    return _("Open")


def short_title(job: JobDetail) -> str:
    title = job.title
    return title if len(title) <= TITLE_WORDS else title[: TITLE_WORDS - 1].rstrip() + "…"


def details_text(job: JobDetail) -> str:
    lines = [
        job.title,
        f"{status_word(job)} · {category_word(job.category)}",
        missing_words(job),
        job.employer,
        pay_text(job.pay_amount, job.pay_unit, job.pay_max),
        job.locality,
        contact_text(job),
        _("Openings: {count}").format(count=job.openings),
        _("Last day: {day}").format(day=format_date_short(job.valid_through)),
    ]
    return "\n".join(line for line in lines if line)


def review_lines(
    get: Callable[[str], Any], last_day: date | None, top: Decimal | None
) -> list[str]:
    """The wizard's values as the check page shows them, a line each."""
    unit, pay = get("pay_unit"), get("pay_amount")
    flags = [_(words) for key, _icon, words, _phrase in FLAGS if get(key)]
    return [
        get("title") or "",
        category_word(get("category")) if get("category") else "",
        get("employer") or "",
        pay_text(Decimal(pay), unit, top) if pay and unit else "",
        get("locality") or "",
        format_phone(get("contact_phone") or ""),
        _("Openings: {count}").format(count=get("openings")) if get("openings") else "",
        _("Last day: {day}").format(day=format_date_short(last_day)) if last_day else "",
        " · ".join(flags),
    ]


class PostingsPage(DeskListPage):
    """Postings as tiles: the kind's picture, the title cut short and a note beneath."""

    icon_name = JOBS.icon
    tile_icon = JOBS.icon
    tile_colour = JOBS.colour

    @property
    def jobs(self) -> list[JobDetail]:
        return self.records

    def note(self, job: JobDetail) -> str:
        raise NotImplementedError

    def icon(self, item: JobDetail) -> str:
        return f"job.{JobCategory(item.category).value}"

    def words(self, item: JobDetail) -> str:
        return f"{short_title(item)}\n{self.note(item)}"

    def phrase(self, item: JobDetail) -> str:
        return f"{item.title}. {self.note(item)}"


class StaffJobsPage(PostingsPage):
    """The postings, newest first, three at a time after "Nueva oferta"; import and export
    on the right."""

    page_name = "staff_jobs"
    per_page = POSTINGS_PER_SCREEN
    columns = 2
    empty_text = N_("No job postings yet.")
    new_words = (N_("New posting"), N_("Add a new job posting"))
    title_words = N_("Job postings")
    purpose_words = N_("Touch a posting to close, reopen or change it.")

    import_files = Signal()
    export_files = Signal()

    def arrange(self, column: QLayout) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        layout.addLayout(column, 3)
        # Import and export beside the postings: with "Nueva oferta", three postings a screen
        # keep the page at six choices.
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.import_tile = tile(self.shell, self, "staff_jobs_import", "action.import")
        self.import_tile.set_words(_("Import"), _("Import the postings in the jobs folder"))
        self.import_tile.activated.connect(self.import_files)
        self.export_tile = tile(self.shell, self, "staff_jobs_export", "action.export")
        self.export_tile.set_words(_("Export"), _("Save every posting in the jobs folder"))
        self.export_tile.activated.connect(self.export_files)
        right.addWidget(self.import_tile, 1)
        right.addWidget(self.export_tile, 1)
        layout.addLayout(right, 1)

    def note(self, job: JobDetail) -> str:
        return f"{status_word(job)} · {format_date_short(job.valid_through)}"

    def phrase(self, item: JobDetail) -> str:
        return f"{item.title}. {status_word(item)}"


class StaffJobPage(RecordPage):
    """One posting: its details, and close / reopen / change."""

    page_name = "staff_job"
    icon_name = JOBS.icon
    title_words = N_("Job posting")
    purpose_words = N_("Close it, open it again or change it.")
    nothing_words = N_("Choose a posting in the list.")

    action_rows = (
        ("close_tile", "staff_job_close", "action.no", N_("Close"), N_("Close this posting")),
        ("reopen_tile", "staff_job_reopen", "action.yes", N_("Open again"),
         N_("Open this posting again")),
        ("edit_tile", "staff_job_edit", "action.keyboard", N_("Edit"), N_("Change this posting")),
    )  # fmt: skip
    close_tile: BigTile
    reopen_tile: BigTile
    edit_tile: BigTile

    def describe(self, record: JobDetail) -> str:
        return details_text(record)

    def show_actions(self, record: JobDetail) -> None:
        self.close_tile.setVisible(record.status == PostingStatus.OPEN)
        self.reopen_tile.setVisible(record.status == PostingStatus.CLOSED or record.expired)


class FlagsStepPage(StepPage):
    """What members filter on besides the pay unit and the town: picture toggles (dark with a
    ✓ while on), then "Siguiente" (:attr:`next`)."""

    next = Signal()

    def __init__(
        self,
        shell: Shell,
        is_on: Callable[[str], bool],
        toggle: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            shell,
            "staff_job_flags",
            "flag.school_hours",
            lambda: _("Good to know"),
            lambda: _("Touch what is true of this job, then touch Next."),
            parent,
        )
        self.is_on = is_on
        self.toggle = toggle
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        self.toggles: dict[str, FilterTile] = {}
        for index, (key, icon, _words, _phrase) in enumerate(FLAGS):
            toggle_tile = FilterTile(
                icon, "", "", speaker=shell.speaker, colour=FILTER_OFF, parent=self
            )
            toggle_tile.setObjectName(f"staff_job_flag_{key}")
            toggle_tile.setProperty("kioskChoice", True)
            toggle_tile.activated.connect(lambda key=key: self._toggle(key))
            layout.addWidget(toggle_tile, index // 2, index % 2)
            self.toggles[key] = toggle_tile
        self.next_tile = tile(shell, self, "staff_job_flags_next", "action.yes", YES_COLOUR)
        self.next_tile.set_words(_("Next"), _("Go on to the next step"))
        self.next_tile.activated.connect(self.next)
        layout.addWidget(self.next_tile, 1, 1)
        for column in range(2):
            layout.setColumnStretch(column, 1)

    def entered(self) -> None:
        self._paint()

    def _toggle(self, key: str) -> None:
        self.toggle(key)
        self._paint()

    def _paint(self) -> None:
        for key, _icon, words, phrase in FLAGS:
            toggle = self.toggles[key]
            on = self.is_on(key)
            toggle.on = on
            toggle.set_colour(FILTER_ON if on else FILTER_OFF)
            toggle.set_words(_(words), _(phrase))
            toggle.setProperty("kioskPressed", on)
            toggle.update()


class ToCompletePage(PostingsPage):
    """Imported postings that still lack something a member needs, oldest first, six at a
    time; a tap opens the posting's form to complete it (:attr:`chose`)."""

    page_name = "staff_jobs_to_complete"
    icon_name = "action.keyboard"
    empty_text = N_("Every imported posting is complete.")
    title_words = N_("To complete")
    purpose_words = N_("Imported jobs with something missing. Touch one to complete it.")

    def __init__(self, shell: Shell, lister: Lister, parent: QWidget | None = None) -> None:
        super().__init__(shell, lister, parent)
        self.empty.setObjectName("staff_jobs_to_complete_empty")

    def note(self, job: JobDetail) -> str:
        return missing_words(job)
