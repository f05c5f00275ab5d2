"""Import: a checked document's organizations and services added or updated in one
transaction, with a report of what was skipped and left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import insert, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from kiosk.data.hsds.base import HsdsError, HsdsReport, log
from kiosk.data.hsds.plan import Document
from kiosk.data.hsds.reading import read_path
from kiosk.data.hsds.schema import Schemas
from kiosk.data.models import Organization, Service
from kiosk.i18n import _

# Rows per statement: well under SQLite's and PostgreSQL's limits on bound values.
_BATCH = 500


def import_document(session_factory: sessionmaker[Session], document: Document) -> HsdsReport:
    """Add or update the document's organizations and services in one transaction."""
    plan = document.plan
    orgs = plan.orgs
    try:
        with session_factory.begin() as s:
            org_ids, orgs_added = _write(s, Organization, orgs)
            services = {
                hsds_id: {**values, "organization_id": org_ids[org_id]}
                for hsds_id, (org_id, values) in plan.entries.items()
            }
            _ids, services_added = _write(s, Service, services)
    except StaleDataError as exc:
        raise HsdsError(
            _("Someone changed a program while the file was being imported; import it again.")
        ) from exc
    report = HsdsReport(
        orgs_added,
        len(orgs) - orgs_added,
        services_added,
        len(services) - services_added,
        tuple(plan.skipped),
        tuple(plan.notes),
        document.left_out(),
    )
    log.info(
        "hsds import: %d services added, %d updated, %d skipped, %d kinds left out",
        report.services_added,
        report.services_updated,
        len(report.skipped),
        len(report.left_out),
    )
    return report


def _write(s: Session, model: Any, rows: dict[str, dict[str, Any]]) -> tuple[dict[str, int], int]:
    """Each row added, or its stored twin (same HSDS id) updated where a value differs (a row
    the file leaves as it was keeps its time of last change), a batch of rows per statement;
    the row ids by HSDS id and how many were added."""
    keys = sorted({key for values in rows.values() for key in values})
    # A program counts its changes: each update names the version it read, so one a desk
    # saves meanwhile is not written over (the import is then refused whole).
    version = inspect(model).version_id_col
    read = [*keys, version.key] if version is not None else keys
    stored = _stored(s, model, list(rows), read)
    ids = {hsds_id: row_id for hsds_id, (row_id, _values) in stored.items()}
    changed, new = [], []
    for hsds_id, values in rows.items():
        if hsds_id not in stored:
            new.append({**values, "is_example": False})
            continue
        row_id, before = stored[hsds_id]
        if any(before[key] != value for key, value in values.items()):
            seen = {version.key: before[version.key]} if version is not None else {}
            changed.append({**values, "id": row_id, **seen})
    for start in range(0, len(changed), _BATCH):
        s.execute(update(model), changed[start : start + _BATCH])
    for start in range(0, len(new), _BATCH):
        added = s.execute(
            insert(model).returning(model.id, model.hsds_id, sort_by_parameter_order=True),
            new[start : start + _BATCH],
        )
        ids.update((hsds_id, row_id) for row_id, hsds_id in added)
    return ids, len(new)


def _stored(
    s: Session, model: Any, hsds_ids: list[str], keys: list[str]
) -> dict[str, tuple[int, dict[str, Any]]]:
    """The stored rows with these HSDS ids: each one's id and its values of ``keys``."""
    columns = [getattr(model, key) for key in keys]
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for start in range(0, len(hsds_ids), _BATCH):
        batch = hsds_ids[start : start + _BATCH]
        query = select(model.id, model.hsds_id, *columns).where(model.hsds_id.in_(batch))
        for row_id, hsds_id, *values in s.execute(query):
            found[hsds_id] = (row_id, dict(zip(keys, values, strict=True)))
    return found


def import_path(session_factory: sessionmaker[Session], path: Path, schemas: Schemas) -> HsdsReport:
    return import_document(session_factory, read_path(path, schemas))
