"""Two kiosks pointed at one PostgreSQL server (KIOSK_DATABASE_URL), as a centre with several
PCs runs them: what one kiosk writes, the other shows the next time a page opens — seats
left, listings approved at the desk, help calls — with no cache kept between stations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.app import Context, init_database
from kiosk.services.trade import ListingDraft
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.ui.helpers import as_staff, kiosk_settings, open_window, sign_in_member, tap, tile

pytestmark = pytest.mark.postgresql
PRINT_WAIT_MS = 60_000


@pytest.fixture
def two_kiosks(qtbot, tmp_path: Path, pg_url: str) -> Iterator[tuple[MainWindow, MainWindow]]:  # type: ignore[no-untyped-def]
    contexts: list[Context] = []
    windows = []
    for station in ("pc1", "pc2"):
        config = kiosk_settings(
            tmp_path / station, database_url=pg_url, station_name=station, printer="pdf"
        )
        context = init_database(config)
        contexts.append(context)
        windows.append(open_window(qtbot, config, context, (1024, 768)))
    yield windows[0], windows[1]
    for context in contexts:
        context.engine.dispose()


def test_what_one_kiosk_writes_the_other_shows_when_a_page_opens(
    qtbot, two_kiosks: tuple[MainWindow, MainWindow]
) -> None:  # type: ignore[no-untyped-def]
    first, second = two_kiosks
    trainings = first.training_board.trainings
    course = trainings.create_training("Panadería", "panaderia")
    starts = datetime.now(UTC) + timedelta(days=2)
    trainings.add_session(course.id, starts, starts + timedelta(hours=2), "Cocina", 3)
    first.members.register("Ana Torres", "6145550101", consent=True)

    # The second PC shows the course with its 3 seats.
    tap(qtbot, tile(second, "tile_trainings"))
    assert "Quedan 3 lugares" in tile(second, "trainings_0").phrase

    # Ana signs up at the first PC.
    tap(qtbot, tile(first, "tile_trainings"))
    tap(qtbot, tile(first, "trainings_0"))
    sign_in_member(qtbot, first, "6145550101")
    tap(qtbot, tile(first, "training_sign_up"))
    with qtbot.waitSignal(first.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(first, "training_print_again"))  # "Imprimir"

    # The second PC's page shows 2 seats as soon as it opens again.
    tap(qtbot, tile(second, "nav_home"))
    tap(qtbot, tile(second, "tile_trainings"))
    assert "Quedan 2 lugares" in tile(second, "trainings_0").phrase

    # A help call at the second PC reaches the desk at the first.
    tap(qtbot, tile(second, "nav_home"))
    tap(qtbot, tile(second, "tile_help"))
    tap(qtbot, tile(second, "help_call"))
    second.message_overlay.hide()
    first.sign_out()
    as_staff(first)
    first.open("staff_desk")
    assert tile(first, "desk_help").text() == "Llamadas de ayuda: 1"

    # A listing approved at the first PC's desk is for sale at the second.
    ana = first.members.find_by_phone("6145550101")
    assert ana is not None
    trade = first.trade_desk.service
    listing = trade.publish(
        ana.id, ListingDraft(title="Tamales", category="comida", price="15", price_unit="docena")
    )
    tap(qtbot, tile(second, "tile_trade"))
    assert food_tile(second).text() == "Comida 0"  # waiting for approval: not for sale yet
    trade.approve(listing.id, first.staff_user.id)  # type: ignore[union-attr]
    tap(qtbot, tile(second, "nav_home"))
    tap(qtbot, tile(second, "tile_trade"))
    assert food_tile(second).text() == "Comida 1"


def food_tile(window: MainWindow) -> BigTile:
    """The "Comida" kind on the trade page, with its count."""
    (found,) = [
        t
        for t in window.pages["trade"].findChildren(BigTile)
        if t.isVisible() and t.text().startswith("Comida")
    ]
    return found
