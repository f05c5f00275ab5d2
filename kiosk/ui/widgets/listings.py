"""The pages a directory of offers is shown with — the job bank and the program directory, member
side and staff side: its kinds as pictures with how many each has, one kind's cards six a screen,
the papers to bring as a row of pictures, "Hear it all"; at the desk, the list with "New" first,
one record with its actions, the check before "Guardar", and a form's questions from a table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Literal

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY, Area
from kiosk.i18n import _
from kiosk.ui.pages.base import (
    BODY_PX,
    YES_COLOUR,
    Page,
    Shell,
    body_label,
    choice_tile,
    document_box,
)
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.card import CardTile
from kiosk.ui.widgets.page_kit import two_columns
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, StepPage, TextStepPage, tile

STAFF = AREA_BY_KEY["staff"]
Option = tuple[str, str, Callable[[], str]]  # value, pictogram, words
Counter = Callable[[Any], Mapping[Any, int]]  # filters -> how many offers each kind has
Lister = Callable[..., Any]  # a service's paged list: its answer has ``cards`` and ``total``


class OfArea:
    """Mixed in first: a page of one area (``area``), whose picture, colour, list tiles'
    picture and title are the area's unless the page names its own."""

    area: ClassVar[Area | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        area = cls.__dict__.get("area")
        if area is None:
            return
        looks = {"icon_name": area.icon, "colour": area.colour, "tile_icon": area.icon}
        for name, value in {**looks, "title_words": area.words}.items():
            if name not in cls.__dict__:
                setattr(cls, name, value)


# --- member side ----------------------------------------------------------------------------------


class KindsPage(FixedWords, TileListPage):
    """The kinds of a directory (kinds of job, needs) as pictures, each with how many offers it
    has in digits; a tap chooses the kind (:attr:`chose`)."""

    kind_icon = ""  # the pictograms' prefix: "job" names "job.cocina"
    kind_enum: type[Enum]  # the kinds, in the order shown
    spacing = MIN_GAP_PX * 2

    chose = Signal(object)

    def __init__(self, shell: Shell, counter: Counter, parent: QWidget | None = None) -> None:
        self._counter = counter
        self._counts: Mapping[Any, int] = {}
        super().__init__(shell, parent)

    def filters(self) -> Any:
        """What the kinds are counted with (None: every offer)."""
        return None

    def kind_word(self, kind: Any) -> str:
        raise NotImplementedError

    def count_phrase(self, word: str, count: int) -> str:
        """What the tile says: ``Cocina: 3 empleos``."""
        raise NotImplementedError

    def count(self, kind: Any) -> int:
        return self._counts.get(kind, 0)

    def refresh(self) -> None:
        self._counts = self._counter(self.filters())
        super().refresh()

    def items(self) -> Sequence[Any]:
        return list(self.kind_enum)

    def icon(self, item: Any) -> str:
        return f"{self.kind_icon}.{item.value}"

    def words(self, item: Any) -> str:
        return f"{self.kind_word(item)} {self.count(item)}"

    def phrase(self, item: Any) -> str:
        return self.count_phrase(self.kind_word(item), self.count(item))

    def chosen(self, item: Any) -> None:
        self.chose.emit(item)


class KindCardsPage(FixedWords, TileListPage):
    """One kind's offers as cards, six a screen, read from the service a screen at a time."""

    tile_class = CardTile
    tile_font_px = 24
    spacing = MIN_GAP_PX * 2
    none_now = ""  # N_() message ids: what the page says while the kind has nothing,
    touch_one = ""  # and what it says otherwise

    def __init__(self, shell: Shell, lister: Lister, parent: QWidget | None = None) -> None:
        self._lister = lister  # (kind, filters, page, per_page)
        self.kind: Any = None
        self.filters: Any = None
        super().__init__(shell, parent)

    def kind_word(self, kind: Any) -> str:
        raise NotImplementedError

    @property
    def cards(self) -> tuple[Any, ...]:
        """The cards on the screen shown."""
        return tuple(self.shown)

    def choose(self, kind: Any, filters: Any = None) -> None:
        """Show ``kind``'s cards (counted with ``filters``) from the first screen."""
        self.kind, self.filters = kind, filters
        self.pager.set_count(0)
        self.pager.set_page(0)

    def title(self) -> str:
        # Before a kind is chosen: the directory's own title (``title_words``).
        return self.kind_word(self.kind) if self.kind is not None else _(self.title_words)

    def purpose(self) -> str:
        return _(self.touch_one) if self.total else _(self.none_now)

    def reset(self) -> None:
        self.kind = self.filters = None
        self.shown = ()
        self.total = 0
        self.pager.set_count(0)

    def load(self, page: int) -> tuple[Sequence[Any], int]:
        if self.kind is None:
            return (), 0
        found = self._lister(self.kind, self.filters, page, self.per_page)
        return found.cards, found.total


class PapersRow:
    """The papers to bring as a row of pictures with their short names; showing another
    offer's papers takes the old boxes out of the row at once (their deletion waits for the
    event loop), so the row never holds more than the offer shown."""

    def __init__(self, parent: QWidget, picture_px: int, *, name: str = "") -> None:
        self.parent = parent
        self.picture_px = picture_px
        self.name = name
        self.row = QHBoxLayout()
        self.row.setSpacing(MIN_GAP_PX * 2)
        self.boxes: list[QWidget] = []

    def show(self, papers: Sequence[tuple[str | None, str]]) -> None:
        self.clear()
        for icon, words in papers:
            box = document_box(
                self.parent,
                icon,
                words,
                self.picture_px,
                name=self.name,
                spacing=2 if self.name else None,
            )
            self.row.addWidget(box)
            self.boxes.append(box)

    def clear(self) -> None:
        for box in self.boxes:
            self.row.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.boxes = []


def action_tile(
    shell: Shell,
    parent: QWidget,
    column: QBoxLayout,
    name: str,
    icon: str,
    words: tuple[str, str],
    colour: str,
    then: Callable[[], object] | SignalInstance,
) -> BigTile:
    """One of a page's choices (named ``name``, its words and what it says), added to
    ``column``, doing ``then`` when touched."""
    button = choice_tile(shell, parent, name, icon, words[0], words[1], colour=colour)
    button.activated.connect(then)
    column.addWidget(button, 1)
    return button


def said_whole(parts: Sequence[str], papers: Sequence[str], *after: str) -> str:
    """Everything about an offer as one spoken text: each part that has words a sentence, then
    the papers to bring, then ``after`` (how to apply)."""
    bring = [_("Bring: {things}").format(things=", ".join(papers))] if papers else []
    spoken = [*parts, *bring, *after]
    return ". ".join(p.strip().rstrip(".") for p in spoken if p and p.strip()) + "."


def hear_all_tile(
    shell: Shell, parent: QWidget, name: str, phrase: str, colour: str, said: Callable[[], str]
) -> BigTile:
    """ "Hear it all": the tap says ``said()`` (the whole offer) instead of the tile's name."""
    hear = BigTile(
        "nav.speaker", _("Hear it all"), phrase, speaker=None, colour=colour, parent=parent
    )
    hear.setObjectName(name)
    hear.setProperty("kioskChoice", True)
    hear.activated.connect(lambda: shell.speaker.say(said()))
    return hear


# --- staff side -----------------------------------------------------------------------------------


class DeskListPage(FixedWords, TileListPage):
    """A desk's list of records read a screen at a time, "New" first on every screen when the
    page has one (:attr:`new`); a tap on a record is :attr:`chose` with its id."""

    colour = STAFF.colour
    tile_font_px = 20
    new_words: tuple[str, str] | None = None  # N_() ids: the "New" tile's words and phrase
    new_tile: BigTile

    new = Signal()
    chose = Signal(int)

    def __init__(self, shell: Shell, lister: Lister, parent: QWidget | None = None) -> None:
        self._lister = lister  # (page, per_page)
        super().__init__(shell, parent)

    @property
    def records(self) -> list[Any]:
        """The records on the screen shown."""
        return list(self.shown)

    def lead_tiles(self) -> list[BigTile]:
        if self.new_words is None:
            return []
        self.new_tile = tile(self.shell, self, f"{self.page_name}_new", "action.publish")
        self.new_tile.set_words(_(self.new_words[0]), _(self.new_words[1]))
        self.new_tile.activated.connect(self.new)
        return [self.new_tile]

    def load(self, page: int) -> tuple[Sequence[Any], int]:
        found = self._lister(page, per_page=self.per_page)
        return found.cards, found.total

    def chosen(self, item: Any) -> None:
        self.chose.emit(item.id)


class RecordPage(FixedWords, Page):
    """One record at the desk, read afresh each time the page opens: its details on the left
    (``<page>_details``), its actions as tiles on the right — one per row of ``action_rows``: the
    attribute it is kept in, its name, picture, words and what it says (N_() ids) —, none
    offered while there is no record (the details then say ``nothing_words``)."""

    colour = STAFF.colour
    details_px = BODY_PX
    nothing_words = ""  # N_() message id
    action_rows: tuple[tuple[str, str, str, str, str], ...] = ()

    def __init__(
        self, shell: Shell, current: Callable[[], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.current = current
        left, right = two_columns(self)
        self.details = body_label("", self, px=self.details_px)
        self.details.setObjectName(f"{self.page_name}_details")
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        left.addWidget(self.details)
        self.tiles: list[BigTile] = []
        for attribute, name, icon, words, phrase in self.action_rows:
            button = tile(shell, self, name, icon)
            button.set_words(_(words) if words else "", _(phrase) if phrase else "")
            right.addWidget(button, 1)
            setattr(self, attribute, button)
            self.tiles.append(button)

    def entered(self) -> None:
        record = self.current()
        for button in self.tiles:
            button.setVisible(record is not None)
        if record is None:
            self.details.setText(_(self.nothing_words))
            return
        self.details.setText(self.describe(record))
        self.show_actions(record)

    def describe(self, record: Any) -> str:
        raise NotImplementedError

    def show_actions(self, record: Any) -> None:
        """Which actions the record allows (every one unless a page says)."""


class CheckStepPage(StepPage):
    """A form's last step: what was gathered, to check, and the green "Guardar"
    (``<form>_summary`` and ``<form>_save`` for a page named ``<form>_review``)."""

    save = Signal()

    def __init__(
        self,
        shell: Shell,
        name: str,
        title: Callable[[], str],
        purpose: Callable[[], str],
        save_phrase: str,
        summary: Callable[[], Sequence[str]],
        *,
        px: int = BODY_PX,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, name, "action.yes", title, purpose, parent)
        self._summary = summary
        form = name.removesuffix("_review")
        left, right = two_columns(self)
        self.summary = body_label("", self, px=px)
        self.summary.setObjectName(f"{form}_summary")
        left.addWidget(self.summary)
        self.save_tile = tile(shell, self, f"{form}_save", "action.yes", YES_COLOUR)
        self.save_tile.set_words(_("Save"), save_phrase)
        self.save_tile.activated.connect(self.save)
        right.addWidget(self.save_tile)

    def entered(self) -> None:
        self.summary.setText("\n".join(line for line in self._summary() if line))


@dataclass(frozen=True)
class Ask:
    """One question of a desk's form, a row of its table: the page's name and picture, its
    title and what it asks (N_() message ids), the value it fills, and how it is answered —
    written, typed on the keypad, or one of ``options``."""

    name: str
    icon: str
    title: str
    purpose: str
    key: str
    kind: Literal["text", "number", "choice"] = "text"
    max_length: int = 80
    min_length: int = 1
    options: Callable[[], Sequence[Option]] | None = None


def ask_pages(
    shell: Shell,
    asks: Sequence[Ask],
    answer: Callable[[str, Any], None],
    value: Callable[[str], Any],
    parent: QWidget | None = None,
) -> dict[str, StepPage]:
    """The form's pages by name, one per question: each answer goes to ``answer(key, it)``;
    a written or typed one starts from ``value(key)`` (what the record has now)."""
    pages: dict[str, StepPage] = {}
    for ask in asks:
        title, purpose = _words(ask.title), _words(ask.purpose)

        def answered(it: Any, key: str = ask.key) -> None:
            answer(key, it)

        def current(key: str = ask.key) -> Any:
            return value(key)

        page: StepPage
        if ask.kind == "choice":
            options = ask.options() if ask.options else ()
            page = ChoiceStepPage(
                shell, ask.name, ask.icon, title, purpose, options, answered, parent=parent
            )
        elif ask.kind == "number":
            page = NumberStepPage(
                shell, ask.name, ask.icon, title, purpose, answered, current,
                max_length=ask.max_length, min_length=ask.min_length, parent=parent,
            )  # fmt: skip
        else:
            page = TextStepPage(
                shell, ask.name, ask.icon, title, purpose, answered, current,
                max_length=ask.max_length, parent=parent,
            )  # fmt: skip
        pages[ask.name] = page
    return pages


def _words(message: str) -> Callable[[], str]:
    return lambda: _(message)
