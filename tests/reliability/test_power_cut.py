"""Power cuts: a kiosk process signing women up and checking children in and out on SQLite is
killed with SIGKILL at random points, many times. After every kill the database passes
integrity_check, every sign-up, cancellation, slip, check-in and check-out whose confirmation
was shown is there, and nothing is half-written (the seat counters agree with the sign-ups,
every slip has its PDF, every code its children, no child is in the room twice)."""

from __future__ import annotations

import random
import signal
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text

from kiosk.data.db import make_engine, make_session_factory, migrate
from kiosk.data.models import (
    Child,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    Member,
    StaffRole,
    TrainingSession,
    Voucher,
)
from kiosk.data.sqlite_files import engine_url
from kiosk.services.childcare import ChildcareService
from kiosk.services.staff import StaffService
from kiosk.services.trainings import TrainingService
from tests.reliability.workers import assert_check_ins_kept, start_worker

KILLS = 12
MEMBERS = 60
SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.NO_SHOW)


def test_kill_at_random_points_loses_nothing_confirmed(tmp_path: Path, report_figure) -> None:  # type: ignore[no-untyped-def]
    url = engine_url(tmp_path / "kiosk.sqlite3")
    engine = make_engine(url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory.begin() as s:
        people = [Member(name=f"Compañera {i}", phone=f"614555{i:04d}") for i in range(MEMBERS)]
        s.add_all(people)
        s.flush()
        guardians = [m.id for m in people[:12]]
        s.add_all(
            Child(guardian_id=g, name=f"Niño {g}", birth_date=date(2022, 3, 1)) for g in guardians
        )
    volunteer = StaffService(factory).add("Lupe Voluntaria", StaffRole.VOLUNTEER, "5566")
    ChildcareService(factory).start_shift(volunteer.id)
    trainings = TrainingService(factory, childcare_capacity=8)
    course = trainings.create_training("Panadería", "panaderia")
    starts = datetime.now(UTC) + timedelta(days=5)
    sessions = [
        trainings.add_session(
            course.id, starts + timedelta(days=d), starts + timedelta(days=d, hours=2), "Cocina", 6
        ).id
        for d in range(3)
    ]
    with factory() as s:
        ids = s.scalars(select(Member.id)).all()
    rng = random.Random(20261201)
    confirmed_signups: dict[int, str] = {}
    confirmed_cancels: set[int] = set()
    confirmed_slips: dict[str, int] = {}
    checkins: dict[int, list[int]] = {}
    checkouts: set[int] = set()
    operations = 0
    for _kill in range(KILLS):
        worker = start_worker(
            "crash_worker",
            url,
            str(rng.randrange(1 << 30)),
            *map(str, sessions),
            "--members",
            f"{min(ids)}-{max(ids)}",
            "--guardians",
            ",".join(map(str, guardians)),
            "--staff",
            str(volunteer.id),
        )
        assert worker.stdout is not None and worker.stderr is not None
        # Let it confirm a random number of operations, then cut the power mid-way.
        wanted = rng.randint(3, 25)
        in_flight: list[str] = []
        seen = 0
        try:
            while seen < wanted:
                line = worker.stdout.readline()
                assert line, worker.stderr.read()
                words = line.split()
                if words[0] == "begin":
                    in_flight = words
                    continue
                seen += 1
                in_flight = []
                if words[1] == "signup":
                    confirmed_signups[int(words[2])] = words[3]
                    confirmed_cancels.discard(int(words[2]))
                elif words[1] == "cancel":
                    confirmed_cancels.add(int(words[2]))
                elif words[1] == "checkin":
                    checkins[int(words[2])] = [int(c) for c in words[3].split(",")]
                elif words[1] == "checkout":
                    checkouts.add(int(words[2]))
                else:
                    confirmed_slips[words[2]] = int(words[3])
        finally:  # the power goes out whatever happened
            worker.send_signal(signal.SIGKILL)
            worker.wait(30)
            worker.stdout.close()
            worker.stderr.close()
        operations += seen
        check(url, sessions, confirmed_signups, confirmed_cancels, confirmed_slips, in_flight)
        check_room(url, checkins, checkouts)
    engine.dispose()
    report_figure(
        f"power cuts: {KILLS} kills survived, {operations} confirmed operations, 0 lost, "
        f"{len(confirmed_slips)} slips kept, {len(checkins)} check-ins, "
        f"{len(checkouts)} check-outs"
    )


def check(
    url: str,
    sessions: list[int],
    signups: dict[int, str],
    cancels: set[int],
    slips: dict[str, int],
    in_flight: list[str],
) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        factory = make_session_factory(engine)
        with factory() as s:
            enrollments = {e.id: e for e in s.scalars(select(Enrollment))}
            for eid in signups:
                assert eid in enrollments, f"confirmed sign-up {eid} lost"
            # The operation cut mid-way may have committed without being shown; it can only
            # have touched the member it was for.
            unsure = int(in_flight[2]) if in_flight else None
            for eid in cancels:
                row = enrollments[eid]
                if row.member_id != unsure:
                    assert row.status is EnrollmentStatus.CANCELLED, f"cancel {eid} lost"
            for eid, status in signups.items():
                row = enrollments[eid]
                if eid not in cancels and row.member_id != unsure:
                    assert row.status is not EnrollmentStatus.CANCELLED, f"sign-up {eid} undone"
                    if status == "enrolled":
                        assert row.status in SEATED, f"seat of {eid} lost"
            for number, eid in slips.items():
                voucher = s.scalar(select(Voucher).where(Voucher.number == number))
                assert voucher is not None, f"slip {number} lost"
                assert voucher.subject_id == eid and voucher.pdf and voucher.pdf[:5] == b"%PDF-"
            for session_id in sessions:
                ts = s.get(TrainingSession, session_id)
                assert ts is not None
                rows = [e for e in enrollments.values() if e.session_id == session_id]
                seated = [e for e in rows if e.status in SEATED]
                assert ts.seats_taken == len(seated) <= ts.seats, "counters half-written"
                assert ts.childcare_taken == sum(e.childcare_reserved for e in seated)
    finally:
        engine.dispose()


def check_room(url: str, checkins: dict[int, list[int]], checkouts: set[int]) -> None:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as s:
            assert_check_ins_kept(s, checkins, checkouts)
            inside = s.scalars(
                select(ChildcareVisit.child_id).where(ChildcareVisit.checked_out_at.is_(None))
            ).all()
            assert len(inside) == len(set(inside)), "a child is in the room twice"
    finally:
        engine.dispose()
