"""the first-visit guide: when a member was first shown how the kiosk's buttons work"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0013_member_guide"
down_revision: str | None = "0010_program_sheet"


def upgrade() -> None:
    # Empty for every member already registered: each is shown the guide once, at her next
    # sign-in, since none of them has seen it.
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("guided_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("guided_at")
