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
    fk,
)

revision: str = "0012_savings"
down_revision: str | None = "0008_childcare_places"


def upgrade() -> None:
    change_voucher_kinds(VOUCHER_KINDS_0009, VOUCHER_KINDS_0012)
    op.create_table(
        "savings_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "kind",
            choice("savings_kind", "caja", "tanda"),
            nullable=False,
        ),
        sa.Column("meeting_weekday", sa.Integer(), nullable=False),
        sa.Column("frequency_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        fk("savings_groups", "created_by_id", "staff_users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_groups")),
    )
    op.create_table(
        "savings_cycles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
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
        fk("savings_cycles", "group_id", "savings_groups"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_cycles")),
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
    op.create_table(
        "savings_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_treasurer", sa.Boolean(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        fk("savings_members", "group_id", "savings_groups"),
        fk("savings_members", "member_id", "members"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_members")),
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
    op.create_table(
        "savings_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expected_cents", sa.Integer(), nullable=True),
        sa.Column("counted_cents", sa.Integer(), nullable=True),
        sa.Column("difference_reason", sa.String(length=200), nullable=False),
        fk("savings_meetings", "cycle_id", "savings_cycles"),
        fk("savings_meetings", "group_id", "savings_groups"),
        fk("savings_meetings", "opened_by_id", "staff_users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_meetings")),
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
    op.create_table(
        "savings_loans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("membership_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("principal_cents", sa.Integer(), nullable=False),
        sa.Column("charge_cents", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("lent_on", sa.Date(), nullable=False),
        fk("savings_loans", "cycle_id", "savings_cycles"),
        fk("savings_loans", "meeting_id", "savings_meetings"),
        fk("savings_loans", "membership_id", "savings_members"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_loans")),
    )
    op.create_index(op.f("ix_savings_loans_cycle_id"), "savings_loans", ["cycle_id"], unique=False)
    op.create_index(
        op.f("ix_savings_loans_membership_id"), "savings_loans", ["membership_id"], unique=False
    )
    op.create_table(
        "savings_turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("membership_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        fk("savings_turns", "meeting_id", "savings_meetings"),
        fk("savings_turns", "membership_id", "savings_members"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_turns")),
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
    op.create_table(
        "savings_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("membership_id", sa.Integer(), nullable=True),
        sa.Column("loan_id", sa.Integer(), nullable=True),
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
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("by_membership_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        fk("savings_movements", "by_membership_id", "savings_members"),
        fk("savings_movements", "cycle_id", "savings_cycles"),
        fk("savings_movements", "group_id", "savings_groups"),
        fk("savings_movements", "loan_id", "savings_loans"),
        fk("savings_movements", "meeting_id", "savings_meetings"),
        fk("savings_movements", "membership_id", "savings_members"),
        fk("savings_movements", "reverses_id", "savings_movements"),
        fk("savings_movements", "staff_id", "staff_users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_movements")),
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
