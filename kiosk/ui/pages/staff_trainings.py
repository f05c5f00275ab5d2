"""Courses, staff side: the courses and their sessions, a new course or session one question a
page, a session's list with present / absent marks, its attendance sheet printed and saved for a
spreadsheet, the door where a course slip is scanned to mark her present, and the women given a
seat from the waiting list whom staff still have to call."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import (
    N_,
    _,
    centre_today,
    format_date_short,
    format_day,
    format_time,
    format_when,
    local_datetime,
    ngettext,
)
from kiosk.logs import area_logger
from kiosk.services.trainings import (
    STATUS_LABELS,
    CallEntry,
    DoorStatus,
    EnrollmentStatus,
    RosterEntry,
    SessionInfo,
    TrainingError,
    TrainingInfo,
    TrainingService,
    issue_session_list,
)
from kiosk.services.vouchers import VoucherService
from kiosk.ui import icons
from kiosk.ui.pages.base import Page, Shell, body_label, picture_label
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.pages.trainings import topic_icon
from kiosk.ui.slips import SlipDesk, slip_options
from kiosk.ui.widgets import MIN_GAP_PX, NumericKeypad
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, TextStepPage, tile
from kiosk.words import format_phone

log = area_logger("trainings")

STAFF = AREA_BY_KEY["staff"]
TRAININGS = AREA_BY_KEY["trainings"]
FOLDER = "trainings"
DAYS_AHEAD = 30  # a new session can be set up to a month ahead
START_HOURS = tuple(range(8, 20))  # the centre opens at 8:00 and closes at 20:00
DOOR_COLOURS = {True: "#2e7d32", False: "#c62828"}

# The courses' pictures staff can choose from (the word is said and shown under it).
TOPICS: tuple[tuple[str, str], ...] = (
    ("panaderia", N_("Bakery")),
    ("cocina", N_("Cooking")),
    ("costura", N_("Sewing")),
    ("manualidades", N_("Crafts")),
    ("computacion", N_("Computers")),
    ("negocios", N_("Business")),
    ("huertos", N_("Gardens")),
    ("ahorro", N_("Savings")),
    ("conservas", N_("Preserves")),
    ("lectura", N_("Reading and writing")),
)


@dataclass
class Draft:
    """What the course or session wizard has gathered so far."""

    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values.get(key)


class TrainingDesk:
    """The staff course pages and what they share: the service, the course and session shown,
    and the two small wizards."""

    def __init__(
        self,
        shell: Shell,
        service: TrainingService,
        vouchers: VoucherService,
        slip_desk: SlipDesk,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = centre_today,
    ) -> None:
        self.shell = shell
        self.service = service
        self.vouchers = vouchers
        self.slip_desk = slip_desk
        self.today = today
        self.training: TrainingInfo | None = None
        self.session_id: int | None = None
        self.draft = Draft()
        self.list_page = StaffTrainingsPage(shell, self, parent)
        self.training_page = StaffTrainingPage(shell, self, parent)
        self.session_page = StaffSessionPage(shell, self, parent)
        self.roster_page = RosterPage(shell, self, parent)
        self.door_page = DoorPage(shell, self, parent)
        self.call_page = CallPage(shell, self, parent)
        self._pages: list[Page] = [
            self.list_page,
            self.training_page,
            self.session_page,
            self.roster_page,
            self.door_page,
            self.call_page,
        ]
        self._build_wizards(parent)

    def reset(self) -> None:
        """The staff visit is over: no course or session shown, no half-filled wizard."""
        self.training = None
        self.session_id = None
        self.draft = Draft()

    def pages(self) -> list[Page]:
        return list(self._pages)

    # --- moving between the pages ---------------------------------------------------------

    def show_training(self, training: TrainingInfo) -> None:
        self.training = training
        self.training_page.pager.set_page(0)
        self.shell.open("staff_training")

    def show_session(self, session_id: int) -> None:
        self.session_id = session_id
        self.shell.open("staff_session")

    def session(self) -> SessionInfo | None:
        if self.session_id is None:
            return None
        try:
            return self.service.session(self.session_id)
        except TrainingError:
            return None

    # --- the wizards ----------------------------------------------------------------------

    def _build_wizards(self, parent: QWidget | None) -> None:
        shell = self.shell
        topics = [(key, topic_icon(key), lambda words=words: _(words)) for key, words in TOPICS]
        hours = [
            (str(hours), "misc.clock", lambda n=hours: _hours_words(n)) for hours in (1, 2, 3, 4)
        ]
        self.day_step = ChoiceStepPage(
            shell,
            "staff_session_day",
            "misc.calendar",
            lambda: _("Day of the session"),
            lambda: _("Touch the day. The arrows show more days."),
            self._day_options(),
            partial(self.store, "day"),
            parent=parent,
        )
        self._pages += [
            TextStepPage(
                shell,
                "staff_training_title",
                "action.keyboard",
                lambda: _("Name of the course"),
                lambda: _("Write the course's name and touch the green button."),
                partial(self.store, "title"),
                lambda: self.draft.get("title"),
                parent=parent,
            ),
            ChoiceStepPage(
                shell,
                "staff_training_topic",
                TRAININGS.icon,
                lambda: _("Picture of the course"),
                lambda: _("Touch the picture the women will see for this course."),
                topics,
                partial(self.store, "topic"),
                parent=parent,
            ),
            self.day_step,
            ChoiceStepPage(
                shell,
                "staff_session_start",
                "misc.clock",
                lambda: _("Start time"),
                lambda: _("Touch the time the session starts."),
                [(f"{h:02d}:00", "misc.clock", partial("{}:00".format, h)) for h in START_HOURS],
                partial(self.store, "start"),
                parent=parent,
            ),
            ChoiceStepPage(
                shell,
                "staff_session_hours",
                "misc.clock",
                lambda: _("How long"),
                lambda: _("Touch how many hours the session lasts."),
                hours,
                partial(self.store, "hours"),
                parent=parent,
            ),
            TextStepPage(
                shell,
                "staff_session_place",
                "misc.place",
                lambda: _("Place"),
                lambda: _("Write where the session takes place."),
                partial(self.store, "place"),
                lambda: self.draft.get("place"),
                parent=parent,
            ),
            NumberStepPage(
                shell,
                "staff_session_seats",
                "misc.seat",
                lambda: _("Seats"),
                lambda: _("Type how many women can come (1 to 200)."),
                partial(self.store, "seats"),
                lambda: self.draft.get("seats"),
                max_length=3,
                parent=parent,
            ),
        ]

    def _day_options(self) -> list[tuple[str, str, Callable[[], str]]]:
        """The next days the centre is open (not Sundays), as "jueves 3 de diciembre"."""
        options: list[tuple[str, str, Callable[[], str]]] = []
        start = self.today()
        for offset in range(DAYS_AHEAD + 1):
            day = start + timedelta(days=offset)
            if day.weekday() == 6:
                continue
            options.append((day.isoformat(), "misc.calendar", partial(format_day, day)))
        return options

    def start_training(self) -> None:
        self.draft = Draft({"wizard": "training"})
        for name in ("staff_training_title", "staff_training_topic"):
            self.shell_page(name).reset()
        self.shell.open("staff_training_title")

    def start_session(self) -> None:
        if self.training is None:
            return
        place = ""
        sessions = self.service.sessions(self.training.id)
        if sessions:
            place = sessions[-1].place  # the same room as last time, to confirm or change
        self.draft = Draft({"wizard": "session", "place": place})
        self.day_step.options = self._day_options()
        for name in SESSION_STEPS:
            self.shell_page(name).reset()
        self.shell.open(SESSION_STEPS[0])

    def shell_page(self, name: str) -> Page:
        return next(page for page in self._pages if page.page_name == name)

    def store(self, key: str, value: Any) -> None:
        wizard = self.draft.get("wizard")
        training_step = wizard == "training" and key in ("title", "topic")
        session_step = wizard == "session" and key in SESSION_KEYS and self.training is not None
        if not (training_step or session_step):
            # A step page reached without its wizard (the desk was left half-way): start over.
            self.shell.open("staff_trainings")
            return
        self.draft.values[key] = value
        if wizard == "training":
            if key == "title":
                self.shell.open("staff_training_topic")
            else:
                self._save_training()
            return
        order = list(SESSION_KEYS)
        index = order.index(key)
        if index + 1 < len(order):
            self.shell.open(SESSION_STEPS[index + 1])
        else:
            self._save_session()

    def _save_training(self) -> None:
        get = self.draft.get
        try:
            training = self.service.create_training(get("title") or "", get("topic") or "")
        except TrainingError as exc:
            self.shell.show_error(str(exc))
            return
        self.shell.speaker.say(_("The course is saved. Now add its first session."))
        self.training = training
        self.shell.open("staff_trainings")
        self.show_training(training)

    def _save_session(self) -> None:
        get = self.draft.get
        assert self.training is not None
        try:
            day = date.fromisoformat(get("day"))
            hour, minute = (int(part) for part in str(get("start")).split(":"))
            starts_at = local_datetime(day, time(hour, minute))
            ends_at = starts_at + timedelta(hours=int(get("hours")))
            seats = int(get("seats") or "0")
        except (TypeError, ValueError):
            self.shell.show_error(_("Something is missing. Start the session again."))
            return
        try:
            info = self.service.add_session(
                self.training.id, starts_at, ends_at, get("place") or "", seats
            )
        except TrainingError as exc:
            self.shell.show_error(str(exc))
            return
        self.shell.speaker.say(_("Session saved: {when}.").format(when=format_when(info.starts_at)))
        self.draft = Draft()
        self.shell.open("staff_training")

    # --- a session's lists ----------------------------------------------------------------

    def print_list(self) -> None:
        session = self.session()
        if session is None:
            return
        voucher = issue_session_list(
            self.vouchers,
            session,
            self.service.roster(session.id),
            slip_options(self.shell.settings),
        )
        self.shell.speaker.say(_("The attendance list is printing."))
        self.slip_desk.print_slip(voucher.number)

    def save_csv(self) -> Path | None:
        """The session's list as a spreadsheet file in the data folder's trainings folder."""
        session = self.session()
        if session is None:
            return None
        folder = self.shell.settings.data_dir / FOLDER
        day = format_date_short(session.starts_at).replace("/", "-")
        path = folder / f"curso-{session.id}-{day}.csv"
        try:
            # Names and phones: readable by the kiosk's user only.
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
                out.write(self.service.roster_csv(session.id))
        except OSError as exc:
            log.warning("session list not saved: %s", exc.strerror)
            self.shell.show_error(_("The list could not be saved. Ask for help."))
            return None
        self.shell.show_message(
            _("The list is saved in the folder {folder}.").format(folder=str(folder)),
            "action.export",
        )
        return path

    def mark(self, entry: RosterEntry) -> None:
        if entry.status is EnrollmentStatus.WAITLISTED:
            self.shell.show_message(
                _("{name} is on the waiting list, number {position}.").format(
                    name=entry.name, position=entry.place_in_line
                ),
                "misc.waitlist",
            )
            return

        def answer(came: bool) -> None:
            try:
                self.service.mark_attendance(entry.enrollment_id, came)
            except TrainingError as exc:
                self.shell.show_error(str(exc))
            self.roster_page.refresh()

        self.shell.confirm(_("Did {name} come?").format(name=entry.name), "misc.people", answer)

    def call(self, entry: CallEntry) -> None:
        def answer(done: bool) -> None:
            if done:
                self.service.mark_called(entry.enrollment_id)
                self.call_page.refresh()

        if entry.childcare_full:
            question = _(
                "Did you tell {name} she has a seat, but the childcare room is full?"
            ).format(name=entry.name)
        else:
            question = _("Did you tell {name} she has a seat?").format(name=entry.name)
        self.shell.confirm(question, "action.phone", answer)


SESSION_KEYS = ("day", "start", "hours", "place", "seats")
SESSION_STEPS = tuple(f"staff_session_{key}" for key in ("day", "start", "hours", "place", "seats"))


def _hours_words(hours: int) -> str:
    return ngettext("{count} hour", "{count} hours", hours).format(count=hours)


def session_words(session: SessionInfo) -> str:
    seats = _("Seats: {taken} of {seats}").format(taken=session.seats_taken, seats=session.seats)
    lines = [format_date_short(session.starts_at), format_time(session.starts_at), seats]
    if session.waitlist_count:
        lines.append(_("Waiting: {count}").format(count=session.waitlist_count))
    return "\n".join(lines)


# --- the pages ------------------------------------------------------------------------------


class StaffTrainingsPage(TilePage):
    """The courses in alphabetical order; the first tile adds a new one."""

    page_name = "staff_trainings"
    icon_name = TRAININGS.icon
    tile_icon = TRAININGS.icon
    NEW = "new"

    def __init__(self, shell: Shell, desk: TrainingDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        super().__init__(shell, parent)

    def title(self) -> str:
        return _("Courses")

    def purpose(self) -> str:
        return _("Touch a course to see its sessions, or add a new course.")

    def items(self) -> list[object]:
        return [self.NEW, *self.desk.service.trainings()]

    def icon(self, item: object) -> str:
        if item == self.NEW:
            return "action.publish"
        assert isinstance(item, TrainingInfo)
        return topic_icon(item.topic)

    def words(self, item: object) -> str:
        if item == self.NEW:
            return _("New course")
        assert isinstance(item, TrainingInfo)
        return item.title

    def chosen(self, item: object) -> None:
        if item == self.NEW:
            self.desk.start_training()
            return
        assert isinstance(item, TrainingInfo)
        self.desk.show_training(item)


class StaffTrainingPage(TilePage):
    """One course's sessions, past ones too; the first tile adds a session."""

    page_name = "staff_training"
    icon_name = TRAININGS.icon
    tile_icon = "misc.calendar"
    NEW = "new"

    def __init__(self, shell: Shell, desk: TrainingDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        super().__init__(shell, parent)

    def title(self) -> str:
        return self.desk.training.title if self.desk.training else _("Course")

    def purpose(self) -> str:
        return _("Touch a session to see its list, or add a new session.")

    def items(self) -> list[object]:
        if self.desk.training is None:
            return []
        sessions = self.desk.service.sessions(self.desk.training.id)
        # The newest first: the sessions ahead and the ones just given are what staff want.
        return [self.NEW, *reversed(sessions)]

    def icon(self, item: object) -> str:
        return "action.publish" if item == self.NEW else "misc.calendar"

    def words(self, item: object) -> str:
        if item == self.NEW:
            return _("New session")
        assert isinstance(item, SessionInfo)
        return session_words(item)

    def chosen(self, item: object) -> None:
        if item == self.NEW:
            self.desk.start_session()
            return
        assert isinstance(item, SessionInfo)
        self.desk.show_session(item.id)


class StaffSessionPage(Page):
    """A session: who is coming and waiting, and its list to mark, print or save."""

    page_name = "staff_session"
    icon_name = "misc.calendar"
    colour = STAFF.colour

    def __init__(self, shell: Shell, desk: TrainingDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        self.details = body_label("", self)
        self.details.setObjectName("staff_session_details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.details, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.roster_tile = tile(shell, self, "staff_session_roster", "misc.people")
        self.roster_tile.set_words(_("List"), _("Mark who came"))
        self.roster_tile.activated.connect(lambda: shell.open("staff_roster"))
        self.print_tile = tile(shell, self, "staff_session_print", "action.print")
        self.print_tile.set_words(_("Print list"), _("Print the attendance list"))
        self.print_tile.activated.connect(desk.print_list)
        self.csv_tile = tile(shell, self, "staff_session_csv", "action.export")
        self.csv_tile.set_words(_("Save list"), _("Save the list for a spreadsheet"))
        self.csv_tile.activated.connect(desk.save_csv)
        for button in (self.roster_tile, self.print_tile, self.csv_tile):
            right.addWidget(button, 1)
        layout.addLayout(right, 2)

    def title(self) -> str:
        return _("Session")

    def purpose(self) -> str:
        return _("Mark who came, print the list or save it.")

    def entered(self) -> None:
        session = self.desk.session()
        buttons = (self.roster_tile, self.print_tile, self.csv_tile)
        if session is None:
            self.details.setText(_("Choose a session in the list."))
            for button in buttons:
                button.hide()
            return
        for button in buttons:
            button.show()
        lines = [
            session.training_title,
            format_when(session.starts_at),
            session.place,
            _("Seats: {taken} of {seats}").format(taken=session.seats_taken, seats=session.seats),
            _("Childcare places: {count}").format(count=session.childcare_taken),
            _("Waiting: {count}").format(count=session.waitlist_count),
        ]
        self.details.setText("\n".join(lines))


class RosterPage(TilePage):
    """Who is coming, alphabetical, then the waiting list; touching a name marks her."""

    page_name = "staff_roster"
    icon_name = "misc.people"
    tile_icon = "misc.people"

    def __init__(self, shell: Shell, desk: TrainingDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        super().__init__(shell, parent)
        self.empty.setText(_("Nobody has signed up for this session yet."))

    def title(self) -> str:
        return _("Attendance list")

    def purpose(self) -> str:
        return _("Touch a name to mark whether she came.")

    def items(self) -> list[object]:
        if self.desk.session_id is None:
            return []
        return list(self.desk.service.roster(self.desk.session_id))

    def icon(self, item: object) -> str:
        assert isinstance(item, RosterEntry)
        return {
            EnrollmentStatus.ATTENDED: "action.yes",
            EnrollmentStatus.NO_SHOW: "action.no",
            EnrollmentStatus.WAITLISTED: "misc.waitlist",
        }.get(item.status, "misc.people")

    def words(self, item: object) -> str:
        assert isinstance(item, RosterEntry)
        state = _(STATUS_LABELS[item.status])
        if item.status is EnrollmentStatus.WAITLISTED:
            state = f"{state} {item.place_in_line}"
        return f"{item.name}\n{state}"

    def chosen(self, item: object) -> None:
        assert isinstance(item, RosterEntry)
        self.desk.mark(item)


class CallPage(TilePage):
    """Women given a seat from the waiting list, to be told by phone (the kiosk has no SMS)."""

    page_name = "staff_call"
    icon_name = "action.phone"
    tile_icon = "action.phone"

    def __init__(self, shell: Shell, desk: TrainingDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        super().__init__(shell, parent)
        self.empty.setText(_("Nobody to call: every woman given a seat has been told."))

    def title(self) -> str:
        return _("Women to call")

    def purpose(self) -> str:
        return _("They now have a seat. Call them, then touch their name.")

    def items(self) -> list[object]:
        return list(self.desk.service.to_call())

    def words(self, item: object) -> str:
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

    def chosen(self, item: object) -> None:
        assert isinstance(item, CallEntry)
        self.desk.call(item)


class DoorPage(Page):
    """At the door: a USB scanner types the course slip's number and Enter into the keypad
    (or staff type it); the answer says whether she is marked present."""

    page_name = "staff_door"
    icon_name = "misc.waitlist"
    colour = STAFF.colour

    def __init__(self, shell: Shell, desk: TrainingDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
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

    def title(self) -> str:
        return _("Course door")

    def purpose(self) -> str:
        return _("Scan the course slip or type its number.")

    def entered(self) -> None:
        self.keypad.setFocus()

    def reset(self) -> None:
        self.keypad.clear()
        self.picture.setPixmap(icons.pixmap("misc.waitlist", 128))
        self.answer.setText(self.purpose())

    def _submitted(self, number: str) -> None:
        self.keypad.clear()
        staff = getattr(self.shell, "staff_user", None)
        result = self.desk.service.attend_with_slip(number, staff.id if staff else None)
        good = result.status in (DoorStatus.MARKED, DoorStatus.ALREADY)
        self.picture.setPixmap(icons.pixmap("action.yes" if good else "action.warning", 128))
        self.answer.setText(result.sentence())
        self.shell.speaker.say(result.sentence())
