"""The questions a listing's form asks, shared by the member who sells and the staff who
correct: its kind, its price on the keypad, how the price counts (the step wizard's pages,
with the trade centre's choices)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.i18n import _
from kiosk.ui.areas.trade.cards import TRADE
from kiosk.ui.areas.trade.texts import kind_choices, unit_choices
from kiosk.ui.pages.base import Shell
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage

PRICE_DIGITS = 6
Words = Callable[[], str]


def kind_step(
    shell: Shell,
    name: str,
    words: tuple[Words, Words],
    on_choice: Callable[[str], None],
    parent: QWidget | None,
) -> ChoiceStepPage:
    """Which kind of thing: its title and purpose are ``words``."""
    title, purpose = words
    return ChoiceStepPage(
        shell, name, TRADE.icon, title, purpose, kind_choices(), on_choice, parent=parent
    )


def unit_step(
    shell: Shell,
    name: str,
    words: tuple[Words, Words],
    on_choice: Callable[[str], None],
    parent: QWidget | None,
) -> ChoiceStepPage:
    """How the price counts: by piece, dozen, kilo, service or package."""
    title, purpose = words
    return ChoiceStepPage(
        shell, name, "unit.pieza", title, purpose, unit_choices(), on_choice, parent=parent
    )


def price_step(
    shell: Shell,
    name: str,
    purpose: Words,
    on_digits: Callable[[str], None],
    initial: Callable[[], str | None],
    parent: QWidget | None,
) -> NumberStepPage:
    """The price in whole pesos on the keypad."""
    return NumberStepPage(
        shell,
        name,
        "misc.money",
        lambda: _("Price"),
        purpose,
        on_digits,
        initial,
        max_length=PRICE_DIGITS,
        parent=parent,
    )
