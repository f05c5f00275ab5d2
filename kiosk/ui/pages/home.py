"""The member station's home: the member's four areas as big pictures, and help, sign-in and
listen below them (six choices). Staff reach their pages from here by a small key in the
corner that asks for the PIN; the childcare room and the desk have stations of their own."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY, HELP_COLOUR, MEMBER_COLOUR
from kiosk.i18n import _
from kiosk.ui.pages.base import Choice, Page, Shell, choice_tiles
from kiosk.ui.widgets import MIN_GAP_PX, BigTile

LISTEN_COLOUR = "#37474f"
STAFF_KEY_COLOUR = "#cfd8dc"  # pale: it is not one of her choices
# What a member comes to do; Guardería and Personal are other people's pages.
MEMBER_AREAS = ("jobs", "trade", "programs", "trainings")
# An area whose first page is a question before its own page: Empleo asks what matters most.
FIRST_PAGES = {"jobs": "jobs_matters"}


class HomePage(Page):
    page_name = "home"
    icon_name = "misc.centre"

    help_requested = Signal()
    sign_in_requested = Signal()
    sign_out_requested = Signal()
    staff_requested = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        layout.addLayout(self._build_areas(), 3)
        layout.addLayout(self._build_bottom_row(), 1)

    def _tile(
        self, name: str, icon: str, words: str, phrase: str, colour: str, *, speaks: bool = True
    ) -> BigTile:
        speaker = self.shell.speaker if speaks else None
        tile = BigTile(icon, words, phrase, speaker=speaker, colour=colour, parent=self)
        tile.setObjectName(name)
        return tile

    def _build_areas(self) -> QGridLayout:
        """The member areas, two to a row, each opening its first page."""
        shell = self.shell
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        self.area_tiles: dict[str, BigTile] = {}
        for index, area in enumerate(AREA_BY_KEY[key] for key in MEMBER_AREAS):
            tile = self._tile(
                f"tile_{area.key}", area.icon, _(area.words), _(area.phrase), area.colour
            )
            tile.setProperty("kioskChoice", True)
            first_page = FIRST_PAGES.get(area.key, area.key)
            tile.activated.connect(lambda name=first_page: shell.open(name))
            grid.addWidget(tile, index // 2, index % 2)
            self.area_tiles[area.key] = tile
        return grid

    def _build_bottom_row(self) -> QHBoxLayout:
        """Help, signing in, Escuchar, and the staff's small key."""
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 2)
        choices = (
            Choice(
                "tile_help",
                "help",
                _("Ask for help"),
                _("Ask for help: call someone, or see how the kiosk is used"),
                HELP_COLOUR,
                self.help_requested,
            ),
            Choice(
                "tile_member",
                "action.keypad",
                _("Sign in"),
                _("Sign in with your phone number"),
                MEMBER_COLOUR,
                self._member_tapped,
            ),
        )
        tiles = choice_tiles(self.shell, self, choices, self._tile)
        self.help_tile, self.member_tile = tiles
        self.listen_tile = self._tile(
            "tile_listen",
            "nav.speaker",
            _("Listen"),
            _("Listen again"),
            LISTEN_COLOUR,
            speaks=False,
        )
        # The bar's Escuchar, on the one page without the bar: not one of the page's choices.
        self.listen_tile.setProperty("kioskNav", True)
        self.listen_tile.activated.connect(lambda: self.shell.speaker.say(self.help_text()))
        for tile in (self.help_tile, self.member_tile, self.listen_tile):
            row.addWidget(tile)
        # The staff's way in: a small key with no words, so a member is not offered it.
        self.staff_key = self._tile(
            "staff_key", "area.staff", "", _("Staff"), STAFF_KEY_COLOUR, speaks=False
        )
        self.staff_key.setProperty("kioskChoice", False)
        self.staff_key.setAccessibleName(_("Staff"))
        self.staff_key.setFixedWidth(120)
        self.staff_key.activated.connect(self.staff_requested)
        row.addWidget(self.staff_key)
        return row

    def title(self) -> str:
        member = self.shell.visit.member
        if member is not None:
            return _("Welcome, {name}").format(name=member.first_name)
        return _("Welcome")

    def purpose(self) -> str:
        return _("Touch a picture to choose.")

    def help_text(self) -> str:
        return _(
            "Touch a picture: jobs, trade, programs or courses. "
            "The yellow button calls someone from the centre."
        )

    def entered(self) -> None:
        member = self.shell.visit.member
        if member is None:
            self.member_tile.set_words(_("Sign in"), _("Sign in with your phone number"))
        else:
            self.member_tile.set_words(_("Sign out"), _("Sign out: your details stay private"))

    def _member_tapped(self) -> None:
        if self.shell.visit.member is None:
            self.sign_in_requested.emit()
        else:
            self.sign_out_requested.emit()
