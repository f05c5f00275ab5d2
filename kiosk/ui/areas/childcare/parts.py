"""What the childcare station's pages share: the area's colours, the pickup code's card,
the pictures of children and of who picks them up, and the page every station page starts from.
The station's own pages, its check-out and registration pages and the staff desk's childcare
pages all import it; it imports none of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, ngettext
from kiosk.services.childcare import PickupChoice, PickupInfo
from kiosk.services.staff import StaffInfo
from kiosk.services.trade import fold
from kiosk.ui import icons
from kiosk.ui.areas.childcare.station import ChildcareShell, Desk, code_words
from kiosk.ui.pages.base import (
    BODY_PX,
    Page,
    body_label,
    choice_tile,
    picture_label,
)
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import MIN_GAP_PX, NumericKeypad
from kiosk.ui.widgets.card import paint_cover
from kiosk.ui.widgets.looks import restyle
from kiosk.ui.widgets.page_kit import two_columns

CHILDCARE = AREA_BY_KEY["childcare"]
AMBER = "#e65100"
GREEN = "#2e7d32"
RED = "#b71c1c"
CODE_FONT_PX = 72


# A choice of the childcare station's pages, in its colour unless it says.
tile = partial(choice_tile, colour=CHILDCARE.colour)
# The one that goes on (check in, take the photo, done), in green.
go_tile = partial(choice_tile, colour=GREEN)


def age_words(years: int) -> str:
    if years < 1:
        return _("Under 1 year old")
    return ngettext("{count} year old", "{count} years old", years).format(count=years)


def child_icon(age: int) -> str:
    return "area.childcare" if age < 3 else "need.ninos"


def choice_words(choice: PickupChoice) -> str:
    if choice.is_guardian:
        return _("Mother: {name}").format(name=choice.name)
    if not choice.allowed:
        return _("NOT allowed: {name}").format(name=choice.name)
    return choice.name


def photo_pixmap(data: bytes | None) -> QPixmap | None:
    """A child's stored photo as a picture, or ``None`` (none kept, or unreadable)."""
    if not data:
        return None
    pixmap = QPixmap()
    return pixmap if pixmap.loadFromData(data) else None


def face_pixmap(photo: QPixmap, side: int) -> QPixmap:
    """The photo cut to a ``side`` px square with round corners (a face, not a thumbnail)."""
    face = QPixmap(side, side)
    face.fill(Qt.GlobalColor.transparent)
    painter = QPainter(face)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_cover(painter, QRect(0, 0, side, side), photo, radius=side / 8)
    painter.end()
    return face


# Who came for the children, as a picture: the relation her list gives (written by hand, so
# read without accents or case), and for a person with none a figure of her own.
RELATION_ICONS: dict[str, str] = {
    "mama": "relation.mother",
    "madre": "relation.mother",
    "papa": "relation.father",
    "padre": "relation.father",
    "abuela": "relation.grandmother",
    "abuelo": "relation.grandfather",
    "tia": "relation.aunt",
    "tio": "relation.uncle",
    "hermana": "relation.older_sister",
    "hermano": "relation.older_brother",
    "vecina": "relation.neighbour",
    "vecino": "relation.neighbour",
}
OTHER_PERSON_ICONS = tuple(f"relation.other_{n}" for n in range(1, 5))


def pickup_icons(choices: Sequence[PickupChoice]) -> list[str]:
    """One picture per person who may come, none shared by two people: the mother's, the
    relation's, else the next neutral figure. Someone not allowed is the red ✗."""
    found: list[str] = []
    used: set[str] = set()
    others = iter(OTHER_PERSON_ICONS)
    for choice in choices:
        if not choice.allowed:
            found.append("action.no")
            continue
        words = fold(choice.relation) or [""]
        icon = "relation.mother" if choice.is_guardian else RELATION_ICONS.get(words[0])
        if icon is None or icon in used:
            icon = next(others, "misc.people")
        used.add(icon)
        found.append(icon)
    return found


class CodeCard(QFrame):
    """The pickup code as the stub shows it: the digits huge beside its picture, on the
    picture's colour."""

    def __init__(self, parent: QWidget | None = None, *, font_px: int = CODE_FONT_PX) -> None:
        super().__init__(parent)
        self.setObjectName("childcare_code")
        self.setAutoFillBackground(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(MIN_GAP_PX * 2, MIN_GAP_PX, MIN_GAP_PX * 2, MIN_GAP_PX)
        row.setSpacing(MIN_GAP_PX * 2)
        self.digits = body_label("", self, px=font_px, bold=True)
        self.digits.setObjectName("childcare_code_digits")
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.word = body_label("", self, px=BODY_PX, bold=True)
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addStretch(1)
        column.addWidget(self.picture)
        column.addWidget(self.word)
        column.addStretch(1)
        row.addWidget(self.digits, 1)
        row.addLayout(column, 1)
        self.picture_px = max(64, font_px + 24)

    def show_code(self, pickup: PickupInfo | None) -> None:
        self.setVisible(pickup is not None)
        if pickup is None:
            return
        self.digits.setText(pickup.code)
        self.word.setText(pickup.picture_word)
        self.picture.setPixmap(icons.pixmap(f"pickup.{pickup.picture}", self.picture_px))
        self.picture.setAccessibleName(pickup.picture_word)
        self.setAccessibleName(code_words(pickup))
        # The card is white inside a thick border of the picture's colour: the digits stay
        # black and readable whatever the colour.
        restyle(
            self,
            f"#childcare_code {{ background: #ffffff; border: 10px solid {pickup.colour};"
            " border-radius: 20px; } #childcare_code QLabel { color: #000000; border: none; }",
        )


class ChildcarePage(Page):
    icon_name = CHILDCARE.icon
    colour = CHILDCARE.colour
    signed_in_only = True

    def __init__(self, shell: ChildcareShell, desk: Desk, parent: QWidget | None = None):
        super().__init__(shell, parent)
        self.desk = desk

    def line(self, name: str, layout: QBoxLayout, stretch: int = 0) -> QLabel:
        """A bold line of words the page fills in, named for tests and screen readers."""
        label = body_label("", self, bold=True)
        label.setObjectName(name)
        layout.addWidget(label, stretch)
        return label


class KeypadPage(ChildcarePage):
    """A picture and a sentence beside the keypad; what is typed goes to ``then`` and the
    keypad is emptied for the next one."""

    keypad_icon = "action.keypad"

    def __init__(
        self,
        shell: ChildcareShell,
        desk: Desk,
        parent: QWidget | None,
        *,
        sentence: str,
        keypad: NumericKeypad,
        then: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(shell, desk, parent)
        self.left, right = two_columns(self, 2, 3)
        self.left.addStretch(1)
        self.left.addWidget(picture_label(self.keypad_icon, 120, self))
        self.sentence = body_label(sentence, self, px=32, bold=True)
        self.left.addWidget(self.sentence)
        self.left.addStretch(1)
        self.keypad = keypad
        keypad.setParent(self)
        right.addWidget(keypad, 1)
        if then is not None:
            keypad.submitted.connect(partial(self._submitted, then))

    def _submitted(self, then: Callable[[str], None], text: str) -> None:
        self.keypad.clear()
        then(text)

    def entered(self) -> None:
        self.keypad.setFocus()

    def reset(self) -> None:
        self.keypad.clear()


class PinPage(KeypadPage):
    """A PIN typed in secret under the name of whom it belongs to."""

    icon_name = "action.privacy"
    keypad_icon = "action.privacy"

    def __init__(
        self,
        shell: ChildcareShell,
        desk: Desk,
        parent: QWidget | None,
        then: Callable[[str], None],
    ) -> None:
        keypad = NumericKeypad(max_length=8, min_length=4, grouping=(), secret=True, speaker=None)
        super().__init__(shell, desk, parent, sentence="", keypad=keypad, then=then)

    def person(self) -> StaffInfo | None:
        raise NotImplementedError

    def entered(self) -> None:
        person = self.person()
        self.sentence.setText(person.name if person else _("Go back and touch your name."))
        super().entered()


class RoomListPage(ChildcarePage, TileListPage):
    """A list of what is in the room now, one tile each (a page of them at a time)."""

    tile_font_px = 24
    empty_text = N_("No children in the room.")

    def reset(self) -> None:
        self._items = []
        self.pager.set_page(0)
