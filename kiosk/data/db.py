"""Engine, sessions and schema migrations.

SQLite (one PC, the default) runs in WAL mode with foreign keys on and a busy timeout, so the
kiosk's own processes can share the file. PostgreSQL (several kiosks) is reached with psycopg 3.
Alembic is imported only when the schema is not already at head, to keep start-up fast.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as DriverDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data import sqlite_files
from kiosk.i18n import _
from kiosk.logs import area_logger

log = area_logger("data")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """A database problem told as one plain sentence."""


class DatabaseUnavailable(DatabaseError):
    pass


class SchemaTooNew(DatabaseError):
    pass


class SchemaNeedsOwner(DatabaseError):
    """The schema is older than this kiosk, and the station's user may not bring it up to date."""


class UnknownCentre(DatabaseError):
    """The station's centre is not one of the database's centres (or not its role's)."""


class DatabaseUnreadable(DatabaseError):
    """The SQLite file is there but is not a database any more (damaged, overwritten)."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def _sqlite_on_connect(dbapi_connection: Any, _record: Any, busy_ms: int) -> None:
    # Python's sqlite3 opens transactions lazily and lets BEGIN be issued by SQLAlchemy.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


WRITE_OPTION = "kiosk_write"


def _sqlite_on_begin(conn: Any) -> None:
    # A write transaction (``factory.begin()``) takes the write lock at BEGIN IMMEDIATE, so two
    # writers queue (busy_timeout) instead of one failing half-way through a read-then-write.
    # Reads begin DEFERRED and, in WAL mode, never wait for a writer.
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


class KioskSession(Session):
    """``session.begin()`` marks a write transaction (see :func:`_sqlite_on_begin`)."""

    def begin(self, nested: bool = False) -> Any:
        transaction = super().begin(nested=nested)
        if not nested:
            self.connection(execution_options={WRITE_OPTION: True})
        return transaction


def make_engine(
    url: str | URL | Path, *, sqlite_busy_ms: int = SQLITE_BUSY_TIMEOUT_MS, **kwargs: Any
) -> Engine:
    """An engine for ``url``: a ``sqlite:///path`` file (or the path itself) or
    ``postgresql+psycopg://...``."""
    if isinstance(url, Path):
        url = sqlite_files.engine_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(
            _("The database address {url} is not valid.").format(url=url)
        ) from exc
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            path = Path(database)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                # Members' names and phones live here: readable by the kiosk's user only. SQLite
                # gives its -wal and -shm files the database file's permissions.
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
            except OSError as exc:
                raise DatabaseUnavailable(
                    _("The database folder {path} cannot be created.").format(path=path.parent)
                ) from exc
        engine = create_engine(parsed, **kwargs)
        event.listen(
            engine, "connect", lambda dbapi, rec: _sqlite_on_connect(dbapi, rec, sqlite_busy_ms)
        )
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    from kiosk.data.models.base import partial_indexes_for

    partial_indexes_for(parsed.get_backend_name())
    kwargs.setdefault("pool_pre_ping", True)
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("connect_timeout", 5)
    return create_engine(parsed, connect_args=connect_args, **kwargs)


def make_session_factory(engine: Engine, centre_id: int = 1) -> sessionmaker[Session]:
    """The one sessionmaker; services use ``with factory.begin() as s:``. Its sessions work
    for the station's centre (:mod:`kiosk.data.scope`)."""
    from kiosk.data.scope import keep_to_centre

    keep_to_centre(KioskSession)
    return sessionmaker(
        engine, class_=KioskSession, expire_on_commit=False, info={"centre_id": centre_id}
    )


def check_connection(engine: Engine) -> None:
    """Raise :class:`DatabaseUnavailable` with a plain sentence if the database does not answer."""
    sqlite = engine.url.get_backend_name() == "sqlite"
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if sqlite:  # reads the file's first page: a damaged or foreign file fails here
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
    except OperationalError as exc:
        log.warning("database did not answer: %s", type(exc.orig).__name__)
        raise DatabaseUnavailable(
            _("The database at {where} does not answer.").format(where=describe(engine))
        ) from exc
    except DriverDatabaseError as exc:
        if not sqlite:
            raise
        raise unreadable(engine) from exc


def centre_of_user(engine: Engine) -> int | None:
    """On PostgreSQL, the centre whose stations' user ``engine`` connects as (the database
    keeps that user to the centre's people); None for a user of no centre (the server's owner)
    and on SQLite."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        found = conn.execute(text("SELECT id FROM centres WHERE db_role = current_user")).scalar()
    return None if found is None else int(found)


def check_centre(engine: Engine, centre_id: int) -> None:
    """Raise :class:`UnknownCentre` with a plain sentence unless ``centre_id`` is one of the
    database's centres and, on PostgreSQL, the centre of the role the station connects with
    (a role of no centre, the server's owner, may work for any)."""
    with engine.connect() as conn:
        known = conn.execute(
            text("SELECT id FROM centres WHERE id = :id"), {"id": centre_id}
        ).first()
        role_centre = None
        if engine.dialect.name == "postgresql":
            role_centre = conn.execute(
                text("SELECT id FROM centres WHERE db_role = current_user")
            ).scalar()
    if known is None and role_centre is None:
        raise UnknownCentre(
            _(
                "This station is set for centre {centre}, which the database does not know; "
                "ask the network's coordinator for this centre's number (setting centre_id)."
            ).format(centre=centre_id)
        )
    if role_centre is not None and role_centre != centre_id:
        raise UnknownCentre(
            _(
                "This station is set for centre {centre}, but it connects as centre "
                "{role_centre}'s user; set centre_id to {role_centre} or use this centre's user."
            ).format(centre=centre_id, role_centre=role_centre)
        )


def unreadable(engine: Engine) -> DatabaseUnreadable:
    log.error("the database file cannot be read as a database")
    return DatabaseUnreadable(
        _("The database {path} cannot be read.").format(path=describe(engine)),
        sqlite_files.path_of(engine),
    )


def describe(engine: Engine) -> str:
    """Where the database is, without the password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


# --- migrations ---------------------------------------------------------------------------


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def _revisions() -> dict[str, str | None]:
    """Each migration's revision and the one it follows, read from the scripts' own lines
    (``revision: str = "0001"``) without importing Alembic, which costs a third of a second
    at every start. A test checks the answer against Alembic's own."""
    found: dict[str, str | None] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        values: dict[str, str | None] = {}
        # Only those two lines are parsed, not the whole script.
        lines = script.read_text(encoding="utf-8").splitlines()
        wanted = "\n".join(line for line in lines if line.startswith(("revision", "down_revision")))
        for node in ast.parse(wanted).body:
            if isinstance(node, ast.AnnAssign | ast.Assign):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if node.value is not None and {"revision", "down_revision"} & set(names):
                    values[names[0]] = ast.literal_eval(node.value)
        if "revision" in values:
            found[str(values["revision"])] = values.get("down_revision")
    return found


def head_revision() -> str:
    """The newest schema revision this program knows: the one no other migration follows."""
    revisions = _revisions()
    followed = set(revisions.values())
    heads = [rev for rev in revisions if rev not in followed]
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have one head, not {sorted(heads)}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revisions())


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database (None for an empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def migrate(engine: Engine) -> str:
    """Bring the schema to head (one transaction per step); refuse a schema newer than ours."""
    check_connection(engine)
    try:
        current = current_revision(engine)
    except OperationalError:
        raise
    except DriverDatabaseError as exc:  # a damaged schema page
        if engine.url.get_backend_name() != "sqlite":
            raise
        raise unreadable(engine) from exc
    head = head_revision()
    if current == head:
        return head
    if current is not None and current not in known_revisions():
        raise SchemaTooNew(
            _(
                "The database was made by a newer version of the kiosk; update the kiosk "
                "before using it."
            )
        )
    from alembic import command

    log.info("upgrading database schema from %s to %s", current, head)
    try:
        command.upgrade(_alembic_config(engine), "head")
    except DriverDatabaseError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
            raise
        # A centre's stations' user may use the schema, not change it.
        raise SchemaNeedsOwner(
            _(
                "The database must first be brought up to date by the server's owner "
                "(kiosk db upgrade); this station's user may not change it."
            )
        ) from exc
    return head
