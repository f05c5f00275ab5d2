"""Stand-ins for the window and the pages, for the areas' flows tested without a window: each
records what it was told, so a test reads the steps a visit took."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class FakeShell:
    """The window as a flow sees it: pages opened, sentences shown and said, questions asked
    (answered yes unless a test says no)."""

    opened: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    answer: bool = True

    @property
    def speaker(self) -> FakeShell:
        return self

    def say(self, text: str) -> None:
        self.said.append(text)

    def open(self, name: str) -> None:
        self.opened.append(name)

    def open_fresh(self, name: str) -> None:
        self.opened.append(name)

    def show_error(self, text: str, icon: str | None = None) -> None:
        self.errors.append(text)

    def show_message(self, text: str, icon: str = "action.error") -> None:
        self.messages.append(text)

    def confirm(self, question: str, icon: str | None, on_answer: Callable[[bool], None]) -> None:
        self.asked.append(question)
        on_answer(self.answer)


@dataclass
class FakePage:
    """A page the flow repaints or empties: how many times it was told to."""

    shown: int = 0
    cleared: int = 0

    def entered(self) -> None:
        self.shown += 1

    def reset(self) -> None:
        self.cleared += 1
