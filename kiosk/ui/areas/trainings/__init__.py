"""Courses: the member's course board and the staff's courses, sessions and door."""

from __future__ import annotations

from kiosk.ui.areas.kit import Kit, StaffArea
from kiosk.ui.areas.trainings.member_pages import TrainingBoard
from kiosk.ui.areas.trainings.staff_pages import TrainingDesk


def attach(kit: Kit) -> None:
    window, services = kit.window, kit.services
    window.training_board = TrainingBoard(
        window, services.trainings, services.vouchers, kit.slip_desk, kit.stack
    )
    window.add_area(window.training_board)
    window.training_desk = TrainingDesk(
        window, services.trainings, services.vouchers, kit.slip_desk, kit.stack
    )
    window.add_area(StaffArea(window.training_desk))
