"""The declarative base every table shares: naming, UTC timestamps, money, checked choices."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    DateTime,
    Dialect,
    Enum,
    Index,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_hsds_id() -> str:
    """An Open Referral identifier (a UUID) for a row the centre itself entered."""
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC, returned timezone-aware on every engine."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a timezone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        Decimal: Numeric(10, 2),
        str: String(200),
    }


def choice(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A string column limited to the enum's values, checked by the database on every engine."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


# Every partial unique index, with its condition: PostgreSQL's copy of the condition is added
# only when a PostgreSQL engine is made (:func:`partial_indexes_for`), so that a station on its
# SQLite file never loads that dialect (tens of milliseconds at every start).
_PARTIAL: list[tuple[Index, str]] = []


def unique_while(name: str, column: str, condition: str) -> Index:
    """A unique index over the rows where ``condition`` holds (partial on both engines): the
    database, not the code, keeps one open row per ``column``."""
    index = Index(name, column, unique=True, sqlite_where=text(condition))
    _PARTIAL.append((index, condition))
    return index


def partial_indexes_for(dialect_name: str) -> None:
    """Give every :func:`unique_while` index its condition for ``dialect_name`` too (a
    server's dialect: SQLite's is given when the index is made)."""
    for index, condition in _PARTIAL:
        options = index.dialect_options[dialect_name]
        if options.get("where") is None:
            options["where"] = text(condition)


class JpegColumns:
    """A photo kept in the database, so every station sharing it shows it; its own table keeps
    the rows it belongs to narrow."""

    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
