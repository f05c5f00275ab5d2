"""The staff's side: help (asked at the kiosk, answered at the desk), signing in with a PIN,
the desk and its tiles, the print queue, settings with the daily backup, reports and the
privacy notice."""

from __future__ import annotations

from kiosk.i18n import _
from kiosk.ui.areas.kit import AreaPages, Kit
from kiosk.ui.areas.staff.desk import build_desk
from kiosk.ui.areas.staff.flow import StaffFlow
from kiosk.ui.areas.staff.help_page import HelpPage
from kiosk.ui.areas.staff.pages import HelpCallsPage, StaffChooserPage, StaffDeskPage, StaffPinPage
from kiosk.ui.areas.staff.privacy_page import PrivacyNoticePage
from kiosk.ui.areas.staff.report_page import ReportPage
from kiosk.ui.areas.staff.settings_pages import Extra, SettingsPages
from kiosk.ui.areas.staff.slip_pages import PrintQueuePage, VoucherCheckPage
from kiosk.ui.backups import DailyBackup
from kiosk.ui.notify import LiveDesk
from kiosk.ui.voice_status import VoiceAlarm


def _help_and_sign_in(kit: Kit) -> None:
    """Help at the kiosk; staff: choose your name, type your PIN (the desk and its pages need a
    signed-in staff)."""
    window, stack = kit.window, kit.stack
    flow = StaffFlow(window, kit.services.staff)
    window.visit.hold(flow)
    help_page = HelpPage(window, stack)
    help_page.call_requested.connect(flow.call_for_help)
    help_page.guide_requested.connect(window.show_guide)
    window.add_page(help_page)
    pin_page = StaffPinPage(window, flow, stack)
    flow.pin_view = pin_page
    window.desk = StaffDeskPage(window, stack)
    window.desk.leave_kiosk.connect(window.leave_kiosk)
    window.add_page(StaffChooserPage(window, flow, stack))
    window.add_page(pin_page)
    window.add_page(window.desk)


def _live_desk(kit: Kit) -> None:
    """The desk's live channel: help calls, childcare alerts and counts reach an open desk."""
    window = kit.window
    live_desk = window.live_desk = LiveDesk(window, kit.services.session_factory)
    window.page_changed.connect(live_desk.sync)
    window.add_page(HelpCallsPage(window, kit.services.help, live_desk.answer, kit.stack))
    # A station that cannot speak calls the desks by itself.
    window.voice_alarm = VoiceAlarm(window.speaker, kit.services.help, window.settings.station_name)


def _tools(kit: Kit) -> None:
    """The print queue, slip checks, settings with the daily backup, reports, privacy."""
    window, services, stack = kit.window, kit.services, kit.stack
    window.add_staff_page(PrintQueuePage(window, services.vouchers, kit.slip_desk, stack))
    window.add_staff_page(VoucherCheckPage(window, services.vouchers, stack))
    window.backups = DailyBackup(services.backups, window)
    window.backups.done.connect(window.backup_done)
    window.backups.failed.connect(window.backup_failed)
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
    window.add_area(AreaPages([], window.settings_pages.pages()))
    window.add_staff_page(ReportPage(window, services.reports, stack))
    window.add_staff_page(
        PrivacyNoticePage(window, services.privacy, kit.slip_desk.print_slip, stack)
    )


def attach_help(kit: Kit) -> None:
    """What comes before the areas: help and the staff's way in."""
    _help_and_sign_in(kit)
    _live_desk(kit)


def attach(kit: Kit) -> None:
    """What comes after the areas: the desk's tools, then its tiles over every area."""
    _tools(kit)
    build_desk(kit.window)
