"""savings groups: cajas de ahorro y préstamo and tandas, their cycles and rules, meetings
(one open per group), each woman's turn, loans, and the append-only ledger of movements
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import (
    VOUCHER_KINDS_0009,
    VOUCHER_KINDS_0012,
    change_voucher_kinds,
    choice_column,
    create_indexes,
    id_table,
    index_columns,
    ref,
    unique_while_open,
)

revision: str = "0012_savings"
down_revision: str | None = "0008_childcare_places"

TABLES = (
    "savings_groups",
    "savings_cycles",
    "savings_members",
    "savings_meetings",
    "savings_loans",
    "savings_turns",
    "savings_movements",
)


def upgrade() -> None:
    change_voucher_kinds(VOUCHER_KINDS_0009, VOUCHER_KINDS_0012)
    id_table(
        "savings_groups",
        sa.Column("name", sa.String(length=80), nullable=False),
        choice_column("kind", "savings_kind", "caja", "tanda"),
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
    index_columns("savings_cycles", "group_id")
    unique_while_open("uq_savings_cycles_open_group", "savings_cycles", "group_id")
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
    index_columns("savings_members", "group_id", "member_id")
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
    index_columns("savings_meetings", "cycle_id", "group_id")
    unique_while_open("uq_savings_meetings_open_group", "savings_meetings", "group_id")
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
    index_columns("savings_loans", "cycle_id", "membership_id")
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
    index_columns("savings_turns", "meeting_id", "membership_id")
    id_table(
        "savings_movements",
        *ref("savings_movements", "group_id", "savings_groups"),
        *ref("savings_movements", "cycle_id", "savings_cycles"),
        *ref("savings_movements", "meeting_id", "savings_meetings", nullable=True),
        *ref("savings_movements", "membership_id", "savings_members", nullable=True),
        *ref("savings_movements", "loan_id", "savings_loans", nullable=True),
        choice_column(
            "kind",
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
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("shares", sa.Integer(), nullable=False),
        *ref("savings_movements", "reverses_id", "savings_movements", nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        *ref("savings_movements", "staff_id", "staff_users", nullable=True),
        *ref("savings_movements", "by_membership_id", "savings_members", nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_savings_movements_reverses_id")),
    )
    create_indexes("savings_movements", ("ix_savings_movements_group_kind", ["group_id", "kind"]))
    index_columns("savings_movements", "cycle_id", "loan_id", "meeting_id", "membership_id")


def downgrade() -> None:
    # Each table's indexes go with it; the tables go in the reverse order of their creation.
    for table in reversed(TABLES):
        op.drop_table(table)
    op.execute(
        "DELETE FROM vouchers WHERE kind IN ('passbook', 'savings_summary', 'tanda_card', "
        "'share_out')"
    )
    change_voucher_kinds(VOUCHER_KINDS_0012, VOUCHER_KINDS_0009)
