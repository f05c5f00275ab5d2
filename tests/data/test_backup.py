"""Backups are complete, checked copies; a failed backup leaves nothing that looks good."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.data import backup
from kiosk.data.models import Member
from tests.conftest import require


def _add_members(session_factory, n: int) -> None:  # type: ignore[no-untyped-def]
    with session_factory.begin() as s:
        s.add_all(
            Member(name=f"Socia {i}", phone=f"614555{i:04d}", created_at=datetime.now(UTC))
            for i in range(n)
        )


def test_backup_into_a_folder_is_a_complete_copy(engine, session_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if engine.url.get_backend_name() == "postgresql":
        require(shutil.which("pg_dump") is not None, "pg_dump (apt-get install postgresql-client)")
    _add_members(session_factory, 3)
    folder = tmp_path / "respaldos"
    folder.mkdir()
    written = backup.backup(engine, folder, now=datetime(2026, 11, 27, 8, 30))
    assert written.parent == folder
    assert "20261127-083000" in written.name
    assert not list(folder.glob("*.partial"))
    if engine.url.get_backend_name() == "sqlite":
        with sqlite3.connect(written) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert copy.execute("SELECT count(*) FROM members").fetchone()[0] == 3
        copy.close()
        assert written.stat().st_mode & 0o077 == 0
    else:
        listing = subprocess.run(
            ["pg_restore", "--list", str(written)], capture_output=True, text=True, check=True
        )
        assert "TABLE DATA public members" in listing.stdout


def test_existing_file_is_never_overwritten(engine, session_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _add_members(session_factory, 1)
    target = tmp_path / "copia.sqlite3"
    target.write_bytes(b"respaldo anterior")
    with pytest.raises(backup.BackupError, match="ya existe"):
        backup.backup(engine, target)
    assert target.read_bytes() == b"respaldo anterior"


def test_missing_folder_is_reported(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(backup.BackupError, match="no existe"):
        backup.backup(engine, tmp_path / "no-hay" / "copia.sqlite3")


def test_backup_made_while_another_connection_writes(sqlite_url: str, tmp_path: Path) -> None:
    from kiosk.data.db import make_engine, make_session_factory, migrate

    engine = make_engine(sqlite_url)
    migrate(engine)
    factory = make_session_factory(engine)
    _add_members(factory, 5)
    with factory.begin() as s:  # an open write transaction that is not yet committed
        s.add(Member(name="Pendiente", phone="6145559999"))
        s.flush()
        written = backup.backup(engine, tmp_path / "copia.sqlite3")
    with sqlite3.connect(written) as copy:
        assert copy.execute("SELECT count(*) FROM members").fetchone()[0] == 5
    copy.close()
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 6
    engine.dispose()
