"""Courses, member side: the courses as cards with the next session's day and time and the
seats left (as a number and as chairs), and her own sign-ups, where she cancels one with ✓ / ✗.
The sign-up's own pages ("¿Necesitas guardería?" and the answer) are in :mod:`.signup_pages`.

Home → Cursos → a course → ✓ "Inscribirme": three taps for a woman who brings no children
(the keypad shows 0 and its green key signs her up); one more to type how many she brings.
A woman not signed in yet is asked who she is after touching the course, and comes back to the
same question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.services.trainings import EnrollmentInfo, EnrollmentStatus, TrainingCard
from kiosk.ui.areas.trainings.card_tile import TrainingCardTile
from kiosk.ui.areas.trainings.common import (
    TRAININGS,
    WAIT_COLOUR,
    enrollment_phrase,
    enrollment_words,
    my_courses_tile,
    topic_icon,
)
from kiosk.ui.pages.base import Shell
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.columns import page_row
from kiosk.ui.widgets.page_words import FixedWords

CARDS_PER_PAGE = 4
MINE_PER_PAGE = 6


class CourseList(FixedWords, TileListPage):
    """A member's list of the courses area, read through ``read``: it says ``none_words``
    while it is empty, and hands the touched item on by ``chose``."""

    colour = TRAININGS.colour
    tile_icon = TRAININGS.icon
    tile_font_px = 24
    none_words = ""  # N_(): the purpose while there is nothing to touch

    chose = Signal(object)

    def __init__(
        self, shell: Shell, read: Callable[..., list[Any]], parent: QWidget | None = None
    ) -> None:
        self.read = read
        super().__init__(shell, parent)

    def purpose(self) -> str:
        return _(self.none_words) if not self._items else super().purpose()

    def reset(self) -> None:
        self.pager.set_page(0)

    def chosen(self, item: object) -> None:
        self.chose.emit(item)


class TrainingsPage(CourseList):
    """The courses that have a session ahead, four cards a page, and "Mis cursos"."""

    page_name = "trainings"
    icon_name = TRAININGS.icon
    per_page = CARDS_PER_PAGE
    columns = 2
    tile_class = TrainingCardTile
    empty_text = N_(
        "There are no courses with dates now. Ask a companion when the next ones start."
    )
    title_words = TRAININGS.words
    none_words = N_("There are no courses with dates now.")
    purpose_words = N_("Touch the course you want. The chairs show the seats left.")
    help_words = N_(
        "Each picture is a course, with its next day and time, the place and the seats "
        "left. Touch one to sign up. A brown course is full: you can wait on its list. "
        "Touch My courses to see or cancel your courses."
    )

    mine = Signal()

    def __init__(
        self,
        shell: Shell,
        upcoming: Callable[[], list[TrainingCard]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, upcoming, parent)
        self.mine_tile = my_courses_tile(shell, self, "trainings_mine")
        self.mine_tile.activated.connect(self.mine)
        self.row.addWidget(self.mine_tile, 1)

    def arrange(self, column: QLayout) -> None:
        # The courses on the left, "Mis cursos" beside them on every screen.
        self.row = page_row(self, MIN_GAP_PX * 2)
        self.row.addLayout(column, 4)

    @property
    def cards(self) -> list[TrainingCard]:
        """Every course with a session ahead."""
        return self._items

    def items(self) -> list[TrainingCard]:
        return self.read()

    def show_item(self, tile: TrainingCardTile, card: TrainingCard) -> None:
        tile.show_training(card)


class MySignUpsPage(CourseList):
    """Her sign-ups and places in line, six a page; touching one asks to cancel it."""

    page_name = "training_mine"
    icon_name = "action.sign_up"
    per_page = MINE_PER_PAGE
    empty_text = N_("You are not signed up for any course. Go back and touch a course.")
    title_words = N_("My courses")
    none_words = N_("You are not signed up for any course.")
    purpose_words = N_("These are your courses. Touch one to cancel it.")
    help_words = N_(
        "Each picture is a course you signed up for, or a waiting list you are on, with "
        "its day and time. Touch one if you can no longer come: we will ask you to be sure."
    )

    def reset(self) -> None:
        self._items = []
        super().reset()

    def items(self) -> list[EnrollmentInfo]:
        member = self.shell.visit.member
        return self.read(member.id) if member else []

    def show_item(self, tile: BigTile, item: EnrollmentInfo) -> None:
        tile.set_icon(topic_icon(item.topic))
        waiting = item.status is EnrollmentStatus.WAITLISTED
        tile.set_colour(WAIT_COLOUR if waiting else TRAININGS.colour)
        tile.set_words(enrollment_words(item), enrollment_phrase(item))
