"""What the privacy papers print, as plain data: the privacy notice (aviso de privacidad
integral) and "my data", everything the kiosk holds about one member (her right of access).
No reportlab here: the services build these without loading it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class NoticeDoc:
    """The notice's text (Markdown-like: ``#`` title, ``##`` sections, ``-`` items), its
    version and the day it was last changed."""

    text: str
    version: int
    updated: datetime


@dataclass(frozen=True)
class PickupLine:
    name: str
    relation: str
    phone: str
    allowed: bool


@dataclass(frozen=True)
class ChildRecord:
    name: str
    birth_date: date
    has_allergy: bool
    medical_note: str
    health_consent_at: datetime | None
    has_photo: bool
    pickup_people: tuple[PickupLine, ...] = ()


@dataclass(frozen=True)
class SignUpRecord:
    training: str
    starts_at: datetime
    place: str
    status: str  # EnrollmentStatus value
    waitlist_position: int | None
    children: int
    signed_up_at: datetime


@dataclass(frozen=True)
class VisitRecord:
    child: str
    checked_in_at: datetime
    checked_out_at: datetime | None
    picked_up_by: str


@dataclass(frozen=True)
class ReferralRecord:
    program: str
    created_at: datetime
    status: str  # ReferralStatus value
    reason: str
    follow_up_on: date | None
    outcome_note: str


@dataclass(frozen=True)
class ListingRecord:
    title: str
    description: str
    price: str  # formatted money with its unit
    status: str  # ListingStatus value
    created_at: datetime
    contact_phone: str
    locality: str
    has_photo: bool


@dataclass(frozen=True)
class JobRecord:
    title: str
    employer: str
    asked_at: datetime


@dataclass(frozen=True)
class SlipRecord:
    kind: str  # VoucherKind value
    number: str
    created_at: datetime


@dataclass(frozen=True)
class MyData:
    """Everything the kiosk holds about one member, for her to take home."""

    name: str
    phone: str
    locality: str
    registered_at: datetime
    consent_at: datetime | None
    notice_version: int | None
    notice_updated: datetime | None
    children: tuple[ChildRecord, ...] = ()
    sign_ups: tuple[SignUpRecord, ...] = ()
    visits: tuple[VisitRecord, ...] = ()
    referrals: tuple[ReferralRecord, ...] = ()
    listings: tuple[ListingRecord, ...] = ()
    jobs: tuple[JobRecord, ...] = ()
    slips: tuple[SlipRecord, ...] = field(default_factory=tuple)
