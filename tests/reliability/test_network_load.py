"""The network on one PostgreSQL server, smaller than life: 10 centres × 8 kiosks, 2 000 women
and a month of activity (``make network-load`` runs the full size: 100 000 women, a year).

Each kiosk is its own sequence of a real day's operations on its own connection, through the
kiosk's services: women sign in with their phones (some of another centre, registered here as
they do), browse programs, jobs, listings and courses, sign up for courses, publish listings,
call for help; the childcare stations check children in and out; the desks answer the calls
and send women to programs with a slip. A centre's eight kiosks share a process (threads), so
80 kiosks fit on a small machine. Afterwards, asked as the database's owner: no operation
failed, and nothing crossed between centres (sign-ups, children, codes, rooms, help calls,
referrals, listings, slips each stayed with their centre; no course oversold, no room over its
places, no code twice in a centre's day). The figures, p95 of each kind of operation among
them, go to the reliability summary; none is asserted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from bench.network.checks import crossings
from bench.network.kiosk import KINDS
from bench.network.run import figures, plans, run
from bench.network.seed import ROOM_CAPACITY, Size, centre_users, drop_centre_users, seed
from kiosk.data.db import make_engine, make_session_factory
from kiosk.services.help import HelpService
from kiosk.services.staff import StaffService
from tests.conftest import migrated

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]
SIZE = Size(centres=10, kiosks=8, members=2000, days=30)
OPS = 10  # per kiosk: the run and its seeding stay near a minute on a 2-core machine


def test_ten_centres_of_eight_kiosks_fail_nothing_and_keep_apart(
    pg_url: str, report_figure: Callable[[str], None]
) -> None:
    migrated(pg_url)
    engine = make_engine(pg_url)
    try:
        centres = seed(engine, SIZE)
        handed = plans(engine, centres, SIZE, OPS)
        # Each centre's kiosks connect as their centre's own database user.
        urls = centre_users(engine, centres)
        began = datetime.now(UTC)
        try:
            result = run(handed, urls, per_process=SIZE.kiosks)
        finally:
            drop_centre_users(engine, centres)
        crossed = crossings(engine, ROOM_CAPACITY)
        with engine.connect() as conn:
            newly_registered = conn.execute(
                text("SELECT count(*) FROM member_registrations WHERE registered_at >= :began"),
                {"began": began},
            ).scalar()
    finally:
        engine.dispose()
    for line in figures(result, SIZE, crossed):
        report_figure(line)

    assert [f"{op.op}: {op.detail}" for op in result.errors] == []
    assert {check: rows for check, rows in crossed.items() if rows} == {}
    assert {op.op for op in result.ops} == set(KINDS), "an operation kind never ran"
    assert {(op.centre, op.kiosk) for op in result.ops} == {
        (centre.id, kiosk + 1) for centre in centres for kiosk in range(SIZE.kiosks)
    }
    assert len(result.ops) >= SIZE.centres * SIZE.kiosks * OPS
    # Women of other centres signed in with their phones and were registered where they came.
    assert newly_registered


def test_the_checks_find_a_row_that_crossed(pg_url: str) -> None:
    """The checks are not empty words: rows moved to another centre, a course oversold and a
    help call answered by another centre's staff are each found."""
    migrated(pg_url)
    engine = make_engine(pg_url)
    try:
        first, second = seed(engine, Size(centres=2, kiosks=1, members=300, days=14))
        assert set(crossings(engine, ROOM_CAPACITY).values()) == {0}
        staff_elsewhere = StaffService(make_session_factory(engine, second.id)).list()[0]
        help_here = HelpService(make_session_factory(engine, first.id))
        help_here.answer(help_here.call("Quiosco 1").id, staff_elsewhere.id)
        with engine.begin() as conn:
            for sql in (
                "UPDATE enrollments SET centre_id = :second WHERE id = (SELECT min(id)"
                " FROM enrollments WHERE centre_id = :first)",
                "UPDATE children SET centre_id = :second WHERE id = (SELECT min(c.id)"
                " FROM children c WHERE c.centre_id = :first AND NOT EXISTS (SELECT 1 FROM"
                " member_registrations r WHERE r.member_id = c.guardian_id"
                " AND r.centre_id = :second))",
                "UPDATE training_sessions SET seats_taken = seats + 1"
                " WHERE id = (SELECT min(id) FROM training_sessions)",
            ):
                conn.execute(text(sql), {"first": first.id, "second": second.id})
        found = {check for check, rows in crossings(engine, ROOM_CAPACITY).items() if rows}
    finally:
        engine.dispose()

    assert {
        "an enrollment in another centre's session",
        "a slip of another centre's sign-up, code or referral",
        "a child at a centre where her mother is not registered",
        "a session over its seats, or its count not its seated sign-ups",
        "a help call answered by another centre's staff",
    } <= found
