"""Small builders the migration scripts share. Revisions already released call them, so what
they build must never change: a new need gets a new builder."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


def choice(name: str, *values: str) -> sa.Enum:
    """A short string column limited to ``values``, checked by the database on every engine
    (what the models' ``choice`` makes)."""
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def create_indexes(table: str, *indexes: tuple[str, Sequence[str]]) -> None:
    """Plain (not unique) indexes on ``table``: (name, columns) each."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name, columns in indexes:
            batch_op.create_index(name, list(columns), unique=False)


def fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    """``table.column`` points at ``target.id``, named as the models' naming convention does."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )
