"""Children in: the mother's phone, her children as cards (touch the ones who stay), and the
pickup code said and shown big while the pickup pair prints."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.services.childcare import (
    ChildInfo,
)
from kiosk.ui import icons
from kiosk.ui.areas.childcare.flow import ChildcareDesk
from kiosk.ui.areas.childcare.parts import (
    CHILDCARE,
    RED,
    ChildcarePage,
    ChildcareShell,
    CodeCard,
    KeypadPage,
    age_words,
    child_icon,
    go_tile,
    photo_pixmap,
    tile,
)
from kiosk.ui.areas.childcare.station import code_words
from kiosk.ui.pages.base import (
    body_label,
    picture_label,
    tile_grid,
)
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad
from kiosk.ui.widgets.card import paint_cover
from kiosk.ui.widgets.columns import page_column
from kiosk.ui.widgets.page_kit import compact_pager, paint_tick, two_columns
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.pager import page_slice

WARNING_BACKGROUND = "#ffd54f"  # a light amber under black words: a warning, not an error
CARDS_PER_PAGE = 4  # on the children page: four children, "new child" and "check in"


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
            paint_tick(painter, self, 52, 36)
        painter.end()


class CheckInPhonePage(FixedWords, KeypadPage):
    desk: ChildcareDesk

    page_name = "childcare_checkin"
    keypad_icon = "action.phone"
    title_words = N_("Children in")
    purpose_words = N_("Type the mother's phone number: 10 numbers.")

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        keypad = NumericKeypad(max_length=10, speaker=shell.speaker)
        super().__init__(
            shell, desk, parent, sentence=_("The mother's phone number"), keypad=keypad
        )
        # The number stays shown: a mother not found sees what was typed.
        keypad.submitted.connect(desk.phone_typed)


class ChildrenPage(ChildcarePage):
    """Her children as cards: touch the ones who stay, then "check in" prints the slip."""

    desk: ChildcareDesk

    page_name = "childcare_children"

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent)
        layout = page_column(self, MIN_GAP_PX)
        self.mother = self.line("childcare_mother", layout)
        # Why the list is empty, while it is: no child yet, or hers are at another centre.
        self.none_here = self.line("childcare_children_none", layout)
        self.none_here.hide()
        self.cards: list[ChildCard] = []
        for index in range(CARDS_PER_PAGE):
            card = ChildCard(CHILDCARE.icon, "", "", speaker=None, colour="#ffffff", parent=self)
            card.setObjectName(f"childcare_child_{index}")
            card.setProperty("kioskChoice", True)
            card.set_font_px(24)
            card.activated.connect(partial(self._tapped, index))
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
        self.go_tile = go_tile(
            shell,
            self,
            "childcare_children_go",
            "action.print",
            _("Check in"),
            _("Check in and print the slip"),
        )
        self.go_tile.activated.connect(desk.check_in)
        # Four children, then "new child" and "check in" on the second row.
        layout.addLayout(tile_grid([*self.cards, self.new_tile, self.go_tile]), 1)
        self.pager = compact_pager(shell.speaker, self, self._fill, layout)
        self._children: list[ChildInfo] = []
        self._elsewhere = False
        self._photos: dict[int, QPixmap] = {}

    def title(self) -> str:
        guardian = self.desk.state.guardian
        return (
            _("Children of {name}").format(name=guardian.first_name) if guardian else _("Children")
        )

    def purpose(self) -> str:
        if not self._children:
            return self._none_words()
        return _("Touch the children who stay, then Check in.")

    def _none_words(self) -> str:
        if self._elsewhere:
            return _(
                "Her children are registered at another centre. Register them here: "
                "touch New child."
            )
        return _("She has no children registered. Touch New child.")

    def entered(self) -> None:
        guardian = self.desk.state.guardian
        self.mother.setText(
            f"{guardian.name} · {guardian.masked_phone}"
            if guardian
            else _("Go back and type the phone.")
        )
        self._children = self.desk.children()
        self._elsewhere = not self._children and self.desk.children_elsewhere()
        self.none_here.setText("" if self._children else self._none_words())
        self.none_here.setVisible(not self._children)
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
        self._elsewhere = False
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
        self.desk.registration.start(keep_guardian=True)


class CheckedInPage(ChildcarePage):
    """The code said and shown big while the pickup pair prints."""

    desk: ChildcareDesk

    page_name = "childcare_checked_in"
    icon_name = "action.print"

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent)
        left, right = two_columns(self)
        self.code = CodeCard(self, font_px=96)
        left.addWidget(self.code, 2)
        left.addWidget(self._warning_banner())
        self.names = self.line("childcare_checked_in_names", left, 1)
        self.printing = body_label(
            _("The slip is printing: the mother's part and one label for each child."), self
        )
        left.addWidget(self.printing, 1)
        self.again = tile(shell, self, "childcare_print_again", "action.print", _("Print again"))
        self.again.activated.connect(desk.print_again)
        self.done = go_tile(shell, self, "childcare_checked_in_done", "action.yes", _("Done"), "")
        self.done.activated.connect(desk.checked_in_done)
        right.addWidget(self.again, 1)
        right.addWidget(self.done, 1)

    def _warning_banner(self) -> QFrame:
        """A limit passed (too many children for the volunteers): under the code, in amber."""
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
        return self.warning

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
