"""Savings groups and tandas, kept at the staff desk."""

from __future__ import annotations

from kiosk.ui.areas.kit import Kit, StaffArea
from kiosk.ui.areas.savings.group_pages import SavingsGroupsDesk
from kiosk.ui.areas.savings.meeting_pages import SavingsDesk


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
