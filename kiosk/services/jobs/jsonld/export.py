"""Postings out as one JSON-LD document."""

from __future__ import annotations

import html
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from kiosk.data.models import EmploymentType, JobCategory, JobPosting, PayUnit, PostingStatus
from kiosk.services import SessionFactory
from kiosk.services.jobs.jsonld.common import (
    BATCH,
    CONTEXT,
    COUNTRY,
    CURRENCY,
    EXT,
    OWN_PREFIX,
    PROPERTY_ID,
    REGION,
    TYPE_OUT,
    UNIT_OUT,
)

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
        value["unitText"] = UNIT_OUT[PayUnit(job.pay_unit)]
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
        "employmentType": TYPE_OUT[EmploymentType(job.employment_type)],
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
