"""The children's room: places, pickup codes, visits and alerts for staff."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.data.models.base import Base, choice, unique_while, utcnow
from kiosk.data.models.centres import CentreOwned
from kiosk.data.models.choices import AlertKind


class ChildcareRoom(CentreOwned, Base):
    """A centre's children's room (one per centre). Its row is locked by every write that holds
    or uses places (course sign-ups with children, cancellations, check-ins), so they count the
    room one at a time."""

    __tablename__ = "childcare_rooms"
    __table_args__ = (UniqueConstraint("centre_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")


class PickupCode(CentreOwned, Base):
    """One code per check-in of a guardian's children: unique in its centre and never reused
    the same day."""

    __tablename__ = "pickup_codes"
    __table_args__ = (UniqueConstraint("centre_id", "day", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(8))
    picture: Mapped[str] = mapped_column(String(40))
    guardian_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChildcareVisit(CentreOwned, Base):
    __tablename__ = "childcare_visits"
    __table_args__ = (
        Index("ix_childcare_visits_in_room", "checked_out_at", "checked_in_at"),
        # A child is in the room at most once: two stations cannot check her in together.
        unique_while("uq_childcare_visits_open_child", "child_id", "checked_out_at IS NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    pickup_code_id: Mapped[int] = mapped_column(ForeignKey("pickup_codes.id"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"))
    checked_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    checked_out_at: Mapped[datetime | None]
    checked_out_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    picked_up_by: Mapped[str] = mapped_column(String(120), default="")


class ChildcareAlert(CentreOwned, Base):
    """Something at the children's room that staff must look at, until one marks it seen."""

    __tablename__ = "childcare_alerts"
    __table_args__ = (Index("ix_childcare_alerts_open", "seen_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AlertKind] = mapped_column(choice(AlertKind, "alert_kind"))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id"))
    pickup_code_id: Mapped[int | None] = mapped_column(ForeignKey("pickup_codes.id"))
    pickup_person_id: Mapped[int | None] = mapped_column(ForeignKey("pickup_people.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime | None]
    seen_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
