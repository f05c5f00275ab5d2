"""The tabular form: a data package (``datapackage.json`` + one CSV per object) or its JSON
twin, written from nested services and read back into them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.data.hsds.base import (
    DATAPACKAGE,
    HsdsError,
    Skipped,
    dumps,
    first_non_number,
    json_number,
    non_number_error,
    not_a_number,
    not_hsds,
)
from kiosk.data.hsds.plan import Document
from kiosk.data.hsds.schema import Schemas
from kiosk.i18n import _

# The tables of the tabular form the import reads; any other is reported as not kept.
_READ_TABLES = (
    "organization",
    "service",
    "location",
    "address",
    "phone",
    "schedule",
    "service_at_location",
    "required_document",
    "cost_option",
    "attribute",
    "taxonomy_term",
    "contact",
    "language",
    "service_area",
)

# --- the tabular form -------------------------------------------------------------------------


def flatten(
    services: list[dict[str, Any]],
    schemas: Schemas,
    organizations: Iterable[dict[str, Any]] = (),
) -> dict[str, list[dict[str, Any]]]:
    """Nested service objects (and organizations without services) as the tabular form's
    rows, table (object) by table."""
    flat = _Flat(schemas)
    for service in services:
        flat.service(service)
    for org in organizations:
        flat.organization(org)
    return {schemas.table(name): list(rows.values()) for name, rows in flat.tables.items()}


class _Flat:
    """The tabular form's rows, gathered object by object, each linked to what holds it."""

    def __init__(self, schemas: Schemas) -> None:
        self.schemas = schemas
        self.tables: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in _READ_TABLES}

    def put(self, name: str, node: dict[str, Any], **links: Any) -> None:
        columns = self.schemas.columns(name)
        row = {key: node[key] for key in columns if key in node}
        if name == "organization" and not row.get("description"):
            # Required, and an empty CSV cell is no value: an organization entered at the
            # desk is described by its name.
            row["description"] = row.get("name", "")
        row.update({key: value for key, value in links.items() if key in columns and value})
        # One object linked from several places (a phone of both the service and its
        # organization) is one row with every link.
        kept = self.tables[name].setdefault(row["id"], row)
        for key, value in row.items():
            kept.setdefault(key, value)

    def organization(self, org: dict[str, Any]) -> None:
        self.put("organization", org)
        for phone in org.get("phones", []):
            self.put("phone", phone, organization_id=org["id"])

    def service(self, service: dict[str, Any]) -> None:
        sid = service["id"]
        org = service.get("organization") or {}
        if org:
            self.organization(org)
        self.put(
            "service", service, organization_id=org.get("id") or service.get("organization_id")
        )
        for key, name in _SERVICE_LISTS:
            for item in service.get(key, []):
                self.put(name, item, service_id=sid)
        for contact in service.get("contacts", []):
            for phone in contact.get("phones", []):
                self.put("phone", phone, contact_id=contact["id"])
        for attribute in service.get("attributes", []):
            term = attribute.get("taxonomy_term") or {}
            if term:
                self.put("taxonomy_term", term)
            self.put(
                "attribute",
                attribute,
                link_id=sid,
                link_type="service",
                taxonomy_term_id=term.get("id"),
            )
        for at in service.get("service_at_locations", []):
            location = at.get("location") or {}
            self.put("service_at_location", at, service_id=sid, location_id=location.get("id"))
            if location:
                self.put("location", location, organization_id=org.get("id"))
                for address in location.get("addresses", []):
                    self.put("address", address, location_id=location["id"])


# A service's lists whose objects are linked to it by ``service_id``: (key, object).
_SERVICE_LISTS = (
    ("phones", "phone"),
    ("schedules", "schedule"),
    ("required_documents", "required_document"),
    ("cost_options", "cost_option"),
    ("contacts", "contact"),
    ("languages", "language"),
    ("service_areas", "service_area"),
)


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(json_number(value))
    return str(value)


def datapackage(tables: dict[str, list[dict[str, Any]]], schemas: Schemas) -> dict[str, Any]:
    by_table = {schemas.table(name): name for name in schemas.contents}
    resources = []
    for table in tables:
        name = by_table[table]
        types = schemas.types(name)
        fields = [
            {"name": column, "type": "number" if types[column] == "number" else "string"}
            for column in schemas.columns(name)
        ]
        resources.append(
            {
                "name": PurePosixPath(table).stem,
                "path": table,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "ceneso-programas",
        "title": "Programas del CENESO (Open Referral HSDS 3.0)",
        "resources": resources,
    }


def tabular_files(
    services: list[dict[str, Any]],
    schemas: Schemas,
    organizations: Iterable[dict[str, Any]] = (),
) -> tuple[dict[str, str], list[str]]:
    """The package's files (name -> text) and the schema problems of its rows."""
    tables = flatten(services, schemas, organizations)
    by_table = {schemas.table(name): name for name in schemas.contents}
    files: dict[str, str] = {}
    problems: list[str] = []
    for table, rows in tables.items():
        name = by_table[table]
        columns = schemas.columns(name)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for number, row in enumerate(rows, start=2):
            writer.writerow({key: _csv_text(row.get(key)) for key in columns})
            typed = typed_row(
                row_from_csv({k: _csv_text(v) for k, v in row.items()}), name, schemas
            )
            problems += [
                f"{table}:{number}: {p}" for p in schemas.problems(name, typed, tabular=True)
            ]
        files[table] = out.getvalue()
    files[DATAPACKAGE] = dumps(datapackage(tables, schemas))
    return files, problems


def row_from_csv(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key and value not in ("", None)}


def typed_row(row: dict[str, Any], name: str, schemas: Schemas) -> dict[str, Any]:
    """A CSV row's values as the schema types them (numbers as numbers)."""
    types = schemas.types(name)
    typed: dict[str, Any] = {}
    for key, value in row.items():
        kind = types.get(key, "string")
        if kind in ("number", "integer") and isinstance(value, str):
            try:
                number = Decimal(value.strip())
            except InvalidOperation:
                typed[key] = value  # left for the schema to refuse
                continue
            if not_a_number(number):
                typed[key] = number  # refused by the caller, with its row and column
            else:
                typed[key] = int(number) if number == number.to_integral_value() else number
        elif kind == "boolean" and isinstance(value, str):
            typed[key] = {"true": True, "false": False}.get(value.strip().lower(), value)
        else:
            typed[key] = value
    return typed


@dataclass
class _Tables:
    rows: dict[str, list[dict[str, Any]]]
    notes: list[Skipped] = field(default_factory=list)


def read_tables_json(document: dict[str, Any], schemas: Schemas) -> _Tables:
    """The tables of the JSON tabular form (``{"services.csv": [rows]...}``)."""
    by_table = {schemas.table(name): name for name in schemas.contents}
    tables = _Tables({})
    for table, rows in document.items():
        name = by_table.get(table)
        if name is None or not isinstance(rows, list):
            tables.notes.append(Skipped(table, _("It is not a table of HSDS 3.0.")))
            continue
        # The same rows as the CSV files: every value as its text, typed by the schema later.
        tables.rows[name] = [
            row_from_csv({k: _csv_text(v) for k, v in row.items()})
            if isinstance(row, dict)
            else row
            for row in rows
        ]
    return tables


def read_package(folder: Path, schemas: Schemas) -> _Tables:
    """The tables of a data package folder: the CSV files its ``datapackage.json`` names, or
    the standard HSDS file names when it has none that can be read."""
    tables = _Tables({})
    paths: dict[str, Path] = {}
    by_table = {schemas.table(name): name for name in schemas.contents}
    descriptor = folder / DATAPACKAGE
    resources: list[Any] = []
    if descriptor.is_file():
        try:
            resources = json.loads(descriptor.read_text(encoding="utf-8-sig"))["resources"]
            if not isinstance(resources, list):
                raise TypeError
        except (OSError, ValueError, KeyError, TypeError):
            tables.notes.append(
                Skipped(
                    DATAPACKAGE,
                    _("It could not be read; the standard HSDS file names were used."),
                )
            )
            resources = []
    for resource in resources:
        if not isinstance(resource, dict):
            continue
        listed = str(resource.get("path") or "")
        name = by_table.get(PurePosixPath(listed).name) or by_table.get(
            f"{resource.get('name', '')}.csv"
        )
        relative = PurePosixPath(listed)
        if name is None or relative.is_absolute() or ".." in relative.parts:
            tables.notes.append(Skipped(listed or DATAPACKAGE, _("It is not a table of HSDS 3.0.")))
            continue
        paths[name] = folder / relative
    if not paths:
        for table, name in by_table.items():
            if (folder / table).is_file():
                paths[name] = folder / table
    if "service" not in paths:
        raise HsdsError(
            _("The folder {path} has no services.csv; it is not an HSDS data package.").format(
                path=folder
            )
        )
    for name, path in paths.items():
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                tables.rows[name] = [row_from_csv(row) for row in csv.DictReader(fh)]
        except FileNotFoundError:
            tables.notes.append(Skipped(path.name, _("The file is missing.")))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise HsdsError(
                _("The file {path} could not be read as UTF-8 CSV.").format(path=path)
            ) from exc
    return tables


def nest(tables: _Tables, schemas: Schemas) -> Document:
    """Rows validated (each against its object's schema, typed, with the tabular form's
    required columns) and put back together as nested service objects and organizations."""
    typed, objects = _checked_rows(tables, schemas)
    rows = _Linked(typed)
    services = [rows.service(row) for row in typed.get("service", [])]
    used = {row.get("organization_id") for row in typed.get("service", [])}
    lone = [org for org_id, org in rows.orgs.items() if org_id not in used]
    if not services and not lone and not objects:
        raise HsdsError(_("The file holds no HSDS services or organizations."))
    return Document.of(services, lone, tables.notes, objects)


def _checked_rows(
    tables: _Tables, schemas: Schemas
) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, str | None]]]:
    """Every table's rows typed and checked, and every object in them as (kind, id); or
    :class:`HsdsError` naming the first rows that break the schema."""
    typed: dict[str, list[dict[str, Any]]] = {}
    problems: list[str] = []
    objects: list[tuple[str, str | None]] = []
    for name, rows in tables.rows.items():
        table = schemas.table(name)
        typed[name] = []
        for number, row in enumerate(rows, start=2):
            if not isinstance(row, dict):
                problems.append(f"{table}:{number}: not a row")
                continue
            one = typed_row(row, name, schemas)
            bad = first_non_number(one)
            if bad is not None:
                entry = _("row {number} of {table}").format(number=number, table=table)
                raise non_number_error(entry, bad[0], row.get(bad[0], bad[1]))
            problems += [
                f"{table}:{number}: {p}" for p in schemas.problems(name, one, tabular=True)
            ]
            typed[name].append(one)
            objects.append((name, str(one["id"]) if one.get("id") is not None else None))
    if problems:
        raise HsdsError(not_hsds(problems))
    return typed, objects


# The columns that link a row to what holds it, left out of the nested object.
_LINK_KEYS = (
    "service_id",
    "organization_id",
    "location_id",
    "service_at_location_id",
    "contact_id",
)


def _strip(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


class _Linked:
    """Typed rows by what links them (``service_id``, ``location_id``...), to nest them."""

    def __init__(self, typed: dict[str, list[dict[str, Any]]]) -> None:
        self.typed = typed
        self.orgs = {row["id"]: row for row in typed.get("organization", [])}
        self.terms = {row["id"]: row for row in typed.get("taxonomy_term", [])}
        self.locations = {row["id"]: row for row in typed.get("location", [])}
        self._groups: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}

    def of(self, name: str, key: str, value: Any, *strip: str) -> list[dict[str, Any]]:
        """The rows of table ``name`` whose ``key`` is ``value``, without ``strip`` columns."""
        if (name, key) not in self._groups:
            grouped: dict[str, list[dict[str, Any]]] = {}
            for row in self.typed.get(name, []):
                if row.get(key):
                    grouped.setdefault(row[key], []).append(row)
            self._groups[name, key] = grouped
        return [_strip(row, *strip) for row in self._groups[name, key].get(value, [])]

    def service(self, row: dict[str, Any]) -> dict[str, Any]:
        sid = row["id"]
        node = dict(row)
        org = self.orgs.get(row.get("organization_id", ""))
        if org is not None:
            node["organization"] = {
                **org,
                "phones": self.of("phone", "organization_id", org["id"], *_LINK_KEYS),
            }
        node["phones"] = self.of("phone", "service_id", sid, *_LINK_KEYS)
        node["schedules"] = self.of("schedule", "service_id", sid, *_LINK_KEYS)
        node["required_documents"] = self.of("required_document", "service_id", sid, "service_id")
        node["cost_options"] = self.of("cost_option", "service_id", sid, "service_id")
        node["contacts"] = [
            {**contact, "phones": self.of("phone", "contact_id", contact["id"], *_LINK_KEYS)}
            for contact in self.of("contact", "service_id", sid, *_LINK_KEYS)
        ]
        node["languages"] = self.of("language", "service_id", sid, *_LINK_KEYS, "phone_id")
        node["service_areas"] = self.of("service_area", "service_id", sid, "service_id")
        node["attributes"] = [self.attribute(one) for one in self.of("attribute", "link_id", sid)]
        node["service_at_locations"] = [
            self.place(at) for at in self.of("service_at_location", "service_id", sid)
        ]
        return {k: v for k, v in node.items() if v != []}

    def attribute(self, row: dict[str, Any]) -> dict[str, Any]:
        node = _strip(row, "link_id", "taxonomy_term_id", "link_type")
        if row.get("taxonomy_term_id") in self.terms:
            node["taxonomy_term"] = self.terms[row["taxonomy_term_id"]]
        return node

    def place(self, at: dict[str, Any]) -> dict[str, Any]:
        place = _strip(at, "service_id", "location_id")
        location = self.locations.get(at.get("location_id", ""))
        if location is not None:
            lid = location["id"]
            place["location"] = {
                **_strip(location, "organization_id"),
                "addresses": self.of("address", "location_id", lid, "location_id"),
                "phones": self.of("phone", "location_id", lid, *_LINK_KEYS),
                "schedules": self.of("schedule", "location_id", lid, *_LINK_KEYS),
            }
        return place
