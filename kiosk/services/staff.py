"""Staff and volunteers: accounts, PIN sign-in with a lockout that grows, and audit events.

PINs are kept only as slow salted hashes (kiosk.security) and never logged. Five wrong PINs in
a row lock the account for 30 s, doubling with each further miss (at most a day)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import AuditEvent, StaffRole, StaffUser, utcnow
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.security import hash_pin, valid_pin, verify_pin
from kiosk.services import count_rows
from kiosk.services.checks import entry_points

log = area_logger("staff")

FREE_TRIES = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(days=1)


class StaffError(ValueError):
    """One plain sentence for the keypad or the command line."""


class WrongPin(StaffError):
    pass


class StaffLocked(StaffError):
    def __init__(self, message: str, seconds: int) -> None:
        super().__init__(message)
        self.seconds = seconds


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    role: StaffRole

    @property
    def is_staff(self) -> bool:
        return self.role is StaffRole.STAFF

    @property
    def is_treasurer(self) -> bool:
        """A savings group's treasurer: her PIN opens her group's savings pages only."""
        return self.role is StaffRole.TREASURER


def _info(user: StaffUser) -> StaffInfo:
    return StaffInfo(user.id, user.name, user.role)


def lock_for(failures: int) -> timedelta:
    """How long the keypad stays locked after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return timedelta(0)
    return min(FIRST_LOCK * 2 ** (failures - FREE_TRIES), LONGEST_LOCK)


@entry_points(StaffError)
class StaffService:
    def __init__(
        self, session_factory: sessionmaker[Session], *, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._factory = session_factory
        self._clock = clock

    def list(self, *, include_inactive: bool = False) -> list[StaffInfo]:
        with self._factory() as s:
            query = select(StaffUser).order_by(StaffUser.name)
            if not include_inactive:
                query = query.where(StaffUser.active.is_(True))
            return [_info(u) for u in s.scalars(query)]

    def add(self, name: str, role: StaffRole, pin: str) -> StaffInfo:
        name = " ".join(name.split())
        if not name or len(name) > 120:
            raise StaffError(_("Write the person's name (at most 120 letters)."))
        self._check_pin(pin)
        try:
            with self._factory.begin() as s:
                user = StaffUser(name=name, role=role, pin_hash=hash_pin(pin), created_at=utcnow())
                s.add(user)
                s.flush()
                s.add(
                    AuditEvent(action="staff.add", subject_table="staff_users", subject_id=user.id)
                )
                info = _info(user)
        except IntegrityError as exc:
            raise StaffError(_("There is already someone with that name.")) from exc
        log.info("staff user %d added (%s)", info.id, info.role.value)
        return info

    def reset_pin(self, name: str, pin: str) -> StaffInfo:
        self._check_pin(pin)
        with self._factory.begin() as s:
            user = s.scalar(select(StaffUser).where(StaffUser.name == " ".join(name.split())))
            if user is None:
                raise StaffError(_("Nobody on the staff has that name."))
            user.pin_hash = hash_pin(pin)
            user.failed_pins = 0
            user.locked_until = None
            s.add(
                AuditEvent(
                    action="staff.reset_pin", subject_table="staff_users", subject_id=user.id
                )
            )
            return _info(user)

    def sign_in(self, staff_id: int, pin: str) -> StaffInfo:
        """The person whose picture was chosen, if the PIN is hers; counts misses and locks."""
        now = self._clock()
        with self._factory.begin() as s:
            user = s.get(StaffUser, staff_id, with_for_update=True)
            if user is None or not user.active:
                raise StaffError(_("Nobody on the staff has that name."))
            if user.locked_until is not None and user.locked_until > now:
                raise self._locked(user.locked_until - now)
            if verify_pin(pin, user.pin_hash):
                user.failed_pins = 0
                user.locked_until = None
                s.add(AuditEvent(staff_id=user.id, action="staff.sign_in"))
                return _info(user)
            user.failed_pins += 1
            wait = lock_for(user.failed_pins)
            if wait:
                user.locked_until = now + wait
                s.add(
                    AuditEvent(
                        staff_id=user.id,
                        action="staff.locked",
                        detail=f"failures={user.failed_pins}",
                    )
                )
                log.warning("staff user %d locked after %d wrong PINs", user.id, user.failed_pins)
                error: StaffError = self._locked(wait)
            else:
                error = WrongPin(_("That PIN is not right. Try again."))
        raise error

    def audit_count(self, action: str) -> int:
        with self._factory() as s:
            return count_rows(s, AuditEvent, AuditEvent.action == action)

    @staticmethod
    def _check_pin(pin: str) -> None:
        if not valid_pin(pin):
            raise StaffError(_("A PIN has 4 to 8 digits."))

    @staticmethod
    def _locked(wait: timedelta) -> StaffLocked:
        seconds = max(1, int(wait.total_seconds()))
        return StaffLocked(
            _("Too many wrong PINs. Wait {seconds} seconds and try again.").format(seconds=seconds),
            seconds,
        )
