"""Which pages the kiosk has, area by area, and the staff desk's tiles: the window's rooms
put together. Imported by :meth:`MainWindow.attach` once the start page is on screen, so the
database library and every area's pages load after the first picture appears."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QApplication

from kiosk.i18n import N_, _
from kiosk.services import SessionFactory
from kiosk.services.backups import BackupService
from kiosk.services.cards import CARD_PREFIX, CardService
from kiosk.services.help import HelpService
from kiosk.services.members import MemberService
from kiosk.services.privacy import PrivacyService
from kiosk.services.savings import SavingsService
from kiosk.services.staff import StaffService
from kiosk.services.vouchers import VoucherService
from kiosk.ui.backups import DailyBackup
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.notify import LiveDesk
from kiosk.ui.pages.base import Page
from kiosk.ui.pages.childcare import ChildcareDesk
from kiosk.ui.pages.help import HelpPage
from kiosk.ui.pages.jobs import JobBank
from kiosk.ui.pages.programs import ProgramDirectory
from kiosk.ui.pages.signin import (
    CardCameraPage,
    ConfirmMemberPage,
    PrivacyPage,
    RegisterNamePage,
    SignInPage,
)
from kiosk.ui.pages.staff import HelpCallsPage, StaffChooserPage, StaffDeskPage, StaffPinPage
from kiosk.ui.pages.staff_jobs import JobDesk
from kiosk.ui.pages.staff_members import MemberPages
from kiosk.ui.pages.staff_privacy import PrivacyNoticePage
from kiosk.ui.pages.staff_programs import ProgramDesk
from kiosk.ui.pages.staff_reports import ReportPage
from kiosk.ui.pages.staff_savings import SavingsDesk
from kiosk.ui.pages.staff_savings_groups import SavingsGroupsDesk
from kiosk.ui.pages.staff_settings import Extra, SettingsPages
from kiosk.ui.pages.staff_slips import PrintQueuePage, VoucherCheckPage
from kiosk.ui.pages.staff_trade import TradeDesk
from kiosk.ui.pages.staff_trainings import TrainingDesk
from kiosk.ui.pages.trade import TradeBank
from kiosk.ui.pages.trainings import TrainingBoard
from kiosk.ui.printing import Printer
from kiosk.ui.scanner import CardScanner
from kiosk.ui.slips import CardPrinter, SlipDesk
from kiosk.ui.voice_status import VoiceAlarm

if TYPE_CHECKING:
    from kiosk.services.staff import StaffInfo
    from kiosk.ui.main_window import MainWindow


class _Desk(Protocol):
    def pages(self) -> list[Page]: ...


class StaffArea:
    """An area whose every page is for staff with a PIN (the desks): its pages are handed to
    the window as staff pages, and what it keeps is forgotten with the visit."""

    def __init__(self, desk: _Desk) -> None:
        self.desk = desk

    def pages(self) -> list[Page]:
        return []

    def staff_pages(self) -> list[Page]:
        return self.desk.pages()

    def reset(self) -> None:
        reset = getattr(self.desk, "reset", None)
        if reset is not None:
            reset()


def attach_areas(window: MainWindow, session_factory: SessionFactory) -> None:
    """The services the window shares, then every area's pages, then the desk's tiles."""
    settings = window.settings
    stack = window.stack
    window.members = MemberService(session_factory)
    window.help_calls = HelpService(session_factory)
    window.vouchers = VoucherService(session_factory)
    window.printer = Printer(settings, window)
    window.slip_desk = SlipDesk(window.vouchers, window.printer, window)
    window.slip_desk.failed.connect(window.slip_failed)
    window.job_bank = JobBank(window, session_factory, window.vouchers, window.slip_desk, stack)
    window.add_area(window.job_bank)
    window.training_board = TrainingBoard(
        window, session_factory, window.vouchers, window.slip_desk, stack
    )
    window.add_area(window.training_board)
    window.trade_bank = TradeBank(
        window,
        session_factory,
        window.vouchers,
        window.slip_desk,
        stack,
        needs_approval=settings.trade_needs_approval,
    )
    window.add_area(window.trade_bank)
    window.programs = ProgramDirectory(
        window, session_factory, window.vouchers, window.slip_desk, stack
    )
    window.add_area(window.programs)
    # Member cards: read by a USB scanner anywhere in the window, or by the camera.
    window.cards = CardService(session_factory, vouchers=window.vouchers)
    window.card_scanner = CardScanner(CARD_PREFIX, window)
    window.card_scanner.scanned.connect(window.card_read)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(window.card_scanner)
    card_camera = PhotoCamera(window)
    window.add_page(SignInPage(window, window.members, stack, camera=card_camera))
    window.add_page(CardCameraPage(window, card_camera, window.card_read, stack))
    window.add_page(ConfirmMemberPage(window, stack))
    window.add_page(RegisterNamePage(window, stack))
    privacy = PrivacyService(session_factory, settings, vouchers=window.vouchers)
    print_card = CardPrinter(window.cards, window.slip_desk, settings)
    window.add_page(
        PrivacyPage(window, window.members, stack, privacy=privacy, print_card=print_card)
    )
    help_page = HelpPage(window, stack)

    def call_for_help() -> None:
        # After calling, she waits where she started (the home), and the kiosk stays calm.
        window.back()
        window.call_for_help()

    help_page.call_requested.connect(call_for_help)
    help_page.guide_requested.connect(window.show_guide)
    window.add_page(help_page)
    # Staff: choose your name, type your PIN; the desk and its pages need a signed-in staff.
    window.staff_service = StaffService(session_factory)
    chooser = StaffChooserPage(window, window.staff_service, stack)
    pin_page = StaffPinPage(window, window.staff_service, stack)

    def chose(person: StaffInfo) -> None:
        pin_page.choose(person)
        window.open("staff_pin")

    chooser.chose.connect(chose)
    pin_page.signed_in.connect(window.staff_signed_in)
    window.desk = StaffDeskPage(window, stack)
    window.desk.leave_kiosk.connect(window.leave_kiosk)
    window.add_page(chooser)
    window.add_page(pin_page)
    window.add_page(window.desk)
    # The desk's live channel: help calls, childcare alerts and counts reach an open desk.
    live_desk = window.live_desk = LiveDesk(window, session_factory)
    window.page_changed.connect(live_desk.sync)
    window.add_page(HelpCallsPage(window, window.help_calls, live_desk.answer, stack))
    # A station that cannot speak calls the desks by itself.
    window.voice_alarm = VoiceAlarm(window.speaker, window.help_calls, settings.station_name)
    window.add_staff_page(PrintQueuePage(window, window.vouchers, window.slip_desk, stack))
    window.add_staff_page(VoucherCheckPage(window, window.vouchers, stack))
    window.job_desk = JobDesk(window, session_factory, stack)
    window.add_area(StaffArea(window.job_desk))
    window.training_desk = TrainingDesk(
        window,
        session_factory,
        window.vouchers,
        window.slip_desk,
        stack,
        trainings=window.training_board.trainings,
    )
    window.add_area(StaffArea(window.training_desk))
    window.trade_desk = TradeDesk(window, session_factory, lambda: window.staff_user, stack)
    window.add_area(StaffArea(window.trade_desk))
    window.program_desk = ProgramDesk(window, window.programs.programs, stack)
    window.add_area(StaffArea(window.program_desk))
    window.childcare = ChildcareDesk(
        window, session_factory, window.members, window.vouchers, window.slip_desk, stack
    )
    window.add_area(window.childcare)
    # Members, the monthly report, settings and the daily backup.
    window.backups = DailyBackup(BackupService(session_factory, settings), window)
    window.backups.done.connect(window.backup_done)
    window.backups.failed.connect(window.backup_failed)
    staff_id = lambda: window.staff_user.id if window.staff_user else None  # noqa: E731
    window.member_pages = MemberPages(
        window,
        session_factory,
        staff_id,
        stack,
        refer=window.programs.refer_member,
        privacy=privacy,
        print_slip=window.slip_desk.print_slip,
        print_card=print_card,
    )
    window.add_area(StaffArea(window.member_pages))
    window.savings_desk = SavingsDesk(
        window,
        SavingsService(session_factory, settings=settings),
        window.slip_desk.print_slip,
        staff_id,
        stack,
    )
    window.add_area(StaffArea(window.savings_desk))
    window.savings_groups = SavingsGroupsDesk(
        window,
        window.savings_desk.service,
        window.members,
        window.slip_desk.print_slip,
        staff_id,
        stack,
    )
    window.add_area(StaffArea(window.savings_groups))
    window.settings_pages = SettingsPages(
        window,
        window.setting_changed,
        window.backups.run_now,
        window.backups.service.last,
        stack,
        extras=[
            Extra(
                "privacy_notice",
                "privacy.notice",
                lambda: _("Privacy notice"),
                "staff_privacy_notice",
            )
        ],
    )
    window.add_area(StaffArea(window.settings_pages))
    window.add_staff_page(ReportPage(window, session_factory, stack))
    window.add_staff_page(PrivacyNoticePage(window, privacy, window.slip_desk.print_slip, stack))
    build_desk(window)


def build_desk(window: MainWindow) -> None:
    """The desk's tiles: pending work with counts first, then each area's lists."""
    desk = window.desk

    def counted(words: str, count: Callable[[], int]) -> Callable[[], str]:
        return lambda: _(words).format(count=count())

    desk.add_tile(
        "desk_help",
        "help",
        counted(N_("Help calls: {count}"), lambda: len(window.help_calls.open_calls())),
        lambda: window.open("staff_help_calls"),
    )
    desk.add_tile(
        "desk_print",
        "action.print",
        counted(N_("To print: {count}"), lambda: len(window.vouchers.waiting())),
        lambda: window.open("staff_print_queue"),
    )
    trainings = window.training_desk.service
    desk.add_tile(
        "desk_call",
        "action.phone",
        counted(N_("To call: {count}"), lambda: len(trainings.to_call())),
        lambda: window.open("staff_call"),
    )
    desk.add_tile(
        "desk_trade",
        "area.trade",
        counted(N_("To approve: {count}"), window.trade_desk.pending_count),
        lambda: window.open("staff_trade"),
    )
    programs = window.programs.programs
    desk.add_tile(
        "desk_referrals",
        "staff.follow_up",
        counted(N_("Follow-up: {count}"), programs.due_count),
        lambda: window.open("staff_referrals"),
    )
    desk.add_tile(
        "desk_childcare",
        "area.childcare",
        counted(N_("Childcare alerts: {count}"), window.childcare.service.alert_count),
        lambda: window.open("staff_childcare_alerts"),
    )
    desk.add_tile(
        "desk_jobs_to_complete",
        "area.jobs",
        counted(N_("To complete: {count}"), window.job_desk.service.to_complete_count),
        lambda: window.open("staff_jobs_to_complete"),
    )
    # --- each area's lists and tools (areas add theirs above this line) ---
    desk.add_tile(
        "desk_check",
        "misc.waitlist",
        lambda: _("Check a slip"),
        lambda: window.open("staff_voucher_check"),
    )
    desk.add_tile("desk_jobs", "area.jobs", lambda: _("Jobs"), lambda: window.open("staff_jobs"))
    desk.add_tile(
        "desk_trainings",
        "area.trainings",
        lambda: _("Courses"),
        lambda: window.open("staff_trainings"),
    )
    desk.add_tile(
        "desk_door", "action.sign_up", lambda: _("Course door"), lambda: window.open("staff_door")
    )
    desk.add_tile(
        "desk_programs",
        "area.programs",
        counted(N_("Programs\nTo confirm: {count}"), programs.stale_count),
        lambda: window.open("staff_programs"),
    )
    desk.add_tile(
        "desk_childcare_reports",
        "misc.calendar",
        lambda: _("Childcare reports"),
        lambda: window.open("staff_childcare_reports"),
    )
    desk.add_tile(
        "desk_members", "misc.people", lambda: _("Members"), lambda: window.open("staff_members")
    )
    desk.add_tile(
        "desk_savings", "need.ahorro", lambda: _("Savings"), lambda: window.open("staff_savings")
    )
    desk.add_tile(
        "desk_reports",
        "staff.reports",
        lambda: _("Reports"),
        lambda: window.open("staff_reports"),
    )
    desk.add_tile(
        "desk_settings",
        "staff.settings",
        lambda: _("Settings"),
        lambda: window.open("staff_settings"),
    )
