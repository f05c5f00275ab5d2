"""Children out: the code typed or the stub scanned, who is picking up, and ✓. A person on a
child's not-allowed list turns the whole screen red; without the code a staff PIN is needed."""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.services.childcare import (
    PickupChoice,
    PickupInfo,
    RoomChild,
)
from kiosk.services.staff import StaffInfo
from kiosk.ui import icons
from kiosk.ui.areas.childcare.flow import ChildcareDesk
from kiosk.ui.areas.childcare.parts import (
    CHILDCARE,
    GREEN,
    RED,
    ChildcarePage,
    ChildcareShell,
    CodeCard,
    Desk,
    KeypadPage,
    PinPage,
    RoomListPage,
    age_words,
    child_icon,
    choice_words,
    code_words,
    face_pixmap,
    photo_pixmap,
    pickup_icons,
    tile,
)
from kiosk.ui.areas.childcare.pickup_flow import CheckOut
from kiosk.ui.pages.base import (
    TITLE_PX,
    Page,
    body_label,
    person_faces,
    picture_label,
    tile_grid,
)
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad
from kiosk.ui.widgets.page_kit import compact_pager, two_columns
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.pager import page_slice

CHOICES_PER_PAGE = 4
FACES_SHOWN = 4  # children under one code side by side; more are rare and named below
FACE_PX = 120
FACE_SMALL_PX = 88  # four faces side by side still fit the left column at 1024 px
CODE_MAX = 10  # the stub's voucher number, as a USB scanner types it


class CodeKeypad(NumericKeypad):
    """Two or three digits typed, or the stub's 10-digit number scanned (digits + Enter): the
    display shows only what was typed, not ten empty slots for a two-digit code."""

    def _display_html(self) -> str:
        if not self.text():
            return '<span style="color:#6b6b6b">_ _</span>'
        return escape(self.text())


class FaceStrip(QWidget):
    """The code's children as faces with their first names: her photo where her mother agreed
    to one, her pictogram otherwise; the volunteer matches each face to the child she hands
    over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("childcare_pickup_faces")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(MIN_GAP_PX)
        self.faces: list[QLabel] = []
        self.names: list[QLabel] = []
        for index in range(FACES_SHOWN):
            column = QVBoxLayout()
            column.setSpacing(2)
            face = QLabel(self)
            face.setObjectName(f"childcare_pickup_face_{index}")
            face.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name = body_label("", self, px=24, bold=True)
            name.setWordWrap(False)
            column.addWidget(face, 0, Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(name)
            row.addLayout(column)
            self.faces.append(face)
            self.names.append(name)
        row.addStretch(1)
        self.with_photo: list[bool] = []

    def show_children(self, children: tuple[RoomChild, ...], photos: dict[int, bytes]) -> None:
        self.with_photo = []
        side = FACE_PX if len(children) < FACES_SHOWN else FACE_SMALL_PX
        for index, (face, name) in enumerate(zip(self.faces, self.names, strict=True)):
            shown = index < len(children)
            face.setVisible(shown)
            name.setVisible(shown)
            if not shown:
                continue
            child = children[index]
            face.setFixedSize(side, side)
            photo = photo_pixmap(photos.get(child.child_id))
            if photo is not None:
                face.setPixmap(face_pixmap(photo, side))
            else:
                face.setPixmap(icons.pixmap(child_icon(child.age), side - 24))
            face.setAccessibleName(child.first_name)
            name.setText(child.first_name)
            self.with_photo.append(photo is not None)
        self.setVisible(bool(children))


def checkout_pages(
    shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None
) -> list[Page]:
    flow = desk.checkout
    return [
        CheckOutCodePage(shell, desk, flow, parent),
        PickupPage(shell, desk, flow, parent),
        RefusedPage(shell, desk, flow, parent),
        NoCodePage(shell, desk, parent),
        AuthorizePage(shell, desk, parent),
        AuthorizePinPage(shell, desk, flow, parent),
    ]


class CheckOutCodePage(FixedWords, KeypadPage):
    page_name = "childcare_checkout"
    icon_name = "misc.waitlist"
    keypad_icon = "misc.waitlist"
    title_words = N_("Children out")
    purpose_words = N_("Type the numbers of the code on the mother's slip, or scan its bars.")

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: CheckOut, parent: QWidget | None
    ) -> None:
        keypad = CodeKeypad(max_length=CODE_MAX, min_length=2, grouping=(), speaker=shell.speaker)
        sentence = _("Type the code of the slip, or scan it")
        super().__init__(
            shell, desk, parent, sentence=sentence, keypad=keypad, then=flow.code_typed
        )
        self.no_code = tile(
            shell,
            self,
            "childcare_no_code",
            "action.privacy",
            _("No code"),
            _("The mother lost her slip: a staff PIN is needed"),
        )
        self.left.addWidget(self.no_code, 1)
        self.no_code.activated.connect(flow.without_code)

    def entered(self) -> None:
        self.keypad.clear()
        super().entered()


class PickupPage(ChildcarePage):
    """The code's children and who may take them: touch the person who came."""

    page_name = "childcare_pickup"
    icon_name = "misc.waitlist"

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: CheckOut, parent: QWidget | None
    ) -> None:
        super().__init__(shell, desk, parent)
        self.flow = flow
        left, right = two_columns(self, 2, 3, gap=MIN_GAP_PX * 2)
        right.setSpacing(MIN_GAP_PX)
        self.code = CodeCard(self, font_px=64)
        left.addWidget(self.code, 2)
        self.faces = FaceStrip(self)
        left.addWidget(self.faces)
        self.children_label = self.line("childcare_pickup_children", left, 3)
        self.children_label.setTextFormat(Qt.TextFormat.RichText)
        self.children_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.tiles: list[BigTile] = []
        for index in range(CHOICES_PER_PAGE):
            button = tile(shell, self, f"childcare_pickup_{index}", "misc.people")
            button.set_font_px(24)
            button.activated.connect(partial(self._tapped, index))
            self.tiles.append(button)
        right.addLayout(tile_grid(self.tiles, 2), 1)
        self.pager = compact_pager(shell.speaker, self, self._fill, right)
        self.choices: tuple[PickupChoice, ...] = ()

    def title(self) -> str:
        pickup = self.desk.state.pickup
        return _("Code {code}").format(code=code_words(pickup)) if pickup else _("Children out")

    def purpose(self) -> str:
        pickup = self.desk.state.pickup
        if pickup is None:
            return _("Go back and type the code.")
        names = ", ".join(c.first_name for c in pickup.children)
        return _("{names}. Who came for them? Touch the person.").format(names=names)

    def entered(self) -> None:
        pickup = self.desk.state.pickup
        self.code.show_code(pickup)
        children = pickup.children if pickup else ()
        photos = self.desk.service.photos([c.child_id for c in children if c.has_photo])
        self.faces.show_children(children, photos)
        self.choices = pickup.choices if pickup else ()
        self.children_label.setText(_children_html(pickup))
        self.pager.set_count(len(self.choices), CHOICES_PER_PAGE)
        self._fill()

    def reset(self) -> None:
        self.choices = ()
        self.pager.set_page(0)

    def _fill(self) -> None:
        shown = page_slice(self.choices, self.pager.page, CHOICES_PER_PAGE)
        pictures = page_slice(pickup_icons(self.choices), self.pager.page, CHOICES_PER_PAGE)
        for index, button in enumerate(self.tiles):
            button.setVisible(index < len(shown))
            if index >= len(shown):
                continue
            choice = shown[index]
            button.set_colour(GREEN if choice.allowed else RED)
            button.set_icon(pictures[index])
            words = choice_words(choice)
            button.set_words(words, words)

    def _tapped(self, index: int) -> None:
        shown = page_slice(self.choices, self.pager.page, CHOICES_PER_PAGE)
        if index < len(shown):
            self.flow.chose(shown[index])


def _children_html(pickup: PickupInfo | None) -> str:
    if pickup is None:
        return ""
    lines = [escape(_("Guardian: {name}").format(name=pickup.guardian_first_name))]
    for child in pickup.children:
        line = f"{escape(child.name)} · {escape(age_words(child.age))}"
        if child.has_allergy:
            warning = _("ALLERGY: {note}").format(note=child.medical_note or "!")
            line += f' <span style="color:{RED}">{escape(warning)}</span>'
        lines.append(line)
    return "<br>".join(lines)


class RefusedPage(ChildcarePage):
    """The whole page red: this person may NOT take the children."""

    page_name = "childcare_refused"
    icon_name = "action.no"
    colour = RED

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: CheckOut, parent: QWidget | None
    ) -> None:
        super().__init__(shell, desk, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            f"#childcare_refused {{ background: {RED}; }} QLabel {{ color: #ffffff; }}"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MIN_GAP_PX * 2, MIN_GAP_PX, MIN_GAP_PX * 2, MIN_GAP_PX)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.addWidget(picture_label("action.no", 160, self))
        self.sentence = body_label("", self, px=TITLE_PX, bold=True)
        self.sentence.setObjectName("childcare_refused_text")
        left.addWidget(self.sentence, 1)
        layout.addLayout(left, 3)
        self.ok = tile(
            shell, self, "childcare_refused_ok", "action.ok", _("Understood"), "", colour="#ffffff"
        )
        self.ok.activated.connect(lambda: shell.open("childcare"))
        layout.addWidget(self.ok, 1)

    def title(self) -> str:
        return _("Do NOT hand over the children")

    def purpose(self) -> str:
        pickup = self.desk.state.pickup
        if pickup is None:
            return ""
        person = next(
            (c.name for c in pickup.choices if c.person_id == self.desk.state.person_id), ""
        )
        names = ", ".join(c.first_name for c in pickup.children)
        return _(
            "{person} is NOT allowed to pick up {names}. Keep the children in the room and "
            "call the staff: they have been told."
        ).format(person=person, names=names)

    def entered(self) -> None:
        self.sentence.setText(self.purpose())


class NoCodePage(FixedWords, RoomListPage):
    """Without the code: touch the child; a staff PIN comes after choosing who picks up."""

    page_name = "childcare_nocode"
    icon_name = "action.privacy"
    tile_icon = CHILDCARE.icon
    desk: ChildcareDesk
    title_words = N_("Without the code")
    purpose_words = N_("Touch the child who is leaving. A staff member's PIN will be needed.")

    def items(self) -> list[RoomChild]:
        return list(self.desk.service.room().children)

    def show_item(self, tile: BigTile, child: RoomChild) -> None:
        tile.set_icon(child_icon(child.age))
        guardian = _("Guardian: {name}").format(name=child.guardian_first_name)
        words = f"{child.first_name}\n{guardian}"
        tile.set_words(words, words.replace("\n", ". "))

    def chosen(self, child: RoomChild) -> None:
        self.desk.checkout.chose_child(child)


class AuthorizePage(FixedWords, ChildcarePage, TileListPage):
    """Which staff member allows it: her name, then her PIN."""

    page_name = "childcare_authorize"
    icon_name = "area.staff"
    tile_icon = "area.staff"
    empty_text = N_("No staff yet: add the first person with the command kiosk staff add.")
    desk: ChildcareDesk
    title_words = N_("Staff permission")
    purpose_words = N_("A staff member touches her name and types her PIN to let the children go.")

    def items(self) -> list[StaffInfo]:
        return self.desk.service.authorizers()

    def words(self, person: StaffInfo) -> str:
        return person.name

    def icon(self, person: StaffInfo) -> str:
        return person_faces([p.id for p in self.shown])[self.shown.index(person)]

    def chosen(self, person: StaffInfo) -> None:
        self.desk.checkout.authorizer_chosen(person)


class AuthorizePinPage(FixedWords, PinPage):
    page_name = "childcare_authorize_pin"
    title_words = N_("Staff PIN")
    purpose_words = N_("Type your PIN to let the children go without the code.")

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: CheckOut, parent: QWidget | None
    ) -> None:
        super().__init__(shell, desk, parent, flow.authorize)

    def person(self) -> StaffInfo | None:
        return self.desk.state.authorizer
