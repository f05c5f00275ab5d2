"""A kiosk doing sign-ups, cancellations and their slips on SQLite, as fast as it can, until it
is killed. ``python -m tests.reliability.crash_worker URL SEED SESSION_ID... --members A-B``

Before each operation it prints ``begin <op> <member> <session>``, and after the transaction
committed, what a member or volunteer would have been shown: ``ok signup <enrollment>
<status>``, ``ok cancel <enrollment>``, ``ok slip <number> <enrollment>``, ``ok checkin
<code> <child,...>``, ``ok checkout <code>``.
"""

from __future__ import annotations

import argparse
import random
import sys
from functools import partial

from kiosk.data.db import make_engine, make_session_factory
from kiosk.services.childcare import ChildcareError, ChildcareService, Limits
from kiosk.services.trainings import SignUpStatus, TrainingService
from kiosk.services.vouchers import VoucherKind, VoucherService


def say(*words: object) -> None:
    sys.stdout.write(" ".join(str(w) for w in words) + "\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("seed", type=int)
    parser.add_argument("sessions", type=int, nargs="+")
    parser.add_argument("--members", required=True)
    parser.add_argument("--guardians", required=True)
    parser.add_argument("--staff", type=int, required=True)
    args = parser.parse_args()
    guardians = [int(g) for g in args.guardians.split(",")]
    low, high = (int(part) for part in args.members.split("-"))
    rng = random.Random(args.seed)
    factory = make_session_factory(make_engine(args.url))
    trainings = TrainingService(factory, childcare_capacity=8)
    vouchers = VoucherService(factory)
    childcare = ChildcareService(factory, limits=Limits(40, 40, 40, 40), vouchers=vouchers)
    from kiosk.vouchers import kinds

    while True:
        if rng.random() < 0.35:
            guardian = rng.choice(guardians)
            children = [c.id for c in childcare.children_of(guardian)]
            say("begin", "checkin", guardian, 0)
            try:
                checked = childcare.check_in(guardian, children, args.staff)
            except ChildcareError:  # already in the room: take them out instead
                codes = [p.id for p in childcare.open_codes() if p.guardian_id == guardian]
                for code in codes:
                    say("begin", "checkout", guardian, 0)
                    childcare.check_out(code, None, args.staff)
                    say("ok", "checkout", code)
                continue
            say("ok", "checkin", checked.pickup.id, ",".join(map(str, children)))
            continue
        member, session = rng.randint(low, high), rng.choice(args.sessions)
        say("begin", "signup", member, session)
        result = trainings.sign_up(member, session, rng.randint(0, 2), waitlist_if_full=True)
        enrollment = result.enrollment
        if result.status is SignUpStatus.ALREADY and enrollment is not None:
            say("begin", "cancel", member, session)
            trainings.cancel(enrollment.id, member)
            say("ok", "cancel", enrollment.id)
            continue
        if enrollment is None:
            continue
        say("ok", "signup", enrollment.id, result.status.value)
        slip = kinds.TrainingSlip(
            member_name="Compañera",
            training="Panadería",
            starts_at=enrollment.starts_at,
            place=enrollment.place,
            childcare_places=enrollment.childcare,
        )
        say("begin", "slip", member, session)
        issued = vouchers.issue(
            VoucherKind.TRAINING,
            partial(kinds.training_confirmation, slip),
            subject_table="enrollments",
            subject_id=enrollment.id,
        )
        say("ok", "slip", issued.number, enrollment.id)


if __name__ == "__main__":
    main()
