"""The questions of a listing's form, shared by the member who sells and the staff who
correct: its name on the keyboard, its kind, its price on the keypad, how the price counts
(the step wizard's pages, with the trade centre's choices)."""

from __future__ import annotations

from functools import partial
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from kiosk.i18n import _
from kiosk.ui.areas.trade.pieces import TRADE
from kiosk.ui.areas.trade.texts import kind_choices, unit_choices
from kiosk.ui.pages.base import Shell
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, StepPage, TextStepPage

WRITE_MAX = 60  # letters on the keyboard: a listing's name, not its story
PRICE_DIGITS = 6
# A question's page, title and purpose (message ids), by the answer it asks for.
Questions = dict[str, tuple[str, str, str]]


class Form(Protocol):
    """The flow a form's answers go to."""

    def store(self, key: str, value: Any) -> None: ...
    def written(self, text: str) -> None: ...
    def priced(self, digits: str) -> None: ...
    def initial(self, key: str) -> str | None: ...


def form_steps(
    shell: Shell, questions: Questions, form: Form, parent: QWidget | None
) -> dict[str, StepPage]:
    """The form's question pages, by the answer each asks for."""

    def words(key: str) -> tuple[partial[str], partial[str]]:
        _name, title, purpose = questions[key]
        return partial(_, title), partial(_, purpose)

    names = {key: page for key, (page, _title, _purpose) in questions.items()}
    # Typed on the keyboard or the keypad: the page, its picture, who checks it, how long.
    typed = {
        "title": (TextStepPage, "action.keyboard", form.written, WRITE_MAX),
        "price": (NumberStepPage, "misc.money", form.priced, PRICE_DIGITS),
    }
    # Chosen among pictures: its picture and the choices.
    chosen = {
        "category": (TRADE.icon, kind_choices()),
        "price_unit": ("unit.pieza", unit_choices()),
    }
    steps: dict[str, StepPage] = {
        key: page_class(
            shell,
            names[key],
            icon,
            *words(key),
            check,
            partial(form.initial, key),
            max_length=most,
            parent=parent,
        )
        for key, (page_class, icon, check, most) in typed.items()
    }
    for key, (icon, choices) in chosen.items():
        on_choice = partial(form.store, key)
        steps[key] = ChoiceStepPage(
            shell, names[key], icon, *words(key), choices, on_choice, parent=parent
        )
    return steps
