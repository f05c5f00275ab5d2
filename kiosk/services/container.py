"""Every service of the kiosk, one instance each, made from the settings and the one session
factory. The composition root makes this once and hands it to the areas: no page makes a
service of its own, so a setting read here is read the same way everywhere.

Each service (and the modules behind it: reportlab for the slips, the report's tables) is made
the first time an area asks for it, so the kiosk answers its first tap before it has loaded
what only the desk uses."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from kiosk.config import Settings
from kiosk.services import SessionFactory

if TYPE_CHECKING:
    from kiosk.services.backups import BackupService
    from kiosk.services.cards import CardService
    from kiosk.services.centres import CentreService
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


# Each service: its module, its class, and what it is made with besides the session factory.
MADE: dict[str, tuple[str, str, Callable[[Services], dict[str, Any]]]] = {
    "members": ("kiosk.services.members", "MemberService", lambda s: {}),
    "help": ("kiosk.services.help", "HelpService", lambda s: {}),
    "centres": ("kiosk.services.centres", "CentreService", lambda s: {}),
    "vouchers": ("kiosk.services.vouchers", "VoucherService", lambda s: {}),
    "staff": ("kiosk.services.staff", "StaffService", lambda s: {}),
    "cards": ("kiosk.services.cards", "CardService", lambda s: {"vouchers": s.vouchers}),
    "privacy": (
        "kiosk.services.privacy",
        "PrivacyService",
        lambda s: {"settings": s.settings, "vouchers": s.vouchers},
    ),
    "backups": ("kiosk.services.backups", "BackupService", lambda s: {"settings": s.settings}),
    "reports": (
        "kiosk.services.reports",
        "ReportService",
        lambda s: {"timezone": s.settings.timezone},
    ),
    "member_desk": (
        "kiosk.services.member_desk",
        "MemberDesk",
        lambda s: {
            "files_root": s.settings.data_dir,
            "childcare_capacity": s.settings.childcare_capacity,
        },
    ),
    "jobs": (
        "kiosk.services.jobs",
        "JobService",
        lambda s: {"show_incomplete": s.settings.jobs_show_incomplete},
    ),
    "job_folder": (
        "kiosk.services.job_folder",
        "JobFolder",
        lambda s: {
            "folder": s.settings.data_dir / "jobs",
            "default_days": s.settings.job_default_days,
        },
    ),
    "trainings": (
        "kiosk.services.trainings",
        "TrainingService",
        lambda s: {
            "childcare_capacity": s.settings.childcare_capacity,
            "timezone": s.settings.timezone,
        },
    ),
    "trade": (
        "kiosk.services.trade",
        "TradeService",
        lambda s: {"needs_approval": s.settings.trade_needs_approval},
    ),
    "programs": (
        "kiosk.services.programs",
        "ProgramService",
        lambda s: {"stale_days": s.settings.program_stale_days},
    ),
    "childcare": (
        "kiosk.services.childcare",
        "ChildcareService",
        lambda s: {
            "limits": childcare_limits(s.settings),
            "vouchers": s.vouchers,
            "timezone": s.settings.timezone,
            "paper": s.settings.paper,
            "centre_name": s.settings.centre_name,
        },
    ),
    "savings": ("kiosk.services.savings", "SavingsService", lambda s: {"settings": s.settings}),
}


class Services:
    """The kiosk's services, each made the first time it is asked for (one instance each).
    ``session_factory`` stays for the parts that are channels rather than services (the desk's
    live notifications)."""

    settings: Settings
    session_factory: SessionFactory
    members: MemberService
    member_desk: MemberDesk
    help: HelpService
    centres: CentreService
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

    def __init__(self, settings: Settings, session_factory: SessionFactory) -> None:
        self.settings = settings
        self.session_factory = session_factory

    if not TYPE_CHECKING:  # (so a misspelt service is still an error to the type checker)

        def __getattr__(self, name: str) -> object:
            if name not in MADE:
                raise AttributeError(name)
            module, kind, given = MADE[name]
            service = getattr(import_module(module), kind)(self.session_factory, **given(self))
            setattr(self, name, service)
            return service


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
