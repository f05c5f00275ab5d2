"""Kiosks in processes of their own, as on separate machines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.data.models import ChildcareVisit

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


def assert_check_ins_kept(s: Session, checkins: dict[int, list[int]], checkouts: set[int]) -> None:
    """Every check-in a worker confirmed (pickup code id: children) holds exactly its children,
    and every check-out it confirmed is recorded."""
    for code, children in checkins.items():
        visits = s.scalars(
            select(ChildcareVisit).where(ChildcareVisit.pickup_code_id == code)
        ).all()
        assert sorted(v.child_id for v in visits) == sorted(children), f"check-in {code}"
        if code in checkouts:
            assert all(v.checked_out_at is not None for v in visits), f"check-out {code} lost"
