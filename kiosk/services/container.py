"""Every service of the kiosk, one instance each, made from the settings and the one session
factory. The composition root makes this once and hands it to the areas: no page makes a
service of its own, so a setting read here is read the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import Settings
from kiosk.services import SessionFactory
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


@dataclass(frozen=True)
class Services:
    """The kiosk's services. ``session_factory`` stays for the parts that are channels rather
    than services (the desk's live notifications)."""

    settings: Settings
    session_factory: SessionFactory
    members: MemberService
    member_desk: MemberDesk
    help: HelpService
    vouchers: VoucherService
    cards: CardService
    privacy: PrivacyService
    staff: StaffService
    backups: BackupService
    reports: ReportService
    jobs: JobService
    job_folder: JobFolder
    trainings: TrainingService
    trade: TradeService
    programs: ProgramService
    childcare: ChildcareService
    savings: SavingsService


def childcare_limits(settings: Settings) -> Limits:
    """The room's limits as the settings give them; a warning never above its limit."""
    return Limits(
        settings.childcare_capacity,
        min(settings.childcare_capacity_warning, settings.childcare_capacity),
        settings.childcare_ratio,
        min(settings.childcare_ratio_warning, settings.childcare_ratio),
    )


def build_services(settings: Settings, session_factory: SessionFactory) -> Services:
    vouchers = VoucherService(session_factory)
    return Services(
        settings=settings,
        session_factory=session_factory,
        members=MemberService(session_factory),
        member_desk=MemberDesk(
            session_factory,
            files_root=settings.data_dir,
            childcare_capacity=settings.childcare_capacity,
        ),
        help=HelpService(session_factory),
        vouchers=vouchers,
        cards=CardService(session_factory, vouchers=vouchers),
        privacy=PrivacyService(session_factory, settings, vouchers=vouchers),
        staff=StaffService(session_factory),
        backups=BackupService(session_factory, settings),
        reports=ReportService(session_factory, timezone=settings.timezone),
        jobs=JobService(session_factory, show_incomplete=settings.jobs_show_incomplete),
        job_folder=JobFolder(
            session_factory, settings.data_dir / "jobs", default_days=settings.job_default_days
        ),
        trainings=TrainingService(
            session_factory,
            childcare_capacity=settings.childcare_capacity,
            timezone=settings.timezone,
        ),
        trade=TradeService(session_factory, needs_approval=settings.trade_needs_approval),
        programs=ProgramService(session_factory, stale_days=settings.program_stale_days),
        childcare=ChildcareService(
            session_factory,
            limits=childcare_limits(settings),
            vouchers=vouchers,
            timezone=settings.timezone,
            paper=settings.paper,
            centre_name=settings.centre_name,
        ),
        savings=SavingsService(session_factory, settings=settings),
    )
