"""initial schema"""

from __future__ import annotations

from alembic import op

from kiosk.data.migrations import initial

revision: str = "0001"
down_revision: str | None = None


# The tables live by area beside this script (Alembic reads every file in versions/ as a
# revision); people come first because the others point at members and staff.
AREAS = ((initial.create_people, initial.PEOPLE), (initial.create_offers, initial.OFFERS))


def upgrade() -> None:
    for create, _tables in AREAS:
        create()


def downgrade() -> None:
    # A table's indexes and constraints go with it.
    for _create, tables in reversed(AREAS):
        for table in reversed(tables):
            op.drop_table(table)
