"""The desks' live channel at the service level: news leaves with the commit (PostgreSQL
LISTEN/NOTIFY, SQLite's polled version rows), Voy is decided by the database, and a listener
carries on by itself when its server comes back."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.db import make_engine, make_session_factory, migrate
from kiosk.data.models import StaffRole, StaffUser
from kiosk.services import notify
from kiosk.services.help import HelpCall, HelpService, HelpTaken
from kiosk.services.trade import ListingDraft, TradeService
from tests.concurrency import race
from tests.conftest import pg_cluster

Factory = sessionmaker[Session]
WAIT_S = 2.0  # a desk hears news within 2 s


class Ear:
    """What an open desk hears, on either engine: the PostgreSQL listener's notices, or what
    SQLite's version poll sees moved."""

    def __init__(self, factory: Factory) -> None:
        self.notices: queue.Queue[str] = queue.Queue()
        self.online: queue.Queue[bool] = queue.Queue()
        self.listener: notify.Listener | None = None
        self.poll: notify.VersionPoll | None = None
        if notify.listens(factory):
            self.listener = notify.Listener(factory, self.notices.put, self.online.put)
            self.listener.start()
            assert self.online.get(timeout=10) is True
        else:
            self.poll = notify.VersionPoll(factory)
            assert self.poll.changed() == frozenset(notify.TOPICS)  # the first look: read all

    def next(self) -> str:
        """The next topic heard (fails after 2 s of silence)."""
        if self.listener is not None:
            return self.notices.get(timeout=WAIT_S)
        assert self.poll is not None
        (topic,) = self.poll.changed()
        return topic

    def close(self) -> None:
        if self.listener is not None:
            self.listener.stop(wait=True)


@pytest.fixture
def ear(session_factory: Factory) -> Iterator[Callable[[], Ear]]:
    made: list[Ear] = []

    def make() -> Ear:
        made.append(Ear(session_factory))
        return made[-1]

    yield make
    for one in made:
        one.close()


def add_staff(factory: Factory, *names: str) -> list[int]:
    with factory.begin() as s:
        people = [StaffUser(name=n, role=StaffRole.STAFF, pin_hash="x") for n in names]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def test_a_help_call_and_its_answer_reach_an_open_desk(session_factory: Factory, ear) -> None:  # type: ignore[no-untyped-def]
    desk = ear()
    helps = HelpService(session_factory)
    (ana,) = add_staff(session_factory, "Ana Ruiz")
    call = helps.call("PC 2", "home")
    assert desk.next() == notify.HELP
    assert [c.id for c in helps.open_calls()] == [call.id]
    answered = helps.answer(call.id, ana)
    assert desk.next() == notify.HELP
    assert answered.answered_by == "Ana" and answered.answered_at is not None
    assert helps.open_calls() == []
    # The member's kiosk reads who is coming (first name only).
    got = helps.get(call.id)
    assert got is not None and got.answered_by == "Ana"


def test_a_transaction_that_rolls_back_tells_nobody(session_factory: Factory, ear) -> None:  # type: ignore[no-untyped-def]
    desk = ear()
    with session_factory() as s, s.begin():
        notify.announce(s, notify.CHILDCARE)
        s.rollback()
    with session_factory.begin() as s:
        notify.announce(s, notify.TRADE)
    assert desk.next() == notify.TRADE  # the rolled-back news never came


@pytest.mark.postgresql
def test_news_leaves_when_its_transaction_commits(pg_factory: Factory) -> None:
    desk = Ear(pg_factory)
    try:
        with pg_factory() as late:
            late.begin()
            notify.announce(late, notify.HELP)
            with pg_factory.begin() as s:
                notify.announce(s, notify.TRADE)
            assert desk.next() == notify.TRADE  # the open transaction's news waits for it
            late.commit()
        assert desk.next() == notify.HELP
    finally:
        desk.close()


def test_a_listing_waiting_for_approval_and_its_approval_are_news(
    session_factory: Factory, ear
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.services.members import MemberService

    rosa = MemberService(session_factory).register("Rosa Díaz", "6145550102", consent=True)
    (staff,) = add_staff(session_factory, "Ana Ruiz")
    desk = ear()
    trade = TradeService(session_factory)
    listing = trade.publish(
        rosa.id, ListingDraft(title="Tamales", category="comida", price="15", price_unit="docena")
    )
    assert desk.next() == notify.TRADE
    trade.approve(listing.id, staff)
    assert desk.next() == notify.TRADE
    assert trade.pending_count() == 0


def test_two_desks_tapping_voy_at_once_one_wins_the_others_are_told_who(
    racing_factory: Factory,
) -> None:
    helps = HelpService(racing_factory)
    names = ["Ana Ruiz", "Bety Soto", "Carmen Gil", "Dora Paz", "Elsa Luna", "Fina Mora"]
    staff = add_staff(racing_factory, *names)
    for _round in range(5):
        call = helps.call("PC 3")
        results = race(len(staff), lambda i, cid=call.id: helps.answer(cid, staff[i]), HelpTaken)
        winners = [r for r in results if isinstance(r, HelpCall)]
        assert len(winners) == 1, results
        told = [r for r in results if isinstance(r, HelpTaken)]
        assert len(told) == len(staff) - 1
        going = winners[0].answered_by
        assert going == names[results.index(winners[0])].split()[0]
        assert {t.by for t in told} == {going}
        assert all(str(t) == f"Ya va {going}." for t in told)
        assert helps.open_calls() == []


@pytest.mark.postgresql
def test_a_listener_says_when_its_server_is_gone_and_listens_again_when_it_is_back(
    tmp_path: Any,
) -> None:
    server = pg_cluster()
    server.start()
    with psycopg.connect(server.url("postgres").replace("+psycopg", ""), autocommit=True) as c:
        c.execute('CREATE DATABASE "kiosk"')
    engine = make_engine(server.url("kiosk"))
    try:
        migrate(engine)
        factory = make_session_factory(engine)
        notices: queue.Queue[str] = queue.Queue()
        online: queue.Queue[bool] = queue.Queue()
        listener = notify.Listener(factory, notices.put, online.put, retry_s=0.2)
        listener.start()
        assert online.get(timeout=10) is True
        server.stop()
        assert online.get(timeout=10) is False
        server.start()
        assert online.get(timeout=10) is True  # by itself, without a restart
        call = HelpService(factory).call("PC 4")
        assert notices.get(timeout=WAIT_S) == notify.HELP
        assert HelpService(factory).open_calls()[0].id == call.id
        listener.stop(wait=True)
        assert not listener.running
    finally:
        engine.dispose()
        server.remove()
