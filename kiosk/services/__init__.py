"""The centre's rules, one module per area. No Qt. Each service takes the one session factory
and returns frozen dataclasses, never live database objects."""

from __future__ import annotations

import math
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


def page_numbers(total: int, page: int, per_page: int) -> tuple[int, int]:
    """The page to show (kept within the pages there are) and how many pages ``total`` rows
    fill, ``per_page`` a page (at least one page, even empty)."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    page_count = max(1, math.ceil(total / per_page))
    return min(max(page, 0), page_count - 1), page_count
