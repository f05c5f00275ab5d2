"""schema.org JobPosting JSON-LD: the demo data round-trips, re-imports update instead of adding
copies, bad entries are skipped with a reason, bad files change nothing, foreign postings are read
the ways schema.org allows. Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from kiosk.data.db import make_engine, make_session_factory, migrate
from kiosk.data.demo import load_demo
from kiosk.data.models import (
    EmploymentType,
    JobCategory,
    JobInterest,
    JobPosting,
    PayUnit,
    PostingStatus,
)
from kiosk.data.sqlite_files import engine_url
from kiosk.i18n import _
from kiosk.services.jobs import JobDraft, JobService
from kiosk.services.jobs_jsonld import (
    ImportReport,
    JobImportError,
    SkippedEntry,
    dumps,
    export_jobs,
    import_jobs,
)

TODAY = date(2026, 3, 9)

MAPPED = (
    "title",
    "category",
    "employer",
    "description",
    "how_to_apply",
    "what_to_bring",
    "pay_amount",
    "pay_unit",
    "employment_type",
    "schedule",
    "fits_school_hours",
    "no_experience_needed",
    "starts_now",
    "locality",
    "address",
    "contact_phone",
    "openings",
    "date_posted",
    "valid_through",
    "status",
)


def _today() -> date:
    return TODAY


def _import(factory, document) -> ImportReport:  # type: ignore[no-untyped-def]
    return import_jobs(factory, document, today=_today)


@pytest.fixture
def fresh_factory(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> Iterator[Any]:
    """A second, empty database on the same engine kind as ``session_factory``."""
    created = None
    if db_url.startswith("sqlite"):
        url = engine_url(tmp_path / "fresh.sqlite3")
    else:
        import psycopg

        server = request.getfixturevalue("pg_server")
        created = f"kiosk_fresh_{os.getpid()}_{id(tmp_path)}"
        admin = server.format(db="postgres").replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{created}"')
        url = server.format(db=created)
    engine = make_engine(url)
    migrate(engine)
    yield make_session_factory(engine)
    engine.dispose()
    if created:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')


def _mapped(job: JobPosting) -> tuple:
    return tuple(getattr(job, name) for name in MAPPED)


def _postings(factory) -> list[JobPosting]:  # type: ignore[no-untyped-def]
    with factory() as s:
        return list(s.scalars(select(JobPosting).order_by(JobPosting.id)))


def _snapshot(factory) -> tuple[int, int, str]:  # type: ignore[no-untyped-def]
    """Row counts and a hash of every stored column of every posting."""
    digest = hashlib.sha256()
    columns = [c.key for c in JobPosting.__table__.columns]
    with factory() as s:
        for job in s.scalars(select(JobPosting).order_by(JobPosting.id)):
            digest.update(repr([getattr(job, c) for c in columns]).encode())
        interests = s.scalar(select(func.count()).select_from(JobInterest))
        postings = s.scalar(select(func.count()).select_from(JobPosting))
    return postings, interests, digest.hexdigest()


def _posting(**changes: Any) -> dict[str, Any]:
    """A foreign JobPosting the way an employment service might publish it."""
    node: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": "SNE", "value": "SNE-100"},
        "title": "Auxiliar de limpieza",
        "description": "Limpieza de oficinas.",
        "datePosted": "2026-03-01",
        "validThrough": "2026-04-15",
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": "Limpiezas del Norte"},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Calle 5 100",
                "addressLocality": "Chihuahua",
                "addressRegion": "CHH",
                "addressCountry": "MX",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "MXN",
            "value": {"@type": "QuantitativeValue", "value": 2100, "unitText": "WEEK"},
        },
        "applicationContact": {"@type": "ContactPoint", "telephone": "+52 614 555 0101"},
    }
    node.update(changes)
    return node


# --- round trip -------------------------------------------------------------------------------


def test_demo_data_round_trips(session_factory, fresh_factory) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory, today=TODAY)
    # A cent amount, accents and an external id, which the demo does not have.
    JobService(session_factory, today=_today).save(
        JobDraft(
            title="Niñera por horas",
            category=JobCategory.CARE,
            employer="Guardería Pequeñín",
            pay_amount=Decimal("62.50"),
            pay_unit=PayUnit.HOUR,
            locality="Cuauhtémoc",
            contact_phone="6145550199",
            valid_through=TODAY + timedelta(days=9),
            what_to_bring=("acta de nacimiento", "fotografía"),
            how_to_apply="Pregunta por Doña Águeda.\nLleva tus papeles.",
            fits_school_hours=True,
            external_id="SNE-77",
        )
    )
    source = _postings(session_factory)
    assert {job.status for job in source} == {PostingStatus.OPEN, PostingStatus.CLOSED}
    assert {job.openings == 0 for job in source} == {True, False}

    document = export_jobs(session_factory, include_closed=True)
    assert len(document["@graph"]) == len(source)
    report = _import(fresh_factory, dumps(document))
    assert report == ImportReport(added=len(source), updated=0, skipped=())

    copied = {job.external_id: job for job in _postings(fresh_factory)}
    assert len(copied) == len(source)
    for job in source:
        twin = copied[job.external_id or f"ceneso:{job.id}"]
        assert _mapped(twin) == _mapped(job), job.title
    # And out again: the same document.
    assert export_jobs(fresh_factory, include_closed=True) == document


def test_reimporting_updates_instead_of_adding(session_factory, fresh_factory) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory, today=TODAY)
    document = export_jobs(session_factory, include_closed=True)
    count = len(document["@graph"])
    assert _import(fresh_factory, document).added == count

    document["@graph"][0]["title"] = "Ayudante de cocina, turno de mañana"
    document["@graph"][0]["totalJobOpenings"] = 0
    report = _import(fresh_factory, json.dumps(document))
    assert (report.added, report.updated, report.skipped) == (0, count, ())
    jobs = _postings(fresh_factory)
    assert len(jobs) == count
    first = next(
        job for job in jobs if job.external_id == document["@graph"][0]["identifier"]["value"]
    )
    assert first.title == "Ayudante de cocina, turno de mañana" and first.openings == 0


def test_a_kiosks_export_imported_back_updates_its_own_postings(session_factory) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory, today=TODAY)
    before = _postings(session_factory)
    document = export_jobs(session_factory, include_closed=True)
    document["@graph"][1]["workHours"] = "Lunes a viernes 6:00 a 13:00"
    report = _import(session_factory, document)
    assert (report.added, report.updated) == (0, len(before))
    after = _postings(session_factory)
    assert [job.id for job in after] == [job.id for job in before]
    assert all(job.external_id is None for job in after)
    assert after[1].schedule == "Lunes a viernes 6:00 a 13:00"


# --- shapes -----------------------------------------------------------------------------------


def test_export_document_shape(session_factory) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory, today=TODAY)
    document = export_jobs(session_factory)
    assert document["@context"] == "https://schema.org"
    graph = document["@graph"]
    by_title = {node["title"]: node for node in graph}
    assert "Auxiliar de estancia infantil" not in by_title  # closed: left out by default
    assert "Mesera de fin de semana" in by_title  # expired: its validThrough says so
    everything = export_jobs(session_factory, include_closed=True)["@graph"]
    assert len(everything) == len(graph) + 1

    node = by_title["Ayudante de cocina"]
    assert node["@type"] == "JobPosting"
    assert node["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Lonchería La Güera (ejemplo)",
    }
    address = node["jobLocation"]["address"]
    assert node["jobLocation"]["@type"] == "Place"
    assert address["@type"] == "PostalAddress"
    assert address["addressLocality"] == "Santa Eulalia"
    assert (address["addressRegion"], address["addressCountry"]) == ("Chihuahua", "MX")
    assert node["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "MXN",
        "value": {"@type": "QuantitativeValue", "value": 350, "unitText": "DAY"},
    }
    assert node["employmentType"] == "PER_DIEM"
    assert node["occupationalCategory"] == "cocina"
    assert node["identifier"]["@type"] == "PropertyValue"
    assert node["identifier"]["value"].startswith("ceneso:")
    assert node["applicationContact"]["@type"] == "ContactPoint"
    assert node["applicationContact"]["telephone"].startswith("+52614555")
    assert node["jobImmediateStart"] is True and node["ceneso:startsNow"] is True
    assert node["experienceRequirements"]["monthsOfExperience"] == 0
    assert node["ceneso:whatToBring"] == ["ine", "curp"]
    date.fromisoformat(node["datePosted"])
    date.fromisoformat(node["validThrough"])
    assert {n["employmentType"] for n in everything} == {
        "FULL_TIME",
        "PART_TIME",
        "TEMPORARY",
        "PER_DIEM",
        "OTHER",
    }
    assert {n["baseSalary"]["value"]["unitText"] for n in everything} == {
        "HOUR",
        "DAY",
        "WEEK",
        "MONTH",
    }
    assert isinstance(node["totalJobOpenings"], int)
    json.dumps(document)  # plain JSON types only


@pytest.mark.parametrize("form", ["object", "array", "graph"])
def test_one_object_an_array_or_a_graph(session_factory, form: str) -> None:  # type: ignore[no-untyped-def]
    first = _posting()
    second = _posting(identifier={"@type": "PropertyValue", "value": "SNE-101"}, title="Vendedora")
    document: Any = {
        "object": first,
        "array": [first, second],
        "graph": {"@context": "https://schema.org", "@graph": [first, second]},
    }[form]
    report = _import(session_factory, json.dumps(document).encode())
    expected = 1 if form == "object" else 2
    assert report == ImportReport(added=expected, updated=0, skipped=())
    jobs = _postings(session_factory)
    assert [job.external_id for job in jobs] == ["SNE-100", "SNE-101"][:expected]
    assert jobs[0].title == "Auxiliar de limpieza"


def test_foreign_posting_is_read_the_ways_schema_org_allows(session_factory) -> None:  # type: ignore[no-untyped-def]
    document = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Organization",
                "@id": "#empresa",
                "name": "Limpiezas del Norte",
                "telephone": "614 555 0102",
            },
            _posting(
                description=(
                    "<p>Limpieza de <b>oficinas</b> &amp; bodegas.</p><ul><li>Uniforme</li></ul>"
                ),
                datePosted="2026-03-01T09:30:00-06:00",
                validThrough="2026-04-01T03:00:00Z",  # still March 31st in Chihuahua
                employmentType=["CONTRACTOR", "PART_TIME"],
                hiringOrganization={"@id": "#empresa"},
                applicationContact=None,
                baseSalary={
                    "@type": "MonetaryAmount",
                    "currency": "MXN",
                    "value": {
                        "@type": "QuantitativeValue",
                        "minValue": 2100.5,
                        "maxValue": 2500,
                        "unitText": "week",
                    },
                },
                jobImmediateStart=True,
                experienceRequirements={
                    "@type": "OccupationalExperienceRequirements",
                    "monthsOfExperience": 0,
                },
                totalJobOpenings=3,
                industry="Limpieza",
            ),
        ],
    }
    report = _import(session_factory, document)
    assert report == ImportReport(added=1, updated=0, skipped=())  # the Organization is no entry
    (job,) = _postings(session_factory)
    assert job.description == "Limpieza de oficinas & bodegas.\n• Uniforme"
    assert (job.date_posted, job.valid_through) == (date(2026, 3, 1), date(2026, 3, 31))
    assert job.employment_type is EmploymentType.PART_TIME
    assert job.employer == "Limpiezas del Norte"
    assert job.contact_phone == "6145550102"
    assert (job.pay_amount, job.pay_max, job.pay_unit) == (
        Decimal("2100.50"),
        Decimal("2500"),
        PayUnit.WEEK,
    )
    assert job.starts_now and job.no_experience_needed and not job.fits_school_hours
    assert (job.openings, job.category, job.status) == (3, JobCategory.CLEANING, "open")
    assert (job.locality, job.address) == ("Chihuahua", "Calle 5 100")
    assert job.is_example is False


def test_unknown_category_becomes_otros_and_missing_identifier_still_matches(
    session_factory,  # type: ignore[no-untyped-def]
) -> None:
    node = _posting(occupationalCategory={"@type": "CategoryCode", "codeValue": "35-2014.00"})
    del node["identifier"]
    plain = _posting(title="Chofer repartidor")
    del plain["identifier"]
    assert _import(session_factory, [node, plain]).added == 2
    jobs = _postings(session_factory)
    assert [job.category for job in jobs] == [JobCategory.KITCHEN, JobCategory.OTHER]
    assert [job.missing for job in jobs] == [[], ["category"]]
    assert all(job.external_id.startswith("auto:") for job in jobs)
    assert _import(session_factory, [node, plain]) == ImportReport(0, 2, (), to_complete=1)
    assert len(_postings(session_factory)) == 2


# --- bad entries and bad files ----------------------------------------------------------------


def test_a_bad_entry_is_skipped_with_its_reason_and_the_rest_imported(session_factory) -> None:  # type: ignore[no-untyped-def]
    bad = _posting(
        identifier="SNE-2", title="Sin patrón", hiringOrganization={"@type": "Organization"}
    )
    entries = [_posting(identifier="SNE-1"), bad, _posting(identifier="SNE-3", title="Cajera")]
    report = _import(session_factory, {"@context": "https://schema.org", "@graph": entries})
    assert (report.added, report.updated) == (2, 0)
    assert report.skipped == (
        SkippedEntry(2, "Sin patrón", _("It has no employer (hiringOrganization name).")),
    )
    assert [job.external_id for job in _postings(session_factory)] == ["SNE-1", "SNE-3"]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": ""}, "It has no title."),
        ({"title": " \n "}, "It has no title."),
        ({"hiringOrganization": "  "}, "It has no employer (hiringOrganization name)."),
        ({"title": None, "hiringOrganization": None}, "It has no title and no employer."),
    ],
)
def test_an_entry_without_title_or_employer_is_refused_with_its_reason(
    session_factory,  # type: ignore[no-untyped-def]
    changes: dict[str, Any],
    reason: str,
) -> None:
    good = _posting(identifier="SNE-9", title="Buena")
    report = _import(session_factory, [_posting(**changes), good])
    assert report.added == 1
    ((entry),) = report.skipped
    assert entry.index == 1
    assert entry.reason == _(reason)


@pytest.mark.parametrize(
    ("changes", "missing", "check"),
    [
        ({"baseSalary": None}, ["pay"], lambda j: (j.pay_amount, j.pay_unit) == (None, None)),
        (
            {"baseSalary": {"currency": "USD", "value": {"value": 20, "unitText": "HOUR"}}},
            ["pay"],
            lambda j: j.pay_amount is None,
        ),
        (
            {"baseSalary": {"currency": "MXN", "value": {"value": 90000, "unitText": "YEAR"}}},
            [],
            lambda j: (j.pay_amount, j.pay_unit) == (Decimal("7500"), PayUnit.MONTH),
        ),
        (
            {"baseSalary": {"@type": "MonetaryAmount", "value": -100}},
            ["pay"],
            lambda j: j.pay_amount is None,
        ),
        (
            {"validThrough": "2026-02-01"},  # before its posting day: already over
            [],
            lambda j: j.valid_through == j.date_posted == date(2026, 2, 1),
        ),
        (
            {"validThrough": "pronto"},
            ["last_day"],
            lambda j: j.valid_through == date(2026, 3, 31),
        ),
        (
            {"validThrough": None},
            ["last_day"],
            lambda j: j.valid_through == date(2026, 3, 31),
        ),
        (
            {"applicationContact": {"telephone": "555"}},
            ["contact"],
            lambda j: (j.contact_phone, j.contact_other) == ("", "555"),
        ),
        (
            {"jobLocation": {"@type": "Place", "address": "Calle 5"}},
            ["locality"],
            lambda j: (j.locality, j.address) == ("", "Calle 5"),
        ),
        ({"totalJobOpenings": 5000}, [], lambda j: j.openings == 999),
    ],
)
def test_an_entry_lacking_something_is_kept_and_marked(
    session_factory,  # type: ignore[no-untyped-def]
    changes: dict[str, Any],
    missing: list[str],
    check: Any,
) -> None:
    report = _import(session_factory, [_posting(**changes)])
    assert (report.added, report.skipped, report.to_complete) == (1, (), int(bool(missing)))
    (job,) = _postings(session_factory)
    assert job.missing == missing and job.to_complete is bool(missing)
    assert check(job)


def test_same_identifier_twice_in_a_file(session_factory) -> None:  # type: ignore[no-untyped-def]
    report = _import(session_factory, [_posting(), _posting(title="Repetida")])
    assert report.added == 1
    assert report.skipped == (
        SkippedEntry(2, "Repetida", _("An earlier entry in the file has the same identifier.")),
    )


def test_entries_that_are_not_postings_are_reported(session_factory) -> None:  # type: ignore[no-untyped-def]
    report = _import(session_factory, [_posting(), 42, {"title": "sin tipo"}])
    assert report.added == 1
    assert report.skipped == (
        SkippedEntry(2, "", _("This entry is not a job posting.")),
        SkippedEntry(3, "sin tipo", _("This entry is not a job posting.")),
    )


MALFORMED = {
    "not json": b"{ esto no es JSON",
    "not utf-8": b"\xff\xfe\x00\xd8 basura",
    "empty": b"",
    "null": b"null",
    "number": b"42",
    "text": b'"JobPosting"',
    "other object": b'{"name": "Limpiezas del Norte"}',
    "empty array": b"[]",
    "array of numbers": b"[1, 2]",
    "empty graph": b'{"@context": "https://schema.org", "@graph": []}',
    "no postings in graph": b'{"@graph": [{"@type": "Organization", "name": "x"}]}',
}


@pytest.mark.parametrize("name", [*MALFORMED, "cut in half"])
def test_a_malformed_file_changes_nothing(session_factory, name: str) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory, today=TODAY)
    exported = dumps(export_jobs(session_factory)).encode()
    data = exported[: len(exported) // 2] if name == "cut in half" else MALFORMED[name]
    before = _snapshot(session_factory)
    with pytest.raises(JobImportError) as refused:
        _import(session_factory, data)
    message = str(refused.value)
    assert "\n" not in message and message.endswith(".")
    assert _snapshot(session_factory) == before


def test_an_unexpected_failure_rolls_everything_back(session_factory) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory, today=TODAY)
    document = export_jobs(session_factory, include_closed=True)
    changed = copy.deepcopy(document)
    for node in changed["@graph"]:
        node["title"] += " (cambiada)"
    changed["@graph"].append(_posting())
    before = _snapshot(session_factory)

    def boom(session, _context) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("the disk is full")

    # After the rows went to the database, before the commit.
    event.listen(session_factory, "after_flush", boom)
    try:
        with pytest.raises(RuntimeError):
            _import(session_factory, changed)
    finally:
        event.remove(session_factory, "after_flush", boom)
    assert _snapshot(session_factory) == before
    assert _import(session_factory, changed).added == 1  # and it works once the disk is fine
