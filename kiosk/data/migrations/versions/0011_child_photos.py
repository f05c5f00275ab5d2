"""Faces at the childcare door: the mother's consent to her child's photo (when she gave it) and
the photo itself in the database, so every station sharing it shows the face; the file path
column nothing wrote goes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import photo_table

revision: str = "0011_child_photos"
down_revision: str | None = "0012_savings"


def upgrade() -> None:
    photo_table(
        "child_photos",
        "child_id",
        "children",
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("photo_consent_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.drop_column("photo_path")


def downgrade() -> None:
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo_path", sa.String(length=300), nullable=True))
        batch_op.drop_column("photo_consent_at")
    op.drop_table("child_photos")
