"""Job postings in and out as schema.org ``JobPosting`` JSON-LD.

So postings can come from the state employment service or an employer's web site, and go back
out. The export is one document ``{"@context": "https://schema.org", "@graph": [...]}``; the
import takes one JobPosting object, an array of them, or an ``@graph``.

Mapping (kiosk column -> JSON-LD):

=====================  ==========================================================================
title, description     ``title``, ``description`` (HTML in foreign data is read as plain text)
date_posted            ``datePosted`` (``YYYY-MM-DD``; a datetime is read as its day in Chihuahua)
valid_through          ``validThrough`` (same)
employer               ``hiringOrganization`` ``{"@type": "Organization", "name"}``
address, locality      ``jobLocation`` Place -> PostalAddress ``streetAddress``,
                       ``addressLocality``; ``addressRegion`` "Chihuahua", ``addressCountry`` "MX"
pay_amount, pay_unit   ``baseSalary`` MonetaryAmount, currency MXN, ``value`` QuantitativeValue
                       ``{"value", "unitText": HOUR|DAY|WEEK|MONTH}`` (on import a range's
                       ``minValue`` is taken; other currencies or units are refused)
employment_type        ``employmentType`` FULL_TIME, PART_TIME, TEMPORARY, PER_DIEM, OTHER
                       (on import, other values such as CONTRACTOR become OTHER)
schedule               ``workHours``
openings               ``totalJobOpenings`` (missing on import: 1)
category               ``occupationalCategory`` (our value, e.g. "cocina"; on import also
                       ``industry``; anything not one of ours becomes "otros")
contact_phone          ``applicationContact`` ``{"@type": "ContactPoint", "telephone"}``
                       (+52 and the 10 digits)
external_id            ``identifier`` ``{"@type": "PropertyValue", "propertyID": "ceneso",
                       "value"}``: the stored external id, or ``ceneso:<id>`` for the kiosk's own
starts_now             ``jobImmediateStart``, and ``ceneso:startsNow``
no_experience_needed   ``experienceRequirements`` OccupationalExperienceRequirements with
                       ``monthsOfExperience`` 0, and ``ceneso:noExperienceNeeded``
fits_school_hours      ``ceneso:fitsSchoolHours``
what_to_bring          ``ceneso:whatToBring`` (list of texts)
how_to_apply           ``ceneso:howToApply``
status                 ``ceneso:status`` ("open" | "closed")
=====================  ==========================================================================

The ``ceneso:`` keys are the kiosk's extension. The prefix is not defined in schema.org's context,
so JSON-LD reads each such key as the absolute IRI ``ceneso:...``: namespaced, never mistaken for a
schema.org term, and ignored by consumers that do not know it. When both a ``ceneso:`` key and its
schema.org counterpart are present, the ``ceneso:`` key wins.

Import rules: each entry goes through :func:`kiosk.services.jobs.check_draft`, the staff form's
own checks; an entry with problems is skipped and reported with the reason, the rest are written.
Entries are matched by identifier to ``external_id``, so importing the same file again updates
instead of adding copies; an entry without an identifier gets ``auto:<digest>`` of its title,
employer, locality and posting day. A ``ceneso:<n>`` identifier also matches this database's own
posting ``n`` when it has no external id and the same employer and posting day (a kiosk's export
imported back into the same kiosk). Other typed nodes (an Organization the postings point to with
``{"@id"}``) are passed over; untyped entries are reported as skipped. Everything is written in
one transaction: an unexpected error leaves the database as it was. A file that is not JSON, or
holds no JobPosting at all, raises :class:`JobImportError` before anything is written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.data.models import EmploymentType, JobCategory, JobPosting, PayUnit, PostingStatus
from kiosk.i18n import _, centre_today
from kiosk.services import SessionFactory
from kiosk.services.jobs import JobDraft, JobValidationError, check_draft

log = logging.getLogger("kiosk.jobs")

CONTEXT = "https://schema.org"
PROPERTY_ID = "ceneso"
OWN_PREFIX = "ceneso:"
AUTO_PREFIX = "auto:"
EXT = "ceneso:"  # the extension keys' prefix
REGION = "Chihuahua"
COUNTRY = "MX"
CURRENCY = "MXN"
BATCH = 500  # identifiers per IN (...) lookup

_UNIT_OUT = {
    PayUnit.HOUR: "HOUR",
    PayUnit.DAY: "DAY",
    PayUnit.WEEK: "WEEK",
    PayUnit.MONTH: "MONTH",
}
_UNIT_IN = {text: unit for unit, text in _UNIT_OUT.items()}
_TYPE_OUT = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.PER_DAY: "PER_DIEM",
    EmploymentType.OTHER: "OTHER",
}
_TYPE_IN = {text: kind for kind, text in _TYPE_OUT.items()}
_JOB_TYPES = {"JobPosting", "schema:JobPosting", "http://schema.org/JobPosting"}
_JOB_TYPES |= {"https://schema.org/JobPosting"}
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


class JobImportError(Exception):
    """The document cannot be read as job postings at all; one plain sentence. Nothing written."""


@dataclass(frozen=True)
class SkippedEntry:
    index: int  # the entry's position in the file's array or @graph, counting from 1
    title: str
    reason: str  # the problems, one sentence each


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    skipped: tuple[SkippedEntry, ...]


# --- export -----------------------------------------------------------------------------------


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def identifier_of(job: JobPosting) -> str:
    return job.external_id or f"{OWN_PREFIX}{job.id}"


def posting_to_jsonld(job: JobPosting) -> dict[str, Any]:
    """One posting as a schema.org JobPosting node (without ``@context``)."""
    node: dict[str, Any] = {
        "@type": "JobPosting",
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": PROPERTY_ID,
            "value": identifier_of(job),
        },
        "title": job.title,
        "description": job.description,
        "datePosted": job.date_posted.isoformat(),
        "validThrough": job.valid_through.isoformat(),
        "employmentType": _TYPE_OUT[EmploymentType(job.employment_type)],
        "hiringOrganization": {"@type": "Organization", "name": job.employer},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": job.address,
                "addressLocality": job.locality,
                "addressRegion": REGION,
                "addressCountry": COUNTRY,
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": CURRENCY,
            "value": {
                "@type": "QuantitativeValue",
                "value": _number(job.pay_amount),
                "unitText": _UNIT_OUT[PayUnit(job.pay_unit)],
            },
        },
        "workHours": job.schedule,
        "totalJobOpenings": job.openings,
        "occupationalCategory": JobCategory(job.category).value,
        "applicationContact": {"@type": "ContactPoint", "telephone": f"+52{job.contact_phone}"},
        "jobImmediateStart": job.starts_now,
    }
    if job.no_experience_needed:
        node["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": 0,
        }
    node[EXT + "fitsSchoolHours"] = job.fits_school_hours
    node[EXT + "noExperienceNeeded"] = job.no_experience_needed
    node[EXT + "startsNow"] = job.starts_now
    node[EXT + "whatToBring"] = list(job.what_to_bring or ())
    node[EXT + "howToApply"] = job.how_to_apply
    node[EXT + "status"] = PostingStatus(job.status).value
    return node


def export_jobs(session_factory: SessionFactory, *, include_closed: bool = False) -> dict[str, Any]:
    """Every open posting (expired ones too: their ``validThrough`` says so), or every posting
    with ``include_closed``, oldest first, as one JSON-LD document."""
    statement = select(JobPosting).order_by(JobPosting.id)
    if not include_closed:
        statement = statement.where(JobPosting.status == PostingStatus.OPEN)
    with session_factory() as s:
        graph = [
            posting_to_jsonld(job)
            for job in s.scalars(statement.execution_options(yield_per=BATCH))
        ]
    return {"@context": CONTEXT, "@graph": graph}


def dumps(document: dict[str, Any]) -> str:
    """The document as staff's text editors like it: UTF-8 letters as they are, indented."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- reading a document -----------------------------------------------------------------------


def read_document(document: str | bytes) -> Any:
    """The parsed JSON (numbers with decimals as ``Decimal``) holding at least one JobPosting,
    or :class:`JobImportError`."""
    if isinstance(document, bytes):
        try:
            document = document.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JobImportError(
                _("The file is not a JSON-LD text file; export it again as UTF-8 JSON.")
            ) from exc
    try:
        parsed = json.loads(document, parse_float=Decimal, parse_constant=Decimal)
    except (ValueError, RecursionError) as exc:
        raise JobImportError(
            _("The file is not valid JSON; it may be damaged or of another kind.")
        ) from exc
    _entries(parsed)
    return parsed


def _types(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k for k in kinds if isinstance(k, str)}


def _is_job_posting(node: Any) -> bool:
    return bool(_types(node) & _JOB_TYPES)


def _entries(document: Any) -> tuple[list[Any], dict[str, Any]]:
    """The entries to import (array or @graph positions kept) and the nodes by ``@id``."""
    if isinstance(document, dict) and "@graph" in document:
        graph = document["@graph"]
        entries = graph if isinstance(graph, list) else [graph]
    elif isinstance(document, dict):
        entries = [document]
    elif isinstance(document, list):
        entries = document
    else:
        entries = []
    if not any(_is_job_posting(entry) for entry in entries):
        raise JobImportError(_("The file holds no job postings (schema.org JobPosting)."))
    nodes = {
        entry["@id"]: entry
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("@id"), str)
    }
    return entries, nodes


# --- one entry -> a draft ---------------------------------------------------------------------


class _TextOnly(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(text: str) -> str:
    if not _HTML_TAG.search(text):
        return text
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _Reader:
    """Reads values the ways schema.org allows them: plain, as a node, as ``{"@id"}`` pointing
    into the @graph, as ``{"@value"}``, or as an array (the first usable one counts)."""

    def __init__(self, nodes: dict[str, Any]) -> None:
        self.nodes = nodes

    def node(self, value: Any) -> dict[str, Any]:
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, dict | str)), None)
        if isinstance(value, dict) and set(value) == {"@id"}:
            value = self.nodes.get(value["@id"], value)
        return value if isinstance(value, dict) else {}

    def value(self, value: Any) -> Any:
        if isinstance(value, list):
            value = next((v for v in value if v is not None), None)
        if isinstance(value, dict) and "@value" in value:
            value = value["@value"]
        return value

    def text(self, value: Any) -> str:
        value = self.value(value)
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            return ""
        return str(value)

    def flag(self, value: Any) -> bool | None:
        value = self.value(value)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
            return value.strip().lower() == "true"
        return None


def _category(text: str) -> JobCategory:
    """One of ours from our value or a close spelling ("Cocina", "cuidado de personas",
    "fábrica"); anything else is "otros"."""
    plain = "".join(
        ch
        for ch in unicodedata.normalize("NFD", text.strip().lower())
        if not unicodedata.combining(ch)
    )
    for category in JobCategory:
        if plain == category.value or plain.startswith(category.value + " "):
            return category
    return JobCategory.OTHER


def _employment_type(reader: _Reader, value: Any) -> EmploymentType:
    values = value if isinstance(value, list) else [value]
    for one in values:
        text = reader.text(one).strip().upper().replace("-", "_").replace(" ", "_")
        if text in _TYPE_IN:
            return _TYPE_IN[text]
    return EmploymentType.OTHER


def _pay(reader: _Reader, salary: Any, problems: list[str]) -> tuple[Any, Any]:
    """The amount and unit text of ``baseSalary`` (left for :func:`check_draft` to judge)."""
    if not isinstance(reader.value(salary), dict):
        return reader.value(salary), None
    salary = reader.node(salary)
    currency = reader.text(salary.get("currency")).strip().upper()
    if currency and currency != CURRENCY:
        problems.append(_("The pay is not in Mexican pesos (MXN)."))
    amount: Any = salary.get("value")
    unit = reader.text(salary.get("unitText"))
    if isinstance(reader.value(amount), dict):
        quantity = reader.node(amount)
        unit = reader.text(quantity.get("unitText")) or unit
        amount = quantity.get("value")
        if reader.value(amount) is None:
            amount = quantity.get("minValue", quantity.get("maxValue"))
    amount = reader.value(amount)
    unit_text = unit.strip().upper()
    return amount, _UNIT_IN.get(unit_text, unit_text.lower() or None)


def _phone(reader: _Reader, entry: dict[str, Any], employer: dict[str, Any]) -> str:
    contact = reader.node(entry.get("applicationContact"))
    return reader.text(contact.get("telephone")) or reader.text(employer.get("telephone"))


def _no_experience(reader: _Reader, entry: dict[str, Any]) -> bool:
    own = reader.flag(entry.get(EXT + "noExperienceNeeded"))
    if own is not None:
        return own
    requirement = entry.get("experienceRequirements")
    if isinstance(reader.value(requirement), dict):
        months = reader.value(reader.node(requirement).get("monthsOfExperience"))
        return isinstance(months, int | Decimal) and not isinstance(months, bool) and months == 0
    return reader.text(requirement).strip().lower() in {"no requirements", "sin experiencia"}


def _draft(reader: _Reader, entry: dict[str, Any]) -> tuple[JobDraft, list[str]]:
    """The entry as the staff form would have it, and problems only an import can have."""
    problems: list[str] = []
    employer = reader.node(entry.get("hiringOrganization"))
    employer_name = reader.text(employer.get("name")) or reader.text(
        entry.get("hiringOrganization")
    )
    place = reader.node(entry.get("jobLocation"))
    address: Any = place.get("address")
    if isinstance(reader.value(address), dict):
        postal = reader.node(address)
        street, locality = (
            reader.text(postal.get("streetAddress")),
            reader.text(postal.get("addressLocality")),
        )
    else:
        street, locality = reader.text(address), ""
    amount, unit = _pay(reader, entry.get("baseSalary"), problems)
    identifier = entry.get("identifier")
    if isinstance(reader.value(identifier), dict):
        identifier = reader.node(identifier).get("value")
    category = (
        reader.text(entry.get("occupationalCategory"))
        or reader.text(reader.node(entry.get("occupationalCategory")).get("name"))
        or reader.text(entry.get("industry"))
    )
    starts_now = reader.flag(entry.get(EXT + "startsNow"))
    if starts_now is None:
        starts_now = reader.flag(entry.get("jobImmediateStart")) is True
    bring = entry.get(EXT + "whatToBring")
    bring_list = bring if isinstance(bring, list) else [] if bring is None else [bring]
    openings = reader.value(entry.get("totalJobOpenings"))
    status = reader.text(entry.get(EXT + "status")) or None
    draft = JobDraft(
        title=_plain(reader.text(entry.get("title")) or reader.text(entry.get("name"))),
        category=_category(category),
        employer=employer_name,
        pay_amount=amount,
        pay_unit=unit,
        locality=locality,
        contact_phone=_phone(reader, entry, employer),
        valid_through=reader.text(entry.get("validThrough")) or None,
        employment_type=_employment_type(reader, entry.get("employmentType")),
        description=_plain(reader.text(entry.get("description"))),
        how_to_apply=reader.text(entry.get(EXT + "howToApply")),
        what_to_bring=tuple(reader.text(item) for item in bring_list),
        schedule=reader.text(entry.get("workHours")),
        address=street,
        fits_school_hours=reader.flag(entry.get(EXT + "fitsSchoolHours")) is True,
        no_experience_needed=_no_experience(reader, entry),
        starts_now=starts_now,
        openings=1 if openings is None else openings,
        date_posted=reader.text(entry.get("datePosted")) or None,
        external_id=reader.text(identifier) or None,
        status=status,
    )
    return draft, problems


def _auto_identifier(values: dict[str, Any]) -> str:
    key = "\x1f".join(
        (values["title"], values["employer"], values["locality"], values["date_posted"].isoformat())
    )
    return AUTO_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:24]


def _own_number(identifier: str) -> int | None:
    rest = identifier[len(OWN_PREFIX) :] if identifier.startswith(OWN_PREFIX) else ""
    return int(rest) if rest.isascii() and rest.isdigit() and len(rest) < 18 else None


# --- import -----------------------------------------------------------------------------------


@dataclass
class _Ready:
    values: dict[str, Any]
    status: PostingStatus | None


def _batches(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def import_jobs(
    session_factory: SessionFactory,
    document: str | bytes | dict[str, Any] | list[Any],
    *,
    today: Callable[[], date] = centre_today,
) -> ImportReport:
    """Add or update the document's postings; see the module's notes for the rules."""
    parsed = read_document(document) if isinstance(document, str | bytes) else document
    entries, nodes = _entries(parsed)
    reader = _Reader(nodes)
    day = today()
    skipped: list[SkippedEntry] = []
    ready: dict[str, _Ready] = {}
    for index, entry in enumerate(entries, start=1):
        if not _is_job_posting(entry):
            if _types(entry):
                continue  # another kind of node (an Organization, a Place...) the postings use
            title = reader.text(entry.get("title")) if isinstance(entry, dict) else ""
            skipped.append(SkippedEntry(index, title, _("This entry is not a job posting.")))
            continue
        draft, problems = _draft(reader, entry)
        try:
            values = check_draft(draft, today=day)
        except JobValidationError as exc:
            problems.extend(exc.problems)
        if problems:
            skipped.append(SkippedEntry(index, _title(draft), " ".join(problems)))
            continue
        status = values.pop("status")
        identifier = values["external_id"] or _auto_identifier(values)
        values["external_id"] = identifier
        if identifier in ready:
            skipped.append(
                SkippedEntry(
                    index,
                    values["title"],
                    _("An earlier entry in the file has the same identifier."),
                )
            )
            continue
        ready[identifier] = _Ready(values, status)

    with session_factory.begin() as s:
        matched = _match(s, ready)
        added = updated = 0
        new_rows = []
        for identifier, item in ready.items():
            job = matched.get(identifier)
            if job is None:
                new_rows.append(
                    JobPosting(
                        **item.values, status=item.status or PostingStatus.OPEN, is_example=False
                    )
                )
                added += 1
                continue
            if job.external_id is None:
                item.values["external_id"] = None  # our own posting coming home: keep it so
            for field, value in item.values.items():
                setattr(job, field, value)
            if item.status is not None:
                job.status = item.status
            updated += 1
        s.add_all(new_rows)
        s.flush()
    log.info("job import: %d added, %d updated, %d skipped", added, updated, len(skipped))
    return ImportReport(added, updated, tuple(skipped))


def _title(draft: JobDraft) -> str:
    return " ".join(str(draft.title or "").split())[:200]


def _match(s: Session, ready: dict[str, _Ready]) -> dict[str, JobPosting]:
    """Stored postings for the entries' identifiers (see the module's notes)."""
    matched: dict[str, JobPosting] = {}
    for batch in _batches(list(ready)):
        for job in s.scalars(select(JobPosting).where(JobPosting.external_id.in_(batch))):
            assert job.external_id is not None
            matched[job.external_id] = job
    own = {
        number: identifier
        for identifier in ready
        if identifier not in matched and (number := _own_number(identifier)) is not None
    }
    for batch in _batches(list(own)):
        statement = select(JobPosting).where(
            JobPosting.id.in_(batch), JobPosting.external_id.is_(None)
        )
        for job in s.scalars(statement):
            values = ready[own[job.id]].values
            if job.employer == values["employer"] and job.date_posted == values["date_posted"]:
                matched[own[job.id]] = job
    return matched
