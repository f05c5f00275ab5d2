from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def kiosk_cmd(isolated_env: Path) -> Run:
    """Run ``python -m kiosk ARGS`` as staff would, in the test's own data and settings dirs."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120):
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "kiosk", *args],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
            check=False,
        )

    return run


def assert_one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    """Bad input ends with one plain sentence on stderr and a non-zero exit, no traceback."""
    assert result.returncode != 0, result.stdout
    err = result.stderr.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("kiosk: ")
    return err


def table_rows(data_dir: Path, table: str) -> list[dict]:  # type: ignore[type-arg]
    """Every row of ``table`` in the kiosk's SQLite file, in the order of their ids, as dicts;
    none when the command wrote no database."""
    path = data_dir / "kiosk.sqlite3"
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
    finally:
        conn.close()
