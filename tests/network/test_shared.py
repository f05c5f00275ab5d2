"""What the network shares and what it does not, with three centres on one database (SQLite and
PostgreSQL): the program directory and the job bank are every centre's, ordered so a woman sees
first what serves her municipality (the centre's when nobody signed in); trade listings are the
centre's, with the other centres' published ones one tap away and never a pending one; two
centres' staff changing the same program cannot write over each other; a woman who moved
centres is told why her children are not on the new centre's list."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    Child,
    Organization,
    ProgramLevel,
    ProgramNeed,
    Service,
    StaffRole,
    TradeListing,
)
from kiosk.services import copy_fields
from kiosk.services.childcare import ChildcareService
from kiosk.services.jobs import JobCategory, JobDraft, JobFilters, JobService
from kiosk.services.members import MemberService
from kiosk.services.programs import (
    ProgramChanged,
    ProgramDraft,
    ProgramFilters,
    ProgramService,
)
from kiosk.services.staff import StaffService
from kiosk.services.trade import (
    ListingDraft,
    ListingStatus,
    TradeCategory,
    TradeNotFound,
    TradeService,
)
from kiosk.services.vouchers import VoucherService
from kiosk.words import format_phone
from tests.bulk import load_rows
from tests.pdfs import pdf_text

Factory = sessionmaker[Session]
TODAY = date(2026, 3, 9)


def centre_id(factory: Factory) -> int:
    return int(factory.kw["info"]["centre_id"])


# --- the program directory: hers first ---------------------------------------------------------


def add_program(
    factory: Factory, name: str, level: ProgramLevel, areas: list[str], locality: str = ""
) -> int:
    """A health program serving ``areas`` (HSDS service areas), as an import leaves it."""
    with factory.begin() as s:
        org = s.scalar(select(Organization).where(Organization.name == "Red de salud"))
        if org is None:
            org = Organization(name="Red de salud")
            s.add(org)
        service = Service(
            name=name,
            organization=org,
            level=level,
            need=ProgramNeed.HEALTH,
            locality=locality,
            service_areas=[{"name": area} for area in areas],
            assured_date=TODAY,
        )
        s.add(service)
        s.flush()
        return service.id


@pytest.fixture
def programs(centres: dict[str, Factory]) -> dict[str, int]:
    """Health programs of several municipalities; a staff member at Aldama adds one for her
    own town (no service area: it serves where it is)."""
    serdan = centres["serdan"]
    made = {
        "aldama": add_program(serdan, "Salud Aldama", ProgramLevel.MUNICIPAL, ["Aldama"]),
        "delicias": add_program(serdan, "Salud Delicias", ProgramLevel.MUNICIPAL, ["Delicias"]),
        "federal": add_program(serdan, "IMSS Bienestar", ProgramLevel.FEDERAL, []),
        "two": add_program(
            serdan, "Clínica de mujeres", ProgramLevel.CIVIL, ["Aquiles Serdán", "ALDAMA"]
        ),
        "state": add_program(serdan, "Estatal Chihuahua", ProgramLevel.STATE, ["Chihuahua"]),
        "anywhere": add_program(serdan, "Línea de apoyo", ProgramLevel.CIVIL, []),
    }
    town = ProgramService(centres["aldama"], today=lambda: TODAY).save(
        ProgramDraft(
            name="Dispensario del pueblo",
            organization="Parroquia",
            need=ProgramNeed.HEALTH,
            level=ProgramLevel.MUNICIPAL,
            locality="Aldama",
        )
    )
    made["town"] = town.id
    return made


def names(service: ProgramService, filters: ProgramFilters | None = None) -> list[str]:
    page = service.list_programs(ProgramNeed.HEALTH, filters, per_page=50)
    return [card.name for card in page.cards]


def test_programs_that_serve_her_municipality_come_first(
    centres: dict[str, Factory], programs: dict[str, int]
) -> None:
    statewide = ["IMSS Bienestar", "Estatal Chihuahua", "Línea de apoyo"]
    # Nobody signed in at Aldama: Aldama's first (the level's order, then the name), then
    # the whole state's, then the rest.
    aldama = ProgramService(centres["aldama"], today=lambda: TODAY)
    assert names(aldama) == [
        "Dispensario del pueblo",
        "Salud Aldama",
        "Clínica de mujeres",
        *statewide,
        "Salud Delicias",
    ]
    # A woman of Delicias signed in at Aldama: hers first.
    assert names(aldama, ProgramFilters(municipality="Delicias")) == [
        "Salud Delicias",
        *statewide,
        "Dispensario del pueblo",
        "Salud Aldama",
        "Clínica de mujeres",
    ]
    # At Aquiles Serdán the same directory, in its own order; her municipality written
    # without its accent is still hers.
    serdan = ProgramService(centres["serdan"], today=lambda: TODAY)
    expected = ["Clínica de mujeres", *statewide]
    assert names(serdan)[:4] == expected
    assert names(serdan, ProgramFilters(municipality="aquiles serdan"))[:4] == expected
    # The mark on the cards that serve the municipality the list was ordered for.
    cards = aldama.list_programs(ProgramNeed.HEALTH, per_page=50).cards
    assert [c.serves_here for c in cards] == [True] * 3 + [False] * 4
    # The counts on the needs' pictures are the same everywhere: the order hides nothing.
    assert aldama.need_counts()[ProgramNeed.HEALTH] == 7
    assert serdan.need_counts(ProgramFilters(municipality="Delicias"))[ProgramNeed.HEALTH] == 7


def test_paging_walks_the_groups_in_order(
    centres: dict[str, Factory], programs: dict[str, int]
) -> None:
    aldama = ProgramService(centres["aldama"], today=lambda: TODAY)
    whole = names(aldama)
    walked: list[str] = []
    for number in range(4):
        page = aldama.list_programs(ProgramNeed.HEALTH, page=number, per_page=2)
        assert (page.total, page.page_count, page.page) == (7, 4, number)
        walked += [card.name for card in page.cards]
    assert walked == whole


def test_a_level_filter_keeps_her_municipality_first(
    centres: dict[str, Factory], programs: dict[str, int]
) -> None:
    delicias = ProgramService(centres["delicias"], today=lambda: TODAY)
    municipal = ProgramFilters(level=ProgramLevel.MUNICIPAL)
    page = delicias.list_programs(ProgramNeed.HEALTH, municipal)
    assert [c.name for c in page.cards] == [
        "Salud Delicias",
        "Dispensario del pueblo",
        "Salud Aldama",
    ]


def test_a_program_staff_move_to_another_town_moves_in_the_order(
    centres: dict[str, Factory], programs: dict[str, int]
) -> None:
    aldama = ProgramService(centres["aldama"], today=lambda: TODAY)
    program = aldama.staff_get(programs["town"])
    aldama.save(copy_fields(ProgramDraft, program, locality="Delicias"), program.id)
    delicias = names(ProgramService(centres["delicias"]))
    assert delicias[:2] == ["Dispensario del pueblo", "Salud Delicias"]
    assert names(aldama)[-2:] == ["Dispensario del pueblo", "Salud Delicias"]


# --- the job bank: hers first -------------------------------------------------------------------


def job(title: str, locality: str, **changes: Any) -> JobDraft:
    fields: dict[str, Any] = {
        "title": title,
        "category": JobCategory.KITCHEN,
        "employer": "Cocina Económica Lupita",
        "pay_amount": Decimal("350"),
        "pay_unit": "day",
        "locality": locality,
        "contact_phone": "6145550101",
        "valid_through": TODAY + timedelta(days=30),
    }
    fields.update(changes)
    return JobDraft(**fields)


def test_jobs_in_her_municipality_come_first(centres: dict[str, Factory]) -> None:
    bank = JobService(centres["serdan"], today=lambda: TODAY)
    for title, town in (
        ("Cocinera Delicias", "Delicias"),
        ("Cocinera Aldama", "Aldama"),
        ("Ayudante Chihuahua", "Chihuahua"),
        ("Cocinera Serdán", "Aquiles Serdán"),
    ):
        bank.save(job(title, town))
    full = bank.save(job("Lavaloza Aldama", "Aldama", openings=1))
    with centres["serdan"].begin() as s:
        from kiosk.data.models import JobPosting

        s.get(JobPosting, full.id).openings = 0  # filled: after the offered ones of Aldama

    def titles(factory: Factory, filters: JobFilters | None = None) -> list[str]:
        page = JobService(factory, today=lambda: TODAY).list_jobs(
            JobCategory.KITCHEN, filters, per_page=50
        )
        return [card.title for card in page.cards]

    # Newest first within each group (the order they were saved, reversed).
    assert titles(centres["aldama"]) == [
        "Cocinera Aldama",
        "Lavaloza Aldama",
        "Cocinera Serdán",
        "Ayudante Chihuahua",
        "Cocinera Delicias",
    ]
    assert titles(centres["aldama"], JobFilters(municipality="Delicias"))[0] == "Cocinera Delicias"
    assert titles(centres["serdan"])[0] == "Cocinera Serdán"
    cards = JobService(centres["delicias"], today=lambda: TODAY).list_jobs(JobCategory.KITCHEN)
    assert [c.serves_here for c in cards.cards] == [True, False, False, False, False]
    counts = JobService(centres["delicias"], today=lambda: TODAY).category_counts(
        JobFilters(municipality="Aldama")
    )
    assert counts[JobCategory.KITCHEN] == 4  # offered ones, wherever they are


# --- trade: the centre's own, and the others' one tap away --------------------------------------


def seller(factory: Factory, name: str, phone: str, town: str) -> int:
    return MemberService(factory).register(name, phone, consent=True, locality=town).id


def staff(factory: Factory) -> int:
    """The centre's staff member at the desk (added the first time)."""
    desk = StaffService(factory)
    found = next((p for p in desk.list() if p.is_staff), None)
    return (found or desk.add("Rosa Méndez", StaffRole.STAFF, "4321")).id


def listing(title: str, category: TradeCategory = TradeCategory.FOOD) -> ListingDraft:
    return ListingDraft(title=title, category=category, price="25", price_unit="pieza")


@pytest.fixture
def market(centres: dict[str, Factory]) -> dict[str, int]:
    """Each centre's own listings: a published and a pending one at each."""
    made: dict[str, int] = {}
    for key, (name, phone, town) in {
        "serdan": ("Ana Torres", "6145550101", "Aquiles Serdán"),
        "aldama": ("Bea Ruiz", "6145550202", "Aldama"),
        "delicias": ("Carla Gil", "6145550303", "Delicias"),
    }.items():
        factory = centres[key]
        member = seller(factory, name, phone, town)
        trade = TradeService(factory)
        shown = trade.publish(member, listing(f"Tamales de {town}")).id
        trade.approve(shown, staff(factory))
        made[f"{key}_published"] = shown
        made[f"{key}_pending"] = trade.publish(member, listing(f"Pendiente de {town}")).id
    return made


def test_each_centre_lists_counts_and_approves_only_its_own_listings(
    centres: dict[str, Factory], market: dict[str, int]
) -> None:
    serdan, aldama = TradeService(centres["serdan"]), TradeService(centres["aldama"])
    assert [c.title for c in serdan.list_listings(TradeCategory.FOOD).cards] == [
        "Tamales de Aquiles Serdán"
    ]
    assert serdan.pending_count() == aldama.pending_count() == 1
    assert [c.id for c in aldama.staff_list().cards] == [market["aldama_pending"]]
    aldama.approve(market["aldama_pending"], staff(centres["aldama"]))
    # Each centre's counts on the kinds' pictures, one after the other: never the other's.
    assert serdan.category_counts()[TradeCategory.FOOD] == 1
    assert aldama.category_counts()[TradeCategory.FOOD] == 2
    assert TradeService(centres["delicias"]).category_counts()[TradeCategory.FOOD] == 1
    # Another centre's listing is not this centre's to show, approve or withdraw.
    with pytest.raises(TradeNotFound):
        serdan.get(market["aldama_published"])
    with pytest.raises(TradeNotFound):
        serdan.approve(market["delicias_pending"], staff(centres["serdan"]))
    with pytest.raises(TradeNotFound):
        serdan.withdraw(market["aldama_published"])
    delicias = TradeService(centres["delicias"])
    assert delicias.staff_get(market["delicias_pending"]).status is ListingStatus.PENDING
    assert aldama.get(market["aldama_published"]).status is ListingStatus.PUBLISHED
    with centres["aldama"]() as s:
        rows = s.execute(
            select(TradeListing.centre_id).execution_options(all_centres=True)
        ).scalars()
        every = [1, centre_id(centres["aldama"]), centre_id(centres["delicias"])]
        assert sorted(set(rows)) == every


def test_other_centres_published_listings_with_their_centres_name(
    centres: dict[str, Factory], market: dict[str, int], engine: Engine
) -> None:
    serdan = TradeService(centres["serdan"])
    assert serdan.elsewhere_count() == 2
    page = serdan.list_elsewhere()
    assert {(c.title, c.centre_name) for c in page.cards} == {
        ("Tamales de Aldama", "CENESO Aldama"),
        ("Tamales de Delicias", "CENESO Delicias"),
    }
    assert page.total == 2  # never a pending one, nor one of her own centre
    # Newest first: Delicias published last.
    assert page.cards[0].centre_name == "CENESO Delicias"
    # Of the seller, her first name only, as her own centre's kiosks show her listing.
    assert {c.seller_first_name for c in page.cards} == {"Bea", "Carla"}
    detail = serdan.get_elsewhere(market["aldama_published"])
    assert (detail.contact_phone, detail.centre_name) == ("6145550202", "CENESO Aldama")
    assert detail.seller_name == "Bea"
    for hidden in (market["aldama_pending"], market["serdan_published"]):
        with pytest.raises(TradeNotFound):
            serdan.get_elsewhere(hidden)
    # Aldama approves its pending one: it is then shown elsewhere too.
    TradeService(centres["aldama"]).approve(market["aldama_pending"], staff(centres["aldama"]))
    assert serdan.list_elsewhere().total == 3
    assert serdan.elsewhere_count() == 3


def test_the_slip_of_another_centres_listing_names_the_centre(
    centres: dict[str, Factory], market: dict[str, int]
) -> None:
    from kiosk.services.trade import issue_trade_slip
    from kiosk.slip_options import SlipOptions

    serdan = TradeService(centres["serdan"])
    detail = serdan.get_elsewhere(market["delicias_published"])
    vouchers = VoucherService(centres["serdan"])
    slip = issue_trade_slip(vouchers, detail, SlipOptions())
    words = pdf_text(vouchers.pdf(slip.number))
    assert "CENESO Delicias" in words and format_phone("6145550303") in words
    # Her first name, as on her own centre's slips; her surname stays with her centre.
    assert "Lo vende Carla, socia de CENESO Delicias" in words and "Gil" not in words


def test_a_network_of_one_centre_has_nowhere_else_to_look(session_factory: Factory) -> None:
    trade = TradeService(session_factory)
    assert trade.elsewhere_count() is None
    assert trade.list_elsewhere().total == 0


def test_other_centres_photos_are_read_for_published_listings_only(
    centres: dict[str, Factory], market: dict[str, int]
) -> None:
    from kiosk.data.models import TradePhoto

    for key in ("aldama_published", "aldama_pending"):
        with centres["aldama"].begin() as s:
            s.add(TradePhoto(listing_id=market[key], jpeg=b"\xff\xd8jpeg", width=1, height=1))
    serdan = TradeService(centres["serdan"])
    ids = [market["aldama_published"], market["aldama_pending"]]
    assert serdan.photos(ids) == {}  # not her centre's
    assert serdan.photos_elsewhere(ids) == {market["aldama_published"]: b"\xff\xd8jpeg"}


# --- two centres' staff editing the same program ----------------------------------------------


def test_the_second_save_from_an_older_reading_is_refused(
    centres: dict[str, Factory], programs: dict[str, int]
) -> None:
    serdan = ProgramService(centres["serdan"], today=lambda: TODAY)
    aldama = ProgramService(centres["aldama"], today=lambda: TODAY)
    program_id = programs["town"]
    at_serdan, at_aldama = serdan.staff_get(program_id), aldama.staff_get(program_id)
    assert at_serdan.version == at_aldama.version

    def change(seen: Any, **values: Any) -> ProgramDraft:
        return copy_fields(ProgramDraft, seen, **values)

    saved = serdan.save(change(at_serdan, phone="6141234567"), program_id)
    assert saved.version == at_serdan.version + 1
    with pytest.raises(ProgramChanged) as refused:
        aldama.save(change(at_aldama, name="Dispensario San José"), program_id)
    assert "\n" not in str(refused.value)
    now = aldama.staff_get(program_id)
    assert (now.name, now.phone) == ("Dispensario del pueblo", "6141234567")  # Serdán's kept
    # From the program as it is now, her change is saved.
    again = aldama.save(change(now, name="Dispensario San José"), program_id)
    assert (again.name, again.phone) == ("Dispensario San José", "6141234567")
    # Confirming a program the next day is a change too: a save begun before it is told so.
    ProgramService(centres["serdan"], today=lambda: TODAY + timedelta(days=1)).confirm(program_id)
    with pytest.raises(ProgramChanged):
        aldama.save(change(again, name="Otro nombre"), program_id)


def test_an_import_serves_the_municipalities_it_names_and_refuses_an_older_edit(
    centres: dict[str, Factory], tmp_path: Path
) -> None:
    """A directory imported from HSDS: its service areas order it; importing a change counts
    as one, so a desk's change begun before it is told so instead of undoing it."""
    from kiosk.data import hsds

    service = {
        "id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000001",
        "name": "Huertos familiares",
        "description": "Semillas y herramientas para sembrar en casa.",
        "status": "active",
        "organization": {
            "id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000002",
            "name": "Asociación de huertos",
            "description": "Huertos de traspatio en el estado",
        },
        "service_areas": [
            {"id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000005", "name": "Delicias"},
            {"id": "5f0c1d2e-3a4b-4c5d-8e9f-000000000006", "name": "Chihuahua"},
        ],
    }
    path = tmp_path / "directorio.json"
    path.write_text(json.dumps([service]), encoding="utf-8")
    schemas = hsds.Schemas()
    hsds.import_path(centres["serdan"], path, schemas)
    delicias = ProgramService(centres["delicias"], today=lambda: TODAY)
    (card,) = [c for need in ProgramNeed for c in delicias.list_programs(need, per_page=50).cards]
    assert card.name == "Huertos familiares" and card.serves_here
    aldama = ProgramService(centres["aldama"], today=lambda: TODAY)
    assert not aldama.list_programs(card.need).cards[0].serves_here
    before = aldama.staff_get(card.id)
    path.write_text(json.dumps([{**service, "name": "Huertos en casa"}]), encoding="utf-8")
    assert hsds.import_path(centres["serdan"], path, schemas).services_updated == 1
    with pytest.raises(ProgramChanged):
        aldama.save(copy_fields(ProgramDraft, before, name="Huertos de Aldama"), card.id)
    assert aldama.staff_get(card.id).name == "Huertos en casa"


# --- a woman who moved centres -----------------------------------------------------------------


def test_her_children_at_another_centre_are_told_of_not_shown(
    centres: dict[str, Factory], engine: Engine
) -> None:
    serdan, aldama = centres["serdan"], centres["aldama"]
    ana = MemberService(serdan).register("Ana Torres", "6145550101", consent=True)
    bea = MemberService(aldama).register("Bea Ruiz", "6145550202", consent=True)
    with serdan.begin() as s:
        s.add(Child(guardian_id=ana.id, name="Luis Torres", birth_date=date(2021, 3, 4)))
    assert MemberService(aldama).find_by_phone("6145550101") is not None  # now Aldama's too

    def care(factory: Factory) -> ChildcareService:
        return ChildcareService(factory, vouchers=VoucherService(factory))

    assert care(aldama).children_of(ana.id) == []
    assert care(aldama).children_elsewhere(ana.id)
    assert not care(serdan).children_elsewhere(ana.id)  # hers are here
    assert not care(aldama).children_elsewhere(bea.id)  # she has none anywhere
    # A centre where she is not registered is told nothing about her.
    assert not care(centres["delicias"]).children_elsewhere(ana.id)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT kiosk_children_elsewhere(:m, :c)"),
                {"m": ana.id, "c": centre_id(aldama)},
            ).scalar()
        assert found is True


# --- the directory at 100 000 programs ---------------------------------------------------------


def plan(s: Session, statement: str) -> str:
    prefix = "EXPLAIN QUERY PLAN" if s.get_bind().dialect.name == "sqlite" else "EXPLAIN"
    return " ".join(str(row[-1]) for row in s.execute(text(f"{prefix} {statement}")))


def test_a_hundred_thousand_programs_page_hers_first_off_the_index(
    centres: dict[str, Factory],
) -> None:
    """At 100 000 programs a need's page is read from the browse index alone (it holds the
    municipalities): no table scan; and a late page is still right."""
    towns = ["Aldama", "Delicias", "Aquiles Serdán", "Chihuahua", "Juárez"]
    levels = list(ProgramLevel)
    needs = list(ProgramNeed)
    from kiosk.data.models import served_municipalities

    with centres["serdan"].begin() as s:
        org = Organization(name="Red estatal")
        s.add(org)
        s.flush()
        org_id = org.id
    rows = []
    for n in range(100_000):
        row = n // 8  # the n-th program of its need
        level, town = levels[row % 4], towns[row % 5]
        areas = [] if row % 3 else [{"name": town}]
        rows.append(
            {
                "organization_id": org_id,
                "name": f"Programa {n:06d}",
                "level": level,
                "need": needs[n % 8],
                "status": "inactive" if row % 10 == 9 else "active",
                "locality": town,
                "service_areas": areas,
                "municipalities": served_municipalities(areas, level, town),
                "required_documents": [],
                "languages": [],
                "contacts": [],
                "more_schedules": [],
                "hsds_ids": {},
                "is_example": True,
            }
        )
    load_rows(centres["serdan"], Service, rows)
    aldama = ProgramService(centres["aldama"], today=lambda: TODAY)
    from kiosk.services.programs.rows import LEVEL_ORDER, served_first

    statement = (
        select(Service.id)
        .where(Service.need == "salud", Service.status == "active")
        .order_by(*served_first("aldama"), LEVEL_ORDER, Service.name, Service.id)
        .limit(6)
        .offset(6000)
    )
    with centres["aldama"]() as s:
        sql = str(statement.compile(s.get_bind(), compile_kwargs={"literal_binds": True}))
        found = plan(s, sql)
        sqlite = s.get_bind().dialect.name == "sqlite"
    assert "ix_services_browse" in found, found
    assert ("COVERING INDEX" in found) if sqlite else ("Index Only Scan" in found), found
    first = aldama.list_programs(ProgramNeed.HEALTH)
    assert all(card.serves_here for card in first.cards)
    late = aldama.list_programs(ProgramNeed.HEALTH, page=1000)
    assert len(late.cards) == 6 and late.page == 1000
    total = first.total
    last = aldama.list_programs(ProgramNeed.HEALTH, page=total // 6 + 5)
    assert not any(card.serves_here for card in last.cards)
    with centres["aldama"]() as s:
        assert s.scalar(select(func.count()).select_from(Service)) >= 100_000
