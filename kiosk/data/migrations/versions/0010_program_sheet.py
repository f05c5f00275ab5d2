"""a new slip: a program's sheet, which a member prints from the program's page"""

from __future__ import annotations

from alembic import op

from kiosk.data.migrations.kit import (
    VOUCHER_KINDS_0010_PROGRAM_SHEET,
    VOUCHER_KINDS_0012,
    change_voucher_kinds,
)

revision: str = "0010_program_sheet"
down_revision: str | None = "0010_member_cards"


def upgrade() -> None:
    change_voucher_kinds(VOUCHER_KINDS_0012, VOUCHER_KINDS_0010_PROGRAM_SHEET)


def downgrade() -> None:
    op.execute("DELETE FROM vouchers WHERE kind = 'program_sheet'")
    change_voucher_kinds(VOUCHER_KINDS_0010_PROGRAM_SHEET, VOUCHER_KINDS_0012)
