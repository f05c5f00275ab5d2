"""The centre's rules, one module per area. No Qt. Each service takes the one session factory
and returns frozen dataclasses, never live database objects."""

from __future__ import annotations

from typing import TypeAlias

from sqlalchemy.orm import Session, sessionmaker

SessionFactory: TypeAlias = sessionmaker[Session]
