"""Kiosks of one centre for the network's load run, in one process.

``python -m bench.network.kiosk`` reads its plan (one JSON line, :class:`bench.network.run.Plan`)
on standard input. Each kiosk makes its own connection (an engine of one connection, with the
centre's database address), checks it is the centre's as a station does at start, and gets the
kiosk's services as the app makes them. The process prints ``{"ready": N}``, waits for a
``go`` line, and runs each kiosk in its own thread: a sequence of a real day's operations (a
woman signs in with her phone, browses programs, jobs, listings and courses, signs up for a
course, publishes a listing, calls for help; the childcare station checks children in and out;
the desk answers help calls and sends women to programs with a slip) until it has done its
number of operations.

Each operation prints one JSON line: ``{"centre", "kiosk", "op", "ms", "outcome", "detail"}``,
where ``outcome`` is ``done``, ``refused`` (the centre's rules said no: a full room, a course
closed: an answer a woman is told) or ``error`` (anything else, the run's failure)."""

from __future__ import annotations

import json
import random
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from kiosk.areas import AREA_BY_KEY
from kiosk.config import Settings
from kiosk.data import db
from kiosk.data.demo.content import TRADES
from kiosk.services.checks import InputError
from kiosk.services.childcare import ChildcareError
from kiosk.services.container import Services, build_services
from kiosk.services.help import HelpError
from kiosk.services.jobs import JobError
from kiosk.services.members import MemberError, MemberInfo
from kiosk.services.programs import ProgramError
from kiosk.services.referral_slip import issue_referral_slip
from kiosk.services.trade import ListingDraft, TradeError
from kiosk.services.trainings import SignUpStatus, TrainingCard, TrainingError
from kiosk.services.trainings.slips import issue_sign_up_slip
from kiosk.slip_options import SlipOptions

T = TypeVar("T")

# What the centre's rules may answer: told to the woman, not a failure of the kiosk.
REFUSALS = (
    MemberError,
    TrainingError,
    ChildcareError,
    HelpError,
    ProgramError,
    TradeError,
    JobError,
)
# What a kiosk does next, and how often (sign-ins come with the visits that need one).
ACTIONS = {
    "programs": 10,
    "jobs": 10,
    "trade": 10,
    "courses": 8,
    "sign-up": 12,
    "listing": 5,
    "check-in": 10,
    "check-out": 9,
    "help call": 4,
    "help answer": 4,
    "referral": 6,
}
KINDS = ("sign-in", *ACTIONS)
VISITORS = 0.15  # sign-ins by a woman of another centre
STRANGERS = 0.03  # sign-ins with a phone no centre knows
LEAVES = 0.4  # a visit ends after an action


class Kiosk:
    """One station: its own connection, services, and sequence of operations."""

    def __init__(
        self, plan: dict[str, Any], station: dict[str, Any], emit: Callable[[str], None]
    ) -> None:
        self.centre = int(plan["centre"])
        self.number = int(station["number"])
        self.ops = int(plan["ops"])
        self.pause = float(plan.get("pause", 0))
        self.locals: list[str] = station["locals"]
        self.visitors: list[str] = station["visitors"]
        self.guardians: list[str] = station["guardians"]
        self.staff = [(int(staff_id), str(name)) for staff_id, name in plan["staff"]]
        self.volunteers: list[int] = plan["volunteers"]
        self.directory: list[int] = plan["services"]
        self.rng = random.Random(f"{plan['seed']}-{self.centre}-{self.number}")
        self.emit = emit
        self.done = 0
        self.engine = db.make_engine(plan["url"], pool_size=1, max_overflow=0, pool_timeout=300)
        db.check_centre(self.engine, self.centre)
        settings = Settings(
            centre_id=self.centre,
            centre_name=plan["centre_name"],
            station_name=f"Quiosco {self.number}",
        )
        self.options = SlipOptions.from_settings(settings)
        self.services: Services = build_services(
            settings, db.make_session_factory(self.engine, self.centre)
        )
        self.member: MemberInfo | None = None
        self.cards: list[TrainingCard] = []
        self.codes: dict[int, str] = {}  # pickup codes this station gave: the mother's phone

    # --- the sequence -----------------------------------------------------------------------

    def run(self) -> None:
        actions = {
            "programs": self.programs,
            "jobs": self.jobs,
            "trade": self.trade,
            "courses": self.courses,
            "sign-up": self.sign_up,
            "listing": self.listing,
            "check-in": self.check_in,
            "check-out": self.check_out,
            "help call": self.help_call,
            "help answer": self.help_answer,
            "referral": self.referral,
        }
        kinds, weights = list(ACTIONS), list(ACTIONS.values())
        while self.done < self.ops:
            actions[self.rng.choices(kinds, weights)[0]]()
            if self.pause:  # a person reads, thinks and taps again
                time.sleep(self.rng.expovariate(1 / self.pause))
        self.engine.dispose()

    def timed(self, kind: str, action: Callable[[], T]) -> T | None:
        """Run one operation, print how long it took and how it ended."""
        started = time.perf_counter()
        outcome, detail, value = "done", "", None
        try:
            value = action()
        except InputError as exc:  # the kiosk asked wrongly: the run's error, not an answer
            outcome, detail = "error", f"{type(exc).__name__}: {exc}"
        except REFUSALS as exc:
            outcome, detail = "refused", type(exc).__name__
        except Exception as exc:
            outcome, detail = "error", f"{type(exc).__name__}: {exc}"[:500]
        ms = (time.perf_counter() - started) * 1000
        line = {"centre": self.centre, "kiosk": self.number, "op": kind, "ms": round(ms, 2)}
        self.emit(json.dumps({**line, "outcome": outcome, "detail": detail}))
        self.done += 1
        return value

    def visitor(self) -> MemberInfo | None:
        """The woman at the kiosk: signed in already, or she signs in now with her phone (one
        of this centre's, now and then one of another centre's, or a phone nobody has)."""
        if self.member is not None:
            return self.member
        draw = self.rng.random()
        phone = f"656{self.rng.randrange(10**7):07d}"  # a phone no centre knows
        if draw >= STRANGERS + VISITORS and self.locals:
            phone = self.rng.choice(self.locals)
        elif draw >= STRANGERS and self.visitors:
            phone = self.rng.choice(self.visitors)
        self.member = self.timed("sign-in", lambda: self.services.members.find_by_phone(phone))
        return self.member

    def leave(self) -> None:
        if self.rng.random() < LEAVES:
            self.member = None

    # --- what a woman does at the member kiosk ----------------------------------------------

    def programs(self) -> None:
        def browse() -> None:
            programs = self.services.programs
            needs = [need for need, count in programs.need_counts().items() if count]
            if needs:
                page = programs.list_programs(self.rng.choice(needs))
                if page.cards:
                    programs.get(self.rng.choice(page.cards).id)

        self.timed("programs", browse)

    def jobs(self) -> None:
        def browse() -> None:
            jobs = self.services.jobs
            categories = [c for c, count in jobs.category_counts().items() if count]
            if categories:
                page = jobs.list_jobs(self.rng.choice(categories))
                if page.cards:
                    jobs.get(self.rng.choice(page.cards).id)

        self.timed("jobs", browse)

    def trade(self) -> None:
        def browse() -> None:
            trade = self.services.trade
            categories = [c for c, count in trade.category_counts().items() if count]
            if categories:
                page = trade.list_listings(self.rng.choice(categories))
                if page.cards:
                    trade.get(self.rng.choice(page.cards).id)

        self.timed("trade", browse)

    def courses(self) -> None:
        self.cards = self.timed("courses", self.services.trainings.upcoming) or []

    def sign_up(self) -> None:
        member = self.visitor()
        if member is None:
            return
        if not self.cards:
            self.courses()
        if not self.cards:
            return
        card = self.rng.choice(self.cards)
        children = self.rng.choice((0, 0, 0, 1, 2))

        def sign_up() -> None:
            result = self.services.trainings.sign_up(
                member.id, card.next_session.id, children, waitlist_if_full=True
            )
            if result.status in (SignUpStatus.ENROLLED, SignUpStatus.WAITLISTED):
                icon = AREA_BY_KEY["trainings"].icon
                issue_sign_up_slip(
                    self.services.vouchers, result, member.name, card.title, icon, self.options
                )

        self.timed("sign-up", sign_up)
        self.leave()

    def listing(self) -> None:
        member = self.visitor()
        if member is None:
            return
        example = self.rng.choice(TRADES)
        draft = ListingDraft(
            example.title, example.category, example.price, example.unit, example.description
        )
        self.timed("listing", lambda: self.services.trade.publish(member.id, draft))
        self.leave()

    def help_call(self) -> None:
        station = f"Quiosco {self.number}"
        self.timed("help call", lambda: self.services.help.call(station, "inicio"))

    # --- the childcare station ----------------------------------------------------------------

    def check_in(self) -> None:
        waiting = sorted(set(self.guardians) - set(self.codes.values()))
        if not waiting:
            return
        phone = self.rng.choice(waiting)
        mother = self.timed("sign-in", lambda: self.services.members.find_by_phone(phone))
        if mother is None:
            return
        volunteer = self.rng.choice(self.volunteers)

        def check_in() -> None:
            childcare = self.services.childcare
            children = [c.id for c in childcare.children_of(mother.id)]
            checked = childcare.check_in(mother.id, children, volunteer)
            childcare.issue_slip(checked.pickup.id)
            self.codes[checked.pickup.id] = phone

        self.timed("check-in", check_in)

    def check_out(self) -> None:
        if not self.codes:
            return
        code = self.rng.choice(sorted(self.codes))
        del self.codes[code]
        volunteer = self.rng.choice(self.volunteers)
        self.timed("check-out", lambda: self.services.childcare.check_out(code, None, volunteer))

    # --- the staff desk -------------------------------------------------------------------

    def help_answer(self) -> None:
        staff_id, _name = self.rng.choice(self.staff)

        def answer() -> None:
            calls = self.services.help.open_calls()
            if calls:
                self.services.help.answer(calls[0].id, staff_id)

        self.timed("help answer", answer)

    def referral(self) -> None:
        member = self.visitor()
        if member is None:
            return
        staff_id, staff_name = self.rng.choice(self.staff)
        program = self.rng.choice(self.directory)

        def refer() -> None:
            programs = self.services.programs
            referral = programs.refer(
                member.id,
                program,
                reason="Ejemplo: pidió apoyo para su negocio.",
                follow_up_days=7,
                staff_id=staff_id,
            )
            detail = programs.get(program)
            issue_referral_slip(self.services.vouchers, referral, detail, staff_name, self.options)

        self.timed("referral", refer)
        self.leave()


def main() -> int:
    plan = json.loads(sys.stdin.readline())
    lock = threading.Lock()

    def emit(line: str) -> None:
        with lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    kiosks = [Kiosk(plan, station, emit) for station in plan["kiosks"]]
    # Loaded before the start, as a kiosk that has printed once already has it.
    from kiosk.vouchers import kinds  # noqa: F401

    emit(json.dumps({"ready": len(kiosks)}))
    if sys.stdin.readline().strip() != "go":
        return 1
    failed: list[str] = []

    def run(kiosk: Kiosk) -> None:
        try:
            kiosk.run()
        except Exception:  # a kiosk that stops short is the run's failure, told in full
            failed.append(traceback.format_exc())

    threads = [threading.Thread(target=run, args=(k,), name=f"kiosk-{k.number}") for k in kiosks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for trace in failed:
        sys.stderr.write(trace)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
