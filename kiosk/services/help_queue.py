"""Help calls made while the centre's server cannot be reached: kept in a small file in the data
folder, and sent when the line returns, each once, with the station and the time she called.

A call carries no personal data (the station's name, the page, the time), so a plain JSON file
is enough: written whole to a file of its own and renamed into place, so a power cut leaves
either the old queue or the new one. A queued call is taken off the file only once the server
has it; if the kiosk stops in between, the same call is sent again at the next return and the
help service, which keeps one open call per station, does not count it twice.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.logs import area_logger

log = area_logger("link")

FILE_NAME = "help-queue.json"


@dataclass(frozen=True)
class QueuedCall:
    station_name: str
    page: str
    called_at: datetime


class HelpQueue:
    """The file of calls waiting for the server. Safe to use from the window and the watcher
    thread at once."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME
        self._lock = threading.Lock()

    def add(self, station_name: str, page: str, called_at: datetime | None = None) -> QueuedCall:
        call = QueuedCall(station_name[:80], page[:80], called_at or datetime.now(UTC))
        with self._lock:
            calls = self._read()
            calls.append(call)
            self._write(calls)
        log.info("help call queued until the server answers (%d waiting)", len(calls))
        return call

    def pending(self) -> list[QueuedCall]:
        with self._lock:
            return self._read()

    def send(self, deliver: Callable[[QueuedCall], object]) -> int:
        """Hand every queued call to ``deliver`` (which records it on the server), oldest
        first, each taken off the file as soon as it is delivered; how many were. An error
        stops the sending and is raised; what was not delivered stays queued."""
        sent = 0
        with self._lock:
            calls = self._read()
            while calls:
                deliver(calls[0])
                calls.pop(0)
                self._write(calls)
                sent += 1
        if sent:
            log.info("%d queued help call(s) sent to the server", sent)
        return sent

    def _read(self) -> list[QueuedCall]:
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            log.error("help queue cannot be read (%s): it is set aside", type(exc).__name__)
            self.path.replace(self.path.with_suffix(".unreadable"))
            return []
        calls = []
        for entry in entries if isinstance(entries, list) else []:
            try:
                calls.append(
                    QueuedCall(
                        str(entry["station_name"]),
                        str(entry["page"]),
                        datetime.fromisoformat(entry["called_at"]).astimezone(UTC),
                    )
                )
            except (KeyError, TypeError, ValueError):
                log.error("a queued help call cannot be read: it is left out")
        return calls

    def _write(self, calls: list[QueuedCall]) -> None:
        if not calls:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            [
                {
                    "station_name": c.station_name,
                    "page": c.page,
                    "called_at": c.called_at.isoformat(),
                }
                for c in calls
            ]
        )
        handle, name = tempfile.mkstemp(prefix=FILE_NAME + ".", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(name, self.path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
