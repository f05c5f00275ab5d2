"""Open Referral HSDS 3.0 in and out: the JSON form and the tabular data package.

So the program directory can come from (and go to) other directories of services: a state
directory, another community centre, an Open Referral API. Two forms, as the standard has them:

- **JSON**: one service, organization or service-at-location object, a page of them
  (``{"contents": [...]}``, the HSDS API's list form), or an array. The export is a page of
  full service objects (organization, location, phones, schedules... nested).
- **Tabular**: a folder with ``datapackage.json`` and one CSV per object (``services.csv``,
  ``organizations.csv``...), linked by ``id``; or the same tables as one JSON object keyed by
  file name (the examples' ``tabular.json``).

Mapping (kiosk column -> HSDS):

===================== ========================================================================
organization          ``organization``: id, name, description, website, email, phones[0]
name, description     service ``name``, ``description``
eligibility           ``eligibility_description``; ages ``minimum_age``, ``maximum_age``
application_process   ``application_process``
fees                  ``fees_description``; ``cost_options[0]`` ``amount`` and ``currency``
required_documents    ``required_documents[].document`` (ours as "INE (credencial para votar)",
                      "CURP"...: read back as their codes; other texts are kept as written)
place                 ``service_at_locations[0]``: its ``location`` (``name``, ``transportation``
                      = how to get there) and the location's first address (``address_1``
                      [+ ``address_2``], ``city``, ``state_province``, ``postal_code``,
                      ``country``)
phone                 the first of the service's phones (else the place's)
schedule              the first schedule: ``description``, ``opens_at``, ``closes_at``, and its
                      days when it is a plain weekly rule (``byday``, kept in
                      ``schedule_days``); later schedules in ``more_schedules``
languages             ``languages`` of the service and of its place (id, name, code, note)
service_areas         ``service_areas`` (id, name, description): the municipalities it serves
contacts              ``contacts`` of the service, its place and location (id, name, title,
                      department, email, phones with number and extension)
status, assured_date  ``status`` (inactive, defunct and temporarily closed are hidden),
                      ``assured_date``
need, level, benefit  ``attributes`` with taxonomy terms of the kiosk's taxonomies
                      ``ceneso-necesidad``, ``ceneso-nivel`` and ``ceneso-beneficio``. A service
                      without them is filed by the words of its name and description (and its
                      organization's name for the level); staff can change it.
===================== ========================================================================

HSDS identifiers are kept (``hsds_id`` of services and organizations, and the ids of the
location, address, phone, schedule, cost option and documents in ``hsds_ids``), so importing the
same data again updates instead of adding copies, and an export gives the same ids back. Rows the
kiosk entered itself get stable ids derived from their own.

Import rules: the document is validated against the HSDS JSON schema (by default the standard's
files shipped in ``hsds_schema/``, their relative ``$ref`` resolved through a ``referencing``
registry; in the tabular form each row, its values typed by the schema, with the columns the
tabular form requires). A document that is not HSDS, breaks the schema anywhere, or holds a
number that is not one (NaN, an infinity, ``1e400``) raises :class:`HsdsError` naming the entry
and field, and nothing is written. Any valid HSDS object is accepted (a location or taxonomy
alone, the API's own description); valid entries the kiosk cannot hold (a name longer than it
keeps...) are skipped with the reason, and every object it does not keep (funding, metadata, a
second phone...) is counted by kind in :attr:`HsdsReport.left_out`. Everything is written in one
transaction.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, time
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import phonenumbers
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    Organization,
    ProgramLevel,
    ProgramNeed,
    Service,
    ServiceStatus,
)
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.text import fold_lower, one_line, paragraphs

log = area_logger("hsds")

SCHEMA_BASE = "https://openreferral.org/hsds/3.0/schema/"
# The standard's schema files, unchanged, with their licence (scripts/extract_hsds_schema.py).
SHIPPED_SCHEMA = Path(__file__).resolve().parent / "hsds_schema"
# Stable ids for what the kiosk entered itself (and for its taxonomy terms).
NAMESPACE = uuid.UUID("6f1c2a8e-52b5-4c1e-9d0e-ce4e5020a5c0")
NEED_TAXONOMY = "ceneso-necesidad"
LEVEL_TAXONOMY = "ceneso-nivel"
BENEFIT_TAXONOMY = "ceneso-beneficio"
DATAPACKAGE = "datapackage.json"
MAX_PROBLEMS = 3

# Column limits of the kiosk's tables (an entry over them is skipped, not cut).
_LIMITS = {
    "name": 200,
    "organization": 200,
    "location_name": 200,
    "address": 300,
    "locality": 80,
    "region": 80,
    "postal_code": 10,
    "schedule": 200,
    "fees": 200,
    "phone": 20,
    "website": 300,
    "email": 200,
}
AGE_MAX = 120
COST_LIMIT = Decimal("100000000")

# The papers the kiosk has pictures for, as written in exports (Mexican Spanish), and other ways
# of writing them that are read back as the same paper.
DOCUMENT_NAMES: dict[str, str] = {
    "ine": "INE (credencial para votar)",
    "curp": "CURP",
    "comprobante_domicilio": "Comprobante de domicilio",
    "acta_nacimiento": "Acta de nacimiento",
    "fotografia": "Fotografía",
    "rfc": "RFC",
    "solicitud_empleo": "Solicitud de empleo",
}
_DOCUMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "ine": ("ine", "credencial para votar", "credencial de elector", "identificacion oficial"),
    "curp": ("curp",),
    "comprobante_domicilio": ("comprobante de domicilio", "proof of address"),
    "acta_nacimiento": ("acta de nacimiento", "birth certificate"),
    "fotografia": ("fotografia", "foto", "photograph", "photo"),
    "rfc": ("rfc",),
    "solicitud_empleo": ("solicitud de empleo",),
}
# Words inside a longer text that name one of those papers (for its pictures on screen).
_DOCUMENT_MENTIONS: dict[str, tuple[str, ...]] = {
    "ine": ("ine", "credencial", "identificacion", "identification", "identity card", "passport"),
    "curp": ("curp",),
    "comprobante_domicilio": ("domicilio", "evidence of address", "proof of address"),
    "acta_nacimiento": ("acta de nacimiento", "birth certificate"),
    "fotografia": ("fotografia", "photograph"),
    "rfc": ("rfc",),
}

NEED_NAMES: dict[ProgramNeed, str] = {
    ProgramNeed.BUSINESS_MONEY: "Dinero para mi negocio",
    ProgramNeed.SAVINGS_CREDIT: "Ahorro y crédito",
    ProgramNeed.TRAINING: "Capacitación",
    ProgramNeed.LEGAL: "Apoyo legal",
    ProgramNeed.HEALTH: "Salud",
    ProgramNeed.CHILDCARE: "Guardería y niños",
    ProgramNeed.HOUSING: "Vivienda",
    ProgramNeed.FOOD: "Alimentos",
}
LEVEL_NAMES: dict[ProgramLevel, str] = {
    ProgramLevel.FEDERAL: "Gobierno federal",
    ProgramLevel.STATE: "Gobierno del estado",
    ProgramLevel.MUNICIPAL: "Municipio",
    ProgramLevel.CIVIL: "Organización de la sociedad civil",
}
# Words that file a foreign service under a need: the one with most matches wins.
_NEED_WORDS: dict[ProgramNeed, tuple[str, ...]] = {
    ProgramNeed.BUSINESS_MONEY: ("negocio", "emprend", "productiv", "business", "entrepreneur"),
    ProgramNeed.SAVINGS_CREDIT: ("ahorro", "credito", "prestamo", "saving", "credit", "loan"),
    ProgramNeed.TRAINING: ("capacita", "curso", "taller", "beca", "estudi", "training", "course"),
    ProgramNeed.LEGAL: ("legal", "juridic", "abogad", "derecho", "lawyer", "law "),
    ProgramNeed.HEALTH: (
        "salud",
        "medic",
        "clinic",
        "terapia",
        "psicolog",
        "counsel",
        "mental",
        "health",
    ),
    ProgramNeed.CHILDCARE: ("guarder", "nino", "nina", "infantil", "child", "daycare"),
    ProgramNeed.HOUSING: ("vivienda", "terreno", "techo", "housing", "shelter"),
    ProgramNeed.FOOD: ("aliment", "despensa", "comedor", "desayuno", "comida", "food", "meal"),
}
FALLBACK_NEED = ProgramNeed.TRAINING
_LEVEL_WORDS: tuple[tuple[ProgramLevel, tuple[str, ...]], ...] = (
    (ProgramLevel.MUNICIPAL, ("municip", "ayuntamiento", "presidencia municipal")),
    (ProgramLevel.STATE, ("del estado", "estatal", "chihuahuense", "state of")),
    (
        ProgramLevel.FEDERAL,
        ("nacional", "federal", "secretaria de", "imss", "issste", "gobierno de mexico"),
    ),
)
_STATUS_OUT = {ServiceStatus.ACTIVE: "active", ServiceStatus.INACTIVE: "inactive"}
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


# --- text helpers -----------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case without accents, single spaces: for matching words."""
    return " ".join(fold_lower(text).split())


def document_code(text: str) -> str | None:
    """The kiosk's code for a paper written as one of its names ("CURP", "Acta de
    nacimiento", "ine"...), or None for any other text."""
    folded = _fold(text).strip(" .")
    if folded in _DOCUMENT_ALIASES:
        return folded
    for code, name in DOCUMENT_NAMES.items():
        if folded == _fold(name) or folded in _DOCUMENT_ALIASES[code]:
            return code
    return None


def codes_mentioned(text: str) -> list[str]:
    """The papers a longer text speaks of, in the kiosk's order (for their pictures)."""
    folded = f" {re.sub(r'[^a-z0-9 ]', ' ', _fold(text))} "
    folded = " ".join(folded.split())
    found = []
    for code, words in _DOCUMENT_MENTIONS.items():
        if any(f" {word} " in f" {folded} " for word in words):
            found.append(code)
    return found


def document_name(code: str) -> str:
    """How a stored paper is written in an export: its Spanish name, or the text as stored."""
    return DOCUMENT_NAMES.get(code, code)


def guess_need(*texts: str) -> ProgramNeed | None:
    folded = " ".join(_fold(t) for t in texts if t) + " "
    scores = {need: sum(folded.count(w) for w in words) for need, words in _NEED_WORDS.items()}
    best = max(scores, key=lambda need: scores[need])
    return best if scores[best] else None


def guess_level(*texts: str) -> ProgramLevel:
    folded = " ".join(_fold(t) for t in texts if t)
    for level, words in _LEVEL_WORDS:
        if any(word in folded for word in words):
            return level
    return ProgramLevel.CIVIL


def _phone(text: object) -> str:
    """A Mexican number as its 10 digits; any other as written (without stray quotes)."""
    written = one_line(text).strip("\"' ")
    if not written:
        return ""
    try:
        number = phonenumbers.parse(written, "MX")
    except phonenumbers.NumberParseException:
        return written
    if phonenumbers.is_valid_number_for_region(number, "MX"):
        national = str(number.national_number)
        if len(national) == 10:
            return national
    return written


def _phone_out(phone: str) -> str:
    if len(phone) == 10 and phone.isdigit():
        return f"+52 {phone[:3]} {phone[3:6]} {phone[6:]}"
    return phone


def _clock(value: object) -> time | None:
    text = one_line(value)
    if not text:
        return None
    try:
        return time.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None


def _day(value: object) -> date | None:
    text = one_line(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


# --- numbers that are not numbers -------------------------------------------------------------

FLOAT_MAX = Decimal(sys.float_info.max)


def _not_a_number(value: object) -> bool:
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


def _first_non_number(node: Any, path: str = "") -> tuple[str, Any] | None:
    """The first value in ``node`` that is not a number, with where it is (``a.0.b``)."""
    if isinstance(node, dict):
        children: Iterable[tuple[str, Any]] = ((str(k), v) for k, v in node.items())
    elif isinstance(node, list):
        children = ((str(i), v) for i, v in enumerate(node))
    else:
        return (path, node) if _not_a_number(node) else None
    for key, child in children:
        found = _first_non_number(child, f"{path}.{key}" if path else key)
        if found is not None:
            return found
    return None


def _non_number_error(entry: str, field: str, value: Any) -> HsdsError:
    return HsdsError(
        _(
            "In {entry}, the field {field} holds {value}, which is not a number; correct the "
            "file and import it again."
        ).format(entry=entry, field=field, value=value)
    )


# --- the schema -------------------------------------------------------------------------------


class Schemas:
    """The HSDS 3.0 JSON schema files of one folder (``service.json``, ``phone.json``...), their
    relative ``$ref``s resolved through a ``referencing`` registry."""

    def __init__(self, directory: Path | None = None) -> None:
        # The copy shipped in the package unless another folder is given.
        self.directory = Path(directory) if directory is not None else SHIPPED_SCHEMA
        if not (self.directory / "service.json").is_file():
            raise HsdsError(
                _(
                    "The HSDS schema was not found in {path}; set hsds_schema_dir to the folder "
                    "that holds service.json."
                ).format(path=self.directory)
            )
        self.contents: dict[str, dict[str, Any]] = {}
        self._validators: dict[tuple[str, bool], Any] = {}
        for path in sorted(self.directory.glob("*.json")):
            try:
                content = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise HsdsError(
                    _("The HSDS schema file {path} could not be read.").format(path=path)
                ) from exc
            if isinstance(content, dict) and content.get("type") == "object":
                self.contents[path.stem] = content

    @cached_property
    def registry(self) -> Any:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        return Registry().with_resources(
            (SCHEMA_BASE + f"{name}.json", Resource.from_contents(c, DRAFT202012))
            for name, c in self.contents.items()
        )

    def validator(self, name: str, *, tabular: bool = False) -> Any:
        # Built once per object kind, not again for every entry or row.
        key = (name, tabular)
        if key not in self._validators:
            self._validators[key] = self._new_validator(name, tabular)
        return self._validators[key]

    def _new_validator(self, name: str, tabular: bool) -> Any:
        from jsonschema import Draft202012Validator

        schema: dict[str, Any] = {"$ref": SCHEMA_BASE + f"{name}.json"}
        if tabular:
            extra = self.contents[name].get("tabular_required") or []
            if extra:
                schema = {"allOf": [schema, {"required": list(extra)}]}
        return Draft202012Validator(
            schema, registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )

    def problems(self, name: str, instance: Any, *, tabular: bool = False) -> list[str]:
        """Up to :data:`MAX_PROBLEMS` schema problems, each as ``where: what``."""
        found = []
        errors = sorted(
            self.validator(name, tabular=tabular).iter_errors(instance),
            key=lambda e: list(map(str, e.absolute_path)),
        )
        for error in errors[:MAX_PROBLEMS]:
            where = ".".join(str(p) for p in error.absolute_path) or name
            found.append(f"{where}: {error.message}")
        return found

    def table(self, name: str) -> str:
        return str(self.contents[name].get("path") or f"{name}s.csv")

    def columns(self, name: str) -> list[str]:
        """The object's plain (non-nested) fields, in the schema's order: its CSV columns."""
        props = self.contents[name].get("properties", {})
        return [
            key
            for key, prop in props.items()
            if "$ref" not in prop and prop.get("type") not in ("array", "object")
        ]

    def types(self, name: str) -> dict[str, str]:
        props = self.contents[name].get("properties", {})
        return {key: str(prop.get("type", "string")) for key, prop in props.items()}


# --- export -----------------------------------------------------------------------------------


def _compact(node: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: HSDS fields are optional unless the schema requires them."""
    return {k: v for k, v in node.items() if v not in ("", None, [], {})}


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _term(taxonomy: str, code: str, name: str) -> dict[str, Any]:
    return {
        "id": stable_id("term", taxonomy, code),
        "code": code,
        "name": name,
        "description": name,
        "taxonomy": taxonomy,
        "language": "es",
    }


def _attribute(service_id: str, taxonomy: str, code: str, name: str, value: str) -> dict[str, Any]:
    return {
        "id": stable_id(service_id, "attribute", taxonomy),
        "link_entity": "service",
        "value": value,
        "taxonomy_term": _term(taxonomy, code, name),
    }


def organization_to_hsds(org: Organization) -> dict[str, Any]:
    org_id = org.hsds_id or stable_id("organization", org.id)
    ids = org.hsds_ids or {}
    node = _compact(
        {
            "id": org_id,
            "name": org.name,
            "description": org.description,
            "website": org.website,
            "email": org.email,
        }
    )
    node["description"] = org.description  # required, even when empty
    if org.phone:
        node["phones"] = [
            {"id": ids.get("phone") or stable_id(org_id, "phone"), "number": _phone_out(org.phone)}
        ]
    return node


def _schedule_out(schedule: dict[str, Any]) -> dict[str, Any]:
    """A kept schedule as HSDS writes it: its days as a weekly rule."""
    node = _compact(dict(schedule))
    if node.get("byday"):
        node = {**node, "freq": "WEEKLY"}
    return node


def service_to_hsds(service: Service) -> dict[str, Any]:
    """One program as a full HSDS service object (its organization and place nested)."""
    service_id = service.hsds_id or stable_id("service", service.id)
    ids = service.hsds_ids or {}

    def oid(kind: str) -> str:
        return ids.get(kind) or stable_id(service_id, kind)

    node: dict[str, Any] = _compact(
        {
            "id": service_id,
            "organization_id": service.organization.hsds_id
            or stable_id("organization", service.organization_id),
            "name": service.name,
            "description": service.description,
            "status": _STATUS_OUT[ServiceStatus(service.status)],
            "application_process": service.application_process,
            "fees_description": service.fees,
            "eligibility_description": service.eligibility,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.assured_date.isoformat() if service.assured_date else None,
            "last_modified": service.updated_at.astimezone(UTC)
            .isoformat(timespec="seconds")
            .replace("+00:00", "Z")
            if service.updated_at
            else None,
        }
    )
    node["organization"] = organization_to_hsds(service.organization)
    if service.phone:
        node["phones"] = [{"id": oid("phone"), "number": _phone_out(service.phone)}]
    schedules = [_schedule_out(one) for one in service.more_schedules or ()]
    if service.schedule or service.opens_at or service.closes_at or service.schedule_days:
        first = {
            "id": oid("schedule"),
            "description": service.schedule,
            "opens_at": service.opens_at.isoformat() if service.opens_at else None,
            "closes_at": service.closes_at.isoformat() if service.closes_at else None,
            "byday": service.schedule_days,
        }
        schedules.insert(0, _schedule_out(first))
    if schedules:
        node["schedules"] = schedules
    for column in ("languages", "service_areas"):
        if getattr(service, column):
            node[column] = [
                {**item, "id": item.get("id") or stable_id(service_id, column, index)}
                for index, item in enumerate(getattr(service, column))
            ]
    contacts = []
    for index, contact in enumerate(service.contacts or ()):
        contact_id = contact.get("id") or stable_id(service_id, "contact", index)
        one = {**contact, "id": contact_id}
        phones = [
            {
                **phone,
                "id": phone.get("id") or stable_id(contact_id, "phone", position),
                "number": _phone_out(phone["number"]),
            }
            for position, phone in enumerate(contact.get("phones", []))
            if phone.get("number")
        ]
        one.pop("phones", None)
        if phones:
            one["phones"] = phones
        contacts.append(one)
    if contacts:
        node["contacts"] = contacts
    if service.cost_amount is not None:
        node["cost_options"] = [
            _compact(
                {
                    "id": oid("cost_option"),
                    "amount": _number(service.cost_amount),
                    "currency": service.cost_currency,
                }
            )
        ]
    documents = list(service.required_documents or ())
    if documents:
        node["required_documents"] = [
            {
                "id": ids.get(f"document:{doc}") or stable_id(service_id, "document", doc),
                "document": document_name(doc),
            }
            for doc in documents
        ]
    if service.address or service.locality or service.location_name or service.directions:
        location: dict[str, Any] = _compact(
            {
                "id": oid("location"),
                "location_type": "physical",
                "name": service.location_name,
                "transportation": service.directions,
            }
        )
        if service.address or service.locality:
            location["addresses"] = [
                {
                    "id": oid("address"),
                    "address_1": service.address,
                    "city": service.locality,
                    "state_province": service.region,
                    "postal_code": service.postal_code,
                    "country": service.country,
                    "address_type": "physical",
                }
            ]
        node["service_at_locations"] = [{"id": oid("service_at_location"), "location": location}]
    need, level = ProgramNeed(service.need), ProgramLevel(service.level)
    node["attributes"] = [
        _attribute(service_id, NEED_TAXONOMY, need.value, NEED_NAMES[need], need.value),
        _attribute(service_id, LEVEL_TAXONOMY, level.value, LEVEL_NAMES[level], level.value),
    ]
    if service.benefit:
        node["attributes"].append(
            _attribute(service_id, BENEFIT_TAXONOMY, "beneficio", "Qué da", service.benefit)
        )
    return node


def export_services(session_factory: sessionmaker[Session]) -> list[dict[str, Any]]:
    """Every program (hidden ones too, as inactive), oldest first, as HSDS service objects."""
    with session_factory() as s:
        services = s.scalars(select(Service).order_by(Service.id)).all()
        return [service_to_hsds(service) for service in services]


def export_lone_organizations(session_factory: sessionmaker[Session]) -> list[dict[str, Any]]:
    """The organizations that run no program (imported from an organization list), oldest
    first, as HSDS organization objects: so they come back too."""
    with session_factory() as s:
        orgs = s.scalars(
            select(Organization)
            .where(~select(Service.id).where(Service.organization_id == Organization.id).exists())
            .order_by(Organization.id)
        ).all()
        return [organization_to_hsds(org) for org in orgs]


def service_page(
    services: list[dict[str, Any]], organizations: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The HSDS API's page form holding every service; organizations that run none follow
    as organization objects."""
    contents = [*services, *(organizations or [])]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _number(value)
    raise TypeError(type(value))


def check_services(
    schemas: Schemas,
    services: Iterable[dict[str, Any]],
    organizations: Iterable[dict[str, Any]] = (),
) -> list[str]:
    """Schema problems of exported services and organizations (none for a good export)."""
    problems: list[str] = []
    items = [("service", one) for one in services]
    items += [("organization", one) for one in organizations]
    for index, (kind, item) in enumerate(items):
        problems += [f"contents.{index}.{p}" for p in schemas.problems(kind, item)]
    return problems


# --- the tabular form -------------------------------------------------------------------------


def flatten(
    services: list[dict[str, Any]],
    schemas: Schemas,
    organizations: Iterable[dict[str, Any]] = (),
) -> dict[str, list[dict[str, Any]]]:
    """Nested service objects (and organizations without services) as the tabular form's
    rows, table (object) by table."""
    tables: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in _READ_TABLES}

    def put(name: str, node: dict[str, Any], **links: Any) -> None:
        columns = schemas.columns(name)
        row = {key: node[key] for key in columns if key in node}
        if name == "organization" and not row.get("description"):
            # Required, and an empty CSV cell is no value: an organization entered at the
            # desk is described by its name.
            row["description"] = row.get("name", "")
        row.update({key: value for key, value in links.items() if key in columns and value})
        # One object linked from several places (a phone of both the service and its
        # organization) is one row with every link.
        kept = tables[name].setdefault(row["id"], row)
        for key, value in row.items():
            kept.setdefault(key, value)

    for service in services:
        sid = service["id"]
        org = service.get("organization") or {}
        if org:
            put("organization", org)
            for phone in org.get("phones", []):
                put("phone", phone, organization_id=org["id"])
        put("service", service, organization_id=org.get("id") or service.get("organization_id"))
        for phone in service.get("phones", []):
            put("phone", phone, service_id=sid)
        for schedule in service.get("schedules", []):
            put("schedule", schedule, service_id=sid)
        for doc in service.get("required_documents", []):
            put("required_document", doc, service_id=sid)
        for cost in service.get("cost_options", []):
            put("cost_option", cost, service_id=sid)
        for contact in service.get("contacts", []):
            put("contact", contact, service_id=sid)
            for phone in contact.get("phones", []):
                put("phone", phone, contact_id=contact["id"])
        for language in service.get("languages", []):
            put("language", language, service_id=sid)
        for area in service.get("service_areas", []):
            put("service_area", area, service_id=sid)
        for attribute in service.get("attributes", []):
            term = attribute.get("taxonomy_term") or {}
            if term:
                put("taxonomy_term", term)
            put(
                "attribute",
                attribute,
                link_id=sid,
                link_type="service",
                taxonomy_term_id=term.get("id"),
            )
        for at in service.get("service_at_locations", []):
            location = at.get("location") or {}
            put("service_at_location", at, service_id=sid, location_id=location.get("id"))
            if location:
                put("location", location, organization_id=org.get("id"))
                for address in location.get("addresses", []):
                    put("address", address, location_id=location["id"])
    for org in organizations:
        put("organization", org)
        for phone in org.get("phones", []):
            put("phone", phone, organization_id=org["id"])
    return {schemas.table(name): list(rows.values()) for name, rows in tables.items()}


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(_number(value))
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
            typed = _typed(row_from_csv({k: _csv_text(v) for k, v in row.items()}), name, schemas)
            problems += [
                f"{table}:{number}: {p}" for p in schemas.problems(name, typed, tabular=True)
            ]
        files[table] = out.getvalue()
    files[DATAPACKAGE] = dumps(datapackage(tables, schemas))
    return files, problems


def row_from_csv(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key and value not in ("", None)}


def _typed(row: dict[str, Any], name: str, schemas: Schemas) -> dict[str, Any]:
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
            if _not_a_number(number):
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


def _read_tables_json(document: dict[str, Any], schemas: Schemas) -> _Tables:
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


def _read_package(folder: Path, schemas: Schemas) -> _Tables:
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


def _nest(tables: _Tables, schemas: Schemas) -> Document:
    """Rows validated (each against its object's schema, typed, with the tabular form's
    required columns) and put back together as nested service objects and organizations."""
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
            one = _typed(row, name, schemas)
            bad = _first_non_number(one)
            if bad is not None:
                entry = _("row {number} of {table}").format(number=number, table=table)
                raise _non_number_error(entry, bad[0], row.get(bad[0], bad[1]))
            problems += [
                f"{table}:{number}: {p}" for p in schemas.problems(name, one, tabular=True)
            ]
            typed[name].append(one)
            objects.append((name, str(one["id"]) if one.get("id") is not None else None))
    if problems:
        raise HsdsError(_not_hsds(problems))

    def by(name: str, key: str) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in typed.get(name, []):
            if row.get(key):
                grouped.setdefault(row[key], []).append(row)
        return grouped

    orgs = {row["id"]: row for row in typed.get("organization", [])}
    terms = {row["id"]: row for row in typed.get("taxonomy_term", [])}
    locations = {row["id"]: row for row in typed.get("location", [])}
    addresses = by("address", "location_id")
    phones_by = {
        key: by("phone", key)
        for key in ("service_id", "organization_id", "location_id", "contact_id")
    }
    contacts = by("contact", "service_id")
    languages = by("language", "service_id")
    areas = by("service_area", "service_id")
    schedules_by = {key: by("schedule", key) for key in ("service_id", "location_id")}
    at_locations = by("service_at_location", "service_id")
    documents = by("required_document", "service_id")
    costs = by("cost_option", "service_id")
    attributes = by("attribute", "link_id")

    def strip(row: dict[str, Any], *keys: str) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k not in keys}

    link_keys = (
        "service_id",
        "organization_id",
        "location_id",
        "service_at_location_id",
        "contact_id",
    )
    services = []
    for row in typed.get("service", []):
        sid = row["id"]
        node = dict(row)
        org = orgs.get(row.get("organization_id", ""))
        if org is not None:
            node["organization"] = {
                **org,
                "phones": [
                    strip(p, *link_keys) for p in phones_by["organization_id"].get(org["id"], [])
                ],
            }
        node["phones"] = [strip(p, *link_keys) for p in phones_by["service_id"].get(sid, [])]
        node["schedules"] = [strip(s, *link_keys) for s in schedules_by["service_id"].get(sid, [])]
        node["required_documents"] = [strip(d, "service_id") for d in documents.get(sid, [])]
        node["cost_options"] = [strip(c, "service_id") for c in costs.get(sid, [])]
        node["contacts"] = [
            {
                **strip(c, *link_keys),
                "phones": [strip(p, *link_keys) for p in phones_by["contact_id"].get(c["id"], [])],
            }
            for c in contacts.get(sid, [])
        ]
        node["languages"] = [strip(x, *link_keys, "phone_id") for x in languages.get(sid, [])]
        node["service_areas"] = [strip(a, "service_id") for a in areas.get(sid, [])]
        node["attributes"] = [
            {
                **strip(a, "link_id", "taxonomy_term_id", "link_type"),
                **(
                    {"taxonomy_term": terms[a["taxonomy_term_id"]]}
                    if a.get("taxonomy_term_id") in terms
                    else {}
                ),
            }
            for a in attributes.get(sid, [])
        ]
        places = []
        for at in at_locations.get(sid, []):
            place = strip(at, "service_id", "location_id")
            location = locations.get(at.get("location_id", ""))
            if location is not None:
                lid = location["id"]
                place["location"] = {
                    **strip(location, "organization_id"),
                    "addresses": [strip(a, "location_id") for a in addresses.get(lid, [])],
                    "phones": [strip(p, *link_keys) for p in phones_by["location_id"].get(lid, [])],
                    "schedules": [
                        strip(s, *link_keys) for s in schedules_by["location_id"].get(lid, [])
                    ],
                }
            places.append(place)
        node["service_at_locations"] = places
        services.append({k: v for k, v in node.items() if v != []})
    used = {row.get("organization_id") for row in typed.get("service", [])}
    lone = [org for org_id, org in orgs.items() if org_id not in used]
    if not services and not lone and not objects:
        raise HsdsError(_("The file holds no HSDS services or organizations."))
    return Document(services, lone, tables.notes, objects)


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
API_INFO = "api_info"
_API_INFO_KEYS = frozenset({"version", "profile", "openapi_url"})
_TAXONOMY_KEYS = frozenset({"id", "name", "description", "uri", "version"})


@dataclass
class Document:
    """What a file holds, checked against the schema: services (nested) and organizations
    without services, notes on the file, and every HSDS object in it as (kind, id), so what
    the import does not keep can be counted."""

    services: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    notes: list[Skipped]
    objects: list[tuple[str, str | None]] = field(default_factory=list)


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


def _not_hsds(problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_PROBLEMS])
    return _("The file does not follow Open Referral HSDS 3.0: {problems}").format(problems=shown)


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
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise HsdsError(_("The file is not a UTF-8 JSON text file.")) from exc
    # The parser notes whether any number is not one, so a file without any is not walked
    # through a second time (a large directory has hundreds of thousands of values).
    odd: list[str] = []

    def number(text: str) -> Decimal:
        value = Decimal(text)
        if _not_a_number(value):
            odd.append(text)
        return value

    def constant(text: str) -> Decimal:
        odd.append(text)
        return Decimal(text)

    try:
        parsed = json.loads(data, parse_float=number, parse_constant=constant)
    except (ValueError, RecursionError) as exc:
        raise HsdsError(
            _("The file is not valid JSON; it may be damaged or of another kind.")
        ) from exc
    if isinstance(parsed, dict) and parsed and all(str(k).endswith(".csv") for k in parsed):
        tables = _read_tables_json(parsed, schemas)
        return _nest(tables, schemas)
    if isinstance(parsed, dict) and isinstance(parsed.get("contents"), list):
        items = parsed["contents"]
    elif isinstance(parsed, list):
        items = parsed
    else:
        items = [parsed]
    services: list[dict[str, Any]] = []
    organizations: list[dict[str, Any]] = []
    objects: list[tuple[str, str | None]] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        kind = _kind(item)
        where = f"contents.{index}" if len(items) > 1 or isinstance(parsed, dict) else "item"
        if kind is None:
            problems.append(f"{where}: not an HSDS 3.0 object")
            continue
        bad = _first_non_number(item) if odd else None
        if bad is not None:
            raise _non_number_error(_item_label(kind, item, where), bad[0], bad[1])
        if kind == API_INFO:
            objects.append((API_INFO, None))
            continue
        problems += [f"{where}.{p}" for p in schemas.problems(kind, item)]
        _objects(item, kind, objects)
        if kind == "service":
            services.append(item)
        elif kind == "service_at_location":
            place = {k: v for k, v in item.items() if k != "service"}
            service = dict(item["service"])
            service["service_at_locations"] = [place, *service.get("service_at_locations", [])]
            services.append(service)
        elif kind == "organization":
            nested = item.get("services") or []
            org = {k: v for k, v in item.items() if k != "services"}
            if not nested:
                organizations.append(org)
            for one in nested:
                if isinstance(one, dict):
                    services.append({**one, "organization": one.get("organization", org)})
    if problems:
        raise HsdsError(_not_hsds(problems))
    if not objects:
        raise HsdsError(_("The file holds no HSDS services or organizations."))
    return Document(services, organizations, [], objects)


def read_path(path: Path, schemas: Schemas) -> Document:
    """A ``.json`` file (either form), or a data package (its folder or its
    ``datapackage.json``), checked; or :class:`HsdsError`."""
    if path.is_dir() or path.name == DATAPACKAGE:
        folder = path if path.is_dir() else path.parent
        if not folder.is_dir():
            raise HsdsError(_("The folder {path} does not exist.").format(path=folder))
        return _nest(_read_package(folder, schemas), schemas)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise HsdsError(_("The file {path} does not exist.").format(path=path)) from exc
    except OSError as exc:
        raise HsdsError(_("The file {path} could not be read.").format(path=path)) from exc
    return read_json(data, schemas)


# --- one service -> column values -------------------------------------------------------------


def _first(items: Any) -> dict[str, Any]:
    if isinstance(items, list):
        return next((item for item in items if isinstance(item, dict)), {})
    return items if isinstance(items, dict) else {}


def _attribute_codes(service: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Our taxonomies' terms on the service: taxonomy -> (code, value)."""
    found: dict[str, tuple[str, str]] = {}
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        taxonomy = str(term.get("taxonomy") or "")
        if taxonomy in (NEED_TAXONOMY, LEVEL_TAXONOMY, BENEFIT_TAXONOMY):
            found.setdefault(
                taxonomy, (str(term.get("code") or ""), str(attribute.get("value") or ""))
            )
    return found


@dataclass
class _Entry:
    label: str
    org: dict[str, Any]
    values: dict[str, Any]
    node: dict[str, Any]


def table_name(kind: str) -> str:
    """An HSDS object's table name, as the tabular form writes it: its plural."""
    irregular = {
        "funding": "funding",
        "metadata": "metadata",
        "accessibility": "accessibility",
        "taxonomy": "taxonomies",
        "address": "addresses",
        "service_at_location": "service_at_location",
        API_INFO: API_INFO,
    }
    return irregular.get(kind, f"{kind}s")


def _kept_ids(values: dict[str, Any], node: dict[str, Any]) -> set[tuple[str, str]]:
    """The HSDS objects an imported service's row holds, as (kind, id)."""
    kept = {("service", values["hsds_id"])}
    for key, value in values["hsds_ids"].items():
        kept.add(("required_document" if key.startswith("document:") else key, value))
    for column, kind in (
        ("languages", "language"),
        ("service_areas", "service_area"),
        ("contacts", "contact"),
        ("more_schedules", "schedule"),
    ):
        for item in values[column]:
            if item.get("id"):
                kept.add((kind, item["id"]))
            kept.update(("phone", phone["id"]) for phone in item.get("phones", []) if "id" in phone)
    for attribute in _dicts(node.get("attributes")):
        term = attribute.get("taxonomy_term") or {}
        if str(term.get("taxonomy") or "") in (NEED_TAXONOMY, LEVEL_TAXONOMY, BENEFIT_TAXONOMY):
            kept.add(("attribute", str(attribute.get("id"))))
            kept.add(("taxonomy_term", str(term.get("id"))))
    return kept


def _left_out(
    objects: list[tuple[str, str | None]], kept: set[tuple[str, str]]
) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for kind, object_id in objects:
        if object_id is not None:
            if (kind, object_id) in kept or (kind, object_id) in seen:
                continue
            seen.add((kind, object_id))
        name = table_name(kind)
        counts[name] = counts.get(name, 0) + 1
    return tuple(sorted(counts.items()))


def _org_values(org: dict[str, Any]) -> dict[str, Any]:
    phone = _first(org.get("phones"))
    ids = {"phone": str(phone["id"])} if phone.get("id") else {}
    return {
        "hsds_id": str(org["id"]),
        "name": one_line(org.get("name")),
        "description": paragraphs(org.get("description")),
        "website": one_line(org.get("website")),
        "email": one_line(org.get("email")),
        "phone": _phone(phone.get("number")),
        "hsds_ids": ids,
    }


def _service_values(
    service: dict[str, Any], org: dict[str, Any], notes: list[Skipped], label: str
) -> dict[str, Any]:
    ids: dict[str, str] = {}
    places = [p for p in service.get("service_at_locations") or [] if isinstance(p, dict)]
    place = places[0] if places else {}
    location = _first(place.get("location"))
    addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
    address = next(
        (a for a in addresses if a.get("address_type") == "physical"),
        addresses[0] if addresses else {},
    )
    phone = (
        _first(service.get("phones"))
        or _first(place.get("phones"))
        or _first(location.get("phones"))
    )
    schedules = next(
        (
            found
            for found in (
                _dicts(service.get("schedules")),
                _dicts(place.get("schedules")),
                _dicts(location.get("schedules")),
            )
            if found
        ),
        [],
    )
    schedule = schedules[0] if schedules else {}
    cost = _first(service.get("cost_options"))
    for kind, node in (
        ("service_at_location", place),
        ("location", location),
        ("address", address),
        ("phone", phone),
        ("schedule", schedule),
        ("cost_option", cost),
    ):
        if node.get("id"):
            ids[kind] = str(node["id"])
    documents: list[str] = []
    for doc in service.get("required_documents") or []:
        text = one_line(doc.get("document"))
        if not text:
            continue
        code = document_code(text) or text
        if code not in documents:
            documents.append(code)
            if doc.get("id"):
                ids[f"document:{code}"] = str(doc["id"])
    street = ", ".join(
        part
        for part in (one_line(address.get("address_1")), one_line(address.get("address_2")))
        if part
    )
    own = _attribute_codes(service)
    name = one_line(service.get("name"))
    description = paragraphs(service.get("description"))
    need = _choice(ProgramNeed, own.get(NEED_TAXONOMY, ("", ""))[0])
    if need is None:
        need = guess_need(name, description, paragraphs(service.get("eligibility_description")))
        if need is None:
            need = FALLBACK_NEED
            notes.append(
                Skipped(
                    label,
                    _(
                        "Its need could not be told from its words; it was filed under "
                        "training. Change it at the staff desk if needed."
                    ),
                )
            )
    level = _choice(ProgramLevel, own.get(LEVEL_TAXONOMY, ("", ""))[0]) or guess_level(
        one_line(org.get("name")), paragraphs(org.get("description"))
    )
    status = str(service.get("status") or "active")
    amount = cost.get("amount")
    return {
        "hsds_id": str(service["id"]),
        "name": name,
        "description": description,
        "benefit": own[BENEFIT_TAXONOMY][1] if BENEFIT_TAXONOMY in own else description,
        "eligibility": paragraphs(service.get("eligibility_description")),
        "minimum_age": service.get("minimum_age"),
        "maximum_age": service.get("maximum_age"),
        "application_process": paragraphs(service.get("application_process")),
        "fees": one_line(service.get("fees_description")),
        "cost_amount": None if amount is None else Decimal(str(amount)),
        "cost_currency": one_line(cost.get("currency")).upper()[:3] if amount is not None else "",
        "required_documents": documents,
        "location_name": one_line(location.get("name")),
        "address": street,
        "locality": one_line(address.get("city")),
        "region": one_line(address.get("state_province")),
        "postal_code": one_line(address.get("postal_code")),
        "country": one_line(address.get("country")).upper() or "MX",
        "directions": paragraphs(location.get("transportation")),
        "phone": _phone(phone.get("number")),
        "schedule": one_line(schedule.get("description")),
        "opens_at": _clock(schedule.get("opens_at")),
        "closes_at": _clock(schedule.get("closes_at")),
        "schedule_days": _weekly_days(schedule),
        "more_schedules": [_schedule_kept(one) for one in schedules[1:]],
        # What is spoken, served and who to ask there: the service's own, then its place's.
        "languages": _unique(
            _language_kept(one)
            for holder in (service, location)
            for one in _dicts(holder.get("languages"))
        ),
        "service_areas": _unique(_area_kept(one) for one in _dicts(service.get("service_areas"))),
        "contacts": _unique(
            _contact_kept(one)
            for holder in (service, place, location)
            for one in _dicts(holder.get("contacts"))
        ),
        "level": level,
        "need": need,
        "status": ServiceStatus.ACTIVE if status == "active" else ServiceStatus.INACTIVE,
        "assured_date": _day(service.get("assured_date")),
        "hsds_ids": ids,
    }


def _dicts(items: Any) -> list[dict[str, Any]]:
    if isinstance(items, dict):
        return [items]
    return [item for item in items or [] if isinstance(item, dict)]


def _unique(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each object once (by its id, else by what it holds), empty ones left out."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = item.get("id") or json.dumps(item, sort_keys=True)
        if len(item) > ("id" in item) and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _plain(value: Any) -> int | float | None:
    """A number as JSON columns hold it."""
    if value is None or isinstance(value, bool):
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


_WEEKDAYS = re.compile(r"^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$")


def _weekly_days(schedule: dict[str, Any]) -> str:
    """The days of a weekly schedule ("TH,FR"); "" for any other rule (the kiosk shows those
    by their description)."""
    days = one_line(schedule.get("byday")).upper().replace(" ", "")
    freq = one_line(schedule.get("freq")).upper()
    if freq not in ("", "WEEKLY") or not _WEEKDAYS.match(days):
        return ""
    # Any further rule (every other week, some weeks or days of the month) is not "these
    # days every week": those are shown by their description only.
    if schedule.get("interval") not in (None, 1) or any(
        schedule.get(key) for key in ("byweekno", "bymonthday", "byyearday")
    ):
        return ""
    return days


def _kept(node: dict[str, Any], keys: tuple[str, ...], lines: bool = True) -> dict[str, Any]:
    clean = one_line if lines else paragraphs
    kept = {"id": str(node["id"])} if node.get("id") else {}
    kept.update({key: clean(node.get(key)) for key in keys if clean(node.get(key))})
    return kept


def _schedule_kept(schedule: dict[str, Any]) -> dict[str, Any]:
    kept = _kept(schedule, ("description",))
    for key in ("opens_at", "closes_at"):
        clock = _clock(schedule.get(key))
        if clock is not None:
            kept[key] = clock.isoformat()
    days = _weekly_days(schedule)
    if days:
        kept["byday"] = days
    return kept


def _language_kept(language: dict[str, Any]) -> dict[str, Any]:
    return _kept(language, ("name", "code", "note"))


def _area_kept(area: dict[str, Any]) -> dict[str, Any]:
    return _kept(area, ("name", "description"))


def _contact_kept(contact: dict[str, Any]) -> dict[str, Any]:
    kept = _kept(contact, ("name", "title", "department", "email"))
    phones = []
    for phone in _dicts(contact.get("phones")):
        one: dict[str, Any] = {"id": str(phone["id"])} if phone.get("id") else {}
        number = _phone(phone.get("number"))
        if number:
            one["number"] = number
        extension = _plain(phone.get("extension"))
        if extension is not None:
            one["extension"] = extension
        if len(one) > ("id" in one):
            phones.append(one)
    if phones:
        kept["phones"] = phones
    return kept


def _choice(enum_cls: type[Any], value: str) -> Any:
    try:
        return enum_cls(value)
    except ValueError:
        return None


def _limits(values: dict[str, Any], org: dict[str, Any]) -> list[str]:
    """What the kiosk cannot hold (its columns' sizes, its age and cost rules)."""
    problems = []
    if not values["name"]:
        problems.append(_("It has no name."))
    if not org.get("name"):
        problems.append(_("Its organization has no name."))
    checks = {**values, "organization": org.get("name", "")}
    for key, limit in _LIMITS.items():
        text = checks.get(key)
        if isinstance(text, str) and len(text) > limit:
            problems.append(
                _("Its {field} is longer than the kiosk keeps ({limit} letters).").format(
                    field=key.replace("_", " "), limit=limit
                )
            )
    if len(values.get("country", "")) != 2:
        problems.append(_("Its country is not a two-letter code."))
    ages: list[int | None] = []
    for key in ("minimum_age", "maximum_age"):
        age = values.get(key)
        if age is None:
            ages.append(None)
            continue
        if (isinstance(age, Decimal | float) and age != int(age)) or not 0 <= age <= AGE_MAX:
            problems.append(_("Its ages must be whole numbers from 0 to 120."))
            ages.append(None)
            continue
        values[key] = int(age)
        ages.append(int(age))
    if ages[0] is not None and ages[1] is not None and ages[0] > ages[1]:
        problems.append(_("Its youngest age is more than its oldest."))
    amount = values.get("cost_amount")
    if amount is not None and not (amount.is_finite() and 0 <= amount < COST_LIMIT):
        problems.append(_("Its cost is not an amount the kiosk can keep."))
    return problems


# --- import -----------------------------------------------------------------------------------


def _label(service: dict[str, Any]) -> str:
    return _("service «{name}»").format(
        name=one_line(service.get("name"))[:80] or service.get("id")
    )


def import_document(session_factory: sessionmaker[Session], document: Document) -> HsdsReport:
    """Add or update the document's organizations and services in one transaction."""
    notes = list(document.notes)
    skipped: list[Skipped] = []
    orgs: dict[str, dict[str, Any]] = {}
    entries: dict[str, _Entry] = {}
    for org in document.organizations:
        values = _org_values(org)
        if not values["name"] or len(values["name"]) > _LIMITS["organization"]:
            skipped.append(
                Skipped(
                    _("organization «{name}»").format(name=values["name"][:80]),
                    _("Its name is empty or longer than the kiosk keeps."),
                )
            )
            continue
        orgs.setdefault(values["hsds_id"], values)
    for service in document.services:
        label = _label(service)
        runs_it = service.get("organization")
        if not isinstance(runs_it, dict):
            skipped.append(Skipped(label, _("It does not say which organization runs it.")))
            continue
        org_values = _org_values(runs_it)
        mine: list[Skipped] = []
        values = _service_values(service, runs_it, mine, label)
        problems = _limits(values, org_values)
        if values["hsds_id"] in entries:
            problems.append(_("An earlier entry in the file has the same identifier."))
        if problems:
            skipped.append(Skipped(label, " ".join(problems)))
            continue
        notes += mine
        orgs.setdefault(org_values["hsds_id"], org_values)
        entries[values["hsds_id"]] = _Entry(label, org_values, values, service)
    kept: set[tuple[str, str]] = set()
    for org_id, values in orgs.items():
        kept.add(("organization", org_id))
        kept.update(("phone", phone_id) for phone_id in values["hsds_ids"].values())
    for entry in entries.values():
        kept |= _kept_ids(entry.values, entry.node)

    counts = {"org_added": 0, "org_updated": 0, "added": 0, "updated": 0}
    with session_factory.begin() as s:
        stored_orgs = _by_hsds_id(s, Organization, list(orgs))
        org_rows: dict[str, Organization] = {}
        for hsds_id, values in orgs.items():
            row = stored_orgs.get(hsds_id)
            if row is None:
                row = Organization(**values, is_example=False)
                s.add(row)
                counts["org_added"] += 1
            else:
                for key, value in values.items():
                    setattr(row, key, value)
                counts["org_updated"] += 1
            org_rows[hsds_id] = row
        s.flush()
        stored = _by_hsds_id(s, Service, list(entries))
        for hsds_id, entry in entries.items():
            values = dict(entry.values)
            row = stored.get(hsds_id)
            organization = org_rows[entry.org["hsds_id"]]
            if row is None:
                s.add(Service(**values, organization=organization, is_example=False))
                counts["added"] += 1
            else:
                for key, value in values.items():
                    setattr(row, key, value)
                row.organization = organization
                counts["updated"] += 1
        s.flush()
    report = HsdsReport(
        counts["org_added"],
        counts["org_updated"],
        counts["added"],
        counts["updated"],
        tuple(skipped),
        tuple(notes),
        _left_out(document.objects, kept),
    )
    log.info(
        "hsds import: %d services added, %d updated, %d skipped, %d kinds left out",
        report.services_added,
        report.services_updated,
        len(report.skipped),
        len(report.left_out),
    )
    return report


def _by_hsds_id(s: Session, model: Any, ids: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        for row in s.scalars(select(model).where(model.hsds_id.in_(batch))):
            found[row.hsds_id] = row
    return found


def import_path(session_factory: sessionmaker[Session], path: Path, schemas: Schemas) -> HsdsReport:
    return import_document(session_factory, read_path(path, schemas))


# --- writing an export ------------------------------------------------------------------------


def is_package_path(path: Path) -> bool:
    """A data package folder (or its ``datapackage.json``), not a ``.json`` file."""
    return path.name == DATAPACKAGE or path.suffix.lower() != ".json"


def export_path(
    session_factory: sessionmaker[Session], path: Path, schemas: Schemas
) -> tuple[Path, int]:
    """Write every program to ``path``: a ``.json`` file (the JSON form) or a folder, new or
    empty, for the data package (``datapackage.json`` + CSV files). The export is checked
    against the schema first; nothing is overwritten, and a failed write leaves nothing."""
    services = export_services(session_factory)
    lone = export_lone_organizations(session_factory)
    if is_package_path(path):
        folder = path.parent if path.name == DATAPACKAGE else path
        files, problems = tabular_files(services, schemas, lone)
        if problems:
            raise HsdsError(_not_hsds(problems))
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise HsdsError(
                _("{path} already exists and is not an empty folder; choose a new name.").format(
                    path=folder
                )
            )
        if not folder.absolute().parent.is_dir():
            raise HsdsError(
                _("The folder {path} does not exist.").format(path=folder.absolute().parent)
            )
        made = not folder.exists()
        written: list[Path] = []
        try:
            folder.mkdir(exist_ok=True)
            for name, text in files.items():
                target = folder / name
                with target.open("x", encoding="utf-8", newline="") as out:
                    out.write(text)
                written.append(target)
        except OSError as exc:
            for target in written:
                target.unlink(missing_ok=True)
            if made:
                folder.rmdir()
            raise HsdsError(
                _("The folder {path} could not be written.").format(path=folder)
            ) from exc
        return folder / DATAPACKAGE, len(services)
    problems = check_services(schemas, services, lone)
    if problems:
        raise HsdsError(_not_hsds(problems))
    if path.exists():
        raise HsdsError(
            _("{path} already exists; choose a new name so nothing is overwritten.").format(
                path=path
            )
        )
    if not path.absolute().parent.is_dir():
        raise HsdsError(_("The folder {path} does not exist.").format(path=path.parent))
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(dumps(service_page(services, lone)))
    except FileExistsError as exc:
        raise HsdsError(
            _("{path} already exists; choose a new name so nothing is overwritten.").format(
                path=path
            )
        ) from exc
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise HsdsError(_("The file {path} could not be written.").format(path=path)) from exc
    return path, len(services)
