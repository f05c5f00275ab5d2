"""`kiosk demo` and `kiosk backup` as staff use them, and a demo load killed half-way."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Run, assert_one_sentence

LISTING_TABLES = ("job_postings", "trade_listings", "services")


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (*LISTING_TABLES, "members", "trainings", "staff_users")
        }
    conn.close()
    return counts


def test_demo_loads_once_and_prints_the_pins(kiosk_cmd: Run, isolated_env: Path) -> None:
    result = kiosk_cmd("demo")
    assert result.returncode == 0, result.stderr
    assert "NIP de ejemplo" in result.stdout
    counts = _counts(isolated_env / "kiosk.sqlite3")
    assert counts["job_postings"] >= 40
    assert counts["trade_listings"] >= 30
    assert counts["services"] >= 25
    assert counts["trainings"] >= 8

    again = kiosk_cmd("demo")
    assert_one_sentence(again)
    assert _counts(isolated_env / "kiosk.sqlite3") == counts

    quiet = kiosk_cmd("demo", "--if-empty")
    assert quiet.returncode == 0
    assert "NIP" not in quiet.stdout
    assert _counts(isolated_env / "kiosk.sqlite3") == counts


def test_backup_command_copies_the_demo(kiosk_cmd: Run, isolated_env: Path, tmp_path: Path) -> None:
    assert kiosk_cmd("demo").returncode == 0
    folder = tmp_path / "respaldos"
    folder.mkdir()
    result = kiosk_cmd("backup", str(folder))
    assert result.returncode == 0, result.stderr
    (copy,) = folder.iterdir()
    assert _counts(copy) == _counts(isolated_env / "kiosk.sqlite3")
    err = assert_one_sentence(kiosk_cmd("backup", str(copy)))
    assert "ya existe" in err
    err = assert_one_sentence(kiosk_cmd("backup", str(tmp_path / "no-hay" / "x.sqlite3")))
    assert "no existe" in err


@pytest.mark.slow
@pytest.mark.parametrize("lines_before_kill", [1, 3, 5])
def test_killing_a_demo_load_leaves_a_sound_database(
    kiosk_cmd: Run, isolated_env: Path, lines_before_kill: int
) -> None:
    assert kiosk_cmd("db", "upgrade").returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "demo", "--scale", "20000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    for _ in range(lines_before_kill):
        assert proc.stdout.readline().strip(), "the load reports each table as it goes"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL, "the load ended before it could be killed"

    path = isolated_env / "kiosk.sqlite3"
    # Nothing half-written: the whole load is one transaction.
    assert set(_counts(path).values()) == {0}
    # And the database is usable: the load can simply be run again.
    result = kiosk_cmd("demo")
    assert result.returncode == 0, result.stderr
    assert _counts(path)["job_postings"] >= 40
