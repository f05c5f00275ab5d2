"""The centre's rules, one module per area. No Qt. Each service takes the one session factory
and returns frozen dataclasses, never live database objects."""

from __future__ import annotations

import csv
import dataclasses
import enum
import io
import math
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar, cast

from sqlalchemy import ColumnElement, CursorResult, Engine, event, func, select, update
from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    IntegrityError,
    InterfaceError,
    OperationalError,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SessionFactory: TypeAlias = sessionmaker[Session]
D = TypeVar("D", bound="DataclassInstance")
E = TypeVar("E", bound=enum.Enum)
C = TypeVar("C")


def is_connection_lost(error: BaseException) -> bool:
    """True when ``error`` means the database server could not be reached (a shared
    PostgreSQL server down or the network cut): the screens then say "sin conexión, intenta de
    nuevo" and keep what she entered; the engine reconnects by itself on the next try."""
    if isinstance(error, DisconnectionError | InterfaceError | OperationalError):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def rowcount(result: Any) -> int:
    """The rows an UPDATE or DELETE touched (``Session.execute`` is typed as a plain Result)."""
    return cast("CursorResult[Any]", result).rowcount


def page_numbers(total: int, page: int, per_page: int) -> tuple[int, int]:
    """The page to show (kept within the pages there are) and how many pages ``total`` rows
    fill, ``per_page`` a page (at least one page, even empty)."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    page_count = max(1, math.ceil(total / per_page))
    return min(max(page, 0), page_count - 1), page_count


@dataclass(frozen=True)
class CardPage(Generic[C]):
    """One page of a list the pager walks through."""

    cards: tuple[C, ...]
    page: int  # 0-based, clamped to the last page
    page_count: int  # at least 1, so the pager can always say "1 / 1"
    total: int


def copy_fields(cls: type[D], source: object, **given: Any) -> D:
    """A frozen answer of dataclass ``cls``: the fields in ``given`` as given, every other one
    read off ``source`` (a database row) under the same name."""
    names = (f.name for f in dataclasses.fields(cls) if f.init and f.name not in given)
    return cls(**given, **{name: getattr(source, name) for name in names})


def count_each(
    session_factory: SessionFactory,
    column: InstrumentedAttribute[Any],
    values: type[E],
    *conditions: ColumnElement[bool],
) -> dict[E, int]:
    """How many rows meeting ``conditions`` have each of ``values`` in ``column``, every value
    included (0 when none). Naming every value makes each one a range seek on a browse index
    that starts with ``column``."""
    statement = (
        select(column, func.count()).where(column.in_(list(values)), *conditions).group_by(column)
    )
    compiled = statement.compile()
    key = kept_key(session_factory, str(compiled), repr(sorted(compiled.params.items())))

    def counted() -> dict[E, int]:
        counts = dict.fromkeys(values, 0)
        with session_factory() as s:
            for value, count in s.execute(statement):
                counts[values(value)] = count
        return counts

    return KEPT_COUNTS.get(key, counted)


def kept_key(session_factory: SessionFactory, *what: Hashable) -> Hashable:
    """A key of ``KEPT_COUNTS`` for ``what`` counted through ``session_factory``: its
    database's and its centre's own. A centre's counts are its own (its listings): stations of
    two centres in one process (a test, a tool) must not read each other's."""
    bind = session_factory.kw.get("bind")
    database = str(bind.url) if bind is not None else id(session_factory)
    centre = session_factory.kw.get("info", {}).get("centre_id")
    return (database, centre, *what)


class KeptCounts:
    """The counts on the browse tiles (programs by need, jobs and goods by category), kept
    between taps: counting 100 000 rows again on every tap takes longer than a frame. Any
    write this station commits forgets them at once; another station's write shows within
    ``seconds``."""

    def __init__(self, seconds: float = 20.0, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self.generation = 0
        self._kept: dict[Hashable, tuple[float, Any]] = {}

    def get(self, key: Hashable, count: Callable[[], C]) -> C:
        now = self.clock()
        kept = self._kept.get(key)
        if kept is not None and now - kept[0] < self.seconds:
            return cast(C, kept[1])
        generation = self.generation
        value = count()
        if generation == self.generation:  # no write committed while it was counted
            self._kept[key] = (now, value)
        return value

    def forget(self, *_args: object) -> None:
        self.generation += 1
        self._kept = {}


KEPT_COUNTS = KeptCounts()
# Every commit of every engine in this process (each station's writes, whatever service or
# command made them), and every engine let go (a database restored from a backup). The
# engine's event comes just before the database commits: a count taken meanwhile on another
# thread is forgotten again once a session's commit is done.
event.listen(Engine, "commit", KEPT_COUNTS.forget)
event.listen(Engine, "engine_disposed", KEPT_COUNTS.forget)
event.listen(Session, "after_commit", KEPT_COUNTS.forget)


def count_rows(s: Session, model: type[Any], *conditions: ColumnElement[bool]) -> int:
    """How many rows of ``model`` meet ``conditions``."""
    return s.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


def paging(
    s: Session,
    model: type[Any],
    conditions: Iterable[ColumnElement[bool]],
    page: int,
    per_page: int,
) -> tuple[int, int, int]:
    """The page to show, how many pages and how many rows of ``model`` meet ``conditions``
    (see :func:`page_numbers`)."""
    total = count_rows(s, model, *conditions)
    page, page_count = page_numbers(total, page, per_page)
    return page, page_count, total


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A table for a spreadsheet: comma-separated, one header row. Cells from people's typing
    go through :func:`kiosk.text.csv_cell` first; save it as ``utf-8-sig`` so spreadsheets
    show the accents."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def update_where(
    s: Session, model: type[Any], conditions: Iterable[ColumnElement[bool]], **values: Any
) -> int:
    """Set ``values`` on the rows of ``model`` that meet ``conditions``, in one conditional
    UPDATE: how many rows it changed. The database decides, so two stations doing it at once
    change a row once."""
    statement = update(model).where(*conditions).values(**values)
    return rowcount(s.execute(statement.execution_options(synchronize_session=False)))


def insert_or_clash(s: Session, row: object) -> IntegrityError | None:
    """Insert ``row`` behind a savepoint. When a unique index refuses it, the error is returned
    (the savepoint's rollback took the row out of the session; the transaction goes on, so the
    caller may draw another number)."""
    try:
        with s.begin_nested():
            s.add(row)
            s.flush()
    except IntegrityError as exc:
        return exc
    return None
