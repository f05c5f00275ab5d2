"""The kiosk's programs as HSDS: nested service objects, the API's page, and the export file
or data package."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.hsds.base import (
    BENEFIT_TAXONOMY,
    DATAPACKAGE,
    LEVEL_TAXONOMY,
    NEED_TAXONOMY,
    HsdsError,
    dumps,
    exported_phone,
    json_number,
    not_hsds,
    stable_id,
)
from kiosk.data.hsds.schema import Schemas
from kiosk.data.hsds.tabular import tabular_files
from kiosk.data.hsds.vocabulary import LEVEL_NAMES, NEED_NAMES, document_name
from kiosk.data.models import Organization, ProgramLevel, ProgramNeed, Service, ServiceStatus
from kiosk.i18n import _

_STATUS_OUT = {ServiceStatus.ACTIVE: "active", ServiceStatus.INACTIVE: "inactive"}

# --- export -----------------------------------------------------------------------------------


def _compact(node: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: HSDS fields are optional unless the schema requires them."""
    return {k: v for k, v in node.items() if v not in ("", None, [], {})}


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
            {
                "id": ids.get("phone") or stable_id(org_id, "phone"),
                "number": exported_phone(org.phone),
            }
        ]
    return node


def _schedule_out(schedule: dict[str, Any]) -> dict[str, Any]:
    """A kept schedule as HSDS writes it: its days as a weekly rule."""
    node = _compact(dict(schedule))
    if node.get("byday"):
        node = {**node, "freq": "WEEKLY"}
    return node


class _Ids:
    """The HSDS ids of one program's objects: kept from its import, else derived from its id."""

    def __init__(self, service: Service) -> None:
        self.service = service.hsds_id or stable_id("service", service.id)
        self.kept = service.hsds_ids or {}

    def __call__(self, kind: str, *parts: object) -> str:
        """The kept id of ``kind``, else one derived from ``parts`` (the kind by default)."""
        return self.kept.get(kind) or stable_id(self.service, *(parts or (kind,)))


def service_to_hsds(service: Service) -> dict[str, Any]:
    """One program as a full HSDS service object (its organization and place nested)."""
    ids = _Ids(service)
    node = _service_fields(service, ids.service)
    node["organization"] = organization_to_hsds(service.organization)
    if service.phone:
        node["phones"] = [{"id": ids("phone"), "number": exported_phone(service.phone)}]
    lists = {
        "schedules": _schedules_out(service, ids),
        "languages": _listed_out(service.languages, ids.service, "languages"),
        "service_areas": _listed_out(service.service_areas, ids.service, "service_areas"),
        "contacts": _contacts_out(service, ids.service),
        "cost_options": _cost_out(service, ids),
        "required_documents": [
            {
                "id": ids(f"document:{doc}", "document", doc),
                "document": document_name(doc),
            }
            for doc in service.required_documents or ()
        ],
        "service_at_locations": _place_out(service, ids),
    }
    node.update({key: items for key, items in lists.items() if items})
    node["attributes"] = _attributes_out(service, ids.service)
    return node


def _service_fields(service: Service, service_id: str) -> dict[str, Any]:
    """The service's own plain fields."""
    updated = service.updated_at
    return _compact(
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
            "last_modified": updated.astimezone(UTC)
            .isoformat(timespec="seconds")
            .replace("+00:00", "Z")
            if updated
            else None,
        }
    )


def _schedules_out(service: Service, ids: _Ids) -> list[dict[str, Any]]:
    """The program's own schedule first (when it has one), then the others it keeps."""
    schedules = [_schedule_out(one) for one in service.more_schedules or ()]
    if service.schedule or service.opens_at or service.closes_at or service.schedule_days:
        first = {
            "id": ids("schedule"),
            "description": service.schedule,
            "opens_at": service.opens_at.isoformat() if service.opens_at else None,
            "closes_at": service.closes_at.isoformat() if service.closes_at else None,
            "byday": service.schedule_days,
        }
        schedules.insert(0, _schedule_out(first))
    return schedules


def _listed_out(items: Any, service_id: str, column: str) -> list[dict[str, Any]]:
    """Kept objects (languages, service areas) with an id each."""
    return [
        {**item, "id": item.get("id") or stable_id(service_id, column, index)}
        for index, item in enumerate(items or ())
    ]


def _contacts_out(service: Service, service_id: str) -> list[dict[str, Any]]:
    contacts = []
    for index, contact in enumerate(service.contacts or ()):
        contact_id = contact.get("id") or stable_id(service_id, "contact", index)
        one = {**contact, "id": contact_id}
        phones = [
            {
                **phone,
                "id": phone.get("id") or stable_id(contact_id, "phone", position),
                "number": exported_phone(phone["number"]),
            }
            for position, phone in enumerate(contact.get("phones", []))
            if phone.get("number")
        ]
        one.pop("phones", None)
        if phones:
            one["phones"] = phones
        contacts.append(one)
    return contacts


def _cost_out(service: Service, ids: _Ids) -> list[dict[str, Any]]:
    if service.cost_amount is None:
        return []
    cost = {
        "id": ids("cost_option"),
        "amount": json_number(service.cost_amount),
        "currency": service.cost_currency,
    }
    return [_compact(cost)]


def _place_out(service: Service, ids: _Ids) -> list[dict[str, Any]]:
    """Where the program is: one service-at-location with its location and address."""
    if not (service.address or service.locality or service.location_name or service.directions):
        return []
    location: dict[str, Any] = _compact(
        {
            "id": ids("location"),
            "location_type": "physical",
            "name": service.location_name,
            "transportation": service.directions,
        }
    )
    if service.address or service.locality:
        location["addresses"] = [
            {
                "id": ids("address"),
                "address_1": service.address,
                "city": service.locality,
                "state_province": service.region,
                "postal_code": service.postal_code,
                "country": service.country,
                "address_type": "physical",
            }
        ]
    return [{"id": ids("service_at_location"), "location": location}]


def _attributes_out(service: Service, service_id: str) -> list[dict[str, Any]]:
    """Its need, level and benefit as terms of the kiosk's taxonomies."""
    need, level = ProgramNeed(service.need), ProgramLevel(service.level)
    attributes = [
        _attribute(service_id, NEED_TAXONOMY, need.value, NEED_NAMES[need], need.value),
        _attribute(service_id, LEVEL_TAXONOMY, level.value, LEVEL_NAMES[level], level.value),
    ]
    if service.benefit:
        attributes.append(
            _attribute(service_id, BENEFIT_TAXONOMY, "beneficio", "Qué da", service.benefit)
        )
    return attributes


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
            raise HsdsError(not_hsds(problems))
        _write_package(folder, files)
        return folder / DATAPACKAGE, len(services)
    problems = check_services(schemas, services, lone)
    if problems:
        raise HsdsError(not_hsds(problems))
    _write_json(path, dumps(service_page(services, lone)))
    return path, len(services)


def _write_package(folder: Path, files: dict[str, str]) -> None:
    """The package's files in a new or empty folder; on a failed write, none of them."""
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
        raise HsdsError(_("The folder {path} could not be written.").format(path=folder)) from exc


def _write_json(path: Path, text: str) -> None:
    """The JSON form in a new file; nothing is overwritten, a failed write leaves nothing."""
    exists = HsdsError(
        _("{path} already exists; choose a new name so nothing is overwritten.").format(path=path)
    )
    if path.exists():
        raise exists
    if not path.absolute().parent.is_dir():
        raise HsdsError(_("The folder {path} does not exist.").format(path=path.parent))
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError as exc:
        raise exists from exc
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise HsdsError(_("The file {path} could not be written.").format(path=path)) from exc
