"""OnScreenKeyboard: writing a name, only where a name must be written (DESIGN.md 3.7).

The letters are in alphabetical order, not QWERTY: someone who reads little knows the
alphabet song better than a typist's layout. There is no shift key: the keys show capitals
and each word gets its first letter capitalized by itself ("maría pérez" -> "María Pérez").
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.ui.widgets.base import MIN_GAP_PX, MIN_TARGET_PX, Speaks
from kiosk.ui.widgets.keypad import KeyButton, done_key, entry_column, entry_display, erase_key

COLUMNS = 9  # 9 × 96 px + 8 × 12 px = 960 px: fits a 1024 px wide screen with its margins
# Spanish alphabetical order, ñ after n; then the accented vowels and ü on their own row.
LETTER_ROWS = ("abcdefghi", "jklmnñopq", "rstuvwxyz", "áéíóúü")
LETTERS = frozenset("".join(LETTER_ROWS))
DISPLAY_FONT_PX = 40  # at least 32 px
_CURSOR_COLOUR = "#1565c0"


def capitalize_words(text: str) -> str:
    """Each word with a capital first letter and the rest small: "maRÍA pérez" -> "María Pérez"."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in text.split(" "))


class OnScreenKeyboard(QWidget):
    """The alphabet (with ñ, á é í ó ú, ü), space, erase and ✓ in rows of at most nine keys.

    Every key is at least 96×96 px and 12 px from its neighbours at 1024 px wide, speaks its
    letter and types it. ✓ is disabled until ``min_length`` letters are written. A physical
    keyboard works too: letters, space, Backspace, Enter.
    """

    changed = Signal(str)
    submitted = Signal(str)

    def __init__(
        self,
        *,
        max_length: int = 60,
        min_length: int = 1,
        speaker: Speaks | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.min_length = max(1, min_length)
        self._speaker = speaker
        self._typed = ""
        layout = entry_column(self, "onScreenKeyboard", "keyboard", MIN_GAP_PX)
        top = self._build_display(layout)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX)
        layout.addLayout(grid, 1)
        self._build_letters(grid, speaker)
        self._build_actions(top, grid, speaker)
        self._refresh()

    def _build_display(self, layout: QVBoxLayout) -> QHBoxLayout:
        """What she has written, on one line with Erase beside it."""
        self.display = entry_display(
            self,
            "keyboardDisplay",
            DISPLAY_FONT_PX,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        self.display.setIndent(16)
        self.display.setFixedHeight(MIN_TARGET_PX)
        # A long name must not widen the keyboard past the screen: the display shows its end.
        self.display.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Erase sits right beside the name it erases, wide enough for its picture and word.
        top = QHBoxLayout()
        top.setSpacing(MIN_GAP_PX)
        top.addWidget(self.display, COLUMNS - 2)
        layout.addLayout(top)
        return top

    def _build_letters(self, grid: QGridLayout, speaker: Speaks | None) -> None:
        self.letter_keys: dict[str, KeyButton] = {}
        for row, letters in enumerate(LETTER_ROWS):
            for column, letter in enumerate(letters):
                # Spoken in small letters: some voices say "capital" before a capital.
                key = KeyButton(letter.upper(), letter, letter, speaker=speaker, parent=self)
                key.setObjectName(f"key_{letter}")
                key.typed.connect(self.type_text)
                self.letter_keys[letter] = key
                grid.addWidget(key, row, column)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        for row in range(len(LETTER_ROWS)):
            grid.setRowStretch(row, 1)

    def _build_actions(self, top: QHBoxLayout, grid: QGridLayout, speaker: Speaks | None) -> None:
        # The last row: the six accented letters, then space and ✓ (two keys wide), so the
        # keyboard is 4 rows high and fits under a page title on a 768 px high screen.
        last_row = len(LETTER_ROWS) - 1
        accents = len(LETTER_ROWS[-1])
        self.space_button = KeyButton("␣", " ", _("Space"), speaker=speaker, parent=self)
        self.space_button.setObjectName("key_space")
        self.space_button.setAccessibleName(_("Space"))
        self.space_button.typed.connect(self.type_text)
        grid.addWidget(self.space_button, last_row, accents)
        self.erase_button = erase_key(self, _("Erase the last letter"), speaker, self.erase)
        self.erase_button.setFixedHeight(MIN_TARGET_PX)
        top.addWidget(self.erase_button, 2)
        self.submit_button = done_key(self, speaker, self.submit, self._say_write_first)
        grid.addWidget(self.submit_button, last_row, accents + 1, 1, 2)

    # --- the text -------------------------------------------------------------------------

    def text(self) -> str:
        """What is written, each word capitalized ("María Pérez")."""
        return capitalize_words(self._typed)

    def set_text(self, text: str) -> None:
        """Write ``text`` (letters and single spaces kept, the rest dropped)."""
        typed = ""
        for char in text.lower():
            typed = self._accept(typed, char)
        self._set_typed(typed)

    def clear(self) -> None:
        self._set_typed("")

    def type_text(self, char: str) -> None:
        self._set_typed(self._accept(self._typed, char.lower()))

    def erase(self) -> None:
        self._set_typed(self._typed[:-1])

    def submit(self) -> None:
        name = self.text().strip()
        if len(name) < self.min_length:
            self._say_write_first()
            return
        self.submitted.emit(name)

    def set_touch_and_hear(self, on: bool | None) -> None:
        """Touch-and-hear for erase and ✓ (letter keys always type at once, see KeyButton)."""
        self.erase_button.set_touch_and_hear(on)
        self.submit_button.set_touch_and_hear(on)

    def _accept(self, typed: str, char: str) -> str:
        if len(typed) >= self.max_length:
            return typed
        if char == " ":
            # No space first or twice: an invisible mistake is the hardest to find.
            return typed + " " if typed and not typed.endswith(" ") else typed
        return typed + char if char in LETTERS else typed

    def _set_typed(self, typed: str) -> None:
        if typed == self._typed:
            return
        self._typed = typed
        self._refresh()
        self.changed.emit(self.text())

    def _refresh(self) -> None:
        self.submit_button.setEnabled(len(self.text().strip()) >= self.min_length)
        self.display.setAccessibleName(self.text())
        self._show_text()

    def _show_text(self) -> None:
        # The end of the text, where she is writing, plus a coloured "_" where the next letter
        # goes (it does not blink: no moving text).
        text = self.text()
        metrics = self.display.fontMetrics()
        room = self.display.contentsRect().width() - 2 * self.display.indent()
        room -= metrics.horizontalAdvance("_…")
        shown = text
        while shown and metrics.horizontalAdvance(shown) > room > 0:
            shown = shown[1:]
        prefix = "…" if shown != text else ""
        html = escape(prefix + shown).replace(" ", "&nbsp;")
        self.display.setText(f'{html}<span style="color:{_CURSOR_COLOUR}">_</span>')

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_text()

    def _say_write_first(self) -> None:
        if self._speaker is not None:
            self._speaker.say(_("First write with the letters"))

    # --- a physical keyboard --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        char = event.text().lower()
        if len(char) == 1 and char in LETTERS:
            # Through the on-screen key, so a typed letter is spoken like a tapped one.
            self.letter_keys[char].click()
        elif char == " ":
            self.space_button.click()
        elif event.key() == Qt.Key.Key_Backspace:
            self.erase()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
