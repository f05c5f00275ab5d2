"""savings groups: cajas de ahorro y préstamo and tandas, their cycles and rules, meetings
(one open per group), each woman's turn, loans, and the append-only ledger of movements

Revision ID: 0012_savings
Revises: 0008_childcare_places
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import (
    VOUCHER_KINDS_0009,
    VOUCHER_KINDS_0012,
    change_voucher_kinds,
    choice,
    id_table,
    ref,
)

revision: str = "0012_savings"
down_revision: str | None = "0008_childcare_places"


def upgrade() -> None:
    change_voucher_kinds(VOUCHER_KINDS_0009, VOUCHER_KINDS_0012)
    id_table(
        "savings_groups",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "kind",
            choice("savings_kind", "caja", "tanda"),
            nullable=False,
        ),
        sa.Column("meeting_weekday", sa.Integer(), nullable=False),
        sa.Column("frequency_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *ref("savings_groups", "created_by_id", "staff_users", nullable=True),
    )
    id_table(
        "savings_cycles",
        *ref("savings_cycles", "group_id", "savings_groups"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("share_cents", sa.Integer(), nullable=False),
        sa.Column("max_shares", sa.Integer(), nullable=False),
        sa.Column("social_fund_cents", sa.Integer(), nullable=False),
        sa.Column("charge_bp", sa.Integer(), nullable=False),
        sa.Column("loan_multiple", sa.Integer(), nullable=False),
        sa.Column("max_loan_months", sa.Integer(), nullable=False),
        sa.Column("fine_absent_cents", sa.Integer(), nullable=False),
        sa.Column("fine_late_cents", sa.Integer(), nullable=False),
        sa.Column("meetings", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("group_id", "number", name=op.f("uq_savings_cycles_group_id_number")),
    )
    op.create_index(
        op.f("ix_savings_cycles_group_id"), "savings_cycles", ["group_id"], unique=False
    )
    op.create_index(
        "uq_savings_cycles_open_group",
        "savings_cycles",
        ["group_id"],
        unique=True,
        sqlite_where=sa.text("closed_at IS NULL"),
        postgresql_where=sa.text("closed_at IS NULL"),
    )
    id_table(
        "savings_members",
        *ref("savings_members", "group_id", "savings_groups"),
        *ref("savings_members", "member_id", "members"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_treasurer", sa.Boolean(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "group_id", "member_id", name=op.f("uq_savings_members_group_id_member_id")
        ),
    )
    op.create_index(
        op.f("ix_savings_members_group_id"), "savings_members", ["group_id"], unique=False
    )
    op.create_index(
        op.f("ix_savings_members_member_id"), "savings_members", ["member_id"], unique=False
    )
    id_table(
        "savings_meetings",
        *ref("savings_meetings", "group_id", "savings_groups"),
        *ref("savings_meetings", "cycle_id", "savings_cycles"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        *ref("savings_meetings", "opened_by_id", "staff_users", nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expected_cents", sa.Integer(), nullable=True),
        sa.Column("counted_cents", sa.Integer(), nullable=True),
        sa.Column("difference_reason", sa.String(length=200), nullable=False),
        sa.UniqueConstraint("cycle_id", "number", name=op.f("uq_savings_meetings_cycle_id_number")),
    )
    op.create_index(
        op.f("ix_savings_meetings_cycle_id"), "savings_meetings", ["cycle_id"], unique=False
    )
    op.create_index(
        op.f("ix_savings_meetings_group_id"), "savings_meetings", ["group_id"], unique=False
    )
    op.create_index(
        "uq_savings_meetings_open_group",
        "savings_meetings",
        ["group_id"],
        unique=True,
        sqlite_where=sa.text("closed_at IS NULL"),
        postgresql_where=sa.text("closed_at IS NULL"),
    )
    id_table(
        "savings_loans",
        *ref("savings_loans", "cycle_id", "savings_cycles"),
        *ref("savings_loans", "membership_id", "savings_members"),
        *ref("savings_loans", "meeting_id", "savings_meetings"),
        sa.Column("principal_cents", sa.Integer(), nullable=False),
        sa.Column("charge_cents", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("lent_on", sa.Date(), nullable=False),
    )
    op.create_index(op.f("ix_savings_loans_cycle_id"), "savings_loans", ["cycle_id"], unique=False)
    op.create_index(
        op.f("ix_savings_loans_membership_id"), "savings_loans", ["membership_id"], unique=False
    )
    id_table(
        "savings_turns",
        *ref("savings_turns", "meeting_id", "savings_meetings"),
        *ref("savings_turns", "membership_id", "savings_members"),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "meeting_id", "membership_id", name=op.f("uq_savings_turns_meeting_id_membership_id")
        ),
    )
    op.create_index(
        op.f("ix_savings_turns_meeting_id"), "savings_turns", ["meeting_id"], unique=False
    )
    op.create_index(
        op.f("ix_savings_turns_membership_id"), "savings_turns", ["membership_id"], unique=False
    )
    id_table(
        "savings_movements",
        *ref("savings_movements", "group_id", "savings_groups"),
        *ref("savings_movements", "cycle_id", "savings_cycles"),
        *ref("savings_movements", "meeting_id", "savings_meetings", nullable=True),
        *ref("savings_movements", "membership_id", "savings_members", nullable=True),
        *ref("savings_movements", "loan_id", "savings_loans", nullable=True),
        sa.Column(
            "kind",
            choice(
                "movement_kind",
                "share",
                "social_fund",
                "loan_out",
                "repayment",
                "service_charge",
                "fine",
                "payout",
                "tanda_in",
                "tanda_pot",
            ),
            nullable=False,
        ),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("shares", sa.Integer(), nullable=False),
        *ref("savings_movements", "reverses_id", "savings_movements", nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        *ref("savings_movements", "staff_id", "staff_users", nullable=True),
        *ref("savings_movements", "by_membership_id", "savings_members", nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_savings_movements_reverses_id")),
    )
    op.create_index(
        op.f("ix_savings_movements_cycle_id"), "savings_movements", ["cycle_id"], unique=False
    )
    op.create_index(
        "ix_savings_movements_group_kind", "savings_movements", ["group_id", "kind"], unique=False
    )
    op.create_index(
        op.f("ix_savings_movements_loan_id"), "savings_movements", ["loan_id"], unique=False
    )
    op.create_index(
        op.f("ix_savings_movements_meeting_id"), "savings_movements", ["meeting_id"], unique=False
    )
    op.create_index(
        op.f("ix_savings_movements_membership_id"),
        "savings_movements",
        ["membership_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_savings_movements_membership_id"), table_name="savings_movements")
    op.drop_index(op.f("ix_savings_movements_meeting_id"), table_name="savings_movements")
    op.drop_index(op.f("ix_savings_movements_loan_id"), table_name="savings_movements")
    op.drop_index("ix_savings_movements_group_kind", table_name="savings_movements")
    op.drop_index(op.f("ix_savings_movements_cycle_id"), table_name="savings_movements")
    op.drop_table("savings_movements")
    op.drop_index(op.f("ix_savings_turns_membership_id"), table_name="savings_turns")
    op.drop_index(op.f("ix_savings_turns_meeting_id"), table_name="savings_turns")
    op.drop_table("savings_turns")
    op.drop_index(op.f("ix_savings_loans_membership_id"), table_name="savings_loans")
    op.drop_index(op.f("ix_savings_loans_cycle_id"), table_name="savings_loans")
    op.drop_table("savings_loans")
    op.drop_index(
        "uq_savings_meetings_open_group",
        table_name="savings_meetings",
        sqlite_where=sa.text("closed_at IS NULL"),
        postgresql_where=sa.text("closed_at IS NULL"),
    )
    op.drop_index(op.f("ix_savings_meetings_group_id"), table_name="savings_meetings")
    op.drop_index(op.f("ix_savings_meetings_cycle_id"), table_name="savings_meetings")
    op.drop_table("savings_meetings")
    op.drop_index(op.f("ix_savings_members_member_id"), table_name="savings_members")
    op.drop_index(op.f("ix_savings_members_group_id"), table_name="savings_members")
    op.drop_table("savings_members")
    op.drop_index(
        "uq_savings_cycles_open_group",
        table_name="savings_cycles",
        sqlite_where=sa.text("closed_at IS NULL"),
        postgresql_where=sa.text("closed_at IS NULL"),
    )
    op.drop_index(op.f("ix_savings_cycles_group_id"), table_name="savings_cycles")
    op.drop_table("savings_cycles")
    op.drop_table("savings_groups")
    op.execute(
        "DELETE FROM vouchers WHERE kind IN ('passbook', 'savings_summary', 'tanda_card', "
        "'share_out')"
    )
    change_voucher_kinds(VOUCHER_KINDS_0012, VOUCHER_KINDS_0009)
