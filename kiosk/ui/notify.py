"""The desk's live channel on screen: help calls, childcare alerts and approval counts reach
every open staff desk within 2 s, with a banner, a chime and a voice.

* :class:`DeskChannel` turns the database's news (kiosk.services.notify) into Qt signals on the
  window's thread: on PostgreSQL a listener thread whose notices are queued to the window; on
  SQLite a timer that reads a few version rows twice a second.
* :class:`HelpBanner` is the strip over the title band (the navigation bar stays free): who
  calls and since when, with a **Voy** tile; or who is already going; or that the centre's
  computer cannot be reached.
* :class:`LiveDesk` ties them to the window: it listens while a staff member is signed in (the
  desk is open) or while this kiosk's own call waits for an answer, and only then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.i18n import _, format_time
from kiosk.logs import area_logger
from kiosk.resources import CHIME_PATH
from kiosk.services import SessionFactory, is_connection_lost, notify
from kiosk.services.help import HelpCall, HelpService, HelpTaken
from kiosk.ui import icons
from kiosk.ui.timers import timer
from kiosk.ui.widgets import MIN_GAP_PX, MIN_TARGET_PX, BigTile, Speaks
from kiosk.ui.widgets.looks import restyle

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

log = area_logger("notify")

POLL_MS = 500  # SQLite: how often an open desk reads the version rows
CHIME_MS = 1000  # the chime's length: the voice starts after it
TAKEN_MS = 4000  # "Ya va Ana" stays this long, then the banner goes
BANNER_PX = MIN_TARGET_PX + 3 * MIN_GAP_PX + 16  # Voy, and the first line of the page under it
PICTURE_PX = 88
CALL_COLOUR = "#ffb300"  # amber: seen from across the room, black words on it
TAKEN_COLOUR = "#c8e6c9"
OFFLINE_COLOUR = "#ffcdd2"
VOY_COLOUR = "#2e7d32"
FRAME_COLOUR = "#263238"
HELP_ICON = "help"  # a woman raising her hand
GO_ICON = "flag.near"  # a woman walking: "Voy", "Ya va Ana", "Ya viene alguien"
OFFLINE_ICON = "action.warning"
NO_VOICE_ICON = "nav.mute"  # a station that lost its voice called by itself


class DeskChannel(QObject):
    """The database's desk news as signals on the thread that made this object.

    :attr:`changed` carries a topic (``help``, ``childcare``, ``trade``); :attr:`online_changed`
    says when the database stops or starts answering; after ``True`` everything should be read
    again (news sent meanwhile is not kept)."""

    changed = Signal(str)
    online_changed = Signal(bool)

    # From the listener thread; queued to this object's thread.
    _heard = Signal(str)
    _connected = Signal(bool)

    def __init__(
        self, factory: SessionFactory, parent: QObject | None = None, *, poll_ms: int = POLL_MS
    ) -> None:
        super().__init__(parent)
        self.online = True
        self._listener: notify.Listener | None = None
        self._poll: notify.VersionPoll | None = None
        self._timer: QTimer | None = None
        if notify.listens(factory):
            self._listener = notify.Listener(factory, self._heard.emit, self._connected.emit)
            self._heard.connect(self._on_heard, Qt.ConnectionType.QueuedConnection)
            self._connected.connect(self._reached, Qt.ConnectionType.QueuedConnection)
            # The thread ends with this object, or with the process at the latest (daemon).
            self.destroyed.connect(self._listener.stop)
        else:
            self._poll = notify.VersionPoll(factory)
            self._timer = timer(self, self.poll, poll_ms, once=False)

    @property
    def running(self) -> bool:
        if self._listener is not None:
            return self._listener.running
        return self._timer is not None and self._timer.isActive()

    def start(self) -> None:
        if self.running:
            return
        if self._listener is not None:
            self._listener.start()
        elif self._timer is not None:
            self._timer.start()

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        elif self._timer is not None:
            self._timer.stop()

    @Slot()
    def poll(self) -> None:
        """SQLite: one look at the version rows; every moved topic becomes :attr:`changed`."""
        assert self._poll is not None
        try:
            moved = self._poll.changed()
        except Exception as error:
            if not is_connection_lost(error):
                raise
            self._set_online(False)
            return
        self._set_online(True)
        for topic in sorted(moved):
            self.changed.emit(topic)

    @Slot(str)
    def _on_heard(self, topic: str) -> None:
        if self.running:
            self.changed.emit(topic)

    @Slot(bool)
    def _reached(self, online: bool) -> None:
        # The listener is told on every (re)connection: news sent before its LISTEN began is
        # read again then, so even a first connection says "online".
        self.online = online
        if self.running:
            self.online_changed.emit(online)

    @Slot(bool)
    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)


class Chime(QObject):
    """The desk's two-note chime (resources/sounds/chime.wav). :attr:`rang` fires for every
    chime asked, even silent ones. It sounds only where the kiosk speaks (the voice setting
    on, not muted); a PC without a sound card stays silent and keeps working."""

    rang = Signal()

    def __init__(self, settings: Settings, speaker: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._enabled = settings.speech_enabled
        self._volume = settings.speech_volume
        self._speaker = speaker
        self._effect: Any = None
        self._failed = False

    @property
    def audible(self) -> bool:
        return self._enabled and not self._failed and not getattr(self._speaker, "muted", False)

    def ring(self) -> None:
        self.rang.emit()
        if not self.audible:
            return
        effect = self._sound()
        if effect is not None:
            effect.play()

    def _sound(self) -> Any:
        if self._effect is None and not self._failed:
            try:  # Qt Multimedia loads here, the first time a desk chimes
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError as error:
                self._failed = True
                log.warning("chime is silent: %s", error)
                return None
            self._effect = QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(CHIME_PATH)))
            self._effect.setVolume(max(0.0, min(1.0, self._volume)))
        return self._effect


class HelpBanner(QFrame):
    """The strip over the title band: a picture, one or two lines, and **Voy** when a call
    waits. Covers the title band and the top of the page, never the navigation bar."""

    go = Signal(int)  # Voy, for the call with this id

    def __init__(self, parent: QWidget, anchor: QWidget, speaker: Speaks) -> None:
        super().__init__(parent)
        self.setObjectName("help_banner")
        self._anchor = anchor
        self.call: HelpCall | None = None
        self.state = "hidden"  # "call", "taken", "offline"
        row = QHBoxLayout(self)
        row.setContentsMargins(MIN_GAP_PX, 4, MIN_GAP_PX, 4)
        row.setSpacing(MIN_GAP_PX * 2)
        self.picture = QLabel(self)
        self.picture.setObjectName("help_banner_picture")
        self.picture.setFixedSize(PICTURE_PX, PICTURE_PX)
        row.addWidget(self.picture)
        lines = QVBoxLayout()
        lines.setSpacing(0)
        self.headline = self._label("help_banner_text", 32, bold=True)
        self.detail = self._label("help_banner_time", 28, bold=False)
        lines.addStretch(1)
        lines.addWidget(self.headline)
        lines.addWidget(self.detail)
        lines.addStretch(1)
        row.addLayout(lines, 1)
        self.voy = BigTile(
            GO_ICON, _("I'm going"), _("I'm going"), speaker=speaker, colour=VOY_COLOUR, parent=self
        )
        self.voy.setObjectName("help_voy")
        self.voy.setFixedSize(MIN_TARGET_PX * 2 + 24, MIN_TARGET_PX + 8)
        self.voy.set_font_px(28)
        self.voy.activated.connect(self._go)
        row.addWidget(self.voy)
        self.hide()
        parent.installEventFilter(self)
        anchor.installEventFilter(self)

    def _label(self, name: str, px: int, *, bold: bool) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        font = QFont(label.font())
        font.setPixelSize(px)
        font.setBold(bold)
        label.setFont(font)
        return label

    def text(self) -> str:
        """Everything the banner says in words."""
        return f"{self.headline.text()} {self.detail.text()}".strip()

    def show_call(self, call: HelpCall, waiting: int) -> None:
        self.call = call
        self.state = "call"
        more = _("{count} more waiting").format(count=waiting - 1) if waiting > 1 else ""
        self._fill(
            CALL_COLOUR,
            NO_VOICE_ICON if call.no_voice else HELP_ICON,
            call_sentence(call),
            " · ".join(part for part in (format_time(call.created_at), more) if part),
        )
        self.voy.show()

    def show_taken(self, sentence: str, station: str = "") -> None:
        self.call = None
        self.state = "taken"
        where = _("Station {station}").format(station=station) if station else ""
        self._fill(TAKEN_COLOUR, GO_ICON, sentence, where)
        self.voy.hide()

    def show_offline(self) -> None:
        self.call = None
        self.state = "offline"
        self._fill(
            OFFLINE_COLOUR,
            OFFLINE_ICON,
            offline_sentence(),
            _("The kiosk connects again by itself as soon as it is back."),
        )
        self.voy.hide()

    def clear(self) -> None:
        self.call = None
        self.state = "hidden"
        self.hide()

    def _fill(self, colour: str, icon: str, headline: str, detail: str) -> None:
        # A dark frame, like the navigation bar's, so it reads as lying on top of the page.
        restyle(
            self,
            f"#help_banner {{ background: {colour}; border: 4px solid {FRAME_COLOUR};"
            " border-radius: 12px; }"
            " #help_banner QLabel { color: #000000; background: transparent; border: none; }",
        )
        self.picture.setPixmap(icons.pixmap(icon, PICTURE_PX))
        self.picture.setAccessibleName(icon)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self._place()
        self.raise_()
        self.show()

    def _go(self) -> None:
        if self.call is not None:
            self.go.emit(self.call.id)

    def _place(self) -> None:
        top = self._anchor.geometry()
        self.setGeometry(QRect(top.left(), top.top(), top.width(), max(BANNER_PX, top.height())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)


def call_sentence(call: HelpCall) -> str:
    if call.no_voice:
        return _("Station {station} has no voice. Check its sound.").format(
            station=call.station_name
        )
    return _("Help is asked for at station {station}.").format(station=call.station_name)


def offline_sentence() -> str:
    return _("No connection with the centre's computer.")


class LiveDesk(QObject):
    """The window's end of the channel: the banner, chime and voice at an open desk, the
    desk's counts kept fresh, and "Ya viene alguien" at the kiosk that called."""

    def __init__(
        self,
        window: MainWindow,
        factory: SessionFactory,
        *,
        channel: DeskChannel | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.help: HelpService = window.help_calls
        self.channel = channel or DeskChannel(factory, self)
        self.chime = Chime(window.settings, window.speaker, self)
        root = window.centralWidget()
        assert root is not None  # the window builds its root before it attaches the areas
        self.banner = HelpBanner(root, window.header, window.speaker)
        self.banner.go.connect(self.answer)
        self.desk_open = False
        self._announced: set[int] = set()  # calls this desk already rang for
        self._mine: HelpCall | None = None  # this kiosk's own call, waiting for Voy
        self._alerts = 0
        self._alerts_known = False  # the alert count was read since the desk opened
        self._said_offline = False
        self._taken_timer = timer(self, self._after_taken, TAKEN_MS)
        self.channel.changed.connect(self._on_news)
        self.channel.online_changed.connect(self._on_online)
        window.installEventFilter(self)

    # --- when to listen -------------------------------------------------------------------

    def sync(self, *_args: object) -> None:
        """Open or close the desk to match who is signed in; listen only while needed."""
        person = self.window.staff_user
        open_now = person is not None and person.is_staff and self.window.isVisible()
        if open_now and not self.desk_open:
            self.desk_open = True
            self._announced.clear()
            self._alerts_known = False
            self._said_offline = False
            self._safely(self._refresh_all)  # calls made while no desk was open show now
        elif not open_now and self.desk_open:
            self.desk_open = False
            self._taken_timer.stop()
            self.banner.clear()
        if self.window.isVisible() and (self.desk_open or self._mine is not None):
            self.channel.start()
        else:
            self.channel.stop()

    def watch(self, call: HelpCall) -> None:
        """This kiosk called: tell her when someone says Voy."""
        self._mine = call
        self.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A closed (hidden) window has no desk: it stops listening; shown again, it resumes.
        if watched is self.window and event.type() in (QEvent.Type.Hide, QEvent.Type.Show):
            self.sync()
        return super().eventFilter(watched, event)

    # --- news -----------------------------------------------------------------------------

    @Slot(str)
    def _on_news(self, topic: str) -> None:
        if topic == notify.HELP:
            self._safely(self._check_mine)
        if self.desk_open:
            self._safely(lambda: self._refresh(topic))

    @Slot(bool)
    def _on_online(self, online: bool) -> None:
        if not online:
            self._offline()
            return
        log.info("desk channel back")
        self._said_offline = False
        self._safely(self._check_mine)
        if self.desk_open:
            self.banner.clear()
            self._safely(self._refresh_all)

    def _safely(self, read: Any) -> None:
        """Read the database; a lost connection turns the banner into "sin conexión"."""
        try:
            read()
        except Exception as error:
            if not is_connection_lost(error):
                raise
            self._offline()

    def _offline(self) -> None:
        if not self.desk_open:
            return
        self._taken_timer.stop()
        self.banner.show_offline()
        if not self._said_offline:
            self._said_offline = True
            self.window.speaker.say(offline_sentence())

    def _refresh_all(self) -> None:
        self._show_calls()
        self._check_alerts()
        self._refresh_pages()

    def _refresh(self, topic: str) -> None:
        if topic == notify.HELP:
            self._show_calls()
        elif topic == notify.CHILDCARE:
            self._check_alerts()
        self._refresh_pages()

    def _check_alerts(self) -> None:
        count = self.window.childcare.service.alert_count()
        if count > self._alerts and self._alerts_known:
            self.chime.ring()
            self._say_after_chime(_("New childcare alert."))
        self._alerts, self._alerts_known = count, True

    def _refresh_pages(self) -> None:
        """The desk's counts (and the list of calls) as they are now, if they are on screen."""
        page = self.window.current_page()
        if page is self.window.desk:
            self.window.desk.refresh()
        elif page.page_name == "staff_help_calls":
            page.entered()

    def _show_calls(self) -> None:
        calls = self.help.open_calls()
        shown = self.banner.call if self.banner.state == "call" else None
        if shown is not None and all(c.id != shown.id for c in calls):
            # Someone else said Voy for the call on screen: say who, then let it go.
            answered = self.help.get(shown.id)
            if answered is not None and answered.answered_by:
                self._tell_taken(HelpTaken(answered.answered_by), shown.station_name)
        if self.banner.state == "offline":
            self.banner.clear()
        if not calls:
            if self.banner.state == "call":
                self.banner.clear()
            return
        if self.banner.state == "taken" and self._taken_timer.isActive():
            return  # "Ya va Ana" first; the next call shows after it
        first = calls[0]
        self.banner.show_call(first, len(calls))
        new = [c for c in calls if c.id not in self._announced]
        if new:
            self._announced.update(c.id for c in new)
            self.chime.ring()
            self._say_after_chime(call_sentence(new[0]))

    def _say_after_chime(self, text: str) -> None:
        if self.chime.audible:
            QTimer.singleShot(CHIME_MS, self, lambda: self.window.speaker.say(text))
        else:
            self.window.speaker.say(text)

    # --- Voy --------------------------------------------------------------------------------

    @Slot(int)
    def answer(self, call_id: int) -> None:
        """Voy at this desk: the database decides who goes; the others are told who does."""
        person = self.window.staff_user
        try:
            call = self.help.answer(call_id, person.id if person else None)
        except HelpTaken as taken:
            taken_call = self.help.get(call_id)
            self._tell_taken(taken, taken_call.station_name if taken_call else "")
        except Exception as error:
            if not is_connection_lost(error):
                raise
            self._offline()
            return
        else:
            self.banner.clear()
            self.window.speaker.say(
                _("Thank you. Go to station {station}.").format(station=call.station_name)
            )
            self._safely(lambda: self._refresh(notify.HELP))

    def _tell_taken(self, taken: HelpTaken, station: str) -> None:
        self.banner.show_taken(str(taken), station)
        self.window.speaker.say(str(taken))
        self._taken_timer.start()

    def _after_taken(self) -> None:
        if self.banner.state == "taken":
            self.banner.clear()
        if self.desk_open:
            self._safely(lambda: self._refresh(notify.HELP))

    # --- the kiosk that called --------------------------------------------------------------

    def _check_mine(self) -> None:
        mine = self._mine
        if mine is None:
            return
        now = self.help.get(mine.id)
        if now is None or now.answered_at is None:
            return
        self._mine = None
        self.window.show_message(_("Someone is coming to help you."), GO_ICON)
        self.sync()
