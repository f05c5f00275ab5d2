"""Restoring a checked backup in place of the database, all or nothing, with a safety copy of
what was there; and the way back offered when the database cannot be read at start."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from kiosk.config import Settings
from kiosk.data import sqlite_files
from kiosk.data.backup.checking import check_pg_archive, check_sqlite_file, database_readable
from kiosk.data.backup.files import (
    COMPANIONS,
    RESTORE_PREFIX,
    BackupError,
    log,
    new_name,
    pg_tool,
    remove_partials,
    sync_to_disk,
    temporary_file,
)
from kiosk.data.backup.making import backup, default_folder, kiosk_backups
from kiosk.i18n import _
from kiosk.running import KioskRunning

if TYPE_CHECKING:
    from kiosk.data.db import DatabaseUnreadable


@dataclass(frozen=True)
class RestoreResult:
    revision: str  # the schema revision of the restored database, after upgrading it
    safety_copy: Path | None  # the database as it was just before, or None if it was empty


def restore(engine: Engine, path: Path, settings: Settings) -> RestoreResult:
    """Put the backup ``path`` in place of the database, all or nothing.

    Refused, with nothing changed, when the file is not a backup of this kiosk (it does not
    open, fails its integrity check, or its tables and columns are not the kiosk's), when it
    was made by a newer version of the kiosk, or while a kiosk is running on this database: a
    kiosk on screen keeps what a member is doing in memory and would go on writing into the
    restored data. Before the restore the current database is backed up into the backup
    folder, so a wrong restore can be undone; after it the schema is brought up to this version.

    An SQLite backup is first copied, byte for byte and only ever read, into a hidden file in
    the data folder, and every check runs on that copy: the original may sit on read-only media
    (a USB stick), and a file that changes while it is checked cannot slip through.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("The file {path} does not exist.").format(path=path))
    if engine.url.get_backend_name() != "sqlite":
        check_pg_archive(path)
        return _put_in_place(engine, path, settings)
    database = sqlite_files.path_of(engine)
    if database is None:
        raise BackupError(_("There is no database file to restore into."))
    remove_partials(database.parent)
    try:
        with temporary_file(database.parent, RESTORE_PREFIX) as copy:
            try:
                with path.open("rb") as original, copy.open("wb") as out:
                    shutil.copyfileobj(original, out, 1 << 20)
            except OSError as exc:
                raise BackupError(
                    _("The backup {path} could not be read; nothing was changed.").format(path=path)
                ) from exc
            check_sqlite_file(copy, path)
            return _put_in_place(engine, copy, settings)
    except OSError as exc:  # the data folder cannot take the copy, or the rename failed
        log.warning("restore failed: %s", type(exc).__name__)
        raise BackupError(
            _("The backup could not be restored; the database was left as it was.")
        ) from exc


def _put_in_place(engine: Engine, checked: Path, settings: Settings) -> RestoreResult:
    from kiosk.data import db

    sqlite = engine.url.get_backend_name() == "sqlite"
    with no_kiosk_running(Path(settings.data_dir)):
        if not sqlite:
            _refuse_other_connections(engine)
            safety = _safety_copy(engine, default_folder(settings))
            _restore_postgresql(engine, checked)
        elif database_readable(engine):
            safety = _safety_copy(engine, default_folder(settings))
            _restore_sqlite(engine, checked)
        else:
            safety = _set_damaged_aside(engine, default_folder(settings))
            _replace_damaged(engine, checked)
        engine.dispose()
        revision = db.migrate(engine)
        # No connection stays open past this point: the restore's own temporary file may be
        # the database's inode now, and closing it would drop SQLite's locks on it.
        engine.dispose()
    log.info("database restored from a backup (schema %s)", revision)
    return RestoreResult(revision, safety)


def _safety_copy(engine: Engine, folder: Path) -> Path | None:
    backend = engine.url.get_backend_name()
    if backend == "sqlite":
        database = sqlite_files.path_of(engine)
        if database is None or not database.exists() or database.stat().st_size == 0:
            return None
    suffix = ".sqlite3" if backend == "sqlite" else ".pgdump"
    return backup(engine, new_name(folder, "before-restore", suffix))


def _set_damaged_aside(engine: Engine, folder: Path) -> Path | None:
    """The damaged file, kept byte for byte beside the backups (someone may yet rescue rows
    from it) under a name the rotation and the start-up's advice never take for a backup."""
    database = sqlite_files.path_of(engine)
    if database is None or not database.exists():
        return None
    kept = new_name(folder, "kiosk", ".sqlite3", prefix="damaged-")
    try:
        fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, database.open("rb") as damaged:
            shutil.copyfileobj(damaged, out, 1 << 20)
    except OSError as exc:
        raise BackupError(
            _("The damaged database could not be set aside in {path}; nothing was changed.").format(
                path=folder
            )
        ) from exc
    return kept


def _replace_damaged(engine: Engine, checked: Path) -> None:
    # A file that is not a database cannot take SQLite's backup into it: the checked copy,
    # which sits in the same folder, is renamed over it (one atomic step) and the damaged
    # file's journals, which belong to it alone, go.
    database = sqlite_files.path_of(engine)
    assert database is not None
    engine.dispose()
    for ending in COMPANIONS[1:]:
        database.with_name(database.name + ending).unlink(missing_ok=True)
    os.replace(checked, database)
    os.chmod(database, 0o600)
    sync_to_disk(database.parent)


def _restore_sqlite(engine: Engine, checked: Path) -> None:
    database = sqlite_files.path_of(engine)
    if database is None:
        raise BackupError(_("There is no database file to restore into."))
    engine.dispose()
    source = sqlite_files.connect(checked, mode="ro")
    dest = sqlite_files.connect(database, mode="rw")
    try:
        # SQLite's online backup API, run into the live file: one write transaction that the
        # database's own locks and journal (WAL included) make all or nothing.
        source.backup(dest)
        if dest.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(_("The restored database did not pass its check."))
    except sqlite3.Error as exc:
        log.warning("restore failed: %s", type(exc).__name__)
        raise BackupError(
            _("The backup could not be restored; the database was left as it was.")
        ) from exc
    finally:
        dest.close()
        source.close()


# --- a database that cannot be read at start ------------------------------------------------


def newest_good_backup(folder: Path) -> Path | None:
    """The newest of the kiosk's SQLite backups in ``folder`` that opens and passes SQLite's
    quick check (read without writing anything: the folder may be on read-only media)."""
    for candidate in reversed(kiosk_backups(folder)):
        if candidate.suffix != ".sqlite3":
            continue
        try:
            conn = sqlite_files.connect(candidate, mode="ro", immutable=True)
            try:
                ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                ok = ok and conn.execute("SELECT version_num FROM alembic_version").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            continue
        if ok:
            return candidate
    return None


def way_back(settings: Settings, error: DatabaseUnreadable) -> DatabaseUnreadable:
    """``error`` told again with the way back: the newest good backup and the command that
    restores it."""
    from kiosk.data.db import DatabaseUnreadable

    folder = default_folder(settings)
    good = newest_good_backup(folder)
    if good is None:
        message = _(
            "The database cannot be read and there is no good backup in {folder}; call for "
            "technical help and do not delete anything."
        ).format(folder=folder)
    else:
        message = _(
            'The database cannot be read. Restore the newest backup with "kiosk restore {path}".'
        ).format(path=shlex.quote(str(good)))
    return DatabaseUnreadable(message, error.path)


def _pg_conninfo(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _refuse_other_connections(engine: Engine) -> None:
    from sqlalchemy import text

    engine.dispose()
    with engine.connect() as conn:
        others = conn.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    engine.dispose()
    if others:
        raise BackupError(
            _(
                "Connections to the database are open: {count} (kiosks still running?). Close "
                "them and try again; nothing was changed."
            ).format(count=others)
        )


def _restore_postgresql(engine: Engine, path: Path) -> None:
    pg_restore = pg_tool("pg_restore")
    engine.dispose()
    result = subprocess.run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_pg_conninfo(engine)}",
            str(path),
        ],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        log.warning("pg_restore failed with code %d", result.returncode)
        raise BackupError(_("The backup could not be restored; the database was left as it was."))


# "A kiosk is running on this data folder" lives in kiosk/running.py (the window holds it from
# its first moment, before the database library is loaded).


@contextlib.contextmanager
def no_kiosk_running(data_dir: Path) -> Iterator[None]:
    lock = KioskRunning(data_dir)
    if not lock.try_exclusive():
        raise BackupError(
            _(
                "The kiosk is running on this computer; leave kiosk mode with a staff PIN, "
                "then try again. Nothing was changed."
            )
        )
    try:
        yield
    finally:
        lock.release()
