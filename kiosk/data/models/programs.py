"""Programs and services (Open Referral HSDS 3.0 aligned) and referral slips to them."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.data.models.base import Base, choice, new_hsds_id, utcnow
from kiosk.data.models.centres import CentreOwned
from kiosk.data.models.choices import ProgramLevel, ProgramNeed, ReferralStatus, ServiceStatus


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
        Index("ix_services_browse", "need", "status", "level", "name"),
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
    level: Mapped[ProgramLevel] = mapped_column(choice(ProgramLevel, "program_level"))
    need: Mapped[ProgramNeed] = mapped_column(choice(ProgramNeed, "program_need"))
    status: Mapped[ServiceStatus] = mapped_column(
        choice(ServiceStatus, "service_status"), default=ServiceStatus.ACTIVE
    )
    assured_date: Mapped[date | None] = mapped_column(Date)
    is_example: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="services")


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
