"""Start-up, in this order: logging -> settings -> i18n -> database (migrate) -> window.

Nothing happens at import time; each step is a function a test can call on its own.
"""

from __future__ import annotations

import gc
import linecache
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NoReturn

from kiosk import i18n
from kiosk.config import Settings
from kiosk.logs import area_logger, setup_logging

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from kiosk.services.link import Link
    from kiosk.ui.main_window import MainWindow

log = area_logger("app")


@dataclass(frozen=True)
class Context:
    """What the window needs from start-up: the settings and the one session factory (and,
    on a PostgreSQL server, the watcher of the line to it)."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    link: Link | None = None


def init_database(settings: Settings) -> Context:
    from kiosk.data import backup, db

    engine = db.make_engine(settings.effective_database_url)
    # What a backup killed midway left behind holds members' data: it goes at every start.
    backup.remove_partials(backup.default_folder(settings))
    backup.remove_partials(Path(settings.data_dir))  # an interrupted restore's copy
    try:
        db.migrate(engine)
    except db.DatabaseUnavailable:
        # A server far away that does not answer: the station reads its copy, if it has one.
        link = server_link(settings, engine, online=False)
        if link is None:
            engine.dispose()
            raise
        return Context(settings, engine, link.factory, link)
    except db.DatabaseUnreadable as exc:
        engine.dispose()
        raise backup.way_back(settings, exc) from exc
    try:
        db.check_centre(engine, settings.centre_id)
    except db.UnknownCentre:
        engine.dispose()
        raise
    link = server_link(settings, engine, online=True)
    if link is not None:
        return Context(settings, engine, link.factory, link)
    return Context(settings, engine, db.make_session_factory(engine, settings.centre_id))


def server_link(settings: Settings, engine: Engine, *, online: bool) -> Link | None:
    """On a PostgreSQL server, the station's link to it: a read copy of what members browse and
    a watcher that switches between them (kiosk.services.link). None on the station's own
    SQLite file, or when the server did not answer and there is no copy to read."""
    from kiosk.data import db, read_copy

    if not read_copy.wanted(engine):
        return None
    from kiosk.services.container import build_services
    from kiosk.services.link import Link

    def for_this_centre(bind: Engine) -> sessionmaker[Session]:
        return db.make_session_factory(bind, settings.centre_id)

    live = for_this_centre(engine)
    link = Link(
        engine,
        live,
        settings.data_dir,
        make_factory=for_this_centre,
        online=online,
        courses=build_services(settings, live).trainings.course_numbers,
        check_s=settings.server_check_seconds,
        refresh_s=settings.read_copy_minutes * 60,
    )
    if online:
        return link
    if link.taken_at is None:
        link.close()
        return None
    log.warning("the server does not answer: starting from the read copy")
    return link


BACKGROUND = "#efefef"
TEXT = "#000000"


def apply_theme() -> None:
    """The shared look on the running QApplication: the font (every Spanish letter at 24 px)
    and a palette of black text on light grey. The few style-sheet rules (theme.qss) go on the
    widgets that use them, not on the whole application."""
    from PySide6.QtGui import QColor, QFont, QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    font = QFont(["DejaVu Sans", "Noto Sans", "Sans Serif"])
    font.setPixelSize(24)
    app.setFont(font)
    palette = app.palette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        palette.setColor(role, QColor(BACKGROUND))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(role, QColor(TEXT))
    app.setPalette(palette)


def create_window(settings: Settings, context: Context | None = None) -> MainWindow:
    """The kiosk's one window (a QApplication must already exist)."""
    from kiosk.ui.assembly import attach_areas
    from kiosk.ui.main_window import MainWindow

    i18n.setup(settings.locale, settings.timezone)
    apply_theme()
    context = context or init_database(settings)
    window = MainWindow(settings, context.session_factory, attach_areas)
    if context.link is not None:
        window.follow_link(context.link)
    return window


def install_excepthook(window: MainWindow) -> None:
    """An unexpected error logs, shows a calm "algo salió mal" and goes home; no crash."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        try:
            window.handle_exception(kind, error, tb)
        except Exception:  # the window itself is broken: leave it to the default hook
            previous(kind, error, tb)

    sys.excepthook = hook


def _application() -> QApplication:
    """The QApplication, its name and the kiosk's look. Qt's own notices go to the kiosk's
    log, not to the terminal, where a failed start must end in one sentence."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qt_log = area_logger("qt")
    qInstallMessageHandler(lambda _kind, _context, message: qt_log.info("%s", message))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Quiosco CENESO")
    apply_theme()
    return app


def run(settings: Settings, *, exit_when_ready: bool = False) -> NoReturn:
    """Run the kiosk until staff close it, then end the process with its exit code.

    The start page is painted first, before the database library is even loaded, and every
    area is attached right after (:meth:`MainWindow.attach`); a tap made in between waits in
    Qt's queue. A station that starts on another page attaches before it shows."""
    setup_logging(settings.data_dir)
    i18n.setup(settings.locale, settings.timezone)
    from kiosk.running import KioskRunning

    # While the kiosk runs, `kiosk restore` refuses to replace its database.
    running = KioskRunning(settings.data_dir)
    running.hold_shared()

    from PySide6.QtCore import QTimer

    from kiosk.ui.main_window import MainWindow

    app = _application()
    window = MainWindow(settings)
    contexts: list[Context] = []
    failed: list[BaseException] = []

    def attach() -> None:
        try:
            contexts.append(init_database(settings))
        except Exception as error:  # said in one sentence by the command line
            failed.append(error)
            window.allow_close()
            window.close()
            app.exit(1)
            return
        # The areas (and the database library) load only now, once home is painted.
        from kiosk.ui.assembly import attach_areas

        window.attach(contexts[0].session_factory, attach_areas)
        if contexts[0].link is not None:
            window.follow_link(contexts[0].link)

    window.warmed.connect(once_built)
    if exit_when_ready:
        window.painted.connect(lambda: print("painted", flush=True))
        window.ready.connect(lambda: (print("ready", flush=True), app.exit(0)))
    install_excepthook(window)
    if settings.station == "member":
        window.painted.connect(lambda: QTimer.singleShot(0, attach))
    else:
        attach()
    if not failed:
        window.show_for_station()
        log.info("kiosk started (station %s)", settings.station)
        code = app.exec()
    running.release()
    for context in contexts:
        if context.link is not None:
            context.link.close(wait_s=1.0)  # a look at the server midway is not awaited
        context.engine.dispose()
    if failed:
        raise failed[0]
    leave(code)


def once_built() -> None:
    """Once every area is built, what start-up made lives as long as the kiosk: Python's
    collector leaves it out of its full passes, which otherwise walk it in the middle of a tap.
    And the source lines of every module loaded (some 12 MiB, which Qt for Python reads to
    see whether a module uses it) are let go: a traceback reads them again if it needs them."""
    linecache.clearcache()
    gc.freeze()


def leave(code: int) -> NoReturn:
    """End the process once the kiosk has closed its database and logs, without waiting for
    the threads still running: a speech daemon that no longer answers (or a slip CUPS has) is
    left behind, not awaited, so the kiosk never hangs on its way out."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
