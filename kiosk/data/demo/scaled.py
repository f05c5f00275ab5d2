"""The scaled generator for benchmarks: ``n`` rows in each listing table, drawn from the
hand-written examples and inserted in bulk (no ORM objects)."""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from kiosk.data.demo.content import (
    APPLICATION_STEPS,
    CHUNK,
    DOCUMENTS,
    EMPLOYER_KINDS,
    HOW_TO_APPLY,
    JOBS,
    LOCALITIES,
    ORG_KINDS,
    PLACE_NAMES,
    POSTAL_CODES,
    SCALE_SEED,
    SERVICES,
    SERVICES_PER_ORGANIZATION,
    STREETS,
    TRADE_REJECT_REASON,
    TRADE_TOUCHES,
    TRADES,
    JobExample,
    ServiceExample,
    local_time,
)
from kiosk.data.models import (
    EmploymentType,
    JobCategory,
    JobPosting,
    ListingStatus,
    Organization,
    PayUnit,
    PostingStatus,
    PriceUnit,
    ProgramLevel,
    ProgramNeed,
    Service,
    ServiceStatus,
    TradeCategory,
    TradeListing,
    served_municipalities,
)
from kiosk.data.scope import centre_of


def _bulk_insert(model: type[Any]) -> Any:
    # Every row dict carries every column, None included, so a chunk is one executemany batch.
    return insert(model).execution_options(render_nulls=True)


def _chunks(total: int) -> Iterator[int]:
    for start in range(0, total, CHUNK):
        yield min(CHUNK, total - start)


class Scaled:
    """Rows built as plain dicts and inserted ``CHUNK`` at a time with SQLAlchemy bulk insert.

    ``added(session, table, rows)`` is told of each table's rows once they are written."""

    def __init__(
        self, today: date, sellers: list[int], added: Callable[[Session, str, int], None], n: int
    ) -> None:
        self.sellers = sellers
        self.added = added
        self.n = n
        self.rng = random.Random(SCALE_SEED)
        self.today = today
        self.midnight = local_time(today, 0).astimezone(UTC)

    def run(self, s: Session) -> None:
        self.jobs(s)
        self.trades(s)
        self.services(s, self.organizations(s))

    def moment(self, days_back: int) -> datetime:
        """Some time in opening hours, ``days_back`` days before today."""
        minutes = self.rng.randrange(9 * 60, 18 * 60)
        return self.midnight - timedelta(days=days_back) + timedelta(minutes=minutes)

    def phone(self) -> str:
        return f"614555{self.rng.randrange(10_000):04d}"

    def hsds_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def documents(self) -> list[str]:
        return ["ine", *self.rng.sample(DOCUMENTS[1:], self.rng.randint(0, 3))]

    def address(self) -> str:
        return f"{self.rng.choice(STREETS)} {self.rng.randint(10, 2500)}"

    def jobs(self, s: Session) -> None:
        rng = self.rng
        by_category: dict[str, list[JobExample]] = {}
        for job in JOBS:
            by_category.setdefault(job.category, []).append(job)
        categories = sorted(by_category)
        pays = {
            PayUnit.HOUR: (50, 90),
            PayUnit.DAY: (300, 500),
            PayUnit.WEEK: (1_800, 3_200),
            PayUnit.MONTH: (7_500, 13_000),
        }
        units = list(pays)
        kinds = list(EmploymentType)
        for size in _chunks(self.n):
            rows: list[dict[str, Any]] = []
            for _row in range(size):
                template = rng.choice(by_category[rng.choice(categories)])
                unit = rng.choice(units)
                days_back = rng.randint(0, 120)
                posted = self.today - timedelta(days=days_back)
                stamp = self.moment(days_back)
                rows.append(
                    {
                        "external_id": None,
                        "title": template.title,
                        "category": JobCategory(template.category),
                        "employer": f"{rng.choice(EMPLOYER_KINDS)} {rng.choice(PLACE_NAMES)} "
                        "(ejemplo)",
                        "description": template.description,
                        "how_to_apply": rng.choice(HOW_TO_APPLY),
                        "what_to_bring": self.documents(),
                        "pay_amount": Decimal(rng.randint(*pays[unit])),
                        "pay_unit": unit,
                        "employment_type": rng.choice(kinds),
                        "schedule": template.schedule,
                        "fits_school_hours": rng.random() < 0.3,
                        "no_experience_needed": rng.random() < 0.4,
                        "starts_now": rng.random() < 0.3,
                        "locality": rng.choice(LOCALITIES),
                        "address": self.address(),
                        "contact_phone": self.phone(),
                        "openings": rng.randint(0, 5),
                        "date_posted": posted,
                        "valid_through": posted + timedelta(days=rng.randint(7, 120)),
                        "status": PostingStatus.OPEN
                        if rng.random() < 0.85
                        else PostingStatus.CLOSED,
                        "is_example": True,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
            s.execute(_bulk_insert(JobPosting), rows)
        self.added(s, "job_postings", self.n)

    def trades(self, s: Session) -> None:
        rng = self.rng
        sellers = self.sellers
        statuses = [ListingStatus.PUBLISHED] * 16 + [
            ListingStatus.PENDING,
            ListingStatus.PENDING,
            ListingStatus.REJECTED,
            ListingStatus.WITHDRAWN,
        ]
        shown = (ListingStatus.PUBLISHED, ListingStatus.WITHDRAWN)
        for size in _chunks(self.n):
            rows: list[dict[str, Any]] = []
            for _row in range(size):
                item = rng.choice(TRADES)
                status = rng.choice(statuses)
                created = self.moment(rng.randint(0, 180))
                rows.append(
                    {
                        "centre_id": centre_of(s),
                        "seller_id": rng.choice(sellers),
                        "title": f"{item.title}, {rng.choice(TRADE_TOUCHES)}",
                        "category": TradeCategory(item.category),
                        "description": item.description,
                        "price": Decimal(item.price) * rng.choice((1, 1, 1, 2, 3)),
                        "price_unit": PriceUnit(item.unit),
                        "contact_phone": self.phone(),
                        "locality": rng.choice(LOCALITIES),
                        "status": status,
                        "reject_reason": TRADE_REJECT_REASON
                        if status is ListingStatus.REJECTED
                        else "",
                        "is_example": True,
                        "created_at": created,
                        "published_at": created + timedelta(hours=rng.randint(1, 48))
                        if status in shown
                        else None,
                    }
                )
            s.execute(_bulk_insert(TradeListing), rows)
        self.added(s, "trade_listings", self.n)

    def organizations(self, s: Session) -> list[int]:
        rng = self.rng
        count = math.ceil(self.n / SERVICES_PER_ORGANIZATION)
        ids: list[int] = []
        for size in _chunks(count):
            rows = [
                {
                    "hsds_id": self.hsds_id(),
                    "name": f"{rng.choice(ORG_KINDS)} {rng.choice(PLACE_NAMES)} (ejemplo)",
                    "description": "Ejemplo: organización generada para pruebas de volumen.",
                    "website": "",
                    "email": "",
                    "phone": self.phone(),
                    "hsds_ids": {},
                    "is_example": True,
                }
                for _row in range(size)
            ]
            statement = _bulk_insert(Organization).returning(
                Organization.id, sort_by_parameter_order=True
            )
            ids.extend(s.scalars(statement, rows))
        self.added(s, "organizations", count)
        return ids

    def services(self, s: Session, organization_ids: list[int]) -> None:
        rng = self.rng
        levels = list(ProgramLevel)
        by_need: dict[str, list[ServiceExample]] = {}
        for service in SERVICES:
            by_need.setdefault(service.need, []).append(service)
        needs = sorted(by_need)
        done = 0
        for size in _chunks(self.n):
            rows: list[dict[str, Any]] = []
            for _row in range(size):
                template = rng.choice(by_need[rng.choice(needs)])
                locality = rng.choice(LOCALITIES)
                level = rng.choice(levels)
                assured = None
                if rng.random() < 0.95:
                    assured = self.today - timedelta(days=rng.randint(0, 400))
                youngest = rng.choice((None, None, None, 15, 18, 40, 60))
                oldest = None if youngest is None or rng.random() < 0.5 else youngest + 30
                rows.append(
                    {
                        "hsds_id": self.hsds_id(),
                        "organization_id": organization_ids[done // SERVICES_PER_ORGANIZATION],
                        "name": f"{template.name} en {locality}",
                        "description": f"Ejemplo: {template.benefit} Información de muestra.",
                        "benefit": template.benefit,
                        "eligibility": template.eligibility,
                        "minimum_age": youngest,
                        "maximum_age": oldest,
                        "application_process": rng.choice(APPLICATION_STEPS),
                        "fees": template.fees,
                        "required_documents": self.documents(),
                        "address": self.address(),
                        "locality": locality,
                        "directions": "Ejemplo: pregunta en la entrada.",
                        "phone": self.phone(),
                        "schedule": "Lunes a viernes 9:00 a 15:00",
                        "opens_at": time(9, 0),
                        "closes_at": time(15, 0),
                        "region": "Chihuahua",
                        "postal_code": POSTAL_CODES.get(locality, ""),
                        "country": "MX",
                        "location_name": "",
                        "cost_amount": None,
                        "cost_currency": "",
                        "hsds_ids": {},
                        "level": level,
                        "municipalities": served_municipalities([], level, locality),
                        "need": ProgramNeed(template.need),
                        "status": ServiceStatus.ACTIVE
                        if rng.random() < 0.9
                        else ServiceStatus.INACTIVE,
                        "assured_date": assured,
                        "is_example": True,
                        "updated_at": self.moment(rng.randint(0, 30)),
                    }
                )
                done += 1
            s.execute(_bulk_insert(Service), rows)
        self.added(s, "services", self.n)
