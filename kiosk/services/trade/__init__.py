"""Trade centre: members' products and services, published from the kiosk and approved by staff.

A listing's life::

    pending ──approve──▶ published ──withdraw──▶ withdrawn
       │  ╲                                        ▲
       │   ╲──withdraw──────────────────────────────┤
       └──reject──▶ rejected ──withdraw (she clears it from her list)

Every change of status is one conditional ``UPDATE ... WHERE status IN (allowed)``: its row count
decides, so a listing approved at the staff desk and withdrawn by its seller at the same moment
ends in one state that both were told the truth about (PostgreSQL re-checks the condition on the
row the other transaction committed; SQLite's write transactions queue). With
``needs_approval=False`` (setting ``trade_needs_approval``) a new listing is published at once.

Member pages follow the browse index ``(category, status, published_at, id)``: one aggregate
count, the page's ids by ``LIMIT/OFFSET`` over the index's order, then those six rows. The staff's
queue follows ``(status, created_at, id)``.

Photos: the screen hands over whatever its camera gave (JPEG or PNG bytes); this module refuses
what is not a picture or is absurdly large, and always re-encodes it here with Pillow (already
installed with reportlab): at most ``PHOTO_EDGE`` pixels a side, a JPEG of at most
``PHOTO_STORED_MAX`` bytes, turned upright and stripped of metadata. One place decides what is
stored, whoever calls.
"""

from __future__ import annotations

from kiosk.data.models import ListingStatus, PriceUnit, TradeCategory
from kiosk.services.trade import common
from kiosk.services.trade.checks import check_draft, check_price, clean_title, prepare_photo
from kiosk.services.trade.common import *  # noqa: F403 (the names in common.__all__)
from kiosk.services.trade.pictures import fold, listing_picture, product_picture, product_pictures
from kiosk.services.trade.service import TradeService, photos_of
from kiosk.services.trade.slips import issue_trade_slip

__all__ = [
    *common.__all__,
    "ListingStatus",
    "PriceUnit",
    "TradeCategory",
    "TradeService",
    "check_draft",
    "check_price",
    "clean_title",
    "fold",
    "issue_trade_slip",
    "listing_picture",
    "photos_of",
    "prepare_photo",
    "product_picture",
    "product_pictures",
]
