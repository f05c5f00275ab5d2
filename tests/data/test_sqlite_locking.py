"""On one PC several kiosk processes share the SQLite file: readers never wait for a writer,
and writers queue at the start of their transaction rather than failing half-way."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from kiosk.data.db import make_engine, make_session_factory, migrate
from kiosk.data.models import Member


def test_reads_go_on_while_another_process_writes(sqlite_url: str) -> None:
    writer_engine = make_engine(sqlite_url)
    migrate(writer_engine)
    writer = make_session_factory(writer_engine)
    # A second "process": its own engine, with a short busy timeout so a wait would show.
    other_engine = make_engine(sqlite_url, sqlite_busy_ms=50)
    other = make_session_factory(other_engine)
    with writer.begin() as s:
        s.add(Member(name="Ana", phone="6145550001"))
    with writer.begin() as s:
        s.add(Member(name="Bety", phone="6145550002"))
        s.flush()  # the write transaction holds the lock, not yet committed
        with other() as reader:
            assert reader.scalar(select(func.count()).select_from(Member)) == 1
        with pytest.raises(OperationalError, match="locked"), other.begin() as w:
            w.add(Member(name="Carmen", phone="6145550003"))
    with other() as reader:
        assert reader.scalar(select(func.count()).select_from(Member)) == 2
    writer_engine.dispose()
    other_engine.dispose()
