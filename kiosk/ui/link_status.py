"""A kiosk that reads its copy because the centre's server does not answer says so: a small
"sin conexión" picture on the title band (every page shows it, home too), and, when the copy
is more than a day old, how old what she sees is ("información de hace 2 días").

:class:`OfflinePicture` is built with the first page, before the database library loads;
:class:`LinkStatus` comes with the areas and ties it to the watcher of the line
(kiosk.services.link), whose news arrive from its thread.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import _, ngettext
from kiosk.logs import area_logger
from kiosk.ui import icons
from kiosk.ui.timers import timer

if TYPE_CHECKING:
    from kiosk.services.help_queue import QueuedCall
    from kiosk.services.link import Link, LinkState

log = area_logger("link")

# Signal bars, as on a phone with no signal, with a red ✗ over their corner.
BARS_ICON = "nav.offline"
CROSS_ICON = "action.no"
WORDS_PX = 24
COLOUR = "#ffcdd2"  # light red, as the desk's "sin conexión" banner
AGE_CHECK_MS = 10 * 60 * 1000  # the copy's age, looked at again every ten minutes


def offline_pixmap(size: int) -> QPixmap:
    """The signal bars on a white square, with the red ✗ over their lower right corner."""
    return icons.marked_pixmap(BARS_ICON, CROSS_ICON, size)


def age_words(taken_at: datetime | None, now: datetime) -> str:
    """ "información de hace 2 días" for a copy taken a day or more ago; "" otherwise."""
    if taken_at is None:
        return ""
    days = (now - taken_at).days
    if days < 1:
        return ""
    return ngettext(
        "information from {count} day ago", "information from {count} days ago", days
    ).format(count=days)


class OfflinePicture(QFrame):
    """The "sin conexión" sign on the title band: shown only while the kiosk cannot reach the
    centre's server. A sign, not a button: the kiosk goes back by itself."""

    def __init__(self, picture_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offline")
        self.setStyleSheet(
            f"#offline {{ background: {COLOUR}; border: 3px solid #000000;"
            " border-radius: 12px; }"
            " #offline QLabel { color: #000000; background: transparent; border: none; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 12, 0)
        row.setSpacing(4)
        self.picture = QLabel(self)
        self.picture.setObjectName("offline_picture")
        self.picture.setPixmap(offline_pixmap(picture_px))
        row.addWidget(self.picture)
        lines = QVBoxLayout()
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(0)
        self.words = QLabel(_("No connection"), self)
        self.words.setObjectName("offline_words")
        self.age = QLabel("", self)
        self.age.setObjectName("offline_age")
        for label, bold in ((self.words, True), (self.age, False)):
            font = QFont(label.font())
            font.setPixelSize(WORDS_PX)
            font.setBold(bold)
            label.setFont(font)
            lines.addWidget(label)
        row.addLayout(lines)
        self.age.hide()
        self.show_state(online=True, age="")

    def show_state(self, *, online: bool, age: str) -> None:
        self.age.setText(age)
        self.age.setVisible(bool(age))
        words = _("No connection")
        self.setAccessibleName(f"{words}, {age}" if age else words)
        self.setVisible(not online)


class LinkStatus(QObject):
    """The window's end of the watcher: the picture kept true, the state at hand for the
    window's answers, and help calls queued while the server is away."""

    # From the watcher's thread; queued to this object's thread.
    _changed = Signal(object)

    def __init__(self, link: Link, picture: OfflinePicture, parent: QObject) -> None:
        super().__init__(parent)
        self.link = link
        self.picture = picture
        self.state: LinkState = link.state
        self._age_timer = timer(self, self._show, AGE_CHECK_MS, once=False)
        self._changed.connect(self._on_changed, Qt.ConnectionType.QueuedConnection)
        self.destroyed.connect(link.stop)
        self._show()
        self._age_timer.start()

    def start(self) -> None:
        """Watch the line (the watcher's thread stops with this object)."""
        self.link.start(self._from_thread)

    def stop(self) -> None:
        self._age_timer.stop()
        self.link.stop(wait_s=1.0)  # a look at the server midway is not awaited

    def _from_thread(self, state: LinkState) -> None:
        # The window may be gone already; the watcher is then being stopped.
        with contextlib.suppress(RuntimeError):
            self._changed.emit(state)

    @Slot(object)
    def _on_changed(self, state: LinkState) -> None:
        self.state = state
        self._show()

    @property
    def offline(self) -> bool:
        """The kiosk reads its copy now (the watcher's own word, not yet the picture's)."""
        return not self.link.state.online

    def _show(self) -> None:
        state = self.state
        age = "" if state.online else age_words(state.taken_at, datetime.now(UTC))
        self.picture.show_state(online=state.online, age=age)

    def queue_help(self, station_name: str, page: str) -> QueuedCall:
        """Her call, kept until the server answers; the watcher then sends it."""
        call = self.link.queue.add(station_name, page)
        self.link.check_now()
        return call

    def refused_offline(self, error: BaseException) -> bool:
        """``error`` is the read copy refusing what needs the server."""
        from kiosk.services.link import refused_offline

        return refused_offline(error)
