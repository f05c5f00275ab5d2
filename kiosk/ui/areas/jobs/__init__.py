"""Jobs: the member's job bank and the staff's postings."""

from __future__ import annotations

from kiosk.ui.areas.jobs.member_pages import JobBank
from kiosk.ui.areas.jobs.staff_pages import JobDesk
from kiosk.ui.areas.kit import Kit, StaffArea


def attach(kit: Kit) -> None:
    window, services = kit.window, kit.services
    window.job_bank = JobBank(window, services.jobs, services.vouchers, kit.slip_desk, kit.stack)
    window.add_area(window.job_bank)
    window.job_desk = JobDesk(window, services.jobs, services.session_factory, kit.stack)
    window.add_area(StaffArea(window.job_desk))
