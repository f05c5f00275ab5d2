"""What an import will write: each service and organization of a file mapped to the kiosk's
columns as it is read, so a large directory is never held whole, only what the kiosk keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.data.hsds.base import Skipped
from kiosk.data.hsds.mapping import (
    LIMITS,
    kept_ids,
    limit_problems,
    objects_left_out,
    organization_values,
    service_values,
)
from kiosk.i18n import _
from kiosk.text import one_line


def _label(service: dict[str, Any]) -> str:
    return _("service «{name}»").format(
        name=one_line(service.get("name"))[:80] or service.get("id")
    )


@dataclass
class Plan:
    """Organizations and services by HSDS id as the kiosk's column values, what is skipped
    and noted, and which of the file's objects the rows will hold."""

    notes: list[Skipped] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Organizations listed without services come first: theirs are the values kept.
    lone: dict[str, dict[str, Any]] = field(default_factory=dict)
    running: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Service HSDS id -> (its organization's HSDS id, its column values).
    entries: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    held: set[tuple[str, str]] = field(default_factory=set)

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
        self.lone.setdefault(values["hsds_id"], values)

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
        self.running.setdefault(org_values["hsds_id"], org_values)
        self.entries[values["hsds_id"]] = (org_values["hsds_id"], values)
        self.held |= kept_ids(values, service)

    @property
    def orgs(self) -> dict[str, dict[str, Any]]:
        """Every organization to write, by HSDS id."""
        orgs = dict(self.lone)
        for hsds_id, values in self.running.items():
            orgs.setdefault(hsds_id, values)
        return orgs

    def kept(self) -> set[tuple[str, str]]:
        kept = set(self.held)
        for org_id, values in self.orgs.items():
            kept.add(("organization", org_id))
            kept.update(("phone", phone_id) for phone_id in values["hsds_ids"].values())
        return kept


@dataclass
class Document:
    """What a file holds, checked against the schema: its services and organizations as the
    plan of what to write, and every HSDS object in it as (kind, id), so what the import does
    not keep can be counted."""

    plan: Plan
    objects: list[tuple[str, str | None]] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        services: list[dict[str, Any]],
        organizations: list[dict[str, Any]],
        notes: list[Skipped],
        objects: list[tuple[str, str | None]],
    ) -> Document:
        plan = Plan(notes=list(notes))
        for org in organizations:
            plan.organization(org)
        for service in services:
            plan.service(service)
        return cls(plan, objects)

    def left_out(self) -> tuple[tuple[str, int], ...]:
        return objects_left_out(self.objects, self.plan.kept())
