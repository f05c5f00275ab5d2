"""The command line as staff use it: plain sentences, non-zero exits, data left alone."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from tests.cli.conftest import Run, assert_one_sentence


def _db_file(data_dir: Path) -> Path:
    return data_dir / "kiosk.sqlite3"


def test_help_lists_the_commands(kiosk_cmd: Run) -> None:
    result = kiosk_cmd("--help")
    assert result.returncode == 0
    for command in ("db", "demo", "backup", "--windowed", "--station", "--exit-when-ready"):
        assert command in result.stdout


@pytest.mark.parametrize("sub", ["db", "demo", "backup"])
def test_each_command_has_help(kiosk_cmd: Run, sub: str) -> None:
    result = kiosk_cmd(sub, "--help")
    assert result.returncode == 0
    assert f"kiosk {sub}" in result.stdout


@pytest.mark.parametrize(
    "args",
    [("fly",), ("db",), ("db", "sideways"), ("demo", "--scale", "-5"), ("demo", "--scale", "mil")],
)
def test_unknown_or_malformed_commands_get_one_sentence(kiosk_cmd: Run, args: tuple[str]) -> None:
    err = assert_one_sentence(kiosk_cmd(*args))
    assert "kiosk --help" in err


def test_db_upgrade_creates_the_database_and_is_repeatable(
    kiosk_cmd: Run, isolated_env: Path
) -> None:
    first = kiosk_cmd("db", "upgrade")
    assert first.returncode == 0, first.stderr
    assert "al día" in first.stdout
    assert _db_file(isolated_env).exists()
    again = kiosk_cmd("db", "upgrade")
    assert again.returncode == 0, again.stderr


def test_database_that_does_not_answer(kiosk_cmd: Run) -> None:
    url = "postgresql+psycopg://kiosk@127.0.0.1:1/kiosk"
    err = assert_one_sentence(kiosk_cmd("db", "upgrade", env={"KIOSK_DATABASE_URL": url}))
    assert "no responde" in err
    assert "127.0.0.1" in err


def test_database_url_that_is_not_one(kiosk_cmd: Run) -> None:
    err = assert_one_sentence(kiosk_cmd("db", "upgrade", env={"KIOSK_DATABASE_URL": "::nada::"}))
    assert "no es válida" in err


def test_bad_setting_in_the_environment(kiosk_cmd: Run) -> None:
    err = assert_one_sentence(kiosk_cmd("db", "upgrade", env={"KIOSK_IDLE_SECONDS": "pronto"}))
    assert "idle_seconds" in err


def test_newer_schema_is_refused_and_data_untouched(kiosk_cmd: Run, isolated_env: Path) -> None:
    assert kiosk_cmd("db", "upgrade").returncode == 0
    path = _db_file(isolated_env)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'abcdef999999'")
        conn.execute(
            "INSERT INTO members (name, locality, created_at, is_example, centre_id) "
            "VALUES ('Prueba', '', '2026-01-01 00:00:00', 0, 1)"
        )
    conn.close()
    for args in (("db", "upgrade"), ("demo",), ("--exit-when-ready",)):
        err = assert_one_sentence(kiosk_cmd(*args, env={"QT_QPA_PLATFORM": "offscreen"}))
        assert "versión más nueva" in err
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            "abcdef999999"
        )
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM job_postings").fetchone()[0] == 0
    conn.close()


def test_run_without_a_screen_says_how_to_start(kiosk_cmd: Run) -> None:
    result = kiosk_cmd(
        "--windowed", env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    )
    err = assert_one_sentence(result)
    assert "xvfb-run" in err


def test_exit_when_ready_shows_home_and_exits_cleanly(kiosk_cmd: Run, isolated_env: Path) -> None:
    result = kiosk_cmd("--exit-when-ready", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert _db_file(isolated_env).exists()
    # Home is on screen first; then every area is attached and taps are answered.
    assert result.stdout.split() == ["painted", "ready"]


def test_a_speech_daemon_that_never_answers_holds_neither_start_nor_exit(
    kiosk_cmd: Run, isolated_env: Path
) -> None:
    """speech-dispatcher without a sound card takes a connection and stops answering: the
    kiosk still shows home, answers taps and ends with its exit code, leaving it behind."""
    run_dir = Path(tempfile.mkdtemp(prefix="kiosk-hung-"))  # a unix socket path must be short
    address = run_dir / "speechd.sock"
    daemon = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    daemon.bind(str(address))
    daemon.listen()
    heard: list[bytes] = []
    held: list[socket.socket] = []

    def take_and_never_answer() -> None:
        connection, _ = daemon.accept()
        held.append(connection)
        heard.append(connection.recv(4096))

    listener = threading.Thread(target=take_and_never_answer, daemon=True)
    listener.start()
    try:
        env = {"QT_QPA_PLATFORM": "offscreen", "SPEECHD_ADDRESS": f"unix_socket:{address}"}
        result = kiosk_cmd("--exit-when-ready", env=env)
        listener.join(10)
    finally:
        for connection in [*held, daemon]:
            connection.close()
        shutil.rmtree(run_dir, ignore_errors=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["painted", "ready"]
    # The kiosk did ask this daemon (and was never answered).
    assert heard and heard[0], "the kiosk never reached the speech daemon"


def test_kiosk_with_a_database_that_does_not_answer_says_so(kiosk_cmd: Run) -> None:
    url = "postgresql+psycopg://kiosk@127.0.0.1:1/kiosk"
    env = {"KIOSK_DATABASE_URL": url, "QT_QPA_PLATFORM": "offscreen"}
    err = assert_one_sentence(kiosk_cmd("--exit-when-ready", env=env))
    assert "no responde" in err


@pytest.mark.parametrize("station", ["childcare", "staff"])
def test_other_stations_start_ready_too(kiosk_cmd: Run, station: str) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen"}
    result = kiosk_cmd("--exit-when-ready", "--station", station, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["painted", "ready"]


def test_kiosk_starts_on_a_real_x_display(kiosk_cmd: Run, isolated_env: Path) -> None:
    """Under Xvfb the kiosk loads Qt's xcb platform (its system libraries are installed)."""
    import shutil

    from tests.conftest import require

    require(shutil.which("xvfb-run") is not None, "xvfb-run (apt-get install xvfb xauth)")
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1366x768x24",
            sys.executable,
            "-m",
            "kiosk",
            "--exit-when-ready",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
    )
    assert result.returncode == 0, result.stderr
    assert _db_file(isolated_env).exists()


def test_an_unreadable_database_says_which_backup_restores_it(
    kiosk_cmd: Run, isolated_env: Path
) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen"}
    assert kiosk_cmd("demo").returncode == 0
    folder = isolated_env / "backups"
    folder.mkdir()
    made = kiosk_cmd("backup", str(folder))
    assert made.returncode == 0, made.stderr
    (good,) = folder.glob("kiosk-*.sqlite3")
    with sqlite3.connect(good) as copy:
        members = copy.execute("SELECT count(*) FROM members").fetchone()[0]
    copy.close()
    database = _db_file(isolated_env)
    with database.open("r+b") as damaged:  # the first pages overwritten, as a bad disk does
        damaged.write(b"\xde\xad" * 4096)

    err = assert_one_sentence(kiosk_cmd("--exit-when-ready", env=env))

    assert "no se puede leer" in err
    assert f"kiosk restore {good}" in err
    restored = kiosk_cmd("restore", str(good))
    assert restored.returncode == 0, restored.stderr
    # The damaged file is kept aside (not as a backup), and the kiosk starts again.
    assert len(list(folder.glob("damaged-*.sqlite3"))) == 1
    assert kiosk_cmd("--exit-when-ready", env=env).returncode == 0
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == members
    conn.close()


def test_the_kiosk_start_removes_what_a_killed_backup_left(
    kiosk_cmd: Run, isolated_env: Path
) -> None:
    folder = isolated_env / "backups"
    folder.mkdir(parents=True)
    left = folder / ".kiosk-backup-x1y2z3.partial"
    left.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    (folder / ".kiosk-backup-x1y2z3.partial-journal").write_bytes(b"j")
    notes = folder / "notas.txt"
    notes.write_text("de la directora")
    result = kiosk_cmd("--exit-when-ready", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notas.txt"]
