"""Trainings: seats never oversold, one sign-up per woman, a first-come-first-served waitlist,
childcare places reserved with the seat, closing at the start, attendance and the staff's lists -
on SQLite and PostgreSQL, and with kiosks signing up at the same moment."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    Enrollment,
    EnrollmentStatus,
    Member,
    Training,
    TrainingSession,
    Voucher,
    VoucherKind,
)
from kiosk.i18n import _, format_date_short, format_time
from kiosk.services.trainings import (
    DoorStatus,
    SignUpResult,
    SignUpStatus,
    TrainingError,
    TrainingService,
)
from tests.concurrency import race

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Chihuahua
STARTS = T0 + timedelta(days=2)
SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.NO_SHOW)


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


Factory = sessionmaker[Session]


def add_members(factory: Factory, *names: str) -> list[int]:
    with factory.begin() as s:
        start = s.scalar(select(func.count()).select_from(Member)) or 0
        rows = [Member(name=name, phone=f"614555{start + i:04d}") for i, name in enumerate(names)]
        s.add_all(rows)
        s.flush()
        return [m.id for m in rows]


def women(factory: Factory, n: int) -> list[int]:
    return add_members(factory, *(f"Compañera {i:02d}" for i in range(n)))


def make(
    factory: Factory, *, seats: int = 5, childcare: int = 15, clock: Clock | None = None
) -> tuple[TrainingService, int]:
    service = TrainingService(factory, childcare_capacity=childcare, clock=clock or Clock())
    training = service.create_training("Panadería", "panaderia", duration_text="4 sesiones")
    session = service.add_session(
        training.id, STARTS, STARTS + timedelta(hours=3), "Cocina, CENESO", seats
    )
    return service, session.id


def rows(factory: Factory, session_id: int) -> list[Enrollment]:
    with factory() as s:
        return list(
            s.scalars(
                select(Enrollment)
                .where(Enrollment.session_id == session_id)
                .order_by(Enrollment.id)
            )
        )


def assert_consistent(factory: Factory, session_id: int, capacity: int) -> TrainingSession:
    """The counters agree with the sign-ups, and never exceed what the session has."""
    with factory() as s:
        ts = s.get(TrainingSession, session_id)
        assert ts is not None
        seated = [e for e in rows(factory, session_id) if e.status in SEATED]
        assert ts.seats_taken == len(seated)
        assert ts.childcare_taken == sum(e.childcare_reserved for e in seated)
        assert 0 <= ts.seats_taken <= ts.seats
        assert 0 <= ts.childcare_taken <= capacity
        positions = [e.waitlist_position for e in rows(factory, session_id)]
        numbered = [p for p in positions if p is not None]
        assert len(numbered) == len(set(numbered)), "a waitlist number was drawn twice"
        return ts


# --- seats, duplicates, waitlist --------------------------------------------------------------


def test_seats_never_exceed_capacity(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=3)
    ids = women(session_factory, 5)
    results = [service.sign_up(m, sid, waitlist_if_full=False) for m in ids]
    assert [r.status for r in results] == [SignUpStatus.ENROLLED] * 3 + [SignUpStatus.FULL] * 2
    assert results[2].session.seats_left == 0 and results[2].session.full
    assert results[3].enrollment is None
    assert len(rows(session_factory, sid)) == 3  # FULL wrote nothing
    assert service.session(sid).seats_taken == 3
    late = service.sign_up(ids[4], sid)  # now she accepts the waitlist
    assert late.status is SignUpStatus.WAITLISTED and late.position == 1
    assert late.session.seats_taken == 3 and late.session.waitlist_count == 1
    assert_consistent(session_factory, sid, 15)


def test_one_sign_up_per_member_and_session(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=1)
    ana, bety = women(session_factory, 2)
    first = service.sign_up(ana, sid, 1)
    again = service.sign_up(ana, sid, 3)
    assert again.status is SignUpStatus.ALREADY
    assert again.enrollment == first.enrollment  # unchanged: still 1 child
    waiting = service.sign_up(bety, sid)
    assert service.sign_up(bety, sid).status is SignUpStatus.ALREADY
    assert service.sign_up(bety, sid).position == waiting.position == 1
    assert len(rows(session_factory, sid)) == 2
    ts = assert_consistent(session_factory, sid, 15)
    assert (ts.seats_taken, ts.childcare_taken) == (1, 1)


def test_waitlist_is_first_come_first_served_and_cancel_promotes(session_factory: Factory) -> None:
    clock = Clock()
    service, sid = make(session_factory, seats=2, clock=clock)
    a, b, c, d, e = women(session_factory, 5)
    ea, eb = (service.sign_up(m, sid).enrollment for m in (a, b))
    waiting = [service.sign_up(m, sid) for m in (c, d, e)]
    assert [w.status for w in waiting] == [SignUpStatus.WAITLISTED] * 3
    assert [w.position for w in waiting] == [1, 2, 3]
    assert ea is not None and eb is not None
    assert service.to_call() == []

    clock.now = T0 + timedelta(hours=5)
    result = service.cancel(ea.id, a)
    assert result.cancelled and result.enrollment.status is EnrollmentStatus.CANCELLED
    assert [p.member_id for p in result.promoted] == [c]  # the first in line, not the last
    promoted = result.promoted[0]
    assert promoted.status is EnrollmentStatus.ENROLLED
    assert promoted.promoted_at == clock.now and promoted.called_at is None
    assert promoted.place_in_line is None
    assert [(x.member_id, x.place_in_line) for x in service.my_sign_ups(d)] == [(d, 1)]
    assert [(x.member_id, x.place_in_line) for x in service.my_sign_ups(e)] == [(e, 2)]

    calls = service.to_call()
    assert [(x.member_id, x.enrollment_id, x.promoted_at) for x in calls] == [
        (c, promoted.id, clock.now)
    ]
    assert calls[0].name == "Compañera 02" and calls[0].phone.startswith("614555")
    service.mark_called(promoted.id)
    service.mark_called(promoted.id)  # twice is harmless
    assert service.to_call() == []
    assert service.enrollment(promoted.id).called_at == clock.now

    # A waitlisted woman leaving frees no seat: the one behind her moves up.
    ed = service.my_sign_ups(d)[0]
    assert service.cancel(ed.id, d).promoted == ()
    assert service.my_sign_ups(e)[0].place_in_line == 1
    assert [x.member_id for x in service.cancel(eb.id, b).promoted] == [e]
    assert [x.member_id for x in service.to_call()] == [e]
    ts = assert_consistent(session_factory, sid, 15)
    assert ts.seats_taken == 2


def test_a_cancelled_member_signs_up_again_at_the_back(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=1)
    ana, bety, carmen = women(session_factory, 3)
    first = service.sign_up(ana, sid).enrollment
    assert first is not None
    assert service.sign_up(bety, sid).position == 1
    service.cancel(first.id, ana)  # bety gets the seat
    assert service.cancel(first.id, ana).cancelled is False  # twice: nothing changes
    assert service.sign_up(carmen, sid).position == 1
    again = service.sign_up(ana, sid)
    assert again.status is SignUpStatus.WAITLISTED and again.position == 2
    assert again.enrollment is not None and again.enrollment.id == first.id  # the same row
    numbers = {e.member_id: e.waitlist_position for e in rows(session_factory, sid)}
    assert numbers[ana] > numbers[carmen] > numbers[bety]
    assert len(rows(session_factory, sid)) == 3
    assert_consistent(session_factory, sid, 15)


def test_only_her_own_sign_up_can_be_cancelled(session_factory: Factory) -> None:
    service, sid = make(session_factory)
    ana, bety = women(session_factory, 2)
    mine = service.sign_up(ana, sid).enrollment
    assert mine is not None
    with pytest.raises(TrainingError):
        service.cancel(mine.id, bety)
    with pytest.raises(TrainingError):
        service.cancel(9999, ana)
    assert service.enrollment(mine.id).status is EnrollmentStatus.ENROLLED


def test_cancelling_frees_the_seat(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=1)
    ana, bety = women(session_factory, 2)
    mine = service.sign_up(ana, sid, 2).enrollment
    assert mine is not None
    assert service.sign_up(bety, sid, waitlist_if_full=False).status is SignUpStatus.FULL
    result = service.cancel(mine.id, ana)
    assert result.promoted == ()
    info = service.session(sid)
    assert (info.seats_taken, info.childcare_taken, info.seats_left) == (0, 0, 1)
    assert service.my_sign_ups(ana) == []
    assert service.sign_up(bety, sid, waitlist_if_full=False).status is SignUpStatus.ENROLLED
    assert_consistent(session_factory, sid, 15)


def test_unknown_member_or_session(session_factory: Factory) -> None:
    service, sid = make(session_factory)
    (ana,) = women(session_factory, 1)
    with pytest.raises(TrainingError):
        service.sign_up(9999, sid)
    with pytest.raises(TrainingError):
        service.sign_up(ana, 9999)
    assert rows(session_factory, sid) == []


# --- childcare ---------------------------------------------------------------------------------


def test_childcare_is_reserved_with_the_seat(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=5, childcare=3)
    a, b, c, d = women(session_factory, 4)
    first = service.sign_up(a, sid, 2)
    assert first.status is SignUpStatus.ENROLLED
    assert first.enrollment is not None and first.enrollment.childcare == 2
    assert first.session.childcare_left == 1

    # Childcare full: she is told, and nothing is written.
    full = service.sign_up(b, sid, 2)
    assert full.status is SignUpStatus.CHILDCARE_FULL and full.enrollment is None
    assert full.session.childcare_left == 1 and full.session.seats_left == 4
    assert len(rows(session_factory, sid)) == 1
    info = service.session(sid)
    assert (info.seats_taken, info.childcare_taken) == (1, 2)

    # She chooses to come without childcare.
    without = service.sign_up(b, sid, 2, without_childcare=True)
    assert without.status is SignUpStatus.ENROLLED and without.enrollment is not None
    assert (without.enrollment.children, without.enrollment.childcare) == (2, 0)

    # Another chooses to wait for childcare: waitlisted although seats are free.
    wait = service.sign_up(c, sid, 2, waitlist_if_childcare_full=True)
    assert wait.status is SignUpStatus.WAITLISTED and wait.position == 1
    assert wait.session.seats_left == 3
    # In line she holds no place: her children's places are decided when she gets a seat.
    assert wait.enrollment is not None and wait.enrollment.childcare == 0
    assert wait.enrollment.childcare_wanted == 2 and wait.enrollment.waits_for_childcare
    assert wait.session.childcare_left == 1
    assert service.sign_up(d, sid).status is SignUpStatus.ENROLLED  # no children: a seat is free

    # Cancelling frees the childcare places too; the woman waiting for them gets the seat.
    assert first.enrollment is not None
    result = service.cancel(first.enrollment.id, a)
    assert [p.member_id for p in result.promoted] == [c]
    assert result.promoted[0].childcare == 2
    info = service.session(sid)
    assert (info.seats_taken, info.childcare_taken, info.childcare_left) == (3, 2, 1)
    assert_consistent(session_factory, sid, 3)


def test_more_children_than_the_childcare_holds(session_factory: Factory) -> None:
    service, sid = make(session_factory, childcare=3)
    (ana,) = women(session_factory, 1)
    for kwargs in ({}, {"waitlist_if_childcare_full": True}):
        assert service.sign_up(ana, sid, 4, **kwargs).status is SignUpStatus.CHILDCARE_FULL
    assert rows(session_factory, sid) == []
    assert service.sign_up(ana, sid, 4, without_childcare=True).status is SignUpStatus.ENROLLED


def test_promoted_without_childcare_when_the_room_is_full(session_factory: Factory) -> None:
    """She waited for a seat: she gets it in her turn, without childcare, and is told so."""
    service, sid = make(session_factory, seats=2, childcare=2)
    a, b, c, d = women(session_factory, 4)
    service.sign_up(a, sid, 2)
    mine = service.sign_up(b, sid).enrollment
    assert mine is not None
    assert service.sign_up(c, sid, 1).position == 1  # the course is full; wants 1 place
    assert service.sign_up(d, sid).position == 2
    result = service.cancel(mine.id, b)  # frees a seat, but no childcare place
    assert [p.member_id for p in result.promoted] == [c]
    promoted = result.promoted[0]
    assert promoted.status is EnrollmentStatus.ENROLLED
    assert (promoted.childcare, promoted.childcare_wanted) == (0, 1) and promoted.childcare_full
    (call,) = service.to_call()
    assert call.member_id == c and call.childcare_full
    assert service.my_sign_ups(c)[0].childcare_full
    assert service.my_sign_ups(d)[0].place_in_line == 1
    ts = assert_consistent(session_factory, sid, 2)
    assert ts.childcare_taken == 2


def test_promoted_with_childcare_when_places_are_free(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=1, childcare=3)
    a, b = women(session_factory, 2)
    mine = service.sign_up(a, sid).enrollment
    assert mine is not None
    waiting = service.sign_up(b, sid, 2)
    assert waiting.status is SignUpStatus.WAITLISTED
    assert waiting.enrollment is not None and waiting.enrollment.childcare == 0
    assert waiting.session.childcare_left == 3  # she holds nothing while she waits
    (promoted,) = service.cancel(mine.id, a).promoted
    assert (promoted.member_id, promoted.childcare, promoted.childcare_full) == (b, 2, False)
    (call,) = service.to_call()
    assert (call.childcare, call.childcare_full) == (2, False)
    assert service.session(sid).childcare_left == 1


def test_one_cancel_can_let_in_several_who_waited_for_childcare(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=4, childcare=2)
    a, b, c = women(session_factory, 3)
    mine = service.sign_up(a, sid, 2).enrollment
    assert mine is not None
    for m in (b, c):
        assert service.sign_up(m, sid, 1, waitlist_if_childcare_full=True).status is (
            SignUpStatus.WAITLISTED
        )
    result = service.cancel(mine.id, a)
    assert [p.member_id for p in result.promoted] == [b, c]
    assert_consistent(session_factory, sid, 2)


@pytest.mark.parametrize("children", [-1, 7, True, 2.0])
def test_children_must_be_0_to_6(session_factory: Factory, children: Any) -> None:
    service, sid = make(session_factory)
    (ana,) = women(session_factory, 1)
    with pytest.raises(TrainingError):
        service.sign_up(ana, sid, children)
    assert rows(session_factory, sid) == []
    assert service.sign_up(ana, sid, 6).status is SignUpStatus.ENROLLED


# --- closing, attendance -----------------------------------------------------------------------


def test_sign_up_closes_at_the_start(session_factory: Factory) -> None:
    clock = Clock()
    service, sid = make(session_factory, clock=clock)
    ana, bety, carmen = women(session_factory, 3)
    clock.now = STARTS - timedelta(seconds=1)
    early = service.sign_up(ana, sid)
    assert early.status is SignUpStatus.ENROLLED and early.session.open
    assert early.enrollment is not None
    clock.now = STARTS
    late = service.sign_up(bety, sid)
    assert late.status is SignUpStatus.CLOSED and late.enrollment is None
    assert not late.session.open
    assert len(rows(session_factory, sid)) == 1
    with pytest.raises(TrainingError):
        service.cancel(early.enrollment.id, ana)
    assert service.enrollment(early.enrollment.id).status is EnrollmentStatus.ENROLLED
    assert service.my_sign_ups(ana) == []
    assert service.upcoming() == []
    assert service.upcoming(now=STARTS - timedelta(minutes=1))[0].next_session.id == sid
    clock.now = STARTS + timedelta(days=1)
    assert service.sign_up(carmen, sid).status is SignUpStatus.CLOSED


def test_inactive_training_is_closed(session_factory: Factory) -> None:
    service, sid = make(session_factory)
    (ana,) = women(session_factory, 1)
    with session_factory.begin() as s:
        for t in s.scalars(select(Training)):
            t.active = False
    assert service.sign_up(ana, sid).status is SignUpStatus.CLOSED
    assert service.upcoming() == []


def test_attendance(session_factory: Factory) -> None:
    clock = Clock()
    service, sid = make(session_factory, seats=2, clock=clock)
    ana, bety, carmen = women(session_factory, 3)
    ea = service.sign_up(ana, sid, 1).enrollment
    eb = service.sign_up(bety, sid).enrollment
    ec = service.sign_up(carmen, sid).enrollment
    assert ea is not None and eb is not None and ec is not None
    clock.now = STARTS + timedelta(minutes=10)
    assert service.mark_attendance(ea.id, True).status is EnrollmentStatus.ATTENDED
    assert service.mark_attendance(eb.id, False).status is EnrollmentStatus.NO_SHOW
    assert service.mark_attendance(eb.id, True).status is EnrollmentStatus.ATTENDED  # corrected
    with pytest.raises(TrainingError):
        service.mark_attendance(ec.id, True)  # waitlisted: she had no seat
    with pytest.raises(TrainingError):
        service.mark_attendance(9999, True)
    assert service.enrollment(ec.id).status is EnrollmentStatus.WAITLISTED
    with pytest.raises(TrainingError):
        service.cancel(ea.id, ana)
    roster = service.roster(sid)
    assert [(r.member_id, r.status) for r in roster] == [
        (ana, EnrollmentStatus.ATTENDED),
        (bety, EnrollmentStatus.ATTENDED),
        (carmen, EnrollmentStatus.WAITLISTED),
    ]
    ts = assert_consistent(session_factory, sid, 15)
    assert (ts.seats_taken, ts.childcare_taken) == (2, 1)


# --- staff input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "hours", "place", "seats"),
    [
        (STARTS, 0, "Salón 1", 10),  # ends when it starts
        (STARTS, -1, "Salón 1", 10),  # ends before it starts
        (T0 - timedelta(hours=1), 2, "Salón 1", 10),  # in the past
        (STARTS, 2, "   ", 10),  # no place
        (STARTS, 2, "x" * 201, 10),
        (STARTS, 2, "Salón 1", 0),
        (STARTS, 2, "Salón 1", 201),
        (STARTS, 2, "Salón 1", -3),
        (STARTS, 2, "Salón 1", True),
    ],
)
def test_session_input_checks(
    session_factory: Factory, starts: datetime, hours: int, place: str, seats: Any
) -> None:
    service = TrainingService(session_factory, childcare_capacity=15, clock=Clock())
    training = service.create_training("Costura", "costura")
    with pytest.raises(TrainingError) as caught:
        service.add_session(training.id, starts, starts + timedelta(hours=hours), place, seats)
    message = str(caught.value)
    assert message.endswith(".") and message.count(".") == 1  # one short sentence
    assert service.sessions(training.id) == []


def test_session_checks_accept_good_input(session_factory: Factory) -> None:
    service = TrainingService(session_factory, childcare_capacity=15, clock=Clock())
    training = service.create_training("  Costura   básica ", " Costura ", description="Ejemplo")
    assert (training.title, training.topic) == ("Costura básica", "costura")
    for seats in (1, 200):
        info = service.add_session(
            training.id, STARTS, STARTS + timedelta(hours=2), " Taller  de costura ", seats
        )
        assert (info.place, info.seats, info.seats_left, info.open) == (
            "Taller de costura",
            seats,
            seats,
            True,
        )
    with pytest.raises(TrainingError):
        service.add_session(9999, STARTS, STARTS + timedelta(hours=2), "Salón", 5)
    with pytest.raises(ValueError, match="timezone"):
        service.add_session(training.id, STARTS.replace(tzinfo=None), STARTS, "Salón", 5)


@pytest.mark.parametrize(("title", "topic"), [("", "costura"), ("x" * 201, "costura"), ("A", "")])
def test_training_input_checks(session_factory: Factory, title: str, topic: str) -> None:
    service = TrainingService(session_factory, childcare_capacity=15, clock=Clock())
    with pytest.raises(TrainingError):
        service.create_training(title, topic)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Training)) == 0


# --- what members and staff see ---------------------------------------------------------------


def test_upcoming_shows_each_training_with_its_next_session(session_factory: Factory) -> None:
    clock = Clock()
    service = TrainingService(session_factory, childcare_capacity=15, clock=clock)
    bread = service.create_training("Panadería", "panaderia")
    pc = service.create_training("Computación básica", "computacion")
    service.create_training("Sin fechas", "otros")
    later = service.add_session(
        bread.id, STARTS + timedelta(days=7), STARTS + timedelta(days=7, hours=3), "Cocina", 12
    )
    soon = service.add_session(bread.id, STARTS, STARTS + timedelta(hours=3), "Cocina", 12)
    pc_session = service.add_session(
        pc.id, STARTS + timedelta(days=1), STARTS + timedelta(days=1, hours=2), "Sala", 2
    )
    (ana,) = women(session_factory, 1)
    service.sign_up(ana, pc_session.id)
    cards = service.upcoming()
    assert [(c.id, c.next_session.id) for c in cards] == [
        (bread.id, soon.id),
        (pc.id, pc_session.id),
    ]
    assert cards[0].topic == "panaderia" and cards[0].next_session.place == "Cocina"
    assert cards[1].next_session.seats_left == 1
    # After the first bread session starts, its next session is shown.
    clock.now = STARTS + timedelta(minutes=1)
    assert [(c.id, c.next_session.id) for c in service.upcoming()] == [
        (pc.id, pc_session.id),
        (bread.id, later.id),
    ]
    assert [(x.id, x.open) for x in service.sessions(bread.id)] == [
        (soon.id, False),
        (later.id, True),
    ]


def test_my_sign_ups(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=1)
    other = service.add_session(
        service.session(sid).training_id,
        STARTS + timedelta(days=7),
        STARTS + timedelta(days=7, hours=3),
        "Cocina",
        5,
    )
    ana, bety = women(session_factory, 2)
    service.sign_up(bety, sid)
    service.sign_up(ana, other.id, 2)
    service.sign_up(ana, sid)
    mine = service.my_sign_ups(ana)
    assert [(x.session_id, x.status, x.place_in_line) for x in mine] == [
        (sid, EnrollmentStatus.WAITLISTED, 1),
        (other.id, EnrollmentStatus.ENROLLED, None),
    ]
    assert mine[1].training_title == "Panadería" and mine[1].childcare == 2
    service.cancel(mine[0].id, ana)
    assert [x.session_id for x in service.my_sign_ups(ana)] == [other.id]


def test_roster_and_csv(session_factory: Factory) -> None:
    service, sid = make(session_factory, seats=3)
    ids = add_members(
        session_factory, "Beatriz Ríos", "Ángela Núñez", "=HYPERLINK(1)", "Zoila Paz", "Ana Gil"
    )
    beatriz, angela, formula, zoila, ana = ids
    service.sign_up(beatriz, sid, 1)
    service.sign_up(angela, sid, 2, without_childcare=True)
    service.sign_up(formula, sid)
    service.sign_up(zoila, sid, 1)
    service.sign_up(ana, sid)
    roster = service.roster(sid)
    assert [r.member_id for r in roster] == [formula, angela, beatriz, zoila, ana]
    assert [r.place_in_line for r in roster] == [None, None, None, 1, 2]

    text = service.roster_csv(sid)
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == [
        _("Course"),
        _("Date"),
        _("Time"),
        _("Place"),
        _("Name"),
        _("Phone"),
        _("Status"),
        _("Place in line"),
        _("Children"),
        _("Childcare places"),
    ]
    assert len(table) == 6
    when = [format_date_short(STARTS), format_time(STARTS)]
    assert when == ["04/03/2026", "09:00"]
    angela_row = table[2]
    assert angela_row[:5] == ["Panadería", *when, "Cocina, CENESO", "Ángela Núñez"]
    assert angela_row[5].startswith("614555") and len(angela_row[5]) == 10
    assert angela_row[6:] == [_("Signed up"), "", "2", "0"]
    assert table[1][4] == "'=HYPERLINK(1)"  # never run as a formula by a spreadsheet
    # In line she holds no childcare place (1 child, 0 places).
    assert table[4][4:] == ["Zoila Paz", table[4][5], _("Waitlist"), "1", "1", "0"]
    assert [row[4] for row in table[1:]] == [
        "'=HYPERLINK(1)",
        "Ángela Núñez",
        "Beatriz Ríos",
        "Zoila Paz",
        "Ana Gil",
    ]
    with pytest.raises(TrainingError):
        service.roster(9999)


# --- kiosks at the same moment ----------------------------------------------------------------


def check_race(factory: Factory, sid: int, n: int, seats: int, results: list[SignUpResult]) -> None:
    statuses = [r.status for r in results]
    assert statuses.count(SignUpStatus.ENROLLED) == seats
    assert statuses.count(SignUpStatus.WAITLISTED) == n - seats
    assert sorted(r.position for r in results if r.position is not None) == list(
        range(1, n - seats + 1)
    )
    stored = rows(factory, sid)
    assert len(stored) == n and len({e.member_id for e in stored}) == n
    enrolled = [e for e in stored if e.status is EnrollmentStatus.ENROLLED]
    ts = assert_consistent(factory, sid, 15)
    assert ts.seats_taken == seats == len(enrolled)
    # The order told to each woman is the order stored.
    waiting = sorted(
        (e for e in stored if e.status is EnrollmentStatus.WAITLISTED),
        key=lambda e: e.waitlist_position or 0,
    )
    told = {r.enrollment.id: r.position for r in results if r.enrollment is not None}
    assert [told[e.id] for e in waiting] == list(range(1, n - seats + 1))


@pytest.mark.postgresql
def test_twenty_kiosks_race_for_five_seats_on_postgresql(pg_factory: Factory) -> None:
    service, sid = make(pg_factory, seats=5)
    ids = women(pg_factory, 20)
    results = race(20, lambda i: service.sign_up(ids[i], sid, i % 2))
    check_race(pg_factory, sid, 20, 5, results)


def test_eight_kiosks_race_for_three_seats_on_sqlite(sqlite_factory: Factory) -> None:
    service, sid = make(sqlite_factory, seats=3)
    ids = women(sqlite_factory, 8)
    results = race(8, lambda i: service.sign_up(ids[i], sid, i % 2))
    check_race(sqlite_factory, sid, 8, 3, results)


def test_same_woman_at_two_kiosks_at_once(racing_factory: Factory) -> None:
    factory = racing_factory
    service, sid = make(factory, seats=5)
    (ana,) = women(factory, 1)
    results = race(8, lambda _i: service.sign_up(ana, sid, 1))
    statuses = sorted(r.status for r in results)
    assert statuses == [SignUpStatus.ALREADY] * 7 + [SignUpStatus.ENROLLED]
    assert len({r.enrollment.id for r in results if r.enrollment}) == 1
    assert len(rows(factory, sid)) == 1
    ts = assert_consistent(factory, sid, 15)
    assert (ts.seats_taken, ts.childcare_taken) == (1, 1)


@pytest.mark.postgresql
def test_cancels_and_sign_ups_at_once_keep_the_counters_right(pg_factory: Factory) -> None:
    """10 women with seats cancel while 10 others sign up with children: whatever the order,
    the counters match the sign-ups, childcare is never over, and no free seat is left while
    a waitlisted woman's childcare fits."""
    service, sid = make(pg_factory, seats=10, childcare=6)
    ids = women(pg_factory, 20)
    seated = [service.sign_up(m, sid, without_childcare=True).enrollment for m in ids[:10]]
    assert all(e is not None for e in seated)

    def task(i: int) -> Any:
        if i < 10:
            enrollment = seated[i]
            assert enrollment is not None
            return service.cancel(enrollment.id, ids[i])
        return service.sign_up(ids[i], sid, i % 3, waitlist_if_childcare_full=True)

    race(20, task)
    ts = assert_consistent(pg_factory, sid, 6)
    waiting = [e for e in rows(pg_factory, sid) if e.status is EnrollmentStatus.WAITLISTED]
    assert all(e.childcare_reserved == 0 for e in waiting)
    if ts.seats_taken < ts.seats:
        assert all(e.childcare_wanted > 6 - ts.childcare_taken for e in waiting)


# --- the door: a course slip scanned marks her present once ---------------------------------


def slip_for(factory: Factory, enrollment_id: int, kind: str = "training") -> str:
    """A stored voucher for her sign-up, as the kiosk issues it (PDF left out: not read)."""
    from kiosk.services.vouchers import VoucherService

    issued = VoucherService(factory).issue(
        VoucherKind(kind),
        lambda _n: b"%PDF-",
        subject_table="enrollments",
        subject_id=enrollment_id,
    )
    return issued.number


def test_the_door_marks_her_present_once(session_factory: Factory) -> None:
    clock = Clock()
    service, sid = make(session_factory, seats=1, clock=clock)
    ana, rosa = add_members(session_factory, "Ana Torres", "Rosa Chávez")
    seated = service.sign_up(ana, sid)
    waiting = service.sign_up(rosa, sid)
    assert seated.enrollment is not None and waiting.enrollment is not None
    number = slip_for(session_factory, seated.enrollment.id)
    ticket = slip_for(session_factory, waiting.enrollment.id, "waitlist")

    early = service.attend_with_slip(number)
    assert early.status is DoorStatus.NOT_TODAY and early.name == "Ana Torres"
    clock.now = STARTS - timedelta(minutes=15)
    assert service.attend_with_slip(ticket).status is DoorStatus.NO_SEAT
    done = service.attend_with_slip(f"{number[:3]} {number[3:]}", staff_id=None)
    assert done.status is DoorStatus.MARKED
    assert service.enrollment(seated.enrollment.id).status is EnrollmentStatus.ATTENDED
    assert service.attend_with_slip(number).status is DoorStatus.ALREADY
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert service.attend_with_slip(wrong).status is DoorStatus.MISTYPED
    assert service.attend_with_slip("").status is DoorStatus.MISTYPED
    other = slip_for(session_factory, seated.enrollment.id, "job")
    assert service.attend_with_slip(other).status is DoorStatus.NOT_A_COURSE

    # The seat stays counted and the slip is used.
    assert assert_consistent(session_factory, sid, 15).seats_taken == 1
    with session_factory() as s:
        used = s.scalar(select(Voucher.redeemed_at).where(Voucher.number == number))
    assert used is not None


def test_last_weeks_slip_does_not_mark_her_present(session_factory: Factory) -> None:
    clock = Clock()
    service, sid = make(session_factory, clock=clock)
    (ana,) = add_members(session_factory, "Ana Torres")
    signed = service.sign_up(ana, sid)
    assert signed.enrollment is not None
    number = slip_for(session_factory, signed.enrollment.id)
    clock.now = STARTS + timedelta(days=7)  # the session was a week ago
    assert service.attend_with_slip(number).status is DoorStatus.NOT_TODAY
    assert service.enrollment(signed.enrollment.id).status is EnrollmentStatus.ENROLLED


@pytest.mark.postgresql
def test_two_desks_scanning_one_slip_mark_it_once(pg_factory: Factory) -> None:
    clock = Clock(STARTS - timedelta(minutes=5))
    service, sid = make(pg_factory, seats=3, clock=Clock())
    (ana,) = add_members(pg_factory, "Ana Torres")
    signed = service.sign_up(ana, sid)
    assert signed.enrollment is not None
    number = slip_for(pg_factory, signed.enrollment.id)
    door = TrainingService(pg_factory, childcare_capacity=15, clock=clock)
    results = race(6, lambda _i: door.attend_with_slip(number).status)
    assert results.count(DoorStatus.MARKED) == 1
    assert results.count(DoorStatus.ALREADY) == 5
