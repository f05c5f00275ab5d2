"""centres: the network's centres, and on every row that belongs to a place, its centre; a
single-centre database becomes centre 1 with every row kept"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0017_centres"
down_revision: str | None = "0016_staff_pages"

# The tables whose rows belong to one centre, as this revision found them.
CENTRE_TABLES = (
    "member_cards",
    "children",
    "child_photos",
    "pickup_people",
    "childcare_rooms",
    "pickup_codes",
    "childcare_visits",
    "childcare_alerts",
    "staff_users",
    "staff_shifts",
    "help_requests",
    "vouchers",
    "audit_events",
    "trainings",
    "training_sessions",
    "enrollments",
    "referrals",
    "job_interests",
    "trade_listings",
    "trade_photos",
    "savings_groups",
    "savings_members",
    "savings_cycles",
    "savings_meetings",
    "savings_turns",
    "savings_loans",
    "savings_movements",
)
# Unique within a centre now, not across the network: (old name, new name, new columns).
WITHIN_CENTRE = {
    "staff_users": ("uq_staff_users_name", "uq_staff_users_centre_id_name", ["centre_id", "name"]),
    "pickup_codes": (
        "uq_pickup_codes_day_code",
        "uq_pickup_codes_centre_id_day_code",
        ["centre_id", "day", "code"],
    ),
}
OLD_UNIQUE = {"staff_users": ["name"], "pickup_codes": ["day", "code"]}


def _give_centre(table: str) -> None:
    """``table.centre_id``: centre 1 for every row already there, then required."""
    op.add_column(table, sa.Column("centre_id", sa.Integer(), nullable=True))
    op.execute(f"UPDATE {table} SET centre_id = 1")
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column("centre_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            op.f(f"fk_{table}_centre_id_centres"), "centres", ["centre_id"], ["id"]
        )
        batch_op.create_index(op.f(f"ix_{table}_centre_id"), ["centre_id"], unique=False)
        if table in WITHIN_CENTRE:
            old, new, columns = WITHIN_CENTRE[table]
            batch_op.drop_constraint(old, type_="unique")
            batch_op.create_unique_constraint(new, columns)
        if table == "childcare_rooms":
            batch_op.create_unique_constraint("uq_childcare_rooms_centre_id", ["centre_id"])


# PostgreSQL: a woman registered at one centre signs in at another with her phone. A centre's
# role cannot read other centres' women, so these two run with the owner's rights and tell the
# caller no more than whether the phone is known, and register her at the caller's own centre.
NETWORK_FUNCTIONS = (
    """
    CREATE FUNCTION kiosk_phone_known(p_phone text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT EXISTS (SELECT 1 FROM members WHERE phone = p_phone AND erased_at IS NULL)
    $$
    """,
    """
    CREATE FUNCTION kiosk_register_here(p_phone text, p_centre integer) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
        caller integer;
        found integer;
    BEGIN
        SELECT id INTO caller FROM centres WHERE db_role = session_user;
        IF caller IS NOT NULL AND caller <> p_centre THEN
            RAISE EXCEPTION 'a centre registers women at itself only';
        END IF;
        SELECT id INTO found FROM members WHERE phone = p_phone AND erased_at IS NULL;
        IF found IS NULL THEN
            RETURN NULL;
        END IF;
        INSERT INTO member_registrations (member_id, centre_id, registered_at)
        VALUES (found, p_centre, now())
        ON CONFLICT (member_id, centre_id) DO NOTHING;
        RETURN found;
    END
    $$
    """,
)


def upgrade() -> None:
    op.create_table(
        "centres",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("municipality", sa.String(length=80), nullable=False),
        sa.Column("db_role", sa.String(length=63), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centres")),
        sa.UniqueConstraint("code", name=op.f("uq_centres_code")),
        sa.UniqueConstraint("db_role", name=op.f("uq_centres_db_role")),
    )
    op.execute(
        "INSERT INTO centres (id, code, name, municipality, created_at) VALUES"
        " (1, 'aquiles-serdan', 'CENESO Aquiles Serdán', 'Aquiles Serdán', CURRENT_TIMESTAMP)"
    )
    if op.get_bind().dialect.name == "postgresql":
        # The next centre made by hand or by the kiosk gets 2, not a clash with centre 1; and
        # the next centre's children's room the next number after the room made with id 1.
        op.execute("SELECT setval(pg_get_serial_sequence('centres', 'id'), 1)")
        op.execute(
            "SELECT setval(pg_get_serial_sequence('childcare_rooms', 'id'),"
            " (SELECT max(id) FROM childcare_rooms))"
        )
    for table in ("members", *CENTRE_TABLES):
        _give_centre(table)
    op.create_table(
        "member_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_member_registrations_centre_id_centres")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_registrations_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_registrations")),
        sa.UniqueConstraint(
            "member_id", "centre_id", name=op.f("uq_member_registrations_member_id_centre_id")
        ),
    )
    with op.batch_alter_table("member_registrations", schema=None) as batch_op:
        batch_op.create_index(
            op.f("ix_member_registrations_centre_id"), ["centre_id"], unique=False
        )
        batch_op.create_index(
            op.f("ix_member_registrations_member_id"), ["member_id"], unique=False
        )
    # Every woman already here is registered at the one centre there was.
    op.execute(
        "INSERT INTO member_registrations (member_id, registered_at, centre_id)"
        " SELECT id, created_at, 1 FROM members"
    )
    if op.get_bind().dialect.name == "postgresql":
        for function in NETWORK_FUNCTIONS:
            op.execute(function)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION kiosk_register_here(text, integer)")
        op.execute("DROP FUNCTION kiosk_phone_known(text)")
    op.drop_table("member_registrations")
    for table in reversed(("members", *CENTRE_TABLES)):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in WITHIN_CENTRE:
                old, new, _columns = WITHIN_CENTRE[table]
                batch_op.drop_constraint(new, type_="unique")
                batch_op.create_unique_constraint(old, OLD_UNIQUE[table])
            if table == "childcare_rooms":
                batch_op.drop_constraint("uq_childcare_rooms_centre_id", type_="unique")
            batch_op.drop_index(op.f(f"ix_{table}_centre_id"))
            batch_op.drop_constraint(op.f(f"fk_{table}_centre_id_centres"), type_="foreignkey")
            batch_op.drop_column("centre_id")
    op.drop_table("centres")
