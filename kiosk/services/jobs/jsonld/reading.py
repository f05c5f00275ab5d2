"""Reading a document: its entries, and each entry as a draft."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Any

from kiosk.data.json_text import parse_json
from kiosk.data.models import EmploymentType, JobCategory, JobGap, PayUnit
from kiosk.i18n import _
from kiosk.services.job_categories import guess_category
from kiosk.services.jobs.checks import parse_day
from kiosk.services.jobs.common import (
    CONTACT_OTHER_MAX,
    OPENINGS_MAX,
    TEXT_MAX,
    TITLE_MAX,
    JobDraft,
)
from kiosk.services.jobs.jsonld.common import (
    AUTO_PREFIX,
    CURRENCY,
    EXT,
    JOB_TYPES,
    LIST_ITEM_TYPES,
    LIST_TYPES,
    MONTHS_PER_YEAR,
    OWN_PREFIX,
    TYPE_IN,
    UNIT_IN,
    YEAR_UNITS,
    JobImportError,
)
from kiosk.services.members import MemberError, normalize_phone

# --- reading a document -----------------------------------------------------------------------


def read_document(document: str | bytes) -> Any:
    """The parsed JSON (numbers with decimals as ``Decimal``) holding at least one JobPosting,
    or :class:`JobImportError`."""
    not_text = _("The file is not a JSON-LD text file; export it again as UTF-8 JSON.")
    parsed = parse_json(document, JobImportError, not_text)
    entries_of(parsed)
    return parsed


def types_of(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k for k in kinds if isinstance(k, str)}


def is_job_posting(node: Any) -> bool:
    return bool(types_of(node) & JOB_TYPES)


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
    elif types_of(node) & LIST_TYPES:
        yield from _flatten(node.get("itemListElement", []), depth + 1)
    elif types_of(node) & LIST_ITEM_TYPES and isinstance(node.get("item"), dict | list):
        yield from _flatten(node["item"], depth + 1)
    else:
        yield node


def entries_of(document: Any) -> tuple[list[Any], dict[str, Any]]:
    """The entries to import (in the file's order) and the nodes by ``@id``."""
    entries = list(_flatten(document))
    if not any(is_job_posting(entry) for entry in entries):
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


def unescape(text: str) -> str:
    """A one-line text field (title, employer...): plain text, but feeds often escape its
    ampersands and accents as HTML entities."""
    return " ".join(html.unescape(text).split())


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Reader:
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


def _employment_type(reader: Reader, value: Any) -> EmploymentType:
    values = value if isinstance(value, list) else [value]
    for one in values:
        text = reader.text(one).strip().upper().replace("-", "_").replace(" ", "_")
        if text in TYPE_IN:
            return TYPE_IN[text]
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


def _pay(reader: Reader, salary: Any) -> _Pay:
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
    unit = UNIT_IN.get(unit_key)
    if unit_key in YEAR_UNITS:
        # The kiosk counts pay per month at most: a yearly figure is told as its twelfth.
        unit = PayUnit.MONTH
        amount = (amount / MONTHS_PER_YEAR).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        if top is not None:
            top = (top / MONTHS_PER_YEAR).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return _Pay(amount, top if top is not None and top > amount else None, unit)


def _contact(reader: Reader, entry: dict[str, Any], employer: dict[str, Any]) -> tuple[str, str]:
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


def _no_experience(reader: Reader, entry: dict[str, Any]) -> bool:
    own = reader.flag(entry.get(EXT + "noExperienceNeeded"))
    if own is not None:
        return own
    requirement = entry.get("experienceRequirements")
    if isinstance(reader.value(requirement), dict):
        months = reader.value(reader.node(requirement).get("monthsOfExperience"))
        return isinstance(months, int | Decimal) and not isinstance(months, bool) and months == 0
    return reader.text(requirement).strip().lower() in {"no requirements", "sin experiencia"}


def _category_texts(reader: Reader, entry: dict[str, Any]) -> list[str]:
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


def _identifier_value(reader: Reader, identifier: Any) -> str:
    one = reader.value(identifier)
    if isinstance(one, dict):
        node = reader.node(one)
        return reader.text(node.get("value")) or reader.text(node.get("@id"))
    return reader.text(one)


def read_entry(
    reader: Reader, entry: dict[str, Any], *, today: date, default_days: int
) -> _Entry | str:
    """The entry as a draft with what it lacks, or why it cannot be taken at all."""
    gaps: set[JobGap] = set()
    employer = reader.node(entry.get("hiringOrganization"))
    named = _names(reader, entry, employer)
    if isinstance(named, str):
        return named
    title, employer_name = named
    street, locality = _place(reader, entry)
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
    posted, last = _days(reader, entry, today, default_days, gaps)
    category = _category(reader, entry, title, gaps)
    for gap in entry.get(EXT + "missing") or ():
        if isinstance(gap, str) and gap in {g.value for g in JobGap}:
            gaps.add(JobGap(gap))
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
        what_to_bring=_bring(reader, entry),
        schedule=_cut(unescape(reader.text(entry.get("workHours"))), 200),
        address=_cut(unescape(street), 200),
        fits_school_hours=reader.flag(entry.get(EXT + "fitsSchoolHours")) is True,
        no_experience_needed=_no_experience(reader, entry),
        starts_now=_starts_now(reader, entry),
        openings=_openings(reader, entry),
        date_posted=posted,
        external_id=_identifier_value(reader, identifier) or None,
        status=reader.text(entry.get(EXT + "status")) or None,
    )
    return _Entry(draft, gaps, None if identifier is None else _json_safe(identifier))


def _names(
    reader: Reader, entry: dict[str, Any], employer: dict[str, Any]
) -> tuple[str, str] | str:
    """The job's title and its employer's name, or why the entry cannot be taken."""
    title = _cut(
        unescape(reader.text(entry.get("title")) or reader.text(entry.get("name"))), TITLE_MAX
    )
    employer_name = unescape(
        reader.text(employer.get("name")) or reader.text(entry.get("hiringOrganization"))
    )
    if not title.strip() and not employer_name.strip():
        return _("It has no title and no employer.")
    if not title.strip():
        return _("It has no title.")
    if not employer_name.strip():
        return _("It has no employer (hiringOrganization name).")
    return title, employer_name


def _place(reader: Reader, entry: dict[str, Any]) -> tuple[str, str]:
    """The street address and the locality (a plain text address has no locality)."""
    place = reader.node(entry.get("jobLocation"))
    address: Any = place.get("address")
    if isinstance(reader.value(address), dict):
        postal = reader.node(address)
        return reader.text(postal.get("streetAddress")), reader.text(postal.get("addressLocality"))
    return reader.text(address), ""


def _days(
    reader: Reader, entry: dict[str, Any], today: date, default_days: int, gaps: set[JobGap]
) -> tuple[date, date]:
    """The day posted and the last day (``default_days`` after it when missing: a gap)."""
    posted = _day(reader.text(entry.get("datePosted"))) or today
    last = _day(reader.text(entry.get("validThrough")))
    if last is None:
        last = posted + timedelta(days=default_days)
        gaps.add(JobGap.LAST_DAY)
    return min(posted, last), last


def _category(reader: Reader, entry: dict[str, Any], title: str, gaps: set[JobGap]) -> JobCategory:
    """Our category when the entry names it, else guessed from its codes, title and industry."""
    own_category = reader.text(entry.get("occupationalCategory")).strip().lower()
    if own_category in {c.value for c in JobCategory}:
        return JobCategory(own_category)
    category = guess_category(
        [*_category_texts(reader, entry), title, reader.text(entry.get("industry"))]
    )
    if category == JobCategory.OTHER:
        gaps.add(JobGap.CATEGORY)  # nothing recognized; "otros" said outright is no gap
    return category


def _starts_now(reader: Reader, entry: dict[str, Any]) -> bool:
    starts_now = reader.flag(entry.get(EXT + "startsNow"))
    if starts_now is None:
        return reader.flag(entry.get("jobImmediateStart")) is True
    return starts_now


def _bring(reader: Reader, entry: dict[str, Any]) -> tuple[str, ...]:
    bring = entry.get(EXT + "whatToBring")
    bring_list = bring if isinstance(bring, list) else [] if bring is None else [bring]
    return tuple(reader.text(item) for item in bring_list)[:20]


def _openings(reader: Reader, entry: dict[str, Any]) -> int:
    """``totalJobOpenings`` (1 when missing or unreadable, at most :data:`OPENINGS_MAX`)."""
    openings = reader.value(entry.get("totalJobOpenings"))
    try:
        places = 1 if openings is None or isinstance(openings, bool) else int(str(openings))
    except ValueError:
        places = 1
    return min(places, OPENINGS_MAX) if places >= 0 else 1


def auto_identifier(values: dict[str, Any]) -> str:
    key = "\x1f".join(
        (values["title"], values["employer"], values["locality"], values["date_posted"].isoformat())
    )
    return AUTO_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:24]


def own_number(identifier: str) -> int | None:
    rest = identifier[len(OWN_PREFIX) :] if identifier.startswith(OWN_PREFIX) else ""
    return int(rest) if rest.isascii() and rest.isdigit() and len(rest) < 18 else None
