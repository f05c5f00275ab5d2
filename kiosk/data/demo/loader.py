"""Loading the example data: the hand-written demo, written in one transaction into an empty
database, and the scaled rows on top when asked."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.demo.content import (
    APPLICATION_STEPS,
    CHILDREN,
    ENROLLMENTS,
    HOW_TO_APPLY,
    JOBS,
    MEMBERS,
    ORGANIZATIONS,
    PICKUP_PICTURES,
    POSTAL_CODES,
    REFERRALS,
    SEED,
    SERVICES,
    STAFF,
    STREETS,
    TRADE_REJECT_REASON,
    TRADES,
    TRAININGS,
    local_time,
    opening_hours,
)
from kiosk.data.demo.scaled import Scaled
from kiosk.data.models import (
    Child,
    ChildcareVisit,
    EmploymentType,
    Enrollment,
    EnrollmentStatus,
    JobCategory,
    JobPosting,
    ListingStatus,
    Member,
    Organization,
    PayUnit,
    PickupCode,
    PickupPerson,
    PostingStatus,
    PriceUnit,
    ProgramLevel,
    ProgramNeed,
    Referral,
    Service,
    ServiceStatus,
    StaffRole,
    StaffShift,
    StaffUser,
    Station,
    TradeCategory,
    TradeListing,
    Training,
    TrainingSession,
)
from kiosk.i18n import _, centre_today
from kiosk.security import hash_pin


@dataclass(frozen=True)
class DemoSummary:
    counts: dict[str, int]
    """Table name -> rows added."""
    staff_pins: dict[str, str]
    """Staff or volunteer name -> PIN, for the command to print once."""


class DemoError(Exception):
    """The example data cannot be loaded; the message is one plain sentence."""


_CONTENT = (Member, JobPosting, TradeListing, Service, Training, StaffUser)


def _has_content(s: Session) -> bool:
    return any(s.scalar(select(model.id).limit(1)) is not None for model in _CONTENT)


def database_is_empty(factory: sessionmaker[Session]) -> bool:
    """True when there are no members, jobs, listings, services, trainings or staff."""
    with factory() as s:
        return not _has_content(s)


def load_demo(
    factory: sessionmaker[Session],
    *,
    scale: int = 0,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Write the example data, plus ``scale`` generated rows per listing table, in one transaction.

    ``progress(table)`` is called after each table's rows are written (not yet committed).
    Raises :class:`DemoError` when the database already has content.
    """
    if scale < 0:
        raise ValueError("scale must not be negative")
    loader = _Loader(today or centre_today(), progress or (lambda _table: None))
    with factory.begin() as s:
        # Checked inside the writing transaction, so two loads at once cannot both pass.
        if _has_content(s):
            raise DemoError(
                _(
                    "The database already has data; the example data is only loaded into an "
                    "empty database."
                )
            )
        loader.base(s)
        if scale:
            loader.scaled(s, scale)
    return DemoSummary(counts=dict(loader.counts), staff_pins=dict(loader.pins))


class _Loader:
    def __init__(self, today: date, progress: Callable[[str], None]) -> None:
        self.today = today
        self.progress = progress
        self.rng = random.Random(SEED)
        self.counts: dict[str, int] = {}
        self.pins: dict[str, str] = {}
        self.member_ids: list[int] = []
        # Unique fictional numbers 614 555 0000-9999, handed out in a fixed shuffled order.
        self._suffixes = list(range(10_000))
        self.rng.shuffle(self._suffixes)

    def phone(self) -> str:
        return f"614555{self._suffixes.pop():04d}"

    def hsds_id(self) -> str:
        """An Open Referral identifier (UUID), the same on every load."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def _add(self, s: Session, table: str, rows: Sequence[object]) -> None:
        s.add_all(rows)
        self._added(s, table, len(rows))

    def _added(self, s: Session, table: str, rows: int) -> None:
        s.flush()
        self.counts[table] = self.counts.get(table, 0) + rows
        self.progress(table)

    # --- the hand-written demo ----------------------------------------------------------------

    def base(self, s: Session) -> None:
        staff = self._staff(s)
        members = self._members(s)
        services = self._services(s)
        self._jobs(s)
        self._trades(s, members)
        self._trainings(s, members)
        children = self._children(s, members)
        self._childcare(s, staff, children)
        self._referrals(s, members, services, staff)

    def _staff(self, s: Session) -> list[StaffUser]:
        rows = []
        for name, role in STAFF:
            pin = ""
            # Distinct PINs, none as guessable as 111111 or 121212.
            while not pin or pin in self.pins.values() or len(set(pin)) < 3:
                pin = str(self.rng.randrange(100_000, 1_000_000))
            self.pins[name] = pin
            rows.append(
                StaffUser(
                    name=name,
                    role=role,
                    pin_hash=hash_pin(pin, salt=self.rng.randbytes(16)),
                    is_example=True,
                    created_at=local_time(self.days_ago(200, 400), 9),
                )
            )
        self._add(s, "staff_users", rows)
        return rows

    def _members(self, s: Session) -> list[Member]:
        rows = []
        for name, locality in MEMBERS:
            joined = local_time(self.days_ago(20, 400), self.rng.randint(9, 17))
            rows.append(
                Member(
                    name=name,
                    phone=self.phone(),
                    locality=locality,
                    created_at=joined,
                    privacy_consent_at=joined,
                    is_example=True,
                )
            )
        self._add(s, "members", rows)
        self._added(s, "member_registrations", len(rows))  # each registered at this centre
        self.member_ids = [m.id for m in rows]
        return rows

    def _services(self, s: Session) -> list[Service]:
        places = {org.key: org for org in ORGANIZATIONS}
        orgs = {
            org.key: Organization(
                hsds_id=self.hsds_id(),
                name=org.name,
                description=org.description,
                phone=self.phone(),
                is_example=True,
            )
            for org in ORGANIZATIONS
        }
        self._add(s, "organizations", list(orgs.values()))
        rows = []
        for item in SERVICES:
            place = places[item.org]
            assured = self.days_ago(200, 400) if item.stale else self.days_ago(3, 90)
            opens, closes = opening_hours(place.schedule)
            rows.append(
                Service(
                    hsds_id=self.hsds_id(),
                    organization=orgs[item.org],
                    name=item.name,
                    description=f"Ejemplo: {item.benefit} Información de muestra, no verificada.",
                    benefit=item.benefit,
                    eligibility=item.eligibility,
                    minimum_age=item.ages[0],
                    maximum_age=item.ages[1],
                    application_process=self.rng.choice(APPLICATION_STEPS),
                    fees=item.fees,
                    required_documents=item.documents.split(),
                    location_name=place.name if place.key != "caja" else "CENESO",
                    address=place.address,
                    locality=place.locality,
                    region="Chihuahua",
                    postal_code=POSTAL_CODES.get(place.locality, ""),
                    country="MX",
                    directions=place.directions,
                    phone=orgs[item.org].phone,
                    schedule=place.schedule,
                    opens_at=opens,
                    closes_at=closes,
                    level=ProgramLevel(item.level),
                    need=ProgramNeed(item.need),
                    status=ServiceStatus.ACTIVE if item.active else ServiceStatus.INACTIVE,
                    assured_date=assured,
                    is_example=True,
                    updated_at=local_time(assured, 12),
                )
            )
        self._add(s, "services", rows)
        return rows

    def _jobs(self, s: Session) -> None:
        rows = []
        for job in JOBS:
            if job.state == "vencida":
                posted, valid = self.days_ago(40, 60), self.days_ago(1, 10)
            else:
                posted = self.days_ago(0, 20)
                valid = self.today + timedelta(days=self.rng.randint(14, 60))
            street = self.rng.choice(STREETS)
            rows.append(
                JobPosting(
                    title=job.title,
                    category=JobCategory(job.category),
                    employer=job.employer,
                    description=job.description,
                    how_to_apply=self.rng.choice(HOW_TO_APPLY),
                    what_to_bring=job.bring.split(),
                    pay_amount=Decimal(job.pay),
                    pay_unit=PayUnit(job.unit),
                    employment_type=EmploymentType(job.kind),
                    schedule=job.schedule,
                    fits_school_hours="E" in job.flags,
                    no_experience_needed="S" in job.flags,
                    starts_now="Y" in job.flags,
                    locality=job.locality,
                    address=f"{street} {self.rng.randint(10, 2500)} (dirección de ejemplo)",
                    contact_phone=self.phone(),
                    openings=0 if job.state == "llena" else self.rng.randint(1, 4),
                    date_posted=posted,
                    valid_through=valid,
                    status=PostingStatus.CLOSED if job.state == "cerrada" else PostingStatus.OPEN,
                    is_example=True,
                    created_at=local_time(posted, 9),
                    updated_at=local_time(posted, 9),
                )
            )
        self._add(s, "job_postings", rows)

    def _trades(self, s: Session, members: list[Member]) -> None:
        rows = []
        for item in TRADES:
            seller = self.rng.choice(members)
            status = ListingStatus(item.state)
            published: datetime | None = None
            if status is ListingStatus.PENDING:
                created = local_time(self.days_ago(0, 2), self.rng.randint(9, 12))
            else:
                created = local_time(self.days_ago(3, 45), self.rng.randint(9, 17))
                published = created + timedelta(hours=self.rng.randint(1, 30))
            reason = ""
            if status is ListingStatus.REJECTED:  # sent back by staff: never shown
                published, reason = None, TRADE_REJECT_REASON
            rows.append(
                TradeListing(
                    seller=seller,
                    title=item.title,
                    category=TradeCategory(item.category),
                    description=item.description,
                    price=Decimal(item.price),
                    price_unit=PriceUnit(item.unit),
                    contact_phone=seller.phone,
                    locality=seller.locality,
                    status=status,
                    reject_reason=reason,
                    is_example=True,
                    created_at=created,
                    published_at=published,
                )
            )
        self._add(s, "trade_listings", rows)

    def _trainings(self, s: Session, members: list[Member]) -> None:
        trainings = []
        sessions: list[list[TrainingSession]] = []
        for item in TRAININGS:
            training = Training(
                title=item.title,
                topic=item.topic,
                description=item.description,
                duration_text=item.duration,
                is_example=True,
            )
            trainings.append(training)
            sessions.append([self._session(training, *one) for one in item.sessions])
        self._add(s, "trainings", trainings)
        self._add(s, "training_sessions", [one for own in sessions for one in own])
        self._enrollments(s, members, sessions)

    def _session(
        self, training: Training, days_ahead: int, hour: int, hours: int, place: str, seats: int
    ) -> TrainingSession:
        day = self.today + timedelta(days=days_ahead)
        if day.weekday() == 6:  # the centre is closed on Sundays
            day += timedelta(days=1)
        return TrainingSession(
            training=training,
            starts_at=local_time(day, hour),
            ends_at=local_time(day, hour + hours),
            place=place,
            seats=seats,
            seats_taken=0,
            childcare_taken=0,
        )

    def _enrollments(
        self, s: Session, members: list[Member], sessions: list[list[TrainingSession]]
    ) -> None:
        children_of = [0] * len(members)
        for child in CHILDREN:
            children_of[child.guardian] += 1
        not_after = local_time(self.today, 9)
        enrollments = []
        for training_index, session_index, who in ENROLLMENTS:
            target = sessions[training_index][session_index]
            for member_index in who:
                children = children_of[member_index]
                signed_up = min(
                    target.starts_at - timedelta(days=self.rng.randint(1, 10)), not_after
                )
                enrollments.append(
                    Enrollment(
                        member_id=members[member_index].id,
                        session_id=target.id,
                        status=EnrollmentStatus.ENROLLED,
                        children_count=children,
                        childcare_reserved=children,
                        childcare_wanted=children,
                        created_at=signed_up,
                        updated_at=signed_up,
                    )
                )
                # The counters as the sign-up service keeps them.
                target.seats_taken += 1
                target.childcare_taken += children
        self._add(s, "enrollments", enrollments)

    def _children(self, s: Session, members: list[Member]) -> list[Child]:
        children = []
        pickups: list[PickupPerson] = []
        for item in CHILDREN:
            guardian = members[item.guardian]
            # `age` years plus 2 to 10 months: never near a birthday, so the age is unambiguous.
            born = self.today - timedelta(days=round(item.age * 365.25) + self.rng.randint(60, 300))
            child = Child(
                guardian=guardian,
                name=item.name,
                birth_date=born,
                medical_note=item.medical_note,
                has_allergy="alergia" in item.medical_note.lower(),
                health_consent_at=guardian.created_at if item.medical_note else None,
                created_at=guardian.created_at,
            )
            children.append(child)
            pickups.extend(
                PickupPerson(
                    child=child,
                    name=name,
                    relation=relation,
                    phone=self.phone() if allowed else None,
                    allowed=allowed,
                )
                for name, relation, allowed in item.pickups
            )
        self._add(s, "children", children)
        self._add(s, "pickup_people", pickups)
        return children

    def _childcare(self, s: Session, staff: list[StaffUser], children: list[Child]) -> None:
        """Four weeks of mornings in the children's room (for the reports), and this
        morning's room: the volunteer on shift and two mothers' children inside."""
        volunteer = next(u for u in staff if u.role is StaffRole.VOLUNTEER)
        by_guardian: dict[int, list[Child]] = {}
        for child in children:
            by_guardian.setdefault(child.guardian_id, []).append(child)
        room = _Room(self.rng, volunteer.id, list(by_guardian.values()))
        for back in range(27, 0, -1):
            day = self.today - timedelta(days=back)
            if day.weekday() != 6:  # closed on Sundays
                room.past_morning(day)
        room.this_morning(self.today)
        self._add(s, "staff_shifts", room.shifts)
        self._add(s, "pickup_codes", room.codes)
        visits = [
            ChildcareVisit(
                child_id=child.id,
                pickup_code_id=pickup.id,
                checked_in_at=pickup.created_at,
                checked_in_by_id=volunteer.id,
                checked_out_at=out,
                checked_out_by_id=volunteer.id if out else None,
                picked_up_by=child.guardian.name if out else "",
            )
            for pickup, family, out in room.stays
            for child in family
        ]
        self._add(s, "childcare_visits", visits)

    def _referrals(
        self, s: Session, members: list[Member], services: list[Service], staff: list[StaffUser]
    ) -> None:
        by_name = {service.name: service for service in services}
        rows = []
        for member_index, service_name, status, follow_up, reason in REFERRALS:
            made = local_time(self.days_ago(3, 20), 11)
            rows.append(
                Referral(
                    member_id=members[member_index].id,
                    service_id=by_name[service_name].id,
                    staff_id=staff[0].id,
                    reason=reason,
                    status=status,
                    follow_up_on=self.today + timedelta(days=follow_up),
                    created_at=made,
                    updated_at=made,
                )
            )
        self._add(s, "referrals", rows)

    # --- the scaled generator (benchmarks) ----------------------------------------------------

    def scaled(self, s: Session, n: int) -> None:
        """``n`` generated rows in each listing table, inserted in bulk (no ORM objects)."""
        Scaled(self.today, self.member_ids, self._added, n).run(s)


class _Room:
    """The children's room of the example days: the volunteer's shifts, the pickup codes,
    and each family's stay (out at, or None while still inside)."""

    def __init__(self, rng: random.Random, volunteer_id: int, families: list[list[Child]]) -> None:
        self.rng = rng
        self.volunteer_id = volunteer_id
        self.families = families
        self.pictures = list(PICKUP_PICTURES)
        self.codes: list[PickupCode] = []
        self.stays: list[tuple[PickupCode, list[Child], datetime | None]] = []
        self.shifts: list[StaffShift] = []

    def visit(
        self, day: date, family: list[Child], code: str, start: datetime, hours: float | None
    ) -> PickupCode:
        pickup = PickupCode(
            day=day,
            code=code,
            picture=self.rng.choice(self.pictures),
            guardian_id=family[0].guardian_id,
            created_at=start,
        )
        self.codes.append(pickup)
        self.stays.append((pickup, family, start + timedelta(hours=hours) if hours else None))
        return pickup

    def shift(self, started: datetime, ended: datetime | None = None) -> None:
        self.shifts.append(
            StaffShift(
                staff_id=self.volunteer_id,
                station=Station.CHILDCARE,
                started_at=started,
                ended_at=ended,
            )
        )

    def past_morning(self, day: date) -> None:
        """A closed morning: five hours of shift, one to four families for a few hours."""
        rng, families = self.rng, self.families
        opened = local_time(day, 9)
        self.shift(opened, opened + timedelta(hours=5))
        drawn = rng.sample(range(10, 100), len(families))
        for family, number in zip(
            rng.sample(families, rng.randint(1, min(4, len(families)))), drawn, strict=False
        ):
            start = local_time(day, rng.randint(9, 10), rng.choice((0, 15, 30, 45)))
            self.visit(day, family, str(number), start, rng.choice((2, 2.5, 3, 3.5)))

    def this_morning(self, today: date) -> None:
        """The volunteer is on shift; two families are in the room."""
        self.shift(local_time(today, 9))
        self.visit(
            today, self.families[0], "47", local_time(today, 9, 40), None
        ).picture = "tortuga"
        if len(self.families) > 3:
            late = local_time(today, 10, 5)
            self.visit(today, self.families[3], "82", late, None).picture = "sol"
