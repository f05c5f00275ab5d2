"""The staff desks' live channel, without Qt: what writers announce and how desks hear it.

A writer of desk news calls :func:`announce` inside its own transaction, so the news leaves with
the commit and never without it:

* PostgreSQL: ``pg_notify('kiosk_desk_<centre>', topic)``, which the server delivers to every
  connection listening on that centre's channel when the transaction commits (and drops if it
  rolls back). A desk listens on a connection of its own, in a background thread
  (:class:`Listener`), to its own centre's channel only: a call at one centre never chimes at
  another's desk.
* SQLite (one PC): the topic's row in ``desk_signals`` gets a new version; a desk reads those
  few rows by primary key twice a second (:class:`VersionPoll`).

A notice carries only its topic. A desk re-reads what it shows (the open calls, the counts) when
told, and re-reads everything after a lost connection comes back, so a missed or doubled
notice loses nothing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import DeskSignal
from kiosk.data.scope import centre_of, factory_centre
from kiosk.logs import area_logger

log = area_logger("notify")

CHANNEL = "kiosk_desk"  # followed by _ and the centre's number
HELP = "help"  # a help call was made or answered
CHILDCARE = "childcare"  # a childcare alert was written or seen
TRADE = "trade"  # a listing now waits for approval, or no longer does
TOPICS = (HELP, CHILDCARE, TRADE)


def channel(centre_id: int) -> str:
    """The centre's desk channel (a plain name: ``LISTEN`` takes no parameter)."""
    return f"{CHANNEL}_{int(centre_id)}"


def announce(session: Session, topic: str) -> None:
    """Tell every open desk of the session's centre about ``topic`` when ``session``'s
    transaction commits."""
    assert topic in TOPICS, topic
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_notify(channel(centre_of(session)), topic)))
        return
    bump = sqlite_insert(DeskSignal).values(topic=topic, version=1)
    session.execute(
        bump.on_conflict_do_update(
            index_elements=[DeskSignal.topic], set_={"version": DeskSignal.version + 1}
        )
    )


def _engine(factory: sessionmaker[Session]) -> Engine:
    bind = factory.kw["bind"]
    assert isinstance(bind, Engine)
    return bind


def listens(factory: sessionmaker[Session]) -> bool:
    """True when the database delivers notices (PostgreSQL); False when desks poll (SQLite)."""
    return _engine(factory).dialect.name == "postgresql"


class VersionPoll:
    """SQLite: which topics moved since the last look. One read of a few primary-key rows on a
    plain connection (no ORM session): under a millisecond, twice a second."""

    _QUERY = select(DeskSignal.topic, DeskSignal.version)

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._engine = _engine(factory)
        self._seen: dict[str, int] | None = None

    def changed(self) -> frozenset[str]:
        """The topics whose version moved since the last call (every topic at the first call).
        Raises the database's error when it cannot be read."""
        with self._engine.connect() as conn:
            rows = {topic: version for topic, version in conn.execute(self._QUERY)}
        seen, self._seen = self._seen, rows
        if seen is None:
            return frozenset(TOPICS)
        return frozenset(t for t in rows.keys() | seen.keys() if rows.get(t) != seen.get(t))


class Listener:
    """PostgreSQL: ``LISTEN kiosk_desk_<centre>`` (the factory's centre) on a connection of its
    own, in a daemon thread.

    ``on_topic(topic)`` is called (in that thread) for every notice; ``on_online(True)`` each
    time the connection is made, the caller's cue to re-read everything (notices sent before
    the LISTEN, or while it was away, are not kept by the server), and ``on_online(False)``
    once when it is lost. A lost server is tried again
    every ``retry_s`` seconds until :meth:`stop`."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        on_topic: Callable[[str], None],
        on_online: Callable[[bool], None],
        *,
        wait_s: float = 0.25,
        retry_s: float = 1.0,
    ) -> None:
        self._engine = _engine(factory)
        self._channel = channel(factory_centre(factory))
        self._on_topic = on_topic
        self._on_online = on_online
        self._wait_s = wait_s
        self._retry_s = retry_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._online: bool | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        # Each thread has its own stop flag: one still closing after stop() never keeps a new
        # one from starting.
        self._stop = threading.Event()
        self._online = None
        self._thread = threading.Thread(
            target=self._run, args=(self._stop,), name="kiosk-desk-listener", daemon=True
        )
        self._thread.start()

    def stop(self, *_args: object, wait: bool = False) -> None:
        """End the thread: at once (it closes its connection within ``wait_s`` by itself), or
        once it has, with ``wait``."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if wait and thread is not None and thread is not threading.current_thread():
            thread.join(self._wait_s + 5)

    def _set_online(self, online: bool) -> None:
        # Every new connection says True (what was sent before its LISTEN is to be read
        # again); a lost one says False once.
        if online:
            log.info("desk channel: listening")
        elif self._online is not False:
            log.warning("desk channel: database unreachable, trying again")
        else:
            return
        self._online = online
        self._on_online(online)

    def _connect(self) -> tuple[Any, Any]:
        raw = self._engine.raw_connection()
        conn = raw.driver_connection
        if conn is None:  # a connection the pool gave up on: try again later
            raw.close()
            raise ConnectionError("no driver connection")
        raw.detach()  # its own connection, outside the pool, for as long as the desk listens
        try:
            conn.rollback()
            conn.autocommit = True
            conn.execute(f"LISTEN {self._channel}")
        except Exception:
            raw.close()
            raise
        return raw, conn

    def _run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                raw, conn = self._connect()
            except Exception as error:
                log.debug("desk channel: connect failed: %s", type(error).__name__)
                if not stop.is_set():
                    self._set_online(False)
                    stop.wait(self._retry_s)
                continue
            try:
                self._set_online(True)
                while not stop.is_set():
                    for notice in conn.notifies(timeout=self._wait_s):
                        if notice.payload in TOPICS and not stop.is_set():
                            self._on_topic(notice.payload)
            except Exception as error:
                log.debug("desk channel: connection lost: %s", type(error).__name__)
                if not stop.is_set():
                    self._set_online(False)
                    stop.wait(self._retry_s)
            finally:
                with contextlib.suppress(Exception):  # already broken: nothing more to close
                    raw.close()
