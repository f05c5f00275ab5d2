"""Consistent copies of the database: SQLite's online backup API, or pg_dump for PostgreSQL.

A copy is written beside its final name and renamed only once it is complete and checked, so a
failed or interrupted backup never leaves a file that looks good.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from kiosk.config import Settings
from kiosk.i18n import _
from kiosk.running import KioskRunning

log = logging.getLogger("kiosk.data")


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
    partial = path.with_name(path.name + ".partial")
    try:
        if backend == "sqlite":
            _backup_sqlite(engine, partial)
        else:
            _backup_postgresql(engine, partial)
        os.replace(partial, path)
    except OSError as exc:
        raise BackupError(
            _("The backup could not be written to {path}.").format(path=path)
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    log.info("backup written (%d bytes)", path.stat().st_size)
    return path


def _backup_sqlite(engine: Engine, target: Path) -> None:
    source_path = engine.url.database
    if not source_path or source_path == ":memory:" or not Path(source_path).exists():
        raise BackupError(_("There is no database file to back up yet."))
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
        if dest.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(_("The copy did not pass its check; the backup was not kept."))
    finally:
        dest.close()
        source.close()
    os.chmod(target, 0o600)


def _backup_postgresql(engine: Engine, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError(_("pg_dump is not installed; install the PostgreSQL client tools."))
    url = engine.url.set(drivername="postgresql")
    conninfo = url.render_as_string(hide_password=False)
    env = dict(os.environ)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
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
    found = [p for p in entries if p.is_file() and NAME_PATTERN.match(p.name)]
    return sorted(found, key=lambda p: NAME_PATTERN.match(p.name).group(1))  # type: ignore[union-attr]


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
    open, fails its integrity check, or lacks the kiosk's tables), when it was made by a newer
    version of the kiosk, or while a kiosk is running on this database: a kiosk on screen keeps
    what a member is doing in memory and would go on writing into the restored data. Before the
    restore the current database is backed up into the backup folder, so a wrong restore can be
    undone; after it the schema is brought up to this version.
    """
    from kiosk.data import db

    path = Path(path)
    if not path.is_file():
        raise BackupError(_("The file {path} does not exist.").format(path=path))
    backend = engine.url.get_backend_name()
    if backend == "sqlite":
        _check_sqlite_file(path)
    else:
        _check_pg_archive(path)
    with no_kiosk_running(Path(settings.data_dir)):
        if backend != "sqlite":
            _refuse_other_connections(engine)
        safety = _safety_copy(engine, default_folder(settings))
        if backend == "sqlite":
            _restore_sqlite(engine, path)
        else:
            _restore_postgresql(engine, path)
        engine.dispose()
        revision = db.migrate(engine)
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


def _check_sqlite_file(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _not_a_backup(path) from exc
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(
                _("The backup {path} is damaged; nothing was changed.").format(path=path)
            )
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not tables >= REQUIRED_TABLES:
            raise _not_a_backup(path)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:  # "file is not a database", a truncated file...
        raise _not_a_backup(path) from exc
    finally:
        conn.close()
    _check_revision(path, row[0] if row else None)


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
    _check_revision(path, match.group(1) if match else None)


def _safety_copy(engine: Engine, folder: Path) -> Path | None:
    backend = engine.url.get_backend_name()
    if backend == "sqlite":
        database = engine.url.database
        if not database or not Path(database).exists() or Path(database).stat().st_size == 0:
            return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = ".sqlite3" if backend == "sqlite" else ".pgdump"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(_("The folder {path} cannot be created.").format(path=folder)) from exc
    target = folder / f"kiosk-{stamp}-before-restore{suffix}"
    tries = 1
    while target.exists():  # two restores within one second
        tries += 1
        target = folder / f"kiosk-{stamp}-before-restore-{tries}{suffix}"
    return backup(engine, target)


def _restore_sqlite(engine: Engine, path: Path) -> None:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError(_("There is no database file to restore into."))
    engine.dispose()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dest = sqlite3.connect(database, timeout=10)
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
