"""The floor: a bare PySide6 window with six buttons that quits once painted.

``python -m bench.floor``        exit 0 after the first paint (cold start)
``python -m bench.floor --rss``  also print the peak RSS in KiB on stdout
``python -m bench.floor --parts`` the same window with the kiosk's named parts loaded first
                                 (SQLAlchemy with the kiosk's tables, reportlab): what any
                                 kiosk built on them pays before its own first page
"""

from __future__ import annotations

import resource
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGridLayout, QPushButton, QWidget


class _Painted(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print("painted", flush=True)  # the same marks `kiosk --exit-when-ready` prints
            print("ready", flush=True)
            QTimer.singleShot(0, lambda: self.app.exit(0))
        return False


def main() -> int:
    if "--parts" in sys.argv:
        import reportlab.platypus  # noqa: F401
        import sqlalchemy.orm  # noqa: F401

        import kiosk.data.models  # noqa: F401
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("floor")
    grid = QGridLayout(window)
    for index in range(6):
        grid.addWidget(QPushButton(f"Botón {index + 1}", window), index // 3, index % 3)
    window.resize(1366, 768)
    watcher = _Painted(app)
    window.installEventFilter(watcher)
    window.show()
    code = app.exec()
    if "--rss" in sys.argv:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return code


if __name__ == "__main__":
    sys.exit(main())
