"""Savings groups and tandas, kept at the staff desk."""

from __future__ import annotations

from kiosk.ui.areas.kit import Kit, StaffArea
from kiosk.ui.pages.staff_savings import SavingsDesk
from kiosk.ui.pages.staff_savings_groups import SavingsGroupsDesk


def attach(kit: Kit) -> None:
    window, services = kit.window, kit.services
    window.savings_desk = SavingsDesk(
        window, services.savings, kit.slip_desk.print_slip, kit.staff_id, kit.stack
    )
    window.add_area(StaffArea(window.savings_desk))
    window.savings_groups = SavingsGroupsDesk(
        window,
        services.savings,
        services.members,
        kit.slip_desk.print_slip,
        kit.staff_id,
        kit.stack,
    )
    window.add_area(StaffArea(window.savings_groups))
