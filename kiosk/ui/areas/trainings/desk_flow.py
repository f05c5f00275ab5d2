"""The staff's courses desk, without widgets: a course and its sessions shown, the two small
wizards' draft (a new course, a new session), a session's list marked, printed and saved for a
spreadsheet, the women to call, and the door where a course slip marks her present.

The pages are reached through the protocols below and tell the flow what was touched by their
signals (wired in the area's ``attach``), so the flow is tested with fakes
(tests/ui/areas/test_trainings_desk_flow.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.i18n import _, centre_today, format_date_short, format_when, local_datetime
from kiosk.logs import area_logger
from kiosk.services.trainings import (
    CallEntry,
    DoorCheck,
    EnrollmentStatus,
    RosterEntry,
    SessionInfo,
    TrainingError,
    TrainingInfo,
    TrainingService,
    issue_session_list,
)
from kiosk.services.vouchers import VoucherService
from kiosk.slip_options import SlipOptions
from kiosk.ui.areas.flow_parts import PrintsSlips
from kiosk.ui.areas.trainings.staff_wizard import (
    SESSION_KEYS,
    SESSION_STEPS,
    TRAINING_STEPS,
    Option,
    day_options,
)

if TYPE_CHECKING:
    from kiosk.ui.pages.base import Shell

log = area_logger("trainings")

FOLDER = "trainings"


class CourseView(Protocol):
    def show_training(self, training: TrainingInfo | None) -> None: ...


class SessionView(Protocol):
    def show_session(self, session_id: int | None) -> None: ...


class RosterView(SessionView, Protocol):
    def refresh(self) -> None: ...


class CallsView(Protocol):
    def refresh(self) -> None: ...


class DoorView(Protocol):
    def show_check(self, check: DoorCheck) -> None: ...


class StepsView(Protocol):
    def restart(self, names: Sequence[str], known: Mapping[str, str] | None = None) -> None: ...
    def set_days(self, options: list[Option]) -> None: ...


@dataclass(frozen=True)
class DeskPages:
    """The staff's course pages, as the flow sees them."""

    course: CourseView
    session: SessionView
    roster: RosterView
    calls: CallsView
    door: DoorView
    steps: StepsView


@dataclass
class Draft:
    """What the course or session wizard has gathered so far."""

    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values.get(key)


@dataclass(eq=False)
class TrainingDesk:
    """The staff course desk: the course and session shown, and the two small wizards."""

    shell: Shell
    service: TrainingService
    vouchers: VoucherService
    slip_desk: PrintsSlips
    pages: DeskPages
    _: KW_ONLY
    staff_id: Callable[[], int | None] = lambda: None  # who marks her present at the door
    today: Callable[[], date] = centre_today
    training: TrainingInfo | None = None
    session_id: int | None = None
    draft: Draft = field(default_factory=Draft)

    def reset(self) -> None:
        """The staff visit is over: no course or session shown, no half-filled wizard."""
        self.training = None
        self.session_id = None
        self.draft = Draft()

    # --- moving between the pages ---------------------------------------------------------

    def show_training(self, training: TrainingInfo) -> None:
        self.training = training
        self.pages.course.show_training(training)
        self.shell.open("staff_training")

    def show_session(self, session_id: int) -> None:
        self.session_id = session_id
        self.pages.session.show_session(session_id)
        self.pages.roster.show_session(session_id)
        self.shell.open("staff_session")

    def open_roster(self) -> None:
        self.shell.open("staff_roster")

    def session(self) -> SessionInfo | None:
        return self.read_session(self.session_id) if self.session_id is not None else None

    def read_session(self, session_id: int) -> SessionInfo | None:
        try:
            return self.service.session(session_id)
        except TrainingError:
            return None

    # --- the wizards ----------------------------------------------------------------------

    def start_training(self) -> None:
        self.draft = Draft({"wizard": "training"})
        self.pages.steps.restart(TRAINING_STEPS)
        self.shell.open(TRAINING_STEPS[0])

    def start_session(self) -> None:
        if self.training is None:
            return
        place = ""
        sessions = self.service.sessions(self.training.id)
        if sessions:
            place = sessions[-1].place  # the same room as last time, to confirm or change
        self.draft = Draft({"wizard": "session", "place": place})
        self.pages.steps.set_days(day_options(self.today()))
        self.pages.steps.restart(SESSION_STEPS, {"place": place})
        self.shell.open(SESSION_STEPS[0])

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
                self.shell.open(TRAINING_STEPS[1])
            else:
                self._save_training()
            return
        index = SESSION_KEYS.index(key)
        if index + 1 < len(SESSION_KEYS):
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
            SlipOptions.from_settings(self.shell.settings),
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
            self.pages.roster.refresh()

        self.shell.confirm(_("Did {name} come?").format(name=entry.name), "misc.people", answer)

    def call(self, entry: CallEntry) -> None:
        def answer(done: bool) -> None:
            if done:
                self.service.mark_called(entry.enrollment_id)
                self.pages.calls.refresh()

        if entry.childcare_full:
            question = _(
                "Did you tell {name} she has a seat, but the childcare room is full?"
            ).format(name=entry.name)
        else:
            question = _("Did you tell {name} she has a seat?").format(name=entry.name)
        self.shell.confirm(question, "action.phone", answer)

    # --- the door -------------------------------------------------------------------------

    def door(self, number: str) -> None:
        """A course slip scanned (or typed) at the door: she is marked present, or told why
        not, on the page and aloud."""
        check = self.service.attend_with_slip(number, self.staff_id())
        self.pages.door.show_check(check)
        self.shell.speaker.say(check.sentence())
