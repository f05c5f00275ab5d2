"""Staff pages for the job bank: the postings six at a time, one posting with close / reopen /
edit, a short wizard (one decision per page) to add or change a posting, the "Por completar"
list of imported postings still missing something (a tap opens the wizard to complete one), and
JSON-LD import and export through the fixed folder ``<data_dir>/jobs/`` (no file dialogs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, centre_today, format_date_short
from kiosk.services import SessionFactory
from kiosk.services.jobs import (
    JobCategory,
    JobDetail,
    JobDraft,
    JobError,
    JobExpired,
    JobGap,
    JobService,
    JobValidationError,
    PayUnit,
    PostingStatus,
)
from kiosk.services.jobs_jsonld import JobImportError, dumps, export_jobs, import_jobs
from kiosk.ui.areas.jobs.member_pages import (
    FILTER_OFF,
    FILTER_ON,
    FilterTile,
    category_word,
    contact_text,
    pay_text,
)
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, Pager
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, StepPage, TextStepPage, tile
from kiosk.words import PAY_UNITS, format_phone

STAFF = AREA_BY_KEY["staff"]
JOBS = AREA_BY_KEY["jobs"]
PER_PAGE = 6
MAX_DAYS = 90
POSTINGS_PER_SCREEN = 3  # beside "Nueva oferta", "Importar" and "Exportar"
TITLE_WORDS = 22  # a posting's title on its tile, cut to fit two short lines
FOLDER = "jobs"

# The wizard's pages, in order; each stores one value of the draft.
STEPS = (
    "staff_job_title",
    "staff_job_kind",
    "staff_job_pay",
    "staff_job_unit",
    "staff_job_employer",
    "staff_job_locality",
    "staff_job_phone",
    "staff_job_openings",
    "staff_job_flags",
    "staff_job_last_day",
    "staff_job_review",
)
PAGE_NAMES = frozenset(
    {"staff_jobs", "staff_job", "staff_job_days", "staff_jobs_to_complete", *STEPS}
)

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


@dataclass
class Wizard:
    """What the wizard has gathered so far; ``job_id`` None while adding."""

    job_id: int | None = None
    base: JobDetail | None = None
    values: dict[str, Any] | None = None

    def get(self, key: str) -> Any:
        return (self.values or {}).get(key)


class JobDesk:
    """The staff job pages and what they share: the service, the posting shown, the wizard."""

    def __init__(
        self,
        shell: Shell,
        service: JobService,
        session_factory: SessionFactory,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = centre_today,
    ) -> None:
        self.shell = shell
        # The JSON-LD files are read and written in one transaction of their own.
        self.factory = session_factory
        self.today = today
        self.service = service
        self.job_id: int | None = None
        self.wizard = Wizard()
        self.list_page = StaffJobsPage(shell, self, parent)
        self.job_page = StaffJobPage(shell, self, parent)
        self.days_page = NumberStepPage(
            shell,
            "staff_job_days",
            "misc.calendar",
            lambda: _("Days to stay open"),
            lambda: _("The last day has passed. Type for how many days it stays open (1 to 90)."),
            self._reopen_with_days,
            max_length=2,
            parent=parent,
        )
        self.to_complete_page = ToCompletePage(shell, self, parent)
        self._pages: list[Page] = [
            self.list_page,
            self.job_page,
            self.days_page,
            self.to_complete_page,
        ]
        self._build_wizard(parent)

    def reset(self) -> None:
        """The staff visit is over: no posting shown, no half-filled wizard."""
        self.job_id = None
        self.wizard = Wizard()

    def pages(self) -> list[Page]:
        return list(self._pages)

    # --- the wizard -----------------------------------------------------------------------

    def _build_wizard(self, parent: QWidget | None) -> None:
        shell = self.shell
        kinds = [(c.value, f"job.{c.value}", lambda c=c: category_word(c)) for c in JobCategory]
        unit_icons = {
            "hour": "misc.clock",
            "day": "misc.day",
            "week": "misc.calendar",
            "month": "misc.month",
        }
        units = [
            (u.value, unit_icons.get(u.value, "misc.money"), lambda u=u: _(PAY_UNITS[u.value]))
            for u in PayUnit
        ]

        def store(key: str) -> Callable[[Any], None]:
            return lambda value: self.store(key, value)

        self._pages += [
            TextStepPage(
                shell,
                "staff_job_title",
                "action.keyboard",
                lambda: _("Job title"),
                lambda: _("Write the job's title and touch the green button."),
                store("title"),
                lambda: self.wizard.get("title"),
                parent=parent,
            ),
            ChoiceStepPage(
                shell,
                "staff_job_kind",
                "area.jobs",
                lambda: _("Kind of job"),
                lambda: _("Touch the kind of job."),
                kinds,
                store("category"),
                parent=parent,
            ),
            NumberStepPage(
                shell,
                "staff_job_pay",
                "misc.money",
                lambda: _("Pay"),
                lambda: _("Type the pay in pesos, without cents."),
                store("pay_amount"),
                lambda: self.wizard.get("pay_amount"),
                max_length=7,
                parent=parent,
            ),
            ChoiceStepPage(
                shell,
                "staff_job_unit",
                "misc.clock",
                lambda: _("Pay per"),
                lambda: _("Is the pay per hour, day, week or month?"),
                units,
                store("pay_unit"),
                parent=parent,
            ),
            TextStepPage(
                shell,
                "staff_job_employer",
                "misc.people",
                lambda: _("Employer"),
                lambda: _("Write who offers the job."),
                store("employer"),
                lambda: self.wizard.get("employer"),
                parent=parent,
            ),
            TextStepPage(
                shell,
                "staff_job_locality",
                "misc.place",
                lambda: _("Town"),
                lambda: _("Write the town or city of the job."),
                store("locality"),
                lambda: self.wizard.get("locality"),
                parent=parent,
            ),
            NumberStepPage(
                shell,
                "staff_job_phone",
                "action.phone",
                lambda: _("Phone"),
                lambda: _("Type the employer's phone: 10 digits."),
                store("contact_phone"),
                lambda: self.wizard.get("contact_phone"),
                max_length=10,
                min_length=10,
                parent=parent,
            ),
            NumberStepPage(
                shell,
                "staff_job_openings",
                "misc.seat",
                lambda: _("Openings"),
                lambda: _("Type how many people the employer needs."),
                store("openings"),
                lambda: self.wizard.get("openings"),
                max_length=3,
                parent=parent,
            ),
            FlagsStepPage(shell, self, parent),
            NumberStepPage(
                shell,
                "staff_job_last_day",
                "misc.calendar",
                lambda: _("Days open"),
                lambda: _("Type for how many days from today it stays open (1 to 90)."),
                self._store_days,
                lambda: self.wizard.get("days"),
                max_length=2,
                parent=parent,
            ),
            ReviewPage(shell, self, parent),
        ]

    def start_wizard(self, job: JobDetail | None) -> None:
        """Begin adding (``None``) or changing ``job``; the wizard's first page opens."""
        values: dict[str, Any] = {}
        if job is not None:
            days_left = (job.valid_through - self.today()).days
            values = {
                "title": job.title,
                "category": str(JobCategory(job.category)),
                "pay_amount": "" if job.pay_amount is None else str(int(job.pay_amount)),
                "pay_unit": None if job.pay_unit is None else str(PayUnit(job.pay_unit)),
                "employer": job.employer,
                "locality": job.locality,
                "contact_phone": job.contact_phone,
                "openings": str(job.openings),
                # A closing day the import made up is asked again, not offered as typed.
                "days": (
                    str(days_left)
                    if 1 <= days_left <= MAX_DAYS and JobGap.LAST_DAY not in job.missing
                    else ""
                ),
            }
            for key, *_rest in FLAGS:
                values[key] = getattr(job, key)
        self.wizard = Wizard(job.id if job else None, job, values)
        for page in self._pages:
            if page.page_name in STEPS:
                page.reset()
        self.shell.open(STEPS[0])

    def complete(self, job_id: int) -> None:
        """A posting of the "Por completar" list: the wizard opens on it."""
        self.job_id = job_id
        job = self.current()
        if job is not None:
            self.start_wizard(job)

    def store(self, key: str, value: Any) -> None:
        if self.wizard.values is None:
            self.wizard.values = {}
        if key == "title" and value != self.wizard.get("title"):
            value = value[:1].upper() + value[1:].lower()  # "Ayudante de cocina"
        self.wizard.values[key] = value
        self._next(key)

    def _store_days(self, text: str) -> None:
        if self._days(text) is not None:
            self.store("days", text)

    def _days(self, text: str) -> int | None:
        days = int(text or "0")
        if not 1 <= days <= MAX_DAYS:
            self.shell.show_error(_("Type a number of days from 1 to 90."), "misc.calendar")
            return None
        return days

    def _next(self, key: str) -> None:
        order = {
            "title": 0,
            "category": 1,
            "pay_amount": 2,
            "pay_unit": 3,
            "employer": 4,
            "locality": 5,
            "contact_phone": 6,
            "openings": 7,
            "flags": 8,
            "days": 9,
        }
        self.shell.open(STEPS[order[key] + 1])

    def draft(self) -> JobDraft:
        get = self.wizard.get
        days = get("days")
        last_day = self.today() + timedelta(days=int(days)) if days else None
        base = self.wizard.base
        common: dict[str, Any] = {
            "title": get("title") or "",
            "category": get("category") or "",
            "employer": get("employer") or "",
            "pay_amount": get("pay_amount"),
            "pay_unit": get("pay_unit"),
            "locality": get("locality") or "",
            "contact_phone": get("contact_phone") or "",
            "valid_through": last_day,
            "openings": get("openings") or "",
        }
        for key, *_rest in FLAGS:
            common[key] = get(key) is True
        if base is None:
            return JobDraft(**common)
        # Changing a posting keeps what the wizard does not ask about.
        return JobDraft(
            **common,
            employment_type=base.employment_type,
            description=base.description,
            how_to_apply=base.how_to_apply,
            what_to_bring=base.what_to_bring,
            schedule=base.schedule,
            address=base.address,
            date_posted=min(base.date_posted, self.today()),
            # A range stays while the typed pay is below its top (the form asks one figure).
            pay_max=base.pay_max,
            contact_other=base.contact_other,
        )

    def save(self) -> None:
        try:
            saved = self.service.save(self.draft(), self.wizard.job_id)
        except JobValidationError as exc:
            self.shell.show_error(exc.problems[0] if exc.problems else str(exc))
            return
        except JobError as exc:
            self.shell.show_error(str(exc))
            return
        self.wizard = Wizard()
        self.show_job(saved.id)
        self.shell.show_message(_("The posting is saved."), "action.yes")

    # --- one posting ----------------------------------------------------------------------

    def show_job(self, job_id: int) -> None:
        self.job_id = job_id
        self.shell.open("staff_job")

    def current(self) -> JobDetail | None:
        if self.job_id is None:
            return None
        try:
            return self.service.staff_get(self.job_id)
        except JobError:
            return None

    def close_job(self) -> None:
        job = self.current()
        if job is None:
            return

        def answer(yes: bool) -> None:
            if yes:
                self.service.close(job.id)
                self.job_page.entered()

        self.shell.confirm(_("Close this posting? Members will not see it."), "action.no", answer)

    def reopen_job(self) -> None:
        job = self.current()
        if job is None:
            return

        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                self.service.reopen(job.id)
            except JobExpired:
                self.days_page.reset()
                self.shell.open("staff_job_days")
                return
            self.job_page.entered()

        self.shell.confirm(_("Open this posting again?"), "action.yes", answer)

    def _reopen_with_days(self, text: str) -> None:
        days = self._days(text)
        if days is None or self.job_id is None:
            return
        try:
            self.service.reopen(self.job_id, valid_through=self.today() + timedelta(days=days))
        except JobError as exc:
            self.shell.show_error(str(exc))
            return
        self.shell.back()

    # --- import and export ----------------------------------------------------------------

    def folder(self) -> Path:
        return Path(self.shell.settings.data_dir) / FOLDER

    def import_folder(self) -> None:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        files = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".jsonld", ".json")
        )
        if not files:
            self.shell.show_error(
                _("There are no files to import in {folder}.").format(folder=folder),
            )
            return
        added = updated = skipped = to_complete = 0
        for path in files:
            try:
                report = import_jobs(
                    self.factory,
                    path.read_bytes(),
                    today=self.today,
                    default_days=self.shell.settings.job_default_days,
                )
            except (JobImportError, OSError):
                skipped += 1
                continue
            added += report.added
            updated += report.updated
            to_complete += report.to_complete
            skipped += len(report.skipped)
        self.list_page.refresh()
        self.shell.show_message(
            _(
                "Added: {added}. Updated: {updated}. To complete: {to_complete}. "
                "Skipped: {skipped}."
            ).format(added=added, updated=updated, to_complete=to_complete, skipped=skipped),
            "action.yes" if not skipped else "action.warning",
        )

    def export_folder(self, now: datetime | None = None) -> Path | None:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
        text = dumps(export_jobs(self.factory, include_closed=True))
        for number in range(1, 100):
            suffix = "" if number == 1 else f"-{number}"
            path = folder / f"ofertas-{stamp}{suffix}.jsonld"
            try:
                with path.open("x", encoding="utf-8") as out:  # never overwrite
                    out.write(text)
            except FileExistsError:
                continue
            except OSError:
                break
            self.shell.show_message(_("Saved in {path}.").format(path=path), "action.yes")
            return path
        self.shell.show_error(_("The file could not be saved."))
        return None


class StaffJobsPage(Page):
    """The postings, newest first, three at a time after "Nueva oferta"; import and export
    on the right."""

    page_name = "staff_jobs"
    icon_name = JOBS.icon
    colour = STAFF.colour

    def __init__(self, shell: Shell, desk: JobDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        self.jobs: list[JobDetail] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.empty = body_label(_("No job postings yet."), self, px=TITLE_PX)
        left.addWidget(self.empty)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        left.addLayout(grid, 1)
        self.tiles: list[BigTile] = []
        for index in range(POSTINGS_PER_SCREEN):
            job_tile = tile(shell, self, f"staff_jobs_{index}", JOBS.icon, JOBS.colour)
            job_tile.set_font_px(20)
            job_tile.activated.connect(lambda i=index: self._tapped(i))
            grid.addWidget(job_tile, (index + 1) // 2, (index + 1) % 2)
            self.tiles.append(job_tile)
        self.new_tile = tile(shell, self, "staff_jobs_new", "action.publish")
        self.new_tile.set_words(_("New posting"), _("Add a new job posting"))
        self.new_tile.activated.connect(lambda: desk.start_wizard(None))
        grid.addWidget(self.new_tile, 0, 0)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        left.addWidget(self.pager)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        # Import and export beside the postings: with "Nueva oferta", three postings a screen
        # keep the page at six choices.
        self.import_tile = BigTile(
            "action.import",
            _("Import"),
            _("Import the postings in the jobs folder"),
            speaker=shell.speaker,
            colour=STAFF.colour,
            parent=self,
        )
        self.import_tile.setObjectName("staff_jobs_import")
        self.import_tile.activated.connect(desk.import_folder)
        self.export_tile = BigTile(
            "action.export",
            _("Export"),
            _("Save every posting in the jobs folder"),
            speaker=shell.speaker,
            colour=STAFF.colour,
            parent=self,
        )
        self.export_tile.setObjectName("staff_jobs_export")
        self.export_tile.activated.connect(lambda: desk.export_folder())
        right.addWidget(self.import_tile, 1)
        right.addWidget(self.export_tile, 1)
        layout.addLayout(right, 1)

    def title(self) -> str:
        return _("Job postings")

    def purpose(self) -> str:
        return _("Touch a posting to close, reopen or change it.")

    def entered(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        per_screen = POSTINGS_PER_SCREEN
        total = self.desk.service.staff_list(0, per_page=1).total
        self.pager.set_count(total, per_screen)
        self._fill()

    def _fill(self) -> None:
        per_screen = POSTINGS_PER_SCREEN
        found = self.desk.service.staff_list(self.pager.page, per_page=per_screen)
        self.jobs = [job for job in found.cards if isinstance(job, JobDetail)]
        self.empty.setVisible(not self.jobs)
        for index, job_tile in enumerate(self.tiles):
            job_tile.setVisible(index < len(self.jobs))
            if index < len(self.jobs):
                job = self.jobs[index]
                job_tile.set_icon(f"job.{JobCategory(job.category).value}")
                title = job.title
                if len(title) > TITLE_WORDS:
                    title = title[: TITLE_WORDS - 1].rstrip() + "…"
                words = f"{title}\n{status_word(job)} · {format_date_short(job.valid_through)}"
                job_tile.set_words(words, f"{job.title}. {status_word(job)}")

    def _tapped(self, index: int) -> None:
        if index < len(self.jobs):
            self.desk.show_job(self.jobs[index].id)


class StaffJobPage(Page):
    """One posting: its details, and close / reopen / change."""

    page_name = "staff_job"
    icon_name = JOBS.icon
    colour = STAFF.colour

    def __init__(self, shell: Shell, desk: JobDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        self.details = body_label("", self)
        self.details.setObjectName("staff_job_details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.details, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.close_tile = tile(shell, self, "staff_job_close", "action.no")
        self.close_tile.set_words(_("Close"), _("Close this posting"))
        self.close_tile.activated.connect(desk.close_job)
        self.reopen_tile = tile(shell, self, "staff_job_reopen", "action.yes")
        self.reopen_tile.set_words(_("Open again"), _("Open this posting again"))
        self.reopen_tile.activated.connect(desk.reopen_job)
        self.edit_tile = tile(shell, self, "staff_job_edit", "action.keyboard")
        self.edit_tile.set_words(_("Edit"), _("Change this posting"))
        self.edit_tile.activated.connect(lambda: desk.start_wizard(desk.current()))
        for button in (self.close_tile, self.reopen_tile, self.edit_tile):
            right.addWidget(button, 1)
        layout.addLayout(right, 2)

    def title(self) -> str:
        return _("Job posting")

    def purpose(self) -> str:
        return _("Close it, open it again or change it.")

    def entered(self) -> None:
        job = self.desk.current()
        if job is None:
            self.details.setText(_("Choose a posting in the list."))
            for button in (self.close_tile, self.reopen_tile, self.edit_tile):
                button.hide()
            return
        self.details.setText(details_text(job))
        self.close_tile.setVisible(job.status == PostingStatus.OPEN)
        self.reopen_tile.setVisible(job.status == PostingStatus.CLOSED or job.expired)
        self.edit_tile.show()


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


class ReviewPage(StepPage):
    """Everything the wizard gathered, and "Guardar"."""

    def __init__(self, shell: Shell, desk: JobDesk, parent: QWidget | None = None) -> None:
        super().__init__(
            shell,
            "staff_job_review",
            "action.yes",
            lambda: _("Check the posting"),
            lambda: _("Check what you wrote, then touch Save."),
            parent,
        )
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        self.summary = body_label("", self)
        self.summary.setObjectName("staff_job_summary")
        layout.addWidget(self.summary, 3)
        self.save_tile = tile(shell, self, "staff_job_save", "action.yes", "#2e7d32")
        self.save_tile.set_words(_("Save"), _("Save the posting"))
        self.save_tile.activated.connect(desk.save)
        layout.addWidget(self.save_tile, 2)

    def entered(self) -> None:
        get = self.desk.wizard.get
        days = get("days")
        last_day = self.desk.today() + timedelta(days=int(days)) if days else None
        unit = get("pay_unit")
        pay = get("pay_amount")
        base = self.desk.wizard.base
        top = base.pay_max if base is not None else None
        flags = [_(words) for key, _icon, words, _phrase in FLAGS if get(key)]
        lines = [
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
        self.summary.setText("\n".join(line for line in lines if line))


class FlagsStepPage(StepPage):
    """What members filter on besides the pay unit and the town: picture toggles (dark with a
    ✓ while on), then "Siguiente"."""

    def __init__(self, shell: Shell, desk: JobDesk, parent: QWidget | None = None) -> None:
        super().__init__(
            shell,
            "staff_job_flags",
            "flag.school_hours",
            lambda: _("Good to know"),
            lambda: _("Touch what is true of this job, then touch Next."),
            parent,
        )
        self.desk = desk
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        self.toggles: dict[str, FilterTile] = {}
        for index, (key, icon, _words, _phrase) in enumerate(FLAGS):
            toggle = FilterTile(icon, "", "", speaker=shell.speaker, colour=FILTER_OFF, parent=self)
            toggle.setObjectName(f"staff_job_flag_{key}")
            toggle.setProperty("kioskChoice", True)
            toggle.activated.connect(lambda key=key: self._toggle(key))
            layout.addWidget(toggle, index // 2, index % 2)
            self.toggles[key] = toggle
        self.next_tile = tile(shell, self, "staff_job_flags_next", "action.yes", "#2e7d32")
        self.next_tile.set_words(_("Next"), _("Go on to the next step"))
        self.next_tile.activated.connect(lambda: desk.store("flags", True))
        layout.addWidget(self.next_tile, 1, 1)
        for column in range(2):
            layout.setColumnStretch(column, 1)

    def entered(self) -> None:
        self._paint()

    def _toggle(self, key: str) -> None:
        wizard = self.desk.wizard
        if wizard.values is None:
            wizard.values = {}
        wizard.values[key] = not wizard.get(key)
        self._paint()

    def _paint(self) -> None:
        for key, _icon, words, phrase in FLAGS:
            toggle = self.toggles[key]
            on = self.desk.wizard.get(key) is True
            toggle.on = on
            toggle.set_colour(FILTER_ON if on else FILTER_OFF)
            toggle.set_words(_(words), _(phrase))
            toggle.setProperty("kioskPressed", on)
            toggle.update()


class ToCompletePage(Page):
    """Imported postings that still lack something a member needs, oldest first, six at a
    time; a tap opens the posting's form to complete it."""

    page_name = "staff_jobs_to_complete"
    icon_name = "action.keyboard"
    colour = STAFF.colour

    def __init__(self, shell: Shell, desk: JobDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        self.jobs: list[JobDetail] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.empty = body_label(_("Every imported posting is complete."), self, px=TITLE_PX)
        self.empty.setObjectName("staff_jobs_to_complete_empty")
        layout.addWidget(self.empty)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        layout.addLayout(grid, 1)
        self.tiles: list[BigTile] = []
        for index in range(PER_PAGE):
            job_tile = tile(shell, self, f"staff_jobs_to_complete_{index}", JOBS.icon, JOBS.colour)
            job_tile.set_font_px(20)
            job_tile.activated.connect(lambda i=index: self._tapped(i))
            grid.addWidget(job_tile, index // 3, index % 3)
            self.tiles.append(job_tile)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)

    def title(self) -> str:
        return _("To complete")

    def purpose(self) -> str:
        return _("Imported jobs with something missing. Touch one to complete it.")

    def entered(self) -> None:
        self.pager.set_count(self.desk.service.to_complete_count(), PER_PAGE)
        self._fill()

    def _fill(self) -> None:
        found = self.desk.service.to_complete_list(self.pager.page, per_page=PER_PAGE)
        self.jobs = [job for job in found.cards if isinstance(job, JobDetail)]
        self.empty.setVisible(not self.jobs)
        for index, job_tile in enumerate(self.tiles):
            job_tile.setVisible(index < len(self.jobs))
            if index < len(self.jobs):
                job = self.jobs[index]
                job_tile.set_icon(f"job.{JobCategory(job.category).value}")
                title = job.title
                if len(title) > TITLE_WORDS:
                    title = title[: TITLE_WORDS - 1].rstrip() + "…"
                missing = missing_words(job)
                job_tile.set_words(f"{title}\n{missing}", f"{job.title}. {missing}")

    def _tapped(self, index: int) -> None:
        if index < len(self.jobs):
            self.desk.complete(self.jobs[index].id)
