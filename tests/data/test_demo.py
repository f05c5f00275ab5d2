"""The example data: minimums and coverage, dates counted from today, determinism, one
transaction, staff PINs, seat counters and the scaled generator."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data import db
from kiosk.data.demo import DemoError, DemoSummary, database_is_empty, load_demo
from kiosk.data.models import (
    Base,
    Child,
    Enrollment,
    EnrollmentStatus,
    JobCategory,
    JobPosting,
    ListingStatus,
    Member,
    Organization,
    PayUnit,
    PickupPerson,
    PostingStatus,
    PriceUnit,
    ProgramLevel,
    ProgramNeed,
    Referral,
    Service,
    ServiceStatus,
    StaffRole,
    StaffUser,
    TradeCategory,
    TradeListing,
    Training,
    TrainingSession,
)
from kiosk.data.sqlite_files import engine_url
from kiosk.security import verify_pin

TODAY = date(2030, 1, 15)  # far from the real date: anything not counted from `today` shows
CENTRE_TZ = ZoneInfo("America/Chihuahua")
DOCUMENTS = {
    "ine",
    "curp",
    "comprobante_domicilio",
    "acta_nacimiento",
    "fotografia",
    "rfc",
    "solicitud_empleo",
}
FICTIONAL_PHONE = re.compile(r"614555\d{4}")
SENSIBLE_PAY = {
    PayUnit.HOUR: (30, 200),
    PayUnit.DAY: (200, 1_000),
    PayUnit.WEEK: (1_000, 6_000),
    PayUnit.MONTH: (5_000, 25_000),
}
LISTING_TABLES = ("job_postings", "trade_listings", "services")

Factory = sessionmaker[Session]


@pytest.fixture
def other_sqlite(tmp_path: Path) -> Iterator[Callable[[str], Factory]]:
    """Fresh, migrated SQLite databases besides the one under test (for comparisons)."""
    engines = []

    def make(name: str) -> Factory:
        engine = db.make_engine(engine_url(tmp_path / f"{name}.sqlite3"))
        db.migrate(engine)
        engines.append(engine)
        return db.make_session_factory(engine)

    yield make
    for engine in engines:
        engine.dispose()


def _all(factory: Factory, model: type[Any]) -> list[Any]:
    with factory() as s:
        return list(s.scalars(select(model).order_by(model.id)))


# Rows the schema itself writes (the migrations add the children's room), not data.
SCHEMA_ROWS = {"childcare_rooms", "centres"}


def _table_counts(factory: Factory) -> dict[str, int]:
    with factory() as s:
        return {
            table.name: s.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
            if table.name not in SCHEMA_ROWS
        }


def _snapshot(factory: Factory) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary key order, as the column types read them back."""
    with factory() as s:
        return {
            table.name: [
                tuple(row) for row in s.execute(select(table).order_by(*table.primary_key))
            ]
            for table in Base.metadata.sorted_tables
            if table.name not in SCHEMA_ROWS
        }


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _load(factory: Factory, **kwargs: Any) -> DemoSummary:
    kwargs.setdefault("today", TODAY)
    return load_demo(factory, **kwargs)


# --- content ------------------------------------------------------------------------------------


def test_the_demo_meets_the_minimums_and_covers_every_choice(session_factory: Factory) -> None:
    assert database_is_empty(session_factory)
    summary = _load(session_factory)
    assert not database_is_empty(session_factory)

    counts = _table_counts(session_factory)
    for table, added in summary.counts.items():
        assert counts[table] == added, table
    assert {table for table, rows in counts.items() if rows} == set(summary.counts)
    assert counts["help_requests"] == 0

    jobs = _all(session_factory, JobPosting)
    assert len(jobs) >= 40
    assert {job.category for job in jobs} == set(JobCategory)
    for job in jobs:
        low, high = SENSIBLE_PAY[job.pay_unit]
        assert low <= job.pay_amount <= high, (job.title, job.pay_amount, job.pay_unit)
        assert job.what_to_bring
        assert set(job.what_to_bring) <= DOCUMENTS
        assert job.locality
        assert job.employer
    for flag in ("fits_school_hours", "no_experience_needed", "starts_now"):
        values = {getattr(job, flag) for job in jobs}
        assert values == {True, False}, flag
    assert len({job.locality for job in jobs}) >= 4
    assert len({job.pay_unit for job in jobs}) == len(PayUnit)

    listings = _all(session_factory, TradeListing)
    assert len(listings) >= 30
    assert {item.category for item in listings} == set(TradeCategory)
    assert {item.price_unit for item in listings} == set(PriceUnit)
    statuses = Counter(item.status for item in listings)
    assert statuses[ListingStatus.PUBLISHED] > len(listings) / 2
    assert statuses[ListingStatus.PENDING] >= 1
    assert statuses[ListingStatus.WITHDRAWN] >= 1
    assert statuses[ListingStatus.REJECTED] >= 1
    never_shown = (ListingStatus.PENDING, ListingStatus.REJECTED)
    for item in listings:
        assert (item.published_at is None) == (item.status in never_shown), item.title
        assert bool(item.reject_reason) == (item.status is ListingStatus.REJECTED), item.title
        assert item.price > 0
    member_ids = {member.id for member in _all(session_factory, Member)}
    assert {item.seller_id for item in listings} <= member_ids

    services = _all(session_factory, Service)
    active = [service for service in services if service.status is ServiceStatus.ACTIVE]
    assert len(active) >= 25
    assert {service.level for service in active} == set(ProgramLevel)
    assert {service.need for service in active} == set(ProgramNeed)
    for service in services:
        for field in (
            "name",
            "description",
            "eligibility",
            "benefit",
            "application_process",
            "fees",
            "address",
            "locality",
            "directions",
            "phone",
            "schedule",
        ):
            assert getattr(service, field), (service.name, field)
        assert service.required_documents
        assert set(service.required_documents) <= DOCUMENTS
        assert service.assured_date is not None
    assert sum(service.fees == "Gratuito" for service in services) > len(services) / 2
    assert any(service.minimum_age is not None for service in services)
    assert any(service.maximum_age is not None for service in services)
    per_organization = Counter(service.organization_id for service in services)
    assert max(per_organization.values()) >= 2

    trainings = _all(session_factory, Training)
    sessions = _all(session_factory, TrainingSession)
    assert len(trainings) >= 8
    per_training = Counter(one.training_id for one in sessions)
    for training in trainings:
        assert 1 <= per_training[training.id] <= 3, training.title
        assert re.fullmatch(r"[a-z0-9_-]{2,40}", training.topic)
    for one in sessions:
        assert 10 <= one.seats <= 20
        assert one.place

    members = _all(session_factory, Member)
    assert len(members) >= 12
    assert len({member.name for member in members}) == len(members)
    for member in members:
        assert member.privacy_consent_at is not None
        assert member.locality

    children = _all(session_factory, Child)
    assert len(children) >= 6
    assert {child.guardian_id for child in children} <= member_ids
    assert any(child.has_allergy and child.medical_note for child in children)
    pickups = _all(session_factory, PickupPerson)
    assert any(person.allowed for person in pickups)
    assert any(not person.allowed for person in pickups)

    staff = _all(session_factory, StaffUser)
    assert Counter(user.role for user in staff) == {StaffRole.STAFF: 2, StaffRole.VOLUNTEER: 1}

    referrals = _all(session_factory, Referral)
    assert len(referrals) >= 2
    assert all(referral.follow_up_on is not None for referral in referrals)


def test_every_example_row_is_flagged_and_says_it_is_an_example(session_factory: Factory) -> None:
    _load(session_factory)
    flagged = [t for t in Base.metadata.sorted_tables if "is_example" in t.c]
    assert {t.name for t in flagged} >= {
        "members",
        "job_postings",
        "trade_listings",
        "organizations",
        "services",
        "trainings",
    }
    with session_factory() as s:
        for table in flagged:
            total = s.scalar(select(func.count()).select_from(table))
            not_flagged = s.scalar(
                select(func.count()).select_from(table).where(table.c.is_example.is_(False))
            )
            assert total, table.name
            assert not_flagged == 0, table.name

    def says_example(*texts: str) -> bool:
        return "ejemplo" in " ".join(texts).lower()

    assert all(says_example(j.description, j.employer) for j in _all(session_factory, JobPosting))
    assert all(says_example(t.description) for t in _all(session_factory, TradeListing))
    assert all(says_example(s.description) for s in _all(session_factory, Service))
    assert all(says_example(o.description) for o in _all(session_factory, Organization))
    assert all(says_example(t.description) for t in _all(session_factory, Training))


def test_every_phone_number_is_ten_fictional_digits(session_factory: Factory) -> None:
    _load(session_factory)
    phones = [m.phone for m in _all(session_factory, Member)]
    phones += [j.contact_phone for j in _all(session_factory, JobPosting)]
    phones += [t.contact_phone for t in _all(session_factory, TradeListing) if t.contact_phone]
    phones += [o.phone for o in _all(session_factory, Organization)]
    phones += [s.phone for s in _all(session_factory, Service)]
    phones += [p.phone for p in _all(session_factory, PickupPerson) if p.phone]
    assert len(phones) > 100
    for phone in phones:
        assert phone is not None
        assert FICTIONAL_PHONE.fullmatch(phone), phone


# --- dates ------------------------------------------------------------------------------------


def test_dates_are_counted_from_today(session_factory: Factory) -> None:
    _load(session_factory)

    jobs = _all(session_factory, JobPosting)
    for job in jobs:
        assert job.date_posted <= TODAY, job.title
        assert job.valid_through > job.date_posted, job.title
        assert job.date_posted >= TODAY - timedelta(days=120), job.title
    open_jobs = [job for job in jobs if job.status is PostingStatus.OPEN]
    current = [job for job in open_jobs if job.valid_through >= TODAY]
    expired = [job for job in open_jobs if job.valid_through < TODAY]
    assert len(expired) >= 2
    assert any(job.openings == 0 for job in current)
    assert any(job.status is PostingStatus.CLOSED for job in jobs)
    weeks_ahead = [job for job in current if job.valid_through >= TODAY + timedelta(days=14)]
    assert len(weeks_ahead) > len(open_jobs) / 2

    now = datetime.combine(TODAY, datetime.max.time(), tzinfo=CENTRE_TZ)
    for one in _all(session_factory, TrainingSession):
        starts, ends = one.starts_at, one.ends_at
        assert starts.tzinfo is not None and ends.tzinfo is not None
        local_start, local_end = starts.astimezone(CENTRE_TZ), ends.astimezone(CENTRE_TZ)
        assert TODAY < local_start.date() <= TODAY + timedelta(days=60)
        assert 8 <= local_start.hour <= 18, local_start
        assert local_start < local_end <= local_start.replace(hour=21)
        assert local_start.weekday() != 6  # Sunday

    services = _all(session_factory, Service)
    half_year_ago = TODAY - timedelta(days=183)
    assert all(s.assured_date is not None and s.assured_date <= TODAY for s in services)
    stale = [s for s in services if s.assured_date is not None and s.assured_date < half_year_ago]
    assert 1 <= len(stale) < len(services) / 2

    for child in _all(session_factory, Child):
        assert 1 <= _age(child.birth_date, TODAY) <= 10, child.name

    for item in _all(session_factory, TradeListing):
        assert item.created_at <= now
        assert item.published_at is None or item.created_at <= item.published_at <= now
    for member in _all(session_factory, Member):
        assert member.privacy_consent_at is not None and member.privacy_consent_at <= now
    for referral in _all(session_factory, Referral):
        assert referral.follow_up_on is not None
        assert abs((referral.follow_up_on - TODAY).days) <= 30


def test_another_day_moves_the_dates_and_keeps_the_rest(
    session_factory: Factory, other_sqlite: Callable[[str], Factory]
) -> None:
    later = other_sqlite("later")
    _load(session_factory)
    _load(later, today=TODAY + timedelta(days=10))
    shift = timedelta(days=10)
    pairs = zip(_all(session_factory, JobPosting), _all(later, JobPosting), strict=True)
    for first, second in pairs:
        assert (second.title, second.pay_amount) == (first.title, first.pay_amount)
        assert second.date_posted == first.date_posted + shift
        assert second.valid_through == first.valid_through + shift
    pairs = zip(_all(session_factory, Child), _all(later, Child), strict=True)
    for first, second in pairs:
        assert second.birth_date == first.birth_date + shift


# --- determinism and the one transaction --------------------------------------------------------


def test_the_same_day_gives_the_same_data_and_pins(
    session_factory: Factory, other_sqlite: Callable[[str], Factory]
) -> None:
    second = other_sqlite("second")
    first_summary = _load(session_factory)
    second_summary = _load(second)
    assert first_summary == second_summary
    first, again = _snapshot(session_factory), _snapshot(second)
    assert first["job_postings"]  # the comparison below is not between two empty databases
    for table in first:
        assert first[table] == again[table], table


def test_a_second_load_is_refused_and_adds_nothing(session_factory: Factory) -> None:
    _load(session_factory)
    before = _snapshot(session_factory)
    with pytest.raises(DemoError) as raised:
        _load(session_factory, scale=10)
    assert str(raised.value).strip()
    assert "\n" not in str(raised.value)
    assert _snapshot(session_factory) == before


def test_a_database_with_only_staff_is_not_empty(session_factory: Factory) -> None:
    with session_factory.begin() as s:
        s.add(StaffUser(name="Encargada", role=StaffRole.STAFF, pin_hash="scrypt$x"))
    assert not database_is_empty(session_factory)
    with pytest.raises(DemoError):
        _load(session_factory)
    counts = _table_counts(session_factory)
    assert counts["staff_users"] == 1
    assert sum(counts.values()) == 1


def test_an_interrupted_load_leaves_nothing_behind(session_factory: Factory) -> None:
    reported: list[str] = []

    def stop_after_first_table(table: str) -> None:
        reported.append(table)
        raise KeyboardInterrupt  # as if the process were stopped once the first table is written

    with pytest.raises(KeyboardInterrupt):
        _load(session_factory, progress=stop_after_first_table)
    assert len(reported) == 1
    assert database_is_empty(session_factory)
    assert sum(_table_counts(session_factory).values()) == 0


def test_progress_names_each_table_after_its_rows(session_factory: Factory) -> None:
    reported: list[str] = []
    summary = _load(session_factory, progress=reported.append)
    assert set(reported) == set(summary.counts)
    assert set(reported) <= set(Base.metadata.tables)
    assert len(reported) == len(set(reported))


# --- staff PINs -------------------------------------------------------------------------------


def test_staff_pins_verify_and_are_never_stored_in_clear(session_factory: Factory) -> None:
    summary = _load(session_factory)
    staff = {user.name: user for user in _all(session_factory, StaffUser)}
    assert set(summary.staff_pins) == set(staff)
    pins = list(summary.staff_pins.values())
    assert len(set(pins)) == len(pins)
    for name, pin in summary.staff_pins.items():
        assert re.fullmatch(r"\d{4,6}", pin)
        assert verify_pin(pin, staff[name].pin_hash)
        others = [other for other in pins if other != pin]
        assert not any(verify_pin(other, staff[name].pin_hash) for other in others)

    in_clear = [re.compile(rf"(?<!\d){pin}(?!\d)") for pin in pins]
    with session_factory() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)):
                for value in row:
                    if isinstance(value, str):
                        assert not any(p.search(value) for p in in_clear), table.name
                    elif isinstance(value, int) and not isinstance(value, bool):
                        assert str(value) not in pins, table.name


# --- trainings ----------------------------------------------------------------------------------


def test_session_counters_match_the_enrollments(session_factory: Factory) -> None:
    _load(session_factory)
    enrollments = _all(session_factory, Enrollment)
    sessions = _all(session_factory, TrainingSession)
    assert enrollments
    holding = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED)
    for one in sessions:
        seated = [e for e in enrollments if e.session_id == one.id and e.status in holding]
        assert one.seats_taken == len(seated), one.id
        assert one.childcare_taken == sum(e.childcare_reserved for e in seated), one.id
        assert 0 <= one.seats_taken <= one.seats
    assert any(0 < one.seats - one.seats_taken <= 2 for one in sessions), "no nearly full session"
    assert any(e.childcare_reserved > 0 for e in enrollments)

    children_of = Counter(child.guardian_id for child in _all(session_factory, Child))
    for e in enrollments:
        assert e.childcare_reserved <= e.children_count <= children_of[e.member_id]


# --- scale ------------------------------------------------------------------------------------


def test_scale_adds_exactly_n_rows_to_each_listing_table(
    session_factory: Factory, other_sqlite: Callable[[str], Factory]
) -> None:
    n = 200
    base = other_sqlite("base")
    base_summary = _load(base)
    summary = _load(session_factory, scale=n)
    base_counts, counts = _table_counts(base), _table_counts(session_factory)
    for table in LISTING_TABLES:
        assert counts[table] == base_counts[table] + n, table
        assert summary.counts[table] == base_summary.counts[table] + n, table
    assert counts["organizations"] > base_counts["organizations"]
    for table, added in summary.counts.items():
        assert counts[table] == added, table
    assert summary.staff_pins == base_summary.staff_pins

    extra_jobs = _all(session_factory, JobPosting)[base_counts["job_postings"] :]
    extra_listings = _all(session_factory, TradeListing)[base_counts["trade_listings"] :]
    extra_services = _all(session_factory, Service)[base_counts["services"] :]
    assert len(extra_jobs) == len(extra_listings) == len(extra_services) == n
    assert len({job.category for job in extra_jobs}) >= 5
    assert len({job.date_posted for job in extra_jobs}) >= 20
    assert len({item.category for item in extra_listings}) >= 5
    assert len({item.status for item in extra_listings}) >= 2
    assert len({service.level for service in extra_services}) == len(ProgramLevel)
    assert len({service.need for service in extra_services}) >= 5
    assert len({service.organization_id for service in extra_services}) >= 2
    for job in extra_jobs:
        assert job.is_example
        assert job.date_posted <= TODAY < job.date_posted + timedelta(days=400)
        assert job.valid_through > job.date_posted
        assert job.pay_amount >= Decimal(0)
        assert FICTIONAL_PHONE.fullmatch(job.contact_phone)
        assert job.created_at.tzinfo is not None
    for item in extra_listings:
        assert item.is_example
        assert (item.published_at is None) != (
            item.status in (ListingStatus.PUBLISHED, ListingStatus.WITHDRAWN)
        )
    assert all(service.is_example for service in extra_services)


def test_scale_must_not_be_negative(session_factory: Factory) -> None:
    with pytest.raises(ValueError):
        _load(session_factory, scale=-1)
    assert database_is_empty(session_factory)
