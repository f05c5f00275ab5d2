"""Reading a document: a JSON file of either form, or a data package, checked against the
schema before anything is written."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO, TypedDict

from kiosk.data.hsds.base import (
    API_INFO,
    DATAPACKAGE,
    HsdsError,
    first_non_number,
    non_number_error,
    not_a_number,
    not_hsds,
)
from kiosk.data.hsds.plan import Document, Plan
from kiosk.data.hsds.schema import Schemas
from kiosk.data.hsds.tabular import nest, read_package, read_tables_json
from kiosk.data.json_text import parse_json
from kiosk.i18n import _
from kiosk.text import one_line

# --- reading a document -----------------------------------------------------------------------

# The key under which an object sits in a nested HSDS object -> its schema's name.
_KEY_KINDS = {
    "services": "service",
    "service": "service",
    "organization": "organization",
    "phones": "phone",
    "schedules": "schedule",
    "contacts": "contact",
    "languages": "language",
    "service_areas": "service_area",
    "funding": "funding",
    "program": "program",
    "programs": "program",
    "metadata": "metadata",
    "cost_options": "cost_option",
    "required_documents": "required_document",
    "attributes": "attribute",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
    "service_at_locations": "service_at_location",
    "location": "location",
    "locations": "location",
    "addresses": "address",
    "accessibility": "accessibility",
    "organization_identifiers": "organization_identifier",
}
# The API's description of itself (the examples' base.json): HSDS, with nothing to keep.

_API_INFO_KEYS = frozenset({"version", "profile", "openapi_url"})
_TAXONOMY_KEYS = frozenset({"id", "name", "description", "uri", "version"})


def _objects(node: Any, kind: str, found: list[tuple[str, str | None]]) -> None:
    """Every HSDS object in a nested one, as (kind, id)."""
    if not isinstance(node, dict):
        return
    found.append((kind, str(node["id"]) if node.get("id") is not None else None))
    for key, value in node.items():
        child = _KEY_KINDS.get(key)
        if child is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            _objects(item, child, found)


def _kind(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    if "service" in item and isinstance(item["service"], dict):
        return "service_at_location"
    if "services" in item or ("status" not in item and "website" in item):
        return "organization"
    if "status" in item or "organization" in item or "eligibility_description" in item:
        return "service"
    if "location_type" in item:
        return "location"
    if {"taxonomy_detail", "term_uri", "parent_id", "code", "taxonomy"} & set(item):
        return "taxonomy_term"
    if "id" in item and {"uri", "version"} & set(item) and set(item) <= _TAXONOMY_KEYS:
        return "taxonomy"
    if set(item) <= {"id", "name", "description", "email", "website", "phones"} and "id" in item:
        return "organization"
    if item and set(item) <= _API_INFO_KEYS and isinstance(item.get("version"), str):
        return API_INFO
    return None


def _item_label(kind: str, item: dict[str, Any], where: str) -> str:
    name = one_line(item.get("name"))[:80]
    if kind == "service" and name:
        return _("the service «{name}»").format(name=name)
    if kind == "organization" and name:
        return _("the organization «{name}»").format(name=name)
    return _("the entry {where}").format(where=where)


def read_json(data: bytes | str, schemas: Schemas) -> Document:
    """A JSON document (either form), checked, or :class:`HsdsError`."""
    parsed, odd = _parse(data)
    if isinstance(parsed, dict) and parsed and all(str(k).endswith(".csv") for k in parsed):
        return nest(read_tables_json(parsed, schemas), schemas)
    if isinstance(parsed, dict) and isinstance(parsed.get("contents"), list):
        items = parsed["contents"]
    elif isinstance(parsed, list):
        items = parsed
    else:
        items = [parsed]
    listed = len(items) > 1 or isinstance(parsed, dict)
    found = _Found()
    for index, item in enumerate(items):
        found.add(item, f"contents.{index}" if listed else "item", schemas, odd)
    return found.document()


def _parse(data: bytes | str) -> tuple[Any, bool]:
    """The parsed JSON, and whether it holds any number that is not one (so a file without
    any is not walked through a second time: a large directory has hundreds of thousands of
    values)."""
    odd: list[str] = []
    not_text = _("The file is not a UTF-8 JSON text file.")
    parsed = parse_json(data, HsdsError, not_text, **_number_readers(odd))
    return parsed, bool(odd)


class _NumberReaders(TypedDict):
    parse_float: Callable[[str], Any]
    parse_constant: Callable[[str], Any]


def _number_readers(odd: list[str]) -> _NumberReaders:
    """JSON numbers with decimals as ``Decimal``, and each number that is not one (NaN, an
    infinity, ``1e400``) noted in ``odd``."""

    def number(text: str) -> Decimal:
        value = Decimal(text)
        if not_a_number(value):
            odd.append(text)
        return value

    def constant(text: str) -> Decimal:
        odd.append(text)
        return Decimal(text)

    return {"parse_float": number, "parse_constant": constant}


@dataclass
class _Found:
    """The services and organizations of a JSON document, planned as they are read, its
    objects and its problems."""

    plan: Plan = field(default_factory=Plan)
    objects: list[tuple[str, str | None]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def document(self) -> Document:
        if self.problems:
            raise HsdsError(not_hsds(self.problems))
        if not self.objects:
            raise HsdsError(_("The file holds no HSDS services or organizations."))
        return Document(self.plan, self.objects)

    def add(self, item: Any, where: str, schemas: Schemas, odd: bool) -> None:
        kind = _kind(item)
        if kind is None:
            self.problems.append(f"{where}: not an HSDS 3.0 object")
            return
        bad = first_non_number(item) if odd else None
        if bad is not None:
            raise non_number_error(_item_label(kind, item, where), bad[0], bad[1])
        if kind == API_INFO:
            self.objects.append((API_INFO, None))
            return
        problems = [f"{where}.{p}" for p in schemas.problems(kind, item)]
        _objects(item, kind, self.objects)
        if problems or self.problems:  # the file will be refused: nothing more to plan
            self.problems += problems
            return
        if kind == "service":
            self.plan.service(item)
        elif kind == "service_at_location":
            place = {k: v for k, v in item.items() if k != "service"}
            service = dict(item["service"])
            service["service_at_locations"] = [place, *service.get("service_at_locations", [])]
            self.plan.service(service)
        elif kind == "organization":
            nested = item.get("services") or []
            org = {k: v for k, v in item.items() if k != "services"}
            if not nested:
                self.plan.organization(org)
            for one in nested:
                if isinstance(one, dict):
                    self.plan.service({**one, "organization": one.get("organization", org)})


def read_path(path: Path, schemas: Schemas) -> Document:
    """A ``.json`` file (either form), or a data package (its folder or its
    ``datapackage.json``), checked; or :class:`HsdsError`."""
    if path.is_dir() or path.name == DATAPACKAGE:
        folder = path if path.is_dir() else path.parent
        if not folder.is_dir():
            raise HsdsError(_("The folder {path} does not exist.").format(path=folder))
        return nest(read_package(folder, schemas), schemas)
    try:
        streamed = _streamed(path, schemas)
        if streamed is not None:
            return streamed
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise HsdsError(_("The file {path} does not exist.").format(path=path)) from exc
    except OSError as exc:
        raise HsdsError(_("The file {path} could not be read.").format(path=path)) from exc
    return read_json(data, schemas)


def _streamed(path: Path, schemas: Schemas) -> Document | None:
    """A file that is an array of entries, read and planned one entry at a time, so a large
    directory is never held whole; None for any other file, or one the plain reading must
    word (not JSON, not UTF-8, nested deeper than it reads)."""
    odd: list[str] = []
    with path.open("rb") as fh:
        if not fh.read(_PEEK).removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"["):
            return None
        fh.seek(0)
        found = _Found()
        reader = _ArrayReader(fh, json.JSONDecoder(**_number_readers(odd)))
        entries = _each_with_odd(reader.entries(), odd)
        try:
            ahead = list(islice(entries, 2))
            listed = len(ahead) > 1
            for index, (item, has_odd) in enumerate(chain(ahead, entries)):
                found.add(item, f"contents.{index}" if listed else "item", schemas, has_odd)
        except (_NotStreamed, RecursionError, UnicodeError):
            return None
    return found.document()


_PEEK = 4096
_CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")


def _each_with_odd(entries: Iterator[Any], odd: list[str]) -> Iterator[tuple[Any, bool]]:
    """Each entry, and whether it holds a number that is not one (noted as it was read)."""
    for entry in entries:
        yield entry, bool(odd)
        odd.clear()


class _NotStreamed(Exception):
    """Not a plain array of JSON values: the plain reading reads it whole and says why."""


class _ArrayReader:
    """The values of a file that is one JSON array, one at a time: Python's own JSON reader on
    a window of the text that moves along the file."""

    def __init__(self, fh: BinaryIO, decoder: json.JSONDecoder) -> None:
        self.fh = fh
        self.decoder = decoder
        self.text = codecs.getincrementaldecoder("utf-8-sig")()
        self.buffer = ""
        self.pos = 0
        self.ended = False

    def more(self) -> bool:
        """Move the window on: what is left of it and the next part of the file (at least as
        much again as it holds, so a long value is not read over and over); False at the end."""
        if self.ended:
            return False
        chunk = self.fh.read(max(_CHUNK, len(self.buffer) - self.pos))
        self.ended = not chunk
        self.buffer = self.buffer[self.pos :] + self.text.decode(chunk, final=self.ended)
        self.pos = 0
        return True

    def next_mark(self) -> str:
        """The next character that is not white space; "" at the end of the file."""
        while True:
            match = _SPACE.match(self.buffer, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.more():
                return ""

    def entries(self) -> Iterator[Any]:
        if self.next_mark() != "[":
            raise _NotStreamed
        self.pos += 1
        if self.next_mark() == "]":
            self.pos += 1
        else:
            while True:
                yield self.value()
                mark = self.next_mark()
                self.pos += 1
                if mark == "]":
                    break
                if mark != ",":
                    raise _NotStreamed
        if self.next_mark() != "":
            raise _NotStreamed

    def value(self) -> Any:
        self.next_mark()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError:
                if self.more():  # the value may go on past the window
                    continue
                raise _NotStreamed from None
            # A number may go on past the window: a value is whole once something follows it.
            if end == len(self.buffer) and self.more():
                continue
            self.pos = end
            return value
