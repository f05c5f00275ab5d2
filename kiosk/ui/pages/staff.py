"""The staff desk: choose your picture, type your PIN, then the desk's pending work as tiles
with counts. Volunteers reach only the childcare pages."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import _, format_time
from kiosk.services.help import HelpCall, HelpService
from kiosk.services.staff import StaffError, StaffInfo, StaffService
from kiosk.services.vouchers import VoucherService
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label, picture_label, tile_grid
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad, Pager
from kiosk.ui.widgets.pager import page_slice

STAFF = AREA_BY_KEY["staff"]
PER_PAGE = 6


class TilePage(Page):
    """A page of up to six tiles over a pager, filled from a list."""

    icon_name = STAFF.icon
    colour = STAFF.colour

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.empty = body_label("", self, px=TITLE_PX)
        layout.addWidget(self.empty)
        self.tiles: list[BigTile] = []
        for index in range(PER_PAGE):
            tile = BigTile(
                self.tile_icon, "", "", speaker=shell.speaker, colour=STAFF.colour, parent=self
            )
            tile.setObjectName(f"{self.page_name}_{index}")
            tile.setProperty("kioskChoice", True)
            tile.activated.connect(lambda i=index: self._tapped(i))
            self.tiles.append(tile)
        layout.addLayout(tile_grid(self.tiles), 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)
        self._items: list[object] = []

    tile_icon = STAFF.icon

    def items(self) -> list[object]:
        raise NotImplementedError

    def words(self, item: object) -> str:
        raise NotImplementedError

    def chosen(self, item: object) -> None:
        raise NotImplementedError

    def entered(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self._items = self.items()
        self.pager.set_count(len(self._items), PER_PAGE)
        self._fill()

    def _fill(self) -> None:
        shown = page_slice(self._items, self.pager.page, PER_PAGE)
        self.empty.setVisible(not self._items)
        for index, tile in enumerate(self.tiles):
            tile.setVisible(index < len(shown))
            if index < len(shown):
                words = self.words(shown[index])
                tile.set_words(words, words)

    def _tapped(self, index: int) -> None:
        shown = page_slice(self._items, self.pager.page, PER_PAGE)
        if index < len(shown):
            self.chosen(shown[index])


class StaffChooserPage(TilePage):
    """Who are you? The staff's names as tiles (a PIN follows)."""

    page_name = "staff"
    tile_icon = "area.staff"

    chose = Signal(object)

    def __init__(self, shell: Shell, staff: StaffService, parent: QWidget | None = None) -> None:
        self.staff = staff
        super().__init__(shell, parent)
        self.empty.setText(
            _("No staff yet: add the first person with the command kiosk staff add.")
        )

    def title(self) -> str:
        return _("Staff")

    def purpose(self) -> str:
        return _("Touch your name, then type your PIN.")

    def items(self) -> list[object]:
        return list(self.staff.list())

    def words(self, item: object) -> str:
        assert isinstance(item, StaffInfo)
        return item.name

    def chosen(self, item: object) -> None:
        self.chose.emit(item)


class StaffPinPage(Page):
    page_name = "staff_pin"
    icon_name = "action.privacy"
    colour = STAFF.colour

    signed_in = Signal(object)

    def __init__(self, shell: Shell, staff: StaffService, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.staff = staff
        self.person: StaffInfo | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
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
        self.keypad.submitted.connect(self._submitted)
        layout.addWidget(self.keypad, 3)

    def title(self) -> str:
        return _("Your PIN")

    def purpose(self) -> str:
        return _("Type your PIN and touch the green button.")

    def choose(self, person: StaffInfo) -> None:
        self.person = person
        self.name_label.setText(person.name)
        self.keypad.clear()

    def entered(self) -> None:
        self.keypad.setFocus()

    def reset(self) -> None:
        self.person = None
        self.name_label.clear()
        self.keypad.clear()

    def _submitted(self, pin: str) -> None:
        self.keypad.clear()
        if self.person is None:
            return
        try:
            person = self.staff.sign_in(self.person.id, pin)
        except StaffError as exc:
            self.shell.show_message(str(exc), "action.privacy")
            return
        self.signed_in.emit(person)


class StaffDeskPage(Page):
    """Pending work at a glance: each a tile with its count."""

    page_name = "staff_desk"
    icon_name = STAFF.icon
    colour = STAFF.colour

    sign_out = Signal()
    leave_kiosk = Signal()

    def __init__(
        self,
        shell: Shell,
        help_calls: HelpService,
        vouchers: VoucherService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, parent)
        self.help_calls = help_calls
        self.vouchers = vouchers
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(MIN_GAP_PX * 2)

        def tile(name: str, icon: str, row: int, column: int) -> BigTile:
            button = BigTile(icon, "", "", speaker=shell.speaker, colour=STAFF.colour, parent=self)
            button.setObjectName(name)
            button.setProperty("kioskChoice", True)
            grid.addWidget(button, row, column)
            return button

        self.help_tile = tile("desk_help", "help", 0, 0)
        self.print_tile = tile("desk_print", "action.print", 0, 1)
        self.check_tile = tile("desk_check", "misc.waitlist", 0, 2)
        self.leave_tile = tile("desk_leave", "action.exit", 1, 0)
        self.sign_out_tile = tile("desk_sign_out", "nav.back", 1, 1)
        self.jobs_tile = tile("desk_jobs", "area.jobs", 1, 2)
        self.jobs_tile.activated.connect(lambda: shell.open("staff_jobs"))
        self.help_tile.activated.connect(lambda: shell.open("staff_help_calls"))
        self.print_tile.activated.connect(lambda: shell.open("staff_print_queue"))
        self.check_tile.activated.connect(lambda: shell.open("staff_voucher_check"))
        for index in range(3):
            grid.setColumnStretch(index, 1)
        for index in range(2):
            grid.setRowStretch(index, 1)
        self.leave_tile.activated.connect(self.leave_kiosk)
        self.sign_out_tile.activated.connect(self.sign_out)

    def title(self) -> str:
        return _("Staff desk")

    def purpose(self) -> str:
        return _("Pending work: touch a tile to see it.")

    def entered(self) -> None:
        calls = len(self.help_calls.open_calls())
        slips = len(self.vouchers.waiting())
        self.help_tile.set_words(
            _("Help calls: {count}").format(count=calls),
            _("Help calls: {count}").format(count=calls),
        )
        self.print_tile.set_words(
            _("To print: {count}").format(count=slips), _("To print: {count}").format(count=slips)
        )
        self.check_tile.set_words(_("Check a slip"), _("Check a slip"))
        self.leave_tile.set_words(_("Leave the kiosk"), _("Leave the kiosk"))
        self.sign_out_tile.set_words(_("Sign out"), _("Sign out"))
        self.jobs_tile.set_words(_("Jobs"), _("Job postings"))


class HelpCallsPage(TilePage):
    page_name = "staff_help_calls"
    tile_icon = "help"

    def __init__(
        self, shell: Shell, help_calls: HelpService, parent: QWidget | None = None
    ) -> None:
        self.help_calls = help_calls
        super().__init__(shell, parent)
        self.empty.setText(_("Nobody is asking for help."))

    def title(self) -> str:
        return _("Help calls")

    def purpose(self) -> str:
        return _("Go to the computer shown. Touch the call when you have helped.")

    def items(self) -> list[object]:
        return list(self.help_calls.open_calls())

    def words(self, item: object) -> str:
        assert isinstance(item, HelpCall)
        return f"{item.station_name}\n{format_time(item.created_at)}"

    def chosen(self, item: object) -> None:
        assert isinstance(item, HelpCall)
        self.help_calls.resolve(item.id)
        self.refresh()
