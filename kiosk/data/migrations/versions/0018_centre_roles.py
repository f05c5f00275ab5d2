"""centre roles: on PostgreSQL each centre's stations connect with a role that the database
keeps to its own centre's personal data (row-level security); a coordinator role counts all

What each role may do (PostgreSQL only; on SQLite this revision does nothing):

* ``kiosk_centres`` (NOLOGIN group; every centre's login role is a member, made by
  ``kiosk centre add --role``):
  - the per-centre tables (:data:`CENTRE_TABLES`): read and write the rows of its own centre,
    the one whose ``centres.db_role`` is the connecting user (:func:`kiosk_centre`);
  - ``members``: reads and updates the women registered at its centre (or first registered
    there: an ``INSERT ... RETURNING`` of a woman just registered must read her back before
    her registration row exists); adds women of its own centre; deletes none (erasure blanks);
  - ``member_registrations``: its own centre's; a woman registered at another centre is
    registered here by ``kiosk_register_here``, which alone may look across centres;
  - ``trade_listings`` and ``trade_photos``: reads its own and every centre's *published*
    listings ("otros centros"); writes only its own. The first name of another centre's seller,
    which her published listing shows on every kiosk, comes from
    ``kiosk_seller_first_names(listing ids)``: her row itself stays her centres';
  - the network's directories (``organizations``, ``services``, ``job_postings``): reads and
    edits them all, with no row-level security, as staff at any centre keep them current
    (two desks editing one program are told apart by the services' row locks, as before);
  - ``privacy_notices``: reads them and adds the text in force; ``centres`` and
    ``alembic_version``: reads them (the station checks its centre and the schema's version).
* ``kiosk_coordinators`` (NOLOGIN group, ``kiosk centre coordinator ROLE``): reads every centre's
  rows, but only the columns that name no one (:data:`COORDINATOR_COLUMNS`: ids, centres,
  dates, statuses, kinds, amounts, counts); never a name, phone, pickup person, medical note,
  photo, PIN, code, slip or free text. Enough to count and group by centre; not to read a name.
  It reads the directories, ``centres`` and ``privacy_notices`` whole, and writes nothing.
* The owner (who runs the migrations, backups and the network's commands) is not limited: row
  security is enabled, not forced.

A migration that adds a table must grant it here too; until it does, no centre can use it.
Roles belong to the whole server, not to one database, so they are made when missing and kept
on downgrade (another database on the server may use them); grants and policies are this
database's and go.
"""

from __future__ import annotations

from alembic import op

revision: str = "0018_centre_roles"
down_revision: str | None = "0017_centres"

CENTRES = "kiosk_centres"
COORDINATORS = "kiosk_coordinators"

# The tables whose rows belong to one centre (0017's list, as it stood).
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
# The network's directories: every centre reads and edits them.
SHARED_TABLES = ("organizations", "services", "job_postings")

# What the network's coordinator may read of each centre's rows: columns that name no one.
COORDINATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "members": (
        "id",
        "centre_id",
        "created_at",
        "privacy_consent_at",
        "privacy_notice_id",
        "erased_at",
        "guided_at",
        "is_example",
    ),
    "member_registrations": ("id", "member_id", "centre_id", "registered_at"),
    "member_cards": ("id", "member_id", "centre_id", "issued_at", "issued_by_id", "revoked_at"),
    "children": (
        "id",
        "guardian_id",
        "centre_id",
        "health_consent_at",
        "photo_consent_at",
        "created_at",
    ),
    "child_photos": ("child_id", "centre_id", "taken_at"),
    "pickup_people": ("id", "child_id", "centre_id", "allowed"),
    "childcare_rooms": ("id", "centre_id"),
    "pickup_codes": ("id", "guardian_id", "centre_id", "day", "created_at"),
    "childcare_visits": (
        "id",
        "child_id",
        "pickup_code_id",
        "enrollment_id",
        "centre_id",
        "checked_in_at",
        "checked_in_by_id",
        "checked_out_at",
        "checked_out_by_id",
    ),
    "childcare_alerts": (
        "id",
        "kind",
        "child_id",
        "pickup_code_id",
        "pickup_person_id",
        "staff_id",
        "centre_id",
        "created_at",
        "seen_at",
        "seen_by_id",
    ),
    "staff_users": ("id", "centre_id", "role", "active", "is_example", "created_at"),
    "staff_shifts": ("id", "staff_id", "centre_id", "station", "started_at", "ended_at"),
    "help_requests": ("id", "centre_id", "page", "created_at", "resolved_at", "resolved_by_id"),
    "vouchers": (
        "id",
        "centre_id",
        "kind",
        "subject_table",
        "subject_id",
        "print_status",
        "printed_count",
        "created_at",
        "expires_at",
        "redeemed_at",
        "redeemed_by_id",
    ),
    "audit_events": (
        "id",
        "staff_id",
        "centre_id",
        "action",
        "subject_table",
        "subject_id",
        "created_at",
    ),
    "trainings": ("id", "centre_id", "topic", "active", "is_example"),
    "training_sessions": (
        "id",
        "training_id",
        "centre_id",
        "starts_at",
        "ends_at",
        "seats",
        "seats_taken",
        "childcare_taken",
    ),
    "enrollments": (
        "id",
        "member_id",
        "session_id",
        "centre_id",
        "status",
        "waitlist_position",
        "children_count",
        "childcare_reserved",
        "childcare_wanted",
        "waits_for_childcare",
        "created_at",
        "updated_at",
        "promoted_at",
        "called_at",
    ),
    "referrals": (
        "id",
        "member_id",
        "service_id",
        "staff_id",
        "centre_id",
        "status",
        "follow_up_on",
        "created_at",
        "updated_at",
    ),
    "job_interests": ("id", "job_id", "member_id", "centre_id", "created_at"),
    "trade_listings": (
        "id",
        "seller_id",
        "centre_id",
        "category",
        "price",
        "price_unit",
        "status",
        "is_example",
        "created_at",
        "published_at",
    ),
    "trade_photos": ("listing_id", "centre_id"),
    "savings_groups": (
        "id",
        "centre_id",
        "kind",
        "meeting_weekday",
        "frequency_days",
        "created_at",
        "created_by_id",
        "treasurer_staff_id",
    ),
    "savings_members": (
        "id",
        "group_id",
        "member_id",
        "centre_id",
        "position",
        "is_treasurer",
        "joined_at",
    ),
    "savings_cycles": (
        "id",
        "group_id",
        "centre_id",
        "number",
        "share_cents",
        "max_shares",
        "social_fund_cents",
        "charge_bp",
        "loan_multiple",
        "max_loan_months",
        "fine_absent_cents",
        "fine_late_cents",
        "meetings",
        "started_at",
        "closed_at",
    ),
    "savings_meetings": (
        "id",
        "group_id",
        "cycle_id",
        "centre_id",
        "number",
        "held_on",
        "opened_at",
        "opened_by_id",
        "closed_at",
        "expected_cents",
        "counted_cents",
    ),
    "savings_turns": ("id", "meeting_id", "membership_id", "centre_id", "present", "recorded_at"),
    "savings_loans": (
        "id",
        "cycle_id",
        "membership_id",
        "meeting_id",
        "centre_id",
        "principal_cents",
        "charge_cents",
        "months",
        "lent_on",
    ),
    "savings_movements": (
        "id",
        "group_id",
        "cycle_id",
        "meeting_id",
        "membership_id",
        "loan_id",
        "by_membership_id",
        "reverses_id",
        "staff_id",
        "centre_id",
        "kind",
        "amount_cents",
        "shares",
        "created_at",
    ),
}

# Evaluated once per statement, not once per row (a sub-select is an init plan).
HERE = "(SELECT kiosk_centre())"
PUBLISHED = "'published'"
# Members a centre sees: its own, and every woman registered there.
MEMBER_HERE = (
    f"centre_id = {HERE} OR id IN "
    f"(SELECT member_id FROM member_registrations WHERE centre_id = {HERE})"
)

_MAKE_ROLES = f"""
DO $$
DECLARE
    wanted text;
BEGIN
    FOREACH wanted IN ARRAY ARRAY['{CENTRES}', '{COORDINATORS}'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = wanted) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', wanted);
            EXCEPTION
                -- Another database on this server made it at the same moment.
                WHEN duplicate_object OR unique_violation THEN NULL;
                WHEN insufficient_privilege THEN
                    RAISE EXCEPTION 'the role % is missing and % may not create roles', wanted,
                        current_user
                        USING HINT = 'Create it once as the server''s administrator: '
                            'CREATE ROLE ' || wanted || ' NOLOGIN; then run the upgrade again.';
            END;
        END IF;
    END LOOP;
END
$$
"""

_KIOSK_CENTRE = """
CREATE FUNCTION kiosk_centre() RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT id FROM centres WHERE db_role = current_user
$$
"""


# What a published listing shows of its seller on every centre's kiosk: her first name. Her row
# is not the other centres' to read, so this runs with the owner's rights and tells no more.
_SELLER_FIRST_NAMES = """
CREATE FUNCTION kiosk_seller_first_names(p_listings integer[])
RETURNS TABLE (listing_id integer, first_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT l.id, split_part(btrim(regexp_replace(m.name, '\\s+', ' ', 'g')), ' ', 1)
    FROM trade_listings l JOIN members m ON m.id = l.seller_id
    WHERE l.id = ANY (p_listings) AND l.status = 'published' AND m.erased_at IS NULL
$$
"""
DEFINERS = (
    "kiosk_phone_known(text)",
    "kiosk_register_here(text, integer)",
    "kiosk_seller_first_names(integer[])",
)


def _policies() -> list[tuple[str, str, str]]:
    """(table, policy name, what follows ``ON table``) for every policy of this revision."""
    found: list[tuple[str, str, str]] = []
    own = f"centre_id = {HERE}"
    for table in CENTRE_TABLES:
        found.append(
            (table, "centre_rows", f"FOR ALL TO {CENTRES} USING ({own}) WITH CHECK ({own})")
        )
    found += [
        (
            "trade_listings",
            "published_anywhere",
            f"FOR SELECT TO {CENTRES} USING (status = {PUBLISHED})",
        ),
        (
            "trade_photos",
            "published_anywhere",
            f"FOR SELECT TO {CENTRES} USING (listing_id IN "
            f"(SELECT id FROM trade_listings WHERE status = {PUBLISHED}))",
        ),
        ("members", "centre_read", f"FOR SELECT TO {CENTRES} USING ({MEMBER_HERE})"),
        ("members", "centre_add", f"FOR INSERT TO {CENTRES} WITH CHECK ({own})"),
        (
            "members",
            "centre_change",
            f"FOR UPDATE TO {CENTRES} USING ({MEMBER_HERE}) WITH CHECK ({MEMBER_HERE})",
        ),
        (
            "member_registrations",
            "centre_rows",
            f"FOR ALL TO {CENTRES} USING ({own}) WITH CHECK ({own})",
        ),
    ]
    for table in ("members", "member_registrations", *CENTRE_TABLES):
        found.append((table, "coordinator_reads", f"FOR SELECT TO {COORDINATORS} USING (true)"))
    return found


def _grants() -> list[str]:
    everything = "SELECT, INSERT, UPDATE, DELETE"
    grants = [
        f"GRANT {everything} ON {', '.join(CENTRE_TABLES)} TO {CENTRES}",
        f"GRANT {everything} ON member_registrations TO {CENTRES}",
        f"GRANT SELECT, INSERT, UPDATE ON members TO {CENTRES}",
        f"GRANT {everything} ON {', '.join(SHARED_TABLES)} TO {CENTRES}",
        f"GRANT SELECT, INSERT ON privacy_notices TO {CENTRES}",
        f"GRANT SELECT ON centres, alembic_version TO {CENTRES}",
        *(f"GRANT EXECUTE ON FUNCTION {function} TO {CENTRES}" for function in DEFINERS),
        f"GRANT SELECT ON {', '.join(SHARED_TABLES)} TO {COORDINATORS}",
        f"GRANT SELECT ON privacy_notices, centres, alembic_version TO {COORDINATORS}",
    ]
    for table, columns in COORDINATOR_COLUMNS.items():
        grants.append(f"GRANT SELECT ({', '.join(columns)}) ON {table} TO {COORDINATORS}")
    return grants


def _in_schema(statement: str) -> str:
    """``statement`` with ``{schema}`` the kiosk's schema, run from a DO block."""
    return f"""
    DO $$
    BEGIN
        EXECUTE format('{statement}', current_schema());
    END
    $$
    """


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_MAKE_ROLES)
    op.execute(_KIOSK_CENTRE)
    op.execute(_SELLER_FIRST_NAMES)
    # Only a centre's stations (and the owner) may use what looks across centres.
    for function in DEFINERS:
        op.execute(f"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC")
    for both in (CENTRES, COORDINATORS):
        op.execute(_in_schema(f"GRANT USAGE ON SCHEMA %I TO {both}"))
    op.execute(_in_schema(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO {CENTRES}"))
    for grant in _grants():
        op.execute(grant)
    for table in ("members", "member_registrations", *CENTRE_TABLES):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for table, name, rule in _policies():
        op.execute(f"CREATE POLICY {name} ON {table} {rule}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, name, _rule in reversed(_policies()):
        op.execute(f"DROP POLICY {name} ON {table}")
    for table in ("members", "member_registrations", *CENTRE_TABLES):
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    tables = (
        "members",
        "member_registrations",
        *CENTRE_TABLES,
        *SHARED_TABLES,
        "privacy_notices",
        "centres",
        "alembic_version",
    )
    for both in (CENTRES, COORDINATORS):
        op.execute(f"REVOKE ALL ON {', '.join(tables)} FROM {both}")
        op.execute(_in_schema(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM {both}"))
        op.execute(_in_schema(f"REVOKE USAGE ON SCHEMA %I FROM {both}"))
    for function in DEFINERS[:2]:  # 0017's, as 0017 left them
        op.execute(f"REVOKE EXECUTE ON FUNCTION {function} FROM {CENTRES}")
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO PUBLIC")
    op.execute(f"DROP FUNCTION {DEFINERS[2]}")
    op.execute("DROP FUNCTION kiosk_centre()")
