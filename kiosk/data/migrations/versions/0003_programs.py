"""programs: the HSDS place, opening hours, cost and identifiers folded into services

Every organization and service gets an Open Referral identifier (a UUID) so exports can be
imported back without copies; rows entered before this step get one here.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision: str = "0003_programs"
down_revision: str | None = "0002_trade"

_SERVICE_TEXT = (
    ("cost_currency", sa.String(length=3), ""),
    ("location_name", sa.String(length=200), ""),
    ("region", sa.String(length=80), ""),
    ("postal_code", sa.String(length=10), ""),
    ("country", sa.String(length=2), "MX"),
)


def _backfill(table: str) -> None:
    bind = op.get_bind()
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column("hsds_id", sa.String))
    missing = bind.execute(sa.select(rows.c.id).where(rows.c.hsds_id.is_(None))).scalars().all()
    for row_id in missing:
        bind.execute(sa.update(rows).where(rows.c.id == row_id).values(hsds_id=str(uuid.uuid4())))


def upgrade() -> None:
    # Plain ADD COLUMNs with constant defaults: SQLite adds them in place, so no table is
    # rebuilt (a rebuild of a table other tables point to fails there once they have rows).
    op.add_column(
        "organizations",
        sa.Column("hsds_ids", sa.JSON(), nullable=False, server_default=sa.text("'{}'")),
    )
    op.add_column("services", sa.Column("cost_amount", sa.Numeric(10, 2), nullable=True))
    for name, kind, default in _SERVICE_TEXT:
        op.add_column(
            "services",
            sa.Column(name, kind, nullable=False, server_default=sa.text(f"'{default}'")),
        )
    op.add_column("services", sa.Column("opens_at", sa.Time(), nullable=True))
    op.add_column("services", sa.Column("closes_at", sa.Time(), nullable=True))
    op.add_column(
        "services",
        sa.Column("hsds_ids", sa.JSON(), nullable=False, server_default=sa.text("'{}'")),
    )
    _backfill("organizations")
    _backfill("services")


def downgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        for name in (
            "hsds_ids",
            "closes_at",
            "opens_at",
            *(name for name, _kind, _default in reversed(_SERVICE_TEXT)),
            "cost_amount",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_column("hsds_ids")
