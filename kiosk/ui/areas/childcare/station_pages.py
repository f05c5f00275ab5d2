"""The childcare station's start (guardería): "who are you?" (names, then a PIN) while nobody
is signed in at this window, the volunteer's six tasks once she is; and the builder of all the
station's pages. Rules live in :mod:`kiosk.services.childcare`, the steps in :mod:`.flow`;
these pages show and ask."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_, _
from kiosk.services.staff import StaffInfo
from kiosk.ui.areas.childcare.flow import ChildcareDesk
from kiosk.ui.areas.childcare.parts import (
    AMBER,
    CHILDCARE,
    GREEN,
    ChildcarePage,
    ChildcareShell,
    PinPage,
    tile,
)
from kiosk.ui.pages.base import (
    person_faces,
    tile_grid,
)
from kiosk.ui.widgets import BigTile
from kiosk.ui.widgets.base import MIN_GAP_PX
from kiosk.ui.widgets.columns import page_column
from kiosk.ui.widgets.page_kit import compact_pager
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.pager import page_slice

PER_PAGE = 6


class ChildcareHomePage(ChildcarePage):
    """Nobody signed in: the names of those who may start a shift. Someone signed in: her six
    tasks, and the room at a glance."""

    desk: ChildcareDesk  # the station's own pages ask the whole desk, not just :class:`Desk`

    page_name = "childcare"
    signed_in_only = False  # the station's start page, open to everyone

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent)
        layout = page_column(self, MIN_GAP_PX)
        self.status = self.line("childcare_status", layout)
        self.menu = QWidget(self)
        menu = {
            # The same figure going in and coming out: a pair at a glance.
            "childcare_in": ("childcare.in", desk.start_check_in),
            "childcare_out": ("childcare.out", lambda: desk.checkout.start()),
            "childcare_room_tile": ("misc.people", lambda: shell.open("childcare_room")),
            "childcare_new_tile": ("action.sign_up", self._register),
            "childcare_reprint_tile": (
                "action.print",
                lambda: shell.open("childcare_reprint"),
            ),
            "childcare_shift": ("childcare.shift", desk.toggle_shift),
        }
        self.menu_tiles: dict[str, BigTile] = {}
        for name, (icon, act) in menu.items():
            button = tile(shell, self.menu, name, icon)
            button.activated.connect(act)
            self.menu_tiles[name] = button
        grid = tile_grid(list(self.menu_tiles.values()))
        grid.setContentsMargins(0, 0, 0, 0)
        self.menu.setLayout(grid)
        layout.addWidget(self.menu, 1)

        self.chooser = QWidget(self)
        people_layout = page_column(self.chooser, MIN_GAP_PX)
        self.people_tiles: list[BigTile] = []
        for index in range(PER_PAGE):
            person = tile(shell, self.chooser, f"childcare_person_{index}", "area.staff")
            person.activated.connect(partial(self._chose, index))
            self.people_tiles.append(person)
        people_layout.addLayout(tile_grid(self.people_tiles), 1)
        self.pager = compact_pager(shell.speaker, self.chooser, self._fill_people, people_layout)
        layout.addWidget(self.chooser, 1)
        self._people: list[StaffInfo] = []
        self._on_shift: set[int] = set()

    def title(self) -> str:
        return _(CHILDCARE.words)

    def purpose(self) -> str:
        person = self.desk.volunteer
        if person is None:
            return _("Volunteers of the children's room: touch your name and type your PIN.")
        return _("Choose what to do: children in, children out, or the room.")

    def help_text(self) -> str:
        if self.desk.volunteer is None:
            return _(
                "This page is for the volunteers of the children's room. Touch your name, then "
                "type your PIN: your shift starts. Mothers leave their children with the "
                "volunteer."
            )
        return _(
            "Children in: find the mother by her phone and choose the children who stay; "
            "the slip with the pickup code prints. Children out: type or scan the code of the "
            "slip. The room shows who is here. End shift when you leave."
        )

    def entered(self) -> None:
        person = self.desk.volunteer
        signed_in = person is not None
        self.menu.setVisible(signed_in)
        self.chooser.setVisible(not signed_in)
        if signed_in:
            self.desk.ensure_shift()
            self._fill_menu()
        else:
            self._people = self.desk.service.people()
            self._on_shift = {s.staff_id for s in self.desk.service.on_shift()}
            self.pager.set_count(len(self._people), PER_PAGE)
            self._fill_people()
            shifts = self.desk.service.on_shift()
            if shifts:
                names = ", ".join(s.staff_name.split()[0] for s in shifts)
                self.status.setText(_("On shift: {names}").format(names=names))
            elif self._people:
                self.status.setText(_("Nobody is on shift. Touch your name."))
            else:
                self.status.setText(
                    _("No volunteers yet: staff add them with the command kiosk staff add.")
                )

    def reset(self) -> None:
        self.pager.set_page(0)
        self.desk.forget()

    def _fill_menu(self) -> None:
        person = self.desk.volunteer
        assert person is not None
        board = self.desk.service.room()
        on_shift = any(v.staff_id == person.id for v in board.volunteers)
        self.status.setText(
            _("{name} · In the room: {count} of {capacity} · On shift: {volunteers}").format(
                name=person.name.split()[0],
                count=board.count,
                capacity=board.limits.capacity,
                volunteers=len(board.volunteers),
            )
        )
        words = {
            "childcare_in": (_("Children in"), _("Check children in")),
            "childcare_out": (_("Children out"), _("Check children out with the code")),
            "childcare_room_tile": (
                _("The room: {count}").format(count=board.count),
                _("See the children in the room"),
            ),
            "childcare_new_tile": (_("New child"), _("Register a new child")),
            "childcare_reprint_tile": (_("Reprint slip"), _("Print a lost slip again")),
            "childcare_shift": (
                (_("End shift"), _("End your shift"))
                if on_shift
                else (_("Start shift"), _("Start your shift"))
            ),
        }
        for name, (word, phrase) in words.items():
            self.menu_tiles[name].set_words(word, phrase)
        ended = len(board.training_ended)
        room_tile = self.menu_tiles["childcare_room_tile"]
        room_tile.set_colour(AMBER if ended else CHILDCARE.colour)

    def _fill_people(self) -> None:
        shown = page_slice(self._people, self.pager.page, PER_PAGE)
        faces = person_faces([person.id for person in shown])
        for index, button in enumerate(self.people_tiles):
            button.setVisible(index < len(shown))
            if index < len(shown):
                person = shown[index]
                button.set_icon(faces[index])
                if person.id in self._on_shift:
                    button.set_words(
                        person.name + "\n" + _("On shift"),
                        _("{name}, on shift").format(name=person.name),
                    )
                    button.set_colour(GREEN)
                else:
                    button.set_words(person.name, person.name)
                    button.set_colour(CHILDCARE.colour)

    def _chose(self, index: int) -> None:
        shown = page_slice(self._people, self.pager.page, PER_PAGE)
        if index < len(shown):
            self.desk.choose_person(shown[index])

    def _register(self) -> None:
        self.desk.registration.start()


class ShiftPinPage(FixedWords, PinPage):
    desk: ChildcareDesk

    page_name = "childcare_pin"
    signed_in_only = False
    title_words = N_("Your PIN")
    purpose_words = N_("Type your PIN and touch the green button. Your shift starts.")

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent, desk.pin_typed)

    def person(self) -> StaffInfo | None:
        return self.desk.state.shift_person
