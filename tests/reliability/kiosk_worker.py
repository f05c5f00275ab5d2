"""One simulated kiosk for the load test: a fixed number of operations in a realistic mix
(browse, sign up, cancel, check in, check out, print a slip) against the shared database.

``python -m tests.reliability.kiosk_worker URL SEED OPS --guardians A,B,C --staff ID``

Every operation prints one JSON line: what it was, how long it took, and — when the service
confirmed it — the ids a member or volunteer would have been shown. A refusal the service
explains (seat taken, room full...) is an answer, not an error; anything else ends the worker
with a traceback and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from functools import partial

from kiosk.data.db import make_engine, make_session_factory
from kiosk.services.checks import InputError
from kiosk.services.childcare import ChildcareError, ChildcareService, Limits
from kiosk.services.jobs import JobService
from kiosk.services.trainings import SignUpStatus, TrainingError, TrainingService
from kiosk.services.vouchers import VoucherKind, VoucherService

REFUSALS = (TrainingError, ChildcareError, InputError)
MIX = (
    ("browse", 30),
    ("signup", 25),
    ("cancel", 10),
    ("checkin", 15),
    ("checkout", 12),
    ("print", 8),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("seed", type=int)
    parser.add_argument("ops", type=int)
    parser.add_argument("--members", required=True)
    parser.add_argument("--guardians", required=True)
    parser.add_argument("--staff", type=int, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    members = [int(m) for m in args.members.split(",")]
    guardians = [int(g) for g in args.guardians.split(",")]
    engine = make_engine(args.url, pool_size=2)
    factory = make_session_factory(engine)
    trainings = TrainingService(factory, childcare_capacity=12)
    vouchers = VoucherService(factory)
    childcare = ChildcareService(
        factory, limits=Limits(30, 30, 30, 30), vouchers=vouchers, paper="80mm"
    )
    jobs = JobService(factory)
    from kiosk.vouchers import kinds

    active: list[tuple[int, int]] = []  # (enrollment, member) she may cancel
    codes: list[int] = []  # pickup codes this station handed out, children still in
    kinds_of_op = [name for name, weight in MIX for _ in range(weight)]

    def report(op: str, started: float, **shown: object) -> None:
        ms = (time.perf_counter() - started) * 1000
        sys.stdout.write(json.dumps({"op": op, "ms": round(ms, 2), **shown}) + "\n")
        sys.stdout.flush()

    for _ in range(args.ops):
        op = rng.choice(kinds_of_op)
        started = time.perf_counter()
        try:
            if op == "browse":
                sessions = [c.next_session.id for c in trainings.upcoming()]
                jobs.category_counts()
                childcare.room()
                report(op, started, seen=len(sessions))
            elif op == "signup":
                member = rng.choice(members)
                session = rng.choice([c.next_session.id for c in trainings.upcoming()])
                result = trainings.sign_up(member, session, rng.choice((0, 0, 1, 2)))
                if result.enrollment is not None and result.status in (
                    SignUpStatus.ENROLLED,
                    SignUpStatus.WAITLISTED,
                ):
                    active.append((result.enrollment.id, member))
                    report(op, started, enrollment=result.enrollment.id, status=result.status)
                else:
                    report(op, started, refused=result.status)
            elif op == "cancel" and active:
                enrollment, member = active.pop(rng.randrange(len(active)))
                trainings.cancel(enrollment, member)
                report(op, started, cancelled=enrollment)
            elif op == "checkin":
                guardian = rng.choice(guardians)
                children = [c.id for c in childcare.children_of(guardian)]
                checked = childcare.check_in(guardian, children, args.staff)
                codes.append(checked.pickup.id)
                report(
                    op,
                    started,
                    code=checked.pickup.id,
                    digits=checked.pickup.code,
                    children=children,
                )
            elif op == "checkout" and codes:
                code = codes.pop(rng.randrange(len(codes)))
                done = childcare.check_out(code, None, args.staff)
                report(op, started, out=code, status=done.status)
            elif op == "print":
                slip = kinds.StaffListSlip(
                    title="Panadería", day=date.today(), names=("Compañera",)
                )
                issued = vouchers.issue(VoucherKind.STAFF_LIST, partial(kinds.staff_list, slip))
                vouchers.mark_saved(issued.number)
                report(op, started, slip=issued.number)
            else:
                report("browse", started, seen=0)
        except REFUSALS as exc:
            report(op, started, refused=type(exc).__name__)
    engine.dispose()


if __name__ == "__main__":
    main()
