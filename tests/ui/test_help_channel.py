"""Help that arrives: Pedir ayuda at one kiosk reaches every open staff desk within 2 s — a
banner with the station and the time, a chime, a spoken phrase — without anyone reopening a
page; Voy at one desk tells the others who is going and tells her kiosk "Ya viene alguien".
Several windows share one database, as the centre's PCs do: PostgreSQL (LISTEN/NOTIFY) and
one SQLite file (a polled version row)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from kiosk.app import Context, init_database
from kiosk.data.models import StaffRole
from kiosk.data.sqlite_files import engine_url
from kiosk.i18n import format_time
from kiosk.services.trade import ListingDraft, TradeService
from kiosk.ui.main_window import MainWindow
from kiosk.ui.notify import TAKEN_MS
from tests.conftest import PgCluster, pg_cluster
from tests.services.test_childcare import add_mother, add_person
from tests.ui.helpers import as_staff, kiosk_settings, open_window, tap, tile

ARRIVES_MS = 2000  # the promise: on an open desk within 2 s


class Heard:
    """Everything a window said (its speaker's phrases) and how often its desk chimed."""

    def __init__(self, window: MainWindow) -> None:
        self.phrases: list[str] = []
        self.chimes = 0
        window.speaker.spoken.connect(self.phrases.append)
        window.live_desk.chime.rang.connect(self._rang)

    def _rang(self) -> None:
        self.chimes += 1

    def said(self, words: str) -> bool:
        return any(words in phrase for phrase in self.phrases)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """One database for every window of a test: a PostgreSQL server, or one SQLite file."""
    if request.param == "sqlite":
        return engine_url(tmp_path / "centre.sqlite3")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def stations(qtbot, tmp_path: Path) -> Iterator[Callable[[str, str], MainWindow]]:  # type: ignore[no-untyped-def]
    """``open_station(name, url)``: a kiosk window called ``name`` on the database ``url``."""
    contexts: list[Context] = []
    windows: list[MainWindow] = []

    def open_station(name: str, url: str) -> MainWindow:
        settings = kiosk_settings(tmp_path / name, database_url=url, station_name=name)
        contexts.append(init_database(settings))
        windows.append(open_window(qtbot, settings, contexts[-1], (1024, 768)))
        return windows[-1]

    yield open_station
    for window in windows:  # the desks stop listening before their database goes
        window.close()
    for context in contexts:
        context.engine.dispose()


def open_desk(window: MainWindow, name: str | None = None) -> None:
    """A staff member signed in with her PIN, at the desk's page."""
    if name is None:
        as_staff(window)
    else:
        window.staff_user = window.staff_service.add(name, StaffRole.STAFF, "735194")
    window.open("staff_desk")


def ask_for_help(qtbot, member: MainWindow) -> None:  # type: ignore[no-untyped-def]
    if member.current_page().objectName() == "home":
        tap(qtbot, tile(member, "tile_help"))  # Pedir ayuda opens Ayuda
    tap(qtbot, tile(member, "help_call"))
    assert "avisamos al personal" in member.message_overlay.text()
    tap(qtbot, tile(member, "message_ok"))


def banner_shows(window: MainWindow, words: str) -> bool:
    banner = window.live_desk.banner
    return banner.isVisible() and words in banner.text()


def test_a_help_call_reaches_the_open_desk_and_voy_reaches_her_kiosk(
    qtbot, stations, shared_url: str
) -> None:  # type: ignore[no-untyped-def]
    member = stations("pc1", shared_url)
    desk = stations("mesa", shared_url)
    open_desk(desk)
    assert tile(desk, "desk_help").text() == "Llamadas de ayuda: 0"
    assert not desk.live_desk.banner.isVisible()
    heard = Heard(desk)

    tap(qtbot, tile(member, "tile_help"))
    started = time.monotonic()  # from the tap on Llamar a alguien
    ask_for_help(qtbot, member)
    qtbot.waitUntil(
        lambda: banner_shows(desk, "Piden ayuda en la estación pc1."), timeout=ARRIVES_MS
    )
    arrived_s = time.monotonic() - started
    assert arrived_s < ARRIVES_MS / 1000
    (call,) = desk.help_calls.open_calls()
    banner = desk.live_desk.banner
    assert format_time(call.created_at) in banner.text()
    assert heard.chimes == 1
    assert heard.said("Piden ayuda en la estación pc1.")
    # On top of the desk, with the navigation bar still free, and the desk's count is fresh.
    assert desk.current_page() is desk.desk
    assert not banner.geometry().intersects(desk.navbar.geometry())
    assert desk.navbar.isVisible()
    assert tile(desk, "desk_help").text() == "Llamadas de ayuda: 1"
    assert tile(desk, "help_voy").text() == "Voy"

    member_heard = Heard(member)
    tap(qtbot, tile(desk, "help_voy"))
    assert not banner.isVisible()
    assert heard.said("Gracias. Ve a la estación pc1.")
    assert tile(desk, "desk_help").text() == "Llamadas de ayuda: 0"
    qtbot.waitUntil(
        lambda: (
            member.message_overlay.isVisible()
            and "Ya viene alguien" in member.message_overlay.text()
        ),
        timeout=ARRIVES_MS,
    )
    assert member_heard.said("Ya viene alguien")
    assert desk.help_calls.open_calls() == []


def test_two_desks_tap_voy_at_once_one_goes_and_the_other_is_told_who(
    qtbot, stations, shared_url: str
) -> None:  # type: ignore[no-untyped-def]
    member = stations("pc2", shared_url)
    first = stations("mesa1", shared_url)
    second = stations("mesa2", shared_url)
    open_desk(first)  # Irma
    open_desk(second, "Bety Soto")
    first_heard, second_heard = Heard(first), Heard(second)
    ask_for_help(qtbot, member)
    for desk in (first, second):
        qtbot.waitUntil(lambda d=desk: banner_shows(d, "pc2"), timeout=ARRIVES_MS)

    # Both touch Voy before either hears of the other's: the database picks one.
    tap(qtbot, tile(first, "help_voy"))
    tap(qtbot, tile(second, "help_voy"))
    assert first_heard.said("Gracias. Ve a la estación pc2.")
    assert banner_shows(second, "Ya va Irma.")
    assert second.live_desk.banner.picture.accessibleName() == "flag.near"
    assert second_heard.said("Ya va Irma.")
    assert not second_heard.said("Gracias")
    # The note goes by itself; no banner is left on either desk.
    qtbot.waitUntil(lambda: not second.live_desk.banner.isVisible(), timeout=TAKEN_MS + 2000)
    assert not first.live_desk.banner.isVisible()
    qtbot.waitUntil(lambda: "Ya viene alguien" in member.message_overlay.text(), timeout=ARRIVES_MS)


def test_a_call_while_no_desk_is_open_waits_and_shows_when_staff_sign_in(
    qtbot, stations, shared_url: str
) -> None:  # type: ignore[no-untyped-def]
    member = stations("pc3", shared_url)
    desk = stations("mesa", shared_url)
    ask_for_help(qtbot, member)
    assert not desk.live_desk.banner.isVisible()  # nobody signed in: no desk, no banner
    assert not desk.live_desk.channel.running
    heard = Heard(desk)
    open_desk(desk)
    assert banner_shows(desk, "Piden ayuda en la estación pc3.")
    assert heard.chimes == 1 and heard.said("Piden ayuda en la estación pc3.")
    # Signing out closes the desk: the banner goes with her.
    desk.staff_sign_out()
    assert not desk.live_desk.banner.isVisible()


def test_the_desk_counts_of_listings_and_childcare_alerts_change_by_themselves(
    qtbot, stations, shared_url: str
) -> None:  # type: ignore[no-untyped-def]
    member = stations("pc4", shared_url)
    desk = stations("mesa", shared_url)
    open_desk(desk)
    heard = Heard(desk)
    factory = member.members._factory
    rosa = member.members.register("Rosa Díaz", "6145550102", consent=True)
    assert tile(desk, "desk_trade").text() == "Por aprobar: 0"
    TradeService(factory).publish(
        rosa.id, ListingDraft(title="Tamales", category="comida", price="15", price_unit="docena")
    )
    qtbot.waitUntil(lambda: tile(desk, "desk_trade").text() == "Por aprobar: 1", timeout=ARRIVES_MS)

    # A person not on the list tries to pick a child up at the childcare station.
    childcare = member.childcare.service
    volunteer = member.staff_service.add("Lupe Cano", StaffRole.VOLUNTEER, "556677")
    childcare.start_shift(volunteer.id)
    mother, (sofia,) = add_mother(factory, "Ana Torres", "6145550101", ("Sofía Torres", 4, False))
    jorge = add_person(factory, sofia, "Jorge Ramírez", False)
    pickup = childcare.check_in(mother, [sofia], volunteer.id).pickup
    desk.desk.pager.set_page(desk.desk.page_of("desk_childcare"))
    assert tile(desk, "desk_childcare").text() == "Alertas de guardería: 0"
    childcare.check_out(pickup.id, jorge, volunteer.id)
    qtbot.waitUntil(
        lambda: tile(desk, "desk_childcare").text() == "Alertas de guardería: 1",
        timeout=ARRIVES_MS,
    )
    assert heard.chimes == 1 and heard.said("Nueva alerta de la guardería.")


# --- the server goes away and comes back ------------------------------------------------------


@pytest.fixture
def cluster() -> Iterator[PgCluster]:
    """A server of the test's own, so stopping it touches no other test."""
    server = pg_cluster()
    server.start()
    with psycopg.connect(server.url("postgres").replace("+psycopg", ""), autocommit=True) as c:
        c.execute('CREATE DATABASE "kiosk"')
    yield server
    server.remove()


@pytest.mark.postgresql
def test_a_lost_server_is_said_on_the_banner_and_the_desk_recovers_by_itself(
    qtbot, stations, cluster: PgCluster
) -> None:  # type: ignore[no-untyped-def]
    url = cluster.url("kiosk")
    member = stations("pc5", url)
    desk = stations("mesa", url)
    open_desk(desk)
    heard = Heard(desk)
    ask_for_help(qtbot, member)
    qtbot.waitUntil(lambda: banner_shows(desk, "pc5"), timeout=ARRIVES_MS)

    cluster.stop()
    qtbot.waitUntil(
        lambda: banner_shows(desk, "Sin conexión con la computadora del centro"), timeout=10_000
    )
    assert heard.said("Sin conexión con la computadora del centro.")
    assert desk.live_desk.banner.picture.accessibleName() == "action.warning"
    assert not desk.live_desk.banner.voy.isVisible()
    assert desk.navbar.isVisible()

    cluster.start()
    # Back by itself, and nothing was lost: the call still waits for its Voy.
    qtbot.waitUntil(lambda: banner_shows(desk, "Piden ayuda en la estación pc5."), timeout=10_000)
    assert heard.chimes == 1  # the same call, not a new one
    tap(qtbot, tile(desk, "help_voy"))
    qtbot.waitUntil(lambda: "Ya viene alguien" in member.message_overlay.text(), timeout=10_000)
