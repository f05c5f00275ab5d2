"""The job bank: what members browse, and the staff's add, edit, close and reopen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.data.models import JobCategory, JobInterest, JobPosting, Member, PostingStatus, utcnow
from kiosk.i18n import _, centre_today
from kiosk.services import SessionFactory, count_each, count_rows, page_numbers, paging
from kiosk.services.centres import station_municipality
from kiosk.services.jobs.checks import check_draft
from kiosk.services.jobs.common import (
    PER_PAGE,
    JobDetail,
    JobDraft,
    JobError,
    JobExpired,
    JobFilters,
    JobNotFound,
    JobPage,
    JobValidationError,
    job_entry_points,
    log,
)
from kiosk.services.jobs.rows import (
    CARD_COLUMNS,
    filter_conditions,
    job_card,
    job_detail,
)
from kiosk.services.link import on_read_copy
from kiosk.text import one_line

# --- the service ------------------------------------------------------------------------------


@job_entry_points
class JobService:
    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        today: Callable[[], date] = centre_today,
        show_incomplete: bool = True,
    ) -> None:
        self._factory = session_factory
        self._today = today
        # The centre's jobs_show_incomplete: do members see imported postings still marked
        # "por completar" (with "Pago por acordar", "Pregunta en el centro")?
        self._show_incomplete = show_incomplete

    def _shown(self, today: date) -> list[ColumnElement[bool]]:
        # Status and last day, in the browse index's column order after the category.
        shown = [JobPosting.status == PostingStatus.OPEN, JobPosting.valid_through >= today]
        if not self._show_incomplete:
            shown.append(JobPosting.to_complete.is_(False))
        return shown

    # --- member side ----------------------------------------------------------------------

    def category_counts(self, filters: JobFilters | None = None) -> dict[JobCategory, int]:
        """Offered jobs (shown, with openings left) per category, every category included."""
        conditions = filter_conditions(filters or JobFilters())
        shown = self._shown(self._today())
        return count_each(
            self._factory,
            JobPosting.category,
            JobCategory,
            *shown,
            JobPosting.openings > 0,
            *conditions,
        )

    def list_jobs(
        self,
        category: JobCategory,
        filters: JobFilters | None = None,
        page: int = 0,
        per_page: int = PER_PAGE,
    ) -> JobPage:
        """Shown jobs of one category: those in her municipality first (the one the filters
        name, else the station's centre's), then the rest; within each, offered ones first,
        then newest first. Filled ones are included (marked) and counted in ``total``."""
        category = JobCategory(category)
        filters = filters or JobFilters()
        conditions = [
            JobPosting.category == category,
            *self._shown(self._today()),
            *filter_conditions(filters),
        ]
        with self._factory() as s:
            here = one_line(filters.municipality) or station_municipality(s)
            page, page_count, total = paging(s, JobPosting, conditions, page, per_page)
            # The page's ids first (a sort over narrow rows, index-only: the browse index holds
            # the locality too), then only those rows' card columns.
            hers = (case((JobPosting.locality == here, 0), else_=1),) if here else ()
            ids = s.scalars(
                select(JobPosting.id)
                .where(*conditions)
                .order_by(
                    *hers,
                    case((JobPosting.openings > 0, 0), else_=1),
                    JobPosting.date_posted.desc(),
                    JobPosting.id.desc(),
                )
                .limit(per_page)
                .offset(page * per_page)
            ).all()
            rows = {
                row.id: row
                for row in s.execute(select(*CARD_COLUMNS).where(JobPosting.id.in_(ids)))
            }
        return JobPage(tuple(job_card(rows[i], here) for i in ids), page, page_count, total)

    def get(self, job_id: int) -> JobDetail:
        """A job a member may see (filled ones too), or :class:`JobNotFound`."""
        today = self._today()
        with self._factory() as s:
            job = s.get(JobPosting, job_id)
            if job is None or job.status != PostingStatus.OPEN or job.valid_through < today:
                raise JobNotFound(_("This job is no longer offered. Look at another one."))
            if job.to_complete and not self._show_incomplete:
                raise JobNotFound(_("This job is no longer offered. Look at another one."))
            return job_detail(job, today)

    def record_interest(self, job_id: int, member_id: int | None = None) -> None:
        """ "Me interesa" on an offered job, by a member or anonymously.

        The posting's row is locked while checking, so a job closed at that moment at the staff
        desk cannot take the interest (SQLite: the write transaction is already exclusive).
        """
        if on_read_copy(self._factory):
            # The server is away and the kiosk reads its copy: she sees the job all the same,
            # and the count of interest misses this one.
            log.info("interest in job %d not counted: the server does not answer", job_id)
            return
        today = self._today()
        with self._factory.begin() as s:
            job = s.get(JobPosting, job_id, with_for_update=True)
            if job is None or job.status != PostingStatus.OPEN or job.valid_through < today:
                raise JobError(_("This job is no longer offered. Look at another one."))
            if job.openings <= 0:
                raise JobError(_("This job has no places left. Look at another one."))
            if member_id is not None and s.get(Member, member_id) is None:
                raise JobError(_("That member is not registered. Ask a companion for help."))
            s.add(JobInterest(job_id=job.id, member_id=member_id, created_at=utcnow()))
        log.info("interest in job %d (%s)", job_id, "member" if member_id else "anonymous")

    # --- staff side -----------------------------------------------------------------------

    def staff_list(
        self, page: int = 0, per_page: int = PER_PAGE, include_closed: bool = True
    ) -> JobPage:
        """Every posting (expired and filled too; closed ones unless left out), last entered
        first (the primary key's order, so paging needs no sort)."""
        today = self._today()
        statement: Select[Any] = select(JobPosting)
        counting = select(func.count()).select_from(JobPosting)
        if not include_closed:
            statement = statement.where(JobPosting.status == PostingStatus.OPEN)
            counting = counting.where(JobPosting.status == PostingStatus.OPEN)
        with self._factory() as s:
            total = s.scalar(counting) or 0
            page, page_count = page_numbers(total, page, per_page)
            jobs = s.scalars(
                statement.order_by(JobPosting.id.desc()).limit(per_page).offset(page * per_page)
            ).all()
            cards = tuple(job_detail(job, today) for job in jobs)
        return JobPage(cards, page, page_count, total)

    def to_complete_list(self, page: int = 0, per_page: int = PER_PAGE) -> JobPage:
        """Imported postings still lacking something a member needs ("Por completar"), open
        ones only, oldest first: the first imported is the first to complete."""
        today = self._today()
        where = [JobPosting.to_complete.is_(True), JobPosting.status == PostingStatus.OPEN]
        with self._factory() as s:
            page, page_count, total = paging(s, JobPosting, where, page, per_page)
            jobs = s.scalars(
                select(JobPosting)
                .where(*where)
                .order_by(JobPosting.id)
                .limit(per_page)
                .offset(page * per_page)
            ).all()
            cards = tuple(job_detail(job, today) for job in jobs)
        return JobPage(cards, page, page_count, total)

    def to_complete_count(self) -> int:
        with self._factory() as s:
            return count_rows(
                s,
                JobPosting,
                JobPosting.to_complete.is_(True),
                JobPosting.status == PostingStatus.OPEN,
            )

    def staff_get(self, job_id: int) -> JobDetail:
        """Any posting, closed and expired ones included (for the edit page)."""
        with self._factory() as s:
            return job_detail(self._load(s, job_id), self._today())

    def save(self, draft: JobDraft, job_id: int | None = None) -> JobDetail:
        """Add a posting (``job_id=None``) or change one. Every problem is reported at once as
        :class:`JobValidationError`, and then nothing is written."""
        today = self._today()
        values = check_draft(draft, today=today)
        status = values.pop("status")
        try:
            with self._factory.begin() as s:
                if job_id is None:
                    _refuse_taken_identifier(s, values["external_id"], None)
                    job = JobPosting(
                        **values,
                        status=status or PostingStatus.OPEN,
                        is_example=False,
                        created_at=utcnow(),
                        missing=[],
                        to_complete=False,
                    )
                    s.add(job)
                else:
                    job = self._load(s, job_id, lock=True)
                    if values["external_id"] is None:
                        values["external_id"] = job.external_id
                    _refuse_taken_identifier(s, values["external_id"], job.id)
                    for field, value in values.items():
                        setattr(job, field, value)
                    if status is not None:
                        job.status = status
                    # The desk form asks for everything a member needs: saved, it is complete.
                    job.missing = []
                    job.to_complete = False
                s.flush()
                detail = job_detail(job, today)
        except IntegrityError as exc:  # another desk saved the same identifier just now
            raise JobValidationError([_("Another posting already has this identifier.")]) from exc
        log.info("job %d saved", detail.id)
        return detail

    def close(self, job_id: int) -> JobDetail:
        """Take a posting off the member pages (it is kept, and can be reopened)."""
        today = self._today()
        with self._factory.begin() as s:
            job = self._load(s, job_id, lock=True)
            job.status = PostingStatus.CLOSED
            s.flush()
            detail = job_detail(job, today)
        log.info("job %d closed", job_id)
        return detail

    def reopen(self, job_id: int, *, valid_through: date | None = None) -> JobDetail:
        """Put a closed posting back on the member pages. One whose last day has passed needs
        a new ``valid_through`` (today or later), or :class:`JobExpired` is raised."""
        today = self._today()
        with self._factory.begin() as s:
            job = self._load(s, job_id, lock=True)
            if valid_through is not None:
                if valid_through < today or valid_through < job.date_posted:
                    raise JobValidationError([_("The new last day must be today or later.")])
                job.valid_through = valid_through
            elif job.valid_through < today:
                raise JobExpired(
                    _("This posting's last day has passed; give it a new last day to reopen it.")
                )
            job.status = PostingStatus.OPEN
            s.flush()
            detail = job_detail(job, today)
        log.info("job %d reopened", job_id)
        return detail

    @staticmethod
    def _load(s: Session, job_id: int, *, lock: bool = False) -> JobPosting:
        job = s.get(JobPosting, job_id, with_for_update=lock)
        if job is None:
            raise JobNotFound(_("That job posting does not exist any more."))
        return job


def _refuse_taken_identifier(s: Session, external_id: str | None, own_id: int | None) -> None:
    if external_id is None:
        return
    other = s.scalar(select(JobPosting.id).where(JobPosting.external_id == external_id))
    if other is not None and other != own_id:
        raise JobValidationError([_("Another posting already has this identifier.")])
