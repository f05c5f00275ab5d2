"""Every SQLite file name the kiosk hands to a library goes through here.

A data folder may be called anything a person can type: ``Respaldos #2``, ``¿dónde?``,
``100% Ñandú``. Written raw into ``sqlite:///...`` or ``file:...?mode=ro``, a ``?`` starts the
query, a ``#`` the fragment and a ``%`` an escape, so SQLite silently opens (and creates) some
other file. Here paths become SQLAlchemy URLs with ``URL.create`` and SQLite URIs with
pathlib's ``as_uri()`` (percent-escaped), and URLs become paths again the same way. No database
library is imported until a function needs it: the settings use this module before start-up
loads SQLAlchemy.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, Literal

__all__ = ["connect", "engine_url", "path_of", "uri"]

Mode = Literal["ro", "rw", "rwc"]


def engine_url(path: str | os.PathLike[str]) -> str:
    """``sqlite:///...`` for ``path``, escaped so that SQLAlchemy reads back exactly ``path``."""
    from sqlalchemy.engine import URL

    url = URL.create("sqlite", database=str(Path(path).absolute()))
    return url.render_as_string(hide_password=False)


def uri(path: str | os.PathLike[str], *, mode: Mode = "rwc", immutable: bool = False) -> str:
    """A ``file:`` URI for ``sqlite3.connect(..., uri=True)``: ``mode=ro`` never writes, and
    ``immutable=1`` also never takes a lock nor makes a journal (for files on read-only media,
    which nobody else changes while they are read)."""
    text = Path(path).absolute().as_uri() + f"?mode={mode}"
    if immutable:
        text += "&immutable=1"
    return text


def connect(
    path: str | os.PathLike[str],
    *,
    mode: Mode = "rwc",
    immutable: bool = False,
    timeout: float = 10.0,
    **kwargs: Any,
) -> sqlite3.Connection:
    """``sqlite3.connect`` on the file ``path`` through its escaped URI."""
    return sqlite3.connect(
        uri(path, mode=mode, immutable=immutable), uri=True, timeout=timeout, **kwargs
    )


def path_of(url: Any) -> Path | None:
    """The file of an SQLite engine or URL (``engine.url``), or None for a memory database or
    another kind of database."""
    url = getattr(url, "url", url)
    if isinstance(url, str):
        from sqlalchemy.engine import make_url

        url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)
