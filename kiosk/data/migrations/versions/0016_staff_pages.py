"""staff pages at 100 000 rows: the programs list by status and name, its counts of programs to
confirm, and the monthly report's date ranges, each read from an index"""

from __future__ import annotations

from alembic import op

from kiosk.data.migrations.kit import create_indexes

revision: str = "0016_staff_pages"
down_revision: str | None = "0015_savings_treasurer"

INDEXES = {
    "services": (
        ("ix_services_staff", ["status", "name", "id", "assured_date"]),
        ("ix_services_assured", ["status", "assured_date"]),
    ),
    "job_postings": (("ix_job_postings_posted", ["date_posted", "openings"]),),
    "trade_listings": (
        ("ix_trade_listings_published", ["published_at"]),
        ("ix_trade_listings_created", ["created_at", "seller_id"]),
    ),
}


def upgrade() -> None:
    for table, indexes in INDEXES.items():
        create_indexes(table, *indexes)


def downgrade() -> None:
    for table, indexes in INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _columns in indexes:
                batch_op.drop_index(name)
