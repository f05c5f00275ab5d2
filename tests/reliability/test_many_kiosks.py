"""Eight kiosks on one PostgreSQL server, each a process doing a realistic mix — browse, sign
up, cancel, check children in and out, print — for a fixed number of operations. Afterwards:
no error, no session oversold, no pickup code twice on a day, no child in the room twice, and
every operation a kiosk confirmed is in the database. Prints operations per second and the
p95 latency of each kind."""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from kiosk.data.db import make_engine, make_session_factory, migrate
from kiosk.data.models import (
    Child,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    Member,
    PickupCode,
    StaffRole,
    TrainingSession,
    Voucher,
)
from kiosk.services.childcare import ChildcareService
from kiosk.services.staff import StaffService
from kiosk.services.trainings import TrainingService
from tests.reliability.workers import assert_check_ins_kept, start_worker

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]
KIOSKS = 8
OPS = 60  # per kiosk: bounded, so CI stays well inside its time
SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.NO_SHOW)


def test_eight_kiosks_on_one_server_lose_nothing(pg_url: str, report_figure) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(pg_url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory.begin() as s:
        people = [Member(name=f"Compañera {i}", phone=f"614556{i:04d}") for i in range(64)]
        s.add_all(people)
        s.flush()
        member_ids = [m.id for m in people]
        guardians = member_ids[:32]
        s.add_all(
            Child(guardian_id=g, name=f"Niño {g}-{k}", birth_date=date(2021, 5, 1 + k))
            for g in guardians
            for k in range(1 + g % 2)
        )
    trainings = TrainingService(factory, childcare_capacity=12)
    course = trainings.create_training("Panadería", "panaderia")
    other = trainings.create_training("Costura", "costura")
    soon = datetime.now(UTC) + timedelta(days=3)
    for training, seats in ((course.id, 6), (other.id, 10)):
        trainings.add_session(training, soon, soon + timedelta(hours=2), "Salón", seats)
    volunteer = StaffService(factory).add("Lupe Voluntaria", StaffRole.VOLUNTEER, "5566")
    ChildcareService(factory).start_shift(volunteer.id)

    started = time.perf_counter()
    workers = [
        start_worker(
            "kiosk_worker",
            pg_url,
            str(1000 + n),
            str(OPS),
            # Each kiosk serves its own women (her sign-ups' order is then known) while all of
            # them race for the same seats and the same room.
            "--members",
            ",".join(map(str, member_ids[n::KIOSKS])),
            "--guardians",
            ",".join(map(str, guardians[n::KIOSKS])),
            "--staff",
            str(volunteer.id),
        )
        for n in range(KIOSKS)
    ]
    outputs = [w.communicate(timeout=600) for w in workers]
    elapsed = time.perf_counter() - started
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err[-2000:]
    lines = [json.loads(line) for out, _err in outputs for line in out.splitlines()]
    assert len(lines) == KIOSKS * OPS

    # Her last confirmed word on each sign-up decides how it must be stored (a cancelled
    # sign-up is the same row used again when she signs up anew).
    last: dict[int, str] = {}
    for x in lines:
        if "enrollment" in x:
            last[x["enrollment"]] = "signup"
        elif "cancelled" in x:
            last[x["cancelled"]] = "cancel"
    signups = {eid for eid, word in last.items() if word == "signup"}
    cancels = {eid for eid, word in last.items() if word == "cancel"}
    checkins = {x["code"]: x["children"] for x in lines if "code" in x}
    checkouts = {x["out"] for x in lines if "out" in x}
    slips = {x["slip"] for x in lines if "slip" in x}
    with factory() as s:
        enrollments = {e.id: e for e in s.scalars(select(Enrollment))}
        for eid in signups:
            assert eid in enrollments, f"confirmed sign-up {eid} lost"
            assert enrollments[eid].status is not EnrollmentStatus.CANCELLED, f"{eid} undone"
        for eid in cancels:
            assert enrollments[eid].status is EnrollmentStatus.CANCELLED, f"cancel {eid} lost"
        for ts in s.scalars(select(TrainingSession)):
            seated = [
                e for e in enrollments.values() if e.session_id == ts.id and e.status in SEATED
            ]
            assert ts.seats_taken == len(seated) <= ts.seats, "a session was oversold"
            assert ts.childcare_taken == sum(e.childcare_reserved for e in seated) <= 12
        twice = s.execute(
            select(PickupCode.day, PickupCode.code)
            .group_by(PickupCode.day, PickupCode.code)
            .having(func.count() > 1)
        ).all()
        assert twice == [], "a pickup code was handed out twice on a day"
        open_twice = s.execute(
            select(ChildcareVisit.child_id)
            .where(ChildcareVisit.checked_out_at.is_(None))
            .group_by(ChildcareVisit.child_id)
            .having(func.count() > 1)
        ).all()
        assert open_twice == [], "a child is in the room twice"
        assert_check_ins_kept(s, checkins, checkouts)
        stored = set(s.scalars(select(Voucher.number)))
        assert slips <= stored, "a printed slip was lost"

    by_kind: dict[str, list[float]] = defaultdict(list)
    for x in lines:
        by_kind[x["op"]].append(x["ms"])
    figures = ", ".join(
        f"{kind} p95 {statistics.quantiles(ms, n=20)[18]:.0f} ms"
        for kind, ms in sorted(by_kind.items())
        if len(ms) >= 2
    )
    confirmed = len(signups) + len(cancels) + len(checkins) + len(checkouts) + len(slips)
    report_figure(
        f"many kiosks: {KIOSKS} kiosks, {len(lines)} operations in {elapsed:.1f} s "
        f"({len(lines) / elapsed:.0f}/s), {confirmed} confirmed, 0 lost; {figures}"
    )
    engine.dispose()
