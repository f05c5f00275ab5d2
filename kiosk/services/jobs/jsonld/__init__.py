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

from kiosk.services.jobs.jsonld.common import ImportReport, JobImportError, SkippedEntry
from kiosk.services.jobs.jsonld.export import dumps, export_jobs
from kiosk.services.jobs.jsonld.importing import import_jobs
from kiosk.services.jobs.jsonld.reading import read_document

__all__ = [
    "ImportReport",
    "JobImportError",
    "SkippedEntry",
    "dumps",
    "export_jobs",
    "import_jobs",
    "read_document",
]
