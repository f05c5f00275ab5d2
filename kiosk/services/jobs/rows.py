"""The frozen answers built from the database's rows, and the browse filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement

from kiosk.data.models import (
    EmploymentType,
    JobCategory,
    JobGap,
    JobPosting,
    PayUnit,
    PostingStatus,
)
from kiosk.services.jobs.common import JobCard, JobDetail, JobFilters
from kiosk.text import one_line

# --- building the dataclasses -----------------------------------------------------------------

CARD_COLUMNS = (
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


def job_card(row: Any) -> JobCard:
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


def job_detail(job: JobPosting, today: date) -> JobDetail:
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


def filter_conditions(filters: JobFilters) -> list[ColumnElement[bool]]:
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
