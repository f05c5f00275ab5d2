"""The job bank: postings (schema.org JobPosting as they come) and "Me interesa"."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.data.models.base import Base, choice, utcnow
from kiosk.data.models.centres import CentreOwned
from kiosk.data.models.choices import EmploymentType, JobCategory, PayUnit, PostingStatus


class JobPosting(Base):
    __tablename__ = "job_postings"
    __table_args__ = (
        # Covers the member pages' counts, filters and pages, so they stay index-only at
        # 100 000 postings (offered = openings > 0; the four picture filters).
        Index(
            "ix_job_postings_browse",
            "category",
            "status",
            "valid_through",
            "openings",
            "date_posted",
            "fits_school_hours",
            "no_experience_needed",
            "pay_unit",
            "locality",
            "id",
        ),
        CheckConstraint("pay_amount >= 0", name="pay_not_negative"),
        CheckConstraint("openings >= 0", name="openings_not_negative"),
        # The staff's "Por completar" list: imported postings still missing something.
        Index("ix_job_postings_to_complete", "to_complete", "id"),
        # The monthly report: postings published in a month and their openings.
        Index("ix_job_postings_posted", "date_posted", "openings"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    title: Mapped[str]
    category: Mapped[JobCategory] = mapped_column(choice(JobCategory, "job_category"))
    employer: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")
    how_to_apply: Mapped[str] = mapped_column(Text, default="")
    what_to_bring: Mapped[list[str]] = mapped_column(JSON, default=list)
    # No amount: "pago por acordar". pay_max: the top of a range ("$300 a $350"). No unit: the
    # source did not say per what, and the kiosk never guesses it.
    pay_amount: Mapped[Decimal | None]
    pay_max: Mapped[Decimal | None]
    pay_unit: Mapped[PayUnit | None] = mapped_column(choice(PayUnit, "pay_unit"))
    employment_type: Mapped[EmploymentType] = mapped_column(
        choice(EmploymentType, "employment_type")
    )
    schedule: Mapped[str] = mapped_column(default="")
    fits_school_hours: Mapped[bool] = mapped_column(default=False)
    no_experience_needed: Mapped[bool] = mapped_column(default=False)
    starts_now: Mapped[bool] = mapped_column(default=False)
    locality: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(default="")
    contact_phone: Mapped[str] = mapped_column(String(10))
    # A web page or e-mail to apply at, when the source gives no phone.
    contact_other: Mapped[str] = mapped_column(String(300), default="")
    openings: Mapped[int] = mapped_column(default=1)
    date_posted: Mapped[date] = mapped_column(Date)
    valid_through: Mapped[date] = mapped_column(Date)
    status: Mapped[PostingStatus] = mapped_column(
        choice(PostingStatus, "posting_status"), default=PostingStatus.OPEN
    )
    is_example: Mapped[bool] = mapped_column(default=False)
    # The source's own ``identifier`` exactly as it came (text or a PropertyValue), written
    # back unchanged on export; external_id is its value, the key re-imports match on.
    identifier: Mapped[Any | None] = mapped_column(JSON)
    # What an imported posting lacks that a member needs (JobGap values); to_complete while
    # any is left, until staff complete it from the desk form.
    missing: Mapped[list[str]] = mapped_column(JSON, default=list)
    to_complete: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class JobInterest(CentreOwned, Base):
    """ "Me interesa" on a job; the member may stay anonymous."""

    __tablename__ = "job_interests"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job_postings.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
