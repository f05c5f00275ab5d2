"""Stand-ins for the window and the pages, for the areas' flows tested without a window: each
records what it was told, so a test reads the steps a visit took."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.services.members import MemberInfo
from kiosk.ui.visit import Visit


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


@dataclass
class FakeSignInShell(FakeShell):
    """The window as the sign-in steps see it: a real visit, and who signs in and out."""

    visit: Visit = field(default_factory=Visit)
    ended: list[str] = field(default_factory=list)
    tasks: int = 0

    def sign_in(self, then: str) -> None:
        self.visit.after_sign_in = then
        self.opened.append("signin")

    def signed_in(self, member: MemberInfo) -> None:
        self.visit.sign_in_member(member)
        self.opened.append(self.visit.after_sign_in)

    def end_visit(self, reason: str) -> None:
        self.ended.append(reason)
        self.visit.end(reason)

    def task_done(self) -> None:
        self.tasks += 1
