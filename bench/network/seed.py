"""The network's database for the load run: ``Size.centres`` centres (centre 1, and the others
added as the network's coordinator adds them), ``Size.members`` women spread over them, each
registered at her centre and one in ten at a second one too, their children, each centre's
staff and volunteers (on shift today), its courses with their sessions, its trade listings, the
network's program directory and job bank, and ``Size.days`` days of activity before today:
course sign-ups, children's room visits with their pickup codes, referrals, help calls, and the
slip each of them printed.

Rows go in with Core bulk inserts, ``CHUNK`` at a time. The sessions' hooks do not see a Core
insert, so every row of a centre names its centre itself."""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, insert, select, text, update
from sqlalchemy.orm import Session

from kiosk.config import Settings
from kiosk.data import db, roles
from kiosk.data.demo.content import CHUNK, TRAININGS
from kiosk.data.demo.scaled import Scaled
from kiosk.data.models import (
    AuditEvent,
    Centre,
    Child,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    HelpRequest,
    Member,
    MemberRegistration,
    PickupCode,
    PrintStatus,
    Referral,
    ReferralStatus,
    Service,
    ServiceStatus,
    StaffRole,
    StaffUser,
    Training,
    TrainingSession,
    Voucher,
    VoucherKind,
)
from kiosk.numbers import new_number
from kiosk.security import hash_pin
from kiosk.services.centres import CentreInfo, CentreService
from kiosk.services.childcare import ChildcareService
from kiosk.services.childcare.common import PICTURES

TIMEZONE = ZoneInfo(Settings.timezone)
ROOM_CAPACITY = Settings.childcare_capacity  # the room's places at every centre (the default)
SEED = 21

# The centres after centre 1 (the database's first, Aquiles Serdán): code and municipality.
MUNICIPALITIES = (
    ("aldama", "Aldama"),
    ("chihuahua", "Chihuahua"),
    ("delicias", "Delicias"),
    ("cuauhtemoc", "Cuauhtémoc"),
    ("parral", "Hidalgo del Parral"),
    ("juarez", "Juárez"),
    ("camargo", "Camargo"),
    ("jimenez", "Jiménez"),
    ("meoqui", "Meoqui"),
    ("ojinaga", "Ojinaga"),
    ("casas-grandes", "Nuevo Casas Grandes"),
    ("guachochi", "Guachochi"),
)
FIRST_NAMES = (
    "María", "Guadalupe", "Rosa", "Ana", "Juana", "Claudia", "Yesenia", "Perla", "Leticia",
    "Martha", "Silvia", "Verónica", "Adriana", "Norma", "Elena", "Karen", "Isela", "Brenda",
)  # fmt: skip
LAST_NAMES = (
    "Hernández", "Chávez", "Holguín", "Olivas", "Márquez", "Terrazas", "Rivas", "Domínguez",
    "Baeza", "Meza", "Ramírez", "Flores", "Gómez", "Loya", "Ortega", "Valles", "Caraveo",
)  # fmt: skip
CHILD_NAMES = ("Sofía", "Mateo", "Valentina", "Santiago", "Camila", "Diego", "Ximena", "Leo")
OUTCOMES = (
    ReferralStatus.RECEIVED,
    ReferralStatus.PENDING,
    ReferralStatus.NOT_UPDATED,
    ReferralStatus.UNREACHABLE,
    ReferralStatus.NO_PLACES,
)
TRAININGS_PER_CENTRE = 6
SECOND_CENTRE = 0.1  # women registered at a second centre
MOTHERS = 0.35  # women with children in the centre's records
WEEKS_AHEAD = 2  # each course's sessions still to come


@dataclass(frozen=True)
class Size:
    centres: int = 10
    kiosks: int = 8  # per centre
    members: int = 100_000
    days: int = 365


def seed(engine: Engine, size: Size, seed: int = SEED) -> list[CentreInfo]:
    """Fill the (empty or just migrated) database at ``engine``; the network's centres."""
    db.migrate(engine)
    centres = add_centres(engine, size.centres)
    Seeder(engine, size, [c.id for c in centres], seed).run()
    return centres


def add_centres(engine: Engine, count: int) -> list[CentreInfo]:
    """Centre 1 and as many more as it takes to have ``count``, added by the coordinator."""
    service = CentreService(db.make_session_factory(engine))
    have = len(service.all())
    for n in range(have, count):
        code, municipality = (
            MUNICIPALITIES[n - 1] if n - 1 < len(MUNICIPALITIES) else (f"centro-{n + 1}", "")
        )
        service.add(code, f"CENESO {municipality or code}", municipality or code)
    return service.all()[:count]


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def insert_rows(conn: Connection, model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (dicts with the same keys) in batches; their ids, in the rows' order."""
    ids: list[int] = []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    for chunk in _chunks(rows):
        ids.extend(conn.execute(statement, chunk).scalars())
    return ids


class Seeder:
    def __init__(self, engine: Engine, size: Size, centres: list[int], seed: int) -> None:
        self.engine = engine
        self.size = size
        self.centres = centres
        self.rng = random.Random(seed)
        self.today = datetime.now(TIMEZONE).date()
        self.municipality: dict[int, str] = {}
        self.homes: dict[int, int] = {}  # each woman's first centre
        self.registered: dict[int, list[int]] = {c: [] for c in centres}
        self.children: dict[int, dict[int, list[int]]] = {c: {} for c in centres}
        self.staff: dict[int, list[int]] = {}
        self.volunteers: dict[int, list[int]] = {}
        self.services: list[int] = []
        self.numbers: set[str] = set()
        self.vouchers: list[dict[str, Any]] = []

    def run(self) -> None:
        with self.engine.begin() as conn:
            self.municipality = {
                c.id: c.municipality
                for c in CentreService(db.make_session_factory(self.engine)).all()
            }
            self.members(conn)
            self.kids(conn)
            self.people(conn)
        # The day's volunteers open their shifts as at any centre (the first one of a new
        # centre also makes its children's room).
        for centre in self.centres:
            childcare = ChildcareService(db.make_session_factory(self.engine, centre))
            for volunteer in self.volunteers[centre]:
                childcare.start_shift(volunteer)
        with self.engine.begin() as conn:
            self.directories(conn)
            self.trades(conn)
        with self.engine.begin() as conn:
            self.courses(conn)
            self.room_visits(conn)
            self.referrals(conn)
            self.help_calls(conn)
            insert_rows(conn, Voucher, self.vouchers)

    # --- helpers --------------------------------------------------------------------------

    def at(self, day: date, earliest: int = 9, latest: int = 18) -> datetime:
        """A moment of ``day`` between the hours given, the centre's time, in UTC."""
        minutes = self.rng.randrange(earliest * 60, latest * 60)
        local = datetime.combine(day, time(0), tzinfo=TIMEZONE) + timedelta(minutes=minutes)
        return local.astimezone(UTC)

    def open_days(self) -> Iterator[date]:
        """The days before today the centres were open (Monday to Saturday), oldest first."""
        for back in range(self.size.days, 0, -1):
            day = self.today - timedelta(days=back)
            if day.weekday() != 6:
                yield day

    def slip(
        self, centre: int, kind: VoucherKind, table: str, subject: int, when: datetime
    ) -> None:
        number = new_number()
        while number in self.numbers:
            number = new_number()
        self.numbers.add(number)
        self.vouchers.append(
            {
                "centre_id": centre,
                "number": number,
                "kind": kind,
                "subject_table": table,
                "subject_id": subject,
                "print_status": PrintStatus.PRINTED,
                "printed_count": 1,
                "created_at": when,
            }
        )

    def per_day(self, centre: int, per_thousand: float) -> int:
        """How many of something a centre's day has: ``per_thousand`` for each 1 000 women."""
        expected = len(self.registered[centre]) * per_thousand / 1000
        return self.rng.randint(int(expected / 2), max(1, round(expected * 1.5)))

    def name(self) -> str:
        rng = self.rng
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {rng.choice(LAST_NAMES)}"

    # --- people ---------------------------------------------------------------------------

    def members(self, conn: Connection) -> None:
        rng = self.rng
        homes = [rng.choice(self.centres) for _ in range(self.size.members)]
        joined = [
            self.at(self.today - timedelta(days=rng.randint(1, self.size.days + 700)))
            for _ in homes
        ]
        rows = [
            {
                "centre_id": home,
                "name": self.name(),
                "phone": f"614{2_000_000 + n:07d}",
                "locality": self.municipality[home],
                "created_at": stamp,
                "privacy_consent_at": stamp,
                "is_example": True,
            }
            for n, (home, stamp) in enumerate(zip(homes, joined, strict=True))
        ]
        ids = insert_rows(conn, Member, rows)
        registrations = []
        for member, home, stamp in zip(ids, homes, joined, strict=True):
            self.homes[member] = home
            self.registered[home].append(member)
            registrations.append({"centre_id": home, "member_id": member, "registered_at": stamp})
            if len(self.centres) > 1 and rng.random() < SECOND_CENTRE:
                other = rng.choice([c for c in self.centres if c != home])
                self.registered[other].append(member)
                later = self.at(self.today - timedelta(days=rng.randint(1, self.size.days)))
                registrations.append(
                    {"centre_id": other, "member_id": member, "registered_at": later}
                )
        insert_rows(conn, MemberRegistration, registrations)

    def kids(self, conn: Connection) -> None:
        """Children, each in the records of her mother's own centre."""
        rng = self.rng
        rows, mothers = [], []
        for member, home in self.homes.items():
            if rng.random() >= MOTHERS:
                continue
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
                born = self.today - timedelta(days=rng.randint(200, 11 * 365))
                rows.append(
                    {
                        "centre_id": home,
                        "guardian_id": member,
                        "name": f"{rng.choice(CHILD_NAMES)} {rng.choice(LAST_NAMES)}",
                        "birth_date": born,
                        "created_at": self.at(self.today - timedelta(days=rng.randint(1, 900))),
                    }
                )
                mothers.append((home, member))
        for child, (home, member) in zip(insert_rows(conn, Child, rows), mothers, strict=True):
            self.children[home].setdefault(member, []).append(child)

    def people(self, conn: Connection) -> None:
        """Each centre's staff (three) and childcare volunteers (three)."""
        hashes = {StaffRole.STAFF: hash_pin("2468"), StaffRole.VOLUNTEER: hash_pin("1357")}
        rows, roles = [], []
        for centre in self.centres:
            names = iter(self.rng.sample(FIRST_NAMES, 6))
            for role in (StaffRole.STAFF, StaffRole.VOLUNTEER):
                for _ in range(3):
                    rows.append(
                        {
                            "centre_id": centre,
                            "name": f"{next(names)} {self.rng.choice(LAST_NAMES)}",
                            "role": role,
                            "pin_hash": hashes[role],
                            "is_example": True,
                        }
                    )
                    roles.append((centre, role))
        for staff, (centre, role) in zip(insert_rows(conn, StaffUser, rows), roles, strict=True):
            group = self.staff if role is StaffRole.STAFF else self.volunteers
            group.setdefault(centre, []).append(staff)

    # --- the network's directories and each centre's listings ------------------------------

    def directories(self, conn: Connection) -> None:
        scaled = Scaled(self.today, [], lambda *_args: None, max(100, self.size.members // 20))
        with Session(conn) as s:
            scaled.jobs(s)
            scaled.services(s, scaled.organizations(s))
        active = select(Service.id).where(Service.status == ServiceStatus.ACTIVE)
        self.services = list(conn.execute(active).scalars())

    def trades(self, conn: Connection) -> None:
        for centre in self.centres:
            sellers = self.registered[centre]
            if not sellers:
                continue
            scaled = Scaled(self.today, sellers, lambda *_args: None, max(20, len(sellers) // 5))
            with Session(conn, info={"centre_id": centre}) as s:
                scaled.trades(s)

    # --- a year of activity ---------------------------------------------------------------

    def courses(self, conn: Connection) -> None:
        """Each centre's courses, one session a week from ``days`` ago to two weeks ahead;
        the past ones held (attended or not), the coming ones partly taken."""
        rng = self.rng
        trainings, kinds = [], []
        for centre in self.centres:
            for example in rng.sample(TRAININGS, min(TRAININGS_PER_CENTRE, len(TRAININGS))):
                trainings.append(
                    {
                        "centre_id": centre,
                        "title": example.title,
                        "topic": example.topic,
                        "description": example.description,
                        "duration_text": example.duration,
                        "is_example": True,
                    }
                )
                kinds.append((centre, example))
        sessions: list[dict[str, Any]] = []
        enrolled: list[list[dict[str, Any]]] = []
        for training, (centre, example) in zip(
            insert_rows(conn, Training, trainings), kinds, strict=True
        ):
            _ahead, hour, hours, place, seats = example.sessions[0]
            day = self.today - timedelta(days=self.size.days - rng.randrange(7))
            while day <= self.today + timedelta(weeks=WEEKS_AHEAD):
                if day != self.today and day.weekday() != 6:
                    starts = datetime.combine(day, time(hour), tzinfo=TIMEZONE).astimezone(UTC)
                    rows = self.sign_ups(centre, seats, starts, past=day < self.today)
                    seated = [r for r in rows if r["status"] is not EnrollmentStatus.CANCELLED]
                    sessions.append(
                        {
                            "centre_id": centre,
                            "training_id": training,
                            "starts_at": starts,
                            "ends_at": starts + timedelta(hours=hours),
                            "place": place,
                            "seats": seats,
                            "seats_taken": len(seated),
                            "childcare_taken": sum(r["childcare_reserved"] for r in seated),
                        }
                    )
                    enrolled.append(rows)
                day += timedelta(weeks=1)
        rows = []
        for session, sign_ups in zip(
            insert_rows(conn, TrainingSession, sessions), enrolled, strict=True
        ):
            for row in sign_ups:
                rows.append({**row, "session_id": session})
        for enrollment, row in zip(insert_rows(conn, Enrollment, rows), rows, strict=True):
            if row["status"] is not EnrollmentStatus.CANCELLED:
                kind, table = VoucherKind.TRAINING, "enrollments"
                self.slip(row["centre_id"], kind, table, enrollment, row["created_at"])

    def sign_ups(
        self, centre: int, seats: int, starts: datetime, *, past: bool
    ) -> list[dict[str, Any]]:
        rng = self.rng
        seated = rng.randint(seats * 6 // 10, seats) if past else rng.randint(0, seats * 4 // 10)
        cancelled = rng.randint(0, 2)
        people = self.registered[centre]
        chosen = rng.sample(people, min(len(people), seated + cancelled))
        rows = []
        for n, member in enumerate(chosen):
            status = EnrollmentStatus.CANCELLED
            if n < seated:
                status = EnrollmentStatus.ENROLLED
                if past:
                    status = (
                        EnrollmentStatus.NO_SHOW
                        if rng.random() < 0.15
                        else EnrollmentStatus.ATTENDED
                    )
            # Places in the children's room only on past sessions: the coming ones leave the
            # room's places to the run's sign-ups.
            places = (
                1
                if past and status is not EnrollmentStatus.CANCELLED and rng.random() < 0.15
                else 0
            )
            made = starts - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 8))
            rows.append(
                {
                    "centre_id": centre,
                    "member_id": member,
                    "status": status,
                    "waitlist_position": None,
                    "children_count": places,
                    "childcare_reserved": places,
                    "childcare_wanted": places,
                    "waits_for_childcare": False,
                    "created_at": made,
                    "updated_at": made,
                }
            )
        return rows

    def room_visits(self, conn: Connection) -> None:
        """Each open day's check-ins: never more children in the room than its places (all of
        a day's children fit at once), every one picked up the same day, each code new that
        day; the room's record of each check-in and check-out in the order they happened."""
        rng = self.rng
        codes, visits, moves = [], [], []
        for centre in self.centres:
            mothers = list(self.children[centre])
            volunteers = self.volunteers[centre]
            for day in self.open_days():
                count = min(len(mothers), self.per_day(centre, 1.0))
                inside = 0
                numbers = iter(rng.sample(range(10, 100), 90))
                for mother in rng.sample(mothers, count):
                    kids = self.children[centre][mother]
                    if inside + len(kids) > ROOM_CAPACITY:
                        break
                    inside += len(kids)
                    arrived = self.at(day, 9, 15)
                    left = arrived + timedelta(minutes=rng.randint(45, 180))
                    by = rng.choice(volunteers)
                    codes.append(
                        {
                            "centre_id": centre,
                            "day": day,
                            "code": str(next(numbers)),
                            "picture": rng.choice(PICTURES),
                            "guardian_id": mother,
                            "created_at": arrived,
                        }
                    )
                    visits.append(
                        [
                            {
                                "centre_id": centre,
                                "child_id": kid,
                                "checked_in_at": arrived,
                                "checked_in_by_id": by,
                                "checked_out_at": left,
                                "checked_out_by_id": by,
                                "picked_up_by": "",
                            }
                            for kid in kids
                        ]
                    )
        rows = []
        for code, kids in zip(insert_rows(conn, PickupCode, codes), visits, strict=True):
            first = kids[0]
            centre, arrived = first["centre_id"], first["checked_in_at"]
            rows.extend({**visit, "pickup_code_id": code} for visit in kids)
            self.slip(centre, VoucherKind.PICKUP, "pickup_codes", code, arrived)
            for action, when in (
                ("childcare.check_in", arrived),
                ("childcare.check_out", first["checked_out_at"]),
            ):
                moves.append(
                    {
                        "centre_id": centre,
                        "staff_id": first["checked_in_by_id"],
                        "action": action,
                        "subject_table": "pickup_codes",
                        "subject_id": code,
                        "detail": f"children={len(kids)}",
                        "created_at": when,
                    }
                )
        insert_rows(conn, ChildcareVisit, rows)
        moves.sort(key=lambda m: m["created_at"])
        insert_rows(conn, AuditEvent, moves)

    def referrals(self, conn: Connection) -> None:
        rng = self.rng
        rows = []
        for centre in self.centres:
            women = self.registered[centre]
            for day in self.open_days():
                for _ in range(self.per_day(centre, 0.5) if women else 0):
                    made = self.at(day)
                    rows.append(
                        {
                            "centre_id": centre,
                            "member_id": rng.choice(women),
                            "service_id": rng.choice(self.services),
                            "staff_id": rng.choice(self.staff[centre]),
                            "reason": "Ejemplo: lo pidió en el quiosco.",
                            "status": rng.choice(OUTCOMES),
                            "follow_up_on": day + timedelta(days=rng.choice((7, 14, 30))),
                            "outcome_note": "",
                            "created_at": made,
                            "updated_at": made,
                        }
                    )
        for referral, row in zip(insert_rows(conn, Referral, rows), rows, strict=True):
            self.slip(
                row["centre_id"], VoucherKind.REFERRAL, "referrals", referral, row["created_at"]
            )

    def help_calls(self, conn: Connection) -> None:
        rng = self.rng
        rows = []
        for centre in self.centres:
            for day in self.open_days():
                for _ in range(self.per_day(centre, 0.7)):
                    called = self.at(day)
                    rows.append(
                        {
                            "centre_id": centre,
                            "station_name": f"Quiosco {rng.randint(1, self.size.kiosks)}",
                            "page": "",
                            "created_at": called,
                            "resolved_at": called + timedelta(minutes=rng.randint(1, 10)),
                            "resolved_by_id": rng.choice(self.staff[centre]),
                        }
                    )
        insert_rows(conn, HelpRequest, rows)


def centre_users(engine: Engine, centres: Sequence[CentreInfo]) -> dict[int, str]:
    """Each centre's own database user, made for the run (PostgreSQL), as the network's
    centres have: the address its kiosks connect with. Row-level security then keeps every
    kiosk to its centre's people whatever the services ask."""
    urls: dict[int, str] = {}
    run = secrets.token_hex(4)
    with engine.begin() as conn:
        for centre in centres:
            user, password = f"kiosk_load_{run}_{centre.id}", secrets.token_urlsafe(16)
            roles.create_login(conn, user, password, roles.CENTRES_GROUP)
            conn.execute(update(Centre).where(Centre.id == centre.id).values(db_role=user))
            address = engine.url.set(username=user, password=password)
            urls[centre.id] = address.render_as_string(hide_password=False)
    return urls


def drop_centre_users(engine: Engine, centres: Sequence[CentreInfo]) -> None:
    """Undo :func:`centre_users` (database users outlive a database on its server)."""
    with engine.begin() as conn:
        users = conn.scalars(
            select(Centre.db_role).where(Centre.id.in_([c.id for c in centres]))
        ).all()
        conn.execute(update(Centre).values(db_role=None))
        for user in users:
            if user:
                conn.execute(text(f'DROP ROLE IF EXISTS "{roles.check_name(user)}"'))
