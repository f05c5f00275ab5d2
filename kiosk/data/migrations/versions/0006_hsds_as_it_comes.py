"""programs: contacts, languages, service areas and weekly days of an imported program"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_hsds_as_it_comes"
down_revision: str | None = "0009_privacy"

_LISTS = ("languages", "service_areas", "contacts", "more_schedules")


def upgrade() -> None:
    # Plain ADD COLUMNs with constant defaults: SQLite adds them in place (no table rebuild).
    op.add_column(
        "services",
        sa.Column("schedule_days", sa.String(40), nullable=False, server_default=sa.text("''")),
    )
    for name in _LISTS:
        op.add_column(
            "services",
            sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
        )


def downgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        for name in (*reversed(_LISTS), "schedule_days"):
            batch_op.drop_column(name)
