"""Open Referral HSDS 3.0 import and export with the standard's own examples and schema: both
forms (JSON and the tabular data package) come in with the mapped fields, a re-import updates,
a bad file changes nothing, exports validate against the schema, and data goes round the loop
without losing a mapped field. Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import codecs
import csv
import json
import tracemalloc
import uuid
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from bench.hsds import write_directory
from kiosk.data import hsds
from kiosk.data.db import make_engine, make_session_factory, migrate
from kiosk.data.demo import load_demo
from kiosk.data.hsds.base import kept_phone
from kiosk.data.hsds.tabular import typed_row
from kiosk.data.models import Organization, ProgramLevel, ProgramNeed, Service, ServiceStatus
from kiosk.data.sqlite_files import engine_url
from kiosk.i18n import _
from kiosk.text import one_line
from tests.conftest import hsds_example_names

COUNSELLING = "ac148810-d857-441c-9679-408f346de14b"
JSON_FORMS = [
    "service_full.json",
    "service_list.json",
    "organization_full.json",
    "service_at_location_full.json",
]
# What a round trip must keep: every column the import maps.
MAPPED = (
    "hsds_id",
    "name",
    "description",
    "benefit",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "application_process",
    "fees",
    "cost_amount",
    "cost_currency",
    "required_documents",
    "location_name",
    "address",
    "locality",
    "region",
    "postal_code",
    "country",
    "directions",
    "phone",
    "schedule",
    "opens_at",
    "closes_at",
    "level",
    "need",
    "status",
    "assured_date",
    "schedule_days",
    "more_schedules",
    "languages",
    "service_areas",
    "contacts",
)
ORG_MAPPED = ("hsds_id", "name", "description", "website", "email", "phone")


@pytest.fixture(scope="module")
def schemas() -> hsds.Schemas:
    """The schema shipped inside the package: what a fresh install checks files against."""
    return hsds.Schemas()


@pytest.fixture
def examples(hsds_data: Path) -> Path:
    return hsds_data / "examples"


def mapped(factory: Any) -> dict[str, dict[str, Any]]:
    """Every service's mapped fields (and its organization's), by HSDS id."""
    with factory() as s:
        services = s.scalars(select(Service).options(selectinload(Service.organization))).all()
        return {
            row.hsds_id: {
                **{key: getattr(row, key) for key in MAPPED},
                "organization": {key: getattr(row.organization, key) for key in ORG_MAPPED},
            }
            for row in services
        }


def same_export(first: Any, second: Any) -> None:
    """Both kiosks export the same HSDS, every id of every nested object included."""

    def exported(factory: Any) -> list[dict[str, Any]]:
        return sorted(
            (
                {k: v for k, v in svc.items() if k != "last_modified"}
                for svc in hsds.export_services(factory)
            ),
            key=lambda svc: svc["id"],
        )

    assert exported(first) == exported(second)


def count(factory: Any, model: Any = Service) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def other_factory(request: pytest.FixtureRequest, tmp_path: Path, db_url: str):  # type: ignore[no-untyped-def]
    """A second, empty kiosk database on the same engine (the other kiosk of a round trip)."""
    if db_url.startswith("sqlite"):
        engine = make_engine(engine_url(tmp_path / "other.sqlite3"))
        migrate(engine)
        yield make_session_factory(engine)
        engine.dispose()
        return
    import psycopg

    server = request.getfixturevalue("pg_server")
    name = f"kiosk_other_{abs(hash(str(tmp_path)))}"
    admin = server.format(db="postgres").replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(server.format(db=name))
    migrate(engine)
    yield make_session_factory(engine)
    engine.dispose()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the examples come in ---------------------------------------------------------------------


@pytest.mark.parametrize("form", JSON_FORMS)
def test_each_json_example_brings_the_service_with_its_mapped_fields(
    session_factory, schemas: hsds.Schemas, examples: Path, form: str
) -> None:  # type: ignore[no-untyped-def]
    report = hsds.import_path(session_factory, examples / form, schemas)
    assert (report.services_added, report.services_updated) == (1, 0)
    assert report.organizations_added == 1
    got = mapped(session_factory)[COUNSELLING]
    ids = hsds.export_services(session_factory)[0]
    assert got["name"] == "Community Counselling"
    assert got["eligibility"].startswith("This service is intended for all people aged 12")
    assert (got["minimum_age"], got["maximum_age"]) == (12, 100)
    assert got["fees"].startswith("Non-NHS patients are expected to pay")
    assert got["organization"]["name"] == "Example Organization Inc."
    assert got["organization"]["hsds_id"] == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    assert got["assured_date"] == date(2005, 1, 1)
    # Filed by its words: counselling is health; an "Inc." is not a government.
    assert (got["need"], got["level"]) == (ProgramNeed.HEALTH, ProgramLevel.CIVIL)
    if form == "service_list.json":
        return  # the list form carries the service's own fields only
    assert (got["cost_amount"], got["cost_currency"]) == (Decimal("35.00"), "GBP")
    assert got["required_documents"][0].startswith("Any official identification document")
    assert got["location_name"] == "MyCity Civic Center"
    assert got["address"] == "1-30 Main Street, MyVillage"
    assert (got["locality"], got["region"], got["postal_code"], got["country"]) == (
        "MyCity",
        "MyState",
        "ABC 1234",
        "US",
    )
    assert got["directions"].startswith("MyCity Civic Center is serviced by the number 1 Bus")
    assert got["phone"] == "+44 1234 234567"  # the stray quotes of the example are dropped
    assert got["schedule"].startswith("The service is available from 10 am to 6pm weekdays")
    assert (got["opens_at"], got["closes_at"]) == (time(10), time(18))
    assert got["status"] == ServiceStatus.ACTIVE
    # The nested objects keep their ids for the way out.
    location = ids["service_at_locations"][0]["location"]
    assert location["id"] == "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
    assert ids["schedules"][0]["id"] == "48102e86-bb50-41c4-8f1e-e269368c41d1"
    # Nothing of it is refused: what the kiosk shows is kept, the rest is counted.
    assert report.skipped == ()
    assert got["languages"] == [
        {
            "id": "2989d3ed-c547-48f8-8f9d-432d81c7892e",
            "name": "Urdu",
            "code": "ur",
            "note": "Translation services provided via bilingual staff when they are available",
        }
    ]
    assert [area["id"] for area in got["service_areas"]] == ["381c64f1-a724-4884-9c21-ac96c21cca3e"]
    assert got["service_areas"][0]["name"].startswith("The service is available to all")
    (contact,) = got["contacts"]
    assert (contact["name"], contact["title"], contact["email"]) == (
        "Ann Persona",
        "Reception Manager",
        "email@example.com",
    )
    assert contact["phones"] == [
        {
            "id": "1554f2e2-a373-45db-a3fa-9fc48a61c15e",
            "number": "+44 1234 234567",
            "extension": 100,
        }
    ]
    left_out = dict(report.left_out)
    assert {"funding", "metadata", "programs"} <= set(left_out)
    assert not {"contacts", "languages", "service_areas", "services", "schedules"} & set(left_out)


@pytest.mark.parametrize("where", ["csv", "csv/datapackage.json", "tabular.json"])
def test_the_tabular_example_brings_the_same_service(
    session_factory, other_factory, schemas: hsds.Schemas, examples: Path, where: str
) -> None:  # type: ignore[no-untyped-def]
    report = hsds.import_path(session_factory, examples / where, schemas)
    assert report.services_added == 1
    hsds.import_path(other_factory, examples / "service_full.json", schemas)
    tabular, nested = mapped(session_factory)[COUNSELLING], mapped(other_factory)[COUNSELLING]
    # The example's tables link the location to another organization's id; the rest agrees.
    assert tabular == nested
    same_export(session_factory, other_factory)
    assert report.skipped == ()
    assert tabular["contacts"] and tabular["languages"] and tabular["service_areas"]
    left_out = dict(report.left_out)
    assert {"funding", "metadata", "programs", "organization_identifiers"} <= set(left_out)
    assert not {"contacts", "languages", "service_areas", "phones"} & set(left_out)
    if where != "tabular.json":
        # The example's datapackage.json is a leftover link, not a descriptor: said, not fatal.
        assert hsds.DATAPACKAGE in {entry.what for entry in report.notes}


def test_importing_again_updates_and_never_duplicates(
    session_factory, schemas: hsds.Schemas, examples: Path
) -> None:  # type: ignore[no-untyped-def]
    first = hsds.import_path(session_factory, examples / "service_full.json", schemas)
    assert first.services_added == 1
    with session_factory.begin() as s:
        s.scalar(select(Service)).name = "Cambiado aquí"
    for form in [*JSON_FORMS, "csv", "tabular.json"]:
        again = hsds.import_path(session_factory, examples / form, schemas)
        assert (again.services_added, again.services_updated) == (0, 1), form
        assert again.organizations_added == 0, form
    assert count(session_factory) == 1
    assert count(session_factory, Organization) == 1
    assert mapped(session_factory)[COUNSELLING]["name"] == "Community Counselling"


# --- a bad file changes nothing ---------------------------------------------------------------


def _service(examples: Path) -> dict[str, Any]:
    return json.loads((examples / "service_full.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda svc: svc.update(status="open"),
        lambda svc: svc.update(minimum_age="doce"),
        lambda svc: svc["phones"][0].pop("number"),
        lambda svc: svc["service_at_locations"][0]["location"]["addresses"][0].pop("city"),
        lambda svc: svc.pop("id"),
    ],
    ids=["status", "age", "phone number", "address city", "id"],
)
def test_a_file_that_breaks_the_schema_changes_nothing(
    session_factory, schemas: hsds.Schemas, examples: Path, tmp_path: Path, spoil: Any
) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory)
    before = mapped(session_factory)
    good = _service(examples)
    bad = _service(examples)
    bad["id"] = "0f0e4d6c-0000-4000-8000-000000000001"
    spoil(bad)
    path = tmp_path / "lote.json"
    path.write_text(json.dumps({"contents": [good, bad]}), encoding="utf-8")
    with pytest.raises(hsds.HsdsError, match=r"HSDS 3\.0"):
        hsds.import_path(session_factory, path, schemas)
    assert mapped(session_factory) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{ no es JSON", "not valid JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b'{"contents": []}', "no HSDS services"),
        (b'[{"id": "x", "colour": "red"}]', r"HSDS 3\.0"),
        (b'[{"id": "x", "location_type": "orbital"}]', r"HSDS 3\.0"),
    ],
)
def test_files_that_are_not_hsds_are_refused(
    session_factory, schemas: hsds.Schemas, tmp_path: Path, content: bytes, message: str
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.i18n import setup

    setup("en")
    path = tmp_path / "roto.json"
    path.write_bytes(content)
    with pytest.raises(hsds.HsdsError, match=message):
        hsds.import_path(session_factory, path, schemas)
    assert count(session_factory) == 0
    setup("es_MX")


def test_a_package_with_a_bad_row_changes_nothing(
    session_factory, schemas: hsds.Schemas, examples: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "paquete"
    folder.mkdir()
    for source in (examples / "csv").glob("*.csv"):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with (folder / "schedules.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["interval"] = "cada semana"  # a number in the schema
    with (folder / "schedules.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(hsds.HsdsError, match=r"schedules\.csv:2"):
        hsds.import_path(session_factory, folder, schemas)
    assert count(session_factory) == 0
    (folder / "services.csv").unlink()
    with pytest.raises(hsds.HsdsError, match=r"services\.csv"):
        hsds.import_path(session_factory, folder, schemas)


def test_entries_the_kiosk_cannot_hold_are_skipped_with_the_reason(
    session_factory, schemas: hsds.Schemas, examples: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    good = _service(examples)
    long = _service(examples)
    long["id"] = "0f0e4d6c-0000-4000-8000-000000000002"
    long["name"] = "Programa " * 30
    old = _service(examples)
    old["id"] = "0f0e4d6c-0000-4000-8000-000000000003"
    old["minimum_age"], old["maximum_age"] = 60, 18
    path = tmp_path / "lote.json"
    path.write_text(json.dumps([good, long, old]), encoding="utf-8")
    report = hsds.import_path(session_factory, path, schemas)
    assert report.services_added == 1
    skipped = {entry.what: entry.reason for entry in report.skipped if "«" in entry.what}
    assert any("200" in reason for reason in skipped.values())
    assert (
        any(
            "youngest" in reason or "menor" in reason or "joven" in reason
            for reason in skipped.values()
        )
        or len(skipped) >= 2
    )
    assert list(mapped(session_factory)) == [COUNSELLING]


# --- exports validate and round-trip ----------------------------------------------------------


def independent_validator(schema_dir: Path, name: str) -> Draft202012Validator:
    """The schema loaded here on its own (not through the kiosk's code)."""
    base = "https://example.invalid/hsds/"
    resources = [
        (base + path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012))
        for path in schema_dir.glob("*.json")
        if path.name != "openapi.json"
    ]
    return Draft202012Validator(
        {"$ref": base + f"{name}.json"},
        registry=Registry().with_resources(resources),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def test_the_demo_exports_as_json_that_validates(
    session_factory, schemas: hsds.Schemas, hsds_data: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory)
    path, written = hsds.export_path(session_factory, tmp_path / "programas.json", schemas)
    document = json.loads(path.read_text(encoding="utf-8"))
    services = document["contents"]
    assert written == len(services) == count(session_factory) == document["total_items"]
    validator = independent_validator(hsds_data / "schema", "service")
    for service in services:
        assert not list(validator.iter_errors(service)), service["name"]
    statuses = {service["status"] for service in services}
    assert statuses == {"active", "inactive"}
    with pytest.raises(hsds.HsdsError) as caught:
        hsds.export_path(session_factory, path, schemas)
    assert str(caught.value) == _(
        "{path} already exists; choose a new name so nothing is overwritten."
    ).format(path=path)


def test_the_demo_exports_as_a_data_package_that_validates(
    session_factory, schemas: hsds.Schemas, hsds_data: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory)
    folder = tmp_path / "paquete"
    path, written = hsds.export_path(session_factory, folder, schemas)
    assert path == folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    tables = {resource["path"] for resource in package["resources"]}
    assert {"services.csv", "organizations.csv", "phones.csv", "schedules.csv"} <= tables
    assert tables == {p.name for p in folder.glob("*.csv")}
    by_table = {schemas.table(name): name for name in schemas.contents}
    rows_seen = 0
    for resource in package["resources"]:
        name = by_table[resource["path"]]
        validator = independent_validator(hsds_data / "schema", name)
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            assert reader.fieldnames == [f["name"] for f in resource["schema"]["fields"]]
            for row in reader:
                typed = typed_row(hsds.row_from_csv(row), name, schemas)
                assert not list(validator.iter_errors(typed)), (resource["path"], row)
                for column in schemas.contents[name].get("tabular_required") or []:
                    assert row[column], (resource["path"], column)
                rows_seen += 1
    with (folder / "services.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == written == count(session_factory)
    assert rows_seen > written
    with pytest.raises(hsds.HsdsError) as caught:
        hsds.export_path(session_factory, folder, schemas)
    assert str(caught.value) == _(
        "{path} already exists and is not an empty folder; choose a new name."
    ).format(path=folder)


@pytest.mark.parametrize("target", ["programas.json", "paquete"])
def test_demo_data_round_trips_without_losing_a_mapped_field(
    session_factory, other_factory, schemas: hsds.Schemas, tmp_path: Path, target: str
) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory)
    path, _written = hsds.export_path(session_factory, tmp_path / target, schemas)
    report = hsds.import_path(other_factory, path, schemas)
    assert report.services_added == count(session_factory)
    assert [entry for entry in report.skipped if "«" in entry.what] == []
    assert mapped(other_factory) == mapped(session_factory)
    same_export(other_factory, session_factory)
    # And back again into the first kiosk: every program updated in place.
    back = hsds.import_path(session_factory, path, schemas)
    assert (back.services_added, back.services_updated) == (0, count(session_factory))


@pytest.mark.parametrize("target", ["ejemplo.json", "paquete"])
def test_the_example_round_trips_without_losing_a_mapped_field(
    session_factory,
    other_factory,
    schemas: hsds.Schemas,
    examples: Path,
    tmp_path: Path,
    target: str,
) -> None:  # type: ignore[no-untyped-def]
    hsds.import_path(session_factory, examples / "service_full.json", schemas)
    path, _written = hsds.export_path(session_factory, tmp_path / target, schemas)
    hsds.import_path(other_factory, path, schemas)
    assert mapped(other_factory) == mapped(session_factory)
    same_export(other_factory, session_factory)


# --- a fresh install: the schema ships with the kiosk -----------------------------------------


def test_the_shipped_schema_is_the_standard_unchanged_with_its_licence(hsds_data: Path) -> None:
    import tomllib

    shipped = hsds.SHIPPED_SCHEMA
    official = sorted(p.name for p in (hsds_data / "schema").glob("*.json"))
    assert sorted(p.name for p in shipped.glob("*.json")) == official
    for name in official:
        assert (shipped / name).read_bytes() == (hsds_data / "schema" / name).read_bytes(), name
    assert (shipped / "LICENSE").read_bytes() == (hsds_data / "LICENSE").read_bytes()
    readme = (shipped / "README.md").read_text(encoding="utf-8")
    assert "Open Referral" in readme and "https://openreferral.org/" in readme
    # Packaged: a wheel carries the files beside the code.
    project = tomllib.loads((Path(hsds.__file__).parents[3] / "pyproject.toml").read_text())
    data = project["tool"]["setuptools"]["package-data"]["kiosk.data"]
    assert {"hsds_schema/*.json", "hsds_schema/LICENSE", "hsds_schema/README.md"} <= set(data)
    assert hsds.Schemas().directory == shipped


def test_the_schema_script_copies_a_checkout_unchanged(hsds_data: Path, tmp_path: Path) -> None:
    import importlib.util

    script = Path(hsds.__file__).parents[3] / "scripts" / "extract_hsds_schema.py"
    spec = importlib.util.spec_from_file_location("extract_hsds_schema", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "hsds_schema"
    out.mkdir()
    (out / "retired.json").write_text("{}", encoding="utf-8")  # gone from the standard
    assert module.main([str(hsds_data), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([*(p.name for p in (hsds_data / "schema").glob("*.json")), "LICENSE"])
    for name in names:
        source = hsds_data / ("LICENSE" if name == "LICENSE" else f"schema/{name}")
        assert (out / name).read_bytes() == source.read_bytes()
    assert module.main([str(tmp_path / "nowhere"), "--out", str(out)]) == 1


# --- every official example, one by one -------------------------------------------------------


def kept(factory: Any) -> dict[str, Any]:
    """Everything the kiosk keeps of an import: services and organizations, by HSDS id."""
    with factory() as s:
        orgs = s.scalars(select(Organization)).all()
        organizations = {
            org.hsds_id: {key: getattr(org, key) for key in (*ORG_MAPPED, "hsds_ids")}
            for org in orgs
        }
    return {"services": mapped(factory), "organizations": organizations}


@pytest.mark.parametrize("target", ["exportado.json", "paquete"])
@pytest.mark.parametrize("example", hsds_example_names())
def test_every_official_example_imports_exports_and_comes_back_unchanged(
    session_factory,
    other_factory,
    schemas: hsds.Schemas,
    hsds_data: Path,
    tmp_path: Path,
    example: str,
    target: str,
) -> None:  # type: ignore[no-untyped-def]
    source = hsds_data / "examples" / example
    report = hsds.import_path(session_factory, source, schemas)
    assert report.skipped == (), report.skipped  # no valid entry is refused
    before = kept(session_factory)
    path, written = hsds.export_path(session_factory, tmp_path / target, schemas)
    assert written == len(before["services"])
    if not before["services"] and not before["organizations"]:
        # Nothing in it is kept by the kiosk (a location alone, a taxonomy...): it is said.
        assert report.left_out and all(count > 0 for _name, count in report.left_out)
        assert written == 0
        again = hsds.import_path(session_factory, source, schemas)
        assert again.left_out == report.left_out
        assert kept(session_factory) == before
        return
    if target.endswith(".json"):
        validator = independent_validator(hsds_data / "schema", "service")
        for item in json.loads(path.read_text(encoding="utf-8"))["contents"]:
            if "organization" in item:
                assert not list(validator.iter_errors(item)), item["id"]
    elsewhere = hsds.import_path(other_factory, path, schemas)
    assert elsewhere.skipped == ()
    assert kept(other_factory) == before
    back = hsds.import_path(session_factory, path, schemas)
    assert (back.services_added, back.organizations_added) == (0, 0)
    assert kept(session_factory) == before


def test_community_counselling_keeps_its_contacts_languages_areas_and_schedule(
    session_factory, schemas: hsds.Schemas, examples: Path
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.services.programs import ProgramService

    hsds.import_path(session_factory, examples / "service_full.json", schemas)
    with session_factory() as s:
        service_id = s.scalar(select(Service.id).where(Service.hsds_id == COUNSELLING))
    program = ProgramService(session_factory).get(service_id)
    assert program.languages == ("urdu",)  # by its code, in Spanish
    assert program.service_areas[0].startswith("The service is available to all residents")
    (contact,) = program.contacts
    assert (contact.name, contact.title, contact.phones) == (
        "Ann Persona",
        "Reception Manager",
        ("+44 1234 234567",),
    )
    assert program.schedule.startswith("The service is available from 10 am")
    assert (program.opens_at, program.closes_at) == (time(10), time(18))


def _huertos(**changes: Any) -> dict[str, Any]:
    service: dict[str, Any] = {
        "id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000001",
        "name": "Huertos familiares",
        "description": "Semillas y herramientas para sembrar en casa.",
        "status": "active",
        "organization": {
            "id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000002",
            "name": "Secretaría de Desarrollo Rural",
            "description": "Gobierno del Estado de Chihuahua",
        },
        "schedules": [
            {
                "id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000003",
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "09:00",
                "closes_at": "14:00",
            },
            {
                "id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000004",
                "freq": "WEEKLY",
                "byday": "SA",
                "opens_at": "10:00",
                "closes_at": "12:00",
                "description": "Sábados, solo entrega de semillas",
            },
        ],
        "service_areas": [
            {"id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000005", "name": "Aquiles Serdán"},
            {"id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000006", "name": "Chihuahua"},
        ],
    }
    service.update(changes)
    return service


@pytest.mark.parametrize("target", ["huertos.json", "paquete"])
def test_weekly_days_and_later_schedules_come_back(
    session_factory, other_factory, schemas: hsds.Schemas, tmp_path: Path, target: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "entrada.json"
    path.write_text(json.dumps([_huertos()]), encoding="utf-8")
    hsds.import_path(session_factory, path, schemas)
    got = mapped(session_factory)["5f0c1d2e-3a4b-4c5d-8e9f-000000000001"]
    assert got["schedule_days"] == "MO,TU,WE,TH,FR"
    assert (got["opens_at"], got["closes_at"]) == (time(9), time(14))
    assert got["more_schedules"] == [
        {
            "id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000004",
            "description": "Sábados, solo entrega de semillas",
            "opens_at": "10:00:00",
            "closes_at": "12:00:00",
            "byday": "SA",
        }
    ]
    assert [area["name"] for area in got["service_areas"]] == ["Aquiles Serdán", "Chihuahua"]
    exported, _count = hsds.export_path(session_factory, tmp_path / target, schemas)
    hsds.import_path(other_factory, exported, schemas)
    assert mapped(other_factory) == mapped(session_factory)


def test_a_rule_that_is_not_every_week_keeps_no_days(
    session_factory, schemas: hsds.Schemas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = {"id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000003", "freq": "WEEKLY", "interval": 2}
    monthly = {"id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000004", "freq": "MONTHLY", "byday": "1MO"}
    path = tmp_path / "entrada.json"
    path.write_text(
        json.dumps([_huertos(schedules=[{**first, "byday": "MO"}, monthly])]), encoding="utf-8"
    )
    hsds.import_path(session_factory, path, schemas)
    got = mapped(session_factory)["5f0c1d2e-3a4b-4c5d-8e9f-000000000001"]
    assert got["schedule_days"] == ""  # every other Monday is not "Mondays"
    assert got["more_schedules"] == [{"id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000004"}]


def test_what_is_left_out_is_counted_by_kind(
    session_factory, schemas: hsds.Schemas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    def many(kind: str, count: int, **fields: Any) -> list[dict[str, Any]]:
        return [
            {"id": f"5f0c1d2e-3a4b-4c5d-8e9f-{kind}{index:08d}", **fields} for index in range(count)
        ]

    service = _huertos(
        funding=many("0000", 3, source="Estatal"),
        metadata=many(
            "0001",
            2,
            resource_id="5f0c1d2e-3a4b-4c5d-8e9f-000000000001",
            resource_type="service",
            last_action_date="2026-01-01",
            last_action_type="update",
            field_name="name",
            previous_value="a",
            replacement_value="b",
            updated_by="c",
        ),
        phones=many("0002", 2, number="614 555 0100"),
    )
    path = tmp_path / "entrada.json"
    path.write_text(json.dumps([service]), encoding="utf-8")
    report = hsds.import_path(session_factory, path, schemas)
    assert report.services_added == 1 and report.skipped == ()
    # The first phone is the program's; the second is not kept.
    assert report.left_out == (("funding", 3), ("metadata", 2), ("phones", 1))


# --- numbers that are not numbers -------------------------------------------------------------

NOT_NUMBERS = {"NaN": "NaN", "Infinity": "Infinity", "-Infinity": "-Infinity", "1e400": "1E+400"}


@pytest.mark.parametrize("written", list(NOT_NUMBERS))
@pytest.mark.parametrize(
    ("place", "field_name"),
    [
        (lambda svc: svc.__setitem__("minimum_age", "@@"), "minimum_age"),
        (lambda svc: svc["cost_options"][0].__setitem__("amount", "@@"), "cost_options.0.amount"),
        (
            lambda svc: svc["service_at_locations"][0]["location"].__setitem__("latitude", "@@"),
            "service_at_locations.0.location.latitude",
        ),
    ],
    ids=["age", "cost", "latitude"],
)
@pytest.mark.parametrize("form", ["page", "array"])
def test_json_numbers_that_are_not_numbers_are_refused_by_entry_and_field(
    session_factory,
    schemas: hsds.Schemas,
    examples: Path,
    tmp_path: Path,
    written: str,
    place: Any,
    field_name: str,
    form: str,
) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory)
    before = mapped(session_factory)
    service = _service(examples)
    place(service)
    # An array (how large directories come, read entry by entry) refuses the whole file too:
    # the good entry before the bad one is not written.
    good = {**_service(examples), "id": str(uuid.uuid4()), "name": "Otro servicio"}
    document: Any = {"contents": [service]} if form == "page" else [good, service]
    path = tmp_path / "lote.json"
    path.write_text(json.dumps(document).replace('"@@"', written), "utf-8")
    with pytest.raises(hsds.HsdsError) as caught:
        hsds.import_path(session_factory, path, schemas)
    entry = _("the service «{name}»").format(name="Community Counselling")
    assert str(caught.value) == _(
        "In {entry}, the field {field} holds {value}, which is not a number; correct the "
        "file and import it again."
    ).format(entry=entry, field=field_name, value=NOT_NUMBERS[written])
    assert mapped(session_factory) == before


@pytest.mark.parametrize("written", ["NaN", "nan", "inf", "-Infinity", "1e400"])
@pytest.mark.parametrize(
    ("table", "column"), [("services.csv", "minimum_age"), ("schedules.csv", "interval")]
)
def test_csv_numbers_that_are_not_numbers_are_refused_by_row_and_column(
    session_factory,
    schemas: hsds.Schemas,
    examples: Path,
    tmp_path: Path,
    written: str,
    table: str,
    column: str,
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "paquete"
    folder.mkdir()
    for source in (examples / "csv").glob("*.csv"):
        (folder / source.name).write_bytes(source.read_bytes())
    with (folder / table).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[0][column] = written
    with (folder / table).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(hsds.HsdsError) as caught:
        hsds.import_path(session_factory, folder, schemas)
    entry = _("row {number} of {table}").format(number=2, table=table)
    assert str(caught.value) == _(
        "In {entry}, the field {field} holds {value}, which is not a number; correct the "
        "file and import it again."
    ).format(entry=entry, field=column, value=written)
    assert count(session_factory) == 0


def test_a_program_entered_at_the_desk_exports_as_a_package(
    session_factory, schemas: hsds.Schemas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.services.programs import ProgramDraft, ProgramService

    ProgramService(session_factory).save(
        ProgramDraft(
            name="Comedor", organization="Parroquia San José", need="alimentos", level="osc"
        )
    )
    path, written = hsds.export_path(session_factory, tmp_path / "paquete", schemas)
    assert written == 1
    with (path.parent / "organizations.csv").open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["description"] == "Parroquia San José"


def _broken_copies(service: dict[str, Any]) -> list[dict[str, Any]]:
    """The ways a real directory gets a service wrong, one at a time."""
    broken = []
    for key, value in (
        ("status", "open"),  # not one of the statuses
        ("email", "no es un correo"),  # not an email address
        ("name", 42),  # a number where text goes
        ("organization", "Centro"),  # text where an object goes
        ("phones", [{"number": 5551234}]),  # a phone number that is not text
    ):
        copy = json.loads(json.dumps(service))
        copy[key] = value
        broken.append(copy)
    without_name = json.loads(json.dumps(service))
    del without_name["name"]
    broken.append(without_name)
    return broken


def test_the_quick_check_and_the_worded_check_agree(schemas: hsds.Schemas, hsds_data: Path) -> None:
    """Entries the quick check passes are never looked at again, so it must refuse whatever
    the worded check refuses, and pass what it passes."""
    service = json.loads((hsds_data / "examples" / "service_full.json").read_text())
    cases = [service, *_broken_copies(service)]
    for case in cases:
        quick = schemas.quick_check("service").is_valid(case)
        worded = not list(schemas.validator("service").iter_errors(case))
        assert quick == worded, case
    assert len([c for c in cases if schemas.problems("service", c)]) == len(cases) - 1


def _parsed_in_full(text: str) -> str:
    """How the number would be kept by the phone library's full parser alone."""
    written = one_line(text).strip("\"' ")
    try:
        number = phonenumbers.parse(written, "MX")
    except phonenumbers.NumberParseException:
        return written
    national = str(number.national_number)
    valid = phonenumbers.is_valid_number_for_region(number, "MX")
    return national if valid and len(national) == 10 else written


@settings(max_examples=400, deadline=None)
@given(
    digits=st.from_regex(r"[0-9]{10}", fullmatch=True),
    prefix=st.sampled_from(["", "+52", "+52 ", "+ 52 ", "("]),
    gaps=st.lists(st.sampled_from(["", " ", "-", ".", ") ", "  "]), min_size=3, max_size=3),
)
def test_a_phone_written_as_ten_digits_is_kept_as_the_full_parser_keeps_it(
    digits: str, prefix: str, gaps: list[str]
) -> None:
    # A directory's staff write numbers every way: "614 123 4567", "(614) 123-4567",
    # "+52 614.123.4567"; each is kept as its ten digits when valid, as written when not.
    written = (
        f"{prefix}{digits[:3]}{gaps[0]}{digits[3:6]}{gaps[1]}{digits[6:8]}{gaps[2]}{digits[8:]}"
    )
    assert kept_phone(written) == _parsed_in_full(written)


def _read_traced(path: Path, schemas: hsds.Schemas) -> tuple[hsds.Document, int]:
    """The document read from ``path``, and the most memory the reading held at once."""
    tracemalloc.start()
    try:
        document = hsds.read_path(path, schemas)
        return document, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("bom", [False, True], ids=["utf-8", "utf-8 with BOM"])
def test_a_large_directory_is_read_one_entry_at_a_time(
    schemas: hsds.Schemas, tmp_path: Path, bom: bool
) -> None:
    """A state directory of thousands of services must import on a kiosk PC: an array file
    is never held whole, only what the kiosk keeps of each entry, and what is kept is what
    the same entries give when read at once (as an API page)."""
    array = tmp_path / "directorio.json"
    write_directory(array, 300)
    page = tmp_path / "pagina.json"
    page.write_text(json.dumps({"contents": json.loads(array.read_text())}))
    if bom:  # as a spreadsheet or a Windows tool saves it
        array.write_bytes(codecs.BOM_UTF8 + array.read_bytes())
    whole, held_whole = _read_traced(page, schemas)
    streamed, held_streamed = _read_traced(array, schemas)
    assert held_streamed < held_whole / 2
    assert len(streamed.plan.entries) == 300
    assert streamed.plan.entries == whole.plan.entries
    assert streamed.left_out() == whole.left_out()


def test_a_file_nested_too_deep_is_refused_in_one_sentence(
    session_factory, schemas: hsds.Schemas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A damaged or hostile file of arrays within arrays: one plain sentence, nothing
    written, and the kiosk PC's memory untouched."""
    path = tmp_path / "hondo.json"
    path.write_text("[" + "[" * 100_000 + "]" * 100_000 + "]")
    with pytest.raises(hsds.HsdsError) as caught:
        hsds.import_path(session_factory, path, schemas)
    assert str(caught.value) == _(
        "The file is not valid JSON; it may be damaged or of another kind."
    )
    assert count(session_factory) == 0


def test_importing_an_unchanged_directory_again_leaves_every_program_as_it_was(
    session_factory, schemas: hsds.Schemas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A nightly re-import of the same state directory must not mark every program as changed
    (its time of last change is what an export gives other directories as last_modified)."""
    path = tmp_path / "directorio.json"
    write_directory(path, 3)
    hsds.import_path(session_factory, path, schemas)

    def changed_at() -> dict[str, Any]:
        with session_factory() as s:
            return {
                hsds_id: at
                for hsds_id, at in s.execute(select(Service.hsds_id, Service.updated_at))
            }

    before = changed_at()
    entries = json.loads(path.read_text())
    entries[1]["name"] = "Nombre nuevo"
    path.write_text(json.dumps(entries))
    again = hsds.import_path(session_factory, path, schemas)
    assert again.services_updated == 3  # every entry is the file's, as before
    after = changed_at()
    moved = {hsds_id for hsds_id in before if after[hsds_id] != before[hsds_id]}
    assert moved == {entries[1]["id"]}
    assert mapped(session_factory)[entries[1]["id"]]["name"] == "Nombre nuevo"
