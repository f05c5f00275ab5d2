"""What each kind of slip says: frozen dataclasses of plain data, filled by the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class TrainingSlip:
    member_name: str
    training: str
    starts_at: datetime
    place: str
    ends_at: datetime | None = None
    childcare_places: int = 0  # places reserved in the children's room; 0 = none
    topic_icon: str = ""  # "training.panaderia"...; the area's picture when empty


@dataclass(frozen=True)
class WaitlistSlip:
    member_name: str
    training: str
    starts_at: datetime
    place: str
    position: int
    childcare: str = ""  # what she is told about childcare (never places she does not hold)


@dataclass(frozen=True)
class JobSlip:
    title: str
    employer: str
    pay_amount: Decimal | None  # None: "Pago por acordar"
    pay_unit: str | None  # PayUnit value: hour, day, week, month; None: not said
    how_to_apply: str
    phone: str  # "" when the posting gives none: the slip says to ask at the centre
    address: str
    what_to_bring: tuple[str, ...] = ()  # document codes: ine, curp...
    locality: str = ""
    schedule: str = ""
    category: str = ""  # JobCategory value: its pictogram "job.<category>"
    pay_max: Decimal | None = None  # the top of a pay range
    contact_other: str = ""  # a web page or e-mail, when there is no phone


@dataclass(frozen=True)
class TradeSlip:
    title: str
    price: Decimal
    price_unit: str  # PriceUnit value: pieza, docena, kilo, servicio, paquete
    seller_name: str  # only the first name is printed
    seller_phone: str  # printed in full: the buyer calls it
    category: str = ""  # TradeCategory value: its pictogram "trade.<category>"
    description: str = ""
    picture: str = ""  # the product's pictogram, when its title names one (before the kind's)
    # Another centre of the network, whose member sells it ("" for the station's own centre):
    # her name stays with her centre, so the slip names the centre instead.
    centre_name: str = ""


@dataclass(frozen=True)
class ReferralSlip:
    member_name: str
    program: str
    organization: str
    address: str
    phone: str
    schedule: str
    eligibility: str
    fees: str
    application_steps: str
    staff_name: str
    directions: str = ""
    locality: str = ""
    documents: tuple[str, ...] = ()
    reason: str = ""
    assured_date: date | None = None  # when the centre last confirmed the program's details
    follow_up_on: date | None = None
    need: str = ""  # ProgramNeed value: its pictogram "need.<need>"


@dataclass(frozen=True)
class ProgramSheet:
    """A program's details as a member takes them home (no name of hers: anyone may print it)."""

    program: str
    organization: str
    level: str  # the level's words: "Estatal"
    benefit: str
    eligibility: str
    address: str
    phone: str
    schedule: str
    locality: str = ""
    directions: str = ""
    fees: str = ""
    application_steps: str = ""
    documents: tuple[str, ...] = ()  # paper codes ("ine") or an imported paper's text
    need: str = ""  # ProgramNeed value: its pictogram "need.<need>"


@dataclass(frozen=True)
class PickupChild:
    name: str
    age: int  # years
    allergy: bool = False
    medical_note: str = ""
    photo: bytes | None = None  # her face (a JPEG), taken with her mother's consent


@dataclass(frozen=True)
class PickupSlip:
    code: str  # "47": the digits said and printed big
    picture: str  # a PICKUP_WORDS key: "tortuga"
    guardian_name: str  # only the first name is printed
    day: date
    children: tuple[PickupChild, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class MemberCardSlip:
    name: str  # only the first name is printed
    code: str  # what the QR code carries: it names her without her phone
    member_since: date | None = None


@dataclass(frozen=True)
class StaffListSlip:
    title: str
    day: date
    names: tuple[str, ...]
    columns: tuple[str, ...] = ()  # headings of the tick boxes; one "Came" box when empty
    subtitle: str = ""  # place and time, for example
    area: str = "staff"  # the band's area: "trainings" for a course's attendance list
