"""Import: a checked document's organizations and services added or updated in one
transaction, with a report of what was skipped and left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.hsds.base import Document, HsdsReport, Skipped, log
from kiosk.data.hsds.mapping import (
    LIMITS,
    ServiceEntry,
    kept_ids,
    limit_problems,
    objects_left_out,
    organization_values,
    service_values,
)
from kiosk.data.hsds.reading import read_path
from kiosk.data.hsds.schema import Schemas
from kiosk.data.models import Organization, Service
from kiosk.i18n import _
from kiosk.text import one_line

# --- import -----------------------------------------------------------------------------------


def _label(service: dict[str, Any]) -> str:
    return _("service «{name}»").format(
        name=one_line(service.get("name"))[:80] or service.get("id")
    )


@dataclass
class _Plan:
    """What an import will write (organizations and services by HSDS id), what it skips and
    notes, and which of the file's objects the rows will hold."""

    orgs: dict[str, dict[str, Any]] = field(default_factory=dict)
    entries: dict[str, ServiceEntry] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)

    def organization(self, org: dict[str, Any]) -> None:
        values = organization_values(org)
        if not values["name"] or len(values["name"]) > LIMITS["organization"]:
            self.skipped.append(
                Skipped(
                    _("organization «{name}»").format(name=values["name"][:80]),
                    _("Its name is empty or longer than the kiosk keeps."),
                )
            )
            return
        self.orgs.setdefault(values["hsds_id"], values)

    def service(self, service: dict[str, Any]) -> None:
        label = _label(service)
        runs_it = service.get("organization")
        if not isinstance(runs_it, dict):
            self.skipped.append(Skipped(label, _("It does not say which organization runs it.")))
            return
        org_values = organization_values(runs_it)
        mine: list[Skipped] = []
        values = service_values(service, runs_it, mine, label)
        problems = limit_problems(values, org_values)
        if values["hsds_id"] in self.entries:
            problems.append(_("An earlier entry in the file has the same identifier."))
        if problems:
            self.skipped.append(Skipped(label, " ".join(problems)))
            return
        self.notes += mine
        self.orgs.setdefault(org_values["hsds_id"], org_values)
        self.entries[values["hsds_id"]] = ServiceEntry(label, org_values, values, service)

    def kept(self) -> set[tuple[str, str]]:
        kept: set[tuple[str, str]] = set()
        for org_id, values in self.orgs.items():
            kept.add(("organization", org_id))
            kept.update(("phone", phone_id) for phone_id in values["hsds_ids"].values())
        for entry in self.entries.values():
            kept |= kept_ids(entry.values, entry.node)
        return kept


def import_document(session_factory: sessionmaker[Session], document: Document) -> HsdsReport:
    """Add or update the document's organizations and services in one transaction."""
    plan = _Plan(notes=list(document.notes))
    for org in document.organizations:
        plan.organization(org)
    for service in document.services:
        plan.service(service)
    with session_factory.begin() as s:
        org_rows, orgs_added = _write(s, Organization, plan.orgs, is_example=False)
        services = {
            hsds_id: {**entry.values, "organization": org_rows[entry.org["hsds_id"]]}
            for hsds_id, entry in plan.entries.items()
        }
        _rows, services_added = _write(s, Service, services, is_example=False)
    report = HsdsReport(
        orgs_added,
        len(plan.orgs) - orgs_added,
        services_added,
        len(services) - services_added,
        tuple(plan.skipped),
        tuple(plan.notes),
        objects_left_out(document.objects, plan.kept()),
    )
    log.info(
        "hsds import: %d services added, %d updated, %d skipped, %d kinds left out",
        report.services_added,
        report.services_updated,
        len(report.skipped),
        len(report.left_out),
    )
    return report


def _write(
    s: Session, model: Any, rows: dict[str, dict[str, Any]], **new: Any
) -> tuple[dict[str, Any], int]:
    """Each row added, or its stored twin (same HSDS id) updated; the rows by id and how many
    were added."""
    stored = _by_hsds_id(s, model, list(rows))
    written: dict[str, Any] = {}
    added = 0
    for hsds_id, values in rows.items():
        row = stored.get(hsds_id)
        if row is None:
            row = model(**values, **new)
            s.add(row)
            added += 1
        else:
            for key, value in values.items():
                setattr(row, key, value)
        written[hsds_id] = row
    s.flush()
    return written, added


def _by_hsds_id(s: Session, model: Any, ids: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        for row in s.scalars(select(model).where(model.hsds_id.in_(batch))):
            found[row.hsds_id] = row
    return found


def import_path(session_factory: sessionmaker[Session], path: Path, schemas: Schemas) -> HsdsReport:
    return import_document(session_factory, read_path(path, schemas))
