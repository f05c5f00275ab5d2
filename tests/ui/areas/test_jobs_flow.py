"""The job bank's flows without a window: fake pages and a fake window record what they are
told, the database is real (SQLite and PostgreSQL). A member's visit (what matters → a kind → a
job → "Imprimir"), and the desk's (the wizard, close and reopen, the exchange folder)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.data.models import EmploymentType, JobInterest, Voucher, VoucherKind
from kiosk.i18n import _
from kiosk.services.job_folder import JobFolder
from kiosk.services.jobs import (
    JobCategory,
    JobDetail,
    JobDraft,
    JobFilters,
    JobService,
    PayUnit,
)
from kiosk.services.vouchers import VoucherService
from kiosk.ui.areas.jobs.flow import STEPS, BankPages, DeskPages, JobBank, JobDesk
from tests.ui.areas.fakes import FakeShell, FakeSlipDesk, Resettable

TODAY = date(2026, 3, 9)


def draft(**changes: Any) -> JobDraft:
    fields: dict[str, Any] = {
        "title": "Ayudante de cocina",
        "category": JobCategory.KITCHEN,
        "employer": "Lonchería La Güera",
        "pay_amount": Decimal("350"),
        "pay_unit": PayUnit.DAY,
        "locality": "Santa Eulalia",
        "contact_phone": "614 555 1234",
        "date_posted": TODAY - timedelta(days=2),
        "valid_through": TODAY + timedelta(days=30),
        "employment_type": EmploymentType.PER_DAY,
        "what_to_bring": ("ine",),
        "openings": 2,
    }
    fields.update(changes)
    return JobDraft(**fields)


def count(factory: Any, model: type) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


# --- the member's visit ---------------------------------------------------------------------


class Kinds:
    def __init__(self) -> None:
        self.matter: str | None = None

    def choose_matter(self, key: str) -> None:
        self.matter = key

    def filters(self) -> JobFilters:
        return JobFilters(school_hours=self.matter == "school_hours")


class JobList(Resettable):
    def __init__(self) -> None:
        super().__init__()
        self.kind: Any = None
        self.filters: Any = None

    def choose(self, kind: Any, filters: Any = None) -> None:
        self.kind, self.filters = kind, filters


class Detail:
    def __init__(self) -> None:
        self.job: JobDetail | None = None
        self.printing = False

    def show_job(self, job: JobDetail) -> None:
        self.job, self.printing = job, False

    def show_printing(self) -> None:
        self.printing = True


@pytest.fixture
def bank(session_factory, tmp_path: Path) -> JobBank:  # type: ignore[no-untyped-def]
    jobs = JobService(session_factory, today=lambda: TODAY)
    pages = BankPages(Kinds(), JobList(), Detail())
    return JobBank(
        FakeShell(tmp_path), jobs, VoucherService(session_factory), FakeSlipDesk(), pages
    )


def test_a_visit_from_what_matters_to_the_printed_slip(bank: JobBank, session_factory) -> None:  # type: ignore[no-untyped-def]
    job = bank.jobs.save(draft())
    shell, slips = bank.shell, bank.slip_desk
    assert isinstance(shell, FakeShell) and isinstance(slips, FakeSlipDesk)

    bank.chose_matter("school_hours")
    assert shell.page == "jobs" and bank.categories.filters().school_hours
    bank.chose_category(JobCategory.KITCHEN)
    assert shell.page == "jobs_list"
    assert bank.list.kind is JobCategory.KITCHEN  # type: ignore[attr-defined]
    assert bank.list.filters == JobFilters(school_hours=True)  # type: ignore[attr-defined]

    bank.interested(job.id)  # "me interesa": recorded, nothing printed yet
    assert shell.page == "job_detail" and bank.detail.job is not None
    assert bank.detail.job.employer == "Lonchería La Güera"
    assert count(session_factory, JobInterest) == 1
    assert slips.printed == [] and count(session_factory, Voucher) == 0

    bank.print_job()
    (number,) = slips.printed
    assert bank.detail.printing and shell.tasks_done == 1
    with session_factory() as s:
        voucher = s.scalars(select(Voucher)).one()
    assert (voucher.number, voucher.kind) == (number, VoucherKind.JOB)
    bank.print_job()  # the same slip again, said so
    assert slips.printed == [number, number] and count(session_factory, Voucher) == 1
    assert shell.speaker.phrases == [_("Your slip is printing again.")]
    bank.reset()
    bank.print_job()  # a new visit issues its own
    assert count(session_factory, Voucher) == 2


def test_a_filled_job_says_so_and_refreshes_the_list(bank: JobBank, session_factory) -> None:  # type: ignore[no-untyped-def]
    filled = bank.jobs.save(draft(openings=0))
    shell = bank.shell
    assert isinstance(shell, FakeShell)
    bank.interested(filled.id)
    assert shell.errors == [_("This job has no places left. Look at another one.")]
    assert shell.opened == [] and bank.detail.job is None
    assert bank.list.refreshes == 1  # type: ignore[attr-defined]
    assert count(session_factory, JobInterest) == 0


# --- the desk -------------------------------------------------------------------------------


@pytest.fixture
def desk(session_factory, tmp_path: Path) -> JobDesk:  # type: ignore[no-untyped-def]
    jobs = JobService(session_factory, today=lambda: TODAY)
    folder = JobFolder(session_factory, tmp_path / "jobs", default_days=30, today=lambda: TODAY)
    steps = [Resettable() for _name in STEPS]
    pages = DeskPages(Resettable(), Resettable(), Resettable(), steps)
    return JobDesk(FakeShell(tmp_path), jobs, folder, pages, today=lambda: TODAY)


def answer_wizard(desk: JobDesk, phone: str) -> list[str]:
    """Every step answered as typed; the pages the wizard opened, in order."""
    shell = desk.shell
    assert isinstance(shell, FakeShell)
    desk.start_wizard(None)
    for key, value in (
        ("title", "ayudante de cocina"),
        ("category", "cocina"),
        ("pay_amount", "350"),
        ("pay_unit", "day"),
        ("employer", "Fonda Lupita"),
        ("locality", "Chihuahua"),
        ("contact_phone", phone),
        ("openings", "2"),
    ):
        desk.store(key, value)
    desk.toggle_flag("fits_school_hours")
    desk.store("flags", True)
    desk.store("days", "95")  # more than 90: refused, the step stays
    assert shell.errors == [_("Type a number of days from 1 to 90.")]
    shell.errors.clear()
    desk.store("days", "30")
    return list(shell.opened)


def test_the_wizard_walks_its_steps_and_saves_the_posting(desk: JobDesk) -> None:
    shell = desk.shell
    assert isinstance(shell, FakeShell)
    assert answer_wizard(desk, "6145551234") == list(STEPS)
    assert all(page.resets == 1 for page in desk.pages.steps)  # type: ignore[attr-defined]
    desk.save()
    (job,) = desk.service.staff_list().cards
    assert isinstance(job, JobDetail)
    assert (job.title, job.category, job.pay_amount) == ("Ayudante de cocina", "cocina", 350)
    assert job.valid_through == TODAY + timedelta(days=30)
    assert job.fits_school_hours and not job.starts_now
    assert shell.page == "staff_job" and desk.current() == job
    assert shell.messages == [(_("The posting is saved."), "action.yes")]


def test_a_bad_phone_shows_its_sentence_and_saves_nothing(desk: JobDesk) -> None:
    shell = desk.shell
    assert isinstance(shell, FakeShell)
    answer_wizard(desk, "0000000000")
    desk.save()
    assert shell.errors == [_("The contact phone must be a Mexican number of 10 digits.")]
    assert shell.page == "staff_job_review" and desk.service.staff_list().total == 0


def test_close_then_reopen_an_expired_posting_for_some_days(desk: JobDesk) -> None:
    shell = desk.shell
    assert isinstance(shell, FakeShell)
    job = desk.service.save(draft())
    desk.show_job(job.id)
    desk.close_job()
    assert shell.questions == [_("Close this posting? Members will not see it.")]
    assert desk.current().status == "closed"  # type: ignore[union-attr]
    assert desk.pages.posting.entries == 1  # type: ignore[attr-defined]
    desk.today = lambda: TODAY + timedelta(days=40)  # its last day has passed
    desk.service = JobService(desk.service._factory, today=desk.today)
    desk.reopen_job()
    assert shell.page == "staff_job_days" and desk.pages.days.resets == 1  # type: ignore[attr-defined]
    desk.reopen_with_days("10")
    assert desk.current().valid_through == TODAY + timedelta(days=50)  # type: ignore[union-attr]
    assert desk.current().status == "open" and shell.backs == 1  # type: ignore[union-attr]


def test_export_then_import_the_folder(desk: JobDesk, tmp_path: Path) -> None:
    shell = desk.shell
    assert isinstance(shell, FakeShell)
    desk.import_folder()  # nothing there yet
    assert shell.errors == [
        _("There are no files to import in {folder}.").format(folder=tmp_path / "jobs")
    ]
    desk.service.save(draft())
    now = datetime(2026, 3, 9, 10, 30)
    first, second = desk.export_folder(now), desk.export_folder(now)
    assert first is not None and second is not None
    assert (first.name, second.name) == (
        "ofertas-20260309-1030.jsonld",
        "ofertas-20260309-1030-2.jsonld",
    )
    assert shell.messages[-1] == (_("Saved in {path}.").format(path=second), "action.yes")
    second.unlink()
    (tmp_path / "jobs" / "roto.json").write_text("{ no es json")
    desk.import_folder()  # the same posting again: updated; the broken file skipped
    assert shell.messages[-1] == (
        _(
            "Added: {added}. Updated: {updated}. To complete: {to_complete}. Skipped: {skipped}."
        ).format(added=0, updated=1, to_complete=0, skipped=1),
        "action.warning",
    )
    assert desk.pages.postings.refreshes == 1  # type: ignore[attr-defined]
    assert desk.service.staff_list().total == 1


def test_changing_a_posting_keeps_what_the_wizard_does_not_ask(desk: JobDesk) -> None:
    job = desk.service.save(draft(description="Picar verdura.", pay_max=Decimal("400")))
    desk.show_job(job.id)
    desk.edit()  # the wizard starts from the posting's values
    assert desk.wizard.get("title") == "Ayudante de cocina" and desk.wizard.get("days") == "30"
    desk.store("pay_amount", "380")
    desk.save()
    changed = desk.current()
    assert changed is not None and changed.pay_amount == 380
    assert (changed.description, changed.pay_max) == ("Picar verdura.", 400)
    assert changed.date_posted == job.date_posted and changed.what_to_bring == ("ine",)
