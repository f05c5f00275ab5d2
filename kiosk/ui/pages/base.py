"""What every page is and what it may ask of the window.

A page renders plain data and emits requests; the window owns navigation, the overlays and the
voice, and the visit owner (kiosk.ui.visit) who is signed in and everything a visit holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.areas import HOME_COLOUR
from kiosk.ui import icons
from kiosk.ui.visit import Visit
from kiosk.ui.widgets import MIN_GAP_PX, BigTile

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.services.members import MemberInfo
    from kiosk.ui.widgets import Speaks

BODY_PX = 28  # body text >= 24 px (DESIGN.md 3.5)
TITLE_PX = 40
YES_COLOUR = "#2e7d32"  # green ✓: sign up, save, hand over
NO_COLOUR = "#c62828"  # red ✗


class Shell(Protocol):
    """What a page may ask of the window."""

    settings: Settings
    visit: Visit

    # Read-only, so that the window's Speaker (or a test's fake) stands in for it.
    @property
    def speaker(self) -> Speaks: ...

    def open(self, name: str) -> None: ...
    def go_home(self) -> None: ...
    def back(self) -> None: ...
    def show_message(self, text: str, icon: str = "action.error") -> None: ...
    def show_error(self, text: str, icon: str | None = None) -> None: ...
    def confirm(
        self, question: str, icon: str | None, on_answer: Callable[[bool], None]
    ) -> None: ...
    def sign_in(self, then: str) -> None: ...
    def signed_in(self, member: MemberInfo) -> None: ...
    def end_visit(self, reason: str) -> None: ...
    def task_done(self) -> None: ...
    def open_fresh(self, name: str) -> None: ...


class Page(QWidget):
    """One decision per page. The window speaks ``title`` and ``purpose`` when it opens."""

    page_name = "page"
    icon_name = "misc.centre"
    colour = HOME_COLOUR
    # Opened only with a staff member signed in with her PIN (volunteers cannot open it).
    staff_only = False
    # Opened only with a volunteer or staff member signed in with her PIN (the childcare room).
    signed_in_only = False
    # A staff page a savings group's treasurer may open too with her PIN (it shows her group).
    savings_page = False

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setObjectName(self.page_name)

    def title(self) -> str:
        raise NotImplementedError

    def purpose(self) -> str:
        """One line, spoken after the title."""
        return ""

    def help_text(self) -> str:
        """What the Ayuda button says on this page."""
        return self.purpose()

    def entered(self) -> None:
        """Called each time the page is shown: read fresh data here."""

    def reset(self) -> None:
        """Forget anything typed or chosen on this page."""


# Faces for the staff and volunteers who choose their name: each keeps the face her id gives
# her (so she learns it), the next free one when another on the same screen has it already.
PERSON_FACES = (
    "person.woman",
    "person.aunt",
    "person.grandmother",
    "person.older_sister",
    "relation.other_1",
    "relation.other_2",
    "relation.other_3",
    "relation.other_4",
    "person.man",
    "person.grandfather",
)


def person_faces(ids: Sequence[int]) -> list[str]:
    """One face per person on a screen, none shared by two."""
    used: set[str] = set()
    faces: list[str] = []
    for person_id in ids:
        start = person_id % len(PERSON_FACES)
        face = next(
            (
                PERSON_FACES[(start + step) % len(PERSON_FACES)]
                for step in range(len(PERSON_FACES))
                if PERSON_FACES[(start + step) % len(PERSON_FACES)] not in used
            ),
            PERSON_FACES[start],
        )
        used.add(face)
        faces.append(face)
    return faces


def tile_grid(tiles: Sequence[QWidget], columns: int = 3) -> QGridLayout:
    """Tiles in rows of ``columns`` that share the page's width and height equally."""
    grid = QGridLayout()
    grid.setSpacing(MIN_GAP_PX * 2)
    for index, tile in enumerate(tiles):
        grid.addWidget(tile, index // columns, index % columns)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    for row in range((len(tiles) + columns - 1) // columns):
        grid.setRowStretch(row, 1)
    return grid


def body_label(text: str, parent: QWidget, *, px: int = BODY_PX, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPixelSize(px)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def picture_label(icon: str, size: int, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setPixmap(icons.pixmap(icon, size))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName(icon)
    return label


def choice_tile(
    shell: Shell,
    parent: QWidget,
    name: str,
    icon: str,
    words: str = "",
    phrase: str = "",
    *,
    colour: str,
) -> BigTile:
    """One of a page's choices: a BigTile named ``name`` that speaks ``phrase`` (its words
    when there is none) and counts among the page's at most six choices (``kioskChoice``)."""
    tile = BigTile(
        icon, words, phrase or words, speaker=shell.speaker, colour=colour, parent=parent
    )
    tile.setObjectName(name)
    tile.setProperty("kioskChoice", True)
    return tile


class Choice(NamedTuple):
    """One of a page's picture choices, as :func:`choice_tiles` makes it."""

    name: str  # the tile's object name
    icon: str
    words: str
    phrase: str  # what a touch says
    colour: str
    then: Callable[[], object] | SignalInstance  # what a touch does


def choice_tiles(
    shell: Shell,
    parent: QWidget,
    choices: Iterable[Choice],
    make: Callable[[str, str, str, str, str], BigTile] | None = None,
) -> list[BigTile]:
    """The tiles of ``choices`` in order, each doing its ``then`` when touched; made by
    :func:`choice_tile` unless ``make`` (name, picture, words, phrase, colour) says."""
    if make is None:
        make = partial(_coloured_choice, shell, parent)
    tiles = []
    for choice in choices:
        tile = make(choice.name, choice.icon, choice.words, choice.phrase, choice.colour)
        tile.activated.connect(choice.then)
        tiles.append(tile)
    return tiles


def _coloured_choice(
    shell: Shell, parent: QWidget, name: str, icon: str, words: str, phrase: str, colour: str
) -> BigTile:
    return choice_tile(shell, parent, name, icon, words, phrase, colour=colour)


def fact_row(
    parent: QWidget,
    layout: QBoxLayout,
    icon: str,
    name: str,
    *,
    picture_px: int,
    px: int = BODY_PX,
    bold: bool = False,
) -> tuple[QLabel, QLabel]:
    """A fact on a detail page: its pictogram, then its words beside it (named ``name``),
    added to ``layout``. Returns the picture and the words, to fill with :func:`show_facts`."""
    line = QHBoxLayout()
    line.setSpacing(MIN_GAP_PX * 2)
    picture = picture_label(icon, picture_px, parent)
    text = body_label("", parent, px=px, bold=bold)
    text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    text.setObjectName(name)
    line.addWidget(picture)
    line.addWidget(text, 1)
    layout.addLayout(line)
    return picture, text


def show_facts(rows: dict[str, tuple[QLabel, QLabel]], texts: dict[str, str]) -> None:
    """Each row's words from ``texts``; a fact with no words is hidden with its picture."""
    for key, (picture, label) in rows.items():
        label.setText(texts[key])
        picture.setVisible(bool(texts[key]))
        label.setVisible(bool(texts[key]))


def document_box(
    parent: QWidget,
    icon: str | None,
    words: str,
    picture_px: int,
    *,
    name: str = "",
    spacing: int | None = None,
) -> QWidget:
    """A paper to bring: its pictogram (when the kiosk has one) above its short name (the box
    named ``name``, its words ``<name>_words``)."""
    box = QWidget(parent)
    if name:
        box.setObjectName(name)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    if spacing is not None:
        column.setSpacing(spacing)
    if icon is not None:
        column.addWidget(picture_label(icon, picture_px, box))
    label = body_label(words, box, px=24)
    if name:
        label.setObjectName(f"{name}_words")
    column.addWidget(label)
    return box
