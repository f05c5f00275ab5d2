"""Kiosks in processes of their own, as on separate machines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_worker(module: str, *args: str) -> subprocess.Popen[str]:
    """``python -m tests.reliability.MODULE ARGS`` from the repository's folder, its output and
    errors piped back as text."""
    return subprocess.Popen(
        [sys.executable, "-m", f"tests.reliability.{module}", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
