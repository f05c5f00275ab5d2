"""The tables of the first schema (revision 0001), by area: the people and their visits
(members, staff, children, trainings, the children's room, slips), then what the kiosk offers
them (jobs, trade, programs), which point at the people.

Frozen with that revision: later changes go in new revisions, never here."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import (
    VOUCHER_KINDS_0001,
    choice_column,
    create_indexes,
    id_table,
    index_columns,
    ref,
    voucher_kind,
)

PEOPLE = (
    "members",
    "staff_users",
    "children",
    "pickup_people",
    "help_requests",
    "staff_shifts",
    "trainings",
    "training_sessions",
    "enrollments",
    "pickup_codes",
    "childcare_visits",
    "vouchers",
    "audit_events",
)
OFFERS = (
    "job_postings",
    "job_interests",
    "trade_listings",
    "organizations",
    "services",
    "referrals",
)


def create_people() -> None:
    id_table(
        "members",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=10), nullable=True),
        sa.Column("locality", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("privacy_consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("phone", name=op.f("uq_members_phone")),
    )

    id_table(
        "staff_users",
        sa.Column("name", sa.String(length=120), nullable=False),
        choice_column("role", "staff_role", "staff", "volunteer"),
        sa.Column("pin_hash", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_pins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", name=op.f("uq_staff_users_name")),
    )

    id_table(
        "children",
        *ref("children", "guardian_id", "members"),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("medical_note", sa.Text(), nullable=False),
        sa.Column("has_allergy", sa.Boolean(), nullable=False),
        sa.Column("photo_path", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    index_columns("children", "guardian_id")

    id_table(
        "pickup_people",
        *ref("pickup_people", "child_id", "children"),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("relation", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=10), nullable=True),
        sa.Column("allowed", sa.Boolean(), nullable=False),
    )
    index_columns("pickup_people", "child_id")

    id_table(
        "help_requests",
        sa.Column("station_name", sa.String(length=80), nullable=False),
        sa.Column("page", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        *ref("help_requests", "resolved_by_id", "staff_users", nullable=True),
    )
    create_indexes("help_requests", ("ix_help_requests_open", ["resolved_at", "created_at"]))

    id_table(
        "staff_shifts",
        *ref("staff_shifts", "staff_id", "staff_users"),
        choice_column("station", "station", "member", "childcare", "staff"),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    create_indexes("staff_shifts", ("ix_staff_shifts_station_open", ["station", "ended_at"]))

    id_table(
        "trainings",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("duration_text", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
    )

    id_table(
        "training_sessions",
        *ref("training_sessions", "training_id", "trainings"),
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
    )
    create_indexes(
        "training_sessions", ("ix_training_sessions_upcoming", ["starts_at", "training_id"])
    )

    id_table(
        "enrollments",
        *ref("enrollments", "member_id", "members"),
        *ref("enrollments", "session_id", "training_sessions"),
        choice_column(
            "status",
            "enrollment_status",
            "enrolled",
            "waitlisted",
            "cancelled",
            "attended",
            "no_show",
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
        sa.UniqueConstraint(
            "member_id", "session_id", name=op.f("uq_enrollments_member_id_session_id")
        ),
        sa.UniqueConstraint(
            "session_id",
            "waitlist_position",
            name=op.f("uq_enrollments_session_id_waitlist_position"),
        ),
    )
    create_indexes(
        "enrollments",
        ("ix_enrollments_session_status", ["session_id", "status", "waitlist_position"]),
    )
    index_columns("enrollments", "member_id")

    id_table(
        "pickup_codes",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("picture", sa.String(length=40), nullable=False),
        *ref("pickup_codes", "guardian_id", "members"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("day", "code", name=op.f("uq_pickup_codes_day_code")),
    )
    index_columns("pickup_codes", "guardian_id")

    id_table(
        "childcare_visits",
        *ref("childcare_visits", "child_id", "children"),
        *ref("childcare_visits", "pickup_code_id", "pickup_codes"),
        *ref("childcare_visits", "enrollment_id", "enrollments", nullable=True),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=False),
        *ref("childcare_visits", "checked_in_by_id", "staff_users", nullable=True),
        sa.Column("checked_out_at", sa.DateTime(timezone=True), nullable=True),
        *ref("childcare_visits", "checked_out_by_id", "staff_users", nullable=True),
        sa.Column("picked_up_by", sa.String(length=120), nullable=False),
    )
    create_indexes(
        "childcare_visits", ("ix_childcare_visits_in_room", ["checked_out_at", "checked_in_at"])
    )
    index_columns("childcare_visits", "child_id", "pickup_code_id")

    id_table(
        "vouchers",
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("kind", voucher_kind(VOUCHER_KINDS_0001), nullable=False),
        sa.Column("subject_table", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        choice_column("print_status", "print_status", "waiting", "printed", "failed", "saved"),
        sa.Column("print_error", sa.String(length=200), nullable=False),
        sa.Column("printed_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=True),
        *ref("vouchers", "redeemed_by_id", "staff_users", nullable=True),
        sa.UniqueConstraint("number", name=op.f("uq_vouchers_number")),
    )
    create_indexes("vouchers", ("ix_vouchers_print_queue", ["print_status", "created_at"]))

    id_table(
        "audit_events",
        *ref("audit_events", "staff_id", "staff_users", nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_table", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    create_indexes("audit_events", ("ix_audit_events_when", ["created_at"]))


def create_offers() -> None:
    id_table(
        "job_postings",
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        choice_column(
            "category",
            "job_category",
            "cocina",
            "limpieza",
            "costura",
            "ventas",
            "cuidado",
            "fabrica",
            "campo",
            "oficina",
            "otros",
        ),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("how_to_apply", sa.Text(), nullable=False),
        sa.Column("what_to_bring", sa.JSON(), nullable=False),
        sa.Column("pay_amount", sa.Numeric(precision=10, scale=2), nullable=False),
        choice_column("pay_unit", "pay_unit", "hour", "day", "week", "month"),
        choice_column(
            "employment_type",
            "employment_type",
            "full_time",
            "part_time",
            "temporary",
            "per_day",
            "other",
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
        choice_column("status", "posting_status", "open", "closed"),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("openings >= 0", name=op.f("ck_job_postings_openings_not_negative")),
        sa.CheckConstraint("pay_amount >= 0", name=op.f("ck_job_postings_pay_not_negative")),
        sa.UniqueConstraint("external_id", name=op.f("uq_job_postings_external_id")),
    )
    create_indexes(
        "job_postings",
        (
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
        ),
    )

    id_table(
        "job_interests",
        *ref("job_interests", "job_id", "job_postings"),
        *ref("job_interests", "member_id", "members", nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    index_columns("job_interests", "job_id", "member_id")

    id_table(
        "trade_listings",
        *ref("trade_listings", "seller_id", "members"),
        sa.Column("title", sa.String(length=120), nullable=False),
        choice_column(
            "category",
            "trade_category",
            "comida",
            "panaderia",
            "manualidades",
            "costura",
            "papeleria",
            "servicios",
            "plantas",
            "otros",
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=False),
        choice_column("price_unit", "price_unit", "pieza", "docena", "kilo", "servicio", "paquete"),
        sa.Column("photo_path", sa.String(length=300), nullable=True),
        sa.Column("contact_phone", sa.String(length=10), nullable=True),
        sa.Column("locality", sa.String(length=80), nullable=False),
        choice_column("status", "listing_status", "pending", "published", "rejected", "withdrawn"),
        sa.Column("reject_reason", sa.String(length=200), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("price >= 0", name=op.f("ck_trade_listings_price_not_negative")),
    )
    create_indexes(
        "trade_listings", ("ix_trade_listings_browse", ["category", "status", "created_at"])
    )
    index_columns("trade_listings", "seller_id")

    id_table(
        "organizations",
        sa.Column("hsds_id", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("hsds_id", name=op.f("uq_organizations_hsds_id")),
    )

    id_table(
        "services",
        sa.Column("hsds_id", sa.String(length=64), nullable=True),
        *ref("services", "organization_id", "organizations"),
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
        choice_column("level", "program_level", "federal", "estatal", "municipal", "osc"),
        choice_column(
            "need",
            "program_need",
            "negocio",
            "ahorro",
            "capacitacion",
            "legal",
            "salud",
            "ninos",
            "vivienda",
            "alimentos",
        ),
        choice_column("status", "service_status", "active", "inactive"),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age",
            name=op.f("ck_services_ages_in_order"),
        ),
        sa.UniqueConstraint("hsds_id", name=op.f("uq_services_hsds_id")),
    )
    create_indexes("services", ("ix_services_browse", ["need", "status", "level", "name"]))
    index_columns("services", "organization_id")

    id_table(
        "referrals",
        *ref("referrals", "member_id", "members"),
        *ref("referrals", "service_id", "services"),
        *ref("referrals", "staff_id", "staff_users", nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        choice_column(
            "status",
            "referral_status",
            "sin_actualizar",
            "necesita_accion",
            "pendiente",
            "recibio_apoyo",
            "no_contactada",
            "no_elegible",
            "sin_cupo",
            "sin_interes",
        ),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    create_indexes("referrals", ("ix_referrals_follow_up", ["status", "follow_up_on"]))
    index_columns("referrals", "member_id", "service_id")
