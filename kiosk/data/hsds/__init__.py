"""Open Referral HSDS 3.0 in and out: the JSON form and the tabular data package.

So the program directory can come from (and go to) other directories of services: a state
directory, another community centre, an Open Referral API. Two forms, as the standard has them:

- **JSON**: one service, organization or service-at-location object, a page of them
  (``{"contents": [...]}``, the HSDS API's list form), or an array. The export is a page of
  full service objects (organization, location, phones, schedules... nested).
- **Tabular**: a folder with ``datapackage.json`` and one CSV per object (``services.csv``,
  ``organizations.csv``...), linked by ``id``; or the same tables as one JSON object keyed by
  file name (the examples' ``tabular.json``).

Mapping (kiosk column -> HSDS):

===================== ========================================================================
organization          ``organization``: id, name, description, website, email, phones[0]
name, description     service ``name``, ``description``
eligibility           ``eligibility_description``; ages ``minimum_age``, ``maximum_age``
application_process   ``application_process``
fees                  ``fees_description``; ``cost_options[0]`` ``amount`` and ``currency``
required_documents    ``required_documents[].document`` (ours as "INE (credencial para votar)",
                      "CURP"...: read back as their codes; other texts are kept as written)
place                 ``service_at_locations[0]``: its ``location`` (``name``, ``transportation``
                      = how to get there) and the location's first address (``address_1``
                      [+ ``address_2``], ``city``, ``state_province``, ``postal_code``,
                      ``country``)
phone                 the first of the service's phones (else the place's)
schedule              the first schedule: ``description``, ``opens_at``, ``closes_at``, and its
                      days when it is a plain weekly rule (``byday``, kept in
                      ``schedule_days``); later schedules in ``more_schedules``
languages             ``languages`` of the service and of its place (id, name, code, note)
service_areas         ``service_areas`` (id, name, description): the municipalities it serves
contacts              ``contacts`` of the service, its place and location (id, name, title,
                      department, email, phones with number and extension)
status, assured_date  ``status`` (inactive, defunct and temporarily closed are hidden),
                      ``assured_date``
need, level, benefit  ``attributes`` with taxonomy terms of the kiosk's taxonomies
                      ``ceneso-necesidad``, ``ceneso-nivel`` and ``ceneso-beneficio``. A service
                      without them is filed by the words of its name and description (and its
                      organization's name for the level); staff can change it.
===================== ========================================================================

HSDS identifiers are kept (``hsds_id`` of services and organizations, and the ids of the
location, address, phone, schedule, cost option and documents in ``hsds_ids``), so importing the
same data again updates instead of adding copies, and an export gives the same ids back. Rows the
kiosk entered itself get stable ids derived from their own.

Import rules: the document is validated against the HSDS JSON schema (by default the standard's
files shipped in ``hsds_schema/``, their relative ``$ref`` resolved through a ``referencing``
registry; in the tabular form each row, its values typed by the schema, with the columns the
tabular form requires). A document that is not HSDS, breaks the schema anywhere, or holds a
number that is not one (NaN, an infinity, ``1e400``) raises :class:`HsdsError` naming the entry
and field, and nothing is written. Any valid HSDS object is accepted (a location or taxonomy
alone, the API's own description); valid entries the kiosk cannot hold (a name longer than it
keeps...) are skipped with the reason, and every object it does not keep (funding, metadata, a
second phone...) is counted by kind in :attr:`HsdsReport.left_out`. Everything is written in one
transaction, a batch of rows per statement. A file that is an array of entries (how large
directories come) is read one entry at a time, Python's JSON reader on a window that moves along
the file: only what the kiosk keeps of each entry is held, never the whole file.

The package, by step: :mod:`.reading` (a file or package, checked against :mod:`.schema`),
:mod:`.tabular` (the data package form), :mod:`.mapping` (a service's fields as the kiosk's
columns, with :mod:`.vocabulary`), :mod:`.plan` (what the import will write, made as the file is
read), :mod:`.importing` (the one transaction) and :mod:`.export`.
"""

from __future__ import annotations

from kiosk.data.hsds.base import (
    API_INFO,
    BENEFIT_TAXONOMY,
    DATAPACKAGE,
    LEVEL_TAXONOMY,
    MAX_PROBLEMS,
    NAMESPACE,
    NEED_TAXONOMY,
    HsdsError,
    HsdsReport,
    Skipped,
    dumps,
    stable_id,
)
from kiosk.data.hsds.export import (
    check_services,
    export_lone_organizations,
    export_path,
    export_services,
    is_package_path,
    organization_to_hsds,
    service_page,
    service_to_hsds,
)
from kiosk.data.hsds.importing import import_document, import_path
from kiosk.data.hsds.mapping import table_name
from kiosk.data.hsds.plan import Document
from kiosk.data.hsds.reading import read_json, read_path
from kiosk.data.hsds.schema import SCHEMA_BASE, SHIPPED_SCHEMA, Schemas
from kiosk.data.hsds.tabular import datapackage, flatten, row_from_csv, tabular_files
from kiosk.data.hsds.vocabulary import (
    DOCUMENT_NAMES,
    FALLBACK_NEED,
    LEVEL_NAMES,
    NEED_NAMES,
    codes_mentioned,
    document_code,
    document_name,
    guess_level,
    guess_need,
)

__all__ = [
    "API_INFO",
    "BENEFIT_TAXONOMY",
    "DATAPACKAGE",
    "DOCUMENT_NAMES",
    "FALLBACK_NEED",
    "LEVEL_NAMES",
    "LEVEL_TAXONOMY",
    "MAX_PROBLEMS",
    "NAMESPACE",
    "NEED_NAMES",
    "NEED_TAXONOMY",
    "SCHEMA_BASE",
    "SHIPPED_SCHEMA",
    "Document",
    "HsdsError",
    "HsdsReport",
    "Schemas",
    "Skipped",
    "check_services",
    "codes_mentioned",
    "datapackage",
    "document_code",
    "document_name",
    "dumps",
    "export_lone_organizations",
    "export_path",
    "export_services",
    "flatten",
    "guess_level",
    "guess_need",
    "import_document",
    "import_path",
    "is_package_path",
    "organization_to_hsds",
    "read_json",
    "read_path",
    "row_from_csv",
    "service_page",
    "service_to_hsds",
    "stable_id",
    "table_name",
    "tabular_files",
]
