"""Consistent copies of the database: SQLite's online backup API, or pg_dump for PostgreSQL.

A copy is written to a hidden temporary file in the destination folder (``.kiosk-backup-*``,
readable by the kiosk's user only) and renamed to its final name only once it is complete and
checked, so a failed or interrupted backup never leaves a file that looks good. What a killed
backup leaves behind is removed by the next backup into that folder and at the kiosk's start.
"""

from __future__ import annotations

from kiosk.data.backup.checking import REQUIRED_TABLES, expected_schema
from kiosk.data.backup.files import (
    ABANDONED_AFTER_S,
    BACKUP_PREFIX,
    COMPANIONS,
    PARTIAL_SUFFIX,
    RESTORE_PREFIX,
    BackupError,
    remove_partials,
)
from kiosk.data.backup.making import (
    EVERY,
    NAME_PATTERN,
    automatic_backup,
    backup,
    default_folder,
    is_due,
    kiosk_backups,
    last_backup_time,
    rotate,
)
from kiosk.data.backup.restoring import (
    RestoreResult,
    newest_good_backup,
    no_kiosk_running,
    restore,
    way_back,
)
from kiosk.running import KioskRunning

__all__ = [
    "ABANDONED_AFTER_S",
    "BACKUP_PREFIX",
    "COMPANIONS",
    "EVERY",
    "NAME_PATTERN",
    "PARTIAL_SUFFIX",
    "REQUIRED_TABLES",
    "RESTORE_PREFIX",
    "BackupError",
    "KioskRunning",
    "RestoreResult",
    "automatic_backup",
    "backup",
    "default_folder",
    "expected_schema",
    "is_due",
    "kiosk_backups",
    "last_backup_time",
    "newest_good_backup",
    "no_kiosk_running",
    "remove_partials",
    "restore",
    "rotate",
    "way_back",
]
