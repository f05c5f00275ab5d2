"""The frozen answers built from the database's rows."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, or_, select
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
)
from kiosk.data.models.programs import STATEWIDE_LEVELS
from kiosk.i18n import language_name
from kiosk.services import copy_fields
from kiosk.services.programs.common import (
    ProgramCard,
    ProgramContact,
    ProgramDetail,
    ProgramSchedule,
    ReferralInfo,
)

# --- building the dataclasses -----------------------------------------------------------------


def is_stale(assured: date | None, today: date, stale_days: int) -> bool:
    return assured is None or assured < today - timedelta(days=stale_days)


def program_card(
    service: Service, organization: str, today: date, stale_days: int, *, here: str = ""
) -> ProgramCard:
    """The card of a program; ``here``: the municipality (its key) the list is ordered for."""
    fields = _card_fields(service, organization, today, stale_days)
    fields["serves_here"] = serves(service.municipalities, here)
    return copy_fields(ProgramCard, service, **fields)


def _card_fields(
    service: Service, organization: str, today: date, stale_days: int
) -> dict[str, Any]:
    return {
        "organization": organization,
        "need": ProgramNeed(service.need),
        "level": ProgramLevel(service.level),
        "active": service.status == ServiceStatus.ACTIVE,
        "stale": is_stale(service.assured_date, today, stale_days),
        "serves_here": False,
    }


def serves(municipalities: str, key: str) -> bool:
    """Whether a program's municipalities (``|aldama|chihuahua|``) hold the one ``key`` names."""
    return bool(key) and f"|{key}|" in (municipalities or "")


def served_first(key: str) -> tuple[ColumnElement[int], ...]:
    """The order of a need's programs for a woman of municipality ``key``: those that serve it,
    then those of the whole state (state and federal programs, and those that name no place),
    then the rest. Each read off the browse index, which holds the municipalities. No
    municipality known: no such groups."""
    if not key:
        return ()
    statewide = or_(Service.level.in_(STATEWIDE_LEVELS), Service.municipalities == "")
    return (
        case(
            (Service.municipalities.contains(f"|{key}|", autoescape=True), 0),
            (statewide, 1),
            else_=2,
        ),
    )


def program_detail(service: Service, today: date, stale_days: int) -> ProgramDetail:
    return copy_fields(
        ProgramDetail,
        service,
        **_card_fields(service, service.organization.name, today, stale_days),
        required_documents=tuple(service.required_documents or ()),
        more_schedules=_more_schedules(service),
        languages=_languages(service),
        service_areas=_service_areas(service),
        contacts=_contacts(service),
    )


def _more_schedules(service: Service) -> tuple[ProgramSchedule, ...]:
    return tuple(
        ProgramSchedule(
            description=str(one.get("description") or ""),
            days=str(one.get("byday") or ""),
            opens_at=_clock(one.get("opens_at")),
            closes_at=_clock(one.get("closes_at")),
        )
        for one in service.more_schedules or ()
    )


def _languages(service: Service) -> tuple[str, ...]:
    names = (
        language_name(str(one.get("code") or ""), str(one.get("name") or ""))
        for one in service.languages or ()
    )
    return tuple(dict.fromkeys(name for name in names if name))


def _service_areas(service: Service) -> tuple[str, ...]:
    areas = (
        str(one.get("name") or one.get("description") or "") for one in service.service_areas or ()
    )
    return tuple(dict.fromkeys(area for area in areas if area))


def _contacts(service: Service) -> tuple[ProgramContact, ...]:
    return tuple(
        ProgramContact(
            name=str(one.get("name") or ""),
            title=str(one.get("title") or ""),
            email=str(one.get("email") or ""),
            phones=tuple(
                str(phone.get("number")) for phone in one.get("phones", []) if phone.get("number")
            ),
        )
        for one in service.contacts or ()
    )


def _clock(value: object) -> time | None:
    try:
        return time.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def referral_info(
    referral: Referral, member: Member, service: Service, staff: StaffUser | None
) -> ReferralInfo:
    return copy_fields(
        ReferralInfo,
        referral,
        member_name=member.name,
        member_phone=member.phone or "",
        program=service.name,
        organization=service.organization.name,
        need=ProgramNeed(service.need),
        status=ReferralStatus(referral.status),
        staff_name=staff.name if staff else "",
    )


# Federal first, then state, municipal and civil-society organizations.
LEVEL_ORDER = case(
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
