"""Checking what staff typed into a form (a job, a program), field by field. Every problem is
kept as one sentence, so staff see them all and fix them at once, and every field's cleaned
value is kept for the database's columns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from kiosk.i18n import _
from kiosk.services.members import MemberError, normalize_phone
from kiosk.text import one_line, paragraphs


class Problems(Exception):
    """Staff input (or an imported entry) with problems, each one sentence; nothing was
    written. Each area's error class is mixed in after it."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__(" ".join(self.problems))


def choice(enum_cls: type[Any], value: object) -> Any:
    """The member of ``enum_cls`` that ``value`` names (its value, any case), or None."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        return None


def blank(value: object) -> bool:
    """Nothing given: None or only spaces."""
    return value is None or str(value).strip() == ""


def money(value: object) -> Decimal:
    """An amount as typed ("$1,200.50"); a value that is no finite number raises
    :class:`decimal.InvalidOperation` (or ``ValueError``)."""
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace("$", "").replace(",", "").replace(" ", "")
    amount = Decimal(text)
    if not amount.is_finite():
        raise InvalidOperation
    return amount


@dataclass(frozen=True)
class Text:
    """A text field of a draft: one line (or paragraphs when ``multiline``), at most ``limit``
    letters; when ``missing`` is given it must not be empty. The sentences are marked with
    ``N_`` and may name ``{limit}``."""

    field: str
    limit: int
    too_long: str
    missing: str | None = None
    multiline: bool = False


@dataclass(frozen=True)
class Items:
    """A list field (papers or things to bring): at most ``count`` items of ``limit`` letters."""

    field: str
    count: int
    limit: int
    too_many: str  # N_, may name {count} and {limit}
    each_once: bool = False


class DraftCheck:
    """The cleaned values of one draft and the problems found on the way."""

    def __init__(self, draft: object) -> None:
        self.draft = draft
        self.problems: list[str] = []
        self.values: dict[str, Any] = {}

    def problem(self, sentence: str) -> None:
        self.problems.append(sentence)

    def text(self, spec: Text, *, required: bool = True) -> str:
        value = getattr(self.draft, spec.field)
        cleaned = paragraphs(value) if spec.multiline else one_line(value)
        if not cleaned and spec.missing is not None and required:
            self.problems.append(_(spec.missing))
        elif len(cleaned) > spec.limit:
            self.problems.append(_(spec.too_long).format(limit=spec.limit))
        self.values[spec.field] = cleaned
        return cleaned

    def texts(self, specs: Iterable[Text]) -> None:
        for spec in specs:
            self.text(spec)

    def choice(self, field: str, enum_cls: type[Any], problem: str) -> Any:
        """The draft's ``field`` as one of ``enum_cls``; ``problem`` (translated) when it is
        none of them."""
        found = choice(enum_cls, getattr(self.draft, field))
        self.values[field] = found
        if found is None:
            self.problems.append(problem)
        return found

    def items(self, spec: Items) -> None:
        found = [
            item for item in (one_line(one) for one in getattr(self.draft, spec.field)) if item
        ]
        if spec.each_once:
            found = list(dict.fromkeys(found))  # in their order
        if len(found) > spec.count or any(len(item) > spec.limit for item in found):
            self.problems.append(_(spec.too_many).format(count=spec.count, limit=spec.limit))
        self.values[spec.field] = found

    def phone(self, field: str, problem: str, *, required: bool = False) -> None:
        """A Mexican phone of 10 digits; empty is kept as "" unless ``required``."""
        given = one_line(getattr(self.draft, field))
        self.values[field] = ""
        if given or required:
            try:
                self.values[field] = normalize_phone(given)
            except MemberError:
                self.problems.append(problem)
