"""The window's rooms put together: the kiosk's services made once, the parts the areas share,
then every area in the order of ``AREAS``, each built when it is first needed or while the
kiosk waits for a tap (:class:`~kiosk.ui.window_parts.Pages`). Imported by
:meth:`MainWindow.attach` once the start page is on screen, so the database library loads
after the first picture appears."""

from __future__ import annotations

from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING

from kiosk.services import SessionFactory
from kiosk.services.container import build_services
from kiosk.ui.areas.kit import Attach, Kit
from kiosk.ui.printing import Printer
from kiosk.ui.slips import CardPrinter, SlipDesk

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

# Every area (its module and entry point), in the order its pages are built: help and the
# staff's way in first, the desk's tools and tiles last (they count what the areas before them
# hold). Members come after programs: the member pages refer a woman to a program. A module is
# imported only when its area is built.
AREAS: tuple[tuple[str, str], ...] = (
    ("kiosk.ui.areas.staff.entry", "attach_help"),
    ("kiosk.ui.areas.jobs", "attach"),
    ("kiosk.ui.areas.trainings", "attach"),
    ("kiosk.ui.areas.trade", "attach"),
    ("kiosk.ui.areas.programs", "attach"),
    ("kiosk.ui.areas.childcare", "attach"),
    ("kiosk.ui.areas.members", "attach"),
    ("kiosk.ui.areas.savings", "attach"),
    ("kiosk.ui.areas.staff.tools", "attach"),
)


def build_area(kit: Kit, module: str, entry: str) -> None:
    attach: Attach = getattr(import_module(module), entry)
    attach(kit)


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
    # Each area is built when it is first needed, or while the kiosk waits for a tap.
    window.pages.defer(partial(build_area, kit, *area) for area in AREAS)
