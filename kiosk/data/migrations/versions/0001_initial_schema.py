"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "job_postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "cocina",
                "limpieza",
                "costura",
                "ventas",
                "cuidado",
                "fabrica",
                "campo",
                "oficina",
                "otros",
                name="job_category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("how_to_apply", sa.Text(), nullable=False),
        sa.Column("what_to_bring", sa.JSON(), nullable=False),
        sa.Column("pay_amount", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column(
            "pay_unit",
            sa.Enum(
                "hour",
                "day",
                "week",
                "month",
                name="pay_unit",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "employment_type",
            sa.Enum(
                "full_time",
                "part_time",
                "temporary",
                "per_day",
                "other",
                name="employment_type",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("schedule", sa.String(length=200), nullable=False),
        sa.Column("fits_school_hours", sa.Boolean(), nullable=False),
        sa.Column("no_experience_needed", sa.Boolean(), nullable=False),
        sa.Column("starts_now", sa.Boolean(), nullable=False),
        sa.Column("locality", sa.String(length=80), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("contact_phone", sa.String(length=10), nullable=False),
        sa.Column("openings", sa.Integer(), nullable=False),
        sa.Column("date_posted", sa.Date(), nullable=False),
        sa.Column("valid_through", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "closed",
                name="posting_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("openings >= 0", name=op.f("ck_job_postings_openings_not_negative")),
        sa.CheckConstraint("pay_amount >= 0", name=op.f("ck_job_postings_pay_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_postings")),
        sa.UniqueConstraint("external_id", name=op.f("uq_job_postings_external_id")),
    )
    with op.batch_alter_table("job_postings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_job_postings_browse",
            [
                "category",
                "status",
                "valid_through",
                "openings",
                "date_posted",
                "fits_school_hours",
                "no_experience_needed",
                "pay_unit",
                "locality",
                "id",
            ],
            unique=False,
        )

    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=10), nullable=True),
        sa.Column("locality", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("privacy_consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("phone", name=op.f("uq_members_phone")),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hsds_id", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
        sa.UniqueConstraint("hsds_id", name=op.f("uq_organizations_hsds_id")),
    )
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "staff",
                "volunteer",
                name="staff_role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("pin_hash", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_pins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_users_name")),
    )
    op.create_table(
        "trainings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("duration_text", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainings")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_table", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_users.id"], name=op.f("fk_audit_events_staff_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_when", ["created_at"], unique=False)

    op.create_table(
        "children",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("medical_note", sa.Text(), nullable=False),
        sa.Column("has_allergy", sa.Boolean(), nullable=False),
        sa.Column("photo_path", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["guardian_id"], ["members.id"], name=op.f("fk_children_guardian_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_children")),
    )
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_children_guardian_id"), ["guardian_id"], unique=False)

    op.create_table(
        "help_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_name", sa.String(length=80), nullable=False),
        sa.Column("page", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["staff_users.id"],
            name=op.f("fk_help_requests_resolved_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_requests")),
    )
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.create_index("ix_help_requests_open", ["resolved_at", "created_at"], unique=False)

    op.create_table(
        "job_interests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job_postings.id"], name=op.f("fk_job_interests_job_id_job_postings")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_job_interests_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_interests")),
    )
    with op.batch_alter_table("job_interests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_interests_job_id"), ["job_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_job_interests_member_id"), ["member_id"], unique=False)

    op.create_table(
        "pickup_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("picture", sa.String(length=40), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["guardian_id"], ["members.id"], name=op.f("fk_pickup_codes_guardian_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pickup_codes")),
        sa.UniqueConstraint("day", "code", name=op.f("uq_pickup_codes_day_code")),
    )
    with op.batch_alter_table("pickup_codes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pickup_codes_guardian_id"), ["guardian_id"], unique=False
        )

    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hsds_id", sa.String(length=64), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("benefit", sa.Text(), nullable=False),
        sa.Column("eligibility", sa.Text(), nullable=False),
        sa.Column("minimum_age", sa.Integer(), nullable=True),
        sa.Column("maximum_age", sa.Integer(), nullable=True),
        sa.Column("application_process", sa.Text(), nullable=False),
        sa.Column("fees", sa.String(length=200), nullable=False),
        sa.Column("required_documents", sa.JSON(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("locality", sa.String(length=80), nullable=False),
        sa.Column("directions", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("schedule", sa.String(length=200), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "federal",
                "estatal",
                "municipal",
                "osc",
                name="program_level",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "need",
            sa.Enum(
                "negocio",
                "ahorro",
                "capacitacion",
                "legal",
                "salud",
                "ninos",
                "vivienda",
                "alimentos",
                name="program_need",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "inactive",
                name="service_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age",
            name=op.f("ck_services_ages_in_order"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_services_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
        sa.UniqueConstraint("hsds_id", name=op.f("uq_services_hsds_id")),
    )
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.create_index(
            "ix_services_browse", ["need", "status", "level", "name"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_services_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "staff_shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column(
            "station",
            sa.Enum(
                "member",
                "childcare",
                "staff",
                name="station",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_users.id"], name=op.f("fk_staff_shifts_staff_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_shifts")),
    )
    with op.batch_alter_table("staff_shifts", schema=None) as batch_op:
        batch_op.create_index("ix_staff_shifts_station_open", ["station", "ended_at"], unique=False)

    op.create_table(
        "trade_listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "comida",
                "panaderia",
                "manualidades",
                "costura",
                "papeleria",
                "servicios",
                "plantas",
                "otros",
                name="trade_category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column(
            "price_unit",
            sa.Enum(
                "pieza",
                "docena",
                "kilo",
                "servicio",
                "paquete",
                name="price_unit",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("photo_path", sa.String(length=300), nullable=True),
        sa.Column("contact_phone", sa.String(length=10), nullable=True),
        sa.Column("locality", sa.String(length=80), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "published",
                "rejected",
                "withdrawn",
                name="listing_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reject_reason", sa.String(length=200), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("price >= 0", name=op.f("ck_trade_listings_price_not_negative")),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["members.id"], name=op.f("fk_trade_listings_seller_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trade_listings")),
    )
    with op.batch_alter_table("trade_listings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_trade_listings_browse", ["category", "status", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_trade_listings_seller_id"), ["seller_id"], unique=False
        )

    op.create_table(
        "training_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("training_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("seats_taken", sa.Integer(), nullable=False),
        sa.Column("childcare_taken", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_training_sessions_ends_after_start")
        ),
        sa.CheckConstraint("seats >= 0", name=op.f("ck_training_sessions_seats_not_negative")),
        sa.ForeignKeyConstraint(
            ["training_id"],
            ["trainings.id"],
            name=op.f("fk_training_sessions_training_id_trainings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_sessions")),
    )
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_training_sessions_upcoming", ["starts_at", "training_id"], unique=False
        )

    op.create_table(
        "vouchers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "training",
                "waitlist",
                "job",
                "trade",
                "referral",
                "pickup",
                "member_card",
                "staff_list",
                "test",
                name="voucher_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("subject_table", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column(
            "print_status",
            sa.Enum(
                "waiting",
                "printed",
                "failed",
                "saved",
                name="print_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("print_error", sa.String(length=200), nullable=False),
        sa.Column("printed_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("redeemed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["redeemed_by_id"],
            ["staff_users.id"],
            name=op.f("fk_vouchers_redeemed_by_id_staff_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vouchers")),
        sa.UniqueConstraint("number", name=op.f("uq_vouchers_number")),
    )
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_vouchers_print_queue", ["print_status", "created_at"], unique=False
        )

    op.create_table(
        "enrollments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "enrolled",
                "waitlisted",
                "cancelled",
                "attended",
                "no_show",
                name="enrollment_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("waitlist_position", sa.Integer(), nullable=True),
        sa.Column("children_count", sa.Integer(), nullable=False),
        sa.Column("childcare_reserved", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("promoted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "children_count BETWEEN 0 AND 6", name=op.f("ck_enrollments_children_count_range")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_enrollments_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_enrollments_session_id_training_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollments")),
        sa.UniqueConstraint(
            "member_id", "session_id", name=op.f("uq_enrollments_member_id_session_id")
        ),
        sa.UniqueConstraint(
            "session_id",
            "waitlist_position",
            name=op.f("uq_enrollments_session_id_waitlist_position"),
        ),
    )
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrollments_member_id"), ["member_id"], unique=False)
        batch_op.create_index(
            "ix_enrollments_session_status",
            ["session_id", "status", "waitlist_position"],
            unique=False,
        )

    op.create_table(
        "pickup_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("relation", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=10), nullable=True),
        sa.Column("allowed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_pickup_people_child_id_children")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pickup_people")),
    )
    with op.batch_alter_table("pickup_people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pickup_people_child_id"), ["child_id"], unique=False)

    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "sin_actualizar",
                "necesita_accion",
                "pendiente",
                "recibio_apoyo",
                "no_contactada",
                "no_elegible",
                "sin_cupo",
                "sin_interes",
                name="referral_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_referrals_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_referrals_service_id_services")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_users.id"], name=op.f("fk_referrals_staff_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index("ix_referrals_follow_up", ["status", "follow_up_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_referrals_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referrals_service_id"), ["service_id"], unique=False)

    op.create_table(
        "childcare_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("pickup_code_id", sa.Integer(), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), nullable=True),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_in_by_id", sa.Integer(), nullable=True),
        sa.Column("checked_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checked_out_by_id", sa.Integer(), nullable=True),
        sa.Column("picked_up_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["checked_in_by_id"],
            ["staff_users.id"],
            name=op.f("fk_childcare_visits_checked_in_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["checked_out_by_id"],
            ["staff_users.id"],
            name=op.f("fk_childcare_visits_checked_out_by_id_staff_users"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_childcare_visits_child_id_children")
        ),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("fk_childcare_visits_enrollment_id_enrollments"),
        ),
        sa.ForeignKeyConstraint(
            ["pickup_code_id"],
            ["pickup_codes.id"],
            name=op.f("fk_childcare_visits_pickup_code_id_pickup_codes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_childcare_visits")),
    )
    with op.batch_alter_table("childcare_visits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_childcare_visits_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(
            "ix_childcare_visits_in_room", ["checked_out_at", "checked_in_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_childcare_visits_pickup_code_id"), ["pickup_code_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("childcare_visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_childcare_visits_pickup_code_id"))
        batch_op.drop_index("ix_childcare_visits_in_room")
        batch_op.drop_index(batch_op.f("ix_childcare_visits_child_id"))

    op.drop_table("childcare_visits")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_service_id"))
        batch_op.drop_index(batch_op.f("ix_referrals_member_id"))
        batch_op.drop_index("ix_referrals_follow_up")

    op.drop_table("referrals")
    with op.batch_alter_table("pickup_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pickup_people_child_id"))

    op.drop_table("pickup_people")
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_index("ix_enrollments_session_status")
        batch_op.drop_index(batch_op.f("ix_enrollments_member_id"))

    op.drop_table("enrollments")
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.drop_index("ix_vouchers_print_queue")

    op.drop_table("vouchers")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_training_sessions_upcoming")

    op.drop_table("training_sessions")
    with op.batch_alter_table("trade_listings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trade_listings_seller_id"))
        batch_op.drop_index("ix_trade_listings_browse")

    op.drop_table("trade_listings")
    with op.batch_alter_table("staff_shifts", schema=None) as batch_op:
        batch_op.drop_index("ix_staff_shifts_station_open")

    op.drop_table("staff_shifts")
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_services_organization_id"))
        batch_op.drop_index("ix_services_browse")

    op.drop_table("services")
    with op.batch_alter_table("pickup_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pickup_codes_guardian_id"))

    op.drop_table("pickup_codes")
    with op.batch_alter_table("job_interests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_interests_member_id"))
        batch_op.drop_index(batch_op.f("ix_job_interests_job_id"))

    op.drop_table("job_interests")
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_help_requests_open")

    op.drop_table("help_requests")
    with op.batch_alter_table("children", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_children_guardian_id"))

    op.drop_table("children")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_when")

    op.drop_table("audit_events")
    op.drop_table("trainings")
    op.drop_table("staff_users")
    op.drop_table("organizations")
    op.drop_table("members")
    with op.batch_alter_table("job_postings", schema=None) as batch_op:
        batch_op.drop_index("ix_job_postings_browse")

    op.drop_table("job_postings")
