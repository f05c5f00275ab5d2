"""A kiosk whose PostgreSQL server is far away, kept working when the line drops.

* :class:`SwitchingFactory` is the one session factory the services receive: its sessions go
  to the server while it answers, and to the station's read copy (kiosk.data.read_copy) while
  it does not. The read copy is opened read-only: a seat, a check-in, a code or a referral
  asked for meanwhile is refused by the database itself (:func:`refused_offline`).
* :class:`Link` is the watcher, a thread of its own: while the server answers it checks it now
  and then and takes a fresh read copy every few minutes; while it does not, it tries it every
  few seconds, and when it answers again it goes back to it, sends the help calls made
  meanwhile (kiosk.services.help_queue) and takes a fresh copy. A query that fails on
  the server wakes it at once. The window hears of each change through ``on_change``.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data import read_copy
from kiosk.data.db import DatabaseError, migrate
from kiosk.logs import area_logger
from kiosk.services import KEPT_COUNTS, SessionFactory, is_connection_lost
from kiosk.services.help_queue import HelpQueue, QueuedCall

log = area_logger("link")

CHECK_SECONDS = 5.0  # offline: how often the server is tried
PING_SECONDS = 30.0  # online: how often the server is checked while nothing else reads it
REFRESH_SECONDS = 15 * 60.0  # online: how often the read copy is taken again


class SwitchingFactory(sessionmaker[Session]):
    """A session factory (``factory()``, ``factory.begin()``) whose sessions go to the live
    server while it answers and to the read copy while it does not. ``kw`` is the live
    factory's, so what reads the engine off it (the desk's channel, backups) gets the
    server's."""

    def __init__(
        self, live: SessionFactory, copy: SessionFactory | None = None, *, online: bool = True
    ) -> None:
        # Not sessionmaker.__init__: every session is made by one of the two factories.
        self.kw = live.kw
        self.class_ = live.class_
        self.live = live
        self.copy = copy
        self._online = online

    @property
    def online(self) -> bool:
        return self._online

    @property
    def on_copy(self) -> bool:
        """Sessions come from the read copy now."""
        return not self._online and self.copy is not None

    def set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            KEPT_COUNTS.forget()  # counted on the other database

    def use_copy(self, copy: SessionFactory) -> None:
        self.copy = copy
        if not self._online:
            KEPT_COUNTS.forget()

    def __call__(self, **local_kw: Any) -> Session:
        chosen = self.copy if self.on_copy and self.copy is not None else self.live
        return chosen(**local_kw)


def on_read_copy(factory: SessionFactory) -> bool:
    """``factory``'s sessions come from the read copy now (the server does not answer)."""
    return isinstance(factory, SwitchingFactory) and factory.on_copy


def refused_offline(error: BaseException) -> bool:
    """True when ``error`` came from the read copy of a station on a PostgreSQL server: a
    write it refuses, a table it does not hold (children, help calls...) or a member's column
    it does not answer. What was asked needs the server."""
    return isinstance(error, DBAPIError) and isinstance(error.orig, sqlite3.Error)


@dataclass(frozen=True)
class LinkState:
    """What the window shows: whether the server answers, and when the copy it reads from
    otherwise was taken (None: no copy yet)."""

    online: bool
    taken_at: datetime | None


class Link:
    """The watcher of the line to the server (see the module's notes)."""

    def __init__(
        self,
        engine: Engine,
        live: SessionFactory,
        data_dir: Path,
        *,
        make_factory: Callable[[Engine], SessionFactory],
        online: bool,
        courses: Callable[[], Iterable[read_copy.CourseNumbers]] | None = None,
        check_s: float = CHECK_SECONDS,
        ping_s: float = PING_SECONDS,
        refresh_s: float = REFRESH_SECONDS,
    ) -> None:
        self.engine = engine
        self.data_dir = Path(data_dir)
        self.queue = HelpQueue(self.data_dir)
        self._make_factory = make_factory
        self._courses = courses
        self._check_s = max(0.1, check_s)
        self._ping_s = max(self._check_s, ping_s)
        self._refresh_s = max(self._check_s, refresh_s)
        read_copy.remove_partials(self.data_dir)
        self._copy = read_copy.open_read_copy(self.data_dir)
        copy_factory = make_factory(self._copy.engine) if self._copy else None
        self.factory = SwitchingFactory(live, copy_factory, online=online)
        # Started without the server: its schema is checked when it is first reached.
        self._checked_schema = online
        self._next_refresh = 0.0  # at once, once started
        self._on_change: Callable[[LinkState], None] = lambda _state: None
        self._wake = threading.Event()
        self._refreshing = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_error = self._woken_by_error  # one object, to take the listener off again
        event.listen(engine, "handle_error", self._on_error)

    @property
    def taken_at(self) -> datetime | None:
        return self._copy.taken_at if self._copy else None

    @property
    def state(self) -> LinkState:
        return LinkState(self.factory.online, self.taken_at)

    # --- the thread -----------------------------------------------------------------------

    def start(self, on_change: Callable[[LinkState], None] | None = None) -> None:
        """Watch the line in a daemon thread; ``on_change`` is called (in that thread) with
        each new state."""
        if on_change is not None:
            self._on_change = on_change
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(self._stop,), name="kiosk-link", daemon=True
        )
        self._thread.start()

    def stop(self, wait_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait_s)
            if not thread.is_alive():
                self._thread = None

    def close(self, wait_s: float = 10.0) -> None:
        """Stop watching and let the read copy go."""
        self.stop(wait_s)
        if event.contains(self.engine, "handle_error", self._on_error):
            event.remove(self.engine, "handle_error", self._on_error)
        if self._copy is not None:
            self._copy.engine.dispose()

    def check_now(self) -> None:
        """Try the server now rather than at the next turn."""
        self._wake.set()

    def _woken_by_error(self, _context: ExceptionContext) -> None:
        # A query failed on the server: the watcher looks whether it still answers (its own
        # failed look waits for the next turn).
        if threading.current_thread() is not self._thread:
            self._wake.set()

    def _run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self._turn()
            except Exception as exc:  # the watcher never dies: it tries again next turn
                log.error("link check failed: %s", type(exc).__name__)
            if stop.is_set():
                return
            if self.factory.online:
                wait = min(self._ping_s, max(0.0, self._next_refresh - time.monotonic()))
            else:
                wait = self._check_s
            self._wake.wait(wait)
            self._wake.clear()

    def _turn(self) -> None:
        """One look at the server, and what follows from its answer."""
        if not self._server_answers():
            self._went_away()
            return
        if not self.factory.online and not self._came_back():
            return
        if self.queue.path.exists():  # calls made while it was away (or before a restart)
            self.send_queued_calls()
        if time.monotonic() >= self._next_refresh:
            self.refresh_copy()

    def _server_answers(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except DBAPIError as exc:
            if not is_connection_lost(exc):
                raise
            return False
        return True

    def _went_away(self) -> None:
        if self.factory.online:
            log.warning(
                "the server does not answer: %s",
                "reading the read copy" if self.factory.copy else "no read copy yet",
            )
            self.factory.set_online(False)
            self._tell()

    def _came_back(self) -> bool:
        """The server answers again: its schema checked (once, if the kiosk started without
        it) and the kiosk back on it. False if it is not usable."""
        if not self._checked_schema:
            try:
                migrate(self.engine)
            except DatabaseError as exc:
                log.error("the server answers but cannot be used: %s", type(exc).__name__)
                return False
            self._checked_schema = True
        log.info("the server answers again")
        self.factory.set_online(True)
        self._tell()
        self._next_refresh = 0.0
        return True

    def send_queued_calls(self) -> int:
        """The help calls made while the server was away, to the server, each once."""
        from kiosk.services.help import HelpService

        help_calls = HelpService(self.factory.live)

        def deliver(call: QueuedCall) -> None:
            help_calls.call(call.station_name, call.page, called_at=call.called_at)

        return self.queue.send(deliver)

    def refresh_copy(self) -> bool:
        """Take a fresh read copy from the server and read from it from now on; False (the
        old copy kept) when the server could not be read."""
        with self._refreshing:  # the watcher's turn and a call from elsewhere, one at a time
            return self._refresh_copy()

    def _refresh_copy(self) -> bool:
        self._next_refresh = time.monotonic() + self._refresh_s
        started = time.monotonic()
        try:
            read_copy.make_read_copy(self.engine, self.data_dir, courses=self._courses)
        except DBAPIError as exc:
            if not is_connection_lost(exc):
                raise
            log.warning("read copy not taken: the server stopped answering")
            self._went_away()
            return False
        except OSError as exc:
            log.error("read copy not written: %s", type(exc).__name__)
            return False
        fresh = read_copy.open_read_copy(self.data_dir)
        if fresh is None:
            return False
        old, self._copy = self._copy, fresh
        self.factory.use_copy(self._make_factory(fresh.engine))
        if old is not None:
            old.engine.dispose()
        log.info("read copy refreshed in %.2f s", time.monotonic() - started)
        self._tell()
        return True

    def _tell(self) -> None:
        self._on_change(self.state)
