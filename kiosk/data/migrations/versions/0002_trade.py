"""Trade centre: photos in the database (every kiosk sharing it shows them), and the indexes the
member pages and the staff's queue browse on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import photo_table

revision = "0002_trade"
down_revision = "0001"


def upgrade() -> None:
    photo_table("trade_photos", "listing_id", "trade_listings")
    with op.batch_alter_table("trade_listings", schema=None) as batch_op:
        batch_op.drop_index("ix_trade_listings_browse")
        batch_op.create_index(
            "ix_trade_listings_browse", ["category", "status", "published_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_trade_listings_queue", ["status", "created_at", "id"], unique=False
        )
        batch_op.drop_column("photo_path")
        batch_op.create_check_constraint(
            "published_has_date", "status <> 'published' OR published_at IS NOT NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("trade_listings", schema=None) as batch_op:
        batch_op.drop_constraint("ck_trade_listings_published_has_date", type_="check")
        batch_op.add_column(sa.Column("photo_path", sa.String(length=300), nullable=True))
        batch_op.drop_index("ix_trade_listings_queue")
        batch_op.drop_index("ix_trade_listings_browse")
        batch_op.create_index(
            "ix_trade_listings_browse", ["category", "status", "created_at"], unique=False
        )
    op.drop_table("trade_photos")
