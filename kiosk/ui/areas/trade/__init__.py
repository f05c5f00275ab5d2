"""Trade: members buy and sell among themselves; staff approve and keep listings.

The flows (:mod:`.flow` for members, :mod:`.desk_flow` for staff) hold a visit's steps; the
pages (:mod:`.browsing`, :mod:`.listing`, :mod:`.my_sales`, :mod:`.selling`,
:mod:`.staff_pages`) are built here and handed to them."""

from __future__ import annotations

from kiosk.ui.areas.kit import AreaPages, Kit
from kiosk.ui.areas.trade.browsing import TradeElsewherePage, TradeListPage, TradePage
from kiosk.ui.areas.trade.desk_flow import DeskPages, TradeDesk
from kiosk.ui.areas.trade.flow import MemberPages, TradeBank
from kiosk.ui.areas.trade.listing import TradeDetailPage
from kiosk.ui.areas.trade.my_sales import TradeMinePage, TradeOwnPage
from kiosk.ui.areas.trade.selling import selling_pages
from kiosk.ui.areas.trade.staff_pages import (
    StaffListingPage,
    StaffTradePage,
    edit_pages,
    reason_page,
)
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.pages.base import Page


def build_member(kit: Kit) -> tuple[TradeBank, list[Page]]:
    """The member flow and its pages, wired."""
    window, stack = kit.window, kit.stack
    camera = PhotoCamera(stack)
    bank = TradeBank(window, kit.services.trade, kit.services.vouchers, kit.slip_desk, camera)
    listings, detail = TradeListPage(window, bank, stack), TradeDetailPage(window, bank, stack)
    mine, own = TradeMinePage(window, bank, stack), TradeOwnPage(window, bank, stack)
    wizard, review = selling_pages(window, bank, camera, stack)
    elsewhere = TradeElsewherePage(window, bank, stack)
    bank.bind(MemberPages(listings, detail, mine, own, review, wizard, elsewhere))
    browsing: list[Page] = [TradePage(window, bank, stack), listings, elsewhere, detail, mine]
    browsing.append(own)
    return bank, browsing + wizard


def build_desk(kit: Kit) -> tuple[TradeDesk, list[Page]]:
    """The staff flow and its pages, wired."""
    window, stack = kit.window, kit.stack
    desk = TradeDesk(window, kit.services.trade, lambda: window.staff_user)
    listing, reasons = StaffListingPage(window, desk, stack), reason_page(window, desk, stack)
    edit = edit_pages(window, desk, stack)
    desk.bind(DeskPages(listing, reasons, edit))
    return desk, [StaffTradePage(window, desk, stack), listing, reasons, *edit]


def attach(kit: Kit) -> None:
    window = kit.window
    window.trade_bank, member_pages = build_member(kit)
    window.add_area(AreaPages(member_pages, [], window.trade_bank.reset))
    window.trade_desk, desk_pages = build_desk(kit)
    window.add_area(AreaPages([], desk_pages, window.trade_desk.reset))
