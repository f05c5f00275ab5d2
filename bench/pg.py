"""A throwaway PostgreSQL cluster (as tests/conftest.py starts one), for the throughput row."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def bindir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)
        path = Path(out.stdout.strip())
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    return Path(initdb).parent if initdb and pg_ctl else None


@contextmanager
def cluster(max_connections: int = 100) -> Iterator[str]:
    """Yields a SQLAlchemy URL of a fresh database on a private server; stops it after."""
    found = bindir()
    if found is None:
        raise RuntimeError("initdb/pg_ctl not found")
    base = Path(tempfile.mkdtemp(prefix="kiosk-bench-pg-"))
    datadir, sockdir = base / "data", base / "sock"
    sockdir.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockdir, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    # The settings of a real centre's server: fsync and synchronous commit stay on.
    initdb = [str(found / "initdb"), "-D", str(datadir), "-A", "trust", "-U", "kiosk"]
    subprocess.run(
        [*as_user, *initdb, "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-c listen_addresses='' -k {sockdir} -c max_connections={max_connections}"
    pg_ctl = [*as_user, str(found / "pg_ctl"), "-D", str(datadir)]
    subprocess.run(
        [*pg_ctl, "-o", options, "-w", "-l", str(base / "server.log"), "start"],
        check=True,
        capture_output=True,
    )
    try:
        import psycopg

        with psycopg.connect(f"postgresql://kiosk@/postgres?host={sockdir}", autocommit=True) as c:
            c.execute('CREATE DATABASE "kiosk_bench"')
        yield f"postgresql+psycopg://kiosk@/kiosk_bench?host={sockdir}"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], check=False, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
