"""The children's room counts people, not courses: places are held per time interval across
every course session, a woman in line holds none, promotion checks them again, and check-in
counts the places reserved for mothers in a course - on SQLite and PostgreSQL, and with kiosks
signing up at the same moment."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import Enrollment, StaffRole, TrainingSession
from kiosk.services.childcare import ChildcareService, Limits, RoomFull
from kiosk.services.childcare_room import SEATED
from kiosk.services.trainings import SignUpResult, SignUpStatus, TrainingService
from tests.concurrency import race
from tests.services.test_childcare import add_mother, add_staff
from tests.services.test_trainings import STARTS, Clock, women

Factory = sessionmaker[Session]
H = timedelta(hours=1)


def courses(
    factory: Factory, *hours: tuple[float, float], capacity: int = 15, seats: int = 20
) -> tuple[TrainingService, list[int]]:
    """A session per (start, end), in hours after STARTS, each of its own course."""
    service = TrainingService(factory, childcare_capacity=capacity, clock=Clock())
    ids = []
    for n, (start, end) in enumerate(hours):
        training = service.create_training(f"Curso {n}", "costura")
        ids.append(
            service.add_session(
                training.id, STARTS + start * H, STARTS + end * H, "Salón", seats
            ).id
        )
    return service, ids


def held_by_minute(factory: Factory) -> dict[datetime, int]:
    """Places held at each minute of the day, counted the slow way from the stored sign-ups:
    per woman the most she holds in any session going on then."""
    with factory() as s:
        rows = s.execute(
            select(
                Enrollment.member_id,
                Enrollment.childcare_reserved,
                TrainingSession.starts_at,
                TrainingSession.ends_at,
            )
            .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
            .where(Enrollment.status.in_(SEATED))
        ).all()
    held = {}
    for minute in range(-60, 10 * 60):
        instant = STARTS + timedelta(minutes=minute)
        most: dict[int, int] = {}
        for member, places, start, end in rows:
            if start <= instant < end:
                most[member] = max(most.get(member, 0), places)
        held[instant] = sum(most.values())
    return held


def fill(service: TrainingService, session_id: int, members: list[int], children: int) -> None:
    for member in members:
        assert service.sign_up(member, session_id, children).status is SignUpStatus.ENROLLED


# --- sign-ups ---------------------------------------------------------------------------------


def test_three_courses_at_the_same_hour_share_one_room(session_factory: Factory) -> None:
    service, (a, b, c) = courses(session_factory, (0, 3), (0, 3), (0, 3))
    ids = women(session_factory, 10)
    fill(service, a, ids[0:3], 2)  # 6 places
    fill(service, b, ids[3:6], 2)  # 12
    assert service.session(c).childcare_left == 3
    assert service.session(a).childcare_left == 3  # the same room, seen from every course
    fill(service, c, ids[6:7], 3)  # 15: the room is full
    late = service.sign_up(ids[7], c, 1)
    assert late.status is SignUpStatus.CHILDCARE_FULL and late.enrollment is None
    assert late.childcare_free == 0 and late.can_wait_for_childcare
    assert late.session.seats_left == 19  # the course has seats; the room has not
    # Without childcare she still gets a seat.
    assert service.sign_up(ids[7], c, 1, without_childcare=True).status is SignUpStatus.ENROLLED
    assert max(held_by_minute(session_factory).values()) == 15
    assert [card.next_session.childcare_left for card in service.upcoming()] == [0, 0, 0]


def test_back_to_back_sessions_use_the_same_places(session_factory: Factory) -> None:
    """One ends at 12:00, the next starts at 12:00: each may fill the room."""
    service, (morning, noon) = courses(session_factory, (0, 2), (2, 4), capacity=4)
    ids = women(session_factory, 4)
    fill(service, morning, ids[:2], 2)
    assert service.session(noon).childcare_left == 4
    fill(service, noon, ids[2:], 2)
    assert service.session(morning).childcare_left == 0
    assert max(held_by_minute(session_factory).values()) == 4


def test_partly_overlapping_sessions(session_factory: Factory) -> None:
    """10-12 holds 10, 11-13 holds 5 (the hour 11-12 is full), then 12-14 has 10 free (13-14
    is free but 12-13 holds the second course's 5)."""
    service, (first, second, third) = courses(session_factory, (0, 2), (1, 3), (2, 4))
    ids = women(session_factory, 10)
    fill(service, first, ids[0:5], 2)
    assert service.session(second).childcare_left == 5
    assert service.session(third).childcare_left == 15
    fill(service, second, ids[5:6], 5)
    assert service.sign_up(ids[6], second, 1).status is SignUpStatus.CHILDCARE_FULL
    assert service.session(third).childcare_left == 10
    fill(service, third, ids[6:8], 5)
    assert service.sign_up(ids[8], third, 1).status is SignUpStatus.CHILDCARE_FULL
    # Free at every instant of 10-12: 10-11 has 5 free, but 11-12 none.
    assert service.session(first).childcare_left == 0
    assert max(held_by_minute(session_factory).values()) == 15


def test_a_mother_in_two_courses_at_once_holds_her_children_once(
    session_factory: Factory,
) -> None:
    service, (a, b) = courses(session_factory, (0, 2), (1, 3), capacity=3)
    (ana, other) = women(session_factory, 2)
    fill(service, a, [ana], 3)
    assert service.sign_up(ana, b, 3).status is SignUpStatus.ENROLLED  # the same children
    assert service.sign_up(other, b, 1).status is SignUpStatus.CHILDCARE_FULL
    assert max(held_by_minute(session_factory).values()) == 3


def test_cancelling_frees_places_in_every_overlapping_course(session_factory: Factory) -> None:
    """A woman waiting for childcare in another course at those hours gets her seat with her
    places when a cancellation frees them."""
    service, (a, b) = courses(session_factory, (0, 2), (1, 3), capacity=4)
    ana, bea, cris = women(session_factory, 3)
    seat = service.sign_up(ana, a, 3).enrollment
    assert seat is not None
    wait = service.sign_up(bea, b, 2, waitlist_if_childcare_full=True)
    assert wait.status is SignUpStatus.WAITLISTED
    assert wait.enrollment is not None and wait.enrollment.waits_for_childcare
    # A seat frees in her course, but no places: she keeps her turn (she waits for childcare).
    other = service.sign_up(cris, b).enrollment
    assert other is not None
    assert service.cancel(other.id, cris).promoted == ()
    assert service.my_sign_ups(bea)[0].place_in_line == 1
    result = service.cancel(seat.id, ana)
    assert [(p.member_id, p.session_id, p.childcare) for p in result.promoted] == [(bea, b, 2)]
    assert service.session(a).childcare_left == 2
    assert max(held_by_minute(session_factory).values()) == 2


def test_a_woman_in_line_holds_no_place(session_factory: Factory) -> None:
    service, (a, b) = courses(session_factory, (0, 2), (0, 2), capacity=4, seats=1)
    ana, bea, cris = women(session_factory, 3)
    fill(service, a, [ana], 1)
    waiting = service.sign_up(bea, a, 3)  # the course is full: in line for a seat
    assert waiting.status is SignUpStatus.WAITLISTED
    assert waiting.enrollment is not None and waiting.enrollment.childcare == 0
    assert waiting.childcare_free == 3
    # Her 3 children do not keep another mother's children out of the room.
    fill(service, b, [cris], 3)
    assert max(held_by_minute(session_factory).values()) == 4


def test_more_children_than_the_room_holds_cannot_wait(session_factory: Factory) -> None:
    service, (a,) = courses(session_factory, (0, 2), capacity=3)
    (ana,) = women(session_factory, 1)
    refused = service.sign_up(ana, a, 4)
    assert refused.status is SignUpStatus.CHILDCARE_FULL
    assert not refused.can_wait_for_childcare and refused.childcare_free == 3


# --- kiosks at the same moment ----------------------------------------------------------------


@pytest.mark.postgresql
def test_kiosks_racing_for_three_overlapping_courses_never_overfill(pg_factory: Factory) -> None:
    """30 women at once, 1 to 3 children each, into three courses that overlap 11:00-12:00:
    never more places held than the room has at any minute, and nobody refused while her
    children would still have fit."""
    service, sessions = courses(pg_factory, (0, 3), (1, 4), (0, 2), capacity=15, seats=30)
    ids = women(pg_factory, 30)
    want = [1 + i % 3 for i in range(30)]

    def task(i: int) -> SignUpResult:
        return service.sign_up(ids[i], sessions[i % 3], want[i])

    results = race(30, task)
    statuses = [r.status for r in results]
    assert set(statuses) == {SignUpStatus.ENROLLED, SignUpStatus.CHILDCARE_FULL}
    held = held_by_minute(pg_factory)
    assert max(held.values()) <= 15
    assert held[STARTS + 1.5 * H] >= 13  # the shared hour is (nearly) full
    left = {sid: service.session(sid).childcare_left for sid in sessions}
    for i, result in enumerate(results):
        if result.status is SignUpStatus.CHILDCARE_FULL:
            assert want[i] > left[sessions[i % 3]], "refused although her children fit"
    with pg_factory() as s:
        for sid in sessions:
            ts = s.get(TrainingSession, sid)
            assert ts is not None and ts.childcare_taken <= 15


@pytest.mark.postgresql
def test_cancels_and_sign_ups_across_courses_at_once(pg_factory: Factory) -> None:
    service, sessions = courses(pg_factory, (0, 2), (1, 3), capacity=6, seats=10)
    ids = women(pg_factory, 16)
    seated = [service.sign_up(ids[i], sessions[i % 2], 1).enrollment for i in range(6)]

    def task(i: int) -> Any:
        if i < 6:
            enrollment = seated[i]
            assert enrollment is not None
            return service.cancel(enrollment.id, ids[i])
        return service.sign_up(ids[i], sessions[i % 2], 1 + i % 2, waitlist_if_childcare_full=True)

    race(16, task)
    held = held_by_minute(pg_factory)
    assert max(held.values()) <= 6
    # Nobody waits for childcare while her places are free.
    for sid in sessions:
        free = service.session(sid).childcare_left
        for entry in service.roster(sid):
            if entry.place_in_line is not None:
                assert entry.children > free


# --- check-in counts the places reserved for mothers in a course ------------------------------


def test_check_in_keeps_the_places_of_mothers_in_a_course(session_factory: Factory) -> None:
    clock = Clock(STARTS - 5 * H)
    trainings = TrainingService(session_factory, childcare_capacity=4, clock=clock)
    training = trainings.create_training("Costura", "costura")
    session = trainings.add_session(training.id, STARTS, STARTS + 3 * H, "Salón", 10)
    mother, kids = add_mother(
        session_factory, "Ana Ruiz", "6145550101", ("Lía", 3, False), ("Leo", 4, False)
    )
    walk_in, walk_kids = add_mother(
        session_factory,
        "Bea Soto",
        "6145550102",
        ("Eva", 2, False),
        ("Ian", 5, False),
        ("Flor", 6, False),
    )
    reserved = trainings.sign_up(mother, session.id, 2)
    assert reserved.status is SignUpStatus.ENROLLED

    room = ChildcareService(
        session_factory, limits=Limits(4, 4, 4, 4), clock=clock, rng=random.Random(1)
    )
    volunteer = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER)
    clock.now = STARTS - 2 * H  # long before the course: nothing reserved yet
    room.start_shift(volunteer)
    assert room.room().reserved == 0 and room.room().room_for == 4

    clock.now = STARTS + 0.5 * H  # the course is on: 2 of the 4 places are hers
    board = room.room()
    assert (board.count, board.reserved, board.room_for) == (0, 2, 2)
    with pytest.raises(RoomFull, match=r"Solo pueden entrar 2 niños más.*curso"):
        room.check_in(walk_in, walk_kids, volunteer)  # 3 children: one would take her place
    assert room.room().count == 0
    room.check_in(walk_in, walk_kids[:2], volunteer)  # 2 fit beside her reserved 2
    # Her children fill her own places: they come in although 2 + 2 = 4 is the room's all.
    room.check_in(mother, kids, volunteer)
    board = room.room()
    assert (board.count, board.reserved, board.room_for) == (4, 0, 0)


def test_check_in_shortly_before_a_course_counts_its_reservations(
    session_factory: Factory,
) -> None:
    clock = Clock(STARTS - 5 * H)
    trainings = TrainingService(session_factory, childcare_capacity=2, clock=clock)
    training = trainings.create_training("Costura", "costura")
    session = trainings.add_session(training.id, STARTS, STARTS + 3 * H, "Salón", 10)
    (mother,) = women(session_factory, 1)
    trainings.sign_up(mother, session.id, 2)
    walk_in, walk_kids = add_mother(session_factory, "Bea Soto", "6145550102", ("Eva", 2, False))
    room = ChildcareService(session_factory, limits=Limits(2, 2, 5, 5), clock=clock)
    volunteer = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER)
    clock.now = STARTS - timedelta(minutes=10)
    room.start_shift(volunteer)
    with pytest.raises(RoomFull):
        room.check_in(walk_in, walk_kids, volunteer)


# --- sign-ups and check-ins at the same moment -------------------------------------------------


def soon_course(factory: Factory, clock: Clock, capacity: int) -> tuple[TrainingService, int]:
    """A course starting 20 minutes after the clock's now."""
    trainings = TrainingService(factory, childcare_capacity=capacity, clock=clock)
    training = trainings.create_training("Costura", "costura")
    start = clock.now + timedelta(minutes=20)
    return trainings, trainings.add_session(training.id, start, start + 2 * H, "Salón", 20).id


def test_a_course_starting_soon_counts_the_children_in_the_room(session_factory: Factory) -> None:
    clock = Clock(STARTS)
    trainings, sid = soon_course(session_factory, clock, capacity=3)
    room = ChildcareService(session_factory, limits=Limits(3, 3, 5, 5), clock=clock)
    volunteer = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER)
    room.start_shift(volunteer)
    walk_in, kids = add_mother(
        session_factory, "Bea Soto", "6145550102", ("Eva", 2, False), ("Ian", 5, False)
    )
    room.check_in(walk_in, kids, volunteer)
    (ana,) = women(session_factory, 1)
    assert trainings.session(sid).childcare_left == 1
    refused = trainings.sign_up(ana, sid, 2)
    assert refused.status is SignUpStatus.CHILDCARE_FULL and refused.childcare_free == 1
    # A course tomorrow does not count today's children.
    later = trainings.add_session(
        trainings.session(sid).training_id, STARTS + 24 * H, STARTS + 26 * H, "Salón", 20
    )
    assert trainings.sign_up(ana, later.id, 2).status is SignUpStatus.ENROLLED


@pytest.mark.postgresql
def test_check_ins_and_sign_ups_at_once_never_overfill(pg_factory: Factory) -> None:
    """Six mothers check one child in while six women sign up with one child for a course
    starting in 20 minutes, all at once, for a room of 4: at most 4 get a place."""
    clock = Clock(STARTS)
    trainings, sid = soon_course(pg_factory, clock, capacity=4)
    room = ChildcareService(pg_factory, limits=Limits(4, 4, 10, 10), clock=clock)
    volunteer = add_staff(pg_factory, "Lupe Cano", StaffRole.VOLUNTEER)
    room.start_shift(volunteer)
    mothers = [
        add_mother(pg_factory, f"Madre {i}", f"61455503{i:02d}", (f"Niña {i}", 3, False))
        for i in range(6)
    ]
    signing = women(pg_factory, 6)

    def task(i: int) -> Any:
        if i < 6:
            return room.check_in(*mothers[i], volunteer)
        return trainings.sign_up(signing[i - 6], sid, 1)

    results = race(12, task, refusals=RoomFull)
    checked_in = sum(1 for r in results[:6] if not isinstance(r, RoomFull))
    signed_up = sum(1 for r in results[6:] if r.status is SignUpStatus.ENROLLED)
    assert checked_in + signed_up == 4
    assert room.room().count == checked_in
    assert room.room().room_for == 0


def test_the_board_tells_a_full_room_from_one_short_of_volunteers(
    session_factory: Factory,
) -> None:
    clock = Clock(STARTS)
    room = ChildcareService(
        session_factory, limits=Limits(3, 3, 1, 1), clock=clock, rng=random.Random(1)
    )
    volunteer = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER)
    room.start_shift(volunteer)
    mother, kids = add_mother(
        session_factory, "Ana Ruiz", "6145550101", ("Lía", 3, False), ("Leo", 4, False)
    )
    room.check_in(mother, kids[:1], volunteer)
    board = room.room()
    # One child per volunteer: nobody else may come in, but another volunteer would make room.
    assert (board.room_for, board.full) == (0, False)
    two_places = Limits(2, 2, 3, 3)  # the second child fills the room
    small = ChildcareService(session_factory, limits=two_places, clock=clock, rng=random.Random(2))
    small.check_in(mother, kids[1:], volunteer)
    board = small.room()
    assert (board.count, board.room_for, board.full) == (2, 0, True)
