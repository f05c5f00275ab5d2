"""Staff accounts: slow-hashed PINs, a lockout that grows after five misses, audit events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.data.models import AuditEvent, StaffRole, StaffUser
from kiosk.services.staff import StaffError, StaffLocked, StaffService, WrongPin, lock_for


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_pin_is_stored_only_as_a_slow_hash(session_factory) -> None:  # type: ignore[no-untyped-def]
    info = StaffService(session_factory).add("Irma Villalobos", StaffRole.STAFF, "482913")
    with session_factory() as s:
        stored = s.scalar(select(StaffUser.pin_hash).where(StaffUser.id == info.id))
    assert "482913" not in stored
    assert stored.startswith("scrypt$")


def test_right_pin_signs_in_and_is_audited(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = StaffService(session_factory)
    info = service.add("Irma", StaffRole.STAFF, "4829")
    assert service.sign_in(info.id, "4829") == info
    assert service.audit_count("staff.sign_in") == 1


def test_five_misses_lock_and_the_lock_grows(session_factory) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    service = StaffService(session_factory, clock=clock)
    info = service.add("Irma", StaffRole.STAFF, "4829")
    for _ in range(4):
        with pytest.raises(WrongPin):
            service.sign_in(info.id, "0000")
    with pytest.raises(StaffLocked) as locked:
        service.sign_in(info.id, "0000")
    assert locked.value.seconds == 30
    # While locked, even the right PIN is refused.
    with pytest.raises(StaffLocked):
        service.sign_in(info.id, "4829")
    clock.now += timedelta(seconds=31)
    with pytest.raises(StaffLocked) as again:
        service.sign_in(info.id, "1111")
    assert again.value.seconds == 60
    clock.now += timedelta(seconds=61)
    assert service.sign_in(info.id, "4829") == info
    with session_factory() as s:
        events = s.scalars(select(AuditEvent.action).where(AuditEvent.action == "staff.locked"))
        assert len(list(events)) == 2


def test_lock_durations() -> None:
    assert [lock_for(n).total_seconds() for n in (4, 5, 6, 7)] == [0, 30, 60, 120]
    assert lock_for(40) == timedelta(days=1)


@pytest.mark.parametrize("pin", ["", "12", "abcd", "123456789", "١٢٣٤"])
def test_bad_pins_are_refused(session_factory, pin: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StaffError, match="4 a 8"):
        StaffService(session_factory).add("Irma", StaffRole.STAFF, pin)
    assert StaffService(session_factory).list() == []


def test_reset_pin_clears_the_lock(session_factory) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    service = StaffService(session_factory, clock=clock)
    info = service.add("Irma", StaffRole.VOLUNTEER, "4829")
    for _ in range(5):
        with pytest.raises(StaffError):
            service.sign_in(info.id, "0000")
    service.reset_pin("Irma", "9182")
    assert service.sign_in(info.id, "9182").role is StaffRole.VOLUNTEER


def test_same_name_twice(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = StaffService(session_factory)
    service.add("Irma", StaffRole.STAFF, "4829")
    with pytest.raises(StaffError, match="Ya hay"):
        service.add(" Irma ", StaffRole.STAFF, "9999")
