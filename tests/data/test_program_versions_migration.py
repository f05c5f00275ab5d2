"""The program-versions migration keeps every program and gives each its change counter and the
municipalities it serves (its HSDS service areas; a municipal or organization's program that
names none, its own town), so the directory orders them by municipality from the first start."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from kiosk.data import db
from kiosk.services.programs import ProgramFilters, ProgramNeed, ProgramService

SERVICES = (
    # (id, name, level, locality, service areas as the import left them)
    (1, "Salud Aldama", "municipal", "Aldama", '[{"name": "Aldama"}]'),
    (2, "Clínica de dos municipios", "osc", "", '[{"name": "Aquiles Serdán"}, {"name": "Aldama"}]'),
    (3, "IMSS Bienestar", "federal", "Chihuahua", "[]"),
    (4, "Dispensario", "municipal", "Delicias", "[]"),
)


def test_programs_from_before_keep_their_rows_and_get_their_municipalities(db_url: str) -> None:
    engine = db.make_engine(db_url)
    command.upgrade(db._alembic_config(engine), "0017_centres")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO organizations (id, name, description, website, email,"
                          " phone, hsds_ids, is_example) VALUES (1, 'Red', '', '', '', '', '{}',"
                          " false)"))  # fmt: skip
        for service_id, name, level, locality, areas in SERVICES:
            conn.execute(
                text(
                    "INSERT INTO services (id, organization_id, name, description, benefit,"
                    " eligibility, application_process, fees, required_documents, address,"
                    " locality, region, postal_code, country, directions, phone, schedule,"
                    " schedule_days, languages, service_areas, contacts, more_schedules,"
                    " hsds_ids, cost_currency, location_name, level, need, status, is_example,"
                    " updated_at) VALUES (:id, 1, :name, '', '', '', '', '', '[]', '',"
                    " :locality, '', '', 'MX', '', '', '', '', '[]', :areas, '[]', '[]', '{}',"
                    " '', '', :level, 'salud', 'active', false, CURRENT_TIMESTAMP)"
                ),
                {"id": service_id, "name": name, "level": level, "locality": locality,
                 "areas": areas},
            )  # fmt: skip
    assert db.migrate(engine) == db.head_revision()
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, name, version, municipalities FROM services ORDER BY id")
        ).all()
    assert [tuple(row) for row in rows] == [
        (1, "Salud Aldama", 1, "|aldama|"),
        (2, "Clínica de dos municipios", 1, "|aquiles serdan|aldama|"),
        (3, "IMSS Bienestar", 1, ""),
        (4, "Dispensario", 1, "|delicias|"),
    ]
    directory = ProgramService(db.make_session_factory(engine))
    page = directory.list_programs(ProgramNeed.HEALTH, ProgramFilters(municipality="Aldama"))
    assert [c.name for c in page.cards] == [
        "Salud Aldama",
        "Clínica de dos municipios",
        "IMSS Bienestar",
        "Dispensario",
    ]
    engine.dispose()
