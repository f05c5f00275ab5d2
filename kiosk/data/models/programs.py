"""Programs and services (Open Referral HSDS 3.0 aligned) and referral slips to them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, Text, Time, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from kiosk.data.models.base import Base, choice, new_hsds_id, utcnow
from kiosk.data.models.centres import CentreOwned
from kiosk.data.models.choices import ProgramLevel, ProgramNeed, ReferralStatus, ServiceStatus
from kiosk.text import fold

# The levels whose programs serve the whole state (the state's own, and the federation's).
STATEWIDE_LEVELS = (ProgramLevel.FEDERAL, ProgramLevel.STATE)
MUNICIPALITIES_MAX = 400
_NOT_A_LETTER = re.compile(r"[^0-9a-z]+")


def municipality_key(name: str) -> str:
    """A municipality's name as the directory compares it: no accents, lower case, letters and
    digits only. "Aquiles Serdán" and "aquiles serdan" are one place."""
    return " ".join(_NOT_A_LETTER.sub(" ", fold(name)).split())


def served_municipalities(
    areas: Iterable[Mapping[str, Any]] | None, level: str, locality: str
) -> str:
    """``|aldama|chihuahua|``: the municipalities a program serves, as the browse index keeps
    them. Its HSDS service areas say; a municipal or organization's program that names none
    serves where it is (its locality). "" when it names no place in particular, or more than
    the column holds (then it is read as serving the whole state, like a state program)."""
    names = [str(area.get("name") or area.get("description") or "") for area in areas or ()]
    if not any(names) and level not in STATEWIDE_LEVELS:
        names = [locality]
    keys = dict.fromkeys(key for key in map(municipality_key, names) if key)
    kept = "|" + "|".join(keys) + "|" if keys else ""
    return kept if len(kept) <= MUNICIPALITIES_MAX else ""


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str | None] = mapped_column(String(64), unique=True, default=new_hsds_id)
    name: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    # Identifiers of the HSDS objects folded into this row (its phone), kept so an export
    # gives them back and a re-import updates instead of adding.
    hsds_ids: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    is_example: Mapped[bool] = mapped_column(default=False)

    services: Mapped[list[Service]] = relationship(back_populates="organization")


class Service(Base):
    """A program or service a member can be referred to (HSDS ``service`` + its location).

    The kiosk shows one place, one phone, one opening time and one cost per program, so the
    HSDS location, address, phone, schedule and cost option are folded into these columns;
    ``hsds_ids`` keeps those objects' identifiers for the round trip.
    """

    __tablename__ = "services"
    __table_args__ = (
        # The member pages: counts by need, and a need's programs with the ones that serve her
        # municipality first, read from the index alone.
        Index("ix_services_browse", "need", "status", "level", "name", "municipalities", "id"),
        # The staff list: a status's programs by name, stale or not told by the index alone,
        # and how many of a status were confirmed before a day (see Directory.staff_list).
        Index("ix_services_staff", "status", "name", "id", "assured_date"),
        Index("ix_services_assured", "status", "assured_date"),
        CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age",
            name="ages_in_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str | None] = mapped_column(String(64), unique=True, default=new_hsds_id)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")
    benefit: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")
    minimum_age: Mapped[int | None]
    maximum_age: Mapped[int | None]
    application_process: Mapped[str] = mapped_column(Text, default="")
    fees: Mapped[str] = mapped_column(default="")
    required_documents: Mapped[list[str]] = mapped_column(JSON, default=list)
    cost_amount: Mapped[Decimal | None]
    cost_currency: Mapped[str] = mapped_column(String(3), default="")
    location_name: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    locality: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(80), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    country: Mapped[str] = mapped_column(String(2), default="MX")
    directions: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    schedule: Mapped[str] = mapped_column(default="")
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    # The first schedule's weekly days as HSDS writes them ("MO,TU,WE"; "" = not said).
    schedule_days: Mapped[str] = mapped_column(String(40), default="")
    # What an imported program brings beyond one place, phone and schedule, as HSDS objects
    # trimmed to the fields the kiosk shows (see kiosk.data.hsds): the languages spoken there,
    # the areas (municipalities) it serves, its contacts with their phones, later schedules.
    languages: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    service_areas: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    contacts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    more_schedules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    hsds_ids: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # What the browse index keeps of the service areas (see served_municipalities), kept in
    # step by every write of a program.
    municipalities: Mapped[str] = mapped_column(String(MUNICIPALITIES_MAX), default="")
    level: Mapped[ProgramLevel] = mapped_column(choice(ProgramLevel, "program_level"))
    need: Mapped[ProgramNeed] = mapped_column(choice(ProgramNeed, "program_need"))
    status: Mapped[ServiceStatus] = mapped_column(
        choice(ServiceStatus, "service_status"), default=ServiceStatus.ACTIVE
    )
    assured_date: Mapped[date | None] = mapped_column(Date)
    is_example: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Counts the program's changes: a change made from an older reading of it is refused
    # (two centres' staff editing the same program), never written over the other.
    version: Mapped[int] = mapped_column(default=1)

    organization: Mapped[Organization] = relationship(back_populates="services")

    __mapper_args__ = MappingProxyType({"version_id_col": version})


@event.listens_for(Service, "before_insert")
@event.listens_for(Service, "before_update")
def _keep_municipalities(_mapper: Mapper[Service], _connection: Any, service: Service) -> None:
    service.municipalities = served_municipalities(
        service.service_areas, service.level, service.locality or ""
    )


class Referral(CentreOwned, Base):
    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_follow_up", "status", "follow_up_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReferralStatus] = mapped_column(
        choice(ReferralStatus, "referral_status"), default=ReferralStatus.NOT_UPDATED
    )
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
