"""The step wizard's kit, shared by every area's forms: one decision per page, each page a
question with a picture — a typed text, a number on the keypad, or one choice of a few — and
the staff desk's ``tile``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.ui.pages.base import Page, Shell, body_label, choice_tile, picture_label
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad, OnScreenKeyboard, Pager
from kiosk.ui.widgets.columns import hbox, vbox
from kiosk.ui.widgets.pager import page_slice

STAFF = AREA_BY_KEY["staff"]
PER_PAGE = 6


def tile(
    shell: Shell, parent: QWidget, name: str, icon: str, colour: str = STAFF.colour
) -> BigTile:
    """A choice of the staff desk's pages, in the desk's colour unless it says."""
    return choice_tile(shell, parent, name, icon, colour=colour)


class StepPage(Page):
    """One step of a form: its page name, picture, title and purpose, and what the form
    knows already for it (``initial``, for the steps that start from it)."""

    colour = STAFF.colour

    def __init__(
        self,
        shell: Shell,
        name: str,
        icon: str,
        title: Callable[[], str],
        purpose: Callable[[], str],
        parent: QWidget | None = None,
        *,
        initial: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.page_name = name
        self.icon_name = icon
        super().__init__(shell, parent)
        self._title = title
        self._purpose = purpose
        self._initial = initial

    def title(self) -> str:
        return self._title()

    def purpose(self) -> str:
        return self._purpose()


class EntryStepPage(StepPage):
    """A step typed on the keyboard or the keypad (``entry``), which starts from what is
    known already (``initial``)."""

    entry: OnScreenKeyboard | NumericKeypad

    def offer_known(self) -> str | None:
        """What is known already, put in while nothing is typed (None when nothing was put
        in); the entry then takes the keys."""
        initial = self._initial()
        offered = str(initial) if initial and not self.entry.text() else None
        if offered:
            self.entry.set_text(offered)
        self.entry.setFocus()
        return offered

    def reset(self) -> None:
        self.entry.clear()


class TextStepPage(EntryStepPage):
    """One line written on the on-screen keyboard."""

    def __init__(
        self,
        shell: Shell,
        name: str,
        icon: str,
        title: Callable[[], str],
        purpose: Callable[[], str],
        on_text: Callable[[str], None],
        initial: Callable[[], str | None],
        *,
        max_length: int = 80,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, name, icon, title, purpose, parent, initial=initial)
        layout = vbox(self)
        self.keyboard = OnScreenKeyboard(max_length=max_length, speaker=shell.speaker, parent=self)
        self.entry = self.keyboard
        self._on_text = on_text
        self._kept = ""  # the stored text, kept as it was (digits, case) while not retyped
        self.keyboard.submitted.connect(self._submitted)
        layout.addWidget(self.keyboard)

    def entered(self) -> None:
        self._kept = self.offer_known() or self._kept

    def _submitted(self, text: str) -> None:
        if self._kept and text == self._typed_form(self._kept):
            self._on_text(self._kept)
            return
        self._on_text(" ".join(text.split()))

    def _typed_form(self, text: str) -> str:
        """What the keyboard shows for ``text`` (its letters only, words capitalized)."""
        before = self.keyboard.text()
        self.keyboard.blockSignals(True)
        self.keyboard.set_text(text)
        typed = self.keyboard.text().strip()
        self.keyboard.set_text(before)
        self.keyboard.blockSignals(False)
        return typed

    def reset(self) -> None:
        super().reset()
        self._kept = ""


class NumberStepPage(EntryStepPage):
    """A number typed on the keypad, beside a picture and what to type."""

    def __init__(
        self,
        shell: Shell,
        name: str,
        icon: str,
        title: Callable[[], str],
        purpose: Callable[[], str],
        on_number: Callable[[str], None],
        initial: Callable[[], str | None] = lambda: None,
        *,
        max_length: int = 3,
        min_length: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, name, icon, title, purpose, parent, initial=initial)
        layout = hbox(self, MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.addStretch(1)
        left.addWidget(picture_label(icon, 128, self))
        self.prompt = body_label("", self, px=32, bold=True)
        left.addWidget(self.prompt)
        left.addStretch(1)
        layout.addLayout(left, 2)
        self.keypad = NumericKeypad(
            max_length=max_length,
            min_length=min_length,
            grouping=(3, 3, 4) if max_length == 10 else (),
            speaker=shell.speaker,
            parent=self,
        )
        self.keypad.submitted.connect(on_number)
        self.entry = self.keypad
        layout.addWidget(self.keypad, 3)

    def entered(self) -> None:
        self.prompt.setText(self.purpose())
        self.offer_known()


class ChoiceStepPage(StepPage):
    """Up to six picture tiles a screen (a pager when there are more); a tap chooses."""

    def __init__(
        self,
        shell: Shell,
        name: str,
        icon: str,
        title: Callable[[], str],
        purpose: Callable[[], str],
        options: Sequence[tuple[str, str, Callable[[], str]]],
        on_choice: Callable[[str], None],
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, name, icon, title, purpose, parent)
        self.options = list(options)
        self._on_choice = on_choice
        layout = vbox(self)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        layout.addLayout(grid, 1)
        shown = min(PER_PAGE, len(self.options))
        columns = 3 if shown > 4 else 2
        self.tiles: list[BigTile] = []
        for index in range(shown):
            choice = tile(shell, self, f"{name}_{index}", self.options[index][1])
            choice.activated.connect(lambda i=index: self._tapped(i))
            grid.addWidget(choice, index // columns, index % columns)
            self.tiles.append(choice)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        self.pager.setVisible(len(self.options) > PER_PAGE)
        layout.addWidget(self.pager)

    def entered(self) -> None:
        self.pager.set_count(len(self.options), PER_PAGE)
        self._fill()

    def reset(self) -> None:
        self.pager.set_page(0)

    def _fill(self) -> None:
        shown = page_slice(self.options, self.pager.page, PER_PAGE)
        for index, choice in enumerate(self.tiles):
            choice.setVisible(index < len(shown))
            if index < len(shown):
                _value, icon, words = shown[index]
                choice.set_icon(icon)
                choice.set_words(words(), words())

    def _tapped(self, index: int) -> None:
        shown = page_slice(self.options, self.pager.page, PER_PAGE)
        if index < len(shown):
            self._on_choice(shown[index][0])
