"""The programs migration gives every organization and service entered before it an Open
Referral identifier, so the first export after the upgrade can be imported back without copies."""

from __future__ import annotations

import uuid

from alembic import command
from sqlalchemy import text

from kiosk.data import db


def test_rows_from_before_get_identifiers(db_url: str) -> None:
    engine = db.make_engine(db_url)
    command.upgrade(db._alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO organizations (id, name, description, website, email, phone,"
                " is_example) VALUES (1, 'DIF', '', '', '', '', false)"
            )
        )
        for service_id in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO services (id, organization_id, name, description, benefit,"
                    " eligibility, application_process, fees, required_documents, address,"
                    " locality, directions, phone, schedule, level, need, status, is_example,"
                    " updated_at) VALUES (:id, 1, 'Despensas', '', '', '', '', '', '[]', '',"
                    " '', '', '', '', 'municipal', 'alimentos', 'active', false,"
                    " CURRENT_TIMESTAMP)"
                ),
                {"id": service_id},
            )
    assert db.migrate(engine) == db.head_revision()
    with engine.connect() as conn:
        services = conn.execute(
            text("SELECT hsds_id, hsds_ids, country, postal_code FROM services ORDER BY id")
        ).all()
        organization = conn.execute(text("SELECT hsds_id FROM organizations")).scalar_one()
    ids = [row[0] for row in services]
    assert len(set(ids)) == 2
    assert all(uuid.UUID(value).version == 4 for value in [*ids, organization])
    assert [(row[2], row[3]) for row in services] == [("MX", ""), ("MX", "")]
    assert all(row[1] in ({}, "{}") for row in services)
    engine.dispose()
