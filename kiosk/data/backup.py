"""Consistent copies of the database: SQLite's online backup API, or pg_dump for PostgreSQL.

A copy is written to a hidden temporary file in the destination folder (``.kiosk-backup-*``,
readable by the kiosk's user only) and renamed to its final name only once it is complete and
checked, so a failed or interrupted backup never leaves a file that looks good. What a killed
backup leaves behind is removed by the next backup into that folder and at the kiosk's start.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from kiosk.config import Settings
from kiosk.data import sqlite_files
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.running import KioskRunning

if TYPE_CHECKING:
    from kiosk.data.db import DatabaseUnreadable

log = area_logger("data")

BACKUP_PREFIX = ".kiosk-backup-"
RESTORE_PREFIX = ".kiosk-restore-"
PARTIAL_SUFFIX = ".partial"
# A temporary file nobody holds (its writer was killed) is removed; where locks on files are
# not available, one left alone this long is taken for abandoned.
ABANDONED_AFTER_S = 3600


class BackupError(Exception):
    """A backup that could not be made, told as one plain sentence."""


def backup(engine: Engine, path: Path, *, now: datetime | None = None) -> Path:
    """Write a copy to ``path`` (a new file, or a folder to put a dated file in)."""
    backend = engine.url.get_backend_name()
    suffix = ".sqlite3" if backend == "sqlite" else ".pgdump"
    path = Path(path)
    if path.is_dir():
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        path = path / f"kiosk-{stamp}{suffix}"
    if path.exists():
        raise BackupError(
            _("{path} already exists; choose a new name so no backup is overwritten.").format(
                path=path
            )
        )
    if not path.parent.is_dir():
        raise BackupError(_("The folder {path} does not exist.").format(path=path.parent))
    remove_partials(path.parent)
    try:
        with _temporary(path.parent, BACKUP_PREFIX) as partial:
            if backend == "sqlite":
                _backup_sqlite(engine, partial)
            else:
                _backup_postgresql(engine, partial)
            _fsync(partial)
            os.replace(partial, path)
            _fsync(path.parent)
    except OSError as exc:
        raise BackupError(
            _("The backup could not be written to {path}.").format(path=path)
        ) from exc
    log.info("backup written (%d bytes)", path.stat().st_size)
    return path


@contextlib.contextmanager
def _temporary(folder: Path, prefix: str) -> Iterator[Path]:
    """A new empty file in ``folder``, mode 0600 from its first moment (members' names and
    phones will be in it), held locked while in use so that a cleanup by another kiosk
    process leaves it alone; removed afterwards unless it was renamed."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=PARTIAL_SUFFIX, dir=folder)
    path = Path(name)
    try:
        _hold(fd)
        yield path
    finally:
        _remove_with_companions(path)
        os.close(fd)


def _hold(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: cleanup goes by the file's age instead
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _in_use(path: Path) -> bool:
    try:
        import fcntl
    except ImportError:
        try:
            return time.time() - path.stat().st_mtime < ABANDONED_AFTER_S
        except OSError:
            return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also lets go of the lock just taken
    return False


COMPANIONS = ("", "-journal", "-wal", "-shm")


def _remove_with_companions(path: Path) -> None:
    for ending in COMPANIONS:
        with contextlib.suppress(OSError):
            path.with_name(path.name + ending).unlink(missing_ok=True)


def remove_partials(folder: Path) -> int:
    """Remove what killed backups and restores left in ``folder`` (their hidden temporary
    files and SQLite's journals of them); one still being written is left alone. Returns how
    many were removed."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return 0
    removed = 0
    for name in names:
        if not name.startswith((BACKUP_PREFIX, RESTORE_PREFIX)) or PARTIAL_SUFFIX not in name:
            continue
        main = Path(folder) / (name.split(PARTIAL_SUFFIX)[0] + PARTIAL_SUFFIX)
        if name == main.name and _in_use(main):
            continue
        if name != main.name and main.exists():
            continue  # a journal: goes with its database file
        _remove_with_companions(main)
        removed += 1
    if removed:
        log.warning("removed %d files left by an interrupted backup or restore", removed)
    return removed


def _fsync(path: Path) -> None:
    # The rename must not reach the disk before the copy's contents do (a power cut right
    # after it would otherwise leave an empty file under a good name).
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    quoted = {name: '"' + name.replace('"', '""') + '"' for name in names}
    return {
        name: conn.execute(f"SELECT count(*) FROM {quoted[name]}").fetchone()[0] for name in names
    }


def _backup_sqlite(engine: Engine, target: Path) -> None:
    source_path = sqlite_files.path_of(engine)
    if source_path is None or not source_path.exists():
        raise BackupError(_("There is no database file to back up yet."))
    try:
        source = sqlite_files.connect(source_path, mode="ro", isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupError(_("The database cannot be read; it was not backed up.")) from exc
    dest = sqlite_files.connect(target, mode="rw")
    try:
        # The row counts and the copy come from one snapshot: the read transaction begun here
        # is the one SQLite's backup runs in (a backup step reuses the source connection's open
        # read transaction). In WAL mode kiosks go on writing meanwhile, into the WAL, and
        # neither the counts nor the copy see it; comparing with a count taken after the copy
        # would fail, or pass by luck, whenever a member signs up during a backup.
        source.execute("BEGIN")
        expected = _table_counts(source)
        source.backup(dest)
        source.execute("COMMIT")
        # A backup is one self-contained file: it must open from read-only media too.
        dest.execute("PRAGMA journal_mode = DELETE")
        if dest.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(_("The copy did not pass its check; the backup was not kept."))
        if _table_counts(dest) != expected:
            log.error("the copy's tables or rows differ from the database's")
            raise BackupError(_("The copy did not pass its check; the backup was not kept."))
    except sqlite3.DatabaseError as exc:
        log.warning("backup failed: %s", type(exc).__name__)
        raise BackupError(_("The database cannot be read; it was not backed up.")) from exc
    finally:
        dest.close()
        source.close()


def _backup_postgresql(engine: Engine, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError(_("pg_dump is not installed; install the PostgreSQL client tools."))
    url = engine.url.set(drivername="postgresql")
    conninfo = url.render_as_string(hide_password=False)
    env = dict(os.environ)
    fd = os.open(target, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "wb") as out:
        result = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", f"--dbname={conninfo}"],
            stdout=out,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    if result.returncode != 0:
        log.warning("pg_dump failed with code %d", result.returncode)
        raise BackupError(_("pg_dump could not copy the database; is the server reachable?"))


# --- the daily automatic backup and its rotation -----------------------------------------------

NAME_PATTERN = re.compile(r"^kiosk-(\d{8}-\d{6})(-[a-z0-9-]+)?\.(sqlite3|pgdump)$")
EVERY = timedelta(days=1)


def default_folder(settings: Settings) -> Path:
    """``backup_dir`` from the settings, or ``<data_dir>/backups``."""
    if settings.backup_dir:
        return Path(settings.backup_dir).expanduser()
    return Path(settings.data_dir) / "backups"


def kiosk_backups(folder: Path) -> list[Path]:
    """The kiosk's own backups in ``folder`` (named ``kiosk-YYYYmmdd-HHMMSS...``), oldest first;
    any other file there is never touched."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = [
        (match.group(1), p)
        for p in entries
        if p.is_file() and (match := NAME_PATTERN.match(p.name))
    ]
    return [p for _stamp, p in sorted(found, key=lambda stamped: stamped[0])]


def last_backup_time(folder: Path) -> datetime | None:
    """When the newest backup in ``folder`` was made (local time of its name), or None."""
    found = kiosk_backups(folder)
    if not found:
        return None
    match = NAME_PATTERN.match(found[-1].name)
    assert match is not None
    return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")


def is_due(folder: Path, now: datetime | None = None) -> bool:
    """True when there is no backup in ``folder`` of the last day."""
    last = last_backup_time(folder)
    now = now or datetime.now()
    return last is None or now - last >= EVERY or last > now


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest of the kiosk's backups so that ``keep`` remain; returns those deleted."""
    keep = max(1, keep)
    found = kiosk_backups(folder)
    removed = found[:-keep] if len(found) > keep else []
    for path in removed:
        path.unlink(missing_ok=True)
    if removed:
        log.info("backup rotation removed %d old copies", len(removed))
    return removed


def automatic_backup(
    engine: Engine, folder: Path, keep: int, *, now: datetime | None = None, force: bool = False
) -> Path | None:
    """The daily backup: a new copy in ``folder`` (made if missing) when the newest is a day old
    or more (or ``force``), then the oldest beyond ``keep`` deleted. None when not due."""
    now = now or datetime.now()
    if not force and not is_due(folder, now):
        return None
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(_("The folder {path} cannot be created.").format(path=folder)) from exc
    written = backup(engine, folder, now=now)
    rotate(folder, keep)
    return written


# --- restore --------------------------------------------------------------------------------


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
        _check_pg_archive(path)
        return _put_in_place(engine, path, settings)
    database = sqlite_files.path_of(engine)
    if database is None:
        raise BackupError(_("There is no database file to restore into."))
    remove_partials(database.parent)
    try:
        with _temporary(database.parent, RESTORE_PREFIX) as copy:
            try:
                with path.open("rb") as original, copy.open("wb") as out:
                    shutil.copyfileobj(original, out, 1 << 20)
            except OSError as exc:
                raise BackupError(
                    _("The backup {path} could not be read; nothing was changed.").format(path=path)
                ) from exc
            _check_sqlite_file(copy, path)
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
        elif _readable(engine):
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


def _check_sqlite_file(copy: Path, shown: Path) -> None:
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


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _("{tool} is not installed; install the PostgreSQL client tools.").format(tool=name)
        )
    return found


def _check_pg_archive(path: Path) -> None:
    pg_restore = _pg_tool("pg_restore")
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


def _readable(engine: Engine) -> bool:
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


def _safety_copy(engine: Engine, folder: Path) -> Path | None:
    backend = engine.url.get_backend_name()
    if backend == "sqlite":
        database = sqlite_files.path_of(engine)
        if database is None or not database.exists() or database.stat().st_size == 0:
            return None
    suffix = ".sqlite3" if backend == "sqlite" else ".pgdump"
    return backup(engine, _new_name(folder, "before-restore", suffix))


def _new_name(folder: Path, why: str, suffix: str, *, prefix: str = "kiosk-") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(_("The folder {path} cannot be created.").format(path=folder)) from exc
    target = folder / f"{prefix}{stamp}-{why}{suffix}"
    tries = 1
    while target.exists():  # two restores within one second
        tries += 1
        target = folder / f"{prefix}{stamp}-{why}-{tries}{suffix}"
    return target


def _set_damaged_aside(engine: Engine, folder: Path) -> Path | None:
    """The damaged file, kept byte for byte beside the backups (someone may yet rescue rows
    from it) under a name the rotation and the start-up's advice never take for a backup."""
    database = sqlite_files.path_of(engine)
    if database is None or not database.exists():
        return None
    kept = _new_name(folder, "kiosk", ".sqlite3", prefix="damaged-")
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
    _fsync(database.parent)


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
    pg_restore = _pg_tool("pg_restore")
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
