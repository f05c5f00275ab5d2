"""Tables filled with 100 000 rows for the tests that read them at that scale."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session, sessionmaker

CHUNK = 10_000


def load_rows(
    session_factory: sessionmaker[Session], model: type[Any], rows: Sequence[dict[str, Any]]
) -> None:
    """Insert ``rows`` into ``model``'s table in one transaction, then leave a PostgreSQL table
    as autovacuum would soon after a big load: its statistics, and the visibility map that lets
    a scan read the index alone. (The test server commits asynchronously; the checkpoint
    flushes those commits so vacuum may mark the pages.)"""
    with session_factory.begin() as s:
        for start in range(0, len(rows), CHUNK):
            s.execute(insert(model), rows[start : start + CHUNK])
        engine = s.get_bind()
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("CHECKPOINT"))
            conn.execute(text(f"VACUUM ANALYZE {model.__tablename__}"))
