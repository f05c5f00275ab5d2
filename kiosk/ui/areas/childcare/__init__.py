"""Childcare: the volunteers' station (check-in, pickup, the room) and its reports."""

from __future__ import annotations

from kiosk.ui.areas.childcare.station_pages import ChildcareDesk
from kiosk.ui.areas.kit import Kit


def attach(kit: Kit) -> None:
    window, services = kit.window, kit.services
    window.childcare = ChildcareDesk(
        window, services.childcare, services.members, kit.slip_desk, kit.stack
    )
    window.add_area(window.childcare)
