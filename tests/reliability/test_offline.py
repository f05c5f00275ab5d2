"""A kiosk far from its PostgreSQL server, when the line drops: it starts from its read copy,
browses programs, jobs, courses and listings, refuses what the server must decide with one
sentence and keeps what she entered, queues her help call until the line returns, shows a
"sin conexión" picture meanwhile, and goes back to the server by itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from kiosk.app import Context, init_database
from kiosk.config import Settings
from kiosk.data import read_copy
from kiosk.data.db import DatabaseUnavailable
from kiosk.data.demo import load_demo
from kiosk.data.models import (
    HelpRequest,
    ListingStatus,
    Member,
    ProgramNeed,
    StaffRole,
    TradeListing,
)
from kiosk.services.container import build_services
from kiosk.services.help import HelpService
from kiosk.ui.areas.trade.texts import category_word
from kiosk.ui.main_window import MainWindow
from tests.conftest import PgCluster, pg_cluster
from tests.ui.helpers import (
    enter_digits,
    kiosk_settings,
    open_jobs,
    open_window,
    page,
    shown,
    tap,
    tile,
    tile_showing,
)
from tests.ui.test_childcare_ui import PHONE, add_ana_and_her_children, start_shift

pytestmark = pytest.mark.postgresql

NEEDS_SERVER = "Esto necesita la conexión con el centro"


@pytest.fixture
def cluster() -> Iterator[PgCluster]:
    """A server of the test's own, so stopping it touches no other test."""
    server = pg_cluster()
    server.start()
    with psycopg.connect(server.url("postgres").replace("+psycopg", ""), autocommit=True) as c:
        c.execute('CREATE DATABASE "kiosk"')
    yield server
    server.remove()


@pytest.fixture
def settings(tmp_path: Path, cluster: PgCluster) -> Settings:
    # The watcher tries the server four times a second, so a test waits for it briefly.
    return kiosk_settings(
        tmp_path / "data",
        database_url=cluster.url("kiosk"),
        printer="pdf",
        server_check_seconds=0.25,
    )


@pytest.fixture
def contexts() -> Iterator[list[Context]]:
    """The contexts a test opens, closed after it (the watcher stopped, the engine let go)."""
    opened: list[Context] = []
    yield opened
    for context in opened:
        if context.link is not None:
            context.link.close()
        context.engine.dispose()


def start(settings: Settings, contexts: list[Context]) -> Context:
    context = init_database(settings)
    contexts.append(context)
    return context


def centre_with_a_copy(settings: Settings, contexts: list[Context]) -> Context:
    """The centre's server with the example data and a course in two days; the station's read
    copy taken from it."""
    context = start(settings, contexts)
    load_demo(context.session_factory)
    trainings = build_services(settings, context.session_factory).trainings
    course = trainings.create_training("Repostería", "panaderia")
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    trainings.add_session(course.id, starts, starts + timedelta(hours=2), "Cocina", 10)
    assert context.link is not None
    assert context.link.refresh_copy()
    return context


def offline_picture_shown(window: MainWindow) -> bool:
    return window.header.offline.isVisible()


# --- starting without the server --------------------------------------------------------------


def test_no_server_and_no_copy_is_still_one_sentence(
    settings: Settings, cluster: PgCluster
) -> None:
    cluster.stop()
    with pytest.raises(DatabaseUnavailable) as refused:
        init_database(settings)
    assert "no responde" in str(refused.value)
    assert not read_copy.copy_path(settings.data_dir).exists()


def test_the_kiosk_starts_from_its_copy_and_browses_every_area(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, cluster: PgCluster, contexts: list[Context]
) -> None:
    online = centre_with_a_copy(settings, contexts)
    services = build_services(settings, online.session_factory)
    need_counts = services.programs.need_counts()
    trade_counts = services.trade.category_counts()
    category = next(c for c, n in trade_counts.items() if n)
    listing = services.trade.list_listings(category).cards[0]
    cluster.stop()

    context = start(settings, contexts)
    assert context.link is not None and not context.link.state.online
    window = open_window(qtbot, settings, context)
    # The title band says it, in picture and words, on the start page already.
    assert offline_picture_shown(window)
    assert shown(window, "offline_words", QLabel).text() == "Sin conexión"
    assert window.header.offline.accessibleName() == "Sin conexión"
    assert not window.header.offline.age.isVisible()  # the copy is from today

    # Programas: the needs with their counts, then a program's page.
    tap(qtbot, tile(window, "tile_programs"))
    first = tile(window, "programs_0")
    assert first.text() == f"Dinero para mi negocio {need_counts[ProgramNeed.BUSINESS_MONEY]}"
    tap(qtbot, first)
    assert page(window) == "programs_list"
    program = window.pages["programs_list"].cards[0]
    tap(qtbot, tile(window, "programs_list_0"))
    assert page(window) == "program_detail"
    assert program.name in window.speaker.last_phrase

    # Empleo: every job, the first kind, a job's page.
    tap(qtbot, tile(window, "nav_home"))
    open_jobs(qtbot, window)
    tap(qtbot, tile(window, "jobs_0"))
    assert page(window) == "jobs_list"
    job = window.pages["jobs_list"].cards[0]
    tap(qtbot, tile(window, "jobs_list_0"))
    assert page(window) == "job_detail"
    assert window.title_label.text() == job.title

    # Cursos: the course taken into the copy, with its seats.
    tap(qtbot, tile(window, "nav_home"))
    tap(qtbot, tile(window, "tile_trainings"))
    assert page(window) == "trainings"
    bread = tile_showing(window, "trainings_", "Repostería")
    assert "Quedan 10 lugares" in bread.phrase

    # Comercio: a kind of goods, a listing with its photo and its seller's first name.
    tap(qtbot, tile(window, "nav_home"))
    tap(qtbot, tile(window, "tile_trade"))
    kind = tile_showing(window, "trade_", category_word(category))
    assert kind.text().endswith(f" {trade_counts[category]}")
    tap(qtbot, kind)
    assert page(window) == "trade_list"
    card = window.pages["trade_list"].tiles[0]
    assert window.pages["trade_list"].cards[0].id == listing.id
    assert listing.seller_first_name in card.lines[-1]
    assert (card.photo is not None) == listing.has_photo
    tap(qtbot, card)
    assert page(window) == "trade_detail"
    assert listing.title in window.speaker.last_phrase


def test_an_old_copy_says_how_old_it_is(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, cluster: PgCluster, contexts: list[Context]
) -> None:
    centre_with_a_copy(settings, contexts)
    cluster.stop()
    two_days_ago = datetime.now(UTC) - timedelta(days=2, hours=1)
    with closing(sqlite3.connect(read_copy.copy_path(settings.data_dir))) as copy, copy:
        copy.execute("UPDATE read_copy SET taken_at = ?", (two_days_ago.isoformat(),))

    window = open_window(qtbot, settings, start(settings, contexts))
    sign = window.header.offline
    assert sign.isVisible() and sign.age.isVisible()
    assert sign.age.text() == "información de hace 2 días"
    assert sign.accessibleName() == "Sin conexión, información de hace 2 días"
    # On every page, in the same place.
    tap(qtbot, tile(window, "tile_trainings"))
    assert sign.isVisible() and sign.age.isVisible()


# --- what needs the server --------------------------------------------------------------------


def needs_the_server(qtbot, window: MainWindow, button: str) -> None:  # type: ignore[no-untyped-def]
    """She taps ``button`` once the server is away: the first tap meets the lost server ("sin
    conexión", as for any tap that meets it), the kiosk turns to its copy, and her second tap
    is refused by the copy with the sentence that it waits for the connection."""
    with qtbot.captureExceptions() as raised:
        tap(qtbot, tile(window, button))
    assert raised, "the tap reached the server"
    window.handle_exception(*raised[0])  # what the kiosk's excepthook does
    assert "Sin conexión" in window.message_overlay.text()
    qtbot.waitUntil(lambda: offline_picture_shown(window))
    tap(qtbot, tile(window, "message_ok"))
    with qtbot.captureExceptions() as raised:
        tap(qtbot, tile(window, button))
    assert raised, "the copy answered"
    window.handle_exception(*raised[0])
    assert window.message_overlay.isVisible()
    assert NEEDS_SERVER in window.message_overlay.text()
    assert NEEDS_SERVER in window.speaker.last_phrase


def copy_unchanged(settings: Settings) -> bytes:
    return read_copy.copy_path(settings.data_dir).read_bytes()


def test_a_course_sign_up_waits_for_the_server_and_keeps_her_choice(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, cluster: PgCluster, contexts: list[Context]
) -> None:
    context = start(settings, contexts)
    services = build_services(settings, context.session_factory)
    course = services.trainings.create_training("Repostería", "panaderia")
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    session = services.trainings.add_session(
        course.id, starts, starts + timedelta(hours=2), "Cocina", 10
    )
    ana = services.members.register("Ana Torres", "6145550101", consent=True)
    window = open_window(qtbot, settings, context)
    assert context.link is not None
    qtbot.waitUntil(lambda: context.link is not None and context.link.taken_at is not None)
    window.visit.sign_in_member(ana)
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile_showing(window, "trainings_", "Repostería"))
    assert page(window) == "training_childcare"
    picker = window.pages["training_childcare"].picker
    tap(qtbot, picker.digit_keys["2"])  # she brings two children
    before = copy_unchanged(settings)

    cluster.stop()
    needs_the_server(qtbot, window, "training_sign_up")
    # She is where she was, signed in, with her two children still chosen.
    assert page(window) == "training_childcare"
    assert window.visit.member == ana and picker.count == 2
    assert copy_unchanged(settings) == before

    cluster.start()
    qtbot.waitUntil(lambda: not offline_picture_shown(window))
    assert services.trainings.my_sign_ups(ana.id) == []
    assert services.trainings.session(session.id).seats_left == 10


def test_a_childcare_check_in_waits_for_the_server_and_keeps_the_children_chosen(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, cluster: PgCluster, contexts: list[Context]
) -> None:
    settings = kiosk_settings(
        tmp_path / "data",
        database_url=cluster.url("kiosk"),
        printer="pdf",
        station="childcare",
        server_check_seconds=0.25,
    )
    context = start(settings, contexts)
    add_ana_and_her_children(context.session_factory)
    services = build_services(settings, context.session_factory)
    services.staff.add("Lupe Cano", StaffRole.VOLUNTEER, "5566")
    window = open_window(qtbot, settings, context)
    window.childcare.camera.probe = lambda: False
    qtbot.waitUntil(lambda: context.link is not None and context.link.taken_at is not None)
    start_shift(qtbot, window)
    tap(qtbot, tile(window, "childcare_in"))
    enter_digits(qtbot, window.pages["childcare_checkin"].keypad, PHONE)
    assert page(window) == "childcare_children"
    for name in ("Mateo", "Sofía"):
        tap(qtbot, tile_showing(window, "childcare_child_", name))
    chosen = set(window.childcare.state.chosen)
    assert len(chosen) == 2
    before = copy_unchanged(settings)

    cluster.stop()
    needs_the_server(qtbot, window, "childcare_children_go")
    assert page(window) == "childcare_children"
    assert set(window.childcare.state.chosen) == chosen
    assert copy_unchanged(settings) == before
    assert not list((settings.data_dir / "slips").glob("*.pdf"))  # no code was printed

    cluster.start()
    qtbot.waitUntil(lambda: not offline_picture_shown(window))
    assert services.childcare.room().count == 0  # nobody was checked in


# --- a help call while the server is away -----------------------------------------------------


def test_a_help_call_waits_and_reaches_the_desk_once_when_the_line_returns(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, cluster: PgCluster, contexts: list[Context]
) -> None:
    centre_with_a_copy(settings, contexts)
    cluster.stop()
    context = start(settings, contexts)
    window = open_window(qtbot, settings, context)
    assert context.link is not None

    called = datetime.now(UTC)
    tap(qtbot, tile(window, "tile_help"))
    tap(qtbot, tile(window, "help_call"))
    said = window.message_overlay.text()
    assert "tu llamada llegará al personal cuando vuelva" in said
    assert said in window.speaker.last_phrase
    (queued,) = context.link.queue.pending()
    assert queued.station_name == settings.station_name and queued.page == "home"

    cluster.start()
    qtbot.waitUntil(lambda: not offline_picture_shown(window))
    qtbot.waitUntil(lambda: context.link is not None and not context.link.queue.pending())
    # A staff desk on the server sees the call: this station, when she called.
    desk = start(
        kiosk_settings(settings.data_dir.parent / "desk", database_url=settings.database_url),
        contexts,
    )
    (call,) = HelpService(desk.session_factory).open_calls()
    assert call.station_name == settings.station_name
    assert abs(call.created_at - called) < timedelta(seconds=5)
    # Once: the watcher's later turns send nothing more.
    assert context.link.send_queued_calls() == 0
    with desk.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(HelpRequest)) == 1


# --- the copy holds no personal data ----------------------------------------------------------


def test_the_copy_holds_no_personal_data(settings: Settings, contexts: list[Context]) -> None:
    context = start(settings, contexts)
    load_demo(context.session_factory)
    add_ana_and_her_children(context.session_factory)
    services = build_services(settings, context.session_factory)
    services.help.call("Quiosco 1", "home")
    assert context.link is not None and context.link.refresh_copy()

    path = read_copy.copy_path(settings.data_dir)
    assert path.stat().st_mode & 0o777 == 0o600
    with closing(sqlite3.connect(path)) as copy:
        tables = {
            name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for personal in (
            "children",
            "child_photos",
            "pickup_people",
            "pickup_codes",
            "childcare_visits",
            "help_requests",
            "vouchers",
            "staff_users",
            "enrollments",
            "referrals",
            "job_interests",
            "member_cards",
            "savings_groups",
            "savings_members",
            "savings_movements",
            "audit_events",
        ):
            assert personal not in tables, personal
        # Of the members, the first names of those whose listing is published, and no more.
        sellers = dict(copy.execute("SELECT id, name FROM members"))
        rows = copy.execute("SELECT id, name, phone, locality FROM members").fetchall()
        assert all(phone is None and locality == "" for _i, _n, phone, locality in rows)
        assert all(len(name.split()) == 1 for name in sellers.values())
        statuses = {s for (s,) in copy.execute("SELECT DISTINCT status FROM trade_listings")}
        assert statuses == {ListingStatus.PUBLISHED.value}
    with context.session_factory() as s:
        published = set(
            s.scalars(
                select(TradeListing.seller_id).where(TradeListing.status == ListingStatus.PUBLISHED)
            )
        )
        assert set(sellers) == published
        everyone = s.scalars(select(Member)).all()
        # A published listing shows the phone its seller gave for it; no one else's is kept.
        shown_phones = set(
            s.scalars(
                select(TradeListing.contact_phone).where(
                    TradeListing.status == ListingStatus.PUBLISHED
                )
            )
        )
    content = path.read_bytes()
    for member in everyone:
        if member.phone is not None and member.phone not in shown_phones:
            assert member.phone.encode() not in content
    for personal in ("Ana Torres Gil", "Sofía Torres", "Alergia al cacahuate", "Quiosco 1"):
        assert personal.encode() not in content, personal
