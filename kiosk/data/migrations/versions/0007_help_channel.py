"""help channel: one version row per kind of desk news, polled by desks on SQLite"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_help_channel"
down_revision: str | None = "0005_jobs_as_they_come"


def upgrade() -> None:
    op.create_table(
        "desk_signals",
        sa.Column("topic", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("topic", name=op.f("pk_desk_signals")),
    )


def downgrade() -> None:
    op.drop_table("desk_signals")
