"""The first schema (revision 0001): what the kiosk offers her, the job bank, the trade
centre and programs (HSDS).

Frozen with that revision: later changes go in new revisions, never here."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.data.migrations.kit import choice, create_indexes, fk

TABLES = (
    "job_postings",
    "job_interests",
    "trade_listings",
    "organizations",
    "services",
    "referrals",
)


def create() -> None:
    op.create_table(
        "job_postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            choice(
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
            nullable=False,
        ),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("how_to_apply", sa.Text(), nullable=False),
        sa.Column("what_to_bring", sa.JSON(), nullable=False),
        sa.Column("pay_amount", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column(
            "pay_unit",
            choice("pay_unit", "hour", "day", "week", "month"),
            nullable=False,
        ),
        sa.Column(
            "employment_type",
            choice("employment_type", "full_time", "part_time", "temporary", "per_day", "other"),
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
            choice("posting_status", "open", "closed"),
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

    op.create_table(
        "job_interests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        fk("job_interests", "job_id", "job_postings"),
        fk("job_interests", "member_id", "members"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_interests")),
    )
    create_indexes(
        "job_interests",
        (op.f("ix_job_interests_job_id"), ["job_id"]),
        (op.f("ix_job_interests_member_id"), ["member_id"]),
    )

    op.create_table(
        "trade_listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column(
            "category",
            choice(
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
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("price", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column(
            "price_unit",
            choice("price_unit", "pieza", "docena", "kilo", "servicio", "paquete"),
            nullable=False,
        ),
        sa.Column("photo_path", sa.String(length=300), nullable=True),
        sa.Column("contact_phone", sa.String(length=10), nullable=True),
        sa.Column("locality", sa.String(length=80), nullable=False),
        sa.Column(
            "status",
            choice("listing_status", "pending", "published", "rejected", "withdrawn"),
            nullable=False,
        ),
        sa.Column("reject_reason", sa.String(length=200), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("price >= 0", name=op.f("ck_trade_listings_price_not_negative")),
        fk("trade_listings", "seller_id", "members"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trade_listings")),
    )
    create_indexes(
        "trade_listings",
        ("ix_trade_listings_browse", ["category", "status", "created_at"]),
        (op.f("ix_trade_listings_seller_id"), ["seller_id"]),
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
            choice("program_level", "federal", "estatal", "municipal", "osc"),
            nullable=False,
        ),
        sa.Column(
            "need",
            choice(
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
            nullable=False,
        ),
        sa.Column(
            "status",
            choice("service_status", "active", "inactive"),
            nullable=False,
        ),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age",
            name=op.f("ck_services_ages_in_order"),
        ),
        fk("services", "organization_id", "organizations"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
        sa.UniqueConstraint("hsds_id", name=op.f("uq_services_hsds_id")),
    )
    create_indexes(
        "services",
        ("ix_services_browse", ["need", "status", "level", "name"]),
        (op.f("ix_services_organization_id"), ["organization_id"]),
    )

    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "status",
            choice(
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
            nullable=False,
        ),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        fk("referrals", "member_id", "members"),
        fk("referrals", "service_id", "services"),
        fk("referrals", "staff_id", "staff_users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    create_indexes(
        "referrals",
        ("ix_referrals_follow_up", ["status", "follow_up_on"]),
        (op.f("ix_referrals_member_id"), ["member_id"]),
        (op.f("ix_referrals_service_id"), ["service_id"]),
    )
