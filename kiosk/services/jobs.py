"""Job bank: what members may see, "Me interesa", and the staff's add / edit / close / reopen.

A member sees a posting while it is open and its last day (``valid_through``) has not passed, in
the centre's time zone: expired postings disappear by themselves, nobody has to close them. A
posting with no openings left stays visible but is marked *filled*: it is listed after the
offered ones, not counted on the category tiles, and takes no more interest.

Member queries follow the browse index ``(category, status, valid_through, date_posted)``: a list
is one aggregate count, then the page's ids by ``LIMIT/OFFSET`` over the sort, then those six
rows. Staff input is checked by :func:`check_draft`, which the JSON-LD import reuses, before
anything is written.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import partial
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.data.models import (
    EmploymentType,
    JobCategory,
    JobGap,
    JobInterest,
    JobPosting,
    Member,
    PayUnit,
    PostingStatus,
    VoucherKind,
    utcnow,
)
from kiosk.i18n import DEFAULT_TIMEZONE, _, centre_today
from kiosk.logs import area_logger
from kiosk.services import SessionFactory
from kiosk.services.checks import entry_points
from kiosk.services.members import MemberError, normalize_phone
from kiosk.text import one_line, paragraphs

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions

log = area_logger("jobs")

PER_PAGE = 6
TITLE_MAX = 200
EMPLOYER_MAX = 200
SCHEDULE_MAX = 200
ADDRESS_MAX = 200
LOCALITY_MAX = 80
EXTERNAL_ID_MAX = 200
CONTACT_OTHER_MAX = 300
TEXT_MAX = 4000  # description and how to apply: a slip's worth, far more than a screen
BRING_ITEMS_MAX = 20
BRING_ITEM_MAX = 80
OPENINGS_MAX = 999
PAY_LIMIT = Decimal("1000000")  # pay must be below this; a larger figure is a typing slip
CENTS = Decimal("0.01")


# --- errors -----------------------------------------------------------------------------------


class JobError(ValueError):
    """A job bank problem told as one short sentence that says what to do next."""


class JobNotFound(JobError, LookupError):
    """No such posting, or (member side) not shown any more."""


class JobExpired(JobError):
    """Reopening a posting whose last day has passed: it needs a new last day."""


class JobValidationError(JobError):
    """Staff input (or an imported entry) with problems; nothing was written."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__(" ".join(self.problems))


# --- what goes in and out ---------------------------------------------------------------------


@dataclass(frozen=True)
class JobFilters:
    """The quick filters (picture toggles) of the member pages."""

    school_hours: bool = False  # fits school hours
    no_experience: bool = False  # no experience needed
    per_day: bool = False  # paid per day (pay unit "day")
    near: str | None = None  # the member's locality: only jobs in the same one


@dataclass(frozen=True)
class JobCard:
    id: int
    title: str
    category: JobCategory
    employer: str
    pay_amount: Decimal | None  # None: "pago por acordar"
    pay_unit: PayUnit | None  # None: the source did not say per what
    locality: str
    fits_school_hours: bool
    no_experience_needed: bool
    starts_now: bool
    filled: bool  # no openings left: shown, marked, not offered
    pay_max: Decimal | None  # the top of a pay range
    to_complete: bool  # imported, still lacking something (see ``missing``)


@dataclass(frozen=True)
class JobDetail(JobCard):
    description: str
    how_to_apply: str
    what_to_bring: tuple[str, ...]
    schedule: str
    address: str
    contact_phone: str
    employment_type: EmploymentType
    date_posted: date
    valid_through: date
    openings: int
    status: PostingStatus
    external_id: str | None
    expired: bool  # its last day has passed (by the service's today)
    contact_other: str = ""  # a web page or e-mail to apply at
    missing: tuple[JobGap, ...] = ()
    identifier: Any = None  # the source's identifier as it came


@dataclass(frozen=True)
class JobPage:
    cards: tuple[JobCard, ...]  # JobDetail items on staff pages
    page: int  # 0-based, clamped to the last page
    page_count: int  # at least 1, so the pager can always say "1 / 1"
    total: int


@dataclass(frozen=True)
class JobDraft:
    """What staff typed (or an import entry holds); checked by :func:`check_draft`.

    Choices may be given as enum members or their stored strings, pay and openings as text from
    the keypad, dates as ``date`` or ISO text (a datetime's day in the centre's time zone).
    ``date_posted=None`` means today. ``status=None`` means open for a new posting and unchanged
    for an edit; ``external_id=None`` on an edit keeps the stored one.
    """

    title: str
    category: JobCategory | str
    employer: str
    pay_amount: Decimal | int | str | None
    pay_unit: PayUnit | str | None
    locality: str
    contact_phone: str
    valid_through: date | str | None
    employment_type: EmploymentType | str | None = EmploymentType.OTHER
    description: str = ""
    how_to_apply: str = ""
    what_to_bring: tuple[str, ...] = ()
    schedule: str = ""
    address: str = ""
    fits_school_hours: bool = False
    no_experience_needed: bool = False
    starts_now: bool = False
    openings: int | str = 1
    date_posted: date | str | None = None
    external_id: str | None = None
    status: PostingStatus | str | None = None
    pay_max: Decimal | int | str | None = None
    contact_other: str = ""


# --- input checks (shared with the JSON-LD import) --------------------------------------------


def parse_day(value: date | str) -> date:
    """A ``date``, or ISO text: ``2026-03-09`` or a datetime such as ``2026-03-09T18:00:00Z``
    (a time with an offset counts in the centre's time zone). ``ValueError`` otherwise."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        return value
    else:
        text = str(value).strip()
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(DEFAULT_TIMEZONE))
    return moment.date()


def _choice(enum_cls: type[Any], value: object) -> Any:
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        return None


def _pay(value: object) -> Decimal:
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace("$", "").replace(",", "").replace(" ", "")
    amount = Decimal(text)
    if not amount.is_finite():
        raise InvalidOperation
    return amount


def check_draft(draft: JobDraft, *, today: date, complete: bool = True) -> dict[str, Any]:
    """The posting's column values, cleaned, or :class:`JobValidationError` listing every
    problem as one sentence each (staff fix them all at once).

    ``complete=False`` (an import) lets pay, pay unit, contact and locality be missing: the
    posting is kept and marked for staff to complete, instead of refused."""
    problems: list[str] = []
    values: dict[str, Any] = {}

    def text(
        field: str,
        value: object,
        limit: int,
        missing: str | None,
        too_long: str,
        *,
        multiline: bool = False,
    ) -> None:
        cleaned = paragraphs(value) if multiline else one_line(value)
        if not cleaned and missing is not None:
            problems.append(missing)
        elif len(cleaned) > limit:
            problems.append(too_long.format(limit=limit))
        values[field] = cleaned

    text(
        "title",
        draft.title,
        TITLE_MAX,
        _("Write the job's title."),
        _("The title is too long; use at most {limit} letters."),
    )
    values["category"] = _choice(JobCategory, draft.category)
    if values["category"] is None:
        problems.append(_("Choose one of the job categories."))
    text(
        "employer",
        draft.employer,
        EMPLOYER_MAX,
        _("Write who offers the job."),
        _("The employer's name is too long; use at most {limit} letters."),
    )

    values["pay_amount"] = None
    if draft.pay_amount is None or str(draft.pay_amount).strip() == "":
        if complete:
            problems.append(_("Write the pay."))
    else:
        try:
            amount = _pay(draft.pay_amount)
        except (InvalidOperation, ValueError):
            problems.append(_("The pay must be a number."))
        else:
            if amount < 0:
                problems.append(_("The pay cannot be less than 0."))
            elif amount >= PAY_LIMIT:
                problems.append(_("The pay is too high; check the amount."))
            else:
                values["pay_amount"] = amount.quantize(CENTS, rounding=ROUND_HALF_UP)
    values["pay_max"] = None
    if values["pay_amount"] is not None and draft.pay_max not in (None, ""):
        try:
            top = _pay(draft.pay_max)
        except (InvalidOperation, ValueError):
            problems.append(_("The pay must be a number."))
        else:
            if top >= PAY_LIMIT:
                problems.append(_("The pay is too high; check the amount."))
            elif top > values["pay_amount"]:
                values["pay_max"] = top.quantize(CENTS, rounding=ROUND_HALF_UP)
    no_unit = draft.pay_unit is None or str(draft.pay_unit).strip() == ""
    values["pay_unit"] = None if no_unit else _choice(PayUnit, draft.pay_unit)
    if values["pay_unit"] is None and (complete or not no_unit):
        problems.append(_("Choose how the pay is counted: per hour, day, week or month."))
    values["employment_type"] = _choice(EmploymentType, draft.employment_type)
    if values["employment_type"] is None:
        problems.append(
            _("Choose the kind of job: full time, part time, temporary, per day or other.")
        )

    text(
        "locality",
        draft.locality,
        LOCALITY_MAX,
        _("Write the locality where the job is.") if complete else None,
        _("The locality is too long; use at most {limit} letters."),
    )
    text(
        "address",
        draft.address,
        ADDRESS_MAX,
        None,
        _("The address is too long; use at most {limit} letters."),
    )
    text(
        "schedule",
        draft.schedule,
        SCHEDULE_MAX,
        None,
        _("The schedule is too long; use at most {limit} letters."),
    )
    text(
        "description",
        draft.description,
        TEXT_MAX,
        None,
        _("The description is too long; use at most {limit} letters."),
        multiline=True,
    )
    text(
        "how_to_apply",
        draft.how_to_apply,
        TEXT_MAX,
        None,
        _("How to apply is too long; use at most {limit} letters."),
        multiline=True,
    )
    bring = [item for item in (one_line(one) for one in draft.what_to_bring) if item]
    if len(bring) > BRING_ITEMS_MAX or any(len(item) > BRING_ITEM_MAX for item in bring):
        problems.append(
            _("List at most {count} things to bring, each in at most {limit} letters.").format(
                count=BRING_ITEMS_MAX, limit=BRING_ITEM_MAX
            )
        )
    values["what_to_bring"] = bring

    text(
        "contact_other",
        draft.contact_other,
        CONTACT_OTHER_MAX,
        None,
        _("The web page or e-mail is too long; use at most {limit} letters."),
    )
    phone = str(draft.contact_phone or "").strip()
    values["contact_phone"] = ""
    if phone or complete:
        try:
            values["contact_phone"] = normalize_phone(phone)
        except MemberError:
            problems.append(_("The contact phone must be a Mexican number of 10 digits."))

    openings: int | None
    try:
        if isinstance(draft.openings, bool):
            raise ValueError
        openings = int(str(draft.openings).strip())
    except ValueError:
        openings = None
    if openings is None or not 0 <= openings <= OPENINGS_MAX:
        problems.append(
            _("The number of places must be a whole number from 0 to {limit}.").format(
                limit=OPENINGS_MAX
            )
        )
    values["openings"] = openings

    posted: date | None = today
    if draft.date_posted is not None and str(draft.date_posted).strip():
        try:
            posted = parse_day(draft.date_posted)
        except ValueError:
            posted = None
            problems.append(_("The posting date is not a date; write it as YYYY-MM-DD."))
    last: date | None = None
    if draft.valid_through is None or not str(draft.valid_through).strip():
        problems.append(_("Give the last day the job is offered."))
    else:
        try:
            last = parse_day(draft.valid_through)
        except ValueError:
            problems.append(_("The last day is not a date; write it as YYYY-MM-DD."))
    if posted is not None and last is not None and last < posted:
        problems.append(_("The last day cannot be before the day the job was posted."))
    values["date_posted"] = posted
    values["valid_through"] = last

    external = one_line(draft.external_id) or None
    if external is not None and len(external) > EXTERNAL_ID_MAX:
        problems.append(
            _("The identifier is too long; use at most {limit} letters.").format(
                limit=EXTERNAL_ID_MAX
            )
        )
    values["external_id"] = external
    values["status"] = None
    if draft.status is not None:
        values["status"] = _choice(PostingStatus, draft.status)
        if values["status"] is None:
            problems.append(_("The status must be open or closed."))

    values["fits_school_hours"] = draft.fits_school_hours is True
    values["no_experience_needed"] = draft.no_experience_needed is True
    values["starts_now"] = draft.starts_now is True
    if problems:
        raise JobValidationError(problems)
    return values


# --- building the dataclasses -----------------------------------------------------------------

_CARD_COLUMNS = (
    JobPosting.id,
    JobPosting.title,
    JobPosting.category,
    JobPosting.employer,
    JobPosting.pay_amount,
    JobPosting.pay_unit,
    JobPosting.locality,
    JobPosting.fits_school_hours,
    JobPosting.no_experience_needed,
    JobPosting.starts_now,
    JobPosting.openings,
    JobPosting.pay_max,
    JobPosting.to_complete,
)


def _card(row: Any) -> JobCard:
    return JobCard(
        id=row.id,
        title=row.title,
        category=JobCategory(row.category),
        employer=row.employer,
        pay_amount=row.pay_amount,
        pay_unit=_unit(row.pay_unit),
        locality=row.locality,
        fits_school_hours=bool(row.fits_school_hours),
        no_experience_needed=bool(row.no_experience_needed),
        starts_now=bool(row.starts_now),
        filled=row.openings <= 0,
        pay_max=row.pay_max,
        to_complete=bool(row.to_complete),
    )


def _unit(value: Any) -> PayUnit | None:
    return None if value is None else PayUnit(value)


def _detail(job: JobPosting, today: date) -> JobDetail:
    return JobDetail(
        id=job.id,
        title=job.title,
        category=JobCategory(job.category),
        employer=job.employer,
        pay_amount=job.pay_amount,
        pay_unit=_unit(job.pay_unit),
        locality=job.locality,
        fits_school_hours=job.fits_school_hours,
        no_experience_needed=job.no_experience_needed,
        starts_now=job.starts_now,
        filled=job.openings <= 0,
        description=job.description,
        how_to_apply=job.how_to_apply,
        what_to_bring=tuple(job.what_to_bring or ()),
        schedule=job.schedule,
        address=job.address,
        contact_phone=job.contact_phone,
        employment_type=EmploymentType(job.employment_type),
        date_posted=job.date_posted,
        valid_through=job.valid_through,
        openings=job.openings,
        status=PostingStatus(job.status),
        external_id=job.external_id,
        expired=job.valid_through < today,
        pay_max=job.pay_max,
        to_complete=job.to_complete,
        contact_other=job.contact_other,
        missing=tuple(JobGap(gap) for gap in job.missing or () if gap in _GAPS),
        identifier=job.identifier,
    )


_GAPS = frozenset(JobGap)


def _page_numbers(total: int, page: int, per_page: int) -> tuple[int, int]:
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    page_count = max(1, math.ceil(total / per_page))
    return min(max(page, 0), page_count - 1), page_count


def _filter_conditions(filters: JobFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.school_hours:
        conditions.append(JobPosting.fits_school_hours.is_(True))
    if filters.no_experience:
        conditions.append(JobPosting.no_experience_needed.is_(True))
    if filters.per_day:
        conditions.append(JobPosting.pay_unit == PayUnit.DAY)
    near = one_line(filters.near)
    if near:
        conditions.append(JobPosting.locality == near)
    return conditions


# --- the service ------------------------------------------------------------------------------


@entry_points(JobError)
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
        filters = filters or JobFilters()
        statement = (
            select(JobPosting.category, func.count())
            .where(
                # Naming every category lets each one be a range seek on the browse index.
                JobPosting.category.in_(list(JobCategory)),
                *self._shown(self._today()),
                JobPosting.openings > 0,
                *_filter_conditions(filters),
            )
            .group_by(JobPosting.category)
        )
        counts = dict.fromkeys(JobCategory, 0)
        with self._factory() as s:
            for category, count in s.execute(statement):
                counts[JobCategory(category)] = count
        return counts

    def list_jobs(
        self,
        category: JobCategory,
        filters: JobFilters | None = None,
        page: int = 0,
        per_page: int = PER_PAGE,
    ) -> JobPage:
        """Shown jobs of one category, offered ones first, then newest first; filled ones are
        included (marked) and counted in ``total``."""
        category = JobCategory(category)
        conditions = [
            JobPosting.category == category,
            *self._shown(self._today()),
            *_filter_conditions(filters or JobFilters()),
        ]
        with self._factory() as s:
            total = s.scalar(select(func.count()).select_from(JobPosting).where(*conditions)) or 0
            page, page_count = _page_numbers(total, page, per_page)
            # The page's ids first (a sort over narrow rows, index-only where an index covers
            # the columns), then only those rows' card columns.
            ids = s.scalars(
                select(JobPosting.id)
                .where(*conditions)
                .order_by(
                    case((JobPosting.openings > 0, 0), else_=1),
                    JobPosting.date_posted.desc(),
                    JobPosting.id.desc(),
                )
                .limit(per_page)
                .offset(page * per_page)
            ).all()
            rows = {
                row.id: row
                for row in s.execute(select(*_CARD_COLUMNS).where(JobPosting.id.in_(ids)))
            }
        return JobPage(tuple(_card(rows[i]) for i in ids), page, page_count, total)

    def get(self, job_id: int) -> JobDetail:
        """A job a member may see (filled ones too), or :class:`JobNotFound`."""
        today = self._today()
        with self._factory() as s:
            job = s.get(JobPosting, job_id)
            if job is None or job.status != PostingStatus.OPEN or job.valid_through < today:
                raise JobNotFound(_("This job is no longer offered. Look at another one."))
            if job.to_complete and not self._show_incomplete:
                raise JobNotFound(_("This job is no longer offered. Look at another one."))
            return _detail(job, today)

    def record_interest(self, job_id: int, member_id: int | None = None) -> None:
        """ "Me interesa" on an offered job, by a member or anonymously.

        The posting's row is locked while checking, so a job closed at that moment at the staff
        desk cannot take the interest (SQLite: the write transaction is already exclusive).
        """
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
            page, page_count = _page_numbers(total, page, per_page)
            jobs = s.scalars(
                statement.order_by(JobPosting.id.desc()).limit(per_page).offset(page * per_page)
            ).all()
            cards = tuple(_detail(job, today) for job in jobs)
        return JobPage(cards, page, page_count, total)

    def to_complete_list(self, page: int = 0, per_page: int = PER_PAGE) -> JobPage:
        """Imported postings still lacking something a member needs ("Por completar"), open
        ones only, oldest first: the first imported is the first to complete."""
        today = self._today()
        where = [JobPosting.to_complete.is_(True), JobPosting.status == PostingStatus.OPEN]
        with self._factory() as s:
            total = s.scalar(select(func.count()).select_from(JobPosting).where(*where)) or 0
            page, page_count = _page_numbers(total, page, per_page)
            jobs = s.scalars(
                select(JobPosting)
                .where(*where)
                .order_by(JobPosting.id)
                .limit(per_page)
                .offset(page * per_page)
            ).all()
            cards = tuple(_detail(job, today) for job in jobs)
        return JobPage(cards, page, page_count, total)

    def to_complete_count(self) -> int:
        with self._factory() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(JobPosting)
                    .where(
                        JobPosting.to_complete.is_(True),
                        JobPosting.status == PostingStatus.OPEN,
                    )
                )
                or 0
            )

    def staff_get(self, job_id: int) -> JobDetail:
        """Any posting, closed and expired ones included (for the edit page)."""
        with self._factory() as s:
            return _detail(self._load(s, job_id), self._today())

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
                detail = _detail(job, today)
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
            detail = _detail(job, today)
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
            detail = _detail(job, today)
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


# --- the job's slip ---------------------------------------------------------------------------


def issue_job_slip(vouchers: VoucherService, job: JobDetail, options: SlipOptions) -> VoucherInfo:
    """The job's slip (pay, how to apply, the papers to bring), issued to print and kept for
    reprint under its number; reportlab loads only now."""
    from kiosk.vouchers import kinds

    slip = kinds.JobSlip(
        title=job.title,
        employer=job.employer,
        pay_amount=job.pay_amount,
        pay_max=job.pay_max,
        pay_unit=None if job.pay_unit is None else str(job.pay_unit),
        contact_other=job.contact_other,
        how_to_apply=job.how_to_apply,
        phone=job.contact_phone,
        address=job.address,
        what_to_bring=tuple(job.what_to_bring),
        locality=job.locality,
        schedule=job.schedule,
        category=str(job.category),
    )
    return vouchers.issue(
        VoucherKind.JOB,
        partial(kinds.job_slip, slip, options=options),
        subject_table="job_postings",
        subject_id=job.id,
    )
