"""The centre's rules, one module per area. No Qt. Each service takes the one session factory
and returns frozen dataclasses, never live database objects."""

from __future__ import annotations

from typing import Any, TypeAlias, cast

from sqlalchemy import CursorResult
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

SessionFactory: TypeAlias = sessionmaker[Session]


def is_connection_lost(error: BaseException) -> bool:
    """True when ``error`` means the database server could not be reached (a shared
    PostgreSQL server down or the network cut): the screens then say "sin conexión, intenta de
    nuevo" and keep what she entered; the engine reconnects by itself on the next try."""
    if isinstance(error, DisconnectionError | InterfaceError | OperationalError):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def rowcount(result: Any) -> int:
    """The rows an UPDATE or DELETE touched (``Session.execute`` is typed as a plain Result)."""
    return cast("CursorResult[Any]", result).rowcount
