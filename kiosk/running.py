"""The lock every running kiosk window holds on its data folder, so that ``kiosk restore``
never replaces the database under a kiosk (and a kiosk waits for a restore to finish). No
database library here: the window takes the lock before it loads one."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

__all__ = ["LOCK_NAME", "KioskRunning", "lock_file", "unlock_file"]


LOCK_NAME = "kiosk.running"


class KioskRunning:
    """Held (shared) by every running kiosk window on a data folder; a restore takes it
    exclusively, so it cannot run under a kiosk, and a kiosk waits for a restore to finish.
    The operating system drops the lock when the process ends, even if it crashed."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._file: Any = None

    def _open(self) -> Any:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return open(self.path, "a+b")

    def hold_shared(self) -> None:
        self._file = self._open()
        lock_file(self._file, exclusive=False, wait=True)

    def try_exclusive(self) -> bool:
        self._file = self._open()
        if lock_file(self._file, exclusive=True, wait=False):
            return True
        self._file.close()
        self._file = None
        return False

    def release(self) -> None:
        if self._file is not None:
            unlock_file(self._file)
            self._file.close()
            self._file = None


def lock_file(file: Any, *, exclusive: bool, wait: bool) -> bool:
    if sys.platform == "win32":  # one byte locked with msvcrt (always exclusive)
        import msvcrt

        try:
            file.seek(0)
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            # Held by another kiosk: a second window shares the folder, a restore must not.
            return not exclusive
        return True
    import fcntl

    flags = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    if not wait:
        flags |= fcntl.LOCK_NB
    try:
        fcntl.flock(file.fileno(), flags)
    except OSError:
        return False
    return True


def unlock_file(file: Any) -> None:
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            file.seek(0)
            msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(file.fileno(), fcntl.LOCK_UN)
