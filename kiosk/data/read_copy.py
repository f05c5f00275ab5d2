"""The station's read copy: what the member pages show, kept in a small SQLite file in the data
folder, so a kiosk whose PostgreSQL server is far away goes on showing programs, jobs, courses
and listings while the line is down.

Only the shared directories and what members publish are copied in full (:data:`COPIED`).
Children, help calls, slips, staff and savings are not copied, and their tables are not even
made, so a page that needs them fails as it does with no server at all. Of the members the
copy keeps only what a published listing shows of its seller, her first name (no phone, no
surname, nobody else), and refuses to be asked for any other column of hers, so signing in by
phone is never answered from it (:func:`read_only_engine`). Of the sign-ups, only what a
course's card says: how many wait for a seat and how many places are left in the children's
room, per session (:data:`COURSES`), not who. And the copy is opened read-only, so the
database itself refuses any write: no seat, check-in, code or referral is ever decided from it.

The copy is made in one consistent read of the server, written to a file of its own beside it
and renamed over the old one only once complete (a copy cut off midway never replaces a good
one). Its ``read_copy`` table says when it was taken and at which schema revision; a copy of
another revision, or a file that is not one, is ignored.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.expression import Executable

from kiosk.data import sqlite_files
from kiosk.data.db import head_revision
from kiosk.data.models import (
    Base,
    ListingStatus,
    Member,
    MemberRegistration,
    TradeListing,
    TradePhoto,
)
from kiosk.logs import area_logger
from kiosk.words import first_name

log = area_logger("link")

FILE_NAME = "read-copy.sqlite"
PARTIAL_SUFFIX = ".partial"
BATCH_ROWS = 1000

# The tables the member pages read to browse, parents first. Trade listings only once
# published (and only their photos): a listing waiting for approval is not shown to anyone.
COPIED: tuple[str, ...] = (
    "organizations",
    "services",
    "job_postings",
    "trainings",
    "training_sessions",
    "trade_listings",
    "trade_photos",
)
# The network's centres, which the pages may join.
COPIED_IF_PRESENT: tuple[str, ...] = ("centres",)
# And where the sellers are registered: a station reads the women registered at its centre.
SELLERS_REGISTRATIONS = MemberRegistration.__tablename__

# The sellers of published listings, as the listings show them: these columns only.
SELLERS = Member.__tablename__
SELLER_COLUMNS = frozenset({"id", "name", "centre_id"})

_marker_metadata = MetaData()
MARKER = Table(
    "read_copy",
    _marker_metadata,
    Column("id", Integer, primary_key=True),
    Column("schema_revision", String(32), nullable=False),
    Column("taken_at", String(40), nullable=False),  # ISO 8601, UTC
)
# What a course's card counts from the sign-ups, as the server counted it when the copy was
# taken: (session id, women waiting for a seat, places left in the children's room).
COURSES = Table(
    "read_copy_courses",
    _marker_metadata,
    Column("session_id", Integer, primary_key=True),
    Column("waitlist_count", Integer, nullable=False),
    Column("childcare_left", Integer, nullable=False),
)
CourseNumbers = tuple[int, int, int]


@dataclass(frozen=True)
class ReadCopy:
    """An opened read copy: its read-only engine and when its data was read from the server."""

    engine: Engine
    taken_at: datetime
    path: Path


def copy_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def wanted(url: Any) -> bool:
    """A read copy is kept only for a server far away: a station on its own SQLite file has
    nothing to lose."""
    url = getattr(url, "url", url)
    return str(url.get_backend_name()) == "postgresql"


def copied_tables() -> list[Table]:
    names = {*COPIED, SELLERS, SELLERS_REGISTRATIONS} | {
        n for n in COPIED_IF_PRESENT if n in Base.metadata.tables
    }
    return [t for t in Base.metadata.sorted_tables if t.name in names]


def _rows_of(table: Table) -> Executable:
    """What of ``table`` goes into the copy."""
    published = TradeListing.status == ListingStatus.PUBLISHED
    if table.name == SELLERS:
        sellers = select(TradeListing.seller_id).where(published)
        return select(table.c.id, table.c.name, table.c.centre_id).where(table.c.id.in_(sellers))
    if table.name == MemberRegistration.__tablename__:
        sellers = select(TradeListing.seller_id).where(published)
        return select(table).where(table.c.member_id.in_(sellers))
    if table.name == TradeListing.__tablename__:
        return select(table).where(published)
    if table.name == TradePhoto.__tablename__:
        shown = select(TradeListing.id).where(published)
        return select(table).where(table.c.listing_id.in_(shown))
    return select(table)


def _snapshot(source: Engine) -> contextlib.AbstractContextManager[Connection]:
    """One read-only transaction on the server: every table of the copy as of one moment."""
    options: dict[str, Any] = {}
    if source.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}

    @contextlib.contextmanager
    def opened() -> Iterator[Connection]:
        with source.connect() as conn:
            conn = conn.execution_options(**options)
            with conn.begin():
                yield conn

    return opened()


def _building_engine(path: Path) -> Engine:
    engine = create_engine(sqlite_files.engine_url(path), poolclass=NullPool)

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cur = dbapi_connection.cursor()
        # A file of its own, renamed over the old one only when complete: no journal needed.
        cur.execute("PRAGMA journal_mode = OFF")
        cur.execute("PRAGMA synchronous = OFF")
        cur.close()

    event.listen(engine, "connect", on_connect)
    return engine


def make_read_copy(
    source: Engine,
    data_dir: Path,
    *,
    courses: Callable[[], Iterable[CourseNumbers]] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> Path:
    """Read the copied tables from ``source`` into a new copy and put it in place of the old
    one; the copy's path. ``courses`` counts, on the server, what the courses' cards show
    (:data:`COURSES`). Raises the database's error when the server cannot be read (the old
    copy then stays as it was)."""
    target = copy_path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file readable by the kiosk's user only, like the main database.
    handle, name = tempfile.mkstemp(
        prefix=FILE_NAME + ".", suffix=PARTIAL_SUFFIX, dir=target.parent
    )
    os.close(handle)
    partial = Path(name)
    tables = copied_tables()
    counts: dict[str, int] = {}
    try:
        engine = _building_engine(partial)
        try:
            with engine.begin() as out:
                Base.metadata.create_all(out, tables=tables)
                _marker_metadata.create_all(out)
                with _snapshot(source) as conn:
                    taken_at = datetime.now(UTC)
                    for table in tables:
                        counts[table.name] = _copy_table(conn, out, table, batch_rows)
                numbers = [
                    {"session_id": i, "waitlist_count": w, "childcare_left": c}
                    for i, w, c in (courses() if courses is not None else ())
                ]
                if numbers:
                    out.execute(insert(COURSES), numbers)
                out.execute(
                    insert(MARKER).values(
                        id=1, schema_revision=head_revision(), taken_at=taken_at.isoformat()
                    )
                )
        finally:
            engine.dispose()
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("read copy taken: %s", ", ".join(f"{name} {count}" for name, count in counts.items()))
    return target


def _copy_table(conn: Connection, out: Connection, table: Table, batch_rows: int) -> int:
    result = conn.execution_options(yield_per=batch_rows).execute(_rows_of(table))
    copied = 0
    for rows in result.partitions():
        values = [dict(row._mapping) for row in rows]
        if table.name == SELLERS:
            values = [{**v, "name": first_name(v["name"])} for v in values]
        out.execute(insert(table), values)
        copied += len(rows)
    return copied


def remove_partials(data_dir: Path) -> None:
    """What a refresh cut off midway (the kiosk closed or the power cut) left behind."""
    for leftover in Path(data_dir).glob(f"{FILE_NAME}.*{PARTIAL_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def open_read_copy(data_dir: Path) -> ReadCopy | None:
    """The station's read copy, opened read-only; None when there is none, or when the file
    cannot be read as one or was taken at another schema revision (it is then ignored, and
    replaced at the next refresh)."""
    path = copy_path(data_dir)
    if not path.is_file():
        return None
    engine = read_only_engine(path)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(MARKER.c.schema_revision, MARKER.c.taken_at)).first()
    except DBAPIError as exc:
        log.warning("read copy ignored: it cannot be read (%s)", type(exc.orig).__name__)
        engine.dispose()
        return None
    if row is None or row.schema_revision != head_revision():
        log.warning(
            "read copy ignored: taken at schema %s, not %s",
            row.schema_revision if row else None,
            head_revision(),
        )
        engine.dispose()
        return None
    try:
        taken_at = datetime.fromisoformat(row.taken_at).astimezone(UTC)
    except ValueError:
        log.warning("read copy ignored: its time cannot be read")
        engine.dispose()
        return None
    return ReadCopy(engine, taken_at, path)


def is_read_copy(bind: Any) -> bool:
    """``bind`` (an engine or connection) reads a station's read copy."""
    path = sqlite_files.path_of(getattr(bind, "engine", bind))
    return path is not None and path.name == FILE_NAME


def course_numbers(
    conn: Connection | Session, session_ids: Iterable[int]
) -> dict[int, tuple[int, int]]:
    """From a read copy: each session's (women waiting, children's places left) as the
    server counted them (sessions it did not count: none waiting, no place)."""
    ids = list(session_ids)
    rows = conn.execute(
        select(COURSES.c.session_id, COURSES.c.waitlist_count, COURSES.c.childcare_left).where(
            COURSES.c.session_id.in_(ids)
        )
    )
    found = {i: (w, c) for i, w, c in rows}
    return {i: found.get(i, (0, 0)) for i in ids}


def _only_what_is_copied(action: int, table: str | None, column: str | None, *_: Any) -> int:
    """SQLite's authorizer on the copy: of the members, only the columns a listing shows can
    be read; asking for another (her phone to sign in, her locality) fails the statement."""
    if action == sqlite3.SQLITE_READ and table == SELLERS and column not in SELLER_COLUMNS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def read_only_engine(path: Path) -> Engine:
    """An engine that can only read ``path``: the file is opened ``mode=ro`` and every
    connection is ``query_only``, so SQLite itself refuses a write. A new connection each
    session, so a copy renamed into place is read at the next tap."""

    def connect() -> Any:
        conn = sqlite_files.connect(path, mode="ro", check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(_only_what_is_copied)
        return conn

    # The URL names the file (is_read_copy, the log); the creator opens it read-only.
    return create_engine(sqlite_files.engine_url(path), creator=connect, poolclass=NullPool)
