"""childcare: alerts for staff, and a child in the room at most once"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import choice_column, id_table, ref

revision: str = "0004_childcare"
down_revision: str | None = "0003_programs"

OPEN_VISIT = "checked_out_at IS NULL"


def upgrade() -> None:
    id_table(
        "childcare_alerts",
        choice_column("kind", "alert_kind", "not_allowed", "without_code", "left_open"),
        *ref("childcare_alerts", "child_id", "children", nullable=True),
        *ref("childcare_alerts", "pickup_code_id", "pickup_codes", nullable=True),
        *ref("childcare_alerts", "pickup_person_id", "pickup_people", nullable=True),
        *ref("childcare_alerts", "staff_id", "staff_users", nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        *ref("childcare_alerts", "seen_by_id", "staff_users", nullable=True),
    )
    with op.batch_alter_table("childcare_alerts", schema=None) as batch_op:
        batch_op.create_index("ix_childcare_alerts_open", ["seen_at", "created_at"], unique=False)

    with op.batch_alter_table("childcare_visits", schema=None) as batch_op:
        batch_op.create_index(
            "uq_childcare_visits_open_child",
            ["child_id"],
            unique=True,
            sqlite_where=sa.text(OPEN_VISIT),
            postgresql_where=sa.text(OPEN_VISIT),
        )


def downgrade() -> None:
    with op.batch_alter_table("childcare_visits", schema=None) as batch_op:
        batch_op.drop_index("uq_childcare_visits_open_child")

    with op.batch_alter_table("childcare_alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_childcare_alerts_open")

    op.drop_table("childcare_alerts")
