"""The kiosk's window in this process, for the in-process measurements (taps, memory).

The settings come from the environment the parent set (``KIOSK_DATA_DIR``, ``KIOSK_PRINTER``).
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


class PaintWatch(QObject):
    """Notes the first paint event of one widget after :meth:`arm`."""

    def __init__(self) -> None:
        super().__init__()
        self.target: QWidget | None = None
        self.painted = False

    def arm(self, target: QWidget) -> None:
        if self.target is not None:
            self.target.removeEventFilter(self)
        self.target = target
        self.painted = False
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def settle(app: QApplication, rounds: int = 3) -> None:
    """Let the queue empty as the kiosk's own event loop would, deferred deletions included
    (processEvents alone leaves deleteLater() undone)."""
    for _ in range(rounds):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_painted(app: QApplication, watch: PaintWatch, timeout_s: float = 3.0) -> bool:
    """Process events until the watched widget has been painted (and the queue is empty)."""
    deadline = time.perf_counter() + timeout_s
    while not watch.painted:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        if time.perf_counter() > deadline:
            if watch.target is not None:
                watch.target.repaint()  # force it: the measurement still ends on a paint
            return watch.painted
    return True


def start() -> tuple[QApplication, MainWindow]:
    """QApplication, database, window shown and painted, as ``kiosk --windowed`` does."""
    from kiosk import i18n
    from kiosk.app import create_window, init_database, once_built
    from kiosk.config import Settings

    settings = Settings.load(kiosk_mode=False)
    i18n.setup(settings.locale, settings.timezone)
    context = init_database(settings)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    window = create_window(settings, context)
    window.warmed.connect(once_built)  # as `kiosk.app.run` does
    ready: list[bool] = []
    window.ready.connect(lambda: ready.append(True))
    window.show_for_station()
    # The daily backup (first check two minutes after start) would copy the database in the
    # middle of the measurements; a kiosk does it once a day, so it is left out here.
    window.backups.stop()
    deadline = time.perf_counter() + 30
    while not ready and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    settle(app)
    return app, window


def sign_in_staff(window: MainWindow) -> None:
    """A staff member signed in, for the staff-only pages (as the PIN page would do)."""
    from kiosk.data.models import StaffRole
    from kiosk.services.staff import StaffInfo

    people = [p for p in window.staff_service.list() if p.role is StaffRole.STAFF]
    window.staff_user = people[0] if people else StaffInfo(0, "Bench", StaffRole.STAFF)
