"""The trade centre: what members sell or offer, and its photos."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.data.models.base import Base, JpegColumns, choice, utcnow
from kiosk.data.models.centres import CentreOwned
from kiosk.data.models.choices import ListingStatus, PriceUnit, TradeCategory
from kiosk.data.models.members import Member


class TradeListing(CentreOwned, Base):
    __tablename__ = "trade_listings"
    __table_args__ = (
        # Covers the member pages: the counts per category and a category's pages, newest
        # first, index-only at 100 000 listings.
        Index("ix_trade_listings_browse", "category", "status", "published_at", "id"),
        # The staff's queue: pending listings, oldest first.
        Index("ix_trade_listings_queue", "status", "created_at", "id"),
        # "Otros centros": the network's published listings newest first, each centre's own
        # left out as the index is read (no sort, no table).
        Index("ix_trade_listings_network", "status", "published_at", "id", "centre_id"),
        # The monthly report: listings published in a month, and who put one up in it.
        Index("ix_trade_listings_published", "published_at"),
        Index("ix_trade_listings_created", "created_at", "seller_id"),
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint(
            "status <> 'published' OR published_at IS NOT NULL", name="published_has_date"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    category: Mapped[TradeCategory] = mapped_column(choice(TradeCategory, "trade_category"))
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[Decimal]
    price_unit: Mapped[PriceUnit] = mapped_column(choice(PriceUnit, "price_unit"))
    contact_phone: Mapped[str | None] = mapped_column(String(10))
    locality: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[ListingStatus] = mapped_column(
        choice(ListingStatus, "listing_status"), default=ListingStatus.PENDING
    )
    reject_reason: Mapped[str] = mapped_column(default="")
    is_example: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]

    seller: Mapped[Member] = relationship()


class TradePhoto(JpegColumns, CentreOwned, Base):
    """A listing's photo, in the database so every kiosk sharing it shows the photo; a table of
    its own keeps the listings' rows narrow for browsing."""

    __tablename__ = "trade_photos"

    listing_id: Mapped[int] = mapped_column(
        ForeignKey("trade_listings.id", ondelete="CASCADE"), primary_key=True
    )
