"""Program directory rules: members see active programs by need and level; staff see which need
confirming, add and change programs with checks; referrals with follow-up days and the closed
loop of outcomes, one open referral per member and program even with desks racing. Every test
runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, select

from kiosk.data.demo import load_demo
from kiosk.data.models import (
    Organization,
    ProgramLevel,
    ProgramNeed,
    Referral,
    ReferralStatus,
    Service,
)
from kiosk.i18n import _
from kiosk.services import KEPT_COUNTS
from kiosk.services.members import MemberService
from kiosk.services.programs import (
    OPEN_STATUSES,
    OUTCOMES,
    ProgramDraft,
    ProgramError,
    ProgramFilters,
    ProgramNotFound,
    ProgramService,
    ProgramValidationError,
)
from tests.concurrency import another_station_writes, race

TODAY = date(2026, 3, 9)


class Clock:
    def __init__(self, day: date = TODAY) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def draft(**changes: Any) -> ProgramDraft:
    fields: dict[str, Any] = {
        "name": "Apoyo para costureras",
        "organization": "Colectivo Hilos (prueba)",
        "need": ProgramNeed.BUSINESS_MONEY,
        "level": ProgramLevel.CIVIL,
        "eligibility": "Mujeres del municipio.",
        "benefit": "Una máquina de coser.",
        "required_documents": ("ine", "curp", "ine"),
        "phone": "614 555 0199",
        "address": "Calle Hidalgo 3",
        "locality": "Santa Eulalia",
        "schedule": "Lunes 9:00 a 13:00",
    }
    fields.update(changes)
    return ProgramDraft(**fields)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(session_factory, clock: Clock) -> ProgramService:  # type: ignore[no-untyped-def]
    return ProgramService(session_factory, today=clock, stale_days=180)


@pytest.fixture
def demo(session_factory) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory, today=TODAY)


# --- member side ------------------------------------------------------------------------------


def test_need_counts_cover_every_need_and_only_active_programs(
    service: ProgramService, demo: None, session_factory
) -> None:  # type: ignore[no-untyped-def]
    counts = service.need_counts()
    assert set(counts) == set(ProgramNeed)
    with session_factory() as s:
        active = s.scalar(
            select(func.count()).select_from(Service).where(Service.status == "active")
        )
        inactive = s.scalar(
            select(func.count()).select_from(Service).where(Service.status == "inactive")
        )
    assert inactive >= 1
    assert sum(counts.values()) == active
    federal = service.need_counts(ProgramFilters(level=ProgramLevel.FEDERAL))
    assert 0 < sum(federal.values()) < active
    page = service.list_programs(ProgramNeed.BUSINESS_MONEY, ProgramFilters(ProgramLevel.FEDERAL))
    assert page.total == federal[ProgramNeed.BUSINESS_MONEY]
    assert {card.level for card in page.cards} == {ProgramLevel.FEDERAL}


def test_need_counts_are_kept_between_taps_and_follow_every_write(
    service: ProgramService, engine, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Counting every program again on each tap takes longer than a frame at 100 000 rows:
    the tiles' counts are kept. A program this station saves shows at once; one another
    station changes shows once the counts are older than their keeping time."""
    now = [1000.0]
    monkeypatch.setattr(KEPT_COUNTS, "clock", lambda: now[0])
    need = ProgramNeed.BUSINESS_MONEY
    first = service.save(draft())
    service.save(draft(name="Otro apoyo"))
    assert service.need_counts()[need] == 2

    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert service.need_counts()[need] == 2
    assert statements == []  # the second tap asked the database nothing

    # Another station hides a program: its write is not one this station made.
    another_station_writes(
        engine, f"UPDATE services SET status = 'inactive' WHERE id = {int(first.id)}"
    )
    assert service.need_counts()[need] == 2
    now[0] += KEPT_COUNTS.seconds
    assert service.need_counts()[need] == 1

    service.save(draft(name="Tercer apoyo"))  # this station's own write: no wait
    assert service.need_counts()[need] == 2


def test_the_staff_lists_counts_are_kept_between_taps_and_follow_every_write(
    service: ProgramService, engine, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The staff list counts every program by what needs doing, and says how many to confirm
    as it opens: at 100 000 programs longer than a frame, so the counts are kept as the
    tiles' are."""
    now = [1000.0]
    monkeypatch.setattr(KEPT_COUNTS, "clock", lambda: now[0])
    old = service.save(draft(name="Vieja", assured_date=TODAY - timedelta(days=400)))
    service.save(draft(name="Reciente"))
    assert (service.staff_list().total, service.stale_count()) == (2, 1)

    counts: list[str] = []
    event.listen(
        engine,
        "before_cursor_execute",
        lambda *args: counts.append(args[2]) if "count(" in args[2] else None,
    )
    assert (service.staff_list().total, service.stale_count()) == (2, 1)
    assert counts == []  # opened again: nothing counted

    another_station_writes(  # another station confirms the old one
        engine, f"UPDATE services SET assured_date = '{TODAY.isoformat()}' WHERE id = {int(old.id)}"
    )
    assert service.stale_count() == 1
    now[0] += KEPT_COUNTS.seconds
    assert service.stale_count() == 0

    service.save(draft(name="Otra vieja", assured_date=TODAY - timedelta(days=400)))
    assert (service.staff_list().total, service.stale_count()) == (3, 1)  # this station's: now


def test_list_pages_six_at_a_time_federal_first(service: ProgramService) -> None:
    levels = list(ProgramLevel)
    for index in range(8):
        service.save(draft(name=f"Programa {index}", level=levels[index % 4]))
    first = service.list_programs(ProgramNeed.BUSINESS_MONEY)
    assert (first.total, first.page_count, len(first.cards)) == (8, 2, 6)
    second = service.list_programs(ProgramNeed.BUSINESS_MONEY, page=5)
    assert second.page == 1 and len(second.cards) == 2
    order = [card.level for card in first.cards + second.cards]
    assert order == sorted(order, key=levels.index)
    assert service.list_programs(ProgramNeed.FOOD).total == 0


def test_detail_of_an_active_program_and_not_of_a_hidden_one(service: ProgramService) -> None:
    saved = service.save(draft())
    detail = service.get(saved.id)
    assert detail.organization == "Colectivo Hilos (prueba)"
    assert detail.required_documents == ("ine", "curp")
    assert detail.phone == "6145550199"
    assert detail.assured_date == TODAY and not detail.stale
    service.set_active(saved.id, False)
    with pytest.raises(ProgramNotFound):
        service.get(saved.id)
    assert not service.staff_get(saved.id).active
    assert service.list_programs(ProgramNeed.BUSINESS_MONEY).total == 0


# --- staleness --------------------------------------------------------------------------------


def test_programs_older_than_the_setting_need_confirming(
    service: ProgramService, clock: Clock
) -> None:
    fresh = service.save(draft(name="Reciente"))
    old = service.save(draft(name="Vieja", assured_date=TODAY - timedelta(days=181)))
    edge = service.save(draft(name="Justo", assured_date=TODAY - timedelta(days=180)))
    assert [service.staff_get(p.id).stale for p in (fresh, old, edge)] == [False, True, False]
    assert service.stale_count() == 1
    listed = service.staff_list()
    assert listed.cards[0].name == "Vieja"  # the ones to confirm come first
    assert [c.name for c in service.staff_list(stale_only=True).cards] == ["Vieja"]
    service.confirm(old.id)
    assert service.stale_count() == 0
    clock.day = TODAY + timedelta(days=200)
    assert service.stale_count() == 3
    longer = ProgramService(service._factory, today=clock, stale_days=400)
    assert longer.stale_count() == 0


def test_stale_count_leaves_out_hidden_programs(service: ProgramService) -> None:
    old = service.save(draft(assured_date=TODAY - timedelta(days=400)))
    assert service.stale_count() == 1
    service.set_active(old.id, False)
    assert service.stale_count() == 0


def test_the_staff_list_pages_every_program_in_the_order_to_work_through(
    service: ProgramService, session_factory
) -> None:  # type: ignore[no-untyped-def]
    # Never confirmed, confirmed too long ago, on the last day still current, today; shown and
    # hidden; several with the same name, so the id decides between them.
    days: list[int | None] = [None, 400, 181, 180, 30, 0]
    names = ["Becas", "Abasto", "Becas", "Zapatos", "Abasto", "Comedor", "Becas"]
    made = []
    for i in range(len(days) * len(names)):
        day = days[i % len(days)]
        assured = None if day is None else TODAY - timedelta(days=day)
        made.append(service.save(draft(name=names[i % len(names)], assured_date=assured)).id)
    with session_factory.begin() as s:
        for program_id in made[:: len(days) + 1]:  # some of each age never confirmed
            s.get(Service, program_id).assured_date = None
    for program_id in made[::3]:
        service.set_active(program_id, False)

    stale_before = TODAY - timedelta(days=180)
    stale = Service.assured_date.is_(None) | (Service.assured_date < stale_before)
    with session_factory() as s:
        # The order as one plain sort: shown first, those to confirm first, by name, by id.
        expected = s.scalars(
            select(Service.id).order_by(
                Service.status != "active", ~stale, Service.name, Service.id
            )
        ).all()
        to_confirm = s.scalars(
            select(Service.id)
            .where(Service.status == "active", stale)
            .order_by(Service.name, Service.id)
        ).all()
    # Every kind is there, so a segment listed out of its turn shows up as a wrong page.
    hidden = {c.id for c in service.staff_list(per_page=500).cards if not c.active}
    fresh = {c.id for c in service.staff_list(per_page=500).cards if not c.stale}
    assert hidden & fresh and hidden - fresh and fresh - hidden
    assert set(to_confirm) - hidden and not set(to_confirm) & fresh

    for per_page in (1, 4, 5, 7, len(expected), 500):
        pages = -(-len(expected) // per_page)
        seen: list[int] = []
        for page in range(pages):
            listed = service.staff_list(page, per_page)
            assert (listed.page, listed.page_count, listed.total) == (page, pages, len(expected))
            assert len(listed.cards) == min(per_page, len(expected) - page * per_page)
            seen += [card.id for card in listed.cards]
        assert seen == expected
        last = service.staff_list(pages + 3, per_page)  # past the end: the last page again
        assert last.page == pages - 1 and [c.id for c in last.cards] == expected[-len(last.cards) :]
        only = service.staff_list(0, per_page, stale_only=True)
        assert only.total == len(to_confirm) == service.stale_count()
        assert [c.id for c in only.cards] == to_confirm[:per_page]


# --- staff add and edit -----------------------------------------------------------------------


def test_every_problem_is_told_at_once_and_nothing_is_written(
    service: ProgramService, session_factory
) -> None:  # type: ignore[no-untyped-def]
    bad = draft(
        name="  ",
        organization="",
        need="dinero",
        level="internacional",
        phone="123",
        minimum_age="40",
        maximum_age="18",
        required_documents=tuple(f"papel {n}" for n in range(25)),
    )
    with pytest.raises(ProgramValidationError) as caught:
        service.save(bad)
    assert caught.value.problems == (
        _("Write the program's name."),
        _("Write which organization runs the program."),
        _("Choose what the program helps with."),
        _("Choose who runs it: federal, state, municipal or an organization."),
        _("List at most {count} papers to bring, each in at most {limit} letters.").format(
            count=20, limit=200
        ),
        _("The program's phone must be a Mexican number of 10 digits."),
        _("The youngest age cannot be more than the oldest."),
    )
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Service)) == 0
        assert s.scalar(select(func.count()).select_from(Organization)) == 0


@pytest.mark.parametrize("age", ["-1", "121", "12.5", "doce"])
def test_ages_must_be_whole_and_human(service: ProgramService, age: str) -> None:
    with pytest.raises(ProgramValidationError) as caught:
        service.save(draft(minimum_age=age))
    assert caught.value.problems == (
        _("An age must be a whole number from 0 to {limit}.").format(limit=120),
    )


def test_edit_keeps_the_identifier_and_reuses_organizations(
    service: ProgramService, session_factory
) -> None:  # type: ignore[no-untyped-def]
    first = service.save(draft())
    second = service.save(draft(name="Otro programa"))
    assert first.organization_id == second.organization_id
    changed = service.save(
        draft(name="Apoyo para costureras y bordadoras", organization="DIF (prueba)"), first.id
    )
    assert changed.id == first.id and changed.hsds_id == first.hsds_id
    assert changed.hsds_id and len(changed.hsds_id) == 36
    assert changed.organization == "DIF (prueba)"
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Organization)) == 2
    with pytest.raises(ProgramNotFound):
        service.save(draft(), 9999)


def test_an_imported_programs_languages_areas_and_contacts_survive_a_desk_edit(
    service: ProgramService, session_factory
) -> None:  # type: ignore[no-untyped-def]
    first = service.save(draft(schedule_days="MO,WE"))
    with session_factory.begin() as s:
        row = s.get(Service, first.id)
        row.languages = [{"id": "l1", "name": "Náhuatl", "code": "nah"}, {"code": "es"}]
        row.service_areas = [{"id": "a1", "name": "Aquiles Serdán"}, {"id": "a2", "name": "Aldama"}]
        row.contacts = [{"id": "c1", "name": "Rosa Ruiz", "phones": [{"number": "6145550111"}]}]
    shown = service.get(first.id)
    assert shown.languages == ("Náhuatl", "español")  # as written when the code is unknown
    assert shown.service_areas == ("Aquiles Serdán", "Aldama")
    assert [(c.name, c.phones) for c in shown.contacts] == [("Rosa Ruiz", ("6145550111",))]
    assert shown.schedule_days == "MO,WE"
    # Staff change what the desk asks about; what came with the import stays.
    changed = service.save(draft(name="Costura y bordado", schedule_days="MO,WE"), first.id)
    assert (changed.languages, changed.service_areas) == (shown.languages, shown.service_areas)
    assert changed.contacts == shown.contacts


@pytest.mark.parametrize("days", ["LU,MA", "MO;TU", "XX"])
def test_weekly_days_must_be_days(service: ProgramService, days: str) -> None:
    with pytest.raises(ProgramValidationError) as caught:
        service.save(draft(schedule_days=days))
    assert caught.value.problems == (_("Choose the days it opens again."),)


# --- referrals --------------------------------------------------------------------------------


@pytest.fixture
def member_id(session_factory) -> int:  # type: ignore[no-untyped-def]
    return MemberService(session_factory).register("Ana Torres", "6145550101", consent=True).id


def test_a_referral_waits_until_its_follow_up_day(
    service: ProgramService, clock: Clock, member_id: int
) -> None:
    program = service.save(draft())
    referral = service.refer(member_id, program.id, reason="Quiere una máquina", follow_up_days=7)
    assert referral.status == ReferralStatus.NOT_UPDATED and referral.open
    assert referral.follow_up_on == TODAY + timedelta(days=7)
    assert (referral.member_name, referral.program) == ("Ana Torres", "Apoyo para costureras")
    assert service.due_count() == 0
    clock.day = TODAY + timedelta(days=7)
    assert service.due_count() == 1
    assert [r.id for r in service.due_referrals()] == [referral.id]


def test_outcomes_close_the_loop_or_set_the_next_call(
    service: ProgramService, clock: Clock, member_id: int
) -> None:
    program = service.save(draft())
    referral = service.refer(member_id, program.id, reason="Quiere una máquina", follow_up_days=7)
    clock.day = TODAY + timedelta(days=8)
    with pytest.raises(ProgramError, match=re.escape(_("Choose when to call her again."))):
        service.record_outcome(referral.id, ReferralStatus.PENDING)
    pending = service.record_outcome(
        referral.id, ReferralStatus.PENDING, note="Le dieron cita", follow_up_days=14
    )
    assert pending.open and pending.follow_up_on == clock.day + timedelta(days=14)
    assert service.due_count() == 0
    clock.day += timedelta(days=14)
    done = service.record_outcome(referral.id, ReferralStatus.RECEIVED)
    assert not done.open and done.outcome_note == "Le dieron cita"
    assert service.due_count() == 0
    with pytest.raises(
        ProgramError, match=re.escape(_("Someone already recorded how this referral ended."))
    ):
        service.record_outcome(referral.id, ReferralStatus.NOT_INTERESTED)
    with pytest.raises(ProgramError):
        service.record_outcome(referral.id, ReferralStatus.NOT_UPDATED)
    assert set(OUTCOMES) | {ReferralStatus.NOT_UPDATED} == set(ReferralStatus)
    assert set(ReferralStatus) > OPEN_STATUSES


def test_referring_again_updates_the_open_referral(
    service: ProgramService, member_id: int, session_factory
) -> None:  # type: ignore[no-untyped-def]
    program = service.save(draft())
    first = service.refer(member_id, program.id, reason="Primera vez", follow_up_days=7)
    again = service.refer(member_id, program.id, reason="Otra vez", follow_up_days=30)
    assert again.id == first.id and again.reason == "Otra vez"
    assert again.follow_up_on == TODAY + timedelta(days=30)
    service.record_outcome(first.id, ReferralStatus.NO_PLACES)
    third = service.refer(member_id, program.id, reason="Ya hay cupo", follow_up_days=7)
    assert third.id != first.id
    assert [r.id for r in service.member_referrals(member_id)] == [third.id, first.id]


@pytest.mark.parametrize(
    ("reason", "days", "message"),
    [
        ("  ", 7, "Choose or write why she is being sent."),
        ("x" * 1001, 7, "The reason is too long; use at most {limit} letters."),
        ("Motivo", 0, "Choose when to call her: in 1 week, 2 weeks or 1 month."),
    ],
)
def test_a_referral_needs_a_reason_and_a_follow_up(
    service: ProgramService, member_id: int, reason: str, days: int, message: str
) -> None:
    program = service.save(draft())
    with pytest.raises(ProgramError) as caught:
        service.refer(member_id, program.id, reason=reason, follow_up_days=days)
    assert str(caught.value) == _(message).format(limit=1000)


def test_no_referral_to_a_hidden_program_or_for_nobody(
    service: ProgramService, member_id: int
) -> None:
    program = service.save(draft())
    with pytest.raises(ProgramError):
        service.refer(9999, program.id, reason="Motivo", follow_up_days=7)
    service.set_active(program.id, False)
    with pytest.raises(ProgramNotFound):
        service.refer(member_id, program.id, reason="Motivo", follow_up_days=7)


# --- desks at the same moment -----------------------------------------------------------------


def test_desks_referring_her_at_once_make_one_open_referral(racing_factory) -> None:  # type: ignore[no-untyped-def]
    service = ProgramService(racing_factory, today=Clock())
    program = service.save(draft())
    member = MemberService(racing_factory).register("Ana Torres", "6145550101", consent=True)
    results = race(
        8,
        lambda i: service.refer(member.id, program.id, reason=f"Desk {i}", follow_up_days=7),
    )
    assert len({r.id for r in results}) == 1
    with racing_factory() as s:
        assert s.scalar(select(func.count()).select_from(Referral)) == 1


def test_two_desks_recording_an_outcome_at_once_only_one_wins(racing_factory) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    service = ProgramService(racing_factory, today=clock)
    program = service.save(draft())
    member = MemberService(racing_factory).register("Ana Torres", "6145550101", consent=True)
    referral = service.refer(member.id, program.id, reason="Motivo", follow_up_days=7)
    outcomes = [ReferralStatus.RECEIVED, ReferralStatus.NOT_INTERESTED] * 3

    def record(i: int) -> Any:
        try:
            return service.record_outcome(referral.id, outcomes[i])
        except ProgramError as exc:
            return exc

    results = race(len(outcomes), record)
    won = [r for r in results if not isinstance(r, ProgramError)]
    assert len(won) == 1
    assert service.referral(referral.id).status == won[0].status
