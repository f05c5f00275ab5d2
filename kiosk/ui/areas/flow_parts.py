"""What the areas' flows ask of the window and of their pages, as small protocols (the real
window and pages answer them, and so do a test's fakes), and the steps every flow takes: a
service call whose refusal is shown as its sentence, a record read afresh, a question asked
before acting."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from kiosk.services.members import MemberInfo


T = TypeVar("T")


class Says(Protocol):
    def say(self, text: str) -> None: ...


class HasMember(Protocol):
    @property
    def member(self) -> MemberInfo | None: ...


class PrintsSlips(Protocol):
    def print_slip(self, number: str) -> None: ...


class ShowsErrors(Protocol):
    def show_error(self, text: str, icon: str | None = None) -> None: ...


class Confirms(Protocol):
    def confirm(
        self, question: str, icon: str | None, on_answer: Callable[[bool], None]
    ) -> None: ...


class KindListView(Protocol):
    """A directory's list of one kind's offers (the kind chosen with what it is filtered by)."""

    def choose(self, kind: Any, filters: Any = None) -> None: ...
    def refresh(self) -> None: ...


class Resets(Protocol):
    """A page the flow starts afresh (a wizard's step)."""

    def reset(self) -> None: ...


class Refreshes(Protocol):
    """A list the flow has read again."""

    def refresh(self) -> None: ...


class Shows(Protocol):
    """A page that shows the record the flow holds, read afresh."""

    def entered(self) -> None: ...


def attempt(shell: ShowsErrors, call: Callable[[], T], refused: type[Exception]) -> T | None:
    """``call()``'s answer, or None when the service refused it: then its sentence is shown
    (the first of a form's problems, when it lists them)."""
    try:
        return call()
    except refused as exc:
        problems = getattr(exc, "problems", None)
        shell.show_error(problems[0] if problems else str(exc))
        return None


def found(get: Callable[[int], T], key: int | None, missing: type[Exception]) -> T | None:
    """The record ``key`` as the service reads it now; None when none is chosen or it is gone."""
    if key is None:
        return None
    try:
        return get(key)
    except missing:
        return None


def kept(base: object | None, names: Sequence[str]) -> dict[str, Any]:
    """What changing a record keeps of it as it was: the fields ``names`` the wizard does not
    ask about (none while adding one)."""
    return {} if base is None else {name: getattr(base, name) for name in names}


def if_yes(shell: Confirms, question: str, icon: str, then: Callable[[], None]) -> None:
    """Ask ``question`` in the window; ``then()`` only on "Sí"."""

    def answer(yes: bool) -> None:
        if yes:
            then()

    shell.confirm(question, icon, answer)
