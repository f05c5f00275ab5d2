"""Help calls made while the server is away wait in a small file, and each reaches the server
once, with the station and the time she called."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.services.help import HelpService
from kiosk.services.help_queue import HelpQueue, QueuedCall
from kiosk.services.link import SwitchingFactory, on_read_copy


def test_calls_wait_in_the_file_and_go_each_once(tmp_path: Path, session_factory) -> None:  # type: ignore[no-untyped-def]
    queue = HelpQueue(tmp_path)
    called = datetime.now(UTC) - timedelta(minutes=10)
    queue.add("Quiosco 2", "home", called)
    assert (tmp_path / "help-queue.json").stat().st_mode & 0o777 == 0o600
    # The kiosk closed and opened again: the call is still waiting.
    assert HelpQueue(tmp_path).pending() == [QueuedCall("Quiosco 2", "home", called)]

    help_calls = HelpService(session_factory)
    sent = queue.send(lambda c: help_calls.call(c.station_name, c.page, called_at=c.called_at))
    assert sent == 1 and queue.pending() == []
    assert not (tmp_path / "help-queue.json").exists()
    (call,) = help_calls.open_calls()
    assert call.station_name == "Quiosco 2" and call.created_at == called
    assert queue.send(lambda c: help_calls.call(c.station_name, c.page)) == 0


def test_a_call_not_delivered_stays_queued(tmp_path: Path) -> None:
    queue = HelpQueue(tmp_path)
    queue.add("Quiosco 2", "home")
    queue.add("Quiosco 2", "jobs")
    delivered: list[str] = []

    def deliver(call: QueuedCall) -> None:
        if call.page == "jobs":
            raise ConnectionError("the line dropped again")
        delivered.append(call.page)

    with pytest.raises(ConnectionError):
        queue.send(deliver)
    assert delivered == ["home"]
    assert [c.page for c in queue.pending()] == ["jobs"]


def test_an_unreadable_queue_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / "help-queue.json").write_text("{not json", encoding="utf-8")
    queue = HelpQueue(tmp_path)
    assert queue.pending() == []
    queue.add("Quiosco 2", "home")
    assert len(queue.pending()) == 1


def test_the_switching_factory_reads_the_copy_only_while_offline(session_factory) -> None:  # type: ignore[no-untyped-def]
    copy = session_factory  # any second factory stands for the copy here
    switching = SwitchingFactory(session_factory, None)
    assert switching.kw is session_factory.kw  # the server's engine for whoever asks
    switching.set_online(False)
    assert not on_read_copy(switching)  # no copy yet: still the server (and its error)
    switching.use_copy(copy)
    assert on_read_copy(switching)
    switching.set_online(True)
    assert not on_read_copy(switching)
    with switching.begin() as s:
        assert s.get_bind() is session_factory.kw["bind"]
