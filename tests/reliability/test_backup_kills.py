"""A backup killed at random points: the backup folder then holds either no backup or a whole
one that restores, never a readable partial copy; what the killed backup left is readable by
the kiosk's user only and is gone after the kiosk's next start."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from kiosk import app
from kiosk.config import Settings
from kiosk.data import backup
from kiosk.data.models import Member
from tests.reliability.workers import start_worker

KILLS = 50
MEMBERS = 20_000  # about 4 MB: a copy long enough to be cut in the middle
RESTORES = 6  # whole backups put back in full; every other one passes the same checks

pytestmark = pytest.mark.slow


def _run_until_ready(database: Path, folder: Path) -> subprocess.Popen[str]:
    worker = start_worker("backup_worker", str(database), str(folder))
    assert worker.stdout is not None and worker.stderr is not None
    line = worker.stdout.readline()
    assert line.strip() == "ready", worker.stderr.read()
    return worker


def test_a_backup_killed_at_random_points_leaves_none_or_a_whole_one(
    tmp_path: Path,
    report_figure,  # type: ignore[no-untyped-def]
) -> None:
    usb = tmp_path / "USB #1 ¿respaldos? 100%"
    usb.mkdir()
    settings = Settings(data_dir=tmp_path / "datos ñ", backup_dir=str(usb))
    context = app.init_database(settings)
    with context.session_factory.begin() as s:
        s.execute(
            insert(Member),
            [
                {
                    "name": f"Compañera {i}",
                    "phone": f"61{i:08d}",
                    "locality": "Aquiles " * 20,
                    "centre_id": 1,
                }
                for i in range(MEMBERS)
            ],
        )
    context.engine.dispose()
    database = settings.sqlite_path
    assert database.stat().st_size > 3_000_000

    # One backup left to finish: how long a copy takes from the marker on.
    worker = _run_until_ready(database, usb)
    started = time.monotonic()
    assert worker.stdout is not None and worker.stderr is not None
    assert worker.stdout.readline().startswith("done"), worker.stderr.read()
    took = time.monotonic() - started
    assert worker.wait(120) == 0
    worker.stdout.close()
    worker.stderr.close()
    for whole in backup.kiosk_backups(usb):
        whole.unlink()

    rng = random.Random(20261207)
    cut, finished, left_partials, restored, complete = 0, 0, 0, 0, 0
    for _kill in range(KILLS):
        worker = _run_until_ready(database, usb)
        try:
            worker.wait(rng.uniform(0, took * 1.4))
            finished += 1
        except subprocess.TimeoutExpired:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(30)
            cut += 1
        finally:
            assert worker.stdout is not None and worker.stderr is not None
            worker.stdout.close()
            worker.stderr.close()

        backups = backup.kiosk_backups(usb)
        assert len(backups) <= 1
        partials = [p for p in usb.iterdir() if p not in backups]
        left_partials += bool(partials)
        for partial in partials:  # members' data: never readable by others, even for a while
            assert partial.stat().st_mode & 0o077 == 0, partial

        # The kiosk's next start removes what the killed backup left: nothing but a whole
        # backup remains in the folder.
        context = app.init_database(settings)
        assert sorted(usb.iterdir()) == backups
        for whole in backups:  # a backup under its final name is whole and restores
            assert whole.stat().st_mode & 0o777 == 0o600
            with contextlib.closing(sqlite3.connect(whole)) as copy:
                assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert copy.execute("SELECT count(*) FROM members").fetchone()[0] == MEMBERS
            if restored < RESTORES:
                context.engine.dispose()
                result = backup.restore(context.engine, whole, settings)
                with context.session_factory() as s:
                    assert s.scalar(select(func.count()).select_from(Member)) == MEMBERS
                restored += 1
                assert result.safety_copy is not None
                result.safety_copy.unlink()
            whole.unlink()
            complete += 1
        context.engine.dispose()
    assert cut >= KILLS // 3, "most kills should land while the backup runs"
    report_figure(
        f"backup kills: {KILLS} backups, {cut} killed with SIGKILL ({left_partials} left a "
        f"partial file, 0600, removed at the next start), {finished} finished before the kill; "
        f"{complete} whole backups found (integrity and rows checked, {restored} restored), "
        f"0 readable partial copies; a backup of {MEMBERS} members takes {took * 1000:.0f} ms"
    )
