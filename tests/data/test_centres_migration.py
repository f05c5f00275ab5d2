"""A centre's database from before the network (revision 0016, full of a centre's life)
becomes centre 1 of a network: every row of every table kept as it was, each now carrying
centre 1, and every woman registered at it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from kiosk.data import db
from kiosk.data.demo.loader import load_demo
from kiosk.data.models import Base

BEFORE_THE_NETWORK = "0016_staff_pages"
# Columns the network's revisions added; what they hold is checked on its own.
ADDED = {"centre_id", "version", "municipalities"}
NEW_TABLES = {"centres", "member_registrations"}


def _rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the centre had, in primary key order, without the columns
    the network added."""
    found: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in NEW_TABLES:
                continue
            columns = [c for c in table.columns if c.name not in ADDED]
            rows = conn.execute(select(*columns).order_by(*table.primary_key.columns))
            found[table.name] = [dict(row._mapping) for row in rows]
    return found


def test_a_single_centre_database_becomes_centre_1_with_every_row_kept(db_url: str) -> None:
    engine = db.make_engine(db_url)
    try:
        db.migrate(engine)
        summary = load_demo(db.make_session_factory(engine), today=date(2026, 11, 2))
        assert sum(summary.counts.values()) > 300
        command.downgrade(db._alembic_config(engine), BEFORE_THE_NETWORK)
        with engine.connect() as conn:
            assert "centre_id" not in {c["name"] for c in inspect(conn).get_columns("members")}
        before = _rows(engine)

        assert db.migrate(engine) == db.head_revision()

        assert _rows(engine) == before
        with engine.connect() as conn:
            centres = conn.execute(text("SELECT id, code FROM centres")).all()
            assert [tuple(c) for c in centres] == [(1, "aquiles-serdan")]
            for table in Base.metadata.sorted_tables:
                if "centre_id" in table.columns and table.name != "centres":
                    others = conn.scalar(
                        select(func.count()).select_from(table).where(table.c.centre_id != 1)
                    )
                    assert others == 0, table.name
            members = conn.scalar(text("SELECT count(*) FROM members"))
            registered = conn.scalar(
                text("SELECT count(DISTINCT member_id) FROM member_registrations")
            )
            assert members == registered == len(before["members"]) > 0
        # The database still refuses a row that points at nothing.
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO member_registrations (member_id, centre_id,"
                    " registered_at) VALUES (999999, 1, CURRENT_TIMESTAMP)"
                )
            )
    finally:
        engine.dispose()
