"""childcare: alerts for staff, and a child in the room at most once

Revision ID: 0004_childcare
Revises: 0003_programs
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_childcare"
down_revision: str | None = "0003_programs"

OPEN_VISIT = "checked_out_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "childcare_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "not_allowed",
                "without_code",
                "left_open",
                name="alert_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("pickup_code_id", sa.Integer(), nullable=True),
        sa.Column("pickup_person_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_childcare_alerts_child_id_children")
        ),
        sa.ForeignKeyConstraint(
            ["pickup_code_id"],
            ["pickup_codes.id"],
            name=op.f("fk_childcare_alerts_pickup_code_id_pickup_codes"),
        ),
        sa.ForeignKeyConstraint(
            ["pickup_person_id"],
            ["pickup_people.id"],
            name=op.f("fk_childcare_alerts_pickup_person_id_pickup_people"),
        ),
        sa.ForeignKeyConstraint(
            ["seen_by_id"],
            ["staff_users.id"],
            name=op.f("fk_childcare_alerts_seen_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_users.id"], name=op.f("fk_childcare_alerts_staff_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_childcare_alerts")),
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
