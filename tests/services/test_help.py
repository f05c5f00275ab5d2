"""Pedir ayuda: a call reaches the staff desk list once, and leaves it when answered."""

from __future__ import annotations

from kiosk.services.help import HelpService


def test_call_is_listed_once_until_resolved(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = HelpService(session_factory)
    assert service.open_calls() == []
    first = service.call("PC 1", "home")
    again = service.call("PC 1", "jobs")  # pressing twice does not make two calls
    other = service.call("PC 2", "home")
    assert again.id == first.id
    assert [c.id for c in service.open_calls()] == [first.id, other.id]
    service.resolve(first.id)
    assert [c.station_name for c in service.open_calls()] == ["PC 2"]
    assert service.call("PC 1").id != first.id
