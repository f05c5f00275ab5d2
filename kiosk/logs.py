"""Logging: one named logger per area (``kiosk.data``, ``kiosk.ui``...), a rotating file in the
data dir. Messages carry ids and counts, never names, phones or PINs."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
ROOT = "kiosk"
# The areas that log, each as ``kiosk.<area>``: the kiosk's areas (jobs, trade...) and its parts
# (data, ui, speech...). A module logs under the area it serves, wherever it lives.
AREAS: tuple[str, ...] = (
    # the running kiosk
    "app",
    "cli",
    "qt",
    "i18n",
    "station",
    "data",
    "backups",
    "settings",
    "ui",
    "speech",
    "printing",
    "camera",
    "notify",
    "link",  # the line to a far server: the read copy, going offline and back
    "vouchers",
    # the centre's areas
    "members",
    "staff",
    "help",
    "centres",
    "jobs",
    "trade",
    "programs",
    "hsds",
    "trainings",
    "childcare",
    "savings",
    "reports",
    "privacy",
)


def area_logger(area: str) -> logging.Logger:
    """The logger of one of :data:`AREAS` (``kiosk.<area>``); an unknown area is a mistake."""
    if area not in AREAS:
        raise ValueError(f"no logging area {area!r}")
    return logging.getLogger(f"{ROOT}.{area}")


class _KioskLogFile(logging.handlers.RotatingFileHandler):
    """The kiosk's own log file, marked so that setting logging up again replaces it."""

    _kiosk = True


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Log to ``data_dir/logs/kiosk.log`` (5 files of 1 MB). Returns the file, or None if the
    folder cannot be written (the kiosk still runs)."""
    root = logging.getLogger(ROOT)
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    log_dir = Path(data_dir) / "logs"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(log_dir, 0o700)
        path = log_dir / "kiosk.log"
        handler = _KioskLogFile(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    return path
