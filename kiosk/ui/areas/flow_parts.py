"""What the areas' flows ask of the window and of their pages, as small protocols (the real
window and pages answer them, and so do a test's fakes), and the steps every flow takes: a
service call whose refusal is shown as its sentence, a record read afresh, a question asked
before acting."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from kiosk.i18n import _

if TYPE_CHECKING:
    from kiosk.ui.pages.base import Shell


T = TypeVar("T")


class Record(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=Record)  # the record a desk shows


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


# --- a desk's wizard: a record added or changed one step a page -----------------------------


@dataclass
class Wizard:
    """What the wizard has gathered so far; ``record_id`` None while adding."""

    record_id: int | None = None
    base: Any = None  # the record as it was before the change
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values.get(key)


class WizardDesk(Generic[R]):
    """A desk that shows one record at a time on ``record_page`` and adds or changes its
    records through a wizard: ``steps`` are the pages in order, ``stored`` the value each one
    stores (the review, last, stores none); the value ``named`` is the record's name, written
    with a capital first letter only."""

    record_page = ""
    record_id: int | None = None  # the record shown
    steps: tuple[str, ...]
    stored: tuple[str, ...]
    named = ""
    saved_words = ""  # N_() message id: said once the record is saved
    refused: type[Exception]  # the area's service error
    shell: Shell
    service: Any  # reads a record (``staff_get(record_id)``) and saves a draft

    def __init__(self, wizard_steps: Sequence[Resets]) -> None:
        self.wizard_steps = wizard_steps
        self.wizard = Wizard()

    def wizard_values(self, record: R | None) -> dict[str, Any]:
        """What the wizard starts from for ``record`` (None: a new one)."""
        raise NotImplementedError

    def current(self) -> R | None:
        """The record shown, read afresh (None when none is or it is gone)."""
        return found(self.service.staff_get, self.record_id, self.refused)

    def show_record(self, record_id: int) -> None:
        self.record_id = record_id
        self.shell.open(self.record_page)

    def draft(self) -> Any:
        raise NotImplementedError

    def start_wizard(self, record: R | None) -> None:
        """Begin adding (``None``) or changing ``record``; the wizard's first page opens."""
        self.wizard = Wizard(record.id if record else None, record, self.wizard_values(record))
        for page in self.wizard_steps:
            page.reset()
        self.shell.open(self.steps[0])

    def edit(self) -> None:
        self.start_wizard(self.current())

    def store(self, key: str, value: Any) -> None:
        """One step's answer; the next step opens."""
        if key == self.named and value != self.wizard.get(key):
            value = value[:1].upper() + value[1:].lower()  # "Ayudante de cocina"
        self.wizard.values[key] = value
        self.shell.open(self.steps[self.stored.index(key) + 1])

    def save(self) -> None:
        draft, record_id = self.draft(), self.wizard.record_id
        saved = attempt(self.shell, lambda: self.service.save(draft, record_id), self.refused)
        if saved is not None:
            self.saved(saved)

    def saved(self, record: R) -> None:
        """The wizard is done: the record as saved is shown, and that it was is said."""
        self.wizard = Wizard()
        self.show_record(record.id)
        self.shell.show_message(_(self.saved_words), "action.yes")
