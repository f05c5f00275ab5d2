"""Every service of the kiosk, one instance each, made from the settings and the one session
factory. The composition root makes this once and hands it to the areas: no page makes a
service of its own, so a setting read here is read the same way everywhere.

Each service (and the modules behind it: reportlab for the slips, the report's tables) is made
the first time an area asks for it, so the kiosk answers its first tap before it has loaded
what only the desk uses."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from kiosk.config import Settings
from kiosk.services import SessionFactory

if TYPE_CHECKING:
    from kiosk.services.backups import BackupService
    from kiosk.services.cards import CardService
    from kiosk.services.childcare import ChildcareService, Limits
    from kiosk.services.help import HelpService
    from kiosk.services.job_folder import JobFolder
    from kiosk.services.jobs import JobService
    from kiosk.services.member_desk import MemberDesk
    from kiosk.services.members import MemberService
    from kiosk.services.privacy import PrivacyService
    from kiosk.services.programs import ProgramService
    from kiosk.services.reports import ReportService
    from kiosk.services.savings import SavingsService
    from kiosk.services.staff import StaffService
    from kiosk.services.trade import TradeService
    from kiosk.services.trainings import TrainingService
    from kiosk.services.vouchers import VoucherService


class Services:
    """The kiosk's services, each made when first asked for. ``session_factory`` stays for the
    parts that are channels rather than services (the desk's live notifications)."""

    def __init__(self, settings: Settings, session_factory: SessionFactory) -> None:
        self.settings = settings
        self.session_factory = session_factory

    @cached_property
    def members(self) -> MemberService:
        from kiosk.services.members import MemberService

        return MemberService(self.session_factory)

    @cached_property
    def member_desk(self) -> MemberDesk:
        from kiosk.services.member_desk import MemberDesk

        return MemberDesk(
            self.session_factory,
            files_root=self.settings.data_dir,
            childcare_capacity=self.settings.childcare_capacity,
        )

    @cached_property
    def help(self) -> HelpService:
        from kiosk.services.help import HelpService

        return HelpService(self.session_factory)

    @cached_property
    def vouchers(self) -> VoucherService:
        from kiosk.services.vouchers import VoucherService

        return VoucherService(self.session_factory)

    @cached_property
    def cards(self) -> CardService:
        from kiosk.services.cards import CardService

        return CardService(self.session_factory, vouchers=self.vouchers)

    @cached_property
    def privacy(self) -> PrivacyService:
        from kiosk.services.privacy import PrivacyService

        return PrivacyService(self.session_factory, self.settings, vouchers=self.vouchers)

    @cached_property
    def staff(self) -> StaffService:
        from kiosk.services.staff import StaffService

        return StaffService(self.session_factory)

    @cached_property
    def backups(self) -> BackupService:
        from kiosk.services.backups import BackupService

        return BackupService(self.session_factory, self.settings)

    @cached_property
    def reports(self) -> ReportService:
        from kiosk.services.reports import ReportService

        return ReportService(self.session_factory, timezone=self.settings.timezone)

    @cached_property
    def jobs(self) -> JobService:
        from kiosk.services.jobs import JobService

        return JobService(self.session_factory, show_incomplete=self.settings.jobs_show_incomplete)

    @cached_property
    def job_folder(self) -> JobFolder:
        from kiosk.services.job_folder import JobFolder

        folder = self.settings.data_dir / "jobs"
        return JobFolder(self.session_factory, folder, default_days=self.settings.job_default_days)

    @cached_property
    def trainings(self) -> TrainingService:
        from kiosk.services.trainings import TrainingService

        return TrainingService(
            self.session_factory,
            childcare_capacity=self.settings.childcare_capacity,
            timezone=self.settings.timezone,
        )

    @cached_property
    def trade(self) -> TradeService:
        from kiosk.services.trade import TradeService

        approval = self.settings.trade_needs_approval
        return TradeService(self.session_factory, needs_approval=approval)

    @cached_property
    def programs(self) -> ProgramService:
        from kiosk.services.programs import ProgramService

        return ProgramService(self.session_factory, stale_days=self.settings.program_stale_days)

    @cached_property
    def childcare(self) -> ChildcareService:
        from kiosk.services.childcare import ChildcareService

        return ChildcareService(
            self.session_factory,
            limits=childcare_limits(self.settings),
            vouchers=self.vouchers,
            timezone=self.settings.timezone,
            paper=self.settings.paper,
            centre_name=self.settings.centre_name,
        )

    @cached_property
    def savings(self) -> SavingsService:
        from kiosk.services.savings import SavingsService

        return SavingsService(self.session_factory, settings=self.settings)


def childcare_limits(settings: Settings) -> Limits:
    """The room's limits as the settings give them; a warning never above its limit."""
    from kiosk.services.childcare import Limits

    return Limits(
        settings.childcare_capacity,
        min(settings.childcare_capacity_warning, settings.childcare_capacity),
        settings.childcare_ratio,
        min(settings.childcare_ratio_warning, settings.childcare_ratio),
    )


def build_services(settings: Settings, session_factory: SessionFactory) -> Services:
    return Services(settings, session_factory)
