"""The kiosk's tables: SQLAlchemy 2.0 declarative models for every area of the centre.

Times are stored as UTC and come back timezone-aware on SQLite and PostgreSQL alike. Money is
``Numeric(10, 2)`` in pesos. Choices are short strings checked by the database. One module an
area; every name is importable from here, and importing this package registers every table in
``Base.metadata``.
"""

from __future__ import annotations

from kiosk.data.models.base import NAMING_CONVENTION, Base, UTCDateTime, choice, new_hsds_id, utcnow
from kiosk.data.models.centres import FIRST_CENTRE, Centre, CentreOwned, MemberRegistration
from kiosk.data.models.childcare import ChildcareAlert, ChildcareRoom, ChildcareVisit, PickupCode
from kiosk.data.models.choices import (
    AlertKind,
    EmploymentType,
    EnrollmentStatus,
    JobCategory,
    JobGap,
    ListingStatus,
    PayUnit,
    PostingStatus,
    PriceUnit,
    PrintStatus,
    ProgramLevel,
    ProgramNeed,
    ReferralStatus,
    ServiceStatus,
    StaffRole,
    Station,
    TradeCategory,
    VoucherKind,
)
from kiosk.data.models.jobs import JobInterest, JobPosting
from kiosk.data.models.members import (
    Child,
    ChildPhoto,
    Member,
    MemberCard,
    PickupPerson,
    PrivacyNotice,
)
from kiosk.data.models.programs import (
    Organization,
    Referral,
    Service,
    municipality_key,
    served_municipalities,
)
from kiosk.data.models.savings import (
    MovementKind,
    SavingsCycle,
    SavingsGroup,
    SavingsKind,
    SavingsLoan,
    SavingsMeeting,
    SavingsMembership,
    SavingsMovement,
    SavingsTurn,
)
from kiosk.data.models.slips import AuditEvent, Voucher
from kiosk.data.models.staff import DeskSignal, HelpRequest, StaffShift, StaffUser
from kiosk.data.models.trade import TradeListing, TradePhoto
from kiosk.data.models.trainings import Enrollment, Training, TrainingSession

__all__ = [
    "FIRST_CENTRE",
    "NAMING_CONVENTION",
    "AlertKind",
    "AuditEvent",
    "Base",
    "Centre",
    "CentreOwned",
    "Child",
    "ChildPhoto",
    "ChildcareAlert",
    "ChildcareRoom",
    "ChildcareVisit",
    "DeskSignal",
    "EmploymentType",
    "Enrollment",
    "EnrollmentStatus",
    "HelpRequest",
    "JobCategory",
    "JobGap",
    "JobInterest",
    "JobPosting",
    "ListingStatus",
    "Member",
    "MemberCard",
    "MemberRegistration",
    "MovementKind",
    "Organization",
    "PayUnit",
    "PickupCode",
    "PickupPerson",
    "PostingStatus",
    "PriceUnit",
    "PrintStatus",
    "PrivacyNotice",
    "ProgramLevel",
    "ProgramNeed",
    "Referral",
    "ReferralStatus",
    "SavingsCycle",
    "SavingsGroup",
    "SavingsKind",
    "SavingsLoan",
    "SavingsMeeting",
    "SavingsMembership",
    "SavingsMovement",
    "SavingsTurn",
    "Service",
    "ServiceStatus",
    "StaffRole",
    "StaffShift",
    "StaffUser",
    "Station",
    "TradeCategory",
    "TradeListing",
    "TradePhoto",
    "Training",
    "TrainingSession",
    "UTCDateTime",
    "Voucher",
    "VoucherKind",
    "choice",
    "municipality_key",
    "new_hsds_id",
    "served_municipalities",
    "utcnow",
]
