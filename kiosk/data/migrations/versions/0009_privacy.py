"""privacy: the notice's versions, the version each member accepted, the mother's express
consent for her child's health data, and the two new slips (the notice, "my data")
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import (
    VOUCHER_KINDS_0001,
    VOUCHER_KINDS_0009,
    change_voucher_kinds,
    id_table,
)

revision: str = "0009_privacy"
down_revision: str | None = "0007_help_channel"


def upgrade() -> None:
    id_table(
        "privacy_notices",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("sha256", name=op.f("uq_privacy_notices_sha256")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("privacy_notice_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_members_privacy_notice_id_privacy_notices"),
            "privacy_notices",
            ["privacy_notice_id"],
            ["id"],
        )
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("health_consent_at", sa.DateTime(timezone=True), nullable=True)
        )
    # Health data kept before this version was entered by the volunteers with the mother at the
    # desk; it is kept as consented then (the desk can erase it on request).
    op.execute(
        "UPDATE children SET health_consent_at = created_at WHERE has_allergy OR medical_note <> ''"
    )
    change_voucher_kinds(VOUCHER_KINDS_0001, VOUCHER_KINDS_0009)


def downgrade() -> None:
    op.execute("DELETE FROM vouchers WHERE kind IN ('privacy_notice', 'my_data')")
    change_voucher_kinds(VOUCHER_KINDS_0009, VOUCHER_KINDS_0001)
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_column("health_consent_at")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_members_privacy_notice_id_privacy_notices"), type_="foreignkey"
        )
        batch_op.drop_column("privacy_notice_id")
    op.drop_table("privacy_notices")
