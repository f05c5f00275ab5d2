"""Small builders the migration scripts share. Revisions already released call them, so what
they build must never change: a new need gets a new builder."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem


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


# The slip kinds the vouchers table accepted after each revision that changed them; each
# revision widens the list it found by the kinds it adds.
VOUCHER_KINDS_0001 = (
    "training",
    "waitlist",
    "job",
    "trade",
    "referral",
    "pickup",
    "member_card",
    "staff_list",
    "test",
)
VOUCHER_KINDS_0009 = (*VOUCHER_KINDS_0001, "privacy_notice", "my_data")
VOUCHER_KINDS_0012 = (*VOUCHER_KINDS_0009, "passbook", "savings_summary", "tanda_card", "share_out")
VOUCHER_KINDS_0010_PROGRAM_SHEET = (*VOUCHER_KINDS_0012, "program_sheet")


def voucher_kind(kinds: Sequence[str]) -> sa.Enum:
    """The vouchers' ``kind`` column type accepting ``kinds``."""
    return choice("voucher_kind", *kinds)


def change_voucher_kinds(old: Sequence[str], new: Sequence[str]) -> None:
    """The vouchers' ``kind`` column goes from accepting ``old`` to accepting ``new``."""
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.alter_column(
            "kind",
            type_=voucher_kind(new),
            existing_type=voucher_kind(old),
            existing_nullable=False,
        )


def id_table(name: str, *items: SchemaItem) -> sa.Table:
    """``op.create_table`` for a table keyed by an ``id`` integer (primary key ``pk_<name>``),
    with ``items`` (its other columns and constraints) after that column."""
    return op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        *items,
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )


def ref(
    table: str, column: str, target: str, *, nullable: bool = False
) -> tuple[sa.Column[int], sa.ForeignKeyConstraint]:
    """An integer column ``table.column`` and its foreign key to ``target.id`` (see :func:`fk`);
    spread it among the table's items: ``*ref(...)``."""
    return sa.Column(column, sa.Integer(), nullable=nullable), fk(table, column, target)


def unique_while_open(name: str, table: str, column: str) -> None:
    """A unique index on ``table.column`` over the rows not closed yet (``closed_at`` empty):
    one open row per value, on every engine."""
    op.create_index(
        name,
        table,
        [column],
        unique=True,
        sqlite_where=sa.text("closed_at IS NULL"),
        postgresql_where=sa.text("closed_at IS NULL"),
    )


def photo_table(name: str, owner: str, target: str, *items: SchemaItem) -> sa.Table:
    """A table of pictures, at most one per ``target`` row: keyed by ``owner`` (pointing at
    ``target.id``, deleted with it), the JPEG and its size, then ``items``."""
    return op.create_table(
        name,
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("jpeg", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        *items,
        sa.ForeignKeyConstraint(
            [owner], [f"{target}.id"], name=op.f(f"fk_{name}_{owner}_{target}"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(owner, name=op.f(f"pk_{name}")),
    )


def choice_column(column: str, name: str, *values: str) -> sa.Column[str]:
    """A required column limited to ``values`` (see :func:`choice`)."""
    return sa.Column(column, choice(name, *values), nullable=False)


def index_columns(table: str, *columns: str) -> None:
    """A plain index on each of ``columns`` of ``table``, named ``ix_<table>_<column>`` as the
    models' ``index=True`` names it."""
    create_indexes(table, *((op.f(f"ix_{table}_{column}"), [column]) for column in columns))
