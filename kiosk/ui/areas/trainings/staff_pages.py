"""Courses, staff side: the courses and their sessions, a session's list with present / absent
marks, the door where a course slip is scanned to mark her present, and the women given a seat
from the waiting list whom staff still have to call. The pages read their lists through the
functions they are handed and pass every touch on by a signal; the desk's flow
(:mod:`.desk_flow`) decides what follows."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import N_, _, format_date_short, format_time, format_when, ngettext
from kiosk.services.trainings import (
    STATUS_LABELS,
    CallEntry,
    DoorCheck,
    DoorStatus,
    EnrollmentStatus,
    RosterEntry,
    SessionInfo,
    TrainingError,
    TrainingInfo,
)
from kiosk.ui import icons
from kiosk.ui.areas.trainings.common import STAFF, TRAININGS, side_label, topic_icon
from kiosk.ui.pages.base import Page, Shell, body_label, picture_label
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.widgets import NumericKeypad
from kiosk.ui.widgets.columns import column, page_row
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.wizard import tile
from kiosk.words import format_phone

ROSTER_ICONS = {
    EnrollmentStatus.ATTENDED: "action.yes",
    EnrollmentStatus.NO_SHOW: "action.no",
    EnrollmentStatus.WAITLISTED: "misc.waitlist",
}


def seats_taken_words(session: SessionInfo) -> str:
    return _("Seats: {taken} of {seats}").format(taken=session.seats_taken, seats=session.seats)


def session_words(session: SessionInfo) -> str:
    lines = [
        format_date_short(session.starts_at),
        format_time(session.starts_at),
        seats_taken_words(session),
    ]
    if session.waitlist_count:
        lines.append(_("Waiting: {count}").format(count=session.waitlist_count))
    return "\n".join(lines)


class DeskList(FixedWords, TilePage):
    """A list of the desk read through ``read``; touching an item hands it on by ``chose``.
    A page whose first tile adds a new one (``new_words``) says so by ``new``."""

    new_words = ""  # N_()
    NEW = "new"

    chose = Signal(object)
    new = Signal()

    def __init__(
        self, shell: Shell, read: Callable[[], Sequence[object]], parent: QWidget | None = None
    ) -> None:
        self.read = read
        super().__init__(shell, parent)

    def items(self) -> list[object]:
        listed = list(self.read())
        return [self.NEW, *listed] if self.new_words else listed

    def icon(self, item: object) -> str:
        return "action.publish" if item == self.NEW else self.item_icon(item)

    def words(self, item: object) -> str:
        return _(self.new_words) if item == self.NEW else self.item_words(item)

    def item_icon(self, item: object) -> str:
        return self.tile_icon

    def item_words(self, item: object) -> str:
        raise NotImplementedError

    def chosen(self, item: object) -> None:
        if item == self.NEW:
            self.new.emit()
        else:
            self.chose.emit(item)


class DeskListOf(DeskList):
    """A list of one course's or one session's (``shown_id``), read through ``read_of``:
    empty until the flow shows one."""

    shown_id: int | None = None

    def __init__(
        self,
        shell: Shell,
        read_of: Callable[[int], Sequence[object]],
        parent: QWidget | None = None,
    ) -> None:
        self.read_of = read_of
        super().__init__(shell, self.listed, parent)

    def listed(self) -> Sequence[object]:
        return [] if self.shown_id is None else self.read_of(self.shown_id)

    def items(self) -> list[object]:
        return super().items() if self.shown_id is not None else []


class StaffTrainingsPage(DeskList):
    """The courses in alphabetical order; the first tile adds a new one."""

    page_name = "staff_trainings"
    icon_name = TRAININGS.icon
    tile_icon = TRAININGS.icon
    title_words = N_("Courses")
    purpose_words = N_("Touch a course to see its sessions, or add a new course.")
    new_words = N_("New course")

    def item_icon(self, item: object) -> str:
        assert isinstance(item, TrainingInfo)
        return topic_icon(item.topic)

    def item_words(self, item: object) -> str:
        assert isinstance(item, TrainingInfo)
        return item.title


class StaffTrainingPage(DeskListOf):
    """One course's sessions, past ones too, the newest first (the sessions ahead and the ones
    just given are what staff want); the first tile adds a session."""

    page_name = "staff_training"
    icon_name = TRAININGS.icon
    tile_icon = "misc.calendar"
    purpose_words = N_("Touch a session to see its list, or add a new session.")
    new_words = N_("New session")
    training: TrainingInfo | None = None

    def listed(self) -> Sequence[object]:
        return list(reversed(super().listed()))

    def show_training(self, training: TrainingInfo | None) -> None:
        self.training = training
        self.shown_id = training.id if training else None
        self.pager.set_page(0)

    def title(self) -> str:
        return self.training.title if self.training else _("Course")

    def item_words(self, item: object) -> str:
        assert isinstance(item, SessionInfo)
        return session_words(item)


class RosterPage(DeskListOf):
    """Who is coming, alphabetical, then the waiting list; touching a name marks her."""

    page_name = "staff_roster"
    icon_name = "misc.people"
    tile_icon = "misc.people"
    title_words = N_("Attendance list")
    purpose_words = N_("Touch a name to mark whether she came.")
    empty_text = N_("Nobody has signed up for this session yet.")

    def show_session(self, session_id: int | None) -> None:
        self.shown_id = session_id

    def item_icon(self, item: object) -> str:
        assert isinstance(item, RosterEntry)
        return ROSTER_ICONS.get(item.status, "misc.people")

    def item_words(self, item: object) -> str:
        assert isinstance(item, RosterEntry)
        state = _(STATUS_LABELS[item.status])
        if item.status is EnrollmentStatus.WAITLISTED:
            state = f"{state} {item.place_in_line}"
        return f"{item.name}\n{state}"


class CallPage(DeskList):
    """Women given a seat from the waiting list, to be told by phone (the kiosk has no SMS)."""

    page_name = "staff_call"
    icon_name = "action.phone"
    tile_icon = "action.phone"
    title_words = N_("Women to call")
    purpose_words = N_("They now have a seat. Call them, then touch their name.")
    empty_text = N_("Nobody to call: every woman given a seat has been told.")

    def item_words(self, item: object) -> str:
        assert isinstance(item, CallEntry)
        lines = [item.name, format_phone(item.phone), item.training_title]
        lines.append(format_when(item.starts_at))
        # What to tell her about her children: places held, or none because the room is full.
        if item.childcare_full:
            lines.append(_("Childcare full"))
        elif item.childcare:
            lines.append(
                ngettext(
                    "Childcare: {count} place", "Childcare: {count} places", item.childcare
                ).format(count=item.childcare)
            )
        return "\n".join(lines)


class StaffSessionPage(FixedWords, Page):
    """A session: who is coming and waiting, and its list to mark, print or save
    (``roster_tile``, ``print_tile`` and ``csv_tile``, wired by the area to the flow)."""

    page_name = "staff_session"
    icon_name = "misc.calendar"
    colour = STAFF.colour
    title_words = N_("Session")
    purpose_words = N_("Mark who came, print the list or save it.")

    def __init__(
        self,
        shell: Shell,
        session: Callable[[int], SessionInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, parent)
        self.read = session
        self.session_id: int | None = None
        layout = page_row(self)
        self.details = side_label(self, "staff_session_details")
        layout.addWidget(self.details, 3)
        right = column()
        choices = (
            ("staff_session_roster", "misc.people", _("List"), _("Mark who came")),
            (
                "staff_session_print",
                "action.print",
                _("Print list"),
                _("Print the attendance list"),
            ),
            (
                "staff_session_csv",
                "action.export",
                _("Save list"),
                _("Save the list for a spreadsheet"),
            ),
        )
        self.buttons = []
        for name, icon, words, phrase in choices:
            button = tile(shell, self, name, icon)
            button.set_words(words, phrase)
            right.addWidget(button, 1)
            self.buttons.append(button)
        self.roster_tile, self.print_tile, self.csv_tile = self.buttons
        layout.addLayout(right, 2)

    def show_session(self, session_id: int | None) -> None:
        self.session_id = session_id

    def shown(self) -> SessionInfo | None:
        if self.session_id is None:
            return None
        try:
            return self.read(self.session_id)
        except TrainingError:  # gone since it was chosen
            return None

    def entered(self) -> None:
        session = self.shown()
        for button in self.buttons:
            button.setVisible(session is not None)
        if session is None:
            self.details.setText(_("Choose a session in the list."))
            return
        lines = [
            session.training_title,
            format_when(session.starts_at),
            session.place,
            seats_taken_words(session),
            _("Childcare places: {count}").format(count=session.childcare_taken),
            _("Waiting: {count}").format(count=session.waitlist_count),
        ]
        self.details.setText("\n".join(lines))


class DoorPage(FixedWords, Page):
    """At the door: a USB scanner types the course slip's number and Enter into the keypad
    (or staff type it); :attr:`scanned` hands it on, and :meth:`show_check` shows whether she
    is marked present."""

    page_name = "staff_door"
    icon_name = "misc.waitlist"
    colour = STAFF.colour
    title_words = N_("Course door")
    purpose_words = N_("Scan the course slip or type its number.")

    scanned = Signal(str)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = page_row(self)
        left = QVBoxLayout()
        left.addStretch(1)
        self.picture = picture_label("misc.waitlist", 128, self)
        left.addWidget(self.picture)
        self.answer = body_label("", self, px=32, bold=True)
        self.answer.setObjectName("door_answer")
        left.addWidget(self.answer)
        left.addStretch(1)
        layout.addLayout(left, 2)
        self.keypad = NumericKeypad(
            max_length=10, grouping=(3, 3, 3, 1), speaker=shell.speaker, parent=self
        )
        self.keypad.submitted.connect(self._submitted)
        layout.addWidget(self.keypad, 3)
        self.reset()

    def entered(self) -> None:
        self.keypad.setFocus()

    def reset(self) -> None:
        self.keypad.clear()
        self.picture.setPixmap(icons.pixmap("misc.waitlist", 128))
        self.answer.setText(self.purpose())

    def _submitted(self, number: str) -> None:
        self.keypad.clear()
        self.scanned.emit(number)

    def show_check(self, check: DoorCheck) -> None:
        good = check.status in (DoorStatus.MARKED, DoorStatus.ALREADY)
        self.picture.setPixmap(icons.pixmap("action.yes" if good else "action.warning", 128))
        self.answer.setText(check.sentence())
