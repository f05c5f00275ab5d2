"""What every part of the program directory shares: limits, errors, and what goes in and out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from kiosk.data.models import ProgramLevel, ProgramNeed, ReferralStatus
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services import CardPage
from kiosk.services.checks import entry_points
from kiosk.services.drafts import Problems

log = area_logger("programs")

PER_PAGE = 6
DEFAULT_STALE_DAYS = 180
NAME_MAX = 200
ORGANIZATION_MAX = 200
LINE_MAX = 200  # schedule, fees, location name
ADDRESS_MAX = 300
LOCALITY_MAX = 80
REGION_MAX = 80
POSTAL_MAX = 10
TEXT_MAX = 4000
DOCUMENTS_MAX = 20
DOCUMENT_MAX = 200
AGE_MAX = 120
REASON_MAX = 1000
NOTE_MAX = 1000
FOLLOW_UP_MAX_DAYS = 366
COST_LIMIT = Decimal("100000000")
CENTS = Decimal("0.01")

OPEN_STATUSES: frozenset[ReferralStatus] = frozenset(
    {ReferralStatus.NOT_UPDATED, ReferralStatus.NEEDS_ACTION, ReferralStatus.PENDING}
)
# What staff may record after a follow-up call, in the order the desk shows them.
OUTCOMES: tuple[ReferralStatus, ...] = (
    ReferralStatus.RECEIVED,
    ReferralStatus.PENDING,
    ReferralStatus.NEEDS_ACTION,
    ReferralStatus.UNREACHABLE,
    ReferralStatus.NOT_ELIGIBLE,
    ReferralStatus.NO_PLACES,
    ReferralStatus.NOT_INTERESTED,
)


# --- errors -----------------------------------------------------------------------------------


class ProgramError(ValueError):
    """A program or referral problem told as one short sentence that says what to do next."""


class ProgramNotFound(ProgramError, LookupError):
    """No such program, or (member side) not shown any more."""


class ProgramChanged(ProgramError):
    """Someone else (at this centre or another) saved the program after this change began
    from it: nothing was written, so neither change is lost unseen."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this program while you were editing it; check the "
                "changes and save again."
            )
        )


class ProgramValidationError(Problems, ProgramError):
    """A program (typed by staff or imported) with problems; nothing was written."""


# --- what goes in and out ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramFilters:
    level: ProgramLevel | None = None
    # Her municipality (a signed-in member's locality): the programs that serve it come first.
    # None or "": the municipality of the station's centre. It orders, never hides.
    municipality: str | None = None


@dataclass(frozen=True)
class ProgramCard:
    id: int
    name: str
    organization: str
    need: ProgramNeed
    level: ProgramLevel
    locality: str
    active: bool
    stale: bool  # its details need confirming (staff see "información por confirmar")
    # It serves the municipality the list was ordered for (hers, or the centre's).
    serves_here: bool = field(default=False, kw_only=True)


@dataclass(frozen=True)
class ProgramContact:
    """Someone to ask for at the program (from an imported directory)."""

    name: str
    title: str
    email: str
    phones: tuple[str, ...]


@dataclass(frozen=True)
class ProgramSchedule:
    """A further opening time of a program (the first is in :class:`ProgramDetail`)."""

    description: str
    days: str  # weekly days as HSDS writes them ("MO,TU"), or ""
    opens_at: time | None
    closes_at: time | None


@dataclass(frozen=True)
class ProgramDetail(ProgramCard):
    organization_id: int
    description: str
    benefit: str
    eligibility: str
    minimum_age: int | None
    maximum_age: int | None
    application_process: str
    fees: str
    cost_amount: Decimal | None
    cost_currency: str
    required_documents: tuple[str, ...]
    location_name: str
    address: str
    region: str
    postal_code: str
    directions: str
    phone: str
    schedule: str
    opens_at: time | None
    closes_at: time | None
    assured_date: date | None
    hsds_id: str | None
    schedule_days: str = ""  # the first schedule's weekly days ("MO,TU,WE"), or ""
    more_schedules: tuple[ProgramSchedule, ...] = ()
    languages: tuple[str, ...] = ()  # the languages spoken there, by name in the kiosk's language
    service_areas: tuple[str, ...] = ()  # the municipalities (areas) it serves
    contacts: tuple[ProgramContact, ...] = ()
    version: int = 0  # its change counter as read: a change is saved from this one only


class ProgramPage(CardPage[ProgramCard]):
    """A page of programs, as a member or the staff browse them."""


@dataclass(frozen=True)
class ProgramDraft:
    """What staff typed (or an import entry holds); checked by :func:`check_program`.

    ``organization`` is the organization's name: an existing one with that name is used, or it
    is added. ``assured_date=None`` means today (staff confirm what they enter).
    """

    name: str
    organization: str
    need: ProgramNeed | str
    level: ProgramLevel | str
    eligibility: str = ""
    benefit: str = ""
    description: str = ""
    required_documents: tuple[str, ...] = ()
    phone: str = ""
    address: str = ""
    locality: str = ""
    schedule: str = ""
    directions: str = ""
    fees: str = ""
    application_process: str = ""
    minimum_age: int | str | None = None
    maximum_age: int | str | None = None
    assured_date: date | None = None
    active: bool = True
    opens_at: time | None = None
    closes_at: time | None = None
    schedule_days: str = ""  # weekly days as HSDS writes them ("MO,TU,WE,TH,FR")
    # The program's version this change was made from (ProgramDetail.version): saved only if
    # nobody changed it since. None: no such check (an import, a new program).
    version: int | None = None


@dataclass(frozen=True)
class ReferralInfo:
    id: int
    member_id: int
    member_name: str
    member_phone: str
    service_id: int
    program: str
    organization: str
    need: ProgramNeed
    reason: str
    status: ReferralStatus
    follow_up_on: date | None
    outcome_note: str
    created_at: datetime
    updated_at: datetime
    staff_name: str

    @property
    def open(self) -> bool:
        return self.status in OPEN_STATUSES


program_entry_points = entry_points(ProgramError)
