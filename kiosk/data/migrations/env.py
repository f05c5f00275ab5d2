"""Alembic environment: the engine comes from the kiosk (``config.attributes["engine"]``)."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

from kiosk.data.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Migration scripts stand on their own: the UTC timestamp is written as a plain type."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table by copying it and dropping the old one, which its foreign
            # key checks refuse while other rows point at it: they are off while the schema
            # changes (as SQLite's own ALTER TABLE procedure says), and every row is checked
            # once it is done. Set on the driver's connection, outside any transaction.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
            transaction_per_migration=True,
        )
        try:
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                connection.commit()
                if broken:
                    raise RuntimeError(f"rows point at rows that are gone: {broken[:5]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


run_migrations()
