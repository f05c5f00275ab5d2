"""The staff desk: choose your picture, type your PIN, then the desk's pending work as tiles
with counts. Volunteers reach only the childcare pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, format_time
from kiosk.services.help import HelpCall, HelpService
from kiosk.services.staff import StaffInfo
from kiosk.ui.areas.staff.flow import StaffFlow
from kiosk.ui.pages.base import (
    TITLE_PX,
    Shell,
    body_label,
    choice_tile,
    person_faces,
    picture_label,
)
from kiosk.ui.pages.lists import STAFF, StaffPage
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad
from kiosk.ui.widgets.columns import hbox
from kiosk.ui.widgets.page_kit import compact_pager, two_columns
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.pager import page_slice


class StaffChooserPage(FixedWords, TilePage):
    """Who are you? The staff's names as tiles (a PIN follows)."""

    page_name = "staff"
    tile_icon = "area.staff"
    title_words = N_("Staff")
    purpose_words = N_("Touch your name, then type your PIN.")

    def __init__(self, shell: Shell, flow: StaffFlow, parent: QWidget | None = None) -> None:
        self.flow = flow
        super().__init__(shell, parent)
        self.empty.setText(
            _("No staff yet: add the first person with the command kiosk staff add.")
        )

    def items(self) -> list[object]:
        return list(self.flow.people())

    def words(self, item: object) -> str:
        assert isinstance(item, StaffInfo)
        return item.name

    def icon(self, item: object) -> str:
        return person_faces([p.id for p in self.shown])[self.shown.index(item)]

    def chosen(self, item: object) -> None:
        assert isinstance(item, StaffInfo)
        self.flow.choose(item)


class StaffPinPage(StaffPage):
    page_name = "staff_pin"
    icon_name = "action.privacy"
    title_words = N_("Your PIN")
    purpose_words = N_("Type your PIN and touch the green button.")

    def __init__(self, shell: Shell, flow: StaffFlow, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = hbox(self, MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.addStretch(1)
        left.addWidget(picture_label("action.privacy", 128, self))
        self.name_label = body_label("", self, px=TITLE_PX, bold=True)
        left.addWidget(self.name_label)
        left.addStretch(1)
        layout.addLayout(left, 2)
        self.keypad = NumericKeypad(
            max_length=8, min_length=4, grouping=(), secret=True, speaker=None, parent=self
        )
        self.keypad.submitted.connect(flow.pin)
        layout.addWidget(self.keypad, 3)

    def ask(self, person: StaffInfo) -> None:
        self.name_label.setText(person.name)
        self.keypad.clear()

    def clear(self) -> None:
        self.keypad.clear()

    def entered(self) -> None:
        self.keypad.setFocus()

    def reset(self) -> None:
        self.name_label.clear()
        self.keypad.clear()


@dataclass(frozen=True)
class DeskTile:
    """One tile of the desk: its words (with a count where it has one) are read when the desk
    opens, so every count is fresh."""

    name: str
    icon: str
    words: Callable[[], str]
    tapped: Callable[[], None]


class StaffDeskPage(StaffPage):
    """Pending work at a glance: each a tile with its count, four to a page in the order the
    areas added them (pending work first), so a tile is always in the same place. Leaving the
    kiosk stays in the right-hand column on every page of the desk; signing out is the bar's
    Salir, on every staff page."""

    page_name = "staff_desk"
    icon_name = STAFF.icon
    staff_only = True
    PER_PAGE = 4

    leave_kiosk = Signal()
    title_words = N_("Staff desk")
    purpose_words = N_("Pending work: touch a tile to see it.")

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.entries: list[DeskTile] = []
        self.buttons: dict[str, BigTile] = {}
        left, right = two_columns(self, 3, 1, gap=MIN_GAP_PX * 2)
        self.grid = QGridLayout()
        self.grid.setSpacing(MIN_GAP_PX * 2)
        for index in range(2):
            self.grid.setColumnStretch(index, 1)
            self.grid.setRowStretch(index, 1)
        left.addLayout(self.grid, 1)
        self.pager = compact_pager(shell.speaker, self, self._fill, left)
        self.leave_tile = self._tile("desk_leave", "action.exit")
        right.addWidget(self.leave_tile, 1)
        self.leave_tile.activated.connect(self.leave_kiosk)

    def _tile(self, name: str, icon: str) -> BigTile:
        return choice_tile(self.shell, self, name, icon, colour=STAFF.colour)

    def add_tile(
        self, name: str, icon: str, words: Callable[[], str], tapped: Callable[[], None]
    ) -> BigTile:
        """A desk tile named ``name`` (e.g. ``desk_trade``); ``words`` is called each time the
        desk opens (``"Por aprobar: 3"``), ``tapped`` when she touches it."""
        assert name not in self.buttons, name
        entry = DeskTile(name, icon, words, tapped)
        button = self._tile(name, icon)
        button.activated.connect(tapped)
        button.hide()
        self.entries.append(entry)
        self.buttons[name] = button
        return button

    def page_of(self, name: str) -> int:
        """Which page of the desk shows the tile ``name``."""
        index = [entry.name for entry in self.entries].index(name)
        return index // self.PER_PAGE

    def entered(self) -> None:
        self.pager.set_count(len(self.entries), self.PER_PAGE)
        self.leave_tile.set_words(_("Leave the kiosk"), _("Leave the kiosk"))
        self._fill()

    def reset(self) -> None:
        self.pager.set_page(0)

    def refresh(self) -> None:
        """Read every count again (the desk's live channel calls this on news)."""
        self._fill()

    def _fill(self) -> None:
        shown = list(page_slice([e.name for e in self.entries], self.pager.page, self.PER_PAGE))
        # Only this page's tiles sit in the grid, each in its own cell.
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.hide()
        for index, name in enumerate(shown):
            entry = next(e for e in self.entries if e.name == name)
            button = self.buttons[name]
            words = entry.words()
            button.set_words(words, words)
            self.grid.addWidget(button, index // 2, index % 2)
            button.show()


class HelpCallsPage(FixedWords, TilePage):
    """The calls nobody has answered yet; touching one is **Voy**, as on the banner."""

    page_name = "staff_help_calls"
    staff_only = True
    tile_icon = "help"
    title_words = N_("Help calls")
    purpose_words = N_("Touch a call to say you are going.")

    def __init__(
        self,
        shell: Shell,
        help_calls: HelpService,
        answer: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        self.help_calls = help_calls
        self.answer = answer
        super().__init__(shell, parent)
        self.empty.setText(_("Nobody is asking for help."))

    def items(self) -> list[object]:
        return list(self.help_calls.open_calls())

    def words(self, item: object) -> str:
        assert isinstance(item, HelpCall)
        what = item.station_name
        if item.no_voice:  # the station called by itself: its sound needs a look
            what = " · ".join((what, _("No voice")))
        return f"{what}\n{format_time(item.created_at)}"

    def chosen(self, item: object) -> None:
        assert isinstance(item, HelpCall)
        self.answer(item.id)
        self.refresh()
