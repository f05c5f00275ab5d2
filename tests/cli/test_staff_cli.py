"""`kiosk staff add|reset-pin|list`: the first staff user comes from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import Run, assert_one_sentence


def staff(*args: str, pin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "staff", *args],
        input=pin + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_add_list_and_reset(kiosk_cmd: Run, isolated_env: Path) -> None:
    added = staff("add", "Irma Villalobos", pin="482913")
    assert added.returncode == 0, added.stderr
    assert "Irma Villalobos" in added.stdout
    volunteer = staff("add", "Lupe", "--role", "volunteer", pin="5566")
    assert volunteer.returncode == 0, volunteer.stderr
    listed = kiosk_cmd("staff", "list")
    assert listed.stdout.splitlines() == ["Irma Villalobos\tstaff", "Lupe\tvolunteer"]
    assert "482913" not in (isolated_env / "logs" / "kiosk.log").read_text()
    reset = staff("reset-pin", "Lupe", pin="778899")
    assert reset.returncode == 0, reset.stderr


def test_bad_input_is_one_sentence(isolated_env: Path) -> None:
    assert "4 a 8" in assert_one_sentence(staff("add", "Irma", pin="12"))
    assert staff("add", "Irma", pin="4829").returncode == 0
    assert "Ya hay" in assert_one_sentence(staff("add", "Irma", pin="9999"))
    assert "Nadie" in assert_one_sentence(staff("reset-pin", "Nadie Así", pin="9999"))
