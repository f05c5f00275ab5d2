"""Savings groups (cajas de ahorro y tandas): rules, meetings and the append-only ledger."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.data.models.base import Base, choice, unique_while, utcnow
from kiosk.data.models.centres import CentreOwned


class SavingsKind(enum.StrEnum):
    CAJA = "caja"  # caja de ahorro y préstamo: shares, loans, social fund, share-out
    TANDA = "tanda"  # each puts the same amount each round; one takes the pot in turn


class MovementKind(enum.StrEnum):
    SHARE = "share"  # share purchase (her savings)
    SOCIAL_FUND = "social_fund"
    LOAN_OUT = "loan_out"
    REPAYMENT = "repayment"  # the principal part of a loan payment
    SERVICE_CHARGE = "service_charge"  # the charge part of a loan payment
    FINE = "fine"
    PAYOUT = "payout"  # her part of the box at share-out
    TANDA_IN = "tanda_in"  # a tanda contribution
    TANDA_POT = "tanda_pot"  # the pot taken by the woman whose turn it is


def _numbered_one_open(table: str, numbered_in: str) -> tuple[UniqueConstraint, Index]:
    """Numbered once within ``numbered_in``, and at most one row of a group not yet closed."""
    return (
        UniqueConstraint(numbered_in, "number"),
        unique_while(f"uq_{table}_open_group", "group_id", "closed_at IS NULL"),
    )


class SavingsGroup(CentreOwned, Base):
    __tablename__ = "savings_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[SavingsKind] = mapped_column(choice(SavingsKind, "savings_kind"))
    meeting_weekday: Mapped[int] = mapped_column(default=0)  # 0 = Monday
    frequency_days: Mapped[int] = mapped_column(default=7)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # The treasurer's own PIN account (role treasurer): it opens this group only.
    treasurer_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)


class SavingsMembership(CentreOwned, Base):
    """A woman in a group. The ledger points here, never at her name: erasure blanks the
    member's row and the group's money still reconciles."""

    __tablename__ = "savings_members"
    __table_args__ = (UniqueConstraint("group_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("savings_groups.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)  # order at meetings; a tanda's turn
    is_treasurer: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavingsCycle(CentreOwned, Base):
    """The rules, fixed for a cycle: new rules start a new cycle."""

    __tablename__ = "savings_cycles"
    __table_args__ = _numbered_one_open("savings_cycles", "group_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("savings_groups.id"), index=True)
    number: Mapped[int]
    share_cents: Mapped[int]  # a share's value (a tanda: each round's contribution)
    max_shares: Mapped[int]  # shares a woman may buy at one meeting, 1-5
    social_fund_cents: Mapped[int]  # per meeting
    charge_bp: Mapped[int]  # service charge per month on loans, in hundredths of a percent
    loan_multiple: Mapped[int]  # she may owe at most this many times her savings
    max_loan_months: Mapped[int]
    fine_absent_cents: Mapped[int]
    fine_late_cents: Mapped[int]
    meetings: Mapped[int]  # the cycle's length in meetings
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]


class SavingsMeeting(CentreOwned, Base):
    __tablename__ = "savings_meetings"
    # One open meeting per group, decided by the database: two kiosks cannot both open it.
    __table_args__ = _numbered_one_open("savings_meetings", "cycle_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("savings_groups.id"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("savings_cycles.id"), index=True)
    number: Mapped[int]
    held_on: Mapped[date]
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    closed_at: Mapped[datetime | None]
    # The cash count at the close: what the ledger says, what was counted, and why they differ.
    expected_cents: Mapped[int | None]
    counted_cents: Mapped[int | None]
    difference_reason: Mapped[str] = mapped_column(String(200), default="")


class SavingsTurn(CentreOwned, Base):
    """A woman's turn at a meeting, recorded once: a meeting resumed after a power cut shows
    who was done."""

    __tablename__ = "savings_turns"
    __table_args__ = (UniqueConstraint("meeting_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("savings_meetings.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("savings_members.id"), index=True)
    present: Mapped[bool]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavingsLoan(CentreOwned, Base):
    """A loan's terms; what is left to pay is derived from the ledger."""

    __tablename__ = "savings_loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("savings_cycles.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("savings_members.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("savings_meetings.id"))
    principal_cents: Mapped[int]
    charge_cents: Mapped[int]
    months: Mapped[int]
    lent_on: Mapped[date]


class SavingsMovement(CentreOwned, Base):
    """One row of the append-only ledger: rows are only ever added. A correction is a row
    with the opposite amount that names the row it reverses, a reason and who made it."""

    __tablename__ = "savings_movements"
    __table_args__ = (Index("ix_savings_movements_group_kind", "group_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("savings_groups.id"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("savings_cycles.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("savings_meetings.id"), index=True)
    membership_id: Mapped[int | None] = mapped_column(ForeignKey("savings_members.id"), index=True)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("savings_loans.id"), index=True)
    kind: Mapped[MovementKind] = mapped_column(choice(MovementKind, "movement_kind"))
    amount_cents: Mapped[int]
    shares: Mapped[int] = mapped_column(default=0)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("savings_movements.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    by_membership_id: Mapped[int | None] = mapped_column(ForeignKey("savings_members.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
