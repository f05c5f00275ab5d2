"""The buyer's slip."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from kiosk.data.models import (
    VoucherKind,
)

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions

from kiosk.services.trade.common import (
    ListingDetail,
)
from kiosk.services.trade.pictures import (
    listing_picture,
)

# --- the buyer's slip -------------------------------------------------------------------------


def issue_trade_slip(
    vouchers: VoucherService, listing: ListingDetail, options: SlipOptions
) -> VoucherInfo:
    """The slip a buyer takes (what, the price, the seller's name and phone), issued to print
    and kept for reprint under its number; reportlab loads only now."""
    from kiosk.vouchers import kinds

    slip = kinds.TradeSlip(
        title=listing.title,
        price=listing.price,
        price_unit=str(listing.price_unit),
        seller_name=listing.seller_name,
        seller_phone=listing.contact_phone,
        category=str(listing.category),
        description=listing.description,
        picture=listing_picture(listing.title, listing.category),
        centre_name=listing.centre_name,
    )
    return vouchers.issue(
        VoucherKind.TRADE,
        partial(kinds.trade_slip, slip, options=options),
        subject_table="trade_listings",
        subject_id=listing.id,
    )
