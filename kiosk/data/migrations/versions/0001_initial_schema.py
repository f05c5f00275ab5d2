"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from kiosk.data.migrations.initial import offers, people

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The tables live by area beside this script (Alembic reads every file in versions/ as a
# revision); people come first because the others point at members and staff.
AREAS = (people, offers)


def upgrade() -> None:
    for area in AREAS:
        area.create()


def downgrade() -> None:
    # A table's indexes and constraints go with it.
    for area in reversed(AREAS):
        for table in reversed(area.TABLES):
            op.drop_table(table)
