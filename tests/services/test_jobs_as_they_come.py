"""JobPosting files shaped as real feeds publish them (tests/services/jobposting/): every posting
with a title and an employer comes in, keeps what it gives, is marked for what it lacks, and
goes back out as valid JobPosting with its identifier as it came. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.data.models import (
    EmploymentType,
    JobCategory,
    JobGap,
    JobPosting,
    PayUnit,
    PostingStatus,
)
from kiosk.i18n import _
from kiosk.services.jobs import JobDraft, JobNotFound, JobService
from kiosk.services.jobs_jsonld import (
    ImportReport,
    JobImportError,
    SkippedEntry,
    dumps,
    export_jobs,
    import_jobs,
)
from tests.concurrency import race

FILES = Path(__file__).parent / "jobposting"
TODAY = date(2026, 12, 1)


def _today() -> date:
    return TODAY


def _file(name: str) -> bytes:
    return (FILES / name).read_bytes()


def _import(factory, data, **kwargs: Any) -> ImportReport:  # type: ignore[no-untyped-def]
    return import_jobs(factory, data, today=_today, **kwargs)


def _jobs(factory) -> dict[str, JobPosting]:  # type: ignore[no-untyped-def]
    with factory() as s:
        return {job.title: job for job in s.scalars(select(JobPosting).order_by(JobPosting.id))}


def _rows(factory) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Every stored column but the timestamps, posting by posting."""
    columns = [c.key for c in JobPosting.__table__.columns if c.key not in ("updated_at",)]
    with factory() as s:
        return [
            {c: getattr(job, c) for c in columns}
            for job in s.scalars(select(JobPosting).order_by(JobPosting.id))
        ]


# --- what comes in ----------------------------------------------------------------------------


def test_a_google_style_posting_with_a_range_and_no_phone(session_factory) -> None:  # type: ignore[no-untyped-def]
    report = _import(session_factory, _file("google_range_no_phone.json"))
    assert report == ImportReport(added=1, updated=0, skipped=(), to_complete=1)
    job = _jobs(session_factory)["Ayudante de cocina"]
    assert job.employer == "Restaurante La Casona"
    assert job.category == JobCategory.KITCHEN
    assert (job.pay_amount, job.pay_max, job.pay_unit) == (
        Decimal("300"),
        Decimal("350"),
        PayUnit.DAY,
    )
    assert (job.contact_phone, job.contact_other) == ("", "")
    assert job.missing == [JobGap.CONTACT.value] and job.to_complete
    # 23:59 on the 31st in Chihuahua's own offset is still the 31st there.
    assert (job.date_posted, job.valid_through) == (date(2026, 11, 20), date(2026, 12, 31))
    assert job.employment_type == EmploymentType.FULL_TIME
    assert (job.locality, job.address) == ("Chihuahua", "Av. Tecnológico 4512")
    assert job.identifier == {
        "@type": "PropertyValue",
        "name": "Restaurante La Casona",
        "value": "LC-2026-118",
    }
    assert job.external_id == "LC-2026-118"


def test_html_in_descriptions_becomes_plain_text(session_factory) -> None:  # type: ignore[no-untyped-def]
    _import(session_factory, _file("google_range_no_phone.json"))
    _import(session_factory, _file("itemlist.json"))
    jobs = _jobs(session_factory)
    assert jobs["Ayudante de cocina"].description == (
        "Restaurante familiar busca ayudante de cocina para el turno matutino.\n"
        "Ofrecemos:\n"
        "• Comida incluida\n"
        "• Uniforme & capacitación\n"
        "Horario de 7:00 a 15:00, de lunes a sábado."
    )
    assert jobs["Auxiliar de limpieza"].description == (
        "Funciones\n• Limpieza de oficinas\n• Manejo de químicos <básicos>\nSin experiencia."
    )
    for job in jobs.values():
        assert "<" not in job.description.replace("<básicos>", "")
        assert "&amp;" not in job.description and "track()" not in job.description


def test_a_graph_of_several_postings(session_factory) -> None:  # type: ignore[no-untyped-def]
    report = _import(session_factory, _file("graph_of_three.jsonld"))
    assert report == ImportReport(added=3, updated=0, skipped=(), to_complete=1)
    jobs = _jobs(session_factory)
    assert list(jobs) == ["Costurera", "Empleada doméstica", "Cajera"]

    sewing = jobs["Costurera"]
    assert sewing.category == JobCategory.SEWING  # from its ISCO-08 code
    assert sewing.employer == "Maquiladora del Valle"  # through the @id
    assert sewing.contact_phone == "6145550142"  # the employer's phone
    assert (sewing.pay_amount, sewing.pay_max, sewing.pay_unit) == (
        Decimal("2200"),
        None,
        PayUnit.WEEK,
    )
    assert sewing.date_posted == date(2026, 11, 25)
    assert sewing.schedule == "Lunes a viernes de 7:00 a 16:30"
    assert sewing.missing == []

    home = jobs["Empleada doméstica"]
    assert home.category == JobCategory.CLEANING
    assert home.contact_phone == "6145550177"
    assert (home.pay_amount, home.pay_unit) == (Decimal("450"), PayUnit.DAY)
    assert home.missing == [] and not home.to_complete

    till = jobs["Cajera"]
    assert till.category == JobCategory.SALES
    assert (till.contact_phone, till.contact_other) == ("", "vacantes@example.com")
    assert till.missing == ["contact"]
    assert till.identifier == "TIENDAS-LUPITA-0031"


@pytest.mark.parametrize("days", [30, 45])
def test_a_plain_number_salary_without_unit_or_closing_date(session_factory, days: int) -> None:  # type: ignore[no-untyped-def]
    report = _import(session_factory, _file("plain_salary_no_unit.json"), default_days=days)
    assert report == ImportReport(added=1, updated=0, skipped=(), to_complete=1)
    job = _jobs(session_factory)["Vendedora de mostrador"]
    assert (job.pay_amount, job.pay_max, job.pay_unit) == (Decimal("1800"), None, None)
    assert job.valid_through == date(2026, 11, 10) + timedelta(days=days)
    assert sorted(job.missing) == ["last_day", "locality", "pay_unit"]
    assert job.employer == "Papelería El Estudiante"
    assert job.contact_phone == "6144102233"
    assert job.category == JobCategory.SALES
    assert job.address == "Calle Victoria 12, Chihuahua"
    assert job.identifier == "SNE-2026-0042"


def test_no_posting_date_either_counts_from_today(session_factory) -> None:  # type: ignore[no-untyped-def]
    node = json.loads(_file("plain_salary_no_unit.json"))
    del node["datePosted"]
    _import(session_factory, node, default_days=30)
    job = _jobs(session_factory)["Vendedora de mostrador"]
    assert (job.date_posted, job.valid_through) == (TODAY, TODAY + timedelta(days=30))


def test_an_item_list_and_a_posting_with_no_employer(session_factory) -> None:  # type: ignore[no-untyped-def]
    report = _import(session_factory, _file("itemlist.json"))
    assert (report.added, report.updated, report.to_complete) == (3, 0, 1)
    assert report.skipped == (
        SkippedEntry(
            3,
            "Jornalera para pizca de nuez",
            _("It has no employer (hiringOrganization name)."),
        ),
    )
    jobs = _jobs(session_factory)
    assert list(jobs) == [
        "Auxiliar de limpieza",
        "Cuidadora de adulto mayor",
        "Operadora de producción",
    ]
    cleaning = jobs["Auxiliar de limpieza"]
    # 03:00 UTC on January 1st is still December 31st in Chihuahua.
    assert cleaning.valid_through == date(2026, 12, 31)
    assert cleaning.no_experience_needed
    assert (cleaning.contact_phone, cleaning.contact_other) == ("", "https://www.example.com/sia")
    assert cleaning.missing == ["contact"]
    assert jobs["Cuidadora de adulto mayor"].category == JobCategory.CARE
    assert jobs["Cuidadora de adulto mayor"].contact_phone == "6145550190"
    assert jobs["Operadora de producción"].category == JobCategory.FACTORY


# --- back out, and in again -------------------------------------------------------------------


def _load_every_file(factory) -> None:  # type: ignore[no-untyped-def]
    for name in sorted(p.name for p in FILES.iterdir()):
        _import(factory, _file(name))


def _valid_job_posting(node: dict[str, Any]) -> None:
    """What schema.org and Google's job search require of a JobPosting node."""
    assert node["@type"] == "JobPosting"
    assert node["title"] and isinstance(node["description"], str)
    date.fromisoformat(node["datePosted"])
    date.fromisoformat(node["validThrough"])
    assert node["hiringOrganization"]["@type"] == "Organization"
    assert node["hiringOrganization"]["name"]
    assert node["jobLocation"]["@type"] == "Place"
    assert node["jobLocation"]["address"]["@type"] == "PostalAddress"
    assert node["employmentType"] in {"FULL_TIME", "PART_TIME", "TEMPORARY", "PER_DIEM", "OTHER"}
    if "baseSalary" in node:
        salary = node["baseSalary"]
        assert (salary["@type"], salary["currency"]) == ("MonetaryAmount", "MXN")
        value = salary["value"]
        assert value["@type"] == "QuantitativeValue"
        assert ("value" in value) != ("minValue" in value and "maxValue" in value)
        if "minValue" in value:
            assert value["minValue"] < value["maxValue"]
        assert value.get("unitText", "HOUR") in {"HOUR", "DAY", "WEEK", "MONTH"}
    if "applicationContact" in node:
        contact = node["applicationContact"]
        assert contact["@type"] == "ContactPoint"
        assert {"telephone", "email", "url"} & set(contact)


def test_export_writes_valid_job_postings_with_the_identifier_kept(session_factory) -> None:  # type: ignore[no-untyped-def]
    _load_every_file(session_factory)
    document = json.loads(dumps(export_jobs(session_factory)))
    assert document["@context"] == "https://schema.org"
    by_title = {node["title"]: node for node in document["@graph"]}
    for node in by_title.values():
        _valid_job_posting(node)

    kitchen = by_title["Ayudante de cocina"]
    assert kitchen["identifier"] == json.loads(_file("google_range_no_phone.json"))["identifier"]
    assert kitchen["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "minValue": 300,
        "maxValue": 350,
        "unitText": "DAY",
    }
    assert "applicationContact" not in kitchen
    assert kitchen["ceneso:missing"] == ["contact"]

    counter = by_title["Vendedora de mostrador"]
    assert counter["identifier"] == "SNE-2026-0042"
    assert counter["baseSalary"]["value"] == {"@type": "QuantitativeValue", "value": 1800}
    assert by_title["Cajera"]["identifier"] == "TIENDAS-LUPITA-0031"
    assert by_title["Cajera"]["applicationContact"] == {
        "@type": "ContactPoint",
        "email": "vacantes@example.com",
    }
    graph = json.loads(_file("graph_of_three.jsonld"))["@graph"]
    assert by_title["Costurera"]["identifier"] == graph[1]["identifier"]


def test_export_then_import_again_changes_nothing(session_factory) -> None:  # type: ignore[no-untyped-def]
    _load_every_file(session_factory)
    before = _rows(session_factory)
    exported = dumps(export_jobs(session_factory))
    report = _import(session_factory, exported)
    assert (report.added, report.updated, report.skipped) == (0, len(before), ())
    assert _rows(session_factory) == before
    assert dumps(export_jobs(session_factory)) == exported


def test_reimporting_a_file_updates_by_identifier(session_factory) -> None:  # type: ignore[no-untyped-def]
    _import(session_factory, _file("graph_of_three.jsonld"))
    first = _rows(session_factory)
    document = json.loads(_file("graph_of_three.jsonld"))
    document["@graph"][1]["title"] = "Costurera de overlock"
    report = _import(session_factory, document)
    assert (report.added, report.updated) == (0, 3)
    after = _rows(session_factory)
    assert [row["id"] for row in after] == [row["id"] for row in first]
    assert after[0]["title"] == "Costurera de overlock"


def test_completing_at_the_desk_clears_the_mark_and_a_reimport_keeps_it(session_factory) -> None:  # type: ignore[no-untyped-def]
    _import(session_factory, _file("google_range_no_phone.json"))
    service = JobService(session_factory, today=_today)
    page = service.to_complete_list()
    assert (page.total, service.to_complete_count()) == (1, 1)
    job = page.cards[0]
    assert job.missing == (JobGap.CONTACT,)

    service.save(
        JobDraft(
            title=job.title,
            category=job.category,
            employer=job.employer,
            pay_amount=job.pay_amount,
            pay_max=job.pay_max,
            pay_unit=job.pay_unit,
            locality=job.locality,
            contact_phone="614 555 0160",
            valid_through=job.valid_through,
            date_posted=job.date_posted,
        ),
        job.id,
    )
    assert service.to_complete_count() == 0
    done = service.staff_get(job.id)
    assert (done.missing, done.to_complete, done.pay_max) == ((), False, Decimal("350"))

    # The feed still has no phone next week: the phone staff wrote stays, and so does the rest.
    _import(session_factory, _file("google_range_no_phone.json"))
    again = service.staff_get(job.id)
    assert (again.contact_phone, again.to_complete) == ("6145550160", False)
    assert again.identifier == done.identifier


def test_incomplete_postings_are_shown_to_members_only_if_the_centre_says_so(
    session_factory,  # type: ignore[no-untyped-def]
) -> None:
    _import(session_factory, _file("graph_of_three.jsonld"))  # the Cajera lacks a phone
    shown = JobService(session_factory, today=_today, show_incomplete=True)
    hidden = JobService(session_factory, today=_today, show_incomplete=False)
    till = _jobs(session_factory)["Cajera"]
    assert shown.category_counts()[JobCategory.SALES] == 1
    assert [c.title for c in shown.list_jobs(JobCategory.SALES).cards] == ["Cajera"]
    assert shown.get(till.id).to_complete
    assert hidden.category_counts()[JobCategory.SALES] == 0
    assert hidden.list_jobs(JobCategory.SALES).cards == ()
    with pytest.raises(JobNotFound):
        hidden.get(till.id)
    # Other complete postings are shown either way.
    assert hidden.category_counts()[JobCategory.SEWING] == 1


def test_closed_postings_leave_the_list_to_complete(session_factory) -> None:  # type: ignore[no-untyped-def]
    _import(session_factory, _file("itemlist.json"))
    service = JobService(session_factory, today=_today)
    (job,) = service.to_complete_list().cards
    service.close(job.id)
    assert service.to_complete_count() == 0
    assert service.staff_get(job.id).status == PostingStatus.CLOSED


# --- at the same moment -----------------------------------------------------------------------


def test_an_import_and_a_desk_completing_at_once_keep_what_staff_wrote(racing_factory) -> None:  # type: ignore[no-untyped-def]
    """The weekly feed comes in while staff complete a posting from it, 10 times over: the
    phone staff typed is always kept and the posting is always complete."""
    factory = racing_factory
    service = JobService(factory, today=_today)
    for round_ in range(10):
        node = json.loads(_file("google_range_no_phone.json"))
        node["identifier"]["value"] = f"LC-{round_}"
        _import(factory, node)
        job = next(
            j
            for j in service.to_complete_list(per_page=100).cards
            if j.title == node["title"] and j.external_id == f"LC-{round_}"
        )
        draft = JobDraft(
            title=job.title,
            category=job.category,
            employer=job.employer,
            pay_amount=job.pay_amount,
            pay_max=job.pay_max,
            pay_unit=job.pay_unit,
            locality=job.locality,
            contact_phone="6145550160",
            valid_through=job.valid_through,
            date_posted=job.date_posted,
        )
        results = race(
            2,
            lambda i, d=draft, n=node, j=job.id: (
                _import(factory, n) if i == 0 else service.save(d, j)
            ),
        )
        assert results[0].updated == 1
        final = service.staff_get(job.id)
        assert (final.contact_phone, final.to_complete, final.missing) == ("6145550160", False, ())


def test_the_same_new_file_imported_at_two_desks_at_once(racing_factory) -> None:  # type: ignore[no-untyped-def]
    """Two desks import the same new file at the same moment: each posting is stored once; a
    desk that lost the race is told in one sentence to import again, and then updates."""
    factory = racing_factory
    data = _file("graph_of_three.jsonld")
    results = race(2, lambda _i: _import(factory, data), JobImportError)
    reports = [r for r in results if isinstance(r, ImportReport)]
    assert reports and sum(r.added for r in reports) == 3
    for refused in results:
        if isinstance(refused, JobImportError):
            assert str(refused).endswith(".") and "\n" not in str(refused)
    assert len(_jobs(factory)) == 3
    assert _import(factory, data).updated == 3
