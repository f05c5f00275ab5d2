"""The childcare station (guardería): the volunteer starts her shift with her PIN, then checks
children in (the mother's phone, her children as cards, the pickup pair printed), watches the
room board, checks children out with the code on the stub, registers a new child and reprints a
lost stub. Rules live in :mod:`kiosk.services.childcare`; these pages show and ask.

Page "childcare" is the station's start: "who are you?" (names, then a PIN) while nobody is
signed in at this window, the volunteer's six tasks once she is.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, format_time, ngettext
from kiosk.logs import area_logger
from kiosk.services.childcare import (
    ChildcareError,
    ChildcareService,
    ChildInfo,
    PickupInfo,
    RoomBoard,
    RoomChild,
)
from kiosk.services.members import MemberError, MemberService
from kiosk.services.staff import StaffInfo
from kiosk.ui import icons
from kiosk.ui.areas.childcare.parts import (
    CHILDCARE,
    GREEN,
    RED,
    ChildcarePage,
    ChildcareShell,
    CodeCard,
    KeypadPage,
    Station,
    age_words,
    child_icon,
    code_words,
    face_pixmap,
    photo_pixmap,
    tile,
)
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.pages.base import (
    TITLE_PX,
    Page,
    body_label,
    person_faces,
    picture_label,
    tile_grid,
)
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad, Pager
from kiosk.ui.widgets.card import paint_cover
from kiosk.ui.widgets.pager import page_slice

if TYPE_CHECKING:
    from kiosk.ui.areas.childcare.pickup_pages import CheckOut
    from kiosk.ui.areas.childcare.registration_pages import Registration
    from kiosk.ui.slips import SlipDesk

log = area_logger("childcare")

AMBER = "#e65100"
WARNING_BACKGROUND = "#ffd54f"  # a light amber under black words: a warning, not an error
PER_PAGE = 6
CARDS_PER_PAGE = 4  # on the children page: four children, "new child" and "check in"
BOARD_PER_PAGE = 6
BOARD_REFRESH_MS = 30_000
BOARD_FACE_PX = 96  # a child's photo on the room board: big enough to tell two faces apart


def room_words(board: RoomBoard) -> str:
    """How many more may come in, and when none, why: "Caben 0 más" beside free places told
    the volunteer nothing she could act on."""
    if board.room_for:
        return ngettext("Room for {n} more", "Room for {n} more", board.room_for).format(
            n=board.room_for
        )
    if board.count + board.reserved >= board.limits.capacity:
        return _("Full")
    return _("No more until another volunteer starts her shift")


# --- widgets ----------------------------------------------------------------------------------


class ChildCard(BigTile):
    """A child as a card: her picture (photo when there is one), name and age; a yellow ✓
    while chosen, a red ALLERGY corner when she has one, grey when she is already inside."""

    chosen = False
    allergy = False
    photo: QPixmap | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.photo is not None:
            _side, badge, _words = self._arrange(self._content_rect())
            paint_cover(painter, badge, self.photo, radius=badge.width() / 8)
        if self.allergy:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(RED))
            mark = QRect(8, 8, 48, 48)
            painter.drawRoundedRect(mark, 10, 10)
            painter.drawPixmap(mark.adjusted(6, 6, -6, -6), icons.pixmap("child.allergy", 36))
        if self.chosen:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffd600"))
            mark = QRect(self.width() - 60, 8, 52, 52)
            painter.drawEllipse(mark)
            painter.setPen(QColor("#000000"))
            font = self.font()
            font.setPixelSize(36)
            painter.setFont(font)
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "✓")
        painter.end()


class BoardCard(QFrame):
    """One child on the room board: name and age, time in, her guardian; a red allergy line
    and an orange line when her mother's training has ended."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("childcare_board_card")
        self.setStyleSheet(
            "#childcare_board_card { background: #ffffff; border: 3px solid #ad1457;"
            " border-radius: 14px; } #childcare_board_card QLabel { border: none; }"
        )
        self.setMaximumHeight(132)
        row = QHBoxLayout(self)
        row.setContentsMargins(MIN_GAP_PX, 6, MIN_GAP_PX, 6)
        row.setSpacing(MIN_GAP_PX)
        self.picture = QLabel(self)
        self.picture.setObjectName("childcare_board_face")
        self.picture.setFixedWidth(60)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.has_face = False
        row.addWidget(self.picture)
        column = QVBoxLayout()
        column.setSpacing(0)
        self.name = self._label(26, bold=True)
        self.detail = self._label(24)
        self.flags = self._label(24, bold=True)
        for label in (self.name, self.detail, self.flags):
            column.addWidget(label)
        row.addLayout(column, 1)

    def _label(self, px: int, *, bold: bool = False) -> QLabel:
        # Lines wrap rather than widen the card: two cards side by side fit at 1024 px.
        label = body_label("", self, px=px, bold=bold)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return label

    def show_child(self, child: RoomChild, photo: QPixmap | None = None) -> None:
        # Her photo when her mother agreed to one, for the volunteer to match faces; her
        # pictogram otherwise (the allergy shows on the red line and border either way).
        self.has_face = photo is not None
        if photo is not None:
            self.picture.setFixedWidth(BOARD_FACE_PX)
            self.picture.setPixmap(face_pixmap(photo, BOARD_FACE_PX))
        else:
            self.picture.setFixedWidth(60)
            self.picture.setPixmap(
                icons.pixmap("child.allergy" if child.has_allergy else child_icon(child.age), 52)
            )
        self.name.setText(f"{child.name} · {age_words(child.age)}")
        self.detail.setText(
            _("In at {time} · {code} · Guardian: {name}").format(
                time=format_time(child.checked_in_at),
                code=child.code,
                name=child.guardian_first_name,
            )
        )
        flags = []
        colour = "#000000"
        if child.has_allergy:
            flags.append(_("ALLERGY: {note}").format(note=child.medical_note or "!"))
            colour = RED
        if child.training_ended:
            flags.append(_("Her mother's course has ended"))
            colour = RED if child.has_allergy else AMBER
        self.flags.setText(" · ".join(flags))
        self.flags.setStyleSheet(f"color: {colour};")
        self.flags.setVisible(bool(flags))
        border = AMBER if child.training_ended else RED if child.has_allergy else CHILDCARE.colour
        self.setStyleSheet(
            "#childcare_board_card { background: #ffffff; border: 4px solid "
            f"{border}; border-radius: 14px; }} #childcare_board_card QLabel {{ border: none; }}"
        )
        self.setAccessibleName(f"{self.name.text()}. {self.detail.text()}. {self.flags.text()}")


class ChildcareDesk:
    """The station's pages and what ties them together."""

    def __init__(
        self,
        shell: ChildcareShell,
        service: ChildcareService,
        members: MemberService,
        slip_desk: SlipDesk,
        parent: QWidget | None = None,
        *,
        camera: PhotoCamera | None = None,
    ) -> None:
        self.shell = shell
        self.members = members
        self.slip_desk = slip_desk
        self.service = service
        self.state = Station()
        # The station's webcam, for a child's photo at registration.
        self.camera = camera or PhotoCamera(parent)
        self.told_no_camera = False  # a station without one says so once, not every time
        self.checkout: CheckOut
        self.registration: Registration
        from kiosk.ui.areas.childcare.pickup_pages import checkout_pages
        from kiosk.ui.areas.childcare.registration_pages import register_pages
        from kiosk.ui.areas.childcare.staff_pages import staff_pages

        self.home = ChildcareHomePage(shell, self, parent)
        self._pages: list[Page] = [
            self.home,
            ShiftPinPage(shell, self, parent),
            CheckInPhonePage(shell, self, parent),
            ChildrenPage(shell, self, parent),
            CheckedInPage(shell, self, parent),
            RoomPage(shell, self, parent),
            ReprintPage(shell, self, parent),
            *checkout_pages(shell, self, parent),
            *register_pages(shell, self, parent),
        ]
        self._staff_pages: list[Page] = staff_pages(shell, self, parent)

    def reset(self) -> None:
        """The visit is over: no mother, children or code half-way through."""
        self.forget()

    def pages(self) -> list[Page]:
        """The station's pages (a volunteer or staff member signed in may open them)."""
        return list(self._pages)

    def staff_pages(self) -> list[Page]:
        """The staff desk's childcare pages: alerts and reports."""
        return list(self._staff_pages)

    def page(self, name: str) -> Page:
        (found,) = [p for p in (*self._pages, *self._staff_pages) if p.page_name == name]
        return found

    @property
    def volunteer(self) -> StaffInfo | None:
        return self.shell.staff_user

    def volunteer_id(self) -> int | None:
        person = self.shell.staff_user
        return person.id if person else None

    def forget(self) -> None:
        self.state.forget()

    def fail(self, error: Exception, icon: str = "action.warning") -> None:
        self.shell.show_error(str(error), icon)

    # --- the shift ----------------------------------------------------------------------------

    def choose_person(self, person: StaffInfo) -> None:
        self.state.shift_person = person
        pin_page = self.page("childcare_pin")
        pin_page.reset()
        self.shell.open("childcare_pin")

    def pin_typed(self, pin: str) -> None:
        person = self.state.shift_person
        if person is None:
            self.shell.open("childcare")
            return
        try:
            signed, shift = self.service.sign_in(person.id, pin)
        except (ChildcareError, ValueError) as exc:
            self.fail(exc, "action.privacy")
            return
        self.state.shift_person = None
        self.shell.visit.sign_in_staff(signed)
        log.info("staff user %d at the childcare station (shift %d)", signed.id, shift.id)
        self.shell.open("childcare")
        self.shell.speaker.say(
            _("Hello, {name}. Your shift has started.").format(name=signed.name.split()[0])
        )

    def ensure_shift(self) -> None:
        """A volunteer's PIN starts her shift, wherever she typed it (the staff desk too)."""
        person = self.volunteer
        if person is not None and not person.is_staff and not self.service.is_on_shift(person.id):
            self.service.start_shift(person.id)

    def toggle_shift(self) -> None:
        person = self.volunteer
        if person is None:
            return
        if not self.service.is_on_shift(person.id):
            self.service.start_shift(person.id)
            self.shell.show_message(_("Your shift has started."), "action.yes")
            self.home.entered()
            return
        board = self.service.room()
        others = [v for v in board.volunteers if v.staff_id != person.id]
        if board.count and not others:
            question = ngettext(
                "There is still {count} child in the room and nobody else on shift. End your "
                "shift?",
                "There are still {count} children in the room and nobody else on shift. End "
                "your shift?",
                board.count,
            ).format(count=board.count)
        else:
            question = _("End your shift?")

        def answer(yes: bool) -> None:
            if not yes:
                return
            self.service.end_shift(person.id)
            self.shell.end_visit("signed_out")
            self.shell.speaker.say(_("Your shift has ended. Thank you."))

        self.shell.confirm(question, "childcare.shift", answer)

    # --- check-in -----------------------------------------------------------------------------

    def start_check_in(self) -> None:
        self.state.register_next = False
        self.state.guardian = None
        self.state.chosen = []
        self.page("childcare_checkin").reset()
        self.shell.open("childcare_checkin")

    def phone_typed(self, digits: str) -> None:
        try:
            guardian = self.members.find_by_phone(digits)
        except MemberError as exc:
            self.fail(exc, "action.phone")
            return
        if guardian is None:
            self.shell.show_error(
                _("Nobody has that phone number. The mother signs up at the kiosk first."),
                "action.phone",
            )
            return
        self.state.guardian = guardian
        self.state.chosen = []
        if self.state.register_next:
            self.state.register_next = False
            self.shell.open("childcare_new_name")
            return
        self.shell.open("childcare_children")

    def children(self) -> list[ChildInfo]:
        guardian = self.state.guardian
        return self.service.children_of(guardian.id) if guardian else []

    def toggle_child(self, child: ChildInfo) -> None:
        if child.present:
            self.shell.show_error(
                _("{name} is already in the room.").format(name=child.first_name),
                "area.childcare",
            )
            return
        chosen = self.state.chosen
        if child.id in chosen:
            chosen.remove(child.id)
            self.shell.speaker.say(_("{name} does not stay.").format(name=child.first_name))
        else:
            chosen.append(child.id)
            self.shell.speaker.say(_("{name} stays.").format(name=child.first_name))

    def check_in(self) -> None:
        guardian = self.state.guardian
        if guardian is None:
            self.shell.open("childcare_checkin")
            return
        try:
            result = self.service.check_in(guardian.id, self.state.chosen, self.volunteer_id())
        except ChildcareError as exc:
            self.fail(exc, "area.childcare")
            return
        self.state.pickup = result.pickup
        self.state.chosen = []
        # Shown beside the code on its page, never over it: she must read the code out.
        self.state.warnings = result.warnings
        self.state.number = self.service.issue_slip(result.pickup.id)
        self.shell.open("childcare_checked_in")
        self.slip_desk.print_slip(self.state.number)

    def print_again(self) -> None:
        if self.state.number is None:
            return
        self.shell.speaker.say(_("The slip is printing again."))
        self.slip_desk.print_slip(self.state.number)

    # --- reprint ------------------------------------------------------------------------------

    def reprint(self, pickup: PickupInfo) -> None:
        names = ", ".join(c.first_name for c in pickup.children)
        question = _("Print the slip of {code} again ({names})?").format(
            code=code_words(pickup), names=names
        )

        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                number = self.service.reprint(pickup.id, self.volunteer_id())
            except ChildcareError as exc:
                self.fail(exc)
                return
            self.slip_desk.print_slip(number)
            self.shell.show_message(
                _("The slip with the code {code} is printing.").format(code=code_words(pickup)),
                "action.print",
            )

        self.shell.confirm(question, "action.print", answer)


# --- the pages --------------------------------------------------------------------------------


class ChildcareHomePage(ChildcarePage):
    """Nobody signed in: the names of those who may start a shift. Someone signed in: her six
    tasks, and the room at a glance."""

    desk: ChildcareDesk  # the station's own pages ask the whole desk, not just :class:`Desk`

    page_name = "childcare"
    signed_in_only = False  # the station's start page, open to everyone

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.status = body_label("", self, bold=True)
        self.status.setObjectName("childcare_status")
        layout.addWidget(self.status)
        self.menu = QWidget(self)
        menu = {
            # The same figure going in and coming out: a pair at a glance.
            "childcare_in": ("childcare.in", desk.start_check_in),
            "childcare_out": ("childcare.out", lambda: desk.checkout.start()),
            "childcare_room_tile": ("misc.people", lambda: desk.shell.open("childcare_room")),
            "childcare_new_tile": ("action.sign_up", self._register),
            "childcare_reprint_tile": (
                "action.print",
                lambda: desk.shell.open("childcare_reprint"),
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
        people_layout = QVBoxLayout(self.chooser)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.setSpacing(MIN_GAP_PX)
        self.people_tiles: list[BigTile] = []
        for index in range(PER_PAGE):
            person = tile(shell, self.chooser, f"childcare_person_{index}", "area.staff")
            person.activated.connect(partial(self._chose, index))
            self.people_tiles.append(person)
        people_layout.addLayout(tile_grid(self.people_tiles), 1)
        self.pager = Pager(speaker=shell.speaker, parent=self.chooser)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill_people())
        people_layout.addWidget(self.pager)
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
        from kiosk.ui.areas.childcare.registration_pages import start_registration

        start_registration(self.desk)


class ShiftPinPage(KeypadPage):
    desk: ChildcareDesk

    page_name = "childcare_pin"
    icon_name = "action.privacy"
    keypad_icon = "action.privacy"
    signed_in_only = False

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        keypad = NumericKeypad(max_length=8, min_length=4, grouping=(), secret=True, speaker=None)
        super().__init__(shell, desk, parent, sentence="", keypad=keypad)
        keypad.submitted.connect(self._submitted)

    def title(self) -> str:
        return _("Your PIN")

    def purpose(self) -> str:
        return _("Type your PIN and touch the green button. Your shift starts.")

    def entered(self) -> None:
        person = self.desk.state.shift_person
        self.sentence.setText(person.name if person else _("Go back and touch your name."))
        super().entered()

    def _submitted(self, pin: str) -> None:
        self.keypad.clear()
        self.desk.pin_typed(pin)


class CheckInPhonePage(KeypadPage):
    desk: ChildcareDesk

    page_name = "childcare_checkin"
    keypad_icon = "action.phone"

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        keypad = NumericKeypad(max_length=10, speaker=shell.speaker)
        super().__init__(
            shell, desk, parent, sentence=_("The mother's phone number"), keypad=keypad
        )
        keypad.submitted.connect(desk.phone_typed)

    def title(self) -> str:
        return _("Children in")

    def purpose(self) -> str:
        return _("Type the mother's phone number: 10 numbers.")


class ChildrenPage(ChildcarePage):
    """Her children as cards: touch the ones who stay, then "check in" prints the slip."""

    desk: ChildcareDesk

    page_name = "childcare_children"

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.mother = body_label("", self, bold=True)
        self.mother.setObjectName("childcare_mother")
        layout.addWidget(self.mother)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        self.cards: list[ChildCard] = []
        for index in range(CARDS_PER_PAGE):
            card = ChildCard(CHILDCARE.icon, "", "", speaker=None, colour="#ffffff", parent=self)
            card.setObjectName(f"childcare_child_{index}")
            card.setProperty("kioskChoice", True)
            card.set_font_px(24)
            card.activated.connect(partial(self._tapped, index))
            grid.addWidget(card, index // 3, index % 3)
            self.cards.append(card)
        self.new_tile = tile(
            shell,
            self,
            "childcare_children_new",
            "action.sign_up",
            _("New child"),
            _("Register a new child of this mother"),
        )
        self.new_tile.activated.connect(self._register)
        grid.addWidget(self.new_tile, 1, 1)
        self.go_tile = tile(
            shell,
            self,
            "childcare_children_go",
            "action.print",
            _("Check in"),
            _("Check in and print the slip"),
            GREEN,
        )
        self.go_tile.activated.connect(desk.check_in)
        grid.addWidget(self.go_tile, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        layout.addLayout(grid, 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)
        self._children: list[ChildInfo] = []
        self._photos: dict[int, QPixmap] = {}

    def title(self) -> str:
        guardian = self.desk.state.guardian
        return (
            _("Children of {name}").format(name=guardian.first_name) if guardian else _("Children")
        )

    def purpose(self) -> str:
        if not self._children:
            return _("She has no children registered. Touch New child.")
        return _("Touch the children who stay, then Check in.")

    def entered(self) -> None:
        guardian = self.desk.state.guardian
        self.mother.setText(
            f"{guardian.name} · {guardian.masked_phone}"
            if guardian
            else _("Go back and type the phone.")
        )
        self._children = self.desk.children()
        photos = self.desk.service.photos([c.id for c in self._children if c.has_photo])
        self._photos = {
            child_id: pixmap
            for child_id, data in photos.items()
            if (pixmap := photo_pixmap(data)) is not None
        }
        self.pager.set_count(len(self._children), CARDS_PER_PAGE)
        self._fill()

    def reset(self) -> None:
        self._children = []
        self._photos = {}
        self.pager.set_page(0)

    def _fill(self) -> None:
        shown = page_slice(self._children, self.pager.page, CARDS_PER_PAGE)
        chosen = self.desk.state.chosen
        for index, card in enumerate(self.cards):
            card.setVisible(index < len(shown))
            if index >= len(shown):
                continue
            child = shown[index]
            card.icon_name = child_icon(child.age)
            card.photo = self._photos.get(child.id)
            card.allergy = child.has_allergy
            card.chosen = child.id in chosen
            words = f"{child.first_name}\n{age_words(child.age)}"
            phrase = f"{child.name}, {age_words(child.age)}"
            if child.has_allergy:
                words += "\n" + _("ALLERGY")
                phrase += ". " + _("Allergy: {note}").format(note=child.medical_note)
            if child.present:
                words += "\n" + _("In the room")
                card.set_colour("#9e9e9e")
            else:
                card.set_colour("#fff59d" if card.chosen else "#ffffff")
            card.set_words(words, phrase)
        self.go_tile.setEnabled(bool(chosen))

    def _tapped(self, index: int) -> None:
        shown = page_slice(self._children, self.pager.page, CARDS_PER_PAGE)
        if index < len(shown):
            self.desk.toggle_child(shown[index])
            self._fill()

    def _register(self) -> None:
        from kiosk.ui.areas.childcare.registration_pages import start_registration

        start_registration(self.desk, keep_guardian=True)


class CheckedInPage(ChildcarePage):
    """The code said and shown big while the pickup pair prints."""

    desk: ChildcareDesk

    page_name = "childcare_checked_in"
    icon_name = "action.print"

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.code = CodeCard(self, font_px=96)
        left.addWidget(self.code, 2)
        # A limit passed (too many children for the volunteers): under the code, in amber.
        self.warning = QFrame(self)
        self.warning.setObjectName("childcare_checked_in_warning")
        self.warning.setStyleSheet(
            f"#childcare_checked_in_warning {{ background: {WARNING_BACKGROUND};"
            " border-radius: 12px; } #childcare_checked_in_warning QLabel { color: #000000; }"
        )
        warning_row = QHBoxLayout(self.warning)
        warning_row.setContentsMargins(MIN_GAP_PX, 4, MIN_GAP_PX, 4)
        warning_row.addWidget(picture_label("action.warning", 48, self.warning))
        self.warning_words = body_label("", self.warning, px=24, bold=True)
        self.warning_words.setObjectName("childcare_checked_in_warning_words")
        self.warning_words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        warning_row.addWidget(self.warning_words, 1)
        self.warning.hide()
        left.addWidget(self.warning)
        self.names = body_label("", self, bold=True)
        self.names.setObjectName("childcare_checked_in_names")
        left.addWidget(self.names, 1)
        self.printing = body_label(
            _("The slip is printing: the mother's part and one label for each child."), self
        )
        left.addWidget(self.printing, 1)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.again = tile(shell, self, "childcare_print_again", "action.print", _("Print again"))
        self.again.activated.connect(desk.print_again)
        self.done = tile(
            shell, self, "childcare_checked_in_done", "action.yes", _("Done"), "", GREEN
        )
        self.done.activated.connect(self._done)
        right.addWidget(self.again, 1)
        right.addWidget(self.done, 1)
        layout.addLayout(right, 2)

    def title(self) -> str:
        return _("Checked in")

    def purpose(self) -> str:
        pickup = self.desk.state.pickup
        if pickup is None:
            return _("Go back and check children in.")
        said = _(
            "The pickup code is {code}. The slip is printing: give the mother her part and "
            "stick each label on her child."
        ).format(code=code_words(pickup))
        return " ".join((said, *self.desk.state.warnings))

    def entered(self) -> None:
        pickup = self.desk.state.pickup
        self.code.show_code(pickup)
        warnings = self.desk.state.warnings if pickup is not None else ()
        self.warning_words.setText(" ".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.again.setVisible(pickup is not None)
        self.printing.setVisible(pickup is not None)
        self.names.setText(
            ", ".join(c.first_name for c in pickup.children) if pickup else self.purpose()
        )

    def _done(self) -> None:
        self.desk.state.pickup = None
        self.desk.state.guardian = None
        self.desk.shell.open("childcare")


class RoomPage(ChildcarePage):
    """The live board: who is in the room, counts against capacity and ratio, and the
    children whose mother's course has ended."""

    desk: ChildcareDesk

    page_name = "childcare_room"
    icon_name = "misc.people"

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.counts = body_label("", self, bold=True)
        self.counts.setObjectName("childcare_counts")
        layout.addWidget(self.counts)
        self.empty = body_label(_("No children in the room."), self, px=TITLE_PX)
        layout.addWidget(self.empty)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX)
        self.cards: list[BoardCard] = []
        for index in range(BOARD_PER_PAGE):
            card = BoardCard(self)
            grid.addWidget(card, index // 2, index % 2)
            self.cards.append(card)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)
        self.board: RoomBoard | None = None
        # Live while shown: the clock moves courses to "ended" and other stations check in.
        self.timer = QTimer(self)
        self.timer.setInterval(BOARD_REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def title(self) -> str:
        return _("The room")

    def purpose(self) -> str:
        board = self.board
        if board is None:
            return ""
        said = ngettext(
            "{count} child in the room.", "{count} children in the room.", board.count
        ).format(count=board.count)
        ended = len(board.training_ended)
        if ended:
            said += " " + ngettext(
                "{count} child's mother has finished her course.",
                "{count} children's mothers have finished their course.",
                ended,
            ).format(count=ended)
        return said

    def entered(self) -> None:
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        self.board = board = self.desk.service.room()
        text = _("Children: {count} of {capacity} · On shift: {volunteers}").format(
            count=board.count,
            capacity=board.limits.capacity,
            volunteers=len(board.volunteers),
        )
        text += " · " + room_words(board)
        if board.reserved:
            text += " · " + _("Kept for courses: {count}").format(count=board.reserved)
        ended = len(board.training_ended)
        if ended:
            text += " · " + _("Course ended: {count}").format(count=ended)
        self.counts.setText(text)
        full = board.room_for == 0
        self.counts.setStyleSheet(f"color: {RED};" if full else "")
        # The mothers who finished first: those children should leave soonest.
        ordered = sorted(board.children, key=lambda c: (not c.training_ended, c.checked_in_at))
        self._children = ordered
        self.pager.set_count(len(ordered), BOARD_PER_PAGE)
        self._fill()

    def _fill(self) -> None:
        children = getattr(self, "_children", [])
        shown = page_slice(children, self.pager.page, BOARD_PER_PAGE)
        self.empty.setVisible(not children)
        photos = self.desk.service.photos([c.child_id for c in shown if c.has_photo])
        for index, card in enumerate(self.cards):
            card.setVisible(index < len(shown))
            if index < len(shown):
                child = shown[index]
                card.show_child(child, photo_pixmap(photos.get(child.child_id)))


class ReprintPage(ChildcarePage, TileListPage):
    """Today's codes with children still inside: touch one to print its slip again."""

    desk: ChildcareDesk

    page_name = "childcare_reprint"
    icon_name = "action.print"
    tile_icon = "action.print"
    tile_font_px = 24
    empty_text = N_("No children in the room.")

    def title(self) -> str:
        return _("Reprint a slip")

    def purpose(self) -> str:
        return _("Touch the mother's code to print her slip again, with the same code.")

    def reset(self) -> None:
        self._items = []
        self.pager.set_page(0)

    def items(self) -> list[PickupInfo]:
        return self.desk.service.open_codes()

    def show_item(self, tile: BigTile, pickup: PickupInfo) -> None:
        tile.set_icon(f"pickup.{pickup.picture}")
        names = ", ".join(c.first_name for c in pickup.children)
        tile.set_words(
            f"{pickup.code} · {pickup.guardian_first_name}\n{names}",
            _("{code}, {name}").format(code=code_words(pickup), name=pickup.guardian_first_name),
        )

    def chosen(self, pickup: PickupInfo) -> None:
        self.desk.reprint(pickup)
