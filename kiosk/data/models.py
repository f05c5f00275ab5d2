"""The kiosk's tables: SQLAlchemy 2.0 declarative models for every area of the centre.

Times are stored as UTC and come back timezone-aware on SQLite and PostgreSQL alike. Money is
``Numeric(10, 2)`` in pesos. Choices are short strings checked by the database.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_hsds_id() -> str:
    """An Open Referral identifier (a UUID) for a row the centre itself entered."""
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC, returned timezone-aware on every engine."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a timezone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        Decimal: Numeric(10, 2),
        str: String(200),
    }


def _choice(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A string column limited to the enum's values, checked by the database on every engine."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


# --- choices ------------------------------------------------------------------------------


class StaffRole(enum.StrEnum):
    STAFF = "staff"
    VOLUNTEER = "volunteer"
    # A savings group's treasurer: her PIN opens her own group's savings pages, nothing else.
    TREASURER = "treasurer"


class PayUnit(enum.StrEnum):
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class EmploymentType(enum.StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    TEMPORARY = "temporary"
    PER_DAY = "per_day"
    OTHER = "other"


class JobGap(enum.StrEnum):
    """Something an imported posting did not give, that a member would need."""

    CONTACT = "contact"
    PAY = "pay"
    PAY_UNIT = "pay_unit"
    LAST_DAY = "last_day"  # its closing date is the centre's default
    CATEGORY = "category"  # nothing matched: "otros"
    LOCALITY = "locality"


class PostingStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class JobCategory(enum.StrEnum):
    KITCHEN = "cocina"
    CLEANING = "limpieza"
    SEWING = "costura"
    SALES = "ventas"
    CARE = "cuidado"
    FACTORY = "fabrica"
    FIELD = "campo"
    OFFICE = "oficina"
    OTHER = "otros"


class TradeCategory(enum.StrEnum):
    FOOD = "comida"
    BAKERY = "panaderia"
    CRAFTS = "manualidades"
    SEWING = "costura"
    STATIONERY = "papeleria"
    SERVICES = "servicios"
    PLANTS = "plantas"
    OTHER = "otros"


class PriceUnit(enum.StrEnum):
    PIECE = "pieza"
    DOZEN = "docena"
    KILO = "kilo"
    SERVICE = "servicio"
    PACKAGE = "paquete"


class ListingStatus(enum.StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ProgramLevel(enum.StrEnum):
    FEDERAL = "federal"
    STATE = "estatal"
    MUNICIPAL = "municipal"
    CIVIL = "osc"


class ProgramNeed(enum.StrEnum):
    BUSINESS_MONEY = "negocio"
    SAVINGS_CREDIT = "ahorro"
    TRAINING = "capacitacion"
    LEGAL = "legal"
    HEALTH = "salud"
    CHILDCARE = "ninos"
    HOUSING = "vivienda"
    FOOD = "alimentos"


class ServiceStatus(enum.StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class ReferralStatus(enum.StrEnum):
    NOT_UPDATED = "sin_actualizar"
    NEEDS_ACTION = "necesita_accion"
    PENDING = "pendiente"
    RECEIVED = "recibio_apoyo"
    UNREACHABLE = "no_contactada"
    NOT_ELIGIBLE = "no_elegible"
    NO_PLACES = "sin_cupo"
    NOT_INTERESTED = "sin_interes"


class EnrollmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class VoucherKind(enum.StrEnum):
    TRAINING = "training"
    WAITLIST = "waitlist"
    JOB = "job"
    TRADE = "trade"
    REFERRAL = "referral"
    PICKUP = "pickup"
    MEMBER_CARD = "member_card"
    STAFF_LIST = "staff_list"
    TEST = "test"
    PRIVACY_NOTICE = "privacy_notice"  # the aviso de privacidad integral, printed at the desk
    MY_DATA = "my_data"  # everything the kiosk holds about one member (her right of access)
    PASSBOOK = "passbook"  # a woman's savings passbook after a meeting
    SAVINGS_SUMMARY = "savings_summary"  # the treasurer's summary of a meeting's box
    TANDA_CARD = "tanda_card"  # a tanda's turns
    SHARE_OUT = "share_out"  # her part at a savings group's share-out
    PROGRAM_SHEET = "program_sheet"  # a program's details, printed by a member to take home


class PrintStatus(enum.StrEnum):
    WAITING = "waiting"
    PRINTED = "printed"
    FAILED = "failed"
    SAVED = "saved"


class Station(enum.StrEnum):
    MEMBER = "member"
    CHILDCARE = "childcare"
    STAFF = "staff"


class AlertKind(enum.StrEnum):
    NOT_ALLOWED = "not_allowed"  # someone on a child's not-allowed list came to pick up
    WITHOUT_CODE = "without_code"  # picked up with a staff PIN instead of the code
    LEFT_OPEN = "left_open"  # a visit of an earlier day was never checked out


# --- people -------------------------------------------------------------------------------


class PrivacyNotice(Base):
    """A version of the centre's privacy notice (aviso de privacidad integral), kept word for
    word: a member's consent points at the version she accepted. A new row is published when
    the text changes; ``sha256`` names the text, so every station shares one row per text."""

    __tablename__ = "privacy_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)


class Member(Base):
    """A woman who uses the centre. Erasing her blanks the personal fields, keeps the row."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(10), unique=True)
    locality: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    privacy_consent_at: Mapped[datetime | None]
    # The version of the privacy notice she accepted (its exact text is kept).
    privacy_notice_id: Mapped[int | None] = mapped_column(ForeignKey("privacy_notices.id"))
    erased_at: Mapped[datetime | None]
    is_example: Mapped[bool] = mapped_column(default=False)
    # When she was first shown the kiosk's buttons (the first-visit guide): shown once.
    guided_at: Mapped[datetime | None]

    children: Mapped[list[Child]] = relationship(back_populates="guardian")


class MemberCard(Base):
    """A member card: its QR code carries a random token that names her without her phone.
    Only the token's SHA-256 is kept. One card per member is active: a new card revokes the
    old one in the same transaction (the partial unique index is the last word)."""

    __tablename__ = "member_cards"
    __table_args__ = (
        Index(
            "uq_member_cards_active_member",
            "member_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    revoked_at: Mapped[datetime | None]


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[StaffRole] = mapped_column(_choice(StaffRole, "staff_role"))
    pin_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    failed_pins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    is_example: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffShift(Base):
    """Who is on duty at a station (childcare ratio counts volunteers on shift)."""

    __tablename__ = "staff_shifts"
    __table_args__ = (Index("ix_staff_shifts_station_open", "station", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    station: Mapped[Station] = mapped_column(_choice(Station, "station"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class HelpRequest(Base):
    """A member pressed "Pedir ayuda"; the staff desk shows it until someone answers."""

    __tablename__ = "help_requests"
    __table_args__ = (Index("ix_help_requests_open", "resolved_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    station_name: Mapped[str] = mapped_column(String(80))
    page: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class DeskSignal(Base):
    """The desks' live channel on SQLite: each writer of desk news (a help call, Voy, a
    childcare alert, a listing to approve) bumps its topic's version in its own transaction, and
    open desks poll these few rows. PostgreSQL uses LISTEN/NOTIFY instead and leaves it empty."""

    __tablename__ = "desk_signals"

    topic: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


# --- job bank -----------------------------------------------------------------------------


class JobPosting(Base):
    __tablename__ = "job_postings"
    __table_args__ = (
        # Covers the member pages' counts, filters and pages, so they stay index-only at
        # 100 000 postings (offered = openings > 0; the four picture filters).
        Index(
            "ix_job_postings_browse",
            "category",
            "status",
            "valid_through",
            "openings",
            "date_posted",
            "fits_school_hours",
            "no_experience_needed",
            "pay_unit",
            "locality",
            "id",
        ),
        CheckConstraint("pay_amount >= 0", name="pay_not_negative"),
        CheckConstraint("openings >= 0", name="openings_not_negative"),
        # The staff's "Por completar" list: imported postings still missing something.
        Index("ix_job_postings_to_complete", "to_complete", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    title: Mapped[str]
    category: Mapped[JobCategory] = mapped_column(_choice(JobCategory, "job_category"))
    employer: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")
    how_to_apply: Mapped[str] = mapped_column(Text, default="")
    what_to_bring: Mapped[list[str]] = mapped_column(JSON, default=list)
    # No amount: "pago por acordar". pay_max: the top of a range ("$300 a $350"). No unit: the
    # source did not say per what, and the kiosk never guesses it.
    pay_amount: Mapped[Decimal | None]
    pay_max: Mapped[Decimal | None]
    pay_unit: Mapped[PayUnit | None] = mapped_column(_choice(PayUnit, "pay_unit"))
    employment_type: Mapped[EmploymentType] = mapped_column(
        _choice(EmploymentType, "employment_type")
    )
    schedule: Mapped[str] = mapped_column(default="")
    fits_school_hours: Mapped[bool] = mapped_column(default=False)
    no_experience_needed: Mapped[bool] = mapped_column(default=False)
    starts_now: Mapped[bool] = mapped_column(default=False)
    locality: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(default="")
    contact_phone: Mapped[str] = mapped_column(String(10))
    # A web page or e-mail to apply at, when the source gives no phone.
    contact_other: Mapped[str] = mapped_column(String(300), default="")
    openings: Mapped[int] = mapped_column(default=1)
    date_posted: Mapped[date] = mapped_column(Date)
    valid_through: Mapped[date] = mapped_column(Date)
    status: Mapped[PostingStatus] = mapped_column(
        _choice(PostingStatus, "posting_status"), default=PostingStatus.OPEN
    )
    is_example: Mapped[bool] = mapped_column(default=False)
    # The source's own ``identifier`` exactly as it came (text or a PropertyValue), written
    # back unchanged on export; external_id is its value, the key re-imports match on.
    identifier: Mapped[Any | None] = mapped_column(JSON)
    # What an imported posting lacks that a member needs (JobGap values); to_complete while
    # any is left, until staff complete it from the desk form.
    missing: Mapped[list[str]] = mapped_column(JSON, default=list)
    to_complete: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class JobInterest(Base):
    """ "Me interesa" on a job; the member may stay anonymous."""

    __tablename__ = "job_interests"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job_postings.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- trade centre -------------------------------------------------------------------------


class TradeListing(Base):
    __tablename__ = "trade_listings"
    __table_args__ = (
        # Covers the member pages: the counts per category and a category's pages, newest
        # first, index-only at 100 000 listings.
        Index("ix_trade_listings_browse", "category", "status", "published_at", "id"),
        # The staff's queue: pending listings, oldest first.
        Index("ix_trade_listings_queue", "status", "created_at", "id"),
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint(
            "status <> 'published' OR published_at IS NOT NULL", name="published_has_date"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    category: Mapped[TradeCategory] = mapped_column(_choice(TradeCategory, "trade_category"))
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[Decimal]
    price_unit: Mapped[PriceUnit] = mapped_column(_choice(PriceUnit, "price_unit"))
    contact_phone: Mapped[str | None] = mapped_column(String(10))
    locality: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[ListingStatus] = mapped_column(
        _choice(ListingStatus, "listing_status"), default=ListingStatus.PENDING
    )
    reject_reason: Mapped[str] = mapped_column(default="")
    is_example: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]

    seller: Mapped[Member] = relationship()


class TradePhoto(Base):
    """A listing's photo, in the database so every kiosk sharing it shows the photo; a table of
    its own keeps the listings' rows narrow for browsing."""

    __tablename__ = "trade_photos"

    listing_id: Mapped[int] = mapped_column(
        ForeignKey("trade_listings.id", ondelete="CASCADE"), primary_key=True
    )
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]


# --- programs (Open Referral HSDS 3.0 aligned) --------------------------------------------


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str | None] = mapped_column(String(64), unique=True, default=new_hsds_id)
    name: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    # Identifiers of the HSDS objects folded into this row (its phone), kept so an export
    # gives them back and a re-import updates instead of adding.
    hsds_ids: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    is_example: Mapped[bool] = mapped_column(default=False)

    services: Mapped[list[Service]] = relationship(back_populates="organization")


class Service(Base):
    """A program or service a member can be referred to (HSDS ``service`` + its location).

    The kiosk shows one place, one phone, one opening time and one cost per program, so the
    HSDS location, address, phone, schedule and cost option are folded into these columns;
    ``hsds_ids`` keeps those objects' identifiers for the round trip.
    """

    __tablename__ = "services"
    __table_args__ = (
        Index("ix_services_browse", "need", "status", "level", "name"),
        CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age",
            name="ages_in_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str | None] = mapped_column(String(64), unique=True, default=new_hsds_id)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")
    benefit: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")
    minimum_age: Mapped[int | None]
    maximum_age: Mapped[int | None]
    application_process: Mapped[str] = mapped_column(Text, default="")
    fees: Mapped[str] = mapped_column(default="")
    required_documents: Mapped[list[str]] = mapped_column(JSON, default=list)
    cost_amount: Mapped[Decimal | None]
    cost_currency: Mapped[str] = mapped_column(String(3), default="")
    location_name: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    locality: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(80), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    country: Mapped[str] = mapped_column(String(2), default="MX")
    directions: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    schedule: Mapped[str] = mapped_column(default="")
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    # The first schedule's weekly days as HSDS writes them ("MO,TU,WE"; "" = not said).
    schedule_days: Mapped[str] = mapped_column(String(40), default="")
    # What an imported program brings beyond one place, phone and schedule, as HSDS objects
    # trimmed to the fields the kiosk shows (see kiosk.data.hsds): the languages spoken there,
    # the areas (municipalities) it serves, its contacts with their phones, later schedules.
    languages: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    service_areas: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    contacts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    more_schedules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    hsds_ids: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    level: Mapped[ProgramLevel] = mapped_column(_choice(ProgramLevel, "program_level"))
    need: Mapped[ProgramNeed] = mapped_column(_choice(ProgramNeed, "program_need"))
    status: Mapped[ServiceStatus] = mapped_column(
        _choice(ServiceStatus, "service_status"), default=ServiceStatus.ACTIVE
    )
    assured_date: Mapped[date | None] = mapped_column(Date)
    is_example: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="services")


class Referral(Base):
    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_follow_up", "status", "follow_up_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReferralStatus] = mapped_column(
        _choice(ReferralStatus, "referral_status"), default=ReferralStatus.NOT_UPDATED
    )
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --- trainings ----------------------------------------------------------------------------


class Training(Base):
    __tablename__ = "trainings"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    topic: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    duration_text: Mapped[str] = mapped_column(default="")
    active: Mapped[bool] = mapped_column(default=True)
    is_example: Mapped[bool] = mapped_column(default=False)

    sessions: Mapped[list[TrainingSession]] = relationship(
        back_populates="training", order_by="TrainingSession.starts_at"
    )


class TrainingSession(Base):
    __tablename__ = "training_sessions"
    __table_args__ = (
        Index("ix_training_sessions_upcoming", "starts_at", "training_id"),
        CheckConstraint("seats >= 0", name="seats_not_negative"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    training_id: Mapped[int] = mapped_column(ForeignKey("trainings.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str]
    seats: Mapped[int]
    # Counters kept inside the sign-up transaction so two kiosks can never oversell.
    seats_taken: Mapped[int] = mapped_column(default=0)
    childcare_taken: Mapped[int] = mapped_column(default=0)

    training: Mapped[Training] = relationship(back_populates="sessions")


class Enrollment(Base):
    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("member_id", "session_id"),
        # Waitlist numbers are never reused within a session (NULL for those with a seat).
        UniqueConstraint("session_id", "waitlist_position"),
        Index("ix_enrollments_session_status", "session_id", "status", "waitlist_position"),
        CheckConstraint("children_count BETWEEN 0 AND 6", name="children_count_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"))
    status: Mapped[EnrollmentStatus] = mapped_column(_choice(EnrollmentStatus, "enrollment_status"))
    waitlist_position: Mapped[int | None]
    children_count: Mapped[int] = mapped_column(default=0)
    # Places held in the children's room: only while she has a seat (0 on the waitlist).
    childcare_reserved: Mapped[int] = mapped_column(default=0)
    # Places she asked for (0: she comes without childcare); more than held = the room was full
    # when she was given her seat from the waitlist.
    childcare_wanted: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # In line because the room was full while seats were free: a seat comes with her places.
    waits_for_childcare: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    promoted_at: Mapped[datetime | None]
    called_at: Mapped[datetime | None]


# --- childcare ----------------------------------------------------------------------------


class ChildcareRoom(Base):
    """The children's room. Its row is locked by every write that holds or uses places (course
    sign-ups with children, cancellations, check-ins), so they count the room one at a time."""

    __tablename__ = "childcare_rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")


class Child(Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date] = mapped_column(Date)
    medical_note: Mapped[str] = mapped_column(Text, default="")
    has_allergy: Mapped[bool] = mapped_column(default=False)
    # When the mother gave her express consent to keep the child's health data (allergy and
    # note); without it both stay empty.
    health_consent_at: Mapped[datetime | None]
    # When the mother gave her express consent to a photo of the child (for the volunteers to
    # match face and child at the door); without it no photo is taken.
    photo_consent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    guardian: Mapped[Member] = relationship(back_populates="children")
    pickup_people: Mapped[list[PickupPerson]] = relationship(
        back_populates="child", cascade="all, delete-orphan"
    )


class ChildPhoto(Base):
    """A child's photo, taken with the mother's consent, in the database so every station
    sharing it shows the face; a table of its own keeps the children's rows narrow, and goes
    with the child's row."""

    __tablename__ = "child_photos"

    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), primary_key=True
    )
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)


class PickupPerson(Base):
    """Someone who may (or must NOT) pick a child up."""

    __tablename__ = "pickup_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    relation: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str | None] = mapped_column(String(10))
    allowed: Mapped[bool]

    child: Mapped[Child] = relationship(back_populates="pickup_people")


class PickupCode(Base):
    """One code per check-in of a guardian's children: unique and never reused the same day."""

    __tablename__ = "pickup_codes"
    __table_args__ = (UniqueConstraint("day", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(8))
    picture: Mapped[str] = mapped_column(String(40))
    guardian_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChildcareVisit(Base):
    __tablename__ = "childcare_visits"
    __table_args__ = (
        Index("ix_childcare_visits_in_room", "checked_out_at", "checked_in_at"),
        # A child is in the room at most once: two stations cannot check her in together.
        Index(
            "uq_childcare_visits_open_child",
            "child_id",
            unique=True,
            sqlite_where=text("checked_out_at IS NULL"),
            postgresql_where=text("checked_out_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    pickup_code_id: Mapped[int] = mapped_column(ForeignKey("pickup_codes.id"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollments.id"))
    checked_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    checked_out_at: Mapped[datetime | None]
    checked_out_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    picked_up_by: Mapped[str] = mapped_column(String(120), default="")


class ChildcareAlert(Base):
    """Something at the children's room that staff must look at, until one marks it seen."""

    __tablename__ = "childcare_alerts"
    __table_args__ = (Index("ix_childcare_alerts_open", "seen_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AlertKind] = mapped_column(_choice(AlertKind, "alert_kind"))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id"))
    pickup_code_id: Mapped[int | None] = mapped_column(ForeignKey("pickup_codes.id"))
    pickup_person_id: Mapped[int | None] = mapped_column(ForeignKey("pickup_people.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime | None]
    seen_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


# --- slips and audit ----------------------------------------------------------------------


class Voucher(Base):
    """A printed slip: its number (with check digit), what it is for, and the PDF for reprints."""

    __tablename__ = "vouchers"
    __table_args__ = (Index("ix_vouchers_print_queue", "print_status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[VoucherKind] = mapped_column(_choice(VoucherKind, "voucher_kind"))
    subject_table: Mapped[str] = mapped_column(String(40), default="")
    subject_id: Mapped[int | None]
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    print_status: Mapped[PrintStatus] = mapped_column(
        _choice(PrintStatus, "print_status"), default=PrintStatus.WAITING
    )
    print_error: Mapped[str] = mapped_column(default="")
    printed_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    redeemed_at: Mapped[datetime | None]
    redeemed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))


class AuditEvent(Base):
    """Who did what, when. ``detail`` never holds personal data: ids and codes only."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_when", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    action: Mapped[str] = mapped_column(String(60))
    subject_table: Mapped[str] = mapped_column(String(40), default="")
    subject_id: Mapped[int | None]
    detail: Mapped[str] = mapped_column(default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- savings groups (cajas de ahorro y tandas) ----------------------------------------------


class SavingsKind(enum.StrEnum):
    CAJA = "caja"  # caja de ahorro y préstamo: shares, loans, social fund, share-out
    TANDA = "tanda"  # each puts the same amount each round; one takes the pot in turn


class MovementKind(enum.StrEnum):
    SHARE = "share"  # share purchase (her savings)
    SOCIAL_FUND = "social_fund"
    LOAN_OUT = "loan_out"
    REPAYMENT = "repayment"  # the principal part of a loan payment
    SERVICE_CHARGE = "service_charge"  # the charge part of a loan payment
    FINE = "fine"
    PAYOUT = "payout"  # her part of the box at share-out
    TANDA_IN = "tanda_in"  # a tanda contribution
    TANDA_POT = "tanda_pot"  # the pot taken by the woman whose turn it is


class SavingsGroup(Base):
    __tablename__ = "savings_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[SavingsKind] = mapped_column(_choice(SavingsKind, "savings_kind"))
    meeting_weekday: Mapped[int] = mapped_column(default=0)  # 0 = Monday
    frequency_days: Mapped[int] = mapped_column(default=7)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    # The treasurer's own PIN account (role treasurer): it opens this group only.
    treasurer_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)


class SavingsMembership(Base):
    """A woman in a group. The ledger points here, never at her name: erasure blanks the
    member's row and the group's money still reconciles."""

    __tablename__ = "savings_members"
    __table_args__ = (UniqueConstraint("group_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("savings_groups.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)  # order at meetings; a tanda's turn
    is_treasurer: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavingsCycle(Base):
    """The rules, fixed for a cycle: new rules start a new cycle."""

    __tablename__ = "savings_cycles"
    __table_args__ = (
        UniqueConstraint("group_id", "number"),
        Index(
            "uq_savings_cycles_open_group",
            "group_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("savings_groups.id"), index=True)
    number: Mapped[int]
    share_cents: Mapped[int]  # a share's value (a tanda: each round's contribution)
    max_shares: Mapped[int]  # shares a woman may buy at one meeting, 1-5
    social_fund_cents: Mapped[int]  # per meeting
    charge_bp: Mapped[int]  # service charge per month on loans, in hundredths of a percent
    loan_multiple: Mapped[int]  # she may owe at most this many times her savings
    max_loan_months: Mapped[int]
    fine_absent_cents: Mapped[int]
    fine_late_cents: Mapped[int]
    meetings: Mapped[int]  # the cycle's length in meetings
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]


class SavingsMeeting(Base):
    __tablename__ = "savings_meetings"
    __table_args__ = (
        UniqueConstraint("cycle_id", "number"),
        # One open meeting per group, decided by the database: two kiosks cannot both open it.
        Index(
            "uq_savings_meetings_open_group",
            "group_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("savings_groups.id"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("savings_cycles.id"), index=True)
    number: Mapped[int]
    held_on: Mapped[date]
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    closed_at: Mapped[datetime | None]
    # The cash count at the close: what the ledger says, what was counted, and why they differ.
    expected_cents: Mapped[int | None]
    counted_cents: Mapped[int | None]
    difference_reason: Mapped[str] = mapped_column(String(200), default="")


class SavingsTurn(Base):
    """A woman's turn at a meeting, recorded once: a meeting resumed after a power cut shows
    who was done."""

    __tablename__ = "savings_turns"
    __table_args__ = (UniqueConstraint("meeting_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("savings_meetings.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("savings_members.id"), index=True)
    present: Mapped[bool]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavingsLoan(Base):
    """A loan's terms; what is left to pay is derived from the ledger."""

    __tablename__ = "savings_loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("savings_cycles.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("savings_members.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("savings_meetings.id"))
    principal_cents: Mapped[int]
    charge_cents: Mapped[int]
    months: Mapped[int]
    lent_on: Mapped[date]


class SavingsMovement(Base):
    """One row of the append-only ledger: rows are only ever added. A correction is a row
    with the opposite amount that names the row it reverses, a reason and who made it."""

    __tablename__ = "savings_movements"
    __table_args__ = (Index("ix_savings_movements_group_kind", "group_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("savings_groups.id"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("savings_cycles.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("savings_meetings.id"), index=True)
    membership_id: Mapped[int | None] = mapped_column(ForeignKey("savings_members.id"), index=True)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("savings_loans.id"), index=True)
    kind: Mapped[MovementKind] = mapped_column(_choice(MovementKind, "movement_kind"))
    amount_cents: Mapped[int]
    shares: Mapped[int] = mapped_column(default=0)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("savings_movements.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    by_membership_id: Mapped[int | None] = mapped_column(ForeignKey("savings_members.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
