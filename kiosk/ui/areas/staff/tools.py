"""What comes after the areas: the print queue, slip checks, settings with the daily backup,
reports, privacy, then the desk's tiles over every area."""

from __future__ import annotations

from kiosk.i18n import _
from kiosk.ui.areas.kit import AreaPages, Kit
from kiosk.ui.areas.staff.desk import build_desk
from kiosk.ui.areas.staff.privacy_page import PrivacyNoticePage
from kiosk.ui.areas.staff.report_page import ReportPage
from kiosk.ui.areas.staff.settings_pages import Extra, SettingsPages
from kiosk.ui.areas.staff.slip_pages import PrintQueuePage, VoucherCheckPage
from kiosk.ui.backups import DailyBackup


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


def attach(kit: Kit) -> None:
    """What comes after the areas: the desk's tools, then its tiles over every area."""
    _tools(kit)
    build_desk(kit.window)
