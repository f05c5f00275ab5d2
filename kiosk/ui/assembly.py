"""The window's rooms put together: the kiosk's services made once, the parts the areas share,
then every area in the order of ``AREAS``. Imported by :meth:`MainWindow.attach` once the
start page is on screen, so the database library and every area's pages load after the first
picture appears."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.services import SessionFactory
from kiosk.services.container import build_services
from kiosk.ui.areas import childcare, jobs, members, programs, savings, staff, trade, trainings
from kiosk.ui.areas.kit import Attach, Kit
from kiosk.ui.printing import Printer
from kiosk.ui.slips import CardPrinter, SlipDesk

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

# Every area, in the order its pages are built: help and the staff's way in first, the desk's
# tools and tiles last (they count what the areas before them hold). Members come after
# programs: the member pages refer a woman to a program.
AREAS: tuple[Attach, ...] = (
    staff.attach_help,
    jobs.attach,
    trainings.attach,
    trade.attach,
    programs.attach,
    childcare.attach,
    members.attach,
    savings.attach,
    staff.attach,
)


def attach_areas(window: MainWindow, session_factory: SessionFactory) -> None:
    """The services the window shares, then every area's pages, then the desk's tiles."""
    settings = window.settings
    services = build_services(settings, session_factory)
    window.members = services.members
    window.help_calls = services.help
    window.vouchers = services.vouchers
    window.cards = services.cards
    window.staff_service = services.staff
    window.printer = Printer(settings, window)
    window.slip_desk = SlipDesk(services.vouchers, window.printer, window)
    window.slip_desk.failed.connect(window.slip_failed)
    kit = Kit(
        window,
        services,
        window.slip_desk,
        CardPrinter(services.cards, window.slip_desk, settings),
    )
    for attach in AREAS:
        attach(kit)
