"""a savings group's treasurer: a staff role that opens her own group's savings pages only"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0015_savings_treasurer"
down_revision: str | None = "0013_member_guide"

OLD_ROLES = ("staff", "volunteer")
NEW_ROLES = ("staff", "volunteer", "treasurer")


def _role(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="staff_role", native_enum=False, create_constraint=True, length=20)


def _roles(values: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot alter a CHECK: the table is copied with the new one.
        with op.batch_alter_table("staff_users", recreate="always") as batch_op:
            batch_op.alter_column(
                "role",
                existing_type=_role(OLD_ROLES if values == NEW_ROLES else NEW_ROLES),
                type_=_role(values),
                existing_nullable=False,
            )
        return
    name = op.f("ck_staff_users_staff_role")
    op.drop_constraint(name, "staff_users", type_="check")
    listed = ", ".join(f"'{v}'" for v in values)
    op.create_check_constraint(name, "staff_users", f"role IN ({listed})")


def upgrade() -> None:
    _roles(NEW_ROLES)
    with op.batch_alter_table("savings_groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("treasurer_staff_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_savings_groups_treasurer_staff_id"), ["treasurer_staff_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_savings_groups_treasurer_staff_id_staff_users"),
            "staff_users",
            ["treasurer_staff_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("savings_groups", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_savings_groups_treasurer_staff_id_staff_users"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_savings_groups_treasurer_staff_id"))
        batch_op.drop_column("treasurer_staff_id")
    op.execute("DELETE FROM staff_users WHERE role = 'treasurer'")
    _roles(OLD_ROLES)
