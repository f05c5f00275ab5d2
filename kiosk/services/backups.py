"""The daily backup as the kiosk runs it, and the staff's "back up now".

SQLite: every kiosk backs up its own database file. PostgreSQL: only the staff desk's station
does (with pg_dump), so a centre with ten kiosks on one server makes one dump a day, not ten.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from kiosk.config import Settings
from kiosk.data import backup
from kiosk.data.backup import BackupError
from kiosk.logs import area_logger
from kiosk.services import SessionFactory

log = area_logger("backups")

__all__ = ["BackupError", "BackupService"]


class BackupService:
    def __init__(self, session_factory: SessionFactory, settings: Settings) -> None:
        self._engine = session_factory.kw["bind"]
        self._settings = settings

    @property
    def folder(self) -> Path:
        return backup.default_folder(self._settings)

    @property
    def automatic(self) -> bool:
        """Whether this kiosk makes the daily backup."""
        if self._engine.url.get_backend_name() == "sqlite":
            return True
        return self._settings.station == "staff" and shutil.which("pg_dump") is not None

    def last(self) -> datetime | None:
        """When the newest backup in the folder was made (the centre's local time)."""
        return backup.last_backup_time(self.folder)

    def due(self, now: datetime | None = None) -> bool:
        return self.automatic and backup.is_due(self.folder, now)

    def run(self, *, force: bool = False, now: datetime | None = None) -> Path | None:
        """Back up when due (or ``force``) and keep the newest ``backup_keep``; the path
        written, or None when not due. Safe to call from a worker thread."""
        written = backup.automatic_backup(
            self._engine, self.folder, self._settings.backup_keep, now=now, force=force
        )
        if written is not None:
            log.info("daily backup done")
        return written
