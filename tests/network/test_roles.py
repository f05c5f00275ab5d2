"""Kept apart by the database, not by the pages: on PostgreSQL each centre's stations connect
with their centre's user, and the server itself shows that user only its own centre's people
(row-level security), whatever SQL it sends; the network's directories are every centre's; the
coordinator's user counts every centre's rows and reads no one's name.

Three centres: Aquiles Serdán (centre 1, the example data, no user of its own), Aldama and
Delicias, each with its own user made as ``kiosk centre add --role`` makes it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from base64 import b64decode
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from kiosk import numbers
from kiosk.__main__ import main
from kiosk.data import db
from kiosk.data.models import (
    Child,
    Enrollment,
    EnrollmentStatus,
    HelpRequest,
    ListingStatus,
    Member,
    PickupPerson,
    PriceUnit,
    PrintStatus,
    SavingsGroup,
    SavingsKind,
    StaffRole,
    StaffUser,
    TradeCategory,
    TradeListing,
    Training,
    TrainingSession,
    Voucher,
    VoucherKind,
)
from kiosk.services import notify
from kiosk.services.centres import CentreService
from kiosk.services.childcare import ChildcareService, Limits
from kiosk.services.help import HelpService
from kiosk.services.members import MemberService
from kiosk.services.staff import StaffService
from kiosk.services.trade import ListingDraft, TradeService
from kiosk.services.trainings import TrainingService
from kiosk.services.vouchers import VoucherService
from kiosk.vouchers import kinds
from tests.conftest import migrated

postgresql = pytest.mark.postgresql

Factory = sessionmaker[Session]
TZ = "America/Chihuahua"
# What a centre's user may never read of another centre: every table of people and their doings.
PERSONAL = (
    "members",
    "children",
    "pickup_people",
    "help_requests",
    "vouchers",
    "enrollments",
    "savings_groups",
    "staff_users",
)


@dataclass
class Network:
    """The owner's engine, the three centres' numbers and the centres' users."""

    owner: Engine
    url: str
    ids: dict[str, int]
    users: dict[str, tuple[str, str]] = field(default_factory=dict)  # centre -> (user, password)
    engines: list[Engine] = field(default_factory=list)

    def factory(self, centre: str) -> Factory:
        """A station of ``centre`` as the server's owner would run it (to set things up)."""
        return db.make_session_factory(self.owner, self.ids[centre])

    def engine_as(self, user: str, password: str) -> Engine:
        url = make_url(self.url).set(username=user, password=password)
        engine = db.make_engine(url)
        self.engines.append(engine)
        return engine

    def station(self, centre: str) -> Engine:
        """An engine that connects as ``centre``'s own user."""
        return self.engine_as(*self.users[centre])


def new_user(prefix: str) -> tuple[str, str]:
    """A user name no other test (nor another run on the same server) uses, and a password."""
    return f"{prefix}_{secrets.token_hex(5)}", secrets.token_urlsafe(16)


def drop_users(url: str, names: list[str]) -> None:
    admin = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def network(pg_url: str) -> Iterator[Network]:
    migrated(pg_url)
    owner = db.make_engine(pg_url)
    db.migrate(owner)
    service = CentreService(db.make_session_factory(owner))
    net = Network(owner, pg_url, {"serdan": 1})
    try:
        for code, name in (("aldama", "Aldama"), ("delicias", "Delicias")):
            user, password = new_user(code)
            net.users[code] = (user, password)
            net.ids[code] = service.add(
                code, f"CENESO {name}", name, db_role=user, password=password
            ).id
        yield net
    finally:
        for engine in net.engines:
            engine.dispose()
        owner.dispose()
        drop_users(pg_url, [user for user, _password in net.users.values()])


# --- what each centre holds -----------------------------------------------------------------

NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Held:
    member: int
    phone: str
    child: int
    published: int
    pending: int


def fill(factory: Factory, n: int) -> Held:
    """A woman of the centre, her child and his pickup person, a help call, a slip, a course
    with her sign-up, a savings group, a staff account and two listings (one published)."""
    phone = f"61455{n:05d}"
    with factory.begin() as s:
        staff = StaffUser(name=f"Staff {n}", role=StaffRole.STAFF, pin_hash="x")
        member = Member(name=f"Mujer {n}", phone=phone, created_at=NOW, privacy_consent_at=NOW)
        s.add_all([staff, member])
        s.flush()
        child = Child(guardian_id=member.id, name=f"Niño {n}", birth_date=date(2021, 1, n % 28 + 1))
        s.add(child)
        s.flush()
        s.add(PickupPerson(child_id=child.id, name=f"Abuela {n}", relation="abuela", allowed=True))
        s.add(HelpRequest(station_name=f"PC {n}", page="home", created_at=NOW))
        s.add(
            Voucher(
                number=f"{n:09d}",
                kind=VoucherKind.TEST,
                pdf=b"%PDF",
                print_status=PrintStatus.WAITING,
            )
        )
        course = Training(title=f"Curso {n}", topic="costura")
        s.add(course)
        s.flush()
        session = TrainingSession(
            training_id=course.id,
            starts_at=NOW + timedelta(days=3),
            ends_at=NOW + timedelta(days=3, hours=2),
            place="Salón",
            seats=10,
            seats_taken=1,
            childcare_taken=0,
        )
        s.add(session)
        s.flush()
        s.add(
            Enrollment(member_id=member.id, session_id=session.id, status=EnrollmentStatus.ENROLLED)
        )
        s.add(SavingsGroup(name=f"Caja {n}", kind=SavingsKind.CAJA, created_by_id=staff.id))
        listings = [
            TradeListing(
                seller_id=member.id,
                title=f"Pan {n} {status}",
                category=TradeCategory.BAKERY,
                price=Decimal(10),
                price_unit=PriceUnit.PIECE,
                status=status,
                published_at=NOW if status is ListingStatus.PUBLISHED else None,
            )
            for status in (ListingStatus.PUBLISHED, ListingStatus.PENDING)
        ]
        s.add_all(listings)
        s.flush()
        return Held(member.id, phone, child.id, listings[0].id, listings[1].id)


@pytest.fixture
def held(network: Network) -> dict[str, Held]:
    from kiosk.data.demo import load_demo

    load_demo(network.factory("serdan"))  # the directories, and centre 1's people
    return {centre: fill(network.factory(centre), n) for n, centre in enumerate(network.ids, 1)}


def ids_by_centre(engine: Engine, table: str) -> dict[int, set[int]]:
    key = "child_id" if table == "child_photos" else "id"
    found: dict[int, set[int]] = {}
    with engine.connect() as conn:
        for row_id, centre in conn.execute(text(f"SELECT {key}, centre_id FROM {table}")):
            found.setdefault(centre, set()).add(row_id)
    return found


# --- plain SQL as a centre's user -------------------------------------------------------------


@postgresql
def test_a_centres_user_reads_its_own_people_and_no_one_elses(
    network: Network, held: dict[str, Held]
) -> None:
    aldama = network.station("aldama")
    everyone = {table: ids_by_centre(network.owner, table) for table in PERSONAL}
    for table in PERSONAL:
        assert len(everyone[table]) == 3, table  # every centre has some
        seen = ids_by_centre(aldama, table)
        assert seen == {network.ids["aldama"]: everyone[table][network.ids["aldama"]]}, table
    with aldama.connect() as conn:
        assert (
            conn.scalar(
                text("SELECT count(*) FROM members WHERE phone = :p"), {"p": held["delicias"].phone}
            )
            == 0
        )
        rows = conn.execute(text("SELECT * FROM children")).mappings().all()
        assert [row["name"] for row in rows] == ["Niño 2"]


@postgresql
def test_the_networks_directories_are_every_centres(
    network: Network, held: dict[str, Held]
) -> None:
    aldama = network.station("aldama")
    for table in ("services", "job_postings", "organizations"):
        with network.owner.connect() as conn:
            total = conn.scalar(text(f"SELECT count(*) FROM {table}"))
        with aldama.connect() as conn:
            assert conn.scalar(text(f"SELECT count(*) FROM {table}")) == total > 0, table
    # Staff at any centre keep the directory current.
    with aldama.begin() as conn:
        changed = conn.execute(text("UPDATE services SET phone = '6145550000' WHERE id = 1"))
        assert changed.rowcount == 1


@postgresql
def test_another_centres_rows_cannot_be_changed_nor_made(
    network: Network, held: dict[str, Held]
) -> None:
    delicias = network.ids["delicias"]
    aldama = network.station("aldama")
    with aldama.begin() as conn:
        for table in (*PERSONAL, "trade_listings"):
            where = {"c": delicias}
            if table == "members":
                changed = conn.execute(
                    text("UPDATE members SET name = 'X' WHERE centre_id = :c"), where
                )
            else:
                changed = conn.execute(
                    text(f"UPDATE {table} SET centre_id = centre_id WHERE centre_id = :c"), where
                )
            assert changed.rowcount == 0, table
            if table != "members":  # no centre deletes a woman: erasure blanks her
                gone = conn.execute(text(f"DELETE FROM {table} WHERE centre_id = :c"), where)
                assert gone.rowcount == 0, table
    refused = {
        "help_requests": "INSERT INTO help_requests (station_name, page, created_at, centre_id)"
        " VALUES ('PC', 'home', now(), :c)",
        "members": "INSERT INTO members (name, phone, locality, created_at, is_example, centre_id)"
        " VALUES ('Intrusa', '6145559999', '', now(), false, :c)",
        "children": "INSERT INTO children (guardian_id, name, birth_date, medical_note,"
        " has_allergy, created_at, centre_id) VALUES (:m, 'Niño', '2021-01-01', '', false,"
        " now(), :c)",
    }
    for table, statement in refused.items():
        refusal = f'row-level security policy for table "{table}"'
        with pytest.raises(ProgrammingError, match=refusal), aldama.begin() as conn:
            conn.execute(text(statement), {"c": delicias, "m": held["aldama"].member})
    # And moving a row of its own to another centre is the same as making one there.
    with pytest.raises(ProgrammingError, match="row-level security"), aldama.begin() as conn:
        conn.execute(text("UPDATE help_requests SET centre_id = :c"), {"c": delicias})
    assert len(ids_by_centre(network.owner, "help_requests")[delicias]) == 1


@postgresql
def test_other_centres_published_listings_are_seen_and_left_alone(
    network: Network, held: dict[str, Held]
) -> None:
    theirs = held["delicias"]
    aldama = network.station("aldama")
    with aldama.begin() as conn:
        seen = set(conn.scalars(text("SELECT id FROM trade_listings")))
        assert theirs.published in seen and theirs.pending not in seen
        assert {held["aldama"].published, held["aldama"].pending} <= seen
        for statement in (
            "UPDATE trade_listings SET price = 1 WHERE id = :id",
            "UPDATE trade_listings SET status = 'withdrawn' WHERE id = :id",
            "DELETE FROM trade_listings WHERE id = :id",
        ):
            assert conn.execute(text(statement), {"id": theirs.published}).rowcount == 0
    with network.owner.connect() as conn:
        price, status = conn.execute(
            text("SELECT price, status FROM trade_listings WHERE id = :id"),
            {"id": theirs.published},
        ).one()
    assert (price, status) == (Decimal(10), "published")


@postgresql
def test_a_user_of_no_centre_reads_nothing(network: Network, held: dict[str, Held]) -> None:
    """A member of the centres' group whose name no centre records sees no one."""
    user, password = new_user("nadie")
    network.users["nadie"] = (user, password)
    admin = make_url(network.url).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(False), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {user} LOGIN IN ROLE kiosk_centres")
    with network.engine_as(user, password).connect() as conn:
        for table in PERSONAL:
            assert conn.scalar(text(f"SELECT count(*) FROM {table}")) == 0, table
        assert conn.scalar(text("SELECT count(*) FROM services")) > 0


# --- the kiosk's services on a centre's user ----------------------------------------------------


@postgresql
def test_the_kiosk_works_end_to_end_as_a_centres_user(
    network: Network, held: dict[str, Held]
) -> None:
    aldama_id = network.ids["aldama"]
    station = db.make_session_factory(network.station("aldama"), aldama_id)
    db.check_centre(station.kw["bind"], aldama_id)

    members = MemberService(station)
    new = members.register("Carmen Díaz", "614 555 7777", consent=True)
    assert members.find_by_phone("6145557777") == new

    # A woman of Delicias signs in at Aldama: the same person, her children there unseen.
    theirs = held["delicias"]
    visitor = members.find_by_phone(theirs.phone)
    assert visitor is not None and visitor.id == theirs.member and visitor.name == "Mujer 3"
    with station() as s:
        assert s.get(Member, theirs.member).children == []
        assert s.get(Child, theirs.child) is None
        assert s.scalar(select(func.count()).select_from(Child)) == 1  # Aldama's own child
    with network.engine_as(*network.users["aldama"]).connect() as conn:
        assert (
            conn.scalar(text("SELECT count(*) FROM children WHERE id = :id"), {"id": theirs.child})
            == 0
        )

    # A course at Aldama: she signs up.
    trainings = TrainingService(station, childcare_capacity=15, timezone=TZ)
    course = trainings.create_training("Panadería", "panaderia")
    starts = datetime.now(UTC) + timedelta(hours=1)
    session = trainings.add_session(course.id, starts, starts + timedelta(hours=2), "Salón", 10)
    signed = trainings.sign_up(visitor.id, session.id)
    assert signed.status.value == "enrolled"

    # Her child is registered at Aldama and checked in with a volunteer on shift.
    volunteer = StaffService(station).add("Lupe Cano", StaffRole.VOLUNTEER, "5566")
    childcare = ChildcareService(station, limits=Limits(15, 12, 5, 4), timezone=TZ)
    childcare.start_shift(volunteer.id)
    child = childcare.register_child(visitor.id, "Sofía", date(2022, 5, 1), allowed=["Tía Rosa"])
    checked = childcare.check_in(visitor.id, [child.id], volunteer.id)
    assert checked.pickup.code and [c.name for c in childcare.room().children] == ["Sofía"]

    # A help call reaches Aldama's desk list; a slip is issued; a listing waits for approval.
    helps = HelpService(station)
    helps.call("PC 1", "home")
    assert sorted(c.station_name for c in helps.open_calls()) == ["PC 1", "PC 2"]  # 2: Aldama's
    vouchers = VoucherService(station)
    slip = vouchers.issue(VoucherKind.TEST, partial(kinds.test_slip, datetime.now(UTC)))
    assert vouchers.check(slip.number).state.value == "valid"
    trade = TradeService(station)
    listing = trade.publish(visitor.id, ListingDraft("Tamales", "comida", "120", "docena"))
    assert listing.status is ListingStatus.PENDING and trade.pending_count() == 2
    approved = trade.approve(listing.id, volunteer.id)
    assert approved.status is ListingStatus.PUBLISHED

    # None of it is Delicias's, nor did Aldama's station touch Delicias's rows.
    with network.owner.connect() as conn:
        for table in ("enrollments", "children", "help_requests", "vouchers", "trade_listings"):
            centres = set(conn.scalars(text(f"SELECT centre_id FROM {table} WHERE id > 0")))
            assert aldama_id in centres, table
        assert (
            conn.scalar(
                text("SELECT count(*) FROM member_registrations WHERE member_id = :m"),
                {"m": theirs.member},
            )
            == 2
        )


@postgresql
def test_a_station_set_for_another_centre_is_refused(network: Network) -> None:
    aldama = network.station("aldama")
    with pytest.raises(db.UnknownCentre) as refused:
        db.check_centre(aldama, network.ids["delicias"])
    sentence = str(refused.value)
    assert "\n" not in sentence and str(network.ids["delicias"]) in sentence
    assert str(network.ids["aldama"]) in sentence
    db.check_centre(aldama, network.ids["aldama"])  # its own centre: accepted


# --- the coordinator ----------------------------------------------------------------------------


@postgresql
def test_the_coordinator_counts_every_centre_and_reads_no_name(
    network: Network, held: dict[str, Held]
) -> None:
    user, password = new_user("coordina")
    network.users["coordina"] = (user, password)
    CentreService(network.factory("serdan")).add_coordinator(user, password)
    coordinator = network.engine_as(user, password)
    for table in ("members", "children", "enrollments", "help_requests", "vouchers"):
        count = text(f"SELECT centre_id, count(*) FROM {table} GROUP BY centre_id")
        with network.owner.connect() as conn:
            every = {c: n for c, n in conn.execute(count)}
        with coordinator.connect() as conn:
            counted = {c: n for c, n in conn.execute(count)}
        assert counted == every and set(counted) == set(network.ids.values()), table
    with coordinator.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM services")) > 0
    for statement in (
        "SELECT name FROM members",
        "SELECT phone FROM members",
        "SELECT * FROM children",
        "SELECT name FROM pickup_people",
        "SELECT pin_hash FROM staff_users",
        "SELECT pdf FROM vouchers",
        "INSERT INTO help_requests (station_name, page, created_at, centre_id)"
        " VALUES ('PC', 'home', now(), 1)",
    ):
        with (
            pytest.raises(ProgrammingError, match="permission denied"),
            coordinator.connect() as conn,
        ):
            conn.execute(text(statement))


# --- the command line -----------------------------------------------------------------------


@postgresql
def test_kiosk_centre_add_makes_a_user_kept_to_its_centre(
    network: Network, held: dict[str, Held], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    user, password = new_user("camargo")
    network.users["camargo"] = (user, password)
    monkeypatch.setenv("KIOSK_DATABASE_URL", network.url)
    monkeypatch.setenv("KIOSK_ROLE_PASSWORD", password)
    assert (
        main(
            [
                "centre",
                "add",
                "camargo",
                "CENESO Camargo",
                "--municipality",
                "Camargo",
                "--role",
                user,
            ]
        )
        == 0
    )
    said = capsys.readouterr().out
    assert user in said and "camargo" in said

    listed = [line.split("\t") for line in _run_ok(["centre", "list"], capsys).splitlines()]
    camargo = next(row for row in listed if row[1] == "camargo")
    assert camargo[2:] == ["CENESO Camargo", "Camargo", user]
    assert ["1", "aquiles-serdan", "CENESO Aquiles Serdán", "Aquiles Serdán", "-"] in listed

    # The password stored is the one given, hashed by the server's rule; the user logs in and
    # sees its own centre only: nobody yet.
    with network.owner.connect() as conn:
        stored = conn.scalar(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :u"), {"u": user}
        )
        assert conn.scalar(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :u"), {"u": user})
    assert scram_matches(stored, password)
    with network.engine_as(user, password).connect() as conn:
        assert conn.scalar(text("SELECT kiosk_centre()")) == int(camargo[0])
        for table in PERSONAL:
            assert conn.scalar(text(f"SELECT count(*) FROM {table}")) == 0, table


def _run_ok(argv: list[str], capsys: Any) -> str:
    assert main(argv) == 0, capsys.readouterr().err
    return str(capsys.readouterr().out)


def scram_matches(stored: str, password: str) -> bool:
    """Whether ``stored`` (``SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey``) was made
    from ``password`` (RFC 5802 and 7677)."""
    method, rest = stored.split("$", 1)
    assert method == "SCRAM-SHA-256", method
    head, keys = rest.split("$")
    iterations, salt = head.split(":")
    stored_key, _server_key = keys.split(":")
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), b64decode(salt), int(iterations))
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    return hmac.compare_digest(hashlib.sha256(client_key).digest(), b64decode(stored_key))


@postgresql
@pytest.mark.parametrize(
    ("argv", "environ", "sentence"),
    [
        (["--role", "Mala-Clave"], {"KIOSK_ROLE_PASSWORD": "x"}, "no está permitido"),
        (["--role", "kiosk_centres"], {"KIOSK_ROLE_PASSWORD": "x"}, "no está permitido"),
        (["--role", "{taken}"], {"KIOSK_ROLE_PASSWORD": "x"}, "ya existe"),
        (["--role", "{fresh}"], {"KIOSK_ROLE_PASSWORD": ""}, "contraseña"),
        (["--role", "{fresh}"], {}, "KIOSK_ROLE_PASSWORD"),
        ([], {}, "código aldama"),
    ],
)
def test_kiosk_centre_add_errors_are_one_sentence_and_change_nothing(
    network: Network,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
    argv: list[str],
    environ: dict[str, str],
    sentence: str,
) -> None:
    fresh = new_user("fresh")[0]
    network.users["fresh"] = (fresh, "")
    taken = network.users["delicias"][0]
    monkeypatch.setenv("KIOSK_DATABASE_URL", network.url)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code = "aldama" if not argv else "nueva"
    argv = [a.format(taken=taken, fresh=fresh) for a in argv]
    before = CentreService(network.factory("serdan")).all()
    assert main(["centre", "add", code, "Nueva", "--municipality", "Jiménez", *argv]) != 0
    err = capsys.readouterr().err.strip()
    assert sentence in err and "\n" not in err and "Traceback" not in err, err
    assert CentreService(network.factory("serdan")).all() == before
    with network.owner.connect() as conn:
        assert not conn.scalar(
            text("SELECT count(*) FROM pg_roles WHERE rolname = :u"), {"u": fresh}
        )


@postgresql
def test_the_password_is_typed_twice_unseen(
    network: Network, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    user, password = new_user("jimenez")
    network.users["jimenez"] = (user, password)
    monkeypatch.setenv("KIOSK_DATABASE_URL", network.url)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    typed = iter([password, password + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    argv = ["centre", "coordinator", user]
    assert main(argv) != 0
    assert "no son iguales" in capsys.readouterr().err
    typed = iter([password, password])
    assert main(argv) == 0
    with network.engine_as(user, password).connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM members")) == 0  # nobody yet, but allowed


def test_users_are_refused_on_sqlite_in_one_sentence(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("KIOSK_ROLE_PASSWORD", "secreta")
    argv = ["centre", "add", "aldama", "CENESO Aldama", "--municipality", "Aldama"]
    assert main([*argv, "--role", "aldama_kiosk"]) != 0
    err = capsys.readouterr().err.strip()
    assert "SQLite" in err and "\n" not in err
    assert _run_ok(["centre", "list"], capsys).count("\n") == 1  # centre 1 only
    assert main(argv) == 0  # without a user, a centre is added on SQLite too


# --- the desk's channel is the centre's -------------------------------------------------------


@postgresql
def test_a_help_call_at_one_centre_is_not_heard_at_anothers_desk(network: Network) -> None:
    import queue

    aldama_id, delicias_id = network.ids["aldama"], network.ids["delicias"]
    heard: dict[str, queue.Queue[str]] = {"aldama": queue.Queue(), "delicias": queue.Queue()}
    listeners = []
    for centre, centre_id in (("aldama", aldama_id), ("delicias", delicias_id)):
        online: queue.Queue[bool] = queue.Queue()
        factory = db.make_session_factory(network.station(centre), centre_id)
        listener = notify.Listener(factory, heard[centre].put, online.put)
        listener.start()
        listeners.append(listener)
        assert online.get(timeout=10) is True
    try:
        HelpService(db.make_session_factory(network.station("delicias"), delicias_id)).call("PC 2")
        assert heard["delicias"].get(timeout=2) == notify.HELP
        # Then news at Aldama: the first thing its desk hears is its own, not Delicias's call.
        with db.make_session_factory(network.station("aldama"), aldama_id).begin() as s:
            notify.announce(s, notify.TRADE)
        assert heard["aldama"].get(timeout=2) == notify.TRADE
        assert heard["delicias"].empty()
    finally:
        for listener in listeners:
            listener.stop(wait=True)


# --- what the migration set up, and undoes ----------------------------------------------------


@postgresql
def test_every_table_is_the_centres_or_the_networks(network: Network) -> None:
    """A table added later without its grants and policies would be missed here: every table
    with a centre is kept to it, and the centres' group may use every table the kiosk uses."""
    from kiosk.data.models import Base

    shared = {"organizations", "services", "job_postings", "privacy_notices", "centres"}
    with network.owner.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name == "desk_signals":  # SQLite's channel; PostgreSQL notifies
                continue
            secured = conn.scalar(
                text("SELECT relrowsecurity FROM pg_class WHERE oid = CAST(:t AS regclass)"),
                {"t": table.name},
            )
            usable = conn.scalar(
                text("SELECT has_table_privilege('kiosk_centres', :t, 'SELECT')"),
                {"t": table.name},
            )
            assert usable, table.name
            if "centre_id" in table.columns:
                assert secured, table.name
            else:
                assert table.name in shared and not secured, table.name


@postgresql
def test_the_migration_goes_down_and_up_again(network: Network) -> None:
    from alembic import command

    config = db._alembic_config(network.owner)
    policies = text("SELECT count(*) FROM pg_policies WHERE schemaname = current_schema()")
    with network.owner.connect() as conn:
        assert conn.scalar(policies) > 30
    command.downgrade(config, "0017_centres")
    with network.owner.connect() as conn:
        assert conn.scalar(policies) == 0
        assert not conn.scalar(
            text("SELECT has_table_privilege('kiosk_centres', 'members', 'SELECT')")
        )
        assert not conn.scalar(
            text("SELECT has_column_privilege('kiosk_coordinators', 'members', 'id', 'SELECT')")
        )
        # The server's roles stay: other databases on it may use them.
        assert conn.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'kiosk_c%'")) == 2
    assert db.migrate(network.owner) == db.head_revision()
    with network.engine_as(*network.users["aldama"]).connect() as conn:
        assert conn.scalar(text("SELECT kiosk_centre()")) == network.ids["aldama"]


@postgresql
def test_a_centres_user_does_not_change_the_schema(network: Network) -> None:
    """A station updated before its server is told, in one sentence, who must bring the
    database up to date; the schema is left as it was."""
    with network.owner.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0017_centres'"))
    with pytest.raises(db.SchemaNeedsOwner) as refused:
        db.migrate(network.station("aldama"))
    assert "kiosk db upgrade" in str(refused.value) and "\n" not in str(refused.value)
    assert db.current_revision(network.owner) == "0017_centres"


@postgresql
def test_another_centres_sellers_first_name_only(network: Network, held: dict[str, Held]) -> None:
    from kiosk.data.scope import sellers_first_names

    theirs = held["delicias"]
    station = db.make_session_factory(network.station("aldama"), network.ids["aldama"])
    with station() as s:
        names = sellers_first_names(s, [theirs.published, theirs.pending, held["aldama"].published])
    assert names == {theirs.published: "Mujer", held["aldama"].published: "Mujer"}


@postgresql
def test_a_centres_desk_leaves_the_servers_backup_to_its_owner(
    network: Network, tmp_path: Any
) -> None:
    from kiosk.config import Settings
    from kiosk.services.backups import BackupError, BackupService

    settings = Settings(data_dir=tmp_path, station="staff")
    station = db.make_session_factory(network.station("aldama"), network.ids["aldama"])
    desk = BackupService(station, settings)
    assert not desk.automatic and not desk.due()
    with pytest.raises(BackupError, match="dueña"):
        desk.run(force=True)
    assert not list(tmp_path.rglob("*.dump"))


@postgresql
def test_several_databases_on_a_new_server_make_the_roles_at_once() -> None:
    """The roles belong to the server: databases migrated at the same moment on a server that
    has none yet (the test run's workers, a network's several databases) all come up. Here the
    first makes them and has not committed yet while three more try; each of those waits,
    finds them made, and carries on."""
    import importlib.util
    import threading

    from tests.conftest import pg_cluster

    script = db.MIGRATIONS_DIR / "versions" / "0018_centre_roles.py"
    spec = importlib.util.spec_from_file_location("centre_roles", script)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)

    server = pg_cluster()
    server.start()
    url = server.url("postgres").replace("+psycopg", "")
    try:
        first = psycopg.connect(url)
        first.execute(migration._MAKE_ROLES)  # made, not yet committed
        done: list[str] = []

        def make_roles() -> None:
            with psycopg.connect(url) as conn:
                conn.execute(migration._MAKE_ROLES)
                done.append("ok")

        others = [threading.Thread(target=make_roles) for _ in range(3)]
        for thread in others:
            thread.start()
        with psycopg.connect(url, autocommit=True) as watch:
            waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            while watch.execute(waiting).fetchone() != (3,):
                assert all(t.is_alive() for t in others), "one did not wait for the first"
        first.commit()
        first.close()
        for thread in others:
            thread.join(30)
        assert done == ["ok"] * 3
        with psycopg.connect(url) as conn:
            made = conn.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'kiosk_c%'")
            assert made.fetchone() == (2,)
    finally:
        server.remove()


@postgresql
def test_a_slip_number_held_by_another_centre_is_drawn_again(
    network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Numbers are unique across the network; a centre cannot see another's slips, so a number
    already on a Delicias slip is told by the index it clashed on, and drawn again."""
    delicias = VoucherService(network.factory("delicias"))
    taken = delicias.issue(VoucherKind.TEST, partial(kinds.test_slip, NOW)).number
    fresh = numbers.new_number()
    draws = iter([taken, fresh])
    monkeypatch.setattr("kiosk.services.vouchers.numbers.new_number", lambda: next(draws))
    station = db.make_session_factory(network.station("aldama"), network.ids["aldama"])

    slip = VoucherService(station).issue(VoucherKind.TEST, partial(kinds.test_slip, NOW))

    assert slip.number == fresh
    assert delicias.check(taken).state.value == "valid"


@postgresql
def test_other_centres_listings_and_a_moved_mothers_children_as_a_centres_user(
    network: Network, held: dict[str, Held]
) -> None:
    """What a centre's user may know of another centre: its published listings with the
    seller's first name, and whether a woman who came to it has children registered elsewhere
    (not who, nor where)."""
    aldama = network.ids["aldama"]
    station = db.make_session_factory(network.station("aldama"), aldama)
    trade = TradeService(station)
    page = trade.list_elsewhere()
    shown = {card.id: card for card in page.cards}
    assert held["delicias"].published in shown and held["delicias"].pending not in shown
    assert shown[held["delicias"].published].seller_first_name == "Mujer"
    assert shown[held["delicias"].published].centre_name == "CENESO Delicias"

    theirs = held["delicias"]
    childcare = ChildcareService(station, limits=Limits(15, 12, 5, 4), timezone=TZ)
    assert MemberService(station).find_by_phone(theirs.phone) is not None  # she came here
    assert childcare.children_elsewhere(theirs.member) is True
    assert childcare.children_elsewhere(held["aldama"].member) is False
