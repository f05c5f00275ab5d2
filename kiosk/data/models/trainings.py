"""Trainings, their sessions and who signed up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.data.models.base import Base, choice, utcnow
from kiosk.data.models.centres import CentreOwned
from kiosk.data.models.choices import EnrollmentStatus


class Training(CentreOwned, Base):
    __tablename__ = "trainings"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    topic: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    duration_text: Mapped[str] = mapped_column(default="")
    active: Mapped[bool] = mapped_column(default=True)
    is_example: Mapped[bool] = mapped_column(default=False)

    sessions: Mapped[list[TrainingSession]] = relationship(
        back_populates="training", order_by="TrainingSession.starts_at"
    )


class TrainingSession(CentreOwned, Base):
    __tablename__ = "training_sessions"
    __table_args__ = (
        Index("ix_training_sessions_upcoming", "starts_at", "training_id"),
        CheckConstraint("seats >= 0", name="seats_not_negative"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    training_id: Mapped[int] = mapped_column(ForeignKey("trainings.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str]
    seats: Mapped[int]
    # Counters kept inside the sign-up transaction so two kiosks can never oversell.
    seats_taken: Mapped[int] = mapped_column(default=0)
    childcare_taken: Mapped[int] = mapped_column(default=0)

    training: Mapped[Training] = relationship(back_populates="sessions")


class Enrollment(CentreOwned, Base):
    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("member_id", "session_id"),
        # Waitlist numbers are never reused within a session (NULL for those with a seat).
        UniqueConstraint("session_id", "waitlist_position"),
        Index("ix_enrollments_session_status", "session_id", "status", "waitlist_position"),
        CheckConstraint("children_count BETWEEN 0 AND 6", name="children_count_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"))
    status: Mapped[EnrollmentStatus] = mapped_column(choice(EnrollmentStatus, "enrollment_status"))
    waitlist_position: Mapped[int | None]
    children_count: Mapped[int] = mapped_column(default=0)
    # Places held in the children's room: only while she has a seat (0 on the waitlist).
    childcare_reserved: Mapped[int] = mapped_column(default=0)
    # Places she asked for (0: she comes without childcare); more than held = the room was full
    # when she was given her seat from the waitlist.
    childcare_wanted: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # In line because the room was full while seats were free: a seat comes with her places.
    waits_for_childcare: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    promoted_at: Mapped[datetime | None]
    called_at: Mapped[datetime | None]
