"""What reading and writing JSON-LD share: the vocabulary's words and the import's report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kiosk.data.models import EmploymentType, PayUnit
from kiosk.logs import area_logger

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

UNIT_OUT = {
    PayUnit.HOUR: "HOUR",
    PayUnit.DAY: "DAY",
    PayUnit.WEEK: "WEEK",
    PayUnit.MONTH: "MONTH",
}
# unitText as feeds write it (schema.org's, and the Spanish some Mexican boards use).
UNIT_IN = {
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
YEAR_UNITS = {"YEAR", "AÑO", "ANO"}
TYPE_OUT = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.PER_DAY: "PER_DIEM",
    EmploymentType.OTHER: "OTHER",
}
TYPE_IN = {text: kind for kind, text in TYPE_OUT.items()}
JOB_TYPES = {"JobPosting", "schema:JobPosting", "http://schema.org/JobPosting"}
JOB_TYPES |= {"https://schema.org/JobPosting"}
LIST_TYPES = {"ItemList", "schema:ItemList", "http://schema.org/ItemList"}
LIST_TYPES |= {"https://schema.org/ItemList"}
LIST_ITEM_TYPES = {"ListItem", "schema:ListItem", "http://schema.org/ListItem"}
LIST_ITEM_TYPES |= {"https://schema.org/ListItem"}


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
