"""Consistent copies of the database: SQLite's online backup API, or pg_dump for PostgreSQL.

A copy is written beside its final name and renamed only once it is complete and checked, so a
failed or interrupted backup never leaves a file that looks good.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from kiosk.i18n import _

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
