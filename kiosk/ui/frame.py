"""The window's frame around every page: the coloured title band at the top (picture, title,
who is signed in, "sin voz", "sin conexión"), the stack of pages and the fixed navigation bar
at the bottom."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QWidget

from kiosk.i18n import _
from kiosk.ui import icons
from kiosk.ui.link_status import OfflinePicture
from kiosk.ui.pages.base import TITLE_PX
from kiosk.ui.speech import Speaker
from kiosk.ui.voice_status import NoVoicePicture
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.lines import TitleLabel
from kiosk.ui.widgets.tile import readable_text_colour

NAV_COLOUR = "#263238"
HEADER_PX = 72
NAV_PX = 122  # a 64 px picture above its word, at every width (six tiles at 1024 px)
PICTURE_PX = 56


class PageStack(QStackedWidget):
    """The window's pages, one on screen at a time, and sized by that one alone.

    Qt's stack asks every page it holds for its sizes, and for its height at the width it is
    offered, whenever the window is laid out: once every area is built, some 170 pages, each
    laying out the words of all its labels, at every page change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        # The stack takes the height the title band and the bar leave, whatever its page's
        # words need (a layout would otherwise ask Qt's stack, and so every page, again).
        return False


class NavTile(BigTile):
    """A tile of the bar: a thinner border, so that its picture keeps 64 px at 1024 × 768."""

    border_px = 4
    padding_px = 2

    def _beside_side(self) -> int | None:
        # Always the word under the picture: the same picture size on every tile of the bar,
        # with or without Salir, at every width.
        return None


class NavBar(QFrame):
    """The same five pictures in the same place on every page."""

    def __init__(self, speaker: Speaker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navbar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(MIN_GAP_PX * 2)

        def tile(name: str, icon: str, words: str, phrase: str) -> BigTile:
            button = NavTile(icon, words, phrase, speaker=speaker, colour=NAV_COLOUR, parent=self)
            button.setObjectName(name)
            button.setProperty("kioskNav", True)
            button.setFixedHeight(NAV_PX)
            button.set_font_px(24)
            row.addWidget(button)
            return button

        self.home = tile("nav_home", "nav.home", _("Home"), _("Go back to the start"))
        self.back = tile("nav_back", "nav.back", _("Back"), _("Go back one page"))
        self.help = tile("nav_help", "nav.help", _("Help"), _("Help"))
        self.listen = tile("nav_listen", "nav.speaker", _("Listen"), _("Listen again"))
        self.mute = tile("nav_mute", "nav.mute", _("Silence"), _("Silence"))
        # Shown only while staff or a volunteer is signed in with her PIN.
        self.sign_out = tile("nav_sign_out", "nav.sign_out", _("Sign out"), _("Sign out"))
        self.sign_out.hide()


class Header(QFrame):
    """The title band: the page's picture and title, then who is signed in (a key and her
    first name for staff and volunteers, the member's first name for a member), "Sin voz",
    only while the kiosk cannot speak, and "Sin conexión", only while the centre's server
    does not answer — in the band, which every page shows, home too."""

    def __init__(self, speaker: Speaker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setFixedHeight(HEADER_PX)
        self.colour = ""  # the page's colour the band is painted in (see paintEvent)
        row = QHBoxLayout(self)
        row.setContentsMargins(MIN_GAP_PX, 4, MIN_GAP_PX, 4)
        row.setSpacing(MIN_GAP_PX * 2)
        self.picture = QLabel(self)
        self.picture.setObjectName("header_picture")
        row.addWidget(self.picture)
        # A long title goes on two smaller lines before anything is cut; it is spoken whole.
        self.title_label = TitleLabel(self, px=TITLE_PX)
        self.title_label.setObjectName("title")
        row.addWidget(self.title_label, 1)
        self.badge_picture = QLabel(self)
        self.badge_picture.setObjectName("staff_badge")
        self.badge_picture.setPixmap(icons.pixmap("area.staff", PICTURE_PX - 8))
        self.badge_picture.hide()
        row.addWidget(self.badge_picture)
        self.member_label = QLabel(self)
        self.member_label.setObjectName("member_badge")
        badge_font = QFont(self.member_label.font())
        badge_font.setPixelSize(28)
        badge_font.setBold(True)
        self.member_label.setFont(badge_font)
        row.addWidget(self.member_label)
        self.no_voice = NoVoicePicture(speaker, PICTURE_PX, self)
        row.addWidget(self.no_voice)
        # Shown only while the centre's server does not answer (kiosk.ui.link_status).
        self.offline = OfflinePicture(PICTURE_PX, self)
        row.addWidget(self.offline)

    def show_page(self, title: str, icon: str, colour: str) -> None:
        """The page's title and picture on the page's colour."""
        self.title_label.setText(title)
        if colour != self.colour:
            # The band paints its own colour, and its words take black or white by palette:
            # a style sheet here would restyle the whole band at every page.
            self.colour = colour
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(readable_text_colour(colour)))
            self.setPalette(palette)
            self.update()
        self.picture.setPixmap(icons.pixmap(icon, PICTURE_PX))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.colour:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colour))
        painter.drawRoundedRect(QRectF(self.rect()), 12, 12)
        painter.end()

    def show_people(self, staff: str | None, member: str | None) -> None:
        """The first names of who is signed in; the key only while staff or a volunteer is."""
        names = [name for name in (staff, member) if name is not None]
        self.badge_picture.setVisible(staff is not None)
        self.member_label.setText(" · ".join(names))
        self.member_label.setAccessibleName(
            _("Signed in: {name}").format(name=" · ".join(names)) if names else ""
        )
