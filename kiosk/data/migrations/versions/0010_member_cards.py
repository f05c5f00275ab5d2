"""member cards: a QR token per member (kept hashed), one active card each"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import id_table, ref

revision: str = "0010_member_cards"
down_revision: str | None = "0011_child_photos"

ACTIVE = "revoked_at IS NULL"


def upgrade() -> None:
    id_table(
        "member_cards",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        *ref("member_cards", "issued_by_id", "staff_users", nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_cards_member_id_members")
        ),
        sa.UniqueConstraint("token_hash", name=op.f("uq_member_cards_token_hash")),
    )
    op.create_index(op.f("ix_member_cards_member_id"), "member_cards", ["member_id"], unique=False)
    op.create_index(
        "uq_member_cards_active_member",
        "member_cards",
        ["member_id"],
        unique=True,
        sqlite_where=sa.text(ACTIVE),
        postgresql_where=sa.text(ACTIVE),
    )


def downgrade() -> None:
    op.drop_index("uq_member_cards_active_member", table_name="member_cards")
    op.drop_index(op.f("ix_member_cards_member_id"), table_name="member_cards")
    op.drop_table("member_cards")
