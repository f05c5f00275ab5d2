"""A kiosk that cannot speak says so: a "sin voz" picture on the title band, and a call to
the staff desks, instead of a silence nobody notices.

For a woman who cannot read, a silent kiosk is a kiosk that does not work. The Speaker knows
when its engine is missing, has no Spanish voice, fails or hangs (:attr:`Speaker.voiceless`).
:class:`NoVoicePicture` shows it on every page (the start page has no navigation bar, so it
sits on the title band); :class:`VoiceAlarm` asks staff to come and look (a help call whose
page is ``NO_VOICE``), and takes the call back if the voice returns before anyone went.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.ui import icons
from kiosk.ui.speech import Speaker
from kiosk.ui.timers import timer

if TYPE_CHECKING:
    # The bar's picture is built with the first page, before the database library is loaded;
    # the services come with the alarm, once the areas are attached.
    from kiosk.services.help import HelpCall, HelpService

log = area_logger("speech")

# The muted speaker with a warning sign on its corner: the Silencio button shows the muted
# speaker alone, and this one must not read as "press to silence".
SPEAKER_ICON = "nav.mute"
WARNING_ICON = "action.warning"
WORDS_PX = 28
COLOUR = "#ffb300"  # amber, as a help call on the desk: something needs a person
# A voice that fails and comes back at once (one engine error) does not call staff.
ALARM_DELAY_MS = 3000


def no_voice_pixmap(size: int) -> QPixmap:
    """The muted speaker on a white square (as on the tiles), with the warning sign over its
    lower right corner: yellow on white, where on amber it would vanish."""
    return icons.marked_pixmap(SPEAKER_ICON, WARNING_ICON, size)


class NoVoicePicture(QFrame):
    """The "sin voz" sign at the end of the title band: shown only while speech is on and
    cannot work. A sign, not a button: there is nothing for her to do about it."""

    def __init__(self, speaker: Speaker, picture_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("no_voice")
        # Amber with black words whatever the page's colour behind it.
        self.setStyleSheet(
            f"#no_voice {{ background: {COLOUR}; border: 3px solid #000000;"
            " border-radius: 12px; }"
            " #no_voice QLabel { color: #000000; background: transparent; border: none; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 12, 0)
        row.setSpacing(4)
        self.picture = QLabel(self)
        self.picture.setObjectName("no_voice_picture")
        self.picture.setPixmap(no_voice_pixmap(picture_px))
        self.words = QLabel(_("No voice"), self)
        self.words.setObjectName("no_voice_words")
        font = QFont(self.words.font())
        font.setPixelSize(WORDS_PX)
        font.setBold(True)
        self.words.setFont(font)
        row.addWidget(self.picture)
        row.addWidget(self.words)
        self.setAccessibleName(_("No voice"))
        self._speaker = speaker
        speaker.problem_changed.connect(self._update)
        self._update()

    @Slot()
    def _update(self, *_args: object) -> None:
        self.setVisible(self._speaker.voiceless)


class VoiceAlarm(QObject):
    """Tells the staff desks when this station has lost its voice, once per silence."""

    def __init__(
        self,
        speaker: Speaker,
        help_calls: HelpService,
        station_name: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or speaker)
        self._speaker = speaker
        self._help = help_calls
        self._station = station_name
        self.call: HelpCall | None = None  # this station's open "sin voz" call
        self._timer = timer(self, self._tell, ALARM_DELAY_MS)
        speaker.problem_changed.connect(self._changed)
        self._changed()

    @Slot()
    def _changed(self, *_args: object) -> None:
        if self._speaker.voiceless:
            if self.call is None and not self._timer.isActive():
                self._timer.start()
            return
        self._timer.stop()
        call, self.call = self.call, None
        if call is not None:
            self._safely(lambda: self._help.resolve(call.id))
            log.info("voice back: the desk call %d is taken back", call.id)

    @Slot()
    def _tell(self) -> None:
        if not self._speaker.voiceless or self.call is not None:
            return

        from kiosk.services.help import NO_VOICE

        def call() -> None:
            self.call = self._help.call(self._station, NO_VOICE)

        self._safely(call)
        if self.call is not None:
            log.warning("no voice: the staff desks were told (call %d)", self.call.id)

    def _safely(self, act: Callable[[], object]) -> None:
        # The desk's database may be away: the picture on the bar still says it.
        from kiosk.services import is_connection_lost

        try:
            act()
        except Exception as error:
            if not is_connection_lost(error):
                raise
            log.warning("no voice: the staff desks cannot be told (%s)", type(error).__name__)
