"""Printed slips and the audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.data.models.base import Base, choice, utcnow
from kiosk.data.models.centres import CentreOwned
from kiosk.data.models.choices import PrintStatus, VoucherKind


class Voucher(CentreOwned, Base):
    """A printed slip: its number (with check digit), what it is for, and the PDF for reprints."""

    __tablename__ = "vouchers"
    __table_args__ = (Index("ix_vouchers_print_queue", "print_status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[VoucherKind] = mapped_column(choice(VoucherKind, "voucher_kind"))
    subject_table: Mapped[str] = mapped_column(String(40), default="")
    subject_id: Mapped[int | None]
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    print_status: Mapped[PrintStatus] = mapped_column(
        choice(PrintStatus, "print_status"), default=PrintStatus.WAITING
    )
    print_error: Mapped[str] = mapped_column(default="")
    printed_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    redeemed_at: Mapped[datetime | None]
    redeemed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class AuditEvent(CentreOwned, Base):
    """Who did what, when. ``detail`` never holds personal data: ids and codes only."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_when", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    action: Mapped[str] = mapped_column(String(60))
    subject_table: Mapped[str] = mapped_column(String(40), default="")
    subject_id: Mapped[int | None]
    detail: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
