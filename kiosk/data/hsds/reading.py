"""Reading a document: a JSON file of either form, or a data package, checked against the
schema before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any

import ijson

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

    def number(text: str) -> Decimal:
        value = Decimal(text)
        if not_a_number(value):
            odd.append(text)
        return value

    def constant(text: str) -> Decimal:
        odd.append(text)
        return Decimal(text)

    not_text = _("The file is not a UTF-8 JSON text file.")
    parsed = parse_json(data, HsdsError, not_text, parse_float=number, parse_constant=constant)
    return parsed, bool(odd)


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
    word (not JSON, not UTF-8, a number that is not one)."""
    with path.open("rb") as fh:
        if not fh.read(_PEEK).lstrip().startswith(b"["):
            return None
        fh.seek(0)
        found = _Found()
        items = ijson.items(fh, "item")
        try:
            ahead = list(islice(items, 2))
            listed = len(ahead) > 1
            for index, item in enumerate(chain(ahead, items)):
                found.add(item, f"contents.{index}" if listed else "item", schemas, odd=False)
        except (ijson.JSONError, UnicodeError):
            return None
    return found.document()


_PEEK = 4096
