"""The staff's two small wizards, one question a page: a new course (its name, its picture)
and a new session (day, start, hours, place, seats). Each answer is handed on through
:attr:`WizardSteps.answered` (the step's key and the value); the desk's flow keeps the draft."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.i18n import N_, _, format_day, ngettext
from kiosk.ui.areas.trainings.common import TRAININGS, topic_icon
from kiosk.ui.pages.base import Page, Shell
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, TextStepPage

Option = tuple[str, str, Callable[[], str]]  # value, picture, words

DAYS_AHEAD = 30  # a new session can be set up to a month ahead
START_HOURS = tuple(range(8, 20))  # the centre opens at 8:00 and closes at 20:00
SESSION_KEYS = ("day", "start", "hours", "place", "seats")
SESSION_STEPS = tuple(f"staff_session_{key}" for key in SESSION_KEYS)
TRAINING_STEPS = ("staff_training_title", "staff_training_topic")

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

# Each step: its page, the key of its answer, its picture, its title and what to do.
STEPS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "staff_training_title",
        "title",
        "action.keyboard",
        N_("Name of the course"),
        N_("Write the course's name and touch the green button."),
    ),
    (
        "staff_training_topic",
        "topic",
        TRAININGS.icon,
        N_("Picture of the course"),
        N_("Touch the picture the women will see for this course."),
    ),
    (
        "staff_session_day",
        "day",
        "misc.calendar",
        N_("Day of the session"),
        N_("Touch the day. The arrows show more days."),
    ),
    (
        "staff_session_start",
        "start",
        "misc.clock",
        N_("Start time"),
        N_("Touch the time the session starts."),
    ),
    (
        "staff_session_hours",
        "hours",
        "misc.clock",
        N_("How long"),
        N_("Touch how many hours the session lasts."),
    ),
    (
        "staff_session_place",
        "place",
        "misc.place",
        N_("Place"),
        N_("Write where the session takes place."),
    ),
    (
        "staff_session_seats",
        "seats",
        "misc.seat",
        N_("Seats"),
        N_("Type how many women can come (1 to 200)."),
    ),
)


def hours_words(hours: int) -> str:
    return ngettext("{count} hour", "{count} hours", hours).format(count=hours)


def day_options(start: date) -> list[Option]:
    """The next days the centre is open (not Sundays), as "jueves 3 de diciembre"."""
    days = (start + timedelta(days=offset) for offset in range(DAYS_AHEAD + 1))
    return [
        (day.isoformat(), "misc.calendar", partial(format_day, day))
        for day in days
        if day.weekday() != 6
    ]


def _choices(days: list[Option]) -> dict[str, list[Option]]:
    """What the choice steps offer (the days again each time a session is started)."""
    return {
        "topic": [(key, topic_icon(key), partial(_, words)) for key, words in TOPICS],
        "day": days,
        "start": [(f"{h:02d}:00", "misc.clock", partial("{}:00".format, h)) for h in START_HOURS],
        "hours": [(str(n), "misc.clock", partial(hours_words, n)) for n in (1, 2, 3, 4)],
    }


class WizardSteps(QObject):
    """The step pages of both wizards; :attr:`answered` (key, value) when one is answered.
    A written step shows again what is known for it (the place of the last session, a name
    written before going back)."""

    answered = Signal(str, object)

    def __init__(self, shell: Shell, days: list[Option], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known: dict[str, str] = {}
        choices = _choices(days)
        self.pages: dict[str, Page] = {}
        for name, key, icon, title, purpose in STEPS:
            words = (partial(_, title), partial(_, purpose))
            answer = partial(self._answer, key)
            known = partial(self.known.get, key)
            step: Page
            if key in choices:
                step = ChoiceStepPage(
                    shell, name, icon, *words, choices[key], answer, parent=parent
                )
            elif key == "seats":
                step = NumberStepPage(shell, name, icon, *words, answer, known, parent=parent)
            else:
                step = TextStepPage(shell, name, icon, *words, answer, known, parent=parent)
            self.pages[name] = step

    def _answer(self, key: str, value: str) -> None:
        self.known[key] = value
        self.answered.emit(key, value)

    def restart(self, names: Sequence[str], known: Mapping[str, str] | None = None) -> None:
        """A wizard starts again: its steps forget what was chosen on them, and show what is
        ``known`` already."""
        self.known.clear()
        self.known.update(known or {})
        for name in names:
            self.pages[name].reset()

    def set_days(self, options: list[Option]) -> None:
        day = self.pages["staff_session_day"]
        assert isinstance(day, ChoiceStepPage)
        day.options = options
