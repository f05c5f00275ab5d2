"""NumericKeypad: how a member says who she is — her phone number on twelve big keys.

Also KeyButton, the plain big key that the keypad and the on-screen keyboard share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from kiosk.i18n import _, ngettext
from kiosk.ui.widgets.base import MIN_GAP_PX, MIN_TARGET_PX, Speaks
from kiosk.ui.widgets.looks import set_bold, set_colours
from kiosk.ui.widgets.tile import BigTile, DisabledTapHint

KEY_FONT_PX = 44
DISPLAY_FONT_PX = 52  # digits at least 40 px
PHONE_GROUPING = (3, 3, 2, 2)  # "614 555 12 34", as Chihuahua numbers are said and written
ERASE_COLOUR = "#455a64"
SUBMIT_COLOUR = "#2e7d32"
_KEY_GAP_PX = MIN_GAP_PX + 4  # a little more: these keys are the most tapped targets
_PLACEHOLDER_COLOUR = "#6b6b6b"  # 5.3:1 on white: the empty slots are visible but quieter
_SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ERASE_KEYS = (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)


def group_digits(digits: str, grouping: Sequence[int]) -> str:
    """``"6145551234"`` with (3, 3, 2, 2) -> ``"614 555 12 34"``; extra digits form a last group."""
    groups: list[str] = []
    rest = digits
    for size in grouping:
        if not rest:
            break
        groups.append(rest[:size])
        rest = rest[size:]
    if rest:
        groups.append(rest)
    return " ".join(groups)


def entry_display(parent: QWidget, name: str, font_px: int, alignment: Qt.AlignmentFlag) -> QLabel:
    """The white, framed box above a keypad or keyboard that shows what has been typed."""
    display = QLabel(parent)
    display.setObjectName(name)
    display.setProperty("kioskRole", "display")
    display.setTextFormat(Qt.TextFormat.RichText)
    display.setAlignment(alignment)
    set_bold(display, font_px)
    display.setAutoFillBackground(True)
    set_colours(display, "#ffffff", "#000000")
    display.setFrameShape(QLabel.Shape.Box)
    display.setLineWidth(3)
    return display


def entry_column(entry: QWidget, name: str, role: str, spacing: int) -> QVBoxLayout:
    """A keypad's or keyboard's own look (``kioskRole`` ``role``) and the column its display
    and keys stand in; it takes the keys typed on a physical keyboard too."""
    entry.setObjectName(name)
    entry.setProperty("kioskRole", role)
    entry.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    layout = QVBoxLayout(entry)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout


class KeyButton(QToolButton):
    """One big key that types ``value`` and says ``spoken``.

    Keys act on the first tap even with touch-and-hear on: every key speaks as it types, and
    erase undoes a slip, so a second tap per letter would only make writing twice as slow.
    Colours come from the palette, so the theme (``kioskRole="key"``) can restyle them.
    """

    typed = Signal(str)

    def __init__(
        self,
        label: str,
        value: str,
        spoken: str,
        *,
        speaker: Speaks | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.value = value
        self.spoken = spoken
        self._speaker = speaker
        self.setProperty("kioskRole", "key")
        self.setText(label)
        self.setAccessibleName(label)
        self.setAccessibleDescription(spoken)
        set_bold(self, KEY_FONT_PX)
        set_colours(self, "#e3e9ed", "#000000", button=True)
        self.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Focus stays on the keypad or keyboard, which also listens to a physical keyboard.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clicked.connect(self._on_clicked)

    def _on_clicked(self) -> None:
        if self._speaker is not None and self.spoken:
            self._speaker.say(self.spoken)
        self.typed.emit(self.value)


def erase_key(
    parent: QWidget, phrase: str, speaker: Speaks | None, erase: Callable[[], None]
) -> BigTile:
    """Erase, in the keys' red: a picture and a word, saying what it erases."""
    key = BigTile(
        "action.erase", _("Erase"), phrase, speaker=speaker, colour=ERASE_COLOUR, parent=parent
    )
    key.setObjectName("key_erase")
    key.activated.connect(erase)
    return key


def done_key(
    parent: QWidget,
    speaker: Speaks | None,
    submit: Callable[[], None],
    not_yet: Callable[[], None],
) -> BigTile:
    """✓ Listo, in green; a tap while it is disabled calls ``not_yet`` (which says what is
    missing)."""
    key = BigTile(
        "action.yes", _("Done"), _("Done"), speaker=speaker, colour=SUBMIT_COLOUR, parent=parent
    )
    key.setObjectName("key_submit")
    key.activated.connect(submit)
    DisabledTapHint(key, not_yet)
    return key


class NumericKeypad(QWidget):
    """Twelve keys in a 3×4 grid (1–9, erase, 0, ✓) under a big display of what was typed.

    ✓ stays disabled until ``min_length`` digits are in (default: all ``max_length``); a tap
    on it before then says how many are missing. A USB keypad works too: digits, Backspace,
    Enter.
    """

    changed = Signal(str)
    submitted = Signal(str)

    def __init__(
        self,
        *,
        max_length: int = 10,
        min_length: int | None = None,
        grouping: Sequence[int] | None = None,
        secret: bool = False,
        speaker: Speaks | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if max_length < 1:
            raise ValueError("max_length must be at least 1")
        self.max_length = max_length
        self.min_length = max_length if min_length is None else min(min_length, max_length)
        if grouping is None:
            grouping = PHONE_GROUPING if max_length == 10 else ()
        self.grouping = tuple(grouping)
        self.secret = secret
        self._speaker = speaker
        self._digits = ""
        layout = entry_column(self, "numericKeypad", "keypad", _KEY_GAP_PX)

        self.display = entry_display(
            self, "keypadDisplay", DISPLAY_FONT_PX, Qt.AlignmentFlag.AlignCenter
        )
        self.display.setFixedHeight(self.display.fontMetrics().height() + 32)
        # Never let the text decide the keypad's width.
        self.display.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.display)

        grid = QGridLayout()
        grid.setSpacing(_KEY_GAP_PX)
        layout.addLayout(grid, 1)
        self.digit_keys: dict[str, KeyButton] = {}
        for index, digit in enumerate("123456789"):
            self._add_digit(grid, digit, index // 3, index % 3)
        self.erase_button = erase_key(self, _("Erase the last number"), speaker, self.erase)
        grid.addWidget(self.erase_button, 3, 0)
        self._add_digit(grid, "0", 3, 1)
        self.submit_button = done_key(self, speaker, self.submit, self._say_missing)
        grid.addWidget(self.submit_button, 3, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for row in range(4):
            grid.setRowStretch(row, 1)
        self._refresh()

    def _add_digit(self, grid: QGridLayout, digit: str, row: int, column: int) -> None:
        # The speech engine reads "7" as "siete": the digit itself is the spoken phrase.
        key = KeyButton(digit, digit, digit, speaker=self._speaker, parent=self)
        key.setObjectName(f"key_{digit}")
        key.typed.connect(self.type_digit)
        self.digit_keys[digit] = key
        grid.addWidget(key, row, column)

    # --- the number -----------------------------------------------------------------------

    def text(self) -> str:
        """The digits typed so far, without spaces."""
        return self._digits

    def set_text(self, text: str) -> None:
        """Show ``text``'s digits (anything else is dropped), cut to ``max_length``."""
        self._set_digits("".join(c for c in text if c.isdigit() and c.isascii()))

    def clear(self) -> None:
        self._set_digits("")

    def display_text(self) -> str:
        """What the display shows of the typed digits: grouped, or dots when secret."""
        shown = "•" * len(self._digits) if self.secret else self._digits
        return group_digits(shown, self.grouping)

    def type_digit(self, digit: str) -> None:
        if len(self._digits) >= self.max_length:
            # Every tap gets an answer: say why nothing more appears.
            self._say(_("The number is complete"))
            return
        self._set_digits(self._digits + digit)

    def erase(self) -> None:
        self._set_digits(self._digits[:-1])

    def submit(self) -> None:
        if len(self._digits) < self.min_length:
            self._say_missing()
            return
        self.submitted.emit(self._digits)

    def set_touch_and_hear(self, on: bool | None) -> None:
        """Touch-and-hear for erase and ✓ (digit keys always type at once, see KeyButton)."""
        self.erase_button.set_touch_and_hear(on)
        self.submit_button.set_touch_and_hear(on)

    def _set_digits(self, digits: str) -> None:
        digits = digits[: self.max_length]
        if digits == self._digits:
            return
        self._digits = digits
        self._refresh()
        self.changed.emit(digits)

    def _refresh(self) -> None:
        self.submit_button.setEnabled(len(self._digits) >= self.min_length)
        self.display.setText(self._display_html())
        self.display.setAccessibleName(self.display_text())

    def _display_html(self) -> str:
        # Typed digits in black, the slots still to fill as grey "_": she sees how many remain.
        shown = "•" * len(self._digits) if self.secret else self._digits
        slots = group_digits(shown + "_" * (self.max_length - len(shown)), self.grouping)
        cut = len(group_digits(shown, self.grouping))
        typed, empty = slots[:cut], slots[cut:]
        html = escape(typed).replace(" ", "&nbsp;")
        if empty:
            empty_html = escape(empty).replace(" ", "&nbsp;")
            html += f'<span style="color:{_PLACEHOLDER_COLOUR}">{empty_html}</span>'
        return html

    def _say_missing(self) -> None:
        missing = self.min_length - len(self._digits)
        if missing > 0:
            self._say(
                ngettext(
                    "{count} number is missing", "{count} numbers are missing", missing
                ).format(count=missing)
            )

    def _say(self, text: str) -> None:
        if self._speaker is not None:
            self._speaker.say(text)

    # --- a USB keypad ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if len(text) == 1 and text in "0123456789":
            # Through the on-screen key, so a typed digit is spoken like a tapped one.
            self.digit_keys[text].click()
        elif event.key() in _ERASE_KEYS:
            self.erase()
        elif event.key() in _SUBMIT_KEYS:
            self.submit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
