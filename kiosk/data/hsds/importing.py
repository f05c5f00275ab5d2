"""Import: a checked document's organizations and services added or updated in one
transaction, with a report of what was skipped and left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.hsds.base import Document, HsdsReport, Skipped, log
from kiosk.data.hsds.mapping import (
    _LIMITS,
    _Entry,
    _kept_ids,
    _left_out,
    _limits,
    _org_values,
    _service_values,
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
