"""A kiosk doing sign-ups, cancellations and their slips on SQLite, as fast as it can, until it
is killed. ``python -m tests.reliability.crash_worker URL SEED SESSION_ID... --members A-B``

Before each operation it prints ``begin <op> <member> <session>``, and after the transaction
committed, what a member would have been shown: ``ok signup <enrollment> <status>``,
``ok cancel <enrollment>``, ``ok slip <number> <enrollment>``.
"""

from __future__ import annotations

import argparse
import random
import sys
from functools import partial

from kiosk.data.db import make_engine, make_session_factory
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
    args = parser.parse_args()
    low, high = (int(part) for part in args.members.split("-"))
    rng = random.Random(args.seed)
    factory = make_session_factory(make_engine(args.url))
    trainings = TrainingService(factory, childcare_capacity=8)
    vouchers = VoucherService(factory)
    from kiosk.vouchers import kinds

    while True:
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
