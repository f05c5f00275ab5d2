"""a new slip: a program's sheet, which a member prints from the program's page

Revision ID: 0010_program_sheet
Revises: 0010_member_cards
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_program_sheet"
down_revision: str | None = "0010_member_cards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = (
    "training",
    "waitlist",
    "job",
    "trade",
    "referral",
    "pickup",
    "member_card",
    "staff_list",
    "test",
    "privacy_notice",
    "my_data",
    "passbook",
    "savings_summary",
    "tanda_card",
    "share_out",
)
NEW_KINDS = (*OLD_KINDS, "program_sheet")


def _kind(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="voucher_kind", native_enum=False, create_constraint=True, length=20
    )


def upgrade() -> None:
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.alter_column(
            "kind", type_=_kind(NEW_KINDS), existing_type=_kind(OLD_KINDS), existing_nullable=False
        )


def downgrade() -> None:
    op.execute("DELETE FROM vouchers WHERE kind = 'program_sheet'")
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.alter_column(
            "kind", type_=_kind(OLD_KINDS), existing_type=_kind(NEW_KINDS), existing_nullable=False
        )
