"""The centres of the network and which rows belong to which.

A row that belongs to a place (a registration, a child, a room, a shift, a course, a slip, a
help call, a savings group...) carries its centre (:class:`CentreOwned`). The program directory
and the job bank are the network's and carry none. A woman is one person across the network:
her row names the centre where she first registered, and each centre she uses registers her
(:class:`MemberRegistration`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.data.models.base import Base, utcnow

FIRST_CENTRE = 1  # the centre every single-centre database became


class Centre(Base):
    """A centre of the network. ``db_role`` is the PostgreSQL role its stations connect with;
    the database keeps that role to this centre's personal data."""

    __tablename__ = "centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    municipality: Mapped[str] = mapped_column(String(80), default="")
    db_role: Mapped[str | None] = mapped_column(String(63), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CentreOwned:
    """A row of one centre: a station reads and writes only its own centre's (the session's
    centre fills it in and filters by it; on PostgreSQL the centre's role enforces it)."""

    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True, sort_order=10)


class MemberRegistration(CentreOwned, Base):
    """A woman registered at a centre: its staff see her, and her children and savings there."""

    __tablename__ = "member_registrations"
    __table_args__ = (UniqueConstraint("member_id", "centre_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
