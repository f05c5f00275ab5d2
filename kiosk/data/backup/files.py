"""What backups and restores share: their error, their hidden temporary files (and what a
killed one leaves behind), and new names that never overwrite."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from kiosk.i18n import _
from kiosk.logs import area_logger

log = area_logger("data")

BACKUP_PREFIX = ".kiosk-backup-"
RESTORE_PREFIX = ".kiosk-restore-"
PARTIAL_SUFFIX = ".partial"
# A temporary file nobody holds (its writer was killed) is removed; where locks on files are
# not available, one left alone this long is taken for abandoned.
ABANDONED_AFTER_S = 3600


class BackupError(Exception):
    """A backup that could not be made, told as one plain sentence."""


@contextlib.contextmanager
def temporary_file(folder: Path, prefix: str) -> Iterator[Path]:
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


def sync_to_disk(path: Path) -> None:
    # The rename must not reach the disk before the copy's contents do (a power cut right
    # after it would otherwise leave an empty file under a good name).
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _("{tool} is not installed; install the PostgreSQL client tools.").format(tool=name)
        )
    return found


def new_name(folder: Path, why: str, suffix: str, *, prefix: str = "kiosk-") -> Path:
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
