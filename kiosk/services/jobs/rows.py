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
from kiosk.services import copy_fields
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


def job_card(row: Any, here: str = "") -> JobCard:
    """The card of a posting; ``here``: the municipality the list is ordered for."""
    return copy_fields(
        JobCard,
        row,
        serves_here=bool(here) and row.locality == here,
        category=JobCategory(row.category),
        pay_unit=_unit(row.pay_unit),
        fits_school_hours=bool(row.fits_school_hours),
        no_experience_needed=bool(row.no_experience_needed),
        starts_now=bool(row.starts_now),
        filled=row.openings <= 0,
        to_complete=bool(row.to_complete),
    )


def _unit(value: Any) -> PayUnit | None:
    return None if value is None else PayUnit(value)


def job_detail(job: JobPosting, today: date) -> JobDetail:
    return copy_fields(
        JobDetail,
        job,
        serves_here=False,
        category=JobCategory(job.category),
        pay_unit=_unit(job.pay_unit),
        filled=job.openings <= 0,
        what_to_bring=tuple(job.what_to_bring or ()),
        employment_type=EmploymentType(job.employment_type),
        status=PostingStatus(job.status),
        expired=job.valid_through < today,
        missing=tuple(JobGap(gap) for gap in job.missing or () if gap in _GAPS),
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
