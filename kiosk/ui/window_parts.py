"""What the window is made of besides its own widgets: the parts the areas attach to it, what
an area hands it, and the station's start pages. Only the types of the attached parts are
imported here, so the start page can be painted before the database library is loaded."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer

from kiosk.ui.pages.base import Page

if TYPE_CHECKING:
    from kiosk.services.cards import CardService
    from kiosk.services.help import HelpCall, HelpService
    from kiosk.services.members import MemberService
    from kiosk.services.staff import StaffService
    from kiosk.services.vouchers import VoucherService
    from kiosk.ui.areas.childcare.flow import ChildcareDesk
    from kiosk.ui.areas.jobs.flow import JobBank, JobDesk
    from kiosk.ui.areas.members.desk_flow import MemberDeskFlow
    from kiosk.ui.areas.programs.flow import ProgramDesk, ProgramDirectory
    from kiosk.ui.areas.savings.flow import SavingsFlow
    from kiosk.ui.areas.savings.groups_flow import GroupsFlow
    from kiosk.ui.areas.staff.pages import StaffDeskPage
    from kiosk.ui.areas.staff.settings_pages import SettingsPages
    from kiosk.ui.areas.trade.desk_flow import TradeDesk
    from kiosk.ui.areas.trade.flow import TradeBank
    from kiosk.ui.areas.trainings.desk_flow import TrainingDesk
    from kiosk.ui.areas.trainings.flow import TrainingBoard
    from kiosk.ui.backups import DailyBackup
    from kiosk.ui.printing import Printer
    from kiosk.ui.scanner import CardScanner
    from kiosk.ui.slips import SlipDesk
    from kiosk.ui.voice_status import VoiceAlarm


class Area(Protocol):
    """What an area hands the window: its member pages (and, if it has them, its staff pages
    through ``staff_pages()``); its ``reset()`` forgets what it keeps of a visit."""

    def pages(self) -> list[Page]: ...
    def reset(self) -> None: ...


class HelpWatch(Protocol):
    """Who tells her "ya viene alguien" once staff answer this kiosk's call (the live desk)."""

    def watch(self, call: HelpCall) -> None: ...


class Pages(Mapping[str, Page]):
    """The window's pages by name, each area built the first time it is needed.

    Areas wait in order (:meth:`defer`). Asking for one page builds the areas still waiting,
    in that order, until the page is there (an area may use what an area before it built);
    going through all the pages builds every area first. :meth:`build_next` builds one, so
    the window can keep them warm one event-loop turn at a time without holding a tap up."""

    def __init__(self) -> None:
        self._pages: dict[str, Page] = {}
        self._waiting: deque[Callable[[], None]] = deque()
        self._building = False

    def add(self, page: Page) -> None:
        assert page.page_name not in self._pages, page.page_name
        self._pages[page.page_name] = page

    def defer(self, builds: Iterable[Callable[[], None]]) -> None:
        """Areas to build when they are needed, in this order."""
        self._waiting.extend(builds)

    @property
    def waiting(self) -> int:
        """How many areas are not built yet."""
        return len(self._waiting)

    def build_next(self) -> bool:
        """Build the next area waiting; False when none is (or one is being built)."""
        if self._building or not self._waiting:
            return False
        build = self._waiting.popleft()
        self._building = True
        try:
            build()
        finally:
            self._building = False
        return True

    def warm(self, window: QObject, done: Callable[[], None]) -> None:
        """Build the areas one turn of the event loop each: a tap waits for one area at most;
        then call ``done``. It stops with ``window`` (a window closed while warming builds
        nothing more)."""
        if self.build_next():
            QTimer.singleShot(0, window, partial(self.warm, window, done))
        else:
            done()

    def build_all(self) -> None:
        while self.build_next():
            pass

    def built(self, name: str) -> bool:
        """The page is there already (asking does not build anything)."""
        return name in self._pages

    def __getitem__(self, name: str) -> Page:
        while name not in self._pages and self.build_next():
            pass
        return self._pages[name]

    def __iter__(self) -> Iterator[str]:
        self.build_all()
        return iter(dict(self._pages))

    def __len__(self) -> int:
        self.build_all()
        return len(self._pages)


class AttachedParts:
    """The parts :func:`kiosk.ui.assembly.attach_areas` gives the window, by name."""

    members: MemberService
    cards: CardService
    card_scanner: CardScanner
    help_calls: HelpService
    vouchers: VoucherService
    printer: Printer
    slip_desk: SlipDesk
    staff_service: StaffService
    desk: StaffDeskPage
    job_bank: JobBank
    job_desk: JobDesk
    training_board: TrainingBoard
    training_desk: TrainingDesk
    trade_bank: TradeBank
    trade_desk: TradeDesk
    programs: ProgramDirectory
    program_desk: ProgramDesk
    childcare: ChildcareDesk
    member_pages: MemberDeskFlow
    savings_desk: SavingsFlow
    savings_groups: GroupsFlow
    settings_pages: SettingsPages
    backups: DailyBackup
    live_desk: HelpWatch
    voice_alarm: VoiceAlarm


# Their names: asking the window for one before its area is built builds the areas.
ATTACHED = frozenset(AttachedParts.__annotations__)


# Each station idles back to its own start page (DESIGN.md 2, "Stations, people and visits").
START_PAGES = {"member": "home", "childcare": "childcare", "staff": "staff"}

# The pages of "¿Quién eres?": signing in there goes on to where she was going.
SIGN_IN_PAGES = ("signin", "signin_camera", "signin_confirm", "register_name", "register_privacy")


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name
