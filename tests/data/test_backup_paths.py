"""Backups and restores on any folder a centre may have: names with spaces, ``#``, ``?``, ``%``
and Spanish letters; restores that refuse anything but a whole backup of the kiosk and leave
the database as it was; restores from read-only media."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from sqlalchemy import select, text

from kiosk.config import Settings
from kiosk.data import backup, db, sqlite_files
from kiosk.data.models import Base, Member

ODD_NAMES = ["con espacios", "respaldo #2", "¿dónde?", "100% listo", "Ñandú niña á", "a%20b"]


def _add_members(factory: Any, names: list[str]) -> None:
    with factory.begin() as s:
        start = len(_names(factory))
        s.add_all(
            Member(name=name, phone=f"61455520{i:02d}", created_at=datetime.now(UTC))
            for i, name in enumerate(names, start=start)
        )


def _names(factory: Any) -> list[str]:
    with factory() as s:
        return sorted(s.scalars(select(Member.name)))


def _content(engine: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: "nothing changed" means this is equal."""
    with engine.connect() as conn:
        return {
            table.name: sorted(
                (tuple(map(repr, row)) for row in conn.execute(select(table))), key=repr
            )
            for table in Base.metadata.sorted_tables
        } | {"alembic_version": conn.execute(text("SELECT version_num FROM alembic_version")).all()}


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("data_name", ODD_NAMES)
@pytest.mark.parametrize("dest_name", ["llave USB #1 ¿?", "copias 50%"])
def test_backup_and_restore_on_folders_with_odd_names(
    tmp_path: Path, data_name: str, dest_name: str
) -> None:
    settings = Settings(data_dir=tmp_path / data_name)
    engine = db.make_engine(settings.effective_database_url)
    assert sqlite_files.path_of(engine) == settings.sqlite_path
    db.migrate(engine)
    factory = db.make_session_factory(engine)
    _add_members(factory, ["Ana", "Berta"])
    dest = tmp_path / dest_name
    dest.mkdir()

    written = backup.backup(engine, dest)

    assert written.parent == dest and written.stat().st_mode & 0o777 == 0o600
    with contextlib.closing(sqlite3.connect(written)) as copy:  # a plain path: no URI parsing
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT name FROM members ORDER BY name").fetchall() == [
            ("Ana",),
            ("Berta",),
        ]
    # Nothing was written anywhere but the database's own files and the backup.
    expected_db = {f"{data_name}/kiosk.sqlite3{end}" for end in ("", "-wal", "-shm")}
    assert _files(tmp_path) - expected_db == {f"{dest_name}/{written.name}"}

    _add_members(factory, ["Carmen"])
    engine.dispose()
    result = backup.restore(engine, written, settings)
    assert _names(factory) == ["Ana", "Berta"]
    assert result.safety_copy is not None and result.safety_copy.exists()
    engine.dispose()


def _fake(tmp_path: Path, kind: str, engine: Any) -> Path:
    """Files that are not whole backups of the kiosk."""
    path = tmp_path / f"{kind} #1 ?.bak"
    if kind == "random":
        path.write_bytes(os.urandom(64 * 1024))
    elif kind == "four-right-tables":  # the names the old check looked for, and nothing else
        with contextlib.closing(sqlite3.connect(path)) as conn:
            for table in ("alembic_version (version_num TEXT)", "members (id INTEGER)"):
                conn.execute(f"CREATE TABLE {table}")
            conn.execute("CREATE TABLE staff_users (id INTEGER)")
            conn.execute("CREATE TABLE vouchers (id INTEGER)")
            conn.execute("INSERT INTO alembic_version VALUES (?)", (db.head_revision(),))
            conn.commit()
    elif kind == "missing-a-column":  # a real backup with one column dropped
        whole = backup.backup(engine, tmp_path / "entero.sqlite3")
        with contextlib.closing(sqlite3.connect(whole)) as conn:
            conn.execute("ALTER TABLE members DROP COLUMN locality")
            conn.commit()
        whole.rename(path)
    elif kind == "foreign":
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE recetas (nombre TEXT)")
            conn.execute("INSERT INTO recetas VALUES ('pan')")
            conn.commit()
    elif kind == "truncated":
        whole = backup.backup(engine, tmp_path / "entero.sqlite3")
        data = whole.read_bytes()
        path.write_bytes(data[: len(data) * 2 // 3])
    elif kind == "empty":
        path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    "kind", ["random", "four-right-tables", "missing-a-column", "foreign", "truncated", "empty"]
)
def test_a_file_that_is_not_a_whole_backup_is_refused_and_nothing_changes(
    sqlite_url: str, tmp_path: Path, kind: str
) -> None:
    engine = db.make_engine(sqlite_url)
    db.migrate(engine)
    factory = db.make_session_factory(engine)
    _add_members(factory, ["Ana", "Berta"])
    settings = Settings(data_dir=tmp_path / "data")
    bad = _fake(tmp_path, kind, engine)
    before = _content(engine)
    database = sqlite_files.path_of(engine)
    assert database is not None
    engine.dispose()

    with pytest.raises(backup.BackupError) as refused:
        backup.restore(engine, bad, settings)

    sentence = str(refused.value)
    assert "no se cambió nada" in sentence.lower() and "\n" not in sentence
    assert str(bad) in sentence
    assert _content(engine) == before
    assert not (settings.data_dir / "backups").exists()  # not even a safety copy
    # The checked copy went too: nothing but the database's own files is left beside it.
    assert {p.name for p in database.parent.iterdir() if p.name.startswith(".kiosk")} == set()
    engine.dispose()


def test_a_backup_of_an_older_version_is_brought_up_to_date(
    sqlite_url: str, tmp_path: Path
) -> None:
    from alembic import command

    engine = db.make_engine(sqlite_url)
    db.migrate(engine)
    _add_members(db.make_session_factory(engine), ["Ana"])
    older = backup.backup(engine, tmp_path / "viejo.sqlite3")
    old_engine = db.make_engine(older)
    command.downgrade(db._alembic_config(old_engine), "-1")
    older_revision = db.current_revision(old_engine)
    old_engine.dispose()
    assert older_revision != db.head_revision()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM member_registrations"))
        conn.execute(text("DELETE FROM members"))
    engine.dispose()

    result = backup.restore(engine, older, Settings(data_dir=tmp_path / "data"))

    assert result.revision == db.head_revision() == db.current_revision(engine)
    assert _names(db.make_session_factory(engine)) == ["Ana"]
    engine.dispose()


# --- restore from read-only media ---------------------------------------------------------


@contextlib.contextmanager
def _read_only_mount(folder: Path, where: Path) -> Iterator[bool]:
    """``folder`` seen read-only at ``where`` through a read-only bind mount, as a USB stick
    mounted read-only is; False (and ``where`` a plain copy) where mounting is not allowed."""
    where.mkdir()
    mounted = (
        shutil.which("mount") is not None
        and subprocess.run(["mount", "--bind", str(folder), str(where)], check=False).returncode
        == 0
    )
    if mounted:
        remount = ["mount", "-o", "remount,ro,bind", str(where)]
        if subprocess.run(remount, check=False).returncode != 0:
            subprocess.run(["umount", str(where)], check=False)
            mounted = False
    if not mounted:
        shutil.copytree(folder, where, dirs_exist_ok=True)
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(where)], check=True)


class _Watch:
    """Every file opened and every SQLite connection made while ``on``, from Python's audit
    events (both ``open()`` and ``os.open`` raise one, with the mode and flags asked for)."""

    hooked = False
    on: _Watch | None = None

    def __init__(self) -> None:
        self.opened: list[tuple[str, Any, int]] = []
        self.connected: list[str] = []

    def __enter__(self) -> _Watch:
        if not _Watch.hooked:
            sys.addaudithook(_Watch._hook)  # audit hooks cannot be removed: one, switched
            _Watch.hooked = True
        _Watch.on = self
        return self

    def __exit__(self, *_exc: object) -> None:
        _Watch.on = None

    @staticmethod
    def _hook(event: str, args: tuple[Any, ...]) -> None:
        watch = _Watch.on
        if watch is None:
            return
        if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
            watch.opened.append((os.fsdecode(args[0]), args[1], args[2] or 0))
        elif event == "sqlite3.connect":
            watch.connected.append(os.fsdecode(args[0]))


WRITING_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def test_restore_from_a_read_only_folder(sqlite_url: str, tmp_path: Path) -> None:
    """The backup sits on read-only media. As root, chmod alone would not stop a write, so the
    folder is also mounted read-only where the system allows it (a write there fails with
    EROFS even for root), and in every case the restore's own file accesses are watched: the
    backup is opened for reading only and never handed to SQLite, which could write a journal
    or a lock beside it."""
    engine = db.make_engine(sqlite_url)
    db.migrate(engine)
    factory = db.make_session_factory(engine)
    _add_members(factory, ["Ana", "Berta"])
    stick = tmp_path / "USB #1 ñ"
    stick.mkdir()
    written = backup.backup(engine, stick)
    _add_members(factory, ["Carmen"])
    engine.dispose()
    os.chmod(written, 0o444)
    os.chmod(stick, 0o555)
    with _read_only_mount(stick, tmp_path / "montada") as mounted:
        source = tmp_path / "montada" / written.name
        if mounted:
            with pytest.raises(OSError):  # truly read-only, even for root
                (tmp_path / "montada" / "prueba").write_bytes(b"x")
        before = sorted(p.name for p in source.parent.iterdir())
        with _Watch() as watch:
            backup.restore(engine, source, Settings(data_dir=tmp_path / "data"))
        assert sorted(p.name for p in source.parent.iterdir()) == before
    assert _names(factory) == ["Ana", "Berta"]
    on_source = [(mode, flags) for name, mode, flags in watch.opened if name == str(source)]
    assert on_source, "the backup was read"
    for mode, flags in on_source:
        assert not (flags & WRITING_FLAGS), flags
        assert mode is None or not set(str(mode)) & set("wax+"), mode
    assert watch.connected, "SQLite was used (on the copy)"
    for database in watch.connected:  # a path, or a file: URI with its path escaped
        opened = unquote(urlsplit(database).path) if database.startswith("file:") else database
        assert Path(opened).resolve() != source.resolve(), database
    os.chmod(stick, 0o755)
    engine.dispose()


# --- the database cannot be read at start --------------------------------------------------


def test_an_unreadable_database_names_the_newest_good_backup(tmp_path: Path) -> None:
    from kiosk import app

    settings = Settings(data_dir=tmp_path / "datos #1")
    context = app.init_database(settings)
    _add_members(context.session_factory, ["Ana"])
    folder = backup.default_folder(settings)
    folder.mkdir()
    good = backup.backup(context.engine, folder, now=datetime(2026, 11, 1, 8, 0))
    newer_but_broken = folder / "kiosk-20261102-080000.sqlite3"
    newer_but_broken.write_bytes(b"no es una base de datos" * 100)
    context.engine.dispose()
    settings.sqlite_path.write_bytes(b"\x00" * 8192)

    with pytest.raises(db.DatabaseUnreadable) as told:
        app.init_database(settings)

    sentence = str(told.value)
    assert "no se puede leer" in sentence and "\n" not in sentence
    assert str(good) in sentence and "kiosk restore" in sentence
    assert str(newer_but_broken) not in sentence


def test_the_next_backup_removes_leftovers_but_not_a_copy_being_written(
    sqlite_url: str, tmp_path: Path
) -> None:
    import fcntl

    engine = db.make_engine(sqlite_url)
    db.migrate(engine)
    folder = tmp_path / "respaldos"
    folder.mkdir()
    left = folder / ".kiosk-backup-killed.partial"
    left.write_bytes(b"SQLite format 3\x00")
    (folder / ".kiosk-backup-killed.partial-journal").write_bytes(b"j")
    busy = folder / ".kiosk-backup-busy.partial"  # another kiosk process is writing this one
    busy.write_bytes(b"")
    with busy.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        written = backup.backup(engine, folder)
        names = sorted(p.name for p in folder.iterdir())
    assert names == [busy.name, written.name]
    engine.dispose()
