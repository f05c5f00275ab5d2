"""Restore puts a backup back whole, or changes nothing; the daily backup keeps the newest N."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.config import Settings
from kiosk.data import backup
from kiosk.data.models import Member
from tests.conftest import require


def _add_members(factory, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    with factory.begin() as s:
        s.add_all(
            Member(name=name, phone=f"61455510{i:02d}", created_at=datetime.now(UTC))
            for i, name in enumerate(names, start=len(_names(factory)))
        )


def _names(factory) -> list[str]:  # type: ignore[no-untyped-def]
    with factory() as s:
        return sorted(s.scalars(select(Member.name)))


def _needs_pg_tools(engine) -> None:  # type: ignore[no-untyped-def]
    if engine.url.get_backend_name() == "postgresql":
        require(
            shutil.which("pg_dump") is not None and shutil.which("pg_restore") is not None,
            "pg_dump and pg_restore (apt-get install postgresql-client)",
        )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def test_backup_and_restore_round_trip(engine, session_factory, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _needs_pg_tools(engine)
    _add_members(session_factory, ["Ana", "Berta"])
    copy = backup.backup(engine, tmp_path / "respaldo.bak")
    _add_members(session_factory, ["Carmen"])
    with session_factory.begin() as s:
        s.scalars(select(Member).where(Member.name == "Ana")).one().name = "Ana cambiada"
    engine.dispose()

    result = backup.restore(engine, copy, settings)

    assert _names(session_factory) == ["Ana", "Berta"]
    from kiosk.data import db

    assert result.revision == db.head_revision() == db.current_revision(engine)
    # The database as it was just before is kept, and is itself a backup that restores.
    assert result.safety_copy is not None
    assert result.safety_copy.parent == settings.data_dir / "backups"
    engine.dispose()
    backup.restore(engine, result.safety_copy, settings)
    assert _names(session_factory) == ["Ana cambiada", "Berta", "Carmen"]
    # New rows after a restore get fresh ids (sequences came back with the data).
    _add_members(session_factory, ["Dora"])
    assert "Dora" in _names(session_factory)


def _garbage(tmp_path: Path, kind: str, engine) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{kind}.bak"
    if kind == "random":
        path.write_bytes(bytes(range(256)) * 64)
    elif kind == "text":
        path.write_text("nombre,teléfono\nAna,6145551234\n", encoding="utf-8")
    elif kind == "foreign":  # a sound database of some other program
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE recetas (nombre TEXT)")
            conn.execute("INSERT INTO recetas VALUES ('pan')")
        conn.close()
    elif kind == "truncated":
        whole = backup.backup(engine, tmp_path / "entero.bak")
        data = whole.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize("kind", ["random", "text", "foreign", "truncated"])
def test_a_corrupt_or_foreign_file_is_refused_and_nothing_changes(
    engine, session_factory, settings, tmp_path, kind: str
) -> None:  # type: ignore[no-untyped-def]
    _needs_pg_tools(engine)
    _add_members(session_factory, ["Ana", "Berta"])
    bad = _garbage(tmp_path, kind, engine)
    engine.dispose()
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(engine, bad, settings)
    sentence = str(refused.value)
    assert "no se cambió nada" in sentence.lower() and "\n" not in sentence
    assert _names(session_factory) == ["Ana", "Berta"]
    assert not (settings.data_dir / "backups").exists()  # not even a safety copy was made


def test_a_backup_of_a_newer_kiosk_is_refused(engine, session_factory, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _needs_pg_tools(engine)
    _add_members(session_factory, ["Ana"])
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    newer = backup.backup(engine, tmp_path / "nuevo.bak")
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM member_registrations")
        conn.exec_driver_sql("DELETE FROM members")
        from kiosk.data import db

        conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{db.head_revision()}'")
    engine.dispose()
    with pytest.raises(backup.BackupError, match="versión más nueva"):
        backup.restore(engine, newer, settings)
    assert _names(session_factory) == []


def test_restore_is_refused_while_a_kiosk_runs(engine, session_factory, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _needs_pg_tools(engine)
    _add_members(session_factory, ["Ana"])
    copy = backup.backup(engine, tmp_path / "respaldo.bak")
    _add_members(session_factory, ["Berta"])
    engine.dispose()
    running = backup.KioskRunning(settings.data_dir)
    running.hold_shared()
    try:
        with pytest.raises(backup.BackupError, match="está abierto"):
            backup.restore(engine, copy, settings)
    finally:
        running.release()
    assert _names(session_factory) == ["Ana", "Berta"]
    backup.restore(engine, copy, settings)  # closed: now it may
    assert _names(session_factory) == ["Ana"]


def test_postgresql_restore_waits_for_the_other_kiosks(pg_url: str, tmp_path: Path) -> None:
    require(shutil.which("pg_restore") is not None, "pg_restore (apt-get install postgresql)")
    from kiosk.data.db import make_engine, make_session_factory, migrate

    engine = make_engine(pg_url)
    migrate(engine)
    factory = make_session_factory(engine)
    _add_members(factory, ["Ana"])
    copy = backup.backup(engine, tmp_path / "respaldo.pgdump")
    other_kiosk = make_engine(pg_url)
    with other_kiosk.connect():
        engine.dispose()
        with pytest.raises(backup.BackupError, match="abiertas a la base de datos: 1"):
            backup.restore(engine, copy, Settings(data_dir=tmp_path / "d"))
    other_kiosk.dispose()
    engine.dispose()


# --- the daily backup -----------------------------------------------------------------------


def _touch_backups(folder: Path, stamps: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stamp in stamps:
        (folder / f"kiosk-{stamp}.sqlite3").write_bytes(b"x")


def test_rotation_keeps_the_newest_n_and_nothing_else_is_touched(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    _touch_backups(folder, [f"202610{day:02d}-080000" for day in range(1, 21)])
    (folder / "kiosk-20261001-070000-before-restore.sqlite3").write_bytes(b"x")
    (folder / "notas.txt").write_text("de la directora")
    removed = backup.rotate(folder, 14)
    assert len(removed) == 7
    left = [p.name for p in backup.kiosk_backups(folder)]
    assert left == [f"kiosk-202610{day:02d}-080000.sqlite3" for day in range(7, 21)]
    assert (folder / "notas.txt").exists()


def test_the_daily_backup_runs_once_a_day_and_rotates(sqlite_url: str, tmp_path: Path) -> None:
    from kiosk.data.db import make_engine, make_session_factory, migrate

    engine = make_engine(sqlite_url)
    migrate(engine)
    _add_members(make_session_factory(engine), ["Ana"])
    folder = tmp_path / "respaldos"  # made on the first backup
    first = datetime(2026, 10, 1, 8, 0)
    assert backup.automatic_backup(engine, folder, 3, now=first) is not None
    assert backup.automatic_backup(engine, folder, 3, now=first + timedelta(hours=23)) is None
    for day in range(1, 6):
        written = backup.automatic_backup(engine, folder, 3, now=first + timedelta(days=day))
        assert written is not None and written.exists()
    names = [p.name for p in backup.kiosk_backups(folder)]
    assert names == [f"kiosk-2026100{d}-080000.sqlite3" for d in (4, 5, 6)]
    with sqlite3.connect(folder / names[-1]) as copy:
        assert copy.execute("SELECT name FROM members").fetchall() == [("Ana",)]
    copy.close()
    engine.dispose()


def test_backup_folder_follows_the_setting(tmp_path: Path) -> None:
    assert backup.default_folder(Settings(data_dir=tmp_path)) == tmp_path / "backups"
    elsewhere = Settings(data_dir=tmp_path, backup_dir=str(tmp_path / "usb"))
    assert backup.default_folder(elsewhere) == tmp_path / "usb"
