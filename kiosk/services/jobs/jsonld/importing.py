"""Postings in: drafts checked, matched to the postings already kept, written in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.data.models import JobCategory, JobGap, JobPosting, PostingStatus
from kiosk.i18n import _, centre_today
from kiosk.services import SessionFactory
from kiosk.services.jobs.checks import check_draft
from kiosk.services.jobs.common import JobValidationError
from kiosk.services.jobs.jsonld.common import (
    BATCH,
    DEFAULT_DAYS,
    ImportReport,
    JobImportError,
    SkippedEntry,
    log,
)
from kiosk.services.jobs.jsonld.reading import (
    Reader,
    auto_identifier,
    entries_of,
    is_job_posting,
    own_number,
    read_document,
    read_entry,
    types_of,
    unescape,
)

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
    entries, nodes = entries_of(parsed)
    reader = Reader(nodes)
    day = today()
    skipped: list[SkippedEntry] = []
    ready: dict[str, _Ready] = {}
    for index, entry in enumerate(entries, start=1):
        found = _prepare(reader, index, entry, ready, today=day, default_days=default_days)
        if isinstance(found, SkippedEntry):
            skipped.append(found)

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


def _prepare(
    reader: Reader,
    index: int,
    entry: Any,
    ready: dict[str, _Ready],
    *,
    today: date,
    default_days: int,
) -> SkippedEntry | None:
    """Check one entry of the file and add it to ``ready``; or why it is skipped (None for a
    node that is no posting but one the postings point to)."""
    if not is_job_posting(entry):
        if types_of(entry):
            return None  # another kind of node (an Organization, a Place...) the postings use
        title = reader.text(entry.get("title")) if isinstance(entry, dict) else ""
        return SkippedEntry(index, title, _("This entry is not a job posting."))
    read = read_entry(reader, entry, today=today, default_days=default_days)
    if isinstance(read, str):
        return SkippedEntry(index, unescape(reader.text(entry.get("title")))[:200], read)
    try:
        values = check_draft(read.draft, today=today, complete=False)
    except JobValidationError as exc:
        return SkippedEntry(index, str(read.draft.title), " ".join(exc.problems))
    status = values.pop("status")
    identifier = values["external_id"] or auto_identifier(values)
    values["external_id"] = identifier
    values["identifier"] = read.identifier
    if identifier in ready:
        return SkippedEntry(
            index, values["title"], _("An earlier entry in the file has the same identifier.")
        )
    ready[identifier] = _Ready(values, status, read.gaps)
    return None


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
        if identifier not in matched and (number := own_number(identifier)) is not None
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
