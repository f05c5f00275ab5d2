"""Checking a backup before it is restored: a sound database (or archive) of the kiosk, at a
revision this version knows, with exactly the kiosk's tables and columns."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine

from kiosk.data import sqlite_files
from kiosk.data.backup.files import BackupError, log, pg_tool
from kiosk.i18n import _


def _not_a_backup(path: Path) -> BackupError:
    return BackupError(
        _("{path} is not a backup of the kiosk; nothing was changed.").format(path=path)
    )


def _check_revision(path: Path, revision: str | None) -> None:
    from kiosk.data import db

    if revision is None:
        raise _not_a_backup(path)
    if revision not in db.known_revisions():
        raise BackupError(
            _(
                "{path} was made by a newer version of the kiosk; update the kiosk before "
                "restoring it. Nothing was changed."
            ).format(path=path)
        )


REQUIRED_TABLES = frozenset({"alembic_version", "members", "staff_users", "vouchers"})


def expected_schema() -> dict[str, set[str]]:
    """Every table of the kiosk's models at the newest revision, with its columns."""
    from kiosk.data.models import Base

    tables = {t.name: {c.name for c in t.columns} for t in Base.metadata.tables.values()}
    tables["alembic_version"] = {"version_num"}
    return tables


def _schema(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: {row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))}
        for name in names
    }


def check_sqlite_file(copy: Path, shown: Path) -> None:
    """Refuse the copy ``copy`` of the file ``shown`` unless it is a sound database of the
    kiosk at a known revision; a backup of an older version is brought up to date (on the
    copy) and must then have exactly the kiosk's tables and columns."""
    from kiosk.data import db

    try:
        conn = sqlite_files.connect(copy, mode="rw")
    except sqlite3.Error as exc:
        raise _not_a_backup(shown) from exc
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(
                _("The backup {path} is damaged; nothing was changed.").format(path=shown)
            )
        if "alembic_version" not in _schema(conn):
            raise _not_a_backup(shown)
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:  # "file is not a database", a truncated file...
        raise _not_a_backup(shown) from exc
    finally:
        conn.close()
    if len(rows) != 1:
        raise _not_a_backup(shown)
    revision = rows[0][0]
    _check_revision(shown, revision)
    if revision != db.head_revision():
        # An older backup: the migrations bring it to today's schema before it is compared.
        older = db.make_engine(copy)
        try:
            db.migrate(older)
        except Exception as exc:  # whatever a foreign file makes the migrations trip on
            log.warning("an older backup could not be upgraded: %s", type(exc).__name__)
            raise BackupError(
                _(
                    "{path} was made by an older version of the kiosk and cannot be brought "
                    "up to date; nothing was changed."
                ).format(path=shown)
            ) from exc
        finally:
            older.dispose()
    conn = sqlite_files.connect(copy, mode="rw")
    try:
        found = _schema(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.DatabaseError as exc:
        raise _not_a_backup(shown) from exc
    finally:
        conn.close()
    if found != expected_schema():
        missing = sorted(set(expected_schema()) - set(found))
        log.warning("a restore was refused: the tables differ (%d missing)", len(missing))
        raise _not_a_backup(shown)


def check_pg_archive(path: Path) -> None:
    pg_restore = pg_tool("pg_restore")
    listing = subprocess.run(
        [pg_restore, "--list", str(path)], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:
        raise _not_a_backup(path)
    tables = set(re.findall(r" TABLE public (\w+) ", listing.stdout + "\n"))
    if not tables >= REQUIRED_TABLES:
        raise _not_a_backup(path)
    # Read through to the end, as a restore would: a truncated or damaged archive fails here.
    whole = subprocess.run(
        [pg_restore, f"--file={os.devnull}", str(path)], capture_output=True, check=False
    )
    if whole.returncode != 0:
        raise BackupError(_("The backup {path} is damaged; nothing was changed.").format(path=path))
    # The data of alembic_version, as the SQL pg_restore would run: one COPY line per row.
    data = subprocess.run(
        [pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"^COPY public\.alembic_version .*?\n(\S+)\n\\\.$", data.stdout, re.M)
    revision = match.group(1) if match else None
    _check_revision(path, revision)
    from kiosk.data import db

    # At today's revision every table of the kiosk is there, and no other (an older backup
    # gets the newer tables from the migrations after the restore).
    if revision == db.head_revision() and tables != set(expected_schema()):
        raise _not_a_backup(path)


def database_readable(engine: Engine) -> bool:
    """Whether the SQLite database file opens as a database (an empty one does)."""
    database = sqlite_files.path_of(engine)
    if database is None or not database.exists():
        return True
    try:
        conn = sqlite_files.connect(database, mode="ro")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return True
