"""The job bank's flows: what a visit does step by step, member side (:class:`JobBank`: what
matters → a kind → a job, "me interesa", "Imprimir") and at the desk (:class:`JobDesk`: a posting
closed, reopened or changed through the wizard, the folder imported or exported).

Plain Python: each flow is handed its services, its pages (as the small protocols below: what
it tells them) and the window (:class:`~kiosk.ui.pages.base.Shell`), so tests drive it with
fakes and a real database, without a window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.i18n import N_, _, centre_today
from kiosk.services.job_folder import JobFolder
from kiosk.services.jobs import (
    JobCategory,
    JobDetail,
    JobDraft,
    JobError,
    JobExpired,
    JobFilters,
    JobGap,
    JobService,
    PayUnit,
    issue_job_slip,
)
from kiosk.slip_options import SlipOptions
from kiosk.ui.areas.flow_parts import (
    KindListView,
    PrintsSlips,
    Refreshes,
    Resets,
    Shows,
    Wizard,
    WizardDesk,
    attempt,
    if_yes,
    kept,
)

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherService
    from kiosk.ui.pages.base import Shell

MAX_DAYS = 90
# The wizard's pages in order, and the value each one stores (the review stores none).
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
STORED = (
    "title",
    "category",
    "pay_amount",
    "pay_unit",
    "employer",
    "locality",
    "contact_phone",
    "openings",
    "flags",
    "days",
)
# What changing a posting keeps as it was: what the wizard does not ask about. A pay range stays
# while the typed pay is below its top (the form asks one figure).
KEPT = (
    "employment_type",
    "description",
    "how_to_apply",
    "what_to_bring",
    "schedule",
    "address",
    "pay_max",
    "contact_other",
)
# What members filter on besides pay per day and town, toggled on the flags step.
FLAG_KEYS = ("fits_school_hours", "no_experience_needed", "starts_now")


# --- what the flows ask of the window and the pages ------------------------------------------


class KindsView(Protocol):
    def choose_matter(self, key: str) -> None: ...
    def filters(self) -> JobFilters: ...


class JobView(Protocol):
    job: JobDetail | None

    def show_job(self, job: JobDetail) -> None: ...
    def show_printing(self) -> None: ...


# --- the member's visit ------------------------------------------------------------------------


@dataclass(frozen=True)
class BankPages:
    kinds: KindsView
    list: KindListView
    detail: JobView


class JobBank:
    """What matters → a kind of job → a job: her interest is recorded, the job's page opens,
    and its slip prints only when she touches "Imprimir"."""

    def __init__(
        self,
        shell: Shell,
        jobs: JobService,
        vouchers: VoucherService,
        slip_desk: PrintsSlips,
        pages: BankPages,
    ) -> None:
        self.shell = shell
        self.jobs = jobs
        self.vouchers = vouchers
        self.slip_desk = slip_desk
        self.categories = pages.kinds
        self.list = pages.list
        self.detail = pages.detail
        self.number: str | None = None  # the slip of the job shown, once issued

    def chose_matter(self, key: str) -> None:
        self.categories.choose_matter(key)
        self.shell.open("jobs")

    def chose_category(self, category: JobCategory) -> None:
        self.list.choose(JobCategory(category), self.categories.filters())
        self.shell.open("jobs_list")

    def interested(self, job_id: int) -> None:
        """She touched a job: "me interesa". Her interest is recorded (anonymous unless she
        signed in) and the job's page opens; nothing prints until she touches "Imprimir"."""
        member = self.shell.visit.member

        def interest() -> JobDetail:
            job = self.jobs.get(job_id)
            if job.filled:
                raise JobError(_("This job has no places left. Look at another one."))
            self.jobs.record_interest(job_id, member.id if member else None)
            return job

        job = attempt(self.shell, interest, JobError)
        if job is None:
            self.list.refresh()
            return
        self.number = None
        self.detail.show_job(job)
        self.shell.open("job_detail")

    def print_job(self) -> None:
        """ "Imprimir": the job's slip is issued the first time (kept for reprint under its
        number) and printed; touching it again prints the same slip again."""
        job = self.detail.job
        if job is None:
            return
        if self.number is None:
            options = SlipOptions.from_settings(self.shell.settings)
            self.number = issue_job_slip(self.vouchers, job, options).number
        else:
            self.shell.speaker.say(_("Your slip is printing again."))
        self.detail.show_printing()
        self.shell.task_done()
        self.slip_desk.print_slip(self.number)

    def reset(self) -> None:
        self.number = None


# --- the desk -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskPages:
    postings: Refreshes  # the list
    posting: Shows  # one posting
    days: Resets  # for how many days an expired posting opens again
    steps: Sequence[Resets]  # the wizard's pages


class JobDesk(WizardDesk[JobDetail]):
    """The staff's postings: one shown, the wizard's values, the exchange folder."""

    record_page = "staff_job"
    steps = STEPS
    stored = STORED
    named = "title"
    saved_words = N_("The posting is saved.")
    refused = JobError

    def __init__(
        self,
        shell: Shell,
        service: JobService,
        folder: JobFolder,
        pages: DeskPages,
        *,
        today: Callable[[], date] = centre_today,
    ) -> None:
        super().__init__(pages.steps)
        self.shell = shell
        self.service = service
        self.files = folder
        self.pages = pages
        self.today = today

    def reset(self) -> None:
        """The staff visit is over: no posting shown, no half-filled wizard."""
        self.record_id = None
        self.wizard = Wizard()

    # --- the wizard -----------------------------------------------------------------------

    def wizard_values(self, record: JobDetail | None) -> dict[str, Any]:
        return wizard_values(record, self.today())

    def complete(self, job_id: int) -> None:
        """A posting of the "Por completar" list: the wizard opens on it."""
        self.record_id = job_id
        job = self.current()
        if job is not None:
            self.start_wizard(job)

    def store(self, key: str, value: Any) -> None:
        """One step's answer; the next step opens. The days are refused outside 1 to 90."""
        if key == "days" and self._days(value) is None:
            return
        super().store(key, value)

    def toggle_flag(self, key: str) -> None:
        self.wizard.values[key] = not self.wizard.get(key)

    def last_day(self) -> date | None:
        days = self.wizard.get("days")
        return self.today() + timedelta(days=int(days)) if days else None

    def top_pay(self) -> Decimal | None:
        """The top of the posting's pay range, kept while the typed pay is below it."""
        return self.wizard.base.pay_max if self.wizard.base is not None else None

    def _days(self, text: str) -> int | None:
        days = int(text or "0")
        if not 1 <= days <= MAX_DAYS:
            self.shell.show_error(_("Type a number of days from 1 to 90."), "misc.calendar")
            return None
        return days

    def draft(self) -> JobDraft:
        get = self.wizard.get
        common: dict[str, Any] = {
            "title": get("title") or "",
            "category": get("category") or "",
            "employer": get("employer") or "",
            "pay_amount": get("pay_amount"),
            "pay_unit": get("pay_unit"),
            "locality": get("locality") or "",
            "contact_phone": get("contact_phone") or "",
            "valid_through": self.last_day(),
            "openings": get("openings") or "",
            **{key: get(key) is True for key in FLAG_KEYS},
        }
        base = self.wizard.base
        if base is not None:  # the day it was first posted stays, unless it is yet to come
            common["date_posted"] = min(base.date_posted, self.today())
        return JobDraft(**common, **kept(base, KEPT))

    # --- one posting ----------------------------------------------------------------------

    show_job = WizardDesk.show_record

    def close_job(self) -> None:
        job = self.current()
        if job is None:
            return

        def close() -> None:
            self.service.close(job.id)
            self.pages.posting.entered()

        if_yes(self.shell, _("Close this posting? Members will not see it."), "action.no", close)

    def reopen_job(self) -> None:
        job = self.current()
        if job is None:
            return

        def reopen() -> None:
            try:
                self.service.reopen(job.id)
            except JobExpired:
                self.pages.days.reset()
                self.shell.open("staff_job_days")
                return
            self.pages.posting.entered()

        if_yes(self.shell, _("Open this posting again?"), "action.yes", reopen)

    def reopen_with_days(self, text: str) -> None:
        days, job_id = self._days(text), self.record_id
        if days is None or job_id is None:
            return
        last_day = self.today() + timedelta(days=days)
        if attempt(
            self.shell, lambda: self.service.reopen(job_id, valid_through=last_day), JobError
        ):
            self.shell.back()

    # --- import and export ----------------------------------------------------------------

    def import_folder(self) -> None:
        done = attempt(self.shell, self.files.import_all, JobError)
        if done is None:
            return
        self.pages.postings.refresh()
        self.shell.show_message(
            _(
                "Added: {added}. Updated: {updated}. To complete: {to_complete}. "
                "Skipped: {skipped}."
            ).format(
                added=done.added,
                updated=done.updated,
                to_complete=done.to_complete,
                skipped=done.skipped,
            ),
            "action.yes" if not done.skipped else "action.warning",
        )

    def export_folder(self, now: datetime | None = None) -> Path | None:
        path = attempt(self.shell, lambda: self.files.export(now), JobError)
        if path is not None:
            self.shell.show_message(_("Saved in {path}.").format(path=path), "action.yes")
        return path


def wizard_values(job: JobDetail | None, today: date) -> dict[str, Any]:
    """What the wizard starts from: nothing for a new posting, else the posting's values."""
    if job is None:
        return {}
    days_left = (job.valid_through - today).days
    return {
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
        **{key: getattr(job, key) for key in FLAG_KEYS},
    }
