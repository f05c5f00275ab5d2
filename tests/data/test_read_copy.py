"""The station's read copy, made from a database on SQLite: what members browse is in it, it
cannot be written, it refuses what it does not hold, and a copy that is not one (damaged,
from another schema, cut off midway) is set aside instead of read."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DatabaseError, OperationalError

from kiosk.data import read_copy
from kiosk.data.db import make_engine, make_session_factory
from kiosk.data.demo import load_demo
from kiosk.data.models import JobPosting, ListingStatus, Member, Service, TradeListing
from tests.conftest import migrated_sqlite


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Engine]:
    """The centre's database with the example data."""
    path = tmp_path / "centre.sqlite3"
    migrated_sqlite(path)
    engine = make_engine(path)
    load_demo(make_session_factory(engine))
    yield engine
    engine.dispose()


@pytest.fixture
def copy(source: Engine, tmp_path: Path) -> Iterator[read_copy.ReadCopy]:
    read_copy.make_read_copy(source, tmp_path / "data", courses=lambda: [(1, 2, 3)])
    opened = read_copy.open_read_copy(tmp_path / "data")
    assert opened is not None
    yield opened
    opened.engine.dispose()


def count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model)) or 0


def test_the_copy_holds_what_members_browse(source: Engine, copy: read_copy.ReadCopy) -> None:
    assert count(copy.engine, Service) == count(source, Service) > 0
    assert count(copy.engine, JobPosting) == count(source, JobPosting) > 0
    with source.connect() as conn:
        published = conn.scalar(
            select(func.count())
            .select_from(TradeListing)
            .where(TradeListing.status == ListingStatus.PUBLISHED)
        )
    assert count(copy.engine, TradeListing) == published
    with copy.engine.connect() as conn:
        assert read_copy.course_numbers(conn, [1, 99]) == {1: (2, 3), 99: (0, 0)}
    assert read_copy.is_read_copy(copy.engine) and not read_copy.is_read_copy(source)


def test_the_file_is_the_kiosk_users_alone(copy: read_copy.ReadCopy) -> None:
    assert copy.path.stat().st_mode & 0o777 == 0o600
    assert not list(copy.path.parent.glob("*.partial"))


def test_the_copy_refuses_every_write(copy: read_copy.ReadCopy) -> None:
    before = copy.path.read_bytes()
    with pytest.raises(OperationalError, match="readonly"), copy.engine.begin() as conn:
        conn.execute(text("DELETE FROM services"))
    with pytest.raises(OperationalError, match="readonly"), copy.engine.begin() as conn:
        conn.execute(text("UPDATE training_sessions SET seats_taken = seats_taken + 1"))
    assert copy.path.read_bytes() == before


def test_a_sellers_first_name_can_be_read_and_nothing_else_of_hers(
    copy: read_copy.ReadCopy,
) -> None:
    with copy.engine.connect() as conn:
        names = conn.scalars(select(Member.name)).all()
        assert names and all(len(name.split()) == 1 for name in names)
        # Signing in by phone is not answered from the copy.
        with pytest.raises(DatabaseError, match="prohibited"):
            conn.execute(select(Member.id).where(Member.phone == "6145550101"))
    with copy.engine.connect() as conn, pytest.raises(OperationalError, match="no such table"):
        conn.execute(text("SELECT count(*) FROM children"))


def test_a_damaged_copy_is_set_aside(copy: read_copy.ReadCopy, tmp_path: Path) -> None:
    copy.engine.dispose()
    copy.path.write_bytes(b"not a database at all" * 100)
    assert read_copy.open_read_copy(tmp_path / "data") is None


def test_a_copy_of_another_schema_is_set_aside(copy: read_copy.ReadCopy, tmp_path: Path) -> None:
    with closing(sqlite3.connect(copy.path)) as conn, conn:
        conn.execute("UPDATE read_copy SET schema_revision = '0001'")
    assert read_copy.open_read_copy(tmp_path / "data") is None


def test_no_copy_is_none(tmp_path: Path) -> None:
    assert read_copy.open_read_copy(tmp_path / "nothing") is None


def test_a_refresh_cut_off_leaves_the_old_copy(
    source: Engine, copy: read_copy.ReadCopy, tmp_path: Path
) -> None:
    before = copy.path.read_bytes()

    def failing() -> list[tuple[int, int, int]]:
        raise OSError("disk full")

    with pytest.raises(OSError):
        read_copy.make_read_copy(source, tmp_path / "data", courses=failing)
    assert copy.path.read_bytes() == before
    assert not list(copy.path.parent.glob("*.partial"))
    # What a power cut leaves behind goes at the next start.
    leftover = copy.path.parent / f"{read_copy.FILE_NAME}.x{read_copy.PARTIAL_SUFFIX}"
    leftover.write_bytes(b"half")
    read_copy.remove_partials(copy.path.parent)
    assert not leftover.exists() and copy.path.exists()


def test_only_a_postgresql_station_keeps_a_copy(source: Engine) -> None:
    assert not read_copy.wanted(source)
    assert read_copy.wanted(make_engine("postgresql+psycopg://kiosk@/kiosk?host=/nowhere"))
    assert os.path.basename(read_copy.copy_path(Path("/d"))) == "read-copy.sqlite"
