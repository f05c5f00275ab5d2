"""One HSDS service as the kiosk's column values (what it keeps of it, and what it cannot hold),
and which of the file's objects those values hold."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kiosk.data.hsds.base import (
    API_INFO,
    BENEFIT_TAXONOMY,
    LEVEL_TAXONOMY,
    NEED_TAXONOMY,
    Skipped,
    dict_list,
    first_dict,
    kept_phone,
    read_clock,
    read_day,
)
from kiosk.data.hsds.vocabulary import FALLBACK_NEED, document_code, guess_level, guess_need
from kiosk.data.models import ProgramLevel, ProgramNeed, ServiceStatus, served_municipalities
from kiosk.i18n import _
from kiosk.text import one_line, paragraphs

# Column limits of the kiosk's tables (an entry over them is skipped, not cut).
LIMITS = {
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

# --- one service -> column values -------------------------------------------------------------


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


def kept_ids(values: dict[str, Any], node: dict[str, Any]) -> set[tuple[str, str]]:
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
    for attribute in dict_list(node.get("attributes")):
        term = attribute.get("taxonomy_term") or {}
        if str(term.get("taxonomy") or "") in (NEED_TAXONOMY, LEVEL_TAXONOMY, BENEFIT_TAXONOMY):
            kept.add(("attribute", str(attribute.get("id"))))
            kept.add(("taxonomy_term", str(term.get("id"))))
    return kept


def objects_left_out(
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


def organization_values(org: dict[str, Any]) -> dict[str, Any]:
    phone = first_dict(org.get("phones"))
    ids = {"phone": str(phone["id"])} if phone.get("id") else {}
    return {
        "hsds_id": str(org["id"]),
        "name": one_line(org.get("name")),
        "description": paragraphs(org.get("description")),
        "website": one_line(org.get("website")),
        "email": one_line(org.get("email")),
        "phone": kept_phone(phone.get("number")),
        "hsds_ids": ids,
    }


@dataclass
class _Place:
    """Where a service is, as the kiosk keeps one place: the first service-at-location, its
    location and physical address, and the phone and schedules nearest the service."""

    at: dict[str, Any]
    location: dict[str, Any]
    address: dict[str, Any]
    phone: dict[str, Any]
    schedules: list[dict[str, Any]]

    @classmethod
    def of(cls, service: dict[str, Any]) -> _Place:
        places = dict_list(service.get("service_at_locations"))
        at = places[0] if places else {}
        location = first_dict(at.get("location"))
        addresses = dict_list(location.get("addresses"))
        address = next(
            (a for a in addresses if a.get("address_type") == "physical"),
            addresses[0] if addresses else {},
        )
        holders = (service, at, location)
        # The service's own phone and schedules, else its place's, else its location's.
        phone = next((one for h in holders if (one := first_dict(h.get("phones")))), {})
        schedules = next((many for h in holders if (many := dict_list(h.get("schedules")))), [])
        return cls(at, location, address, phone, schedules)

    @property
    def schedule(self) -> dict[str, Any]:
        return self.schedules[0] if self.schedules else {}


def service_values(
    service: dict[str, Any], org: dict[str, Any], notes: list[Skipped], label: str
) -> dict[str, Any]:
    place = _Place.of(service)
    cost = first_dict(service.get("cost_options"))
    ids = {
        kind: str(node["id"])
        for kind, node in (
            ("service_at_location", place.at),
            ("location", place.location),
            ("address", place.address),
            ("phone", place.phone),
            ("schedule", place.schedule),
            ("cost_option", cost),
        )
        if node.get("id")
    }
    documents = _documents(service, ids)
    name = one_line(service.get("name"))
    description = paragraphs(service.get("description"))
    own = _attribute_codes(service)
    amount = cost.get("amount")
    values = {
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
        **_place_values(place),
        **_kept_lists(service, place),
        "level": _choice(ProgramLevel, own.get(LEVEL_TAXONOMY, ("", ""))[0])
        or guess_level(one_line(org.get("name")), paragraphs(org.get("description"))),
        "need": _need(service, own, notes, label),
        "status": ServiceStatus.ACTIVE
        if str(service.get("status") or "active") == "active"
        else ServiceStatus.INACTIVE,
        "assured_date": read_day(service.get("assured_date")),
        "hsds_ids": ids,
    }
    # Written in bulk, past the model's own keeping of it.
    values["municipalities"] = served_municipalities(
        values["service_areas"], values["level"], values["locality"]
    )
    return values


def _documents(service: dict[str, Any], ids: dict[str, str]) -> list[str]:
    """The papers asked for, each once: the kiosk's code when it knows the paper, else the
    text as written; their HSDS ids go into ``ids``."""
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
    return documents


def _need(
    service: dict[str, Any], own: dict[str, tuple[str, str]], notes: list[Skipped], label: str
) -> ProgramNeed:
    """Its need as its own term says, else as its words say, else training (with a note)."""
    need = _choice(ProgramNeed, own.get(NEED_TAXONOMY, ("", ""))[0])
    if need is not None:
        return need
    texts = (
        service.get("name"),
        service.get("description"),
        service.get("eligibility_description"),
    )
    need = guess_need(one_line(texts[0]), *(paragraphs(text) for text in texts[1:]))
    if need is not None:
        return need
    notes.append(
        Skipped(
            label,
            _(
                "Its need could not be told from its words; it was filed under "
                "training. Change it at the staff desk if needed."
            ),
        )
    )
    return FALLBACK_NEED


def _place_values(place: _Place) -> dict[str, Any]:
    """The columns of the place, its phone and its first schedule."""
    address, schedule = place.address, place.schedule
    street = ", ".join(
        part
        for part in (one_line(address.get("address_1")), one_line(address.get("address_2")))
        if part
    )
    return {
        "location_name": one_line(place.location.get("name")),
        "address": street,
        "locality": one_line(address.get("city")),
        "region": one_line(address.get("state_province")),
        "postal_code": one_line(address.get("postal_code")),
        "country": one_line(address.get("country")).upper() or "MX",
        "directions": paragraphs(place.location.get("transportation")),
        "phone": kept_phone(place.phone.get("number")),
        "schedule": one_line(schedule.get("description")),
        "opens_at": read_clock(schedule.get("opens_at")),
        "closes_at": read_clock(schedule.get("closes_at")),
        "schedule_days": _weekly_days(schedule),
        "more_schedules": [_schedule_kept(one) for one in place.schedules[1:]],
    }


def _kept_lists(service: dict[str, Any], place: _Place) -> dict[str, Any]:
    """What is spoken, served and who to ask there: the service's own, then its place's."""
    return {
        "languages": _unique(
            _language_kept(one)
            for holder in (service, place.location)
            for one in dict_list(holder.get("languages"))
        ),
        "service_areas": _unique(
            _area_kept(one) for one in dict_list(service.get("service_areas"))
        ),
        "contacts": _unique(
            _contact_kept(one)
            for holder in (service, place.at, place.location)
            for one in dict_list(holder.get("contacts"))
        ),
    }


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
    for key in keys:
        text = clean(node.get(key))
        if text:
            kept[key] = text
    return kept


def _schedule_kept(schedule: dict[str, Any]) -> dict[str, Any]:
    kept = _kept(schedule, ("description",))
    for key in ("opens_at", "closes_at"):
        clock = read_clock(schedule.get(key))
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
    for phone in dict_list(contact.get("phones")):
        one: dict[str, Any] = {"id": str(phone["id"])} if phone.get("id") else {}
        number = kept_phone(phone.get("number"))
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


def limit_problems(values: dict[str, Any], org: dict[str, Any]) -> list[str]:
    """What the kiosk cannot hold (its columns' sizes, its age and cost rules)."""
    problems = []
    if not values["name"]:
        problems.append(_("It has no name."))
    if not org.get("name"):
        problems.append(_("Its organization has no name."))
    checks = {**values, "organization": org.get("name", "")}
    for key, limit in LIMITS.items():
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
