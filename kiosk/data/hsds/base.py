"""What the HSDS import and export share: errors and reports, the values kept (phones, times,
dates, numbers) and the kiosk's own stable identifiers."""

from __future__ import annotations

import json
import math
import re
import sys
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any, TypeVar

import phonenumbers

from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.text import one_line

log = area_logger("hsds")

_T = TypeVar("_T")

# Stable ids for what the kiosk entered itself (and for its taxonomy terms).
NAMESPACE = uuid.UUID("6f1c2a8e-52b5-4c1e-9d0e-ce4e5020a5c0")
NEED_TAXONOMY = "ceneso-necesidad"
LEVEL_TAXONOMY = "ceneso-nivel"
BENEFIT_TAXONOMY = "ceneso-beneficio"
DATAPACKAGE = "datapackage.json"
MAX_PROBLEMS = 3


class HsdsError(Exception):
    """The document cannot be imported at all (one plain sentence); nothing was written."""


@dataclass(frozen=True)
class Skipped:
    what: str  # "service «Community Counselling»", "contacts.csv"...
    reason: str


@dataclass(frozen=True)
class HsdsReport:
    organizations_added: int
    organizations_updated: int
    services_added: int
    services_updated: int
    skipped: tuple[Skipped, ...]  # entries not imported, each with why
    notes: tuple[Skipped, ...] = ()  # imported, with something staff should know
    # The HSDS objects of the file the kiosk does not keep, by table name: (name, count).
    left_out: tuple[tuple[str, int], ...] = ()


_SEPARATORS = re.compile(r"[\s().-]")
_MX_WRITTEN = re.compile(r"(?:\+52)?([1-9][0-9]{9})")


def kept_phone(text: object) -> str:
    """A Mexican number as its 10 digits; any other as written (without stray quotes)."""
    written = one_line(text).strip("\"' ")
    if not written:
        return ""
    plain = _MX_WRITTEN.fullmatch(_SEPARATORS.sub("", written))
    if plain is not None:  # ten digits, spaced or not: read without the full parser
        number = phonenumbers.PhoneNumber(country_code=52, national_number=int(plain[1]))
        return plain[1] if phonenumbers.is_valid_number_for_region(number, "MX") else written
    try:
        number = phonenumbers.parse(written, "MX")
    except phonenumbers.NumberParseException:
        return written
    if phonenumbers.is_valid_number_for_region(number, "MX"):
        national = str(number.national_number)
        if len(national) == 10:
            return national
    return written


def exported_phone(phone: str) -> str:
    if len(phone) == 10 and phone.isdigit():
        return f"+52 {phone[:3]} {phone[3:6]} {phone[6:]}"
    return phone


def _parsed(value: object, parse: Callable[[str], _T]) -> _T | None:
    """A value read from its text, or None when it is empty or not of that kind."""
    text = one_line(value)
    if not text:
        return None
    try:
        return parse(text)
    except ValueError:
        return None


def read_clock(value: object) -> time | None:
    return _parsed(value, lambda text: time.fromisoformat(text).replace(tzinfo=None))


def read_day(value: object) -> date | None:
    return _parsed(value, lambda text: date.fromisoformat(text[:10]))


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


# --- numbers that are not numbers -------------------------------------------------------------

FLOAT_MAX = Decimal(sys.float_info.max)


def not_a_number(value: object) -> bool:
    """NaN, an infinity, or a number past what any reader of the file can hold (``1e400`` is
    an infinity as a float): JSON allows none of them, and the kiosk keeps none."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, Decimal):
        return not value.is_finite() or abs(value) > FLOAT_MAX
    if isinstance(value, int):
        return abs(value) > FLOAT_MAX
    return False


def first_non_number(node: Any, path: str = "") -> tuple[str, Any] | None:
    """The first value in ``node`` that is not a number, with where it is (``a.0.b``)."""
    if isinstance(node, dict):
        children: Iterable[tuple[str, Any]] = ((str(k), v) for k, v in node.items())
    elif isinstance(node, list):
        children = ((str(i), v) for i, v in enumerate(node))
    else:
        return (path, node) if not_a_number(node) else None
    for key, child in children:
        found = first_non_number(child, f"{path}.{key}" if path else key)
        if found is not None:
            return found
    return None


def non_number_error(entry: str, field: str, value: Any) -> HsdsError:
    return HsdsError(
        _(
            "In {entry}, the field {field} holds {value}, which is not a number; correct the "
            "file and import it again."
        ).format(entry=entry, field=field, value=value)
    )


API_INFO = "api_info"


def not_hsds(problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_PROBLEMS])
    return _("The file does not follow Open Referral HSDS 3.0: {problems}").format(problems=shown)


def json_number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    raise TypeError(type(value))


def first_dict(items: Any) -> dict[str, Any]:
    if isinstance(items, list):
        return next((item for item in items if isinstance(item, dict)), {})
    return items if isinstance(items, dict) else {}


def dict_list(items: Any) -> list[dict[str, Any]]:
    if isinstance(items, dict):
        return [items]
    return [item for item in items or [] if isinstance(item, dict)]
