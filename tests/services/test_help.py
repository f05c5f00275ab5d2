"""Pedir ayuda: a call reaches the staff desk list once, and leaves it when answered."""

from __future__ import annotations

from kiosk.services.help import NO_VOICE, HelpService


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


def test_a_station_without_voice_and_a_woman_at_it_are_two_calls(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = HelpService(session_factory)
    silent = service.call("PC 1", NO_VOICE)
    assert service.call("PC 1", NO_VOICE).id == silent.id  # told once per silence
    hers = service.call("PC 1", "home")
    assert hers.id != silent.id and not hers.no_voice
    assert service.call("PC 1", "jobs").id == hers.id
    assert [(c.id, c.no_voice) for c in service.open_calls()] == [
        (silent.id, True),
        (hers.id, False),
    ]
    service.resolve(silent.id)
    assert [c.id for c in service.open_calls()] == [hers.id]
