"""The services' front door: every public method of a service checks what it is handed against
its own type hints before anything reaches the database, so a value of the wrong kind (a list
for a name, a number too big for any id, text with a NUL character PostgreSQL cannot store,
text that cannot be written as UTF-8, a date so far off that adding a day overflows, an id of
0 or less, None for a list, inside a draft too) is refused in one sentence and nothing is
written.

Pages pass well-typed values; this guards the command line, imports and whatever a later
screen or tool hands over."""

from __future__ import annotations

import dataclasses
import enum
import functools
import inspect
import types
import typing
from collections import abc
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from kiosk.i18n import _

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # the database's INTEGER columns
# The days the kiosk deals in: births, sessions, closing dates. Beyond them, adding a follow-up's
# days or a time zone to ``date.max`` overflows, and PostgreSQL and SQLite disagree on years
# before 1.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


class InputError(ValueError):
    """A value of the wrong kind reached a service: refused before anything was written."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("That value cannot be used; check it and try again."))


def _text_ok(value: str) -> bool:
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")  # a lone surrogate ("\ud800") cannot be stored anywhere
    except UnicodeEncodeError:
        return False
    return True


def _day_ok(value: date) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return FIRST_DAY <= day <= LAST_DAY


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


# Whole numbers whose name says what they can be (a month of 13 or a page size of 0 names
# nothing), wherever they are passed: as an argument or as a field of a draft.
NAMED_RANGES = {
    "year": (FIRST_DAY.year, LAST_DAY.year),
    "month": (1, 12),
    "per_page": (1, 1000),
    "limit": (0, INT_MAX),
}


def _named_ok(name: str, value: Any) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return True
    if _is_id(name):
        return value >= 1
    low, high = NAMED_RANGES.get(name, (INT_MIN, INT_MAX))
    return low <= value <= high


def _sentence(value: Any) -> str | None:
    """The plain reason a refused value is wrong, when it is one of the odd kinds."""
    if isinstance(value, str) and not _text_ok(value):
        return _("The text has a character that cannot be kept; type it again.")
    if isinstance(value, date) and not _day_ok(value):
        return _("That date is too far off; choose a date between the years 1900 and 2999.")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            found = _sentence(getattr(value, field.name))
            if found:
                return found
    if isinstance(value, list | tuple | set | frozenset):
        for item in value:
            found = _sentence(item)
            if found:
                return found
    return None


def _fits(value: Any, hint: Any) -> bool:
    if hint is Any or hint is object or isinstance(hint, typing.TypeVar):
        return True
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return any(_fits(value, arg) for arg in typing.get_args(hint))
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if hint is None or hint is type(None):
        return value is None
    if origin in (tuple, list, set, frozenset) or hint in (tuple, list, set, frozenset):
        container = origin or hint
        if not isinstance(value, container):
            return False
        args = typing.get_args(hint)
        if not args:
            return True
        if container is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return len(args) == len(value) and all(map(_fits, value, args))
        return all(_fits(item, args[0]) for item in value)
    if origin in (abc.Sequence, abc.Collection, abc.Iterable):
        # Handed over as a list or tuple of fitting items (a text is not a list of words).
        if not isinstance(value, list | tuple):
            return False
        args = typing.get_args(hint)
        return not args or all(_fits(item, args[0]) for item in value)
    if origin is abc.Callable:
        return callable(value)
    if origin is not None:  # Mapping...: beyond this door's job
        return True
    if not isinstance(hint, type):
        return True
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool) and _int_ok(value)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str) and _text_ok(value)
    if hint is Decimal:
        return isinstance(value, Decimal) and value.is_finite()
    if hint is date:
        return isinstance(value, date) and _day_ok(value)
    if hint is datetime:
        return isinstance(value, datetime) and _day_ok(value)
    if issubclass(hint, enum.Enum):
        if isinstance(value, hint):
            return True
        return isinstance(value, str) and value in {m.value for m in hint}
    if dataclasses.is_dataclass(hint):
        return isinstance(value, hint) and all(
            _field_ok(getattr(value, name), field_hint, name)
            for name, field_hint in _field_hints(hint).items()
        )
    return isinstance(value, hint)


def _field_ok(value: Any, hint: Any, name: str) -> bool:
    """A draft's field. Where its hint takes text among other kinds (``int | str``: a number
    typed on the keypad) the service reads it and answers a wrong one in its own words ("the
    places must be a number from 0 to 999"), so only what nothing can read is refused here:
    text that cannot be stored, a date out of range. Any other field must fit its hint."""
    if isinstance(value, str) and not _text_ok(value):
        return False
    if isinstance(value, date) and not _day_ok(value):
        return False
    if not _named_ok(name, value):
        return False
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and str in typing.get_args(hint):
        return not isinstance(value, list | tuple) or all(
            _field_ok(item, Any, name) for item in value
        )
    return _fits(value, hint)


@functools.cache
def _field_hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # a hint known only to type checkers: the draft is checked as a whole
        return {}


def _int_ok(value: int) -> bool:
    return INT_MIN <= value <= INT_MAX


def _hints(function: Callable[..., Any]) -> dict[str, Any]:
    """The parameters' hints, each evaluated on its own: one only imported for type checkers
    is left unchecked instead of breaking the call."""
    found: dict[str, Any] = {}
    namespace = getattr(function, "__globals__", {})
    for name, text in inspect.get_annotations(function).items():
        if name == "return":
            continue
        try:
            found[name] = eval(text, namespace) if isinstance(text, str) else text
        except Exception:  # a name known only to type checkers
            continue
    return found


def checked(function: F, error: type[InputError] = InputError) -> F:
    """Check every argument of ``function`` against its type hints (read on first call);
    a mismatch raises ``error``."""
    signature = inspect.signature(function)
    hints: dict[str, Any] | None = None

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal hints
        if hints is None:
            hints = _hints(function)
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise error() from exc
        for name, value in bound.arguments.items():
            parameter = signature.parameters[name]
            hint = hints.get(name)
            if hint is None or name in ("self", "cls"):
                continue
            if parameter.kind is parameter.VAR_POSITIONAL:
                ok = all(_fits(item, hint) for item in value)
            elif parameter.kind is parameter.VAR_KEYWORD:
                ok = all(_fits(item, hint) for item in value.values())
            else:
                ok = _fits(value, hint)
                if ok and not _named_ok(name, value):
                    if _is_id(name):  # ids start at 1: 0 or less names nothing
                        raise error(_("That record does not exist; go back and choose it again."))
                    ok = False
            if not ok:
                raise error(_sentence(value))
        return function(*args, **kwargs)

    return typing.cast(F, wrapper)


def entry_points(area_error: type[Exception]) -> Callable[[type[T]], type[T]]:
    """Class decorator: every public method of a service checks its arguments. The refusal is
    also an ``area_error`` (``TrainingError``...), so the pages that already tell a member
    their area's errors tell her this one too."""
    refusal: type[InputError] = InputError
    if not issubclass(area_error, InputError):
        refusal = type(f"{area_error.__name__}Input", (InputError, area_error), {})

    def decorate(cls: type[T]) -> type[T]:
        for name, member in list(vars(cls).items()):
            if name.startswith("_") or not inspect.isfunction(member):
                continue
            setattr(cls, name, checked(member, refusal))
        return cls

    return decorate
