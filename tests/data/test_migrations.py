"""The schema comes from the migrations, and the migrations reach exactly the models' schema."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kiosk.data import db
from kiosk.data.models import Base


def test_upgrade_from_empty_reaches_the_models_schema(db_url: str) -> None:
    engine = db.make_engine(db_url)
    assert db.current_revision(engine) is None
    assert db.migrate(engine) == db.head_revision()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert set(Base.metadata.tables) <= tables
    engine.dispose()


def test_migrate_twice_is_harmless(db_url: str) -> None:
    engine = db.make_engine(db_url)
    db.migrate(engine)
    assert db.migrate(engine) == db.head_revision()
    engine.dispose()


def test_a_newer_schema_is_refused_and_left_alone(db_url: str) -> None:
    engine = db.make_engine(db_url)
    db.migrate(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    with pytest.raises(db.SchemaTooNew, match="versión más nueva"):
        db.migrate(engine)
    assert db.current_revision(engine) == "f00dfeed9999"
    engine.dispose()


def test_the_quick_head_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(db.MIGRATIONS_DIR))
    assert db.head_revision() == scripts.get_current_head()
    assert db.known_revisions() == {rev.revision for rev in scripts.walk_revisions()}
