"""Program directory: what members may browse, the staff's add / edit / confirm, and referrals
with their follow-up (the closed loop).

A member sees active programs only, by need (the eight pictures) and optionally by level
(federal, estatal, municipal, organizaciones). A program whose details were last confirmed
(``assured_date``) more than ``stale_days`` ago is *stale*: staff see "información por
confirmar" on it until someone confirms it again.

Referrals: staff send a signed-in member to a program with a reason and a follow-up date. While
its status is one of :data:`OPEN_STATUSES` the referral waits for follow-up; it is *due* once its
follow-up day has come. Recording any other status closes the loop. A member has at most one open
referral per program: referring her again updates that one (checked with her row locked, so two
desks cannot both add one).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from kiosk.data.models import (
    Member,
    Organization,
    ProgramLevel,
    ProgramNeed,
    Referral,
    ReferralStatus,
    Service,
    ServiceStatus,
    StaffUser,
    VoucherKind,
    utcnow,
)
from kiosk.i18n import (
    N_,
    WEEKDAY_CODES,
    _,
    centre_today,
    format_days,
    format_time,
    language_name,
)
from kiosk.logs import area_logger
from kiosk.services import SessionFactory
from kiosk.services.checks import entry_points
from kiosk.services.members import MemberError, normalize_phone
from kiosk.text import one_line, paragraphs

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions

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


class ProgramValidationError(ProgramError):
    """Staff input (or an imported entry) with problems; nothing was written."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__(" ".join(self.problems))


# --- what goes in and out ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramFilters:
    level: ProgramLevel | None = None


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


@dataclass(frozen=True)
class ProgramPage:
    cards: tuple[ProgramCard, ...]
    page: int  # 0-based, clamped to the last page
    page_count: int  # at least 1
    total: int


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


# --- input checks (shared with the HSDS import) -----------------------------------------------


def _choice(enum_cls: type[Any], value: object) -> Any:
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        return None


def _age(value: object) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    number = Decimal(str(value).strip())
    if number != number.to_integral_value():
        raise ValueError(value)
    return int(number)


def check_cost(amount: object) -> Decimal | None:
    """A cost in its currency, or ``ValueError``."""
    if amount is None or str(amount).strip() == "":
        return None
    if isinstance(amount, bool):
        raise ValueError(amount)
    try:
        value = Decimal(str(amount).strip().replace("$", "").replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(amount) from exc
    if not value.is_finite() or value < 0 or value >= COST_LIMIT:
        raise ValueError(amount)
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


def check_program(draft: ProgramDraft) -> dict[str, Any]:
    """The service's column values (``organization`` as a name), cleaned, or
    :class:`ProgramValidationError` listing every problem, one sentence each."""
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
        "name",
        draft.name,
        NAME_MAX,
        _("Write the program's name."),
        _("The program's name is too long; use at most {limit} letters."),
    )
    text(
        "organization",
        draft.organization,
        ORGANIZATION_MAX,
        _("Write which organization runs the program."),
        _("The organization's name is too long; use at most {limit} letters."),
    )
    values["need"] = _choice(ProgramNeed, draft.need)
    if values["need"] is None:
        problems.append(_("Choose what the program helps with."))
    values["level"] = _choice(ProgramLevel, draft.level)
    if values["level"] is None:
        problems.append(_("Choose who runs it: federal, state, municipal or an organization."))
    for field, value, limit, too_long in (
        ("eligibility", draft.eligibility, TEXT_MAX, _("Who can apply is too long.")),
        ("benefit", draft.benefit, TEXT_MAX, _("What it gives is too long.")),
        ("description", draft.description, TEXT_MAX, _("The description is too long.")),
        ("directions", draft.directions, TEXT_MAX, _("How to get there is too long.")),
        (
            "application_process",
            draft.application_process,
            TEXT_MAX,
            _("What to do there is too long."),
        ),
    ):
        text(field, value, limit, None, too_long, multiline=True)
    for field, value, limit, too_long in (
        ("address", draft.address, ADDRESS_MAX, _("The address is too long.")),
        ("locality", draft.locality, LOCALITY_MAX, _("The locality is too long.")),
        ("schedule", draft.schedule, LINE_MAX, _("The schedule is too long.")),
        ("fees", draft.fees, LINE_MAX, _("The cost is too long.")),
    ):
        text(field, value, limit, None, too_long)

    documents = [item for item in (one_line(one) for one in draft.required_documents) if item]
    documents = list(dict.fromkeys(documents))  # each once, in their order
    if len(documents) > DOCUMENTS_MAX or any(len(item) > DOCUMENT_MAX for item in documents):
        problems.append(
            _("List at most {count} papers to bring, each in at most {limit} letters.").format(
                count=DOCUMENTS_MAX, limit=DOCUMENT_MAX
            )
        )
    values["required_documents"] = documents

    phone = one_line(draft.phone)
    values["phone"] = ""
    if phone:
        try:
            values["phone"] = normalize_phone(phone)
        except MemberError:
            problems.append(_("The program's phone must be a Mexican number of 10 digits."))

    ages: list[int | None] = []
    for given in (draft.minimum_age, draft.maximum_age):
        try:
            age = _age(given)
        except (ValueError, InvalidOperation):
            age = -1
        if age is not None and not 0 <= age <= AGE_MAX:
            problems.append(
                _("An age must be a whole number from 0 to {limit}.").format(limit=AGE_MAX)
            )
            age = None
        ages.append(age)
    values["minimum_age"], values["maximum_age"] = ages
    if ages[0] is not None and ages[1] is not None and ages[0] > ages[1]:
        problems.append(_("The youngest age cannot be more than the oldest."))
    values["opens_at"], values["closes_at"] = draft.opens_at, draft.closes_at
    days = [day for day in one_line(draft.schedule_days).upper().replace(" ", "").split(",")]
    days = [day for day in days if day]
    if not all(day in WEEKDAY_CODES for day in days):
        problems.append(_("Choose the days it opens again."))
        days = []
    values["schedule_days"] = ",".join(dict.fromkeys(days))
    if draft.opens_at and draft.closes_at and draft.closes_at <= draft.opens_at:
        problems.append(_("The closing time must be after the opening time."))
    values["assured_date"] = draft.assured_date
    values["status"] = ServiceStatus.ACTIVE if draft.active else ServiceStatus.INACTIVE
    if problems:
        raise ProgramValidationError(problems)
    return values


# --- building the dataclasses -----------------------------------------------------------------


def is_stale(assured: date | None, today: date, stale_days: int) -> bool:
    return assured is None or assured < today - timedelta(days=stale_days)


def _card(service: Service, organization: str, today: date, stale_days: int) -> ProgramCard:
    return ProgramCard(
        id=service.id,
        name=service.name,
        organization=organization,
        need=ProgramNeed(service.need),
        level=ProgramLevel(service.level),
        locality=service.locality,
        active=service.status == ServiceStatus.ACTIVE,
        stale=is_stale(service.assured_date, today, stale_days),
    )


def _detail(service: Service, today: date, stale_days: int) -> ProgramDetail:
    card = _card(service, service.organization.name, today, stale_days)
    return ProgramDetail(
        **card.__dict__,
        organization_id=service.organization_id,
        description=service.description,
        benefit=service.benefit,
        eligibility=service.eligibility,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        application_process=service.application_process,
        fees=service.fees,
        cost_amount=service.cost_amount,
        cost_currency=service.cost_currency,
        required_documents=tuple(service.required_documents or ()),
        location_name=service.location_name,
        address=service.address,
        region=service.region,
        postal_code=service.postal_code,
        directions=service.directions,
        phone=service.phone,
        schedule=service.schedule,
        opens_at=service.opens_at,
        closes_at=service.closes_at,
        assured_date=service.assured_date,
        hsds_id=service.hsds_id,
        schedule_days=service.schedule_days,
        more_schedules=tuple(
            ProgramSchedule(
                description=str(one.get("description") or ""),
                days=str(one.get("byday") or ""),
                opens_at=_clock(one.get("opens_at")),
                closes_at=_clock(one.get("closes_at")),
            )
            for one in service.more_schedules or ()
        ),
        languages=tuple(
            dict.fromkeys(
                name
                for name in (
                    language_name(str(one.get("code") or ""), str(one.get("name") or ""))
                    for one in service.languages or ()
                )
                if name
            )
        ),
        service_areas=tuple(
            dict.fromkeys(
                area
                for area in (
                    str(one.get("name") or one.get("description") or "")
                    for one in service.service_areas or ()
                )
                if area
            )
        ),
        contacts=tuple(
            ProgramContact(
                name=str(one.get("name") or ""),
                title=str(one.get("title") or ""),
                email=str(one.get("email") or ""),
                phones=tuple(
                    str(phone.get("number"))
                    for phone in one.get("phones", [])
                    if phone.get("number")
                ),
            )
            for one in service.contacts or ()
        ),
    )


def _clock(value: object) -> time | None:
    try:
        return time.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _referral(
    referral: Referral, member: Member, service: Service, staff: StaffUser | None
) -> ReferralInfo:
    return ReferralInfo(
        id=referral.id,
        member_id=member.id,
        member_name=member.name,
        member_phone=member.phone or "",
        service_id=service.id,
        program=service.name,
        organization=service.organization.name,
        need=ProgramNeed(service.need),
        reason=referral.reason,
        status=ReferralStatus(referral.status),
        follow_up_on=referral.follow_up_on,
        outcome_note=referral.outcome_note,
        created_at=referral.created_at,
        updated_at=referral.updated_at,
        staff_name=staff.name if staff else "",
    )


def _page_numbers(total: int, page: int, per_page: int) -> tuple[int, int]:
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    page_count = max(1, math.ceil(total / per_page))
    return min(max(page, 0), page_count - 1), page_count


# Federal first, then state, municipal and civil-society organizations.
_LEVEL_ORDER = case(
    {level.value: index for index, level in enumerate(ProgramLevel)}, value=Service.level
)


def find_or_add_organization(s: Session, name: str) -> Organization:
    """The organization of that exact name, or a new one."""
    found = s.scalar(select(Organization).where(Organization.name == name).limit(1))
    if found is None:
        found = Organization(name=name, description="", is_example=False)
        s.add(found)
        s.flush()
    return found


# --- the service ------------------------------------------------------------------------------


@entry_points(ProgramError)
class ProgramService:
    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        today: Callable[[], date] = centre_today,
        stale_days: int = DEFAULT_STALE_DAYS,
    ) -> None:
        self._factory = session_factory
        self._today = today
        self.stale_days = stale_days

    def _stale_before(self) -> date:
        return self._today() - timedelta(days=self.stale_days)

    @staticmethod
    def _conditions(filters: ProgramFilters | None) -> list[ColumnElement[bool]]:
        conditions = [Service.status == ServiceStatus.ACTIVE]
        if filters is not None and filters.level is not None:
            conditions.append(Service.level == ProgramLevel(filters.level))
        return conditions

    # --- member side ----------------------------------------------------------------------

    def need_counts(self, filters: ProgramFilters | None = None) -> dict[ProgramNeed, int]:
        """Active programs per need, every need included."""
        statement = (
            select(Service.need, func.count())
            .where(Service.need.in_(list(ProgramNeed)), *self._conditions(filters))
            .group_by(Service.need)
        )
        counts = dict.fromkeys(ProgramNeed, 0)
        with self._factory() as s:
            for need, count in s.execute(statement):
                counts[ProgramNeed(need)] = count
        return counts

    def list_programs(
        self,
        need: ProgramNeed,
        filters: ProgramFilters | None = None,
        page: int = 0,
        per_page: int = PER_PAGE,
    ) -> ProgramPage:
        """Active programs of one need, federal first then state, municipal and organizations,
        by name within each (the browse index's order)."""
        conditions = [Service.need == ProgramNeed(need), *self._conditions(filters)]
        today = self._today()
        with self._factory() as s:
            total = s.scalar(select(func.count()).select_from(Service).where(*conditions)) or 0
            page, page_count = _page_numbers(total, page, per_page)
            rows = s.execute(
                select(Service, Organization.name)
                .join(Organization, Service.organization_id == Organization.id)
                .where(*conditions)
                .order_by(_LEVEL_ORDER, Service.name, Service.id)
                .limit(per_page)
                .offset(page * per_page)
            ).all()
            cards = tuple(_card(svc, org, today, self.stale_days) for svc, org in rows)
        return ProgramPage(cards, page, page_count, total)

    def get(self, service_id: int) -> ProgramDetail:
        """An active program, or :class:`ProgramNotFound`."""
        with self._factory() as s:
            service = s.get(Service, service_id)
            if service is None or service.status != ServiceStatus.ACTIVE:
                raise ProgramNotFound(_("This program is not offered now. Look at another one."))
            return _detail(service, self._today(), self.stale_days)

    # --- staff side -----------------------------------------------------------------------

    def stale_count(self) -> int:
        """Active programs whose details need confirming."""
        with self._factory() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(Service)
                    .where(
                        Service.status == ServiceStatus.ACTIVE,
                        (Service.assured_date.is_(None))
                        | (Service.assured_date < self._stale_before()),
                    )
                )
                or 0
            )

    def staff_list(
        self, page: int = 0, per_page: int = PER_PAGE, *, stale_only: bool = False
    ) -> ProgramPage:
        """Every program (inactive ones too), the ones to confirm first, then by name."""
        stale = (Service.assured_date.is_(None)) | (Service.assured_date < self._stale_before())
        conditions: list[ColumnElement[bool]] = []
        if stale_only:
            conditions = [Service.status == ServiceStatus.ACTIVE, stale]
        today = self._today()
        with self._factory() as s:
            total = s.scalar(select(func.count()).select_from(Service).where(*conditions)) or 0
            page, page_count = _page_numbers(total, page, per_page)
            rows = s.execute(
                select(Service, Organization.name)
                .join(Organization, Service.organization_id == Organization.id)
                .where(*conditions)
                .order_by(
                    (Service.status != ServiceStatus.ACTIVE),
                    ~stale,
                    Service.name,
                    Service.id,
                )
                .limit(per_page)
                .offset(page * per_page)
            ).all()
            cards = tuple(_card(svc, org, today, self.stale_days) for svc, org in rows)
        return ProgramPage(cards, page, page_count, total)

    def staff_get(self, service_id: int) -> ProgramDetail:
        """Any program, inactive ones too."""
        with self._factory() as s:
            return _detail(self._load(s, service_id), self._today(), self.stale_days)

    def save(self, draft: ProgramDraft, service_id: int | None = None) -> ProgramDetail:
        """Add a program (``service_id=None``) or change one; every problem is reported at once
        as :class:`ProgramValidationError`, and then nothing is written."""
        values = check_program(draft)
        if values["assured_date"] is None:
            values["assured_date"] = self._today()
        organization = values.pop("organization")
        with self._factory.begin() as s:
            org = find_or_add_organization(s, organization)
            if service_id is None:
                service = Service(**values, organization=org, is_example=False)
                s.add(service)
            else:
                service = self._load(s, service_id, lock=True)
                for field, value in values.items():
                    setattr(service, field, value)
                service.organization = org
            s.flush()
            detail = _detail(service, self._today(), self.stale_days)
        log.info("program %d saved", detail.id)
        return detail

    def confirm(self, service_id: int) -> ProgramDetail:
        """Staff checked the program's details today: it is no longer "por confirmar"."""
        with self._factory.begin() as s:
            service = self._load(s, service_id, lock=True)
            service.assured_date = self._today()
            s.flush()
            detail = _detail(service, self._today(), self.stale_days)
        log.info("program %d confirmed", service_id)
        return detail

    def set_active(self, service_id: int, active: bool) -> ProgramDetail:
        """Show the program to members again, or take it off their pages (it is kept)."""
        with self._factory.begin() as s:
            service = self._load(s, service_id, lock=True)
            service.status = ServiceStatus.ACTIVE if active else ServiceStatus.INACTIVE
            s.flush()
            detail = _detail(service, self._today(), self.stale_days)
        log.info("program %d %s", service_id, "shown" if active else "hidden")
        return detail

    @staticmethod
    def _load(s: Session, service_id: int, *, lock: bool = False) -> Service:
        service = s.get(Service, service_id, with_for_update=lock)
        if service is None:
            raise ProgramNotFound(_("That program does not exist any more."))
        return service

    # --- referrals ------------------------------------------------------------------------

    def refer(
        self,
        member_id: int,
        service_id: int,
        *,
        reason: str,
        follow_up_days: int,
        staff_id: int | None = None,
    ) -> ReferralInfo:
        """Send a member to an active program. An open referral of hers to the same program
        is updated (new reason and follow-up day) instead of adding a second one."""
        reason = paragraphs(reason)
        if not reason:
            raise ProgramError(_("Choose or write why she is being sent."))
        if len(reason) > REASON_MAX:
            raise ProgramError(
                _("The reason is too long; use at most {limit} letters.").format(limit=REASON_MAX)
            )
        if not 1 <= follow_up_days <= FOLLOW_UP_MAX_DAYS:
            raise ProgramError(_("Choose when to call her: in 1 week, 2 weeks or 1 month."))
        follow_up = self._today() + timedelta(days=follow_up_days)
        now = utcnow()
        with self._factory.begin() as s:
            # Her row locked: two desks referring her at once queue here (SQLite: the write
            # transaction is already exclusive), so the open-referral check below holds.
            member = s.get(Member, member_id, with_for_update=True)
            if member is None or member.erased_at is not None:
                raise ProgramError(_("That member is not registered. Ask her to sign in again."))
            service = s.get(Service, service_id)
            if service is None or service.status != ServiceStatus.ACTIVE:
                raise ProgramNotFound(_("This program is not offered now. Look at another one."))
            referral = s.scalar(
                select(Referral)
                .where(
                    Referral.member_id == member_id,
                    Referral.service_id == service_id,
                    Referral.status.in_(list(OPEN_STATUSES)),
                )
                .order_by(Referral.id)
                .limit(1)
            )
            if referral is None:
                referral = Referral(
                    member_id=member_id,
                    service_id=service_id,
                    staff_id=staff_id,
                    reason=reason,
                    status=ReferralStatus.NOT_UPDATED,
                    follow_up_on=follow_up,
                    created_at=now,
                    updated_at=now,
                )
                s.add(referral)
            else:
                referral.reason = reason
                referral.follow_up_on = follow_up
                referral.staff_id = staff_id or referral.staff_id
                referral.updated_at = now
            s.flush()
            staff = s.get(StaffUser, referral.staff_id) if referral.staff_id else None
            info = _referral(referral, member, service, staff)
        log.info("referral %d to program %d", info.id, service_id)
        return info

    def referral(self, referral_id: int) -> ReferralInfo:
        with self._factory() as s:
            referral = s.get(Referral, referral_id)
            if referral is None:
                raise ProgramError(_("That referral does not exist any more."))
            return self._info(s, referral)

    @staticmethod
    def _info(s: Session, referral: Referral) -> ReferralInfo:
        member = s.get(Member, referral.member_id)
        service = s.get(Service, referral.service_id)
        assert member is not None and service is not None
        staff = s.get(StaffUser, referral.staff_id) if referral.staff_id else None
        return _referral(referral, member, service, staff)

    def _due(self) -> list[ColumnElement[bool]]:
        # A woman who asked for her data to be erased cannot be called: not on the list.
        erased = select(Member.id).where(Member.erased_at.is_not(None))
        return [
            Referral.status.in_(list(OPEN_STATUSES)),
            Referral.follow_up_on <= self._today(),
            Referral.member_id.not_in(erased),
        ]

    def due_count(self) -> int:
        """Open referrals whose follow-up day has come (the desk's "Seguimiento: N")."""
        with self._factory() as s:
            return s.scalar(select(func.count()).select_from(Referral).where(*self._due())) or 0

    def due_referrals(self, limit: int = 200) -> list[ReferralInfo]:
        """Open referrals due for follow-up, the longest waiting first."""
        with self._factory() as s:
            rows = s.scalars(
                select(Referral)
                .where(*self._due())
                .order_by(Referral.follow_up_on, Referral.id)
                .limit(limit)
            ).all()
            return [self._info(s, referral) for referral in rows]

    def member_referrals(self, member_id: int) -> list[ReferralInfo]:
        """A member's referrals, newest first (for her record at the staff desk)."""
        with self._factory() as s:
            rows = s.scalars(
                select(Referral)
                .where(Referral.member_id == member_id)
                .order_by(Referral.created_at.desc(), Referral.id.desc())
            ).all()
            return [self._info(s, referral) for referral in rows]

    def record_outcome(
        self,
        referral_id: int,
        status: ReferralStatus,
        *,
        note: str = "",
        follow_up_days: int | None = None,
        staff_id: int | None = None,
    ) -> ReferralInfo:
        """What the follow-up call found. A status that keeps the loop open (pending, needs
        action) needs the next follow-up in ``follow_up_days``; any other closes it. A referral
        another desk closed meanwhile is not changed again."""
        chosen = _choice(ReferralStatus, status)
        if chosen is None or chosen == ReferralStatus.NOT_UPDATED:
            raise ProgramError(_("Choose what happened with the referral."))
        note = paragraphs(note)
        if len(note) > NOTE_MAX:
            raise ProgramError(
                _("The note is too long; use at most {limit} letters.").format(limit=NOTE_MAX)
            )
        keeps_open = chosen in OPEN_STATUSES
        if keeps_open and (follow_up_days is None or not 1 <= follow_up_days <= FOLLOW_UP_MAX_DAYS):
            raise ProgramError(_("Choose when to call her again."))
        with self._factory.begin() as s:
            referral = s.get(Referral, referral_id, with_for_update=True)
            if referral is None:
                raise ProgramError(_("That referral does not exist any more."))
            if referral.status not in OPEN_STATUSES:
                raise ProgramError(_("Someone already recorded how this referral ended."))
            referral.status = chosen
            if note:
                referral.outcome_note = note
            if keeps_open:
                assert follow_up_days is not None
                referral.follow_up_on = self._today() + timedelta(days=follow_up_days)
            if staff_id is not None:
                referral.staff_id = staff_id
            referral.updated_at = utcnow()
            s.flush()
            info = self._info(s, referral)
        log.info("referral %d: %s", referral_id, chosen.value)
        return info


# --- the referral slip ------------------------------------------------------------------------


def referral_slip_builder(
    referral: ReferralInfo,
    program: ProgramDetail,
    staff_name: str = "",
    options: SlipOptions | None = None,
) -> Callable[[str], bytes]:
    """The slip's PDF builder for :meth:`VoucherService.issue` (reportlab loads only now);
    ``options``: the station's paper and centre name."""
    from kiosk.vouchers import kinds

    data = kinds.ReferralSlip(
        member_name=referral.member_name,
        program=program.name,
        organization=program.organization,
        address=program.address,
        locality=program.locality,
        directions=program.directions,
        phone=program.phone,
        schedule=program.schedule,
        eligibility=program.eligibility,
        fees=program.fees,
        application_steps=program.application_process,
        documents=program.required_documents,
        reason=referral.reason,
        staff_name=staff_name or referral.staff_name,
        assured_date=program.assured_date,
        follow_up_on=referral.follow_up_on,
        need=program.need.value,
    )
    return partial(kinds.referral_slip, data, options=options)


# --- papers to bring, as pictures --------------------------------------------------------------


def document_codes(document: str) -> list[str]:
    """The kiosk's paper codes a stored paper shows as pictures: itself when it is one
    ("ine"), or the papers a longer imported text speaks of."""
    from kiosk.data.hsds import DOCUMENT_NAMES, codes_mentioned

    if document in DOCUMENT_NAMES:
        return [document]
    return codes_mentioned(document)


# --- a program in words, on the screen and on its sheet -----------------------------------

LEVEL_WORDS: dict[ProgramLevel, str] = {
    ProgramLevel.FEDERAL: N_("Federal"),
    ProgramLevel.STATE: N_("State"),
    ProgramLevel.MUNICIPAL: N_("Municipal"),
    ProgramLevel.CIVIL: N_("Organizations"),
}


def level_word(level: ProgramLevel | str) -> str:
    return _(LEVEL_WORDS[ProgramLevel(level)])


def ages_text(program: ProgramDetail) -> str:
    low, high = program.minimum_age, program.maximum_age
    if low is not None and high is not None:
        return _("From {low} to {high} years old").format(low=low, high=high)
    if low is not None:
        return _("From {low} years old").format(low=low)
    if high is not None:
        return _("Up to {high} years old").format(high=high)
    return ""


def hours_text(description: str, days: str, opens_at: time | None, closes_at: time | None) -> str:
    """A schedule as written; or its days and hours ("jue y vie 10:00 – 18:00") when only
    those are known."""
    if description:
        return description
    hours = f"{format_time(opens_at)} – {format_time(closes_at)}" if opens_at and closes_at else ""
    return " ".join(part for part in (format_days(days), hours) if part)


def when_text(program: ProgramDetail) -> str:
    return hours_text(program.schedule, program.schedule_days, program.opens_at, program.closes_at)


def office_name(program: ProgramDetail) -> str:
    """The office's name, left out when it is just the organization's."""
    return "" if program.location_name == program.organization else program.location_name


# --- the program's sheet ------------------------------------------------------------------------


def issue_program_sheet(
    vouchers: VoucherService, program: ProgramDetail, options: SlipOptions
) -> VoucherInfo:
    """The program's sheet (what it gives, who can apply, where, when, the phone, the papers as
    pictures), issued to print and kept for reprint; reportlab loads only now."""
    from kiosk.vouchers import kinds

    eligibility = " ".join(p for p in (program.eligibility, ages_text(program)) if p)
    sheet = kinds.ProgramSheet(
        program=program.name,
        organization=program.organization,
        level=level_word(program.level),
        benefit=program.benefit or program.description,
        eligibility=eligibility,
        address=", ".join(p for p in (office_name(program), program.address) if p),
        locality=program.locality,
        directions=program.directions,
        phone=program.phone,
        schedule=when_text(program),
        fees=program.fees,
        application_steps=program.application_process,
        documents=program.required_documents,
        need=program.need.value,
    )
    return vouchers.issue(
        VoucherKind.PROGRAM_SHEET,
        partial(kinds.program_sheet, sheet, options=options),
        subject_table="programs",
        subject_id=program.id,
    )
