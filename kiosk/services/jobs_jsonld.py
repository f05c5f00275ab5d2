"""Job postings in and out as schema.org ``JobPosting`` JSON-LD.

So postings can come from the state employment service, a job board or an employer's web site,
as they publish them, and go back out. The export is one document ``{"@context":
"https://schema.org", "@graph": [...]}``; the import takes one JobPosting object, an array of
them, an ``@graph``, or an ``ItemList`` whose ``itemListElement`` holds ``ListItem`` s (with
``item``) or the postings themselves.

Mapping (kiosk column -> JSON-LD):

=====================  ==========================================================================
title, description     ``title``, ``description`` (HTML is read as plain text, entities decoded)
date_posted            ``datePosted`` (``YYYY-MM-DD``; a datetime is read as its day in Chihuahua)
valid_through          ``validThrough`` (same; missing on import: ``datePosted`` or today + the
                       centre's ``job_default_days``, marked to complete)
employer               ``hiringOrganization`` ``{"@type": "Organization", "name"}``
address, locality      ``jobLocation`` Place -> PostalAddress ``streetAddress``,
                       ``addressLocality``; ``addressRegion`` "Chihuahua", ``addressCountry`` "MX"
pay_amount, pay_max,   ``baseSalary`` MonetaryAmount, currency MXN, ``value`` QuantitativeValue
pay_unit               ``{"value"}`` or ``{"minValue", "maxValue"}``, ``unitText`` HOUR|DAY|
                       WEEK|MONTH only when known. On import also a plain number or numeric text
                       (no unit: "por acordar", never guessed); YEAR is counted per month
                       (a twelfth); no pay, other currencies: "pago por acordar", marked
employment_type        ``employmentType`` FULL_TIME, PART_TIME, TEMPORARY, PER_DIEM, OTHER
                       (on import, other values such as CONTRACTOR become OTHER)
schedule               ``workHours``
openings               ``totalJobOpenings`` (missing on import: 1)
category               ``occupationalCategory`` (our value, e.g. "cocina"; on import also codes,
                       names, ``industry`` and the title through job_categories.json)
contact_phone,         ``applicationContact`` ContactPoint ``telephone`` (+52 and the 10 digits),
contact_other          ``url`` or ``email``. On import: the posting's ``telephone``, else the
                       contact's or the employer's telephone, else their e-mail or web page
identifier             ``identifier`` exactly as it came (text or PropertyValue); the kiosk's
                       own postings: ``{"@type": "PropertyValue", "propertyID": "ceneso",
                       "value": "ceneso:<id>"}``. Its value is kept in external_id for matching
starts_now             ``jobImmediateStart``, and ``ceneso:startsNow``
no_experience_needed   ``experienceRequirements`` OccupationalExperienceRequirements with
                       ``monthsOfExperience`` 0, and ``ceneso:noExperienceNeeded``
fits_school_hours      ``ceneso:fitsSchoolHours``
what_to_bring          ``ceneso:whatToBring`` (list of texts)
how_to_apply           ``ceneso:howToApply``
status                 ``ceneso:status`` ("open" | "closed")
missing                ``ceneso:missing`` (what staff still have to complete)
=====================  ==========================================================================

The ``ceneso:`` keys are the kiosk's extension. The prefix is not defined in schema.org's context,
so JSON-LD reads each such key as the absolute IRI ``ceneso:...``: namespaced, never mistaken for a
schema.org term, and ignored by consumers that do not know it. When both a ``ceneso:`` key and its
schema.org counterpart are present, the ``ceneso:`` key wins.

Import rules: every posting with a title and an employer is taken as it comes. What it lacks that
a member needs (a phone, the pay, per what, a closing date of its own, a category, the town) is
recorded in ``missing`` and the posting goes to the staff's "Por completar" list; re-importing
it later keeps what staff completed. Entries without a title or an employer are skipped and
reported with the reason. Entries are matched by identifier to ``external_id``, so importing the
same file again updates instead of adding copies; an entry without an identifier gets
``auto:<digest>`` of its title, employer, locality and posting day. A ``ceneso:<n>`` identifier
also matches this database's own posting ``n`` when it has no external id and the same employer
and posting day (a kiosk's export imported back into the same kiosk). Other typed nodes (an
Organization the postings point to with ``{"@id"}``) are passed over; untyped entries are
reported as skipped. Everything is written in one transaction: an unexpected error leaves the
database as it was. A file that is not JSON, or holds no JobPosting at all, raises
:class:`JobImportError` before anything is written.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.data.models import (
    EmploymentType,
    JobCategory,
    JobGap,
    JobPosting,
    PayUnit,
    PostingStatus,
)
from kiosk.i18n import _, centre_today
from kiosk.logs import area_logger
from kiosk.services import SessionFactory
from kiosk.services.job_categories import guess_category
from kiosk.services.jobs import (
    CONTACT_OTHER_MAX,
    OPENINGS_MAX,
    TEXT_MAX,
    TITLE_MAX,
    JobDraft,
    JobValidationError,
    check_draft,
    parse_day,
)
from kiosk.services.members import MemberError, normalize_phone

log = area_logger("jobs")

CONTEXT = "https://schema.org"
PROPERTY_ID = "ceneso"
OWN_PREFIX = "ceneso:"
AUTO_PREFIX = "auto:"
EXT = "ceneso:"  # the extension keys' prefix
REGION = "Chihuahua"
COUNTRY = "MX"
CURRENCY = "MXN"
BATCH = 500  # identifiers per IN (...) lookup
DEFAULT_DAYS = 30
MONTHS_PER_YEAR = Decimal(12)

_UNIT_OUT = {
    PayUnit.HOUR: "HOUR",
    PayUnit.DAY: "DAY",
    PayUnit.WEEK: "WEEK",
    PayUnit.MONTH: "MONTH",
}
# unitText as feeds write it (schema.org's, and the Spanish some Mexican boards use).
_UNIT_IN = {
    "HOUR": PayUnit.HOUR,
    "HORA": PayUnit.HOUR,
    "DAY": PayUnit.DAY,
    "DIA": PayUnit.DAY,
    "DÍA": PayUnit.DAY,
    "WEEK": PayUnit.WEEK,
    "SEMANA": PayUnit.WEEK,
    "MONTH": PayUnit.MONTH,
    "MES": PayUnit.MONTH,
}
_YEAR = {"YEAR", "AÑO", "ANO"}
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
_LIST_TYPES = {"ItemList", "schema:ItemList", "http://schema.org/ItemList"}
_LIST_TYPES |= {"https://schema.org/ItemList"}
_LIST_ITEM_TYPES = {"ListItem", "schema:ListItem", "http://schema.org/ListItem"}
_LIST_ITEM_TYPES |= {"https://schema.org/ListItem"}


class JobImportError(Exception):
    """The document cannot be read as job postings at all; one plain sentence. Nothing written."""


@dataclass(frozen=True)
class SkippedEntry:
    index: int  # the entry's position among the file's entries, counting from 1
    title: str
    reason: str  # the problems, one sentence each


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    skipped: tuple[SkippedEntry, ...]
    to_complete: int = 0  # of the added and updated, those still lacking something

    @property
    def imported(self) -> int:
        return self.added + self.updated


# --- export -----------------------------------------------------------------------------------


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def identifier_of(job: JobPosting) -> str:
    return job.external_id or f"{OWN_PREFIX}{job.id}"


def _contact_point(job: JobPosting) -> dict[str, Any] | None:
    point: dict[str, Any] = {"@type": "ContactPoint"}
    if job.contact_phone:
        point["telephone"] = f"+52{job.contact_phone}"
    other = job.contact_other or ""
    if other and "@" in other and "://" not in other:
        point["email"] = other
    elif other:
        point["url"] = other
    return point if len(point) > 1 else None


def _salary(job: JobPosting) -> dict[str, Any] | None:
    if job.pay_amount is None:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if job.pay_max is not None and job.pay_max > job.pay_amount:
        value["minValue"] = _number(job.pay_amount)
        value["maxValue"] = _number(job.pay_max)
    else:
        value["value"] = _number(job.pay_amount)
    if job.pay_unit is not None:
        value["unitText"] = _UNIT_OUT[PayUnit(job.pay_unit)]
    return {"@type": "MonetaryAmount", "currency": CURRENCY, "value": value}


def posting_to_jsonld(job: JobPosting) -> dict[str, Any]:
    """One posting as a schema.org JobPosting node (without ``@context``)."""
    identifier = job.identifier
    if identifier is None:
        identifier = {
            "@type": "PropertyValue",
            "propertyID": PROPERTY_ID,
            "value": identifier_of(job),
        }
    node: dict[str, Any] = {
        "@type": "JobPosting",
        "identifier": identifier,
        "title": job.title,
        # schema.org's description is HTML: the plain text, escaped, reads back the same.
        "description": html.escape(job.description, quote=False),
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
        "workHours": job.schedule,
        "totalJobOpenings": job.openings,
        "occupationalCategory": JobCategory(job.category).value,
        "jobImmediateStart": job.starts_now,
    }
    salary = _salary(job)
    if salary is not None:
        node["baseSalary"] = salary
    contact = _contact_point(job)
    if contact is not None:
        node["applicationContact"] = contact
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
    if job.missing:
        node[EXT + "missing"] = list(job.missing)
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


def _flatten(node: Any, depth: int = 0) -> Iterator[Any]:
    """The entries of a document, in the order written: a list's items, an ``@graph``'s
    nodes, an ItemList's elements (a ListItem's ``item``)."""
    if depth > 8:  # nesting deeper than any feed writes: taken as one (odd) entry
        yield node
        return
    if isinstance(node, list):
        for one in node:
            yield from _flatten(one, depth + 1)
    elif isinstance(node, dict) and "@graph" in node:
        yield from _flatten(node["@graph"], depth + 1)
    elif _types(node) & _LIST_TYPES:
        yield from _flatten(node.get("itemListElement", []), depth + 1)
    elif _types(node) & _LIST_ITEM_TYPES and isinstance(node.get("item"), dict | list):
        yield from _flatten(node["item"], depth + 1)
    else:
        yield node


def _entries(document: Any) -> tuple[list[Any], dict[str, Any]]:
    """The entries to import (in the file's order) and the nodes by ``@id``."""
    entries = list(_flatten(document))
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
    """The words of an HTML fragment: block tags become line breaks, list items bullets,
    scripts and styles are dropped, entities decoded."""

    _BREAKS = frozenset(
        {"br", "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
    )
    _HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BREAKS or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def plain_text(text: str) -> str:
    """HTML (or plain text with entities) as plain text, one line per paragraph or item."""
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line and line != "•")


def _unescape(text: str) -> str:
    """A one-line text field (title, employer...): plain text, but feeds often escape its
    ampersands and accents as HTML entities."""
    return " ".join(html.unescape(text).split())


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


def _employment_type(reader: _Reader, value: Any) -> EmploymentType:
    values = value if isinstance(value, list) else [value]
    for one in values:
        text = reader.text(one).strip().upper().replace("-", "_").replace(" ", "_")
        if text in _TYPE_IN:
            return _TYPE_IN[text]
    return EmploymentType.OTHER


def _amount(value: Any) -> Decimal | None:
    """A pay figure: a number, or text such as ``"1800"``, ``"$1,800.00"``; else None."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().replace("$", "").replace(",", "").replace(" ", "")
    text = text.removesuffix("MXN").removesuffix("mxn")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None


@dataclass(frozen=True)
class _Pay:
    amount: Decimal | None = None
    top: Decimal | None = None
    unit: PayUnit | None = None


def _pay(reader: _Reader, salary: Any) -> _Pay:
    """``baseSalary`` as it comes: a MonetaryAmount (a value or a min–max range, a unit or
    none), a plain number or numeric text, or nothing usable."""
    if not isinstance(reader.value(salary), dict):
        return _Pay(_amount(reader.value(salary)))
    salary = reader.node(salary)
    currency = reader.text(salary.get("currency")).strip().upper()
    if currency and currency != CURRENCY:
        return _Pay()  # not pesos: shown as "pago por acordar" until staff write it in pesos
    unit_text = reader.text(salary.get("unitText"))
    low: Any = salary.get("value")
    high: Any = None
    if isinstance(reader.value(low), dict):
        quantity = reader.node(low)
        unit_text = reader.text(quantity.get("unitText")) or unit_text
        low = quantity.get("value")
        if reader.value(low) is None:
            low, high = quantity.get("minValue"), quantity.get("maxValue")
    else:
        low = low if reader.value(low) is not None else salary.get("minValue")
        high = salary.get("maxValue")
    amount, top = _amount(reader.value(low)), _amount(reader.value(high))
    if amount is None:
        amount, top = top, None
    if amount is None:
        return _Pay()
    unit_key = unit_text.strip().upper()
    unit = _UNIT_IN.get(unit_key)
    if unit_key in _YEAR:
        # The kiosk counts pay per month at most: a yearly figure is told as its twelfth.
        unit = PayUnit.MONTH
        amount = (amount / MONTHS_PER_YEAR).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        if top is not None:
            top = (top / MONTHS_PER_YEAR).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return _Pay(amount, top if top is not None and top > amount else None, unit)


def _contact(reader: _Reader, entry: dict[str, Any], employer: dict[str, Any]) -> tuple[str, str]:
    """(10-digit phone, other contact): the posting's phone, else the application contact's
    or the employer's; else their e-mail or web page. A phone that is not a Mexican number is
    kept as written, as the other contact."""
    contact = reader.node(entry.get("applicationContact"))
    phones = [
        reader.text(entry.get("telephone")),
        reader.text(contact.get("telephone")),
        reader.text(employer.get("telephone")),
    ]
    odd = ""
    for phone in phones:
        if not phone.strip():
            continue
        try:
            return normalize_phone(phone), ""
        except MemberError:
            odd = odd or phone.strip()
    others = [
        reader.text(contact.get("email")),
        reader.text(contact.get("url")),
        reader.text(employer.get("email")),
        reader.text(employer.get("url")),
    ]
    other = next((one.strip() for one in others if one.strip()), odd)
    return "", _cut(other, CONTACT_OTHER_MAX)


def _no_experience(reader: _Reader, entry: dict[str, Any]) -> bool:
    own = reader.flag(entry.get(EXT + "noExperienceNeeded"))
    if own is not None:
        return own
    requirement = entry.get("experienceRequirements")
    if isinstance(reader.value(requirement), dict):
        months = reader.value(reader.node(requirement).get("monthsOfExperience"))
        return isinstance(months, int | Decimal) and not isinstance(months, bool) and months == 0
    return reader.text(requirement).strip().lower() in {"no requirements", "sin experiencia"}


def _category_texts(reader: _Reader, entry: dict[str, Any]) -> list[str]:
    """What ``occupationalCategory`` says (text, or CategoryCode code and name), in order."""
    texts = []
    raw = entry.get("occupationalCategory")
    for one in raw if isinstance(raw, list) else [raw]:
        if isinstance(reader.value(one), dict):
            code = reader.node(one)
            texts += [reader.text(code.get("codeValue")), reader.text(code.get("name"))]
        else:
            texts.append(reader.text(one))
    return [text for text in texts if text.strip()]


def _day(value: str) -> date | None:
    try:
        return parse_day(value) if value.strip() else None
    except ValueError:
        return None


@dataclass
class _Entry:
    draft: JobDraft
    gaps: set[JobGap]
    identifier: Any  # as it came, for the export


def _json_safe(value: Any) -> Any:
    """The identifier as it came, storable as JSON (decimals read as ``Decimal``)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    return value


def _identifier_value(reader: _Reader, identifier: Any) -> str:
    one = reader.value(identifier)
    if isinstance(one, dict):
        node = reader.node(one)
        return reader.text(node.get("value")) or reader.text(node.get("@id"))
    return reader.text(one)


def _read_entry(
    reader: _Reader, entry: dict[str, Any], *, today: date, default_days: int
) -> _Entry | str:
    """The entry as a draft with what it lacks, or why it cannot be taken at all."""
    gaps: set[JobGap] = set()
    title = _cut(
        _unescape(reader.text(entry.get("title")) or reader.text(entry.get("name"))), TITLE_MAX
    )
    employer = reader.node(entry.get("hiringOrganization"))
    employer_name = _unescape(
        reader.text(employer.get("name")) or reader.text(entry.get("hiringOrganization"))
    )
    if not title.strip() and not employer_name.strip():
        return _("It has no title and no employer.")
    if not title.strip():
        return _("It has no title.")
    if not employer_name.strip():
        return _("It has no employer (hiringOrganization name).")

    place = reader.node(entry.get("jobLocation"))
    address: Any = place.get("address")
    if isinstance(reader.value(address), dict):
        postal = reader.node(address)
        street = reader.text(postal.get("streetAddress"))
        locality = reader.text(postal.get("addressLocality"))
    else:
        street, locality = reader.text(address), ""
    if not locality.strip():
        gaps.add(JobGap.LOCALITY)

    pay = _pay(reader, entry.get("baseSalary"))
    if pay.amount is None:
        gaps.add(JobGap.PAY)
    elif pay.unit is None:
        gaps.add(JobGap.PAY_UNIT)

    phone, other = _contact(reader, entry, employer)
    if not phone:
        gaps.add(JobGap.CONTACT)

    posted = _day(reader.text(entry.get("datePosted"))) or today
    last = _day(reader.text(entry.get("validThrough")))
    if last is None:
        last = posted + timedelta(days=default_days)
        gaps.add(JobGap.LAST_DAY)
    posted = min(posted, last)

    own_category = reader.text(entry.get("occupationalCategory")).strip().lower()
    if own_category in {c.value for c in JobCategory}:
        category = JobCategory(own_category)
    else:
        category = guess_category(
            [*_category_texts(reader, entry), title, reader.text(entry.get("industry"))]
        )
        if category == JobCategory.OTHER:
            gaps.add(JobGap.CATEGORY)  # nothing recognized; "otros" said outright is no gap

    for gap in entry.get(EXT + "missing") or ():
        if isinstance(gap, str) and gap in {g.value for g in JobGap}:
            gaps.add(JobGap(gap))

    starts_now = reader.flag(entry.get(EXT + "startsNow"))
    if starts_now is None:
        starts_now = reader.flag(entry.get("jobImmediateStart")) is True
    bring = entry.get(EXT + "whatToBring")
    bring_list = bring if isinstance(bring, list) else [] if bring is None else [bring]
    openings = reader.value(entry.get("totalJobOpenings"))
    try:
        places = 1 if openings is None or isinstance(openings, bool) else int(str(openings))
    except ValueError:
        places = 1
    identifier = entry.get("identifier")
    draft = JobDraft(
        title=title,
        category=category,
        employer=_cut(employer_name, 200),
        pay_amount=pay.amount,
        pay_max=pay.top,
        pay_unit=pay.unit,
        locality=_cut(" ".join(locality.split()), 80),
        contact_phone=phone,
        contact_other=other,
        valid_through=last,
        employment_type=_employment_type(reader, entry.get("employmentType")),
        description=_cut(plain_text(reader.text(entry.get("description"))), TEXT_MAX),
        how_to_apply=_cut(reader.text(entry.get(EXT + "howToApply")), TEXT_MAX),
        what_to_bring=tuple(reader.text(item) for item in bring_list)[:20],
        schedule=_cut(_unescape(reader.text(entry.get("workHours"))), 200),
        address=_cut(_unescape(street), 200),
        fits_school_hours=reader.flag(entry.get(EXT + "fitsSchoolHours")) is True,
        no_experience_needed=_no_experience(reader, entry),
        starts_now=starts_now,
        openings=min(places, OPENINGS_MAX) if places >= 0 else 1,
        date_posted=posted,
        external_id=_identifier_value(reader, identifier) or None,
        status=reader.text(entry.get(EXT + "status")) or None,
    )
    return _Entry(draft, gaps, None if identifier is None else _json_safe(identifier))


def _auto_identifier(values: dict[str, Any]) -> str:
    key = "\x1f".join(
        (values["title"], values["employer"], values["locality"], values["date_posted"].isoformat())
    )
    return AUTO_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:24]


def _own_number(identifier: str) -> int | None:
    rest = identifier[len(OWN_PREFIX) :] if identifier.startswith(OWN_PREFIX) else ""
    return int(rest) if rest.isascii() and rest.isdigit() and len(rest) < 18 else None


# --- import -----------------------------------------------------------------------------------

# The columns each gap stands for: kept from the stored posting on re-import when the stored one
# has them (staff completed it), so a weekly feed never undoes the desk's work.
_GAP_FIELDS: dict[JobGap, tuple[str, ...]] = {
    JobGap.CONTACT: ("contact_phone", "contact_other"),
    JobGap.PAY: ("pay_amount", "pay_max", "pay_unit"),
    JobGap.PAY_UNIT: ("pay_unit",),
    JobGap.LAST_DAY: ("valid_through",),
    JobGap.CATEGORY: ("category",),
    JobGap.LOCALITY: ("locality",),
}


def _has(job: JobPosting, gap: JobGap) -> bool:
    """Whether the stored posting has what an entry lacks."""
    if gap == JobGap.CONTACT:
        return bool(job.contact_phone)
    if gap == JobGap.PAY:
        return job.pay_amount is not None and job.pay_unit is not None
    if gap == JobGap.PAY_UNIT:
        return job.pay_unit is not None
    if gap == JobGap.CATEGORY:
        return JobCategory(job.category) != JobCategory.OTHER
    if gap == JobGap.LOCALITY:
        return bool(job.locality)
    return JobGap.LAST_DAY.value not in (job.missing or ())


@dataclass
class _Ready:
    values: dict[str, Any]
    status: PostingStatus | None
    gaps: set[JobGap]


def _batches(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def import_jobs(
    session_factory: SessionFactory,
    document: str | bytes | dict[str, Any] | list[Any],
    *,
    today: Callable[[], date] = centre_today,
    default_days: int = DEFAULT_DAYS,
) -> ImportReport:
    """Add or update the document's postings; see the module's notes for the rules.
    ``default_days``: how long a posting without ``validThrough`` stays offered."""
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
        read = _read_entry(reader, entry, today=day, default_days=default_days)
        if isinstance(read, str):
            title = _unescape(reader.text(entry.get("title")))[:200]
            skipped.append(SkippedEntry(index, title, read))
            continue
        try:
            values = check_draft(read.draft, today=day, complete=False)
        except JobValidationError as exc:
            skipped.append(SkippedEntry(index, str(read.draft.title), " ".join(exc.problems)))
            continue
        status = values.pop("status")
        identifier = values["external_id"] or _auto_identifier(values)
        values["external_id"] = identifier
        values["identifier"] = read.identifier
        if identifier in ready:
            skipped.append(
                SkippedEntry(
                    index,
                    values["title"],
                    _("An earlier entry in the file has the same identifier."),
                )
            )
            continue
        ready[identifier] = _Ready(values, status, read.gaps)

    to_complete = 0
    try:
        added, updated, to_complete = _write(session_factory, ready)
    except IntegrityError as exc:  # another desk imported the same new postings just now
        raise JobImportError(
            _("Another import added these postings at the same moment; import the file again.")
        ) from exc
    log.info(
        "job import: %d added, %d updated, %d to complete, %d skipped",
        added,
        updated,
        to_complete,
        len(skipped),
    )
    return ImportReport(added, updated, tuple(skipped), to_complete)


def _write(session_factory: SessionFactory, ready: dict[str, _Ready]) -> tuple[int, int, int]:
    """Every ready entry, added or updated in one transaction: (added, updated, to complete)."""
    to_complete = 0
    with session_factory.begin() as s:
        matched = _match(s, ready)
        added = updated = 0
        new_rows = []
        for identifier, item in ready.items():
            job = matched.get(identifier)
            if job is None:
                gaps = sorted(item.gaps)
                new_rows.append(
                    JobPosting(
                        **item.values,
                        status=item.status or PostingStatus.OPEN,
                        is_example=False,
                        missing=gaps,
                        to_complete=bool(gaps),
                    )
                )
                added += 1
                to_complete += bool(gaps)
                continue
            if job.external_id is None:
                item.values["external_id"] = None  # our own posting coming home: keep it so
            left = set(item.gaps)
            for gap in item.gaps:
                if _has(job, gap):  # the stored posting has it (staff completed it): keep it
                    for field in _GAP_FIELDS[gap]:
                        item.values.pop(field, None)
                    left.discard(gap)
            for field, value in item.values.items():
                setattr(job, field, value)
            if item.status is not None:
                job.status = item.status
            job.missing = sorted(left)
            job.to_complete = bool(left)
            updated += 1
            to_complete += bool(left)
        s.add_all(new_rows)
        s.flush()
    return added, updated, to_complete


def _match(s: Session, ready: dict[str, _Ready]) -> dict[str, JobPosting]:
    """Stored postings for the entries' identifiers (see the module's notes)."""
    matched: dict[str, JobPosting] = {}
    for batch in _batches(list(ready)):
        # Locked: a desk completing one of these at this moment finishes first, and what it
        # wrote is what the import sees (and keeps).
        statement = select(JobPosting).where(JobPosting.external_id.in_(batch)).with_for_update()
        for job in s.scalars(statement):
            assert job.external_id is not None
            matched[job.external_id] = job
    own = {
        number: identifier
        for identifier in ready
        if identifier not in matched and (number := _own_number(identifier)) is not None
    }
    for batch in _batches(list(own)):
        statement = (
            select(JobPosting)
            .where(JobPosting.id.in_(batch), JobPosting.external_id.is_(None))
            .with_for_update()
        )
        for job in s.scalars(statement):
            values = ready[own[job.id]].values
            if job.employer == values["employer"] and job.date_posted == values["date_posted"]:
                matched[own[job.id]] = job
    return matched
