"""What every part of the childcare service shares: the database, the clock and the centre's
day, the room's write lock."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import AuditEvent, utcnow
from kiosk.i18n import DEFAULT_TIMEZONE
from kiosk.services import childcare_room
from kiosk.services.childcare.common import Limits, childcare_entry_points
from kiosk.services.staff import StaffService
from kiosk.services.vouchers import VoucherService


@childcare_entry_points
class ChildcareBase:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        limits: Limits | None = None,
        vouchers: VoucherService | None = None,
        clock: Callable[[], datetime] = utcnow,
        timezone: str = DEFAULT_TIMEZONE,
        rng: random.Random | None = None,
        paper: str = "80mm",
        centre_name: str = "",
    ) -> None:
        self._factory = session_factory
        self.limits = limits or Limits()
        self.vouchers = vouchers or VoucherService(session_factory, clock=clock)
        self._clock = clock
        self._tz = ZoneInfo(timezone)
        self._rng = rng or secrets.SystemRandom()
        self._paper = paper
        self._centre_name = centre_name
        self._staff = StaffService(session_factory, clock=clock)

    def use_paper(self, paper: str) -> None:
        """The paper the pickup pairs are drawn on from now on (the station's setting)."""
        self._paper = paper

    # --- the centre's day ---------------------------------------------------------------------

    def today(self) -> date:
        return self._clock().astimezone(self._tz).date()

    def _day_bounds(self, day: date) -> tuple[datetime, datetime]:
        start = datetime.combine(day, time(0), tzinfo=self._tz).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._tz).astimezone(UTC)
        return start, end

    @staticmethod
    def _audit(
        s: Session,
        staff_id: int | None,
        action: str,
        table: str,
        subject_id: int | None,
        detail: str = "",
    ) -> None:
        """Who did what to which row (ids and counts only, never names)."""
        s.add(
            AuditEvent(
                staff_id=staff_id,
                action=action,
                subject_table=table,
                subject_id=subject_id,
                detail=detail,
            )
        )

    def _lock(self, s: Session) -> None:
        """One writer at a time in the children's room (SQLite's BEGIN IMMEDIATE already is)."""
        childcare_room.lock_room(s)
