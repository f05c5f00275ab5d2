"""Help calls: a member pressed "Pedir ayuda"; every open staff desk is told (kiosk.services.
notify) until one staff member answers "Voy", and the member's kiosk is told who is coming.

Two desks may tap Voy at the same moment: the database decides, with one conditional UPDATE
whose row count says who won; the other is told who is already going."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import HelpRequest, StaffUser, utcnow
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services import notify
from kiosk.services.checks import entry_points
from kiosk.words import first_name

log = area_logger("help")

# The page of a call a station makes by itself when its voice is gone (no speech engine, no
# Spanish voice, or an engine that hangs): staff are asked to come and look at its sound.
NO_VOICE = "!no-voice"


class HelpError(Exception):
    """A help call that cannot be answered; the message is one sentence to show and say."""


class HelpTaken(HelpError):
    """Another staff member said Voy first."""

    def __init__(self, by: str) -> None:
        self.by = by
        super().__init__(
            _("{name} is already going.").format(name=by) if by else _("Someone is already going.")
        )


@dataclass(frozen=True)
class HelpCall:
    id: int
    station_name: str
    page: str
    created_at: datetime
    answered_at: datetime | None = None
    answered_by: str = ""  # the first name of who said Voy

    @property
    def no_voice(self) -> bool:
        """The station called by itself: it cannot speak."""
        return self.page == NO_VOICE


def _call(row: HelpRequest, by: str = "") -> HelpCall:
    return HelpCall(
        row.id, row.station_name, row.page, row.created_at, row.resolved_at, first_name(by)
    )


@entry_points(HelpError)
class HelpService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def call(
        self, station_name: str, page: str = "", *, called_at: datetime | None = None
    ) -> HelpCall:
        """Record a call and tell the desks; a second press while one is waiting from the same
        station adds nothing. A station without voice (``page=NO_VOICE``) and a woman at it
        are two calls: neither hides the other. ``called_at``: when she called, for a call
        that waited at the station for the server (now when not given)."""
        same_kind = (
            HelpRequest.page == NO_VOICE if page == NO_VOICE else HelpRequest.page != NO_VOICE
        )
        with self._factory.begin() as s:
            existing = s.scalar(
                select(HelpRequest)
                .where(
                    HelpRequest.station_name == station_name[:80],
                    HelpRequest.resolved_at.is_(None),
                    same_kind,
                )
                .order_by(HelpRequest.created_at)
                .limit(1)
            )
            if existing is None:
                existing = HelpRequest(
                    station_name=station_name[:80],
                    page=page[:80],
                    created_at=called_at or utcnow(),
                )
                s.add(existing)
                s.flush()
                notify.announce(s, notify.HELP)
                log.info("help call %d from station %s", existing.id, station_name)
            return _call(existing)

    def open_calls(self) -> list[HelpCall]:
        """Calls nobody has answered yet, oldest first."""
        with self._factory() as s:
            rows = s.scalars(
                select(HelpRequest)
                .where(HelpRequest.resolved_at.is_(None))
                .order_by(HelpRequest.created_at, HelpRequest.id)
            )
            return [_call(r) for r in rows]

    def get(self, call_id: int) -> HelpCall | None:
        """The call as it stands now (answered or not, and by whom)."""
        with self._factory() as s:
            found = s.execute(
                select(HelpRequest, StaffUser.name)
                .outerjoin(StaffUser, StaffUser.id == HelpRequest.resolved_by_id)
                .where(HelpRequest.id == call_id)
            ).first()
            return None if found is None else _call(found[0], found[1] or "")

    def answer(self, call_id: int, staff_id: int | None = None) -> HelpCall:
        """Voy: this staff member goes. Exactly one answer wins, decided by the database;
        the others get :class:`HelpTaken` naming who is going."""
        with self._factory.begin() as s:
            result = s.execute(
                update(HelpRequest)
                .where(HelpRequest.id == call_id, HelpRequest.resolved_at.is_(None))
                .values(resolved_at=utcnow(), resolved_by_id=staff_id)
                .execution_options(synchronize_session=False)
            )
            won = cast("CursorResult[Any]", result).rowcount == 1
            if won:
                notify.announce(s, notify.HELP)
        answered = self.get(call_id)
        if not won:
            raise HelpTaken(answered.answered_by if answered else "")
        assert answered is not None
        log.info("help call %d answered", call_id)
        return answered

    def resolve(self, call_id: int, staff_id: int | None = None) -> None:
        """Take the call off the desks (already answered: nothing changes)."""
        with contextlib.suppress(HelpTaken):
            self.answer(call_id, staff_id)
