"""The daily backup while the kiosk runs: checked a while after start (so the first picture is
not delayed), then every hour; when the newest backup is a day old, a new one is written in a
worker thread, so a member's taps never wait for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services.backups import BackupError, BackupService

log = area_logger("backups")

FIRST_CHECK_MS = 2 * 60 * 1000
CHECK_EVERY_MS = 60 * 60 * 1000


class DailyBackup(QObject):
    """``done(path)`` or ``failed(sentence)`` after each backup, on the UI thread."""

    done = Signal(str)
    failed = Signal(str)
    _finished = Signal(str, str)  # path, error sentence (one of them empty)

    def __init__(self, service: BackupService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._finished.connect(self._on_finished)

    @property
    def running(self) -> bool:
        return self._running

    def start(self, first_check_ms: int = FIRST_CHECK_MS) -> None:
        self._timer.start(first_check_ms)

    def stop(self, wait_ms: int = 30_000) -> None:
        self._timer.stop()
        self._pool.waitForDone(wait_ms)

    def run_now(self) -> bool:
        """Back up now (staff asked); False when a backup is already being written."""
        return self._launch(force=True)

    def _tick(self) -> None:
        self._timer.start(CHECK_EVERY_MS)
        if self.service.due():
            self._launch(force=False)

    def _launch(self, *, force: bool) -> bool:
        if self._running:
            return False
        self._running = True
        self._pool.start(lambda: self._work(force))
        return True

    def _work(self, force: bool) -> None:
        try:
            written = self.service.run(force=force)
        except BackupError as exc:
            self._finished.emit("", str(exc))
            return
        except Exception:  # never let a worker thread die silently
            log.exception("backup failed")
            self._finished.emit("", _("The backup could not be written; see the kiosk's log."))
            return
        self._finished.emit(str(written) if written else "", "")

    def _on_finished(self, path: str, error: str) -> None:
        self._running = False
        if error:
            log.warning("backup failed")
            self.failed.emit(error)
        elif path:
            self.done.emit(str(Path(path)))
