"""Staff accounts, who is on duty, calls for help and the desks' live channel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.data.models.base import Base, choice, utcnow
from kiosk.data.models.centres import CentreOwned
from kiosk.data.models.choices import StaffRole, Station


class StaffUser(CentreOwned, Base):
    __tablename__ = "staff_users"
    # Names are told apart within a centre; two centres may each have a María.
    __table_args__ = (UniqueConstraint("centre_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[StaffRole] = mapped_column(choice(StaffRole, "staff_role"))
    pin_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    failed_pins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    is_example: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffShift(CentreOwned, Base):
    """Who is on duty at a station (childcare ratio counts volunteers on shift)."""

    __tablename__ = "staff_shifts"
    __table_args__ = (Index("ix_staff_shifts_station_open", "station", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    station: Mapped[Station] = mapped_column(choice(Station, "station"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class HelpRequest(CentreOwned, Base):
    """A member pressed "Pedir ayuda"; the staff desk shows it until someone answers."""

    __tablename__ = "help_requests"
    __table_args__ = (Index("ix_help_requests_open", "resolved_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_name: Mapped[str] = mapped_column(String(80))
    page: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class DeskSignal(Base):
    """The desks' live channel on SQLite: each writer of desk news (a help call, Voy, a
    childcare alert, a listing to approve) bumps its topic's version in its own transaction, and
    open desks poll these few rows. PostgreSQL uses LISTEN/NOTIFY instead and leaves it empty."""

    __tablename__ = "desk_signals"

    topic: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
