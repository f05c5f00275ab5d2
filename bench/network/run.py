"""Start every centre's kiosks, each centre's with its own database address, and gather what
they did.

A kiosk is a thread of ``python -m bench.network.kiosk`` with its own connection;
``per_process`` kiosks of a centre share a process (1: a process per kiosk, as on separate PCs;
the number of kiosks: a process per centre, lighter on a small machine)."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, text

from bench.network.kiosk import KINDS
from bench.network.seed import SEED, Size
from kiosk.services.centres import CentreInfo

ROOT = Path(__file__).resolve().parents[2]
# How many of a centre's people its kiosks are handed (each kiosk its own share of them, so a
# woman is at one kiosk of her centre at a time).
LOCALS = 4000
VISITORS = 400
PROGRAMS = 300


@dataclass(frozen=True)
class Op:
    centre: int
    kiosk: int
    op: str
    ms: float
    outcome: str  # done | refused | error
    detail: str


@dataclass(frozen=True)
class Result:
    centres: int
    kiosks: int  # per centre
    ops: tuple[Op, ...]
    seconds: float  # from the start signal to the last kiosk's last operation
    starting: float  # from the first process started to every kiosk connected
    pause: float = 0.0  # a kiosk's mean wait between operations

    @property
    def errors(self) -> list[Op]:
        return [op for op in self.ops if op.outcome == "error"]

    def of(self, kind: str) -> list[Op]:
        return [op for op in self.ops if op.op == kind]


def plans(
    engine: Engine,
    centres: Sequence[CentreInfo],
    size: Size,
    ops: int,
    seed: int = SEED,
    pause: float = 0.0,
) -> dict[int, dict[str, Any]]:
    """What each centre's kiosks are handed, read as the database's owner: phones of the
    centre's women (and of mothers with children there), of women of other centres, the
    centre's staff and volunteers, programs of the network's directory."""
    rng = random.Random(seed)
    found: dict[int, dict[str, Any]] = {}
    with engine.connect() as conn:

        def column(sql: str, **params: Any) -> list[Any]:
            return list(conn.execute(text(sql), params).scalars())

        programs = column("SELECT id FROM services WHERE status = 'active' ORDER BY id")
        for centre in centres:
            c = centre.id
            here = column(
                "SELECT m.phone FROM member_registrations r JOIN members m ON m.id = r.member_id"
                " WHERE r.centre_id = :c ORDER BY m.phone",
                c=c,
            )
            mothers = column(
                "SELECT DISTINCT m.phone FROM children ch JOIN members m ON m.id = ch.guardian_id"
                " WHERE ch.centre_id = :c ORDER BY m.phone",
                c=c,
            )
            elsewhere = column(
                "SELECT m.phone FROM members m WHERE NOT EXISTS (SELECT 1 FROM"
                " member_registrations r WHERE r.member_id = m.id AND r.centre_id = :c)"
                " ORDER BY m.phone",
                c=c,
            )
            staff = conn.execute(
                text(
                    "SELECT id, name FROM staff_users WHERE centre_id = :c AND role = 'staff'"
                    " ORDER BY id"
                ),
                {"c": c},
            ).all()
            volunteers = column(
                "SELECT id FROM staff_users WHERE centre_id = :c AND role = 'volunteer'"
                " ORDER BY id",
                c=c,
            )
            here = rng.sample(here, min(LOCALS, len(here)))
            mothers = rng.sample(mothers, min(LOCALS, len(mothers)))
            elsewhere = rng.sample(elsewhere, min(VISITORS, len(elsewhere)))
            k = size.kiosks
            found[c] = {
                "centre": c,
                "centre_name": centre.name,
                "ops": ops,
                "pause": pause,
                "seed": seed,
                "staff": [list(row) for row in staff],
                "volunteers": volunteers,
                "services": rng.sample(programs, min(PROGRAMS, len(programs))),
                "kiosks": [
                    {
                        "number": n + 1,
                        "locals": here[n::k],
                        "guardians": mothers[n::k],
                        "visitors": elsewhere[n::k],
                    }
                    for n in range(k)
                ],
            }
    return found


@dataclass
class Worker:
    """One process of kiosks: its plan in, a line per operation out (read as it comes, so a
    kiosk never waits on a full pipe)."""

    plan: dict[str, Any]
    errors: IO[str]  # what the process says on its standard error
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.network.kiosk"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
            env={
                **os.environ,
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
                ),
            },
        )
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(self.plan) + "\n")
        self.process.stdin.flush()
        self.reader: threading.Thread | None = None

    def ready(self) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith('{"ready"'):
            raise RuntimeError(
                f"kiosks of centre {self.plan['centre']} did not start: {self.tail()}"
            )

    def go(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        stdout = self.process.stdout
        self.reader = threading.Thread(target=lambda: self.lines.extend(stdout))
        self.reader.start()
        self.process.stdin.write("go\n")
        self.process.stdin.close()

    def wait(self, timeout: float) -> None:
        if self.process.wait(timeout=timeout) != 0:
            raise RuntimeError(f"kiosks of centre {self.plan['centre']} stopped: {self.tail()}")
        assert self.reader is not None
        self.reader.join()

    def tail(self) -> str:
        self.errors.seek(0)
        return self.errors.read()[-2000:]

    def stop(self) -> None:
        """End the process if it still runs, and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.reader is not None:
            self.reader.join()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


def run(
    plans: Mapping[int, dict[str, Any]],
    urls: Mapping[int, str],
    *,
    per_process: int,
    timeout: float = 3600,
) -> Result:
    """Every centre's kiosks at once, each centre's connecting to ``urls[centre]``; once all
    are connected they start together."""
    workers: list[Worker] = []
    with ExitStack() as stack:
        try:
            launched = time.perf_counter()
            for centre, plan in plans.items():
                stations = plan["kiosks"]
                for start in range(0, len(stations), per_process):
                    part = {
                        **plan,
                        "url": urls[centre],
                        "kiosks": stations[start : start + per_process],
                    }
                    errors = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
                    workers.append(Worker(part, errors))
            for worker in workers:
                worker.ready()
            started = time.perf_counter()
            starting = started - launched
            for worker in workers:
                worker.go()
            for worker in workers:
                worker.wait(timeout)
            seconds = time.perf_counter() - started
        finally:
            for worker in workers:
                worker.stop()
    ops = tuple(
        Op(**json.loads(line)) for worker in workers for line in worker.lines if line.strip()
    )
    kiosks = max(len(plan["kiosks"]) for plan in plans.values())
    pause = max(float(plan.get("pause", 0)) for plan in plans.values())
    return Result(len(plans), kiosks, ops, seconds, starting, pause)


def p95(values: Sequence[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def number(n: float) -> str:
    """1 234: thousands apart with a space, as the figures are read."""
    return f"{n:,.0f}".replace(",", " ")


def figures(result: Result, size: Size, crossed: Mapping[str, int]) -> list[str]:
    """The run's lines for the reliability summary (and the command's output)."""
    ops = result.ops
    refused = sum(op.outcome == "refused" for op in ops)
    crossings = sum(crossed.values())
    kept = (
        f"nothing crossed between centres ({len(crossed)} checks)"
        if crossings == 0
        else f"{crossings} rows crossed between centres"
    )
    summary = (
        f"network load: {result.centres} centres × {result.kiosks} kiosks on one PostgreSQL, "
        f"{number(size.members)} members, {size.days} days; {number(len(ops))} ops in "
        f"{result.seconds:.1f} s ({len(ops) / max(result.seconds, 1e-9):.0f}/s"
        + (f", {result.pause:g} s between a kiosk's operations" if result.pause else "")
        + "), "
        f"{len(result.errors)} errors, {number(refused)} refused; {kept}"
    )
    kinds = [kind for kind in KINDS if result.of(kind)]
    latency = ", ".join(f"{kind} {p95([op.ms for op in result.of(kind)]):.0f} ms" for kind in kinds)
    counts = ", ".join(f"{kind} {tally(result.of(kind))}" for kind in kinds)
    return [summary, f"network load p95: {latency}", f"network load ops: {counts}"]


def tally(ops: Sequence[Op]) -> str:
    """``312 (4 refused, 1 error)``: how many, and how many did not go through."""
    refused = sum(op.outcome == "refused" for op in ops)
    errors = sum(op.outcome == "error" for op in ops)
    notes = [f"{refused} refused" if refused else "", f"{errors} errors" if errors else ""]
    told = ", ".join(note for note in notes if note)
    return number(len(ops)) + (f" ({told})" if told else "")
