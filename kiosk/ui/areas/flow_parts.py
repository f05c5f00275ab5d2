"""What the areas' flows ask of the window and of their pages, as small protocols: the real
window and pages answer them, and so do a test's fakes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kiosk.services.members import MemberInfo


class Says(Protocol):
    def say(self, text: str) -> None: ...


class HasMember(Protocol):
    @property
    def member(self) -> MemberInfo | None: ...


class PrintsSlips(Protocol):
    def print_slip(self, number: str) -> None: ...


class DeskShell(Protocol):
    """The few things of the window a desk's flow uses."""

    def open(self, name: str) -> None: ...
    def back(self) -> None: ...
    def show_message(self, text: str, icon: str = "action.error") -> None: ...
    def show_error(self, text: str, icon: str | None = None) -> None: ...
    def confirm(
        self, question: str, icon: str | None, on_answer: Callable[[bool], None]
    ) -> None: ...


class Resets(Protocol):
    """A page the flow starts afresh (a wizard's step)."""

    def reset(self) -> None: ...


class Refreshes(Protocol):
    """A list the flow has read again."""

    def refresh(self) -> None: ...


class Shows(Protocol):
    """A page that shows the record the flow holds, read afresh."""

    def entered(self) -> None: ...
