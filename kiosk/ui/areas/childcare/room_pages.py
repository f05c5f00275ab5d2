"""The room: the live board of who is inside (counts against capacity and ratio, allergies,
mothers whose course has ended), and today's codes to print a lost stub again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, format_time, ngettext
from kiosk.services.childcare import (
    PickupInfo,
    RoomBoard,
    RoomChild,
)
from kiosk.ui import icons
from kiosk.ui.areas.childcare.flow import ChildcareDesk
from kiosk.ui.areas.childcare.parts import (
    AMBER,
    CHILDCARE,
    RED,
    ChildcarePage,
    ChildcareShell,
    RoomListPage,
    age_words,
    child_icon,
    face_pixmap,
    photo_pixmap,
)
from kiosk.ui.areas.childcare.station import code_words
from kiosk.ui.pages.base import (
    TITLE_PX,
    body_label,
)
from kiosk.ui.timers import timer
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.columns import page_column
from kiosk.ui.widgets.looks import restyle
from kiosk.ui.widgets.page_kit import compact_pager
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.pager import page_slice

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
    if board.full:
        return _("Full")
    return _("No more until another volunteer starts her shift")


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
        restyle(self.flags, f"color: {colour};")
        self.flags.setVisible(bool(flags))
        border = AMBER if child.training_ended else RED if child.has_allergy else CHILDCARE.colour
        restyle(
            self,
            "#childcare_board_card { background: #ffffff; border: 4px solid "
            f"{border}; border-radius: 14px; }} #childcare_board_card QLabel {{ border: none; }}",
        )
        self.setAccessibleName(f"{self.name.text()}. {self.detail.text()}. {self.flags.text()}")


class RoomPage(ChildcarePage):
    """The live board: who is in the room, counts against capacity and ratio, and the
    children whose mother's course has ended."""

    desk: ChildcareDesk

    page_name = "childcare_room"
    icon_name = "misc.people"

    def __init__(self, shell: ChildcareShell, desk: ChildcareDesk, parent: QWidget | None = None):
        super().__init__(shell, desk, parent)
        layout = page_column(self, MIN_GAP_PX)
        self.counts = self.line("childcare_counts", layout)
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
        self.pager = compact_pager(shell.speaker, self, self._fill, layout)
        self.board: RoomBoard | None = None
        # Live while shown: the clock moves courses to "ended" and other stations check in.
        self.timer = timer(self, self.refresh, BOARD_REFRESH_MS, once=False)

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
        restyle(self.counts, f"color: {RED};" if full else "")
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


class ReprintPage(FixedWords, RoomListPage):
    """Today's codes with children still inside: touch one to print its slip again."""

    desk: ChildcareDesk

    page_name = "childcare_reprint"
    icon_name = "action.print"
    tile_icon = "action.print"
    title_words = N_("Reprint a slip")
    purpose_words = N_("Touch the mother's code to print her slip again, with the same code.")

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
