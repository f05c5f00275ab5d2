"""``python -m bench.network``: the network's load run at the size asked (``make network-load``:
10 centres × 8 kiosks, 100 000 members, a year).

It runs against ``KIOSK_DATABASE_URL`` when that is set (an empty database, reached as its
owner; the run fills it), or else a throwaway PostgreSQL cluster it starts and removes. It
prints the figures and exits 1 if any operation failed or anything crossed between centres."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from sqlalchemy import Engine, inspect, text

from bench.network.checks import crossings
from bench.network.run import figures, plans, run
from bench.network.seed import (
    ROOM_CAPACITY,
    SEED,
    Size,
    centre_users,
    drop_centre_users,
    seed,
)
from kiosk.data import db
from kiosk.services.centres import CentreInfo


def centre_urls(
    owner_url: str, centres: Sequence[CentreInfo], given: Mapping[int, str]
) -> dict[int, str]:
    """The database address each centre's kiosks connect with: the owner's for every centre,
    unless ``given`` names the centre's own (``--centre-url ID=URL``: with row-level security
    on, the address of the role recorded in the centre's ``db_role``)."""
    urls = {centre.id: owner_url for centre in centres}
    unknown = sorted(set(given) - set(urls))
    if unknown:
        raise SystemExit(f"--centre-url: the run has no centre {unknown[0]}.")
    return {**urls, **given}


def given_urls(items: Sequence[str]) -> dict[int, str]:
    urls = {}
    for item in items:
        centre, _, url = item.partition("=")
        if not centre.isdigit() or not url:
            raise SystemExit(f"--centre-url {item}: write it as CENTRE_ID=URL.")
        urls[int(centre)] = url
    return urls


def empty(engine: Engine) -> bool:
    """Whether the database has no women in it yet (a new one, or only its schema)."""
    if not inspect(engine).has_table("members"):
        return True
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM members")).scalar() == 0


@contextmanager
def database(connections: int) -> Iterator[str]:
    given = os.environ.get("KIOSK_DATABASE_URL", "")
    if given:
        yield given
        return
    from bench.pg import cluster

    with cluster(max_connections=connections) as url:
        yield url


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.network", description=__doc__)
    parser.add_argument("--centres", type=int, default=10)
    parser.add_argument("--kiosks", type=int, default=8, help="kiosks per centre")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365, help="days of activity before today")
    parser.add_argument("--ops", type=int, default=100, help="operations per kiosk")
    parser.add_argument(
        "--pause",
        type=float,
        default=0.0,
        help="mean seconds a kiosk waits between operations (0: none, the server at its limit)",
    )
    parser.add_argument(
        "--per-process", type=int, default=1, help="kiosks of a centre in one process (threads)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--centre-url",
        action="append",
        default=[],
        metavar="ID=URL",
        help="the database address of one centre's kiosks (default: a user made for each "
        "centre for the run)",
    )
    args = parser.parse_args()
    size = Size(args.centres, args.kiosks, args.members, args.days)
    given = given_urls(args.centre_url)
    with database(args.centres * args.kiosks + 20) as url:
        engine = db.make_engine(url)
        try:
            if not empty(engine):
                raise SystemExit("The load run needs an empty database; this one has members.")
            began = time.perf_counter()
            centres = seed(engine, size, args.seed)
            seeded = time.perf_counter() - began
            print(f"seeded in {seeded:.1f} s", file=sys.stderr, flush=True)
            handed = plans(engine, centres, size, args.ops, args.seed, args.pause)
            print(f"starting {len(centres) * size.kiosks} kiosks", file=sys.stderr, flush=True)
            # Each centre's kiosks connect as its own database user, unless told otherwise.
            own = {} if given else centre_users(engine, centres)
            try:
                urls = centre_urls(url, centres, {**own, **given})
                result = run(handed, urls, per_process=args.per_process)
            finally:
                if own:
                    drop_centre_users(engine, centres)
            print(f"kiosks connected in {result.starting:.1f} s", file=sys.stderr, flush=True)
            crossed = crossings(engine, ROOM_CAPACITY)
        finally:
            engine.dispose()
    for line in figures(result, size, crossed):
        print(line)
    for name, rows in crossed.items():
        if rows:
            print(f"crossed: {name}: {rows} rows")
    for op in result.errors[:10]:
        print(f"error: {op.op} at centre {op.centre}, kiosk {op.kiosk}: {op.detail}")
    return 1 if result.errors or any(crossed.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
