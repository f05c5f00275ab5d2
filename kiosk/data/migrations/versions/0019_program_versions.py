"""program versions: a change counter on each program, so two centres' staff editing the same
one cannot write over each other; the municipalities each program serves, kept where the browse
index reads them; the network's published listings in an index of their own ("otros
centros"); and, on PostgreSQL, whether a woman's children are registered at another centre,
told to a centre that cannot read them"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import create_indexes

revision: str = "0019_program_versions"
down_revision: str | None = "0018_centre_roles"

BROWSE_BEFORE = ["need", "status", "level", "name"]
BROWSE_AFTER = [*BROWSE_BEFORE, "municipalities", "id"]
MUNICIPALITIES_MAX = 400
NETWORK_LISTINGS = ("ix_trade_listings_network", ["status", "published_at", "id", "centre_id"])
_BATCH = 1000

# A centre's role cannot read other centres' children. At its childcare station, a woman who
# moved centres has none there: this tells the centre, for a woman registered at it, no more
# than whether some other centre has children of hers, so the volunteer can say why.
CHILDREN_ELSEWHERE = """
    CREATE FUNCTION kiosk_children_elsewhere(p_member integer, p_centre integer) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
        caller integer;
    BEGIN
        SELECT id INTO caller FROM centres WHERE db_role = session_user;
        IF caller IS NOT NULL AND caller <> p_centre THEN
            RAISE EXCEPTION 'a centre asks about its own women only';
        END IF;
        RETURN EXISTS (
            SELECT 1 FROM member_registrations
            WHERE member_id = p_member AND centre_id = p_centre
        ) AND EXISTS (
            SELECT 1 FROM children WHERE guardian_id = p_member AND centre_id <> p_centre
        );
    END
    $$
"""


def _key(name: str) -> str:
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    ).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def _served(areas: Any, level: str, locality: str) -> str:
    """As kiosk.data.models.programs.served_municipalities read it when this revision was made."""
    if isinstance(areas, str):
        areas = json.loads(areas or "[]")
    names = [
        str(area.get("name") or area.get("description") or "")
        for area in areas or ()
        if isinstance(area, dict)
    ]
    if not any(names) and level not in ("federal", "estatal"):
        names = [locality or ""]
    keys = dict.fromkeys(key for key in map(_key, names) if key)
    kept = "|" + "|".join(keys) + "|" if keys else ""
    return kept if len(kept) <= MUNICIPALITIES_MAX else ""


def upgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(
            sa.Column(
                "municipalities",
                sa.String(length=MUNICIPALITIES_MAX),
                nullable=False,
                server_default="",
            )
        )
        batch_op.drop_index("ix_services_browse")
    bind = op.get_bind()
    services = sa.table(
        "services",
        sa.column("id", sa.Integer()),
        sa.column("service_areas", sa.Text()),
        sa.column("level", sa.String()),
        sa.column("locality", sa.String()),
        sa.column("municipalities", sa.String()),
    )
    rows = bind.execute(
        sa.select(services.c.id, services.c.service_areas, services.c.level, services.c.locality)
    ).all()
    changed = [
        {"row_id": row.id, "served": served}
        for row in rows
        if (served := _served(row.service_areas, row.level, row.locality))
    ]
    statement = (
        sa.update(services)
        .where(services.c.id == sa.bindparam("row_id"))
        .values(municipalities=sa.bindparam("served"))
    )
    for start in range(0, len(changed), _BATCH):
        bind.execute(statement, changed[start : start + _BATCH])
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.create_index("ix_services_browse", BROWSE_AFTER, unique=False)
    create_indexes("trade_listings", NETWORK_LISTINGS)
    if bind.dialect.name == "postgresql":
        op.execute(CHILDREN_ELSEWHERE)
        # Only a centre's stations (and the owner) may ask it, as with 0018's functions.
        op.execute(
            "REVOKE EXECUTE ON FUNCTION kiosk_children_elsewhere(integer, integer) FROM PUBLIC"
        )
        op.execute(
            "GRANT EXECUTE ON FUNCTION kiosk_children_elsewhere(integer, integer) TO kiosk_centres"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION kiosk_children_elsewhere(integer, integer)")
    with op.batch_alter_table("trade_listings", schema=None) as batch_op:
        batch_op.drop_index(NETWORK_LISTINGS[0])
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_index("ix_services_browse")
        batch_op.drop_column("municipalities")
        batch_op.drop_column("version")
        batch_op.create_index("ix_services_browse", BROWSE_BEFORE, unique=False)
