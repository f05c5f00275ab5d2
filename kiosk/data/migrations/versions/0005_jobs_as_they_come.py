"""jobs as they come: pay ranges and unknown pay, other contacts, the source's identifier,
and what an imported posting still lacks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_jobs_as_they_come"
down_revision: str | None = "0004_childcare"

PAY_UNIT = sa.Enum(
    "hour",
    "day",
    "week",
    "month",
    name="pay_unit",
    native_enum=False,
    create_constraint=True,
    length=20,
)


def upgrade() -> None:
    with op.batch_alter_table("job_postings", schema=None) as batch_op:
        batch_op.alter_column(
            "pay_amount", existing_type=sa.Numeric(precision=10, scale=2), nullable=True
        )
        batch_op.alter_column("pay_unit", existing_type=PAY_UNIT, nullable=True)
        batch_op.add_column(sa.Column("pay_max", sa.Numeric(precision=10, scale=2)))
        batch_op.add_column(
            sa.Column("contact_other", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("identifier", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("missing", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("to_complete", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index("ix_job_postings_to_complete", ["to_complete", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("job_postings", schema=None) as batch_op:
        batch_op.drop_index("ix_job_postings_to_complete")
        batch_op.drop_column("to_complete")
        batch_op.drop_column("missing")
        batch_op.drop_column("identifier")
        batch_op.drop_column("contact_other")
        batch_op.drop_column("pay_max")
    # Postings whose pay was never given cannot go back to a schema that requires it.
    op.execute("UPDATE job_postings SET pay_amount = 0 WHERE pay_amount IS NULL")
    op.execute("UPDATE job_postings SET pay_unit = 'month' WHERE pay_unit IS NULL")
    with op.batch_alter_table("job_postings", schema=None) as batch_op:
        batch_op.alter_column(
            "pay_amount", existing_type=sa.Numeric(precision=10, scale=2), nullable=False
        )
        batch_op.alter_column("pay_unit", existing_type=PAY_UNIT, nullable=False)
