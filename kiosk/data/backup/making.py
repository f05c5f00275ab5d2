"""Making a backup: SQLite's online backup API or pg_dump, written to a hidden temporary file
and renamed only once it is complete and checked; the daily automatic backup and its
rotation."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from kiosk.config import Settings
from kiosk.data import sqlite_files
from kiosk.data.backup.files import (
    BACKUP_PREFIX,
    BackupError,
    log,
    remove_partials,
    sync_to_disk,
    temporary_file,
)
from kiosk.i18n import _


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
        with temporary_file(path.parent, BACKUP_PREFIX) as partial:
            if backend == "sqlite":
                _backup_sqlite(engine, partial)
            else:
                _backup_postgresql(engine, partial)
            sync_to_disk(partial)
            os.replace(partial, path)
            sync_to_disk(path.parent)
    except OSError as exc:
        raise BackupError(
            _("The backup could not be written to {path}.").format(path=path)
        ) from exc
    log.info("backup written (%d bytes)", path.stat().st_size)
    return path


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
