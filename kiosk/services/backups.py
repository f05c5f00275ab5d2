"""The daily backup as the kiosk runs it, and the staff's "back up now".

SQLite: every kiosk backs up its own database file. PostgreSQL: only the staff desk's station
does (with pg_dump), so a centre with ten kiosks on one server makes one dump a day, not ten;
and not a station that connects as its centre's user, which the database keeps to that centre's
people: a network's server is backed up by its owner.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kiosk.config import Settings
from kiosk.data import backup, db
from kiosk.data.backup import BackupError
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services import SessionFactory

log = area_logger("backups")

__all__ = ["BackupError", "BackupService"]


class BackupService:
    def __init__(self, session_factory: SessionFactory, settings: Settings) -> None:
        self._engine = session_factory.kw["bind"]
        self._settings = settings
        self._centres_user: bool | None = None  # asked of the server once, when first needed

    @property
    def folder(self) -> Path:
        return backup.default_folder(self._settings)

    @property
    def automatic(self) -> bool:
        """Whether this kiosk makes the daily backup."""
        if self._engine.url.get_backend_name() == "sqlite":
            return True
        if self._settings.station != "staff" or shutil.which("pg_dump") is None:
            return False
        return self._centres_user_now() is False

    def _centres_user_now(self) -> bool | None:
        """Whether this station connects as its centre's user (PostgreSQL), asked of the
        server once; None while it does not answer (asked again next time)."""
        if self._engine.url.get_backend_name() == "sqlite":
            return False
        if self._centres_user is None:
            try:
                self._centres_user = db.centre_of_user(self._engine) is not None
            except SQLAlchemyError:
                return None
        return self._centres_user

    def last(self) -> datetime | None:
        """When the newest backup in the folder was made (the centre's local time)."""
        return backup.last_backup_time(self.folder)

    def due(self, now: datetime | None = None) -> bool:
        return self.automatic and backup.is_due(self.folder, now)

    def run(self, *, force: bool = False, now: datetime | None = None) -> Path | None:
        """Back up when due (or ``force``) and keep the newest ``backup_keep``; the path
        written, or None when not due. Safe to call from a worker thread."""
        if self._centres_user_now() is True:
            raise BackupError(
                _("The network's server is backed up by its owner, not by a centre's station.")
            )
        written = backup.automatic_backup(
            self._engine, self.folder, self._settings.backup_keep, now=now, force=force
        )
        if written is not None:
            log.info("daily backup done")
        return written
