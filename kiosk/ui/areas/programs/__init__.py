"""Programs: the directory a member looks through, referrals, and the staff's listings."""

from __future__ import annotations

from kiosk.ui.areas.kit import Kit, StaffArea
from kiosk.ui.areas.programs.member_pages import ProgramDirectory
from kiosk.ui.areas.programs.staff_pages import ProgramDesk


def attach(kit: Kit) -> None:
    window, services = kit.window, kit.services
    window.programs = ProgramDirectory(
        window, services.programs, services.vouchers, kit.slip_desk, kit.stack
    )
    window.add_area(window.programs)
    window.program_desk = ProgramDesk(window, services.programs, kit.stack)
    window.add_area(StaffArea(window.program_desk))
