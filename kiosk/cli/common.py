"""What every command shares: exit codes, the one-sentence error, the parser that never
prints a usage screen, and opening the database."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from kiosk.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from kiosk.config import Settings

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


MAX_SCALE = 1_000_000  # rows per table that `kiosk demo --scale` will generate


class CommandError(Exception):
    """Ends the command with one plain sentence and a non-zero exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def one_line(text: str) -> str:
    """``text`` on one line, control characters shown as escapes: the answer stays one
    sentence whatever was typed."""
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return " ".join(shown.split())


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CommandError(
            _("The command was not understood ({detail}); see kiosk --help.").format(
                detail=one_line(message)
            ),
            EXIT_USAGE,
        )


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number").format(value=text)
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("{value} is less than 0").format(value=text))
    if value > MAX_SCALE:
        raise argparse.ArgumentTypeError(
            _("{value} is more than {most}").format(value=text, most=MAX_SCALE)
        )
    return value


def open_database(
    settings: Settings, *, upgrade: bool = True
) -> tuple[Engine, sessionmaker[Session]]:
    from kiosk.data import db

    engine = db.make_engine(settings.effective_database_url)
    if upgrade:
        try:
            db.migrate(engine)
        except db.DatabaseUnreadable as exc:
            from kiosk.data import backup

            engine.dispose()
            raise backup.way_back(settings, exc) from exc
    if upgrade:
        try:
            db.check_centre(engine, settings.centre_id)
        except db.UnknownCentre:
            engine.dispose()
            raise
    return engine, db.make_session_factory(engine, settings.centre_id)


@contextmanager
def database(
    settings: Settings, *, upgrade: bool = True
) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """The database open for one command, closed when it ends, however it ends."""
    engine, factory = open_database(settings, upgrade=upgrade)
    try:
        yield engine, factory
    finally:
        engine.dispose()


@contextmanager
def one_sentence(*errors: type[Exception]) -> Iterator[None]:
    """An area's own error (already one sentence for staff) ends the command with it."""
    try:
        yield
    except errors as exc:
        raise CommandError(str(exc)) from exc
