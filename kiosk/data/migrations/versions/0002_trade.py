"""Trade centre: photos in the database (every kiosk sharing it shows them), and the indexes the
member pages and the staff's queue browse on.

Revision ID: 0002_trade
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_trade"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trade_photos",
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("jpeg", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["trade_listings.id"],
            name=op.f("fk_trade_photos_listing_id_trade_listings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("listing_id", name=op.f("pk_trade_photos")),
    )
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
