"""Help calls: a member pressed "Pedir ayuda"; the staff desk lists them until answered."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import HelpRequest, utcnow
from kiosk.services.checks import InputError, entry_points

log = logging.getLogger("kiosk.help")


@dataclass(frozen=True)
class HelpCall:
    id: int
    station_name: str
    page: str
    created_at: datetime


@entry_points(InputError)
class HelpService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def call(self, station_name: str, page: str = "") -> HelpCall:
        """Record a call; a second press while one is open from the same station adds nothing."""
        with self._factory.begin() as s:
            existing = s.scalar(
                select(HelpRequest)
                .where(
                    HelpRequest.station_name == station_name[:80],
                    HelpRequest.resolved_at.is_(None),
                )
                .order_by(HelpRequest.created_at)
                .limit(1)
            )
            if existing is None:
                existing = HelpRequest(
                    station_name=station_name[:80], page=page[:80], created_at=utcnow()
                )
                s.add(existing)
                s.flush()
                log.info("help call %d from station %s", existing.id, station_name)
            return HelpCall(existing.id, existing.station_name, existing.page, existing.created_at)

    def open_calls(self) -> list[HelpCall]:
        with self._factory() as s:
            rows = s.scalars(
                select(HelpRequest)
                .where(HelpRequest.resolved_at.is_(None))
                .order_by(HelpRequest.created_at)
            )
            return [HelpCall(r.id, r.station_name, r.page, r.created_at) for r in rows]

    def resolve(self, call_id: int, staff_id: int | None = None) -> None:
        with self._factory.begin() as s:
            row = s.get(HelpRequest, call_id)
            if row is not None and row.resolved_at is None:
                row.resolved_at = utcnow()
                row.resolved_by_id = staff_id
