"""Stand-ins for the window and the slip desk, for the areas' flows tested without a window:
each records what it was told (pages opened, sentences shown and said, slips printed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from kiosk.config import Settings


class Said:
    def __init__(self) -> None:
        self.phrases: list[str] = []

    def say(self, text: str) -> None:
        self.phrases.append(text)


class FakeShell:
    """The window as a flow sees it. ``answer`` is what the woman answers every question."""

    def __init__(self, data_dir: Path, member: Any = None, staff: Any = None) -> None:
        self.settings = Settings(data_dir=data_dir)
        self.visit = SimpleNamespace(member=member)
        self.staff_user = staff
        self.speaker = Said()
        self.opened: list[str] = []
        self.signed_in_for: list[str] = []
        self.errors: list[str] = []
        self.messages: list[tuple[str, str]] = []
        self.questions: list[str] = []
        self.answer = True
        self.backs = 0
        self.tasks_done = 0

    @property
    def page(self) -> str:
        """The page opened last."""
        return self.opened[-1] if self.opened else ""

    def open(self, name: str) -> None:
        self.opened.append(name)

    def sign_in(self, then: str) -> None:
        self.signed_in_for.append(then)

    def back(self) -> None:
        self.backs += 1

    def show_error(self, text: str, icon: str | None = None) -> None:
        self.errors.append(text)

    def show_message(self, text: str, icon: str = "action.error") -> None:
        self.messages.append((text, icon))

    def confirm(self, question: str, icon: str | None, on_answer: Callable[[bool], None]) -> None:
        self.questions.append(question)
        on_answer(self.answer)

    def task_done(self) -> None:
        self.tasks_done += 1


class FakeSlipDesk:
    def __init__(self) -> None:
        self.printed: list[str] = []

    def print_slip(self, number: str) -> None:
        self.printed.append(number)


class Resettable:
    """A page the flow only resets or refreshes: counts each."""

    def __init__(self) -> None:
        self.resets = 0
        self.refreshes = 0
        self.entries = 0

    def reset(self) -> None:
        self.resets += 1

    def refresh(self) -> None:
        self.refreshes += 1

    def entered(self) -> None:
        self.entries += 1
