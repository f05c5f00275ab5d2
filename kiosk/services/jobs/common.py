"""What every part of the job bank shares: limits, errors, and what goes in and out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from kiosk.data.models import EmploymentType, JobCategory, JobGap, PayUnit, PostingStatus
from kiosk.logs import area_logger
from kiosk.services import CardPage
from kiosk.services.checks import entry_points
from kiosk.services.drafts import Problems

# What the package answers with (kiosk.services.jobs re-exports these).
__all__ = [
    "JobCard",
    "JobDetail",
    "JobDraft",
    "JobError",
    "JobExpired",
    "JobFilters",
    "JobNotFound",
    "JobPage",
    "JobValidationError",
]

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


class JobValidationError(Problems, JobError):
    """A posting (typed by staff or imported) with problems; nothing was written."""


# --- what goes in and out ---------------------------------------------------------------------


@dataclass(frozen=True)
class JobFilters:
    """The quick filters (picture toggles) of the member pages."""

    school_hours: bool = False  # fits school hours
    no_experience: bool = False  # no experience needed
    per_day: bool = False  # paid per day (pay unit "day")
    near: str | None = None  # the member's locality: only jobs in the same one
    # Her municipality (a signed-in member's locality): the jobs there come first. None or "":
    # the municipality of the station's centre. It orders, never hides (nor changes a count).
    municipality: str | None = None


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
    # It is in the municipality the list was ordered for (hers, or the centre's).
    serves_here: bool = field(default=False, kw_only=True)


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


class JobPage(CardPage[JobCard]):
    """Its cards are JobDetail items on staff pages."""


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


job_entry_points = entry_points(JobError)
