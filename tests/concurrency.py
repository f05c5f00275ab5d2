"""Several kiosks or desks at the same moment: threads released together, and another
station's write."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import Engine


def race(
    n: int,
    task: Callable[[int], Any],
    refusals: type[BaseException] | tuple[type[BaseException], ...] = (),
) -> list[Any]:
    """``task(i)`` for i in 0..n-1 on n threads released together, results in order of i; an
    error of the ``refusals`` kinds is returned in its place, any other error fails the test."""
    barrier = threading.Barrier(n, timeout=30)

    def run(i: int) -> Any:
        barrier.wait()
        try:
            return task(i)
        except refusals as exc:
            return exc

    with ThreadPoolExecutor(max_workers=n) as pool:
        futures = [pool.submit(run, i) for i in range(n)]
        return [f.result(timeout=120) for f in futures]


def another_station_writes(engine: Engine, statement: str) -> None:
    """``statement`` committed on a connection of its own, as another station writes: not
    through this station's sessions, so nothing this station keeps is told of it."""
    connection = engine.raw_connection()
    try:
        connection.cursor().execute(statement)
        connection.commit()
    finally:
        connection.close()
