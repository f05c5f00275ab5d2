"""A kiosk on a shared PostgreSQL server whose server goes away: the tap that meets it says
"sin conexión, intenta de nuevo" and she keeps her place and what she entered; then the kiosk
reads its copy (a "sin conexión" picture on the title band) and carries on with the server by
itself when it is back, without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from kiosk.app import init_database
from kiosk.config import Settings
from tests.conftest import PgCluster, pg_cluster
from tests.ui.helpers import kiosk_settings, open_window, tap, tile

pytestmark = pytest.mark.postgresql


@pytest.fixture
def cluster() -> Iterator[PgCluster]:
    """A server of the test's own, so stopping it touches no other test."""
    server = pg_cluster()
    server.start()
    with psycopg.connect(server.url("postgres").replace("+psycopg", ""), autocommit=True) as c:
        c.execute('CREATE DATABASE "kiosk"')
    yield server
    server.remove()


def test_server_down_is_said_plainly_and_the_kiosk_recovers_by_itself(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, cluster: PgCluster
) -> None:
    settings = kiosk_settings(
        tmp_path / "data", database_url=cluster.url("kiosk"), server_check_seconds=0.25
    )
    context = init_database(settings)
    try:
        run_through_an_outage(qtbot, settings, context, cluster)
    finally:
        if context.link is not None:
            context.link.close()
        context.engine.dispose()


def run_through_an_outage(qtbot, settings: Settings, context, cluster: PgCluster) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, settings, context)
    trainings = window.training_board.trainings
    course = trainings.create_training("Panadería", "panaderia")
    starts = datetime.now(UTC) + timedelta(days=2)
    trainings.add_session(course.id, starts, starts + timedelta(hours=2), "Cocina", 10)
    ana = window.members.register("Ana Torres", "6145550101", consent=True)
    window.visit.member = ana
    assert context.link is not None and context.link.refresh_copy()  # the course is in it
    offline = window.header.offline
    assert not offline.isVisible()

    cluster.stop()
    # She touches "Cursos" while the server is away: the page cannot be read.
    with qtbot.captureExceptions() as raised:
        tap(qtbot, tile(window, "tile_trainings"))
    assert raised, "the page read the database"
    kind, error, tb = raised[0]
    window.handle_exception(kind, error, tb)  # what the kiosk's excepthook does
    assert window.message_overlay.isVisible()
    assert "Sin conexión" in window.message_overlay.text()
    assert "Sin conexión" in window.speaker.last_phrase
    # Nothing is forgotten: she is still signed in, on the page she was on.
    assert window.visit.member == ana
    assert window.current_page().objectName() == "home"
    tap(qtbot, tile(window, "message_ok"))

    # The kiosk has turned to its copy and says so; the same tap now shows the courses.
    qtbot.waitUntil(offline.isVisible)
    tap(qtbot, tile(window, "tile_trainings"))
    assert window.current_page().objectName() == "trainings"
    assert "Panadería" in tile(window, "trainings_0").text()
    assert window.visit.member == ana
    tap(qtbot, tile(window, "nav_home"))

    cluster.start()
    qtbot.waitUntil(lambda: not offline.isVisible())  # back on the server, no restart
    trainings.create_training("Costura", "costura")  # only the server has it
    later = starts + timedelta(days=1)
    (sewing,) = [t for t in trainings.trainings() if t.title == "Costura"]
    trainings.add_session(sewing.id, later, later + timedelta(hours=2), "Taller", 8)
    tap(qtbot, tile(window, "tile_trainings"))
    assert window.current_page().objectName() == "trainings"
    assert "Costura" in tile(window, "trainings_1").text()
