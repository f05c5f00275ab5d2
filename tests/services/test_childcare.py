"""Childcare: shifts, check-in with daily pickup codes, capacity and ratio, check-out rules,
alerts and audit events, reports - on SQLite and PostgreSQL, and with two stations at once."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    AuditEvent,
    Child,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    Member,
    PickupCode,
    PickupPerson,
    StaffRole,
    StaffUser,
    Training,
    TrainingSession,
)
from kiosk.i18n import _
from kiosk.security import hash_pin
from kiosk.services.childcare import (
    AlertKind,
    CheckOutStatus,
    ChildcareError,
    ChildcareService,
    Limits,
    RoomFull,
    WrongCode,
    free_codes,
    least_used_picture,
)
from tests.concurrency import race
from tests.pdfs import pdf_text

T0 = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)  # Monday 10:00 in Chihuahua
TODAY = date(2026, 3, 2)
Factory = sessionmaker[Session]


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def add_staff(factory: Factory, name: str, role: StaffRole, pin: str = "2468") -> int:
    with factory.begin() as s:
        user = StaffUser(name=name, role=role, pin_hash=hash_pin(pin))
        s.add(user)
        s.flush()
        return user.id


def add_mother(
    factory: Factory, name: str, phone: str, *kids: tuple[str, int, bool]
) -> tuple[int, list[int]]:
    """A guardian and her children (name, age in years, allergy)."""
    with factory.begin() as s:
        mother = Member(name=name, phone=phone)
        s.add(mother)
        s.flush()
        children = []
        for kid, age, allergy in kids:
            child = Child(
                guardian_id=mother.id,
                name=kid,
                birth_date=TODAY - timedelta(days=round(age * 365.25) + 40),
                has_allergy=allergy,
                medical_note="Alergia al cacahuate" if allergy else "",
            )
            s.add(child)
            children.append(child)
        s.flush()
        return mother.id, [c.id for c in children]


def add_person(factory: Factory, child_id: int, name: str, allowed: bool) -> int:
    with factory.begin() as s:
        person = PickupPerson(child_id=child_id, name=name, relation="", allowed=allowed)
        s.add(person)
        s.flush()
        return person.id


def audits(factory: Factory, action: str) -> list[AuditEvent]:
    with factory() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def open_visits(factory: Factory) -> list[ChildcareVisit]:
    with factory() as s:
        return list(
            s.scalars(select(ChildcareVisit).where(ChildcareVisit.checked_out_at.is_(None)))
        )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(session_factory: Factory, clock: Clock) -> ChildcareService:
    return ChildcareService(
        session_factory, limits=Limits(15, 12, 5, 4), clock=clock, rng=random.Random(7)
    )


@pytest.fixture
def lupe(session_factory: Factory, service: ChildcareService) -> int:
    """A volunteer on shift."""
    staff_id = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER, "5566")
    service.start_shift(staff_id)
    return staff_id


@pytest.fixture
def ana(session_factory: Factory) -> tuple[int, list[int]]:
    return add_mother(
        session_factory,
        "Ana Torres",
        "6145550101",
        ("Sofía Torres", 4, True),
        ("Mateo Torres", 7, False),
    )


# --- codes ----------------------------------------------------------------------------------


def test_free_codes_are_two_digits_then_three() -> None:
    assert free_codes([])[:3] == ["10", "11", "12"]
    assert len(free_codes([])) == 90
    two_digits = [str(n) for n in range(10, 100)]
    assert free_codes(two_digits)[0] == "100"
    with pytest.raises(ChildcareError):
        free_codes([str(n) for n in range(10, 1000)])


def test_pictures_spread_over_the_room() -> None:
    rng = random.Random(1)
    assert least_used_picture(["tortuga"] * 3, rng) != "tortuga"
    chosen = []
    for _i in range(12):
        chosen.append(least_used_picture(chosen, rng))
    assert len(set(chosen)) == 12


# --- shifts ---------------------------------------------------------------------------------


def test_a_volunteer_pin_starts_her_shift_once(
    session_factory: Factory, service: ChildcareService
) -> None:
    staff_id = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER, "5566")
    person, shift = service.sign_in(staff_id, "5566")
    _again, same = service.sign_in(staff_id, "5566")
    assert person.role is StaffRole.VOLUNTEER and shift.id == same.id
    assert [s.staff_name for s in service.on_shift()] == ["Lupe Cano"]
    assert len(audits(session_factory, "childcare.shift_start")) == 1
    with pytest.raises(Exception, match="no es correcto"):
        service.sign_in(staff_id, "1111")
    assert service.end_shift(staff_id) is True
    assert service.on_shift() == []
    assert service.end_shift(staff_id) is False
    assert len(audits(session_factory, "childcare.shift_end")) == 1


def test_yesterdays_open_shift_does_not_count(
    session_factory: Factory, service: ChildcareService, clock: Clock
) -> None:
    staff_id = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER)
    clock.now = T0 - timedelta(days=1)
    service.start_shift(staff_id)
    clock.now = T0
    assert service.on_shift() == []
    shift = service.start_shift(staff_id)
    assert shift.started_at == T0
    assert len(service.on_shift()) == 1


# --- check-in -------------------------------------------------------------------------------


def test_check_in_gives_one_code_for_her_children(
    session_factory: Factory, service: ChildcareService, lupe: int, ana: tuple[int, list[int]]
) -> None:
    mother, (sofia, mateo) = ana
    result = service.check_in(mother, [sofia, mateo], lupe)
    pickup = result.pickup
    assert pickup.code.isdigit() and 10 <= int(pickup.code) <= 99
    assert pickup.day == TODAY
    assert pickup.guardian_first_name == "Ana"
    assert [c.first_name for c in pickup.children] == ["Mateo", "Sofía"]
    assert pickup.children[1].has_allergy and pickup.children[1].age == 4
    assert result.warnings == ()
    board = service.room()
    assert board.count == 2 and [v.staff_name for v in board.volunteers] == ["Lupe Cano"]
    assert {c.child_id for c in board.children} == {sofia, mateo}
    assert [c.present for c in service.children_of(mother)] == [True, True]
    (event,) = audits(session_factory, "childcare.check_in")
    assert event.staff_id == lupe and event.detail == "children=2"
    assert "Ana" not in event.detail


def test_a_child_cannot_be_in_the_room_twice(
    service: ChildcareService, lupe: int, ana: tuple[int, list[int]]
) -> None:
    mother, (sofia, mateo) = ana
    service.check_in(mother, [sofia], lupe)
    with pytest.raises(ChildcareError, match="Sofía ya está"):
        service.check_in(mother, [sofia, mateo], lupe)
    assert service.room().count == 1


def test_codes_are_never_reused_the_same_day(
    session_factory: Factory, service: ChildcareService, lupe: int, clock: Clock
) -> None:
    mother, kids = add_mother(session_factory, "Eva Ruiz", "6145550102", ("Leo Ruiz", 3, False))
    seen = []
    for _i in range(30):
        pickup = service.check_in(mother, kids, lupe).pickup
        seen.append(pickup.code)
        assert service.check_out(pickup.id, None, lupe).status is CheckOutStatus.DONE
    assert len(set(seen)) == 30  # the children left, their codes are not drawn again
    clock.now = T0 + timedelta(days=1)
    service.start_shift(lupe)
    tomorrow = [service.check_in(mother, kids, lupe).pickup.day]
    assert tomorrow == [TODAY + timedelta(days=1)]


def test_a_collision_draws_again_behind_a_savepoint(
    session_factory: Factory, service: ChildcareService, lupe: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if another station took the code between this one's read and its insert."""
    first, kids1 = add_mother(session_factory, "Eva Ruiz", "6145550102", ("Leo Ruiz", 3, False))
    second, kids2 = add_mother(session_factory, "Ivón Paz", "6145550103", ("Ian Paz", 5, False))
    taken = service.check_in(first, kids1, lupe).pickup.code
    calls = []

    def blind(used: set[str]) -> set[str]:
        calls.append(len(used))
        return set() if len(calls) == 1 else used

    monkeypatch.setattr(ChildcareService, "_known_used", staticmethod(blind))
    service._rng = random.Random(0)
    monkeypatch.setattr(service._rng, "choice", lambda seq: taken if taken in seq else seq[0])
    pickup = service.check_in(second, kids2, lupe).pickup
    assert pickup.code != taken and len(calls) == 2
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(PickupCode)) == 2
        assert s.scalar(select(func.count()).select_from(ChildcareVisit)) == 2


def test_nobody_on_shift_refuses(service: ChildcareService, ana: tuple[int, list[int]]) -> None:
    mother, kids = ana
    with pytest.raises(RoomFull, match="turno"):
        service.check_in(mother, kids)
    assert open_visits(service._factory) == []


def _mothers(factory: Factory, n: int) -> list[tuple[int, list[int]]]:
    return [
        add_mother(factory, f"Madre {i:02d}", f"61455502{i:02d}", (f"Niña {i:02d}", 3, False))
        for i in range(n)
    ]


def test_ratio_warns_then_refuses_with_a_reason(
    session_factory: Factory, service: ChildcareService, lupe: int
) -> None:
    mothers = _mothers(session_factory, 6)
    for mother, kids in mothers[:4]:
        assert service.check_in(mother, kids, lupe).warnings == ()
    fifth = service.check_in(*mothers[4], lupe)
    assert fifth.warnings == ("Muchos niños por voluntaria: 5 niños para 1 voluntaria.",)
    with pytest.raises(RoomFull) as refused:
        service.check_in(*mothers[5], lupe)
    assert "como máximo 5" in str(refused.value)
    assert service.room().count == 5
    # A second volunteer starts her shift: room for five more.
    other = add_staff(session_factory, "Rosa Gil", StaffRole.VOLUNTEER)
    service.start_shift(other)
    service.check_in(*mothers[5], lupe)
    assert service.room().count == 6
    assert service.room().room_for == 4


def test_capacity_warns_then_refuses(session_factory: Factory, clock: Clock) -> None:
    service = ChildcareService(session_factory, limits=Limits(4, 2, 10, 10), clock=clock)
    volunteer = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER)
    service.start_shift(volunteer)
    mothers = _mothers(session_factory, 5)
    assert service.check_in(*mothers[0], volunteer).warnings == ()
    assert service.check_in(*mothers[1], volunteer).warnings == ()
    assert service.check_in(*mothers[2], volunteer).warnings == (
        "El salón está casi lleno: 3 de 4 niños.",
    )
    service.check_in(*mothers[3], volunteer)
    with pytest.raises(RoomFull, match="lleno"):
        service.check_in(*mothers[4], volunteer)
    assert service.room().count == 4 and service.room().room_for == 0


def test_two_children_count_as_two(
    session_factory: Factory, clock: Clock, ana: tuple[int, list[int]]
) -> None:
    service = ChildcareService(session_factory, limits=Limits(1, 1, 5, 5), clock=clock)
    volunteer = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER)
    service.start_shift(volunteer)
    mother, kids = ana
    with pytest.raises(RoomFull):
        service.check_in(mother, kids, volunteer)
    assert open_visits(session_factory) == []


def test_only_her_own_children(
    service: ChildcareService, lupe: int, ana: tuple[int, list[int]], session_factory: Factory
) -> None:
    _other, kids = add_mother(session_factory, "Eva Ruiz", "6145550102", ("Leo Ruiz", 3, False))
    mother, _kids = ana
    with pytest.raises(ChildcareError):
        service.check_in(mother, kids, lupe)
    with pytest.raises(ChildcareError):
        service.check_in(mother, [], lupe)


def test_a_visit_left_open_yesterday_is_closed_with_an_alert(
    session_factory: Factory,
    service: ChildcareService,
    lupe: int,
    clock: Clock,
    ana: tuple[int, list[int]],
) -> None:
    mother, (sofia, _mateo) = ana
    service.check_in(mother, [sofia], lupe)
    clock.now = T0 + timedelta(days=1)
    service.start_shift(lupe)
    assert service.room().count == 0  # yesterday's child is not in today's room
    result = service.check_in(mother, [sofia], lupe)
    assert result.closed_left_open == 1
    (alert,) = service.open_alerts()
    assert alert.kind is AlertKind.LEFT_OPEN and alert.child_name == "Sofía Torres"
    assert len(open_visits(session_factory)) == 1


# --- check-out ------------------------------------------------------------------------------


def test_the_right_code_checks_out_and_records_who_and_when(
    session_factory: Factory,
    service: ChildcareService,
    lupe: int,
    clock: Clock,
    ana: tuple[int, list[int]],
) -> None:
    mother, kids = ana
    pickup = service.check_in(mother, kids, lupe).pickup
    found = service.find_pickup(f" {pickup.code} ")
    assert found.id == pickup.id and len(found.children) == 2
    assert found.choices[0].is_guardian and found.choices[0].name == "Ana Torres"
    clock.now = T0 + timedelta(hours=3)
    result = service.check_out(found.id, None, lupe)
    assert result.status is CheckOutStatus.DONE
    assert result.children == ("Mateo Torres", "Sofía Torres")
    with session_factory() as s:
        visits = s.scalars(select(ChildcareVisit)).all()
        assert {v.picked_up_by for v in visits} == {"Ana Torres"}
        assert {v.checked_out_at for v in visits} == {T0 + timedelta(hours=3)}
        assert {v.checked_out_by_id for v in visits} == {lupe}
    assert service.room().count == 0
    assert len(audits(session_factory, "childcare.check_out")) == 1
    with pytest.raises(WrongCode, match="ya los recogieron"):
        service.find_pickup(pickup.code)


@pytest.mark.parametrize("typed", ["", "7", "abc", "999", "12345", "1234567890"])
def test_a_wrong_code_changes_nothing(
    session_factory: Factory,
    service: ChildcareService,
    lupe: int,
    ana: tuple[int, list[int]],
    typed: str,
) -> None:
    mother, kids = ana
    pickup = service.check_in(mother, kids, lupe).pickup
    if typed == pickup.code:
        typed = "98" if pickup.code != "98" else "97"
    with session_factory() as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(WrongCode, match="no es correcto"):
        service.find_pickup(typed)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before
    assert service.room().count == 2


def test_the_scanned_stub_number_finds_the_code(
    service: ChildcareService, lupe: int, ana: tuple[int, list[int]], clock: Clock
) -> None:
    mother, kids = ana
    pickup = service.check_in(mother, kids, lupe).pickup
    number = service.issue_slip(pickup.id)
    assert service.find_pickup(number).id == pickup.id
    mistyped = number[:-1] + str((int(number[-1]) + 1) % 10)
    with pytest.raises(WrongCode):
        service.find_pickup(mistyped)
    clock.now = T0 + timedelta(days=1)
    with pytest.raises(WrongCode):  # yesterday's stub
        service.find_pickup(number)


def test_a_person_on_the_list_picks_up_and_a_stranger_cannot(
    session_factory: Factory, service: ChildcareService, lupe: int, ana: tuple[int, list[int]]
) -> None:
    mother, (sofia, mateo) = ana
    carmen_sofia = add_person(session_factory, sofia, "Carmen Rivas", True)
    add_person(session_factory, mateo, "Carmen  Rivas", True)
    only_sofia = add_person(session_factory, sofia, "Perla Chávez", True)
    pickup = service.check_in(mother, [sofia, mateo], lupe).pickup
    names = [(c.name, c.allowed) for c in pickup.choices]
    # Perla may take Sofía only: she is not offered for both children.
    assert names == [("Ana Torres", True), ("Carmen Rivas", True)]
    with pytest.raises(ChildcareError, match="no está en la lista"):
        service.check_out(pickup.id, only_sofia, lupe)
    assert service.room().count == 2
    result = service.check_out(pickup.id, carmen_sofia, lupe)
    assert result.status is CheckOutStatus.DONE and result.picked_up_by == "Carmen Rivas"


def test_a_not_allowed_person_is_refused_with_an_alert(
    session_factory: Factory, service: ChildcareService, lupe: int, ana: tuple[int, list[int]]
) -> None:
    mother, (sofia, mateo) = ana
    jorge = add_person(session_factory, sofia, "Jorge Ramírez", False)
    pickup = service.check_in(mother, [sofia, mateo], lupe).pickup
    assert pickup.choices[-1].name == "Jorge Ramírez" and not pickup.choices[-1].allowed
    result = service.check_out(pickup.id, jorge, lupe)
    assert result.status is CheckOutStatus.NOT_ALLOWED and result.alert_id is not None
    assert service.room().count == 2  # nobody left the room
    assert service.alert_count() == 1
    (alert,) = service.open_alerts()
    assert alert.kind is AlertKind.NOT_ALLOWED
    assert (alert.person_name, alert.child_name, alert.code) == (
        "Jorge Ramírez",
        "Sofía Torres",
        pickup.code,
    )
    assert alert.staff_name == "Lupe Cano"
    (event,) = audits(session_factory, "childcare.pickup_refused")
    assert event.detail == f"person={jorge}"
    staff = add_staff(session_factory, "Irma Villa", StaffRole.STAFF)
    assert service.mark_seen(alert.id, staff) is True
    assert service.mark_seen(alert.id, staff) is False
    assert service.alert_count() == 0
    assert len(audits(session_factory, "childcare.alert_seen")) == 1


def test_without_the_code_a_staff_pin_is_needed_and_audited(
    session_factory: Factory, service: ChildcareService, lupe: int, ana: tuple[int, list[int]]
) -> None:
    mother, kids = ana
    irma = add_staff(session_factory, "Irma Villa", StaffRole.STAFF, "482913")
    pickup = service.check_in(mother, kids, lupe).pickup
    with pytest.raises(ChildcareError, match="no es correcto"):
        service.check_out_without_code(pickup.id, None, irma, "1111", lupe)
    with pytest.raises(ChildcareError, match="personal"):
        service.check_out_without_code(pickup.id, None, lupe, "5566", lupe)  # a volunteer
    assert service.room().count == 2
    assert audits(session_factory, "childcare.check_out_without_code") == []
    result = service.check_out_without_code(pickup.id, None, irma, "482913", lupe)
    assert result.status is CheckOutStatus.DONE
    assert service.room().count == 0
    (event,) = audits(session_factory, "childcare.check_out_without_code")
    assert event.staff_id == irma and event.subject_id == pickup.id
    (alert,) = service.open_alerts()
    assert alert.kind is AlertKind.WITHOUT_CODE
    assert (alert.staff_name, alert.person_name) == ("Irma Villa", "Ana Torres")


def test_two_stations_check_out_the_same_code(
    service: ChildcareService, lupe: int, ana: tuple[int, list[int]]
) -> None:
    mother, kids = ana
    pickup = service.check_in(mother, kids, lupe).pickup
    assert service.check_out(pickup.id, None, lupe).status is CheckOutStatus.DONE
    assert service.check_out(pickup.id, None, lupe).status is CheckOutStatus.ALREADY


# --- reprint --------------------------------------------------------------------------------


def test_reprint_keeps_the_code_and_the_number(
    session_factory: Factory, service: ChildcareService, lupe: int, ana: tuple[int, list[int]]
) -> None:
    mother, kids = ana
    pickup = service.check_in(mother, kids, lupe).pickup
    number = service.issue_slip(pickup.id)
    assert service.issue_slip(pickup.id) == number
    assert [p.code for p in service.open_codes()] == [pickup.code]
    assert service.reprint(pickup.id, lupe) == number
    text = pdf_text(service.vouchers.pdf(number))
    assert text.split().count(pickup.code) == 3  # the stub and both labels
    assert len(audits(session_factory, "pickup.reprint")) == 1
    service.check_out(pickup.id, None, lupe)
    with pytest.raises(ChildcareError):
        service.reprint(pickup.id, lupe)
    assert service.open_codes() == []


# --- registering a child --------------------------------------------------------------------


def test_register_a_child_with_her_people(
    session_factory: Factory, service: ChildcareService, ana: tuple[int, list[int]]
) -> None:
    mother, _kids = ana
    child = service.register_child(
        mother,
        "  lucía   torres ",
        date(2023, 5, 10),
        allergy=True,
        medical_note="Alergia  a la penicilina",
        health_consent=True,
        allowed=["Carmen Rivas"],
        not_allowed=["Jorge Ramírez"],
    )
    assert child.name == "lucía torres"  # spaces tidied; the keyboard writes the capitals
    assert child.age == 2 and child.has_allergy
    assert child.medical_note == "Alergia a la penicilina"
    assert [(p.name, p.allowed) for p in child.people] == [
        ("Carmen Rivas", True),
        ("Jorge Ramírez", False),
    ]
    assert child.id in [c.id for c in service.children_of(mother)]
    assert len(audits(session_factory, "childcare.child_add")) == 1


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"name": "  "}, "nombre"),
        ({"birth_date": TODAY + timedelta(days=1)}, "después de hoy"),
        ({"birth_date": date(2005, 1, 1)}, "14 años"),
        ({"allergy": True, "health_consent": True}, "alergia"),
        ({"allowed": ["Rosa"], "not_allowed": ["rosa"]}, "a la vez"),
    ],
)
def test_register_refuses_bad_input(
    session_factory: Factory,
    service: ChildcareService,
    ana: tuple[int, list[int]],
    kwargs: dict[str, Any],
    needle: str,
) -> None:
    mother, _kids = ana
    values: dict[str, Any] = {"name": "Lucía", "birth_date": date(2023, 5, 10), **kwargs}
    with pytest.raises(ChildcareError, match=needle):
        service.register_child(mother, values.pop("name"), values.pop("birth_date"), **values)
    assert len(service.children_of(mother)) == 2


# --- mother's training has ended ------------------------------------------------------------


def test_the_board_shows_children_whose_mother_has_finished(
    session_factory: Factory,
    service: ChildcareService,
    lupe: int,
    clock: Clock,
    ana: tuple[int, list[int]],
) -> None:
    mother, kids = ana
    other, other_kids = add_mother(
        session_factory, "Eva Ruiz", "6145550102", ("Leo Ruiz", 3, False)
    )
    with session_factory.begin() as s:
        training = Training(title="Panadería", topic="panaderia")
        s.add(training)
        s.flush()
        session = TrainingSession(
            training_id=training.id,
            starts_at=T0,
            ends_at=T0 + timedelta(hours=2),
            place="Cocina",
            seats=10,
        )
        s.add(session)
        s.flush()
        s.add(Enrollment(member_id=mother, session_id=session.id, status=EnrollmentStatus.ENROLLED))
    service.check_in(mother, kids, lupe)
    service.check_in(other, other_kids, lupe)
    with session_factory() as s:
        assert {v.enrollment_id is not None for v in s.scalars(select(ChildcareVisit))} == {
            True,
            False,
        }
    assert service.room().training_ended == ()
    clock.now = T0 + timedelta(hours=2, minutes=5)
    ended = service.room().training_ended
    assert {c.child_id for c in ended} == set(kids)


# --- reports --------------------------------------------------------------------------------


def test_attendance_per_day_and_month(
    session_factory: Factory,
    service: ChildcareService,
    lupe: int,
    clock: Clock,
    ana: tuple[int, list[int]],
    tmp_path: Path,
) -> None:
    mother, (sofia, mateo) = ana
    pickup = service.check_in(mother, [sofia, mateo], lupe).pickup
    clock.now = T0 + timedelta(hours=2, minutes=30)
    service.check_out(pickup.id, None, lupe)
    clock.now = T0 + timedelta(days=1)
    service.start_shift(lupe)
    pickup = service.check_in(mother, [sofia], lupe).pickup
    clock.now = T0 + timedelta(days=1, hours=1)
    service.check_out(pickup.id, None, lupe)

    day = service.attendance_day(TODAY)
    (row,) = day.rows
    assert (row.children, row.visits, row.hours) == (2, 2, Decimal("5.0"))
    assert row.by_age == (0, 1, 1, 0, 0)  # Sofía 4 (3-5), Mateo 7 (6-8)

    month = service.attendance_month(2026, 3)
    assert [r.day for r in month.rows] == [TODAY, TODAY + timedelta(days=1)]
    assert (month.total.children, month.total.visits, month.total.hours) == (2, 3, Decimal("6.0"))
    table = list(csv.reader(io.StringIO(service.report_csv(month))))
    assert table[0][:4] == [_("Day"), _("Children"), _("Visits"), _("Hours")]
    assert table[1][:4] == ["2026-03-02", "2", "2", "5.0"]
    assert table[-1][:4] == [_("Total"), "2", "3", "6.0"]

    csv_path, pdf_path = service.write_report(month, tmp_path)
    assert csv_path == tmp_path / "reports" / "guarderia-2026-03.csv"
    text = pdf_text(pdf_path)
    assert "marzo de 2026" in text and "6.0" in text and _("Total") in text
    empty = service.attendance_day(TODAY + timedelta(days=5))
    assert empty.rows[0].visits == 0 and empty.total.hours == 0


# --- two stations at the same moment ----------------------------------------------------------


def test_two_stations_check_in_at_once(racing_factory: Factory) -> None:
    """Two stations check in mothers at the same instant, in rounds, with a small room: the
    codes of the day are all different, and the room and the ratio are never passed."""
    factory = racing_factory
    clock = Clock()
    stations = [
        ChildcareService(factory, limits=Limits(12, 12, 6, 6), clock=clock) for _i in range(2)
    ]
    volunteers = [add_staff(factory, f"Voluntaria {i}", StaffRole.VOLUNTEER) for i in range(2)]
    for volunteer in volunteers:
        stations[0].start_shift(volunteer)
    mothers = [
        add_mother(
            factory,
            f"Madre {i:02d}",
            f"61455503{i:02d}",
            (f"Niña {i:02d}", 3, False),
            (f"Niño {i:02d}", 5, False),
        )
        for i in range(10)
    ]
    results: list[Any] = []
    for start in range(0, 10, 2):
        results += race(
            2,
            lambda i, start=start: stations[i].check_in(*mothers[start + i], volunteers[i]),
            ChildcareError,
        )
    done = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(done) == 6 and all(isinstance(r, RoomFull) for r in refused)
    assert stations[0].room().count == 12
    with factory() as s:
        codes = s.scalars(select(PickupCode.code).where(PickupCode.day == TODAY)).all()
    assert len(codes) == len(set(codes)) == 6
    # Check out the room and in again at once: still no code of the day is drawn twice.
    for pickup in stations[0].open_codes():
        stations[1].check_out(pickup.id, None, volunteers[1])
    more = race(
        10, lambda i: stations[i % 2].check_in(*mothers[i], volunteers[i % 2]), ChildcareError
    )
    assert sum(not isinstance(r, Exception) for r in more) == 6
    with factory() as s:
        codes = s.scalars(select(PickupCode.code).where(PickupCode.day == TODAY)).all()
        open_count = s.scalar(
            select(func.count())
            .select_from(ChildcareVisit)
            .where(ChildcareVisit.checked_out_at.is_(None))
        )
    assert len(codes) == len(set(codes)) == 12
    assert open_count == 12


def test_the_same_child_at_two_stations_at_once(racing_factory: Factory) -> None:
    factory = racing_factory
    clock = Clock()
    service = ChildcareService(factory, clock=clock)
    volunteer = add_staff(factory, "Lupe Cano", StaffRole.VOLUNTEER)
    service.start_shift(volunteer)
    mother, kids = add_mother(factory, "Ana Torres", "6145550101", ("Sofía Torres", 4, False))
    results = race(6, lambda _i: service.check_in(mother, kids, volunteer), ChildcareError)
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert len(open_visits(factory)) == 1
    # And the same code checked out at two stations: one hands her over, one is told.
    (pickup,) = service.open_codes()
    outs = race(4, lambda _i: service.check_out(pickup.id, None, volunteer), ChildcareError)
    assert sorted(r.status for r in outs) == [CheckOutStatus.ALREADY] * 3 + [CheckOutStatus.DONE]
    assert len(audits(factory, "childcare.check_out")) == 1


def test_the_example_data_has_a_living_room(session_factory: Factory) -> None:
    from kiosk.data.demo import load_demo

    load_demo(session_factory, today=TODAY)
    service = ChildcareService(session_factory, clock=lambda: T0)
    board = service.room()
    assert [v.staff_name for v in board.volunteers] == ["Irma Villalobos Fierro"]
    assert {c.code for c in board.children} == {"47", "82"}
    assert any(c.has_allergy for c in board.children)
    (sofia_code,) = {c.code_id for c in board.children if c.code == "47"}
    assert service.pickup(sofia_code).choices[-1].allowed is False  # her father may not
    month = service.attendance_month(2026, 2)
    assert month.total.visits > 10 and month.total.hours > 0
