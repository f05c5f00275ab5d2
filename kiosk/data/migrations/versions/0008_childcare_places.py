"""childcare places held per time interval: the room's row to lock, and what a woman asked for"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import id_table

revision: str = "0008_childcare_places"
down_revision: str | None = "0006_hsds_as_it_comes"


def upgrade() -> None:
    rooms = id_table(
        "childcare_rooms",
        sa.Column("name", sa.String(length=120), nullable=False),
    )
    op.bulk_insert(rooms, [{"id": 1, "name": ""}])
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("childcare_wanted", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "waits_for_childcare", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    # What each woman asked for is what she held or waited for; a woman in line holds nothing.
    op.execute("UPDATE enrollments SET childcare_wanted = childcare_reserved")
    op.execute("UPDATE enrollments SET childcare_reserved = 0 WHERE status = 'waitlisted'")


def downgrade() -> None:
    op.execute(
        "UPDATE enrollments SET childcare_reserved = childcare_wanted WHERE status = 'waitlisted'"
    )
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_column("waits_for_childcare")
        batch_op.drop_column("childcare_wanted")
    op.drop_table("childcare_rooms")
