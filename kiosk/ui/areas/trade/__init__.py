"""Trade: members buy and sell among themselves; staff approve and keep listings."""

from __future__ import annotations

from kiosk.ui.areas.kit import Kit, StaffArea
from kiosk.ui.areas.trade.member_pages import TradeBank
from kiosk.ui.areas.trade.staff_pages import TradeDesk


def attach(kit: Kit) -> None:
    window, services = kit.window, kit.services
    window.trade_bank = TradeBank(
        window, services.trade, services.vouchers, kit.slip_desk, kit.stack
    )
    window.add_area(window.trade_bank)
    window.trade_desk = TradeDesk(window, services.trade, lambda: window.staff_user, kit.stack)
    window.add_area(StaffArea(window.trade_desk))
