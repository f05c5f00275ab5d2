"""One backup, as ``kiosk backup`` or the daily backup makes it, in a process of its own so a
test can kill it midway. ``python -m tests.reliability.backup_worker DATABASE FOLDER``

Prints ``ready`` once everything is loaded and the backup is about to start (the test measures
its random delay from there), then ``done <path>`` when the backup is in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.data import backup
from kiosk.data.db import make_engine


def main() -> None:
    database, folder = Path(sys.argv[1]), Path(sys.argv[2])
    engine = make_engine(database)
    with engine.connect():  # the connection is made before the marker, not in the delay
        pass
    print("ready", flush=True)
    written = backup.backup(engine, folder)
    print("done", written, flush=True)
    engine.dispose()


if __name__ == "__main__":
    main()
