"""What a flow may ask of the window: open a page, show and say a sentence, ask yes or no.
Flows are handed the window as this (tests hand them a fake that records what it was told)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Says(Protocol):
    def say(self, text: str) -> None: ...


class FlowShell(Protocol):
    """The few things a flow asks of the window."""

    @property
    def speaker(self) -> Says: ...

    def open(self, name: str) -> None: ...
    def open_fresh(self, name: str) -> None: ...
    def show_message(self, text: str, icon: str = "action.error") -> None: ...
    def show_error(self, text: str, icon: str | None = None) -> None: ...
    def confirm(
        self, question: str, icon: str | None, on_answer: Callable[[bool], None]
    ) -> None: ...


class Shows(Protocol):
    """A page a flow repaints after a step."""

    def entered(self) -> None: ...


class Clears(Protocol):
    """A page a flow empties (a keypad after a refused amount, a PIN right or wrong)."""

    def reset(self) -> None: ...
