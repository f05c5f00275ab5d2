"""Members are found by phone and registered only with consent; bad input saves nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from kiosk.data.models import Member
from kiosk.services.checks import InputError
from kiosk.services.members import MemberError, MemberService, mask_phone, normalize_phone


def _count(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(Member))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6145551234", "6145551234"),
        ("614 555 12 34", "6145551234"),
        ("+52 614-555-1234", "6145551234"),
    ],
)
def test_phone_numbers_are_normalized(typed: str, expected: str) -> None:
    assert normalize_phone(typed) == expected


@pytest.mark.parametrize("typed", ["", "614555", "61455512345", "0000000000", "1234567890", "abc"])
def test_bad_phone_numbers_are_refused(typed: str) -> None:
    with pytest.raises(MemberError):
        normalize_phone(typed)


def test_phone_is_masked_but_for_the_last_four() -> None:
    assert mask_phone("6145551234") == "•• •• •• 12 34"


def test_register_then_find(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = MemberService(session_factory)
    assert service.find_by_phone("6145551234") is None
    info = service.register("  María   Pérez ", "614 555 1234", consent=True)
    assert info.name == "María Pérez"
    assert info.first_name == "María"
    found = service.find_by_phone("6145551234")
    assert found == info
    with session_factory() as s:
        member = s.get(Member, info.id)
        assert member.privacy_consent_at is not None
        assert abs((member.privacy_consent_at - datetime.now(UTC)).total_seconds()) < 60


def test_no_consent_no_registration(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = MemberService(session_factory)
    with pytest.raises(MemberError, match="aviso de privacidad"):
        service.register("Ana", "6145551234", consent=False)
    assert _count(session_factory) == 0


@pytest.mark.parametrize("name", ["", "   ", "1234", "\x00\x01", "a" * 200])
def test_bad_names_save_nothing(session_factory, name: str) -> None:  # type: ignore[no-untyped-def]
    # A NUL character is refused at the services' door, before the name is even read.
    with pytest.raises((MemberError, InputError)):
        MemberService(session_factory).register(name, "6145551234", consent=True)
    assert _count(session_factory) == 0


def test_phone_already_registered(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = MemberService(session_factory)
    service.register("Ana", "6145551234", consent=True)
    with pytest.raises(MemberError, match="ya está registrado"):
        service.register("Otra", "614 555 1234", consent=True)
    assert _count(session_factory) == 1
