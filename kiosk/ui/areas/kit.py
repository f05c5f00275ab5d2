"""What every area is handed when the window is put together: the window it lives in, the
kiosk's services (one instance each), and the parts the areas share (the slip desk, the card
printer, who is signed in at the desk)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget

from kiosk.services.container import Services
from kiosk.ui.pages.base import Page
from kiosk.ui.slips import CardPrinter, SlipDesk

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


@dataclass(frozen=True)
class Kit:
    window: MainWindow
    services: Services
    slip_desk: SlipDesk
    print_card: CardPrinter

    @property
    def stack(self) -> QStackedWidget:
        return self.window.stack

    def staff_id(self) -> int | None:
        """Who is signed in at the desk, for the audit events (None at the kiosk)."""
        staff = self.window.staff_user
        return staff.id if staff else None


# An area's one entry point: it builds its flows and pages and hands them to the window.
Attach = Callable[[Kit], None]


@dataclass(frozen=True)
class AreaPages:
    """An area as the window takes it: its member pages, its staff pages (for staff with a
    PIN), and its flow's ``reset``, called whenever a visit ends."""

    member: list[Page]
    staff: list[Page]
    forget: Callable[[], None] = lambda: None

    def pages(self) -> list[Page]:
        return self.member

    def staff_pages(self) -> list[Page]:
        return self.staff

    def reset(self) -> None:
        self.forget()
