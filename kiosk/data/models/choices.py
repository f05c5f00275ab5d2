"""The short strings the database checks (``choice`` columns), area by area."""

from __future__ import annotations

import enum


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
