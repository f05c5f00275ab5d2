"""Hostile and odd input at every service entry point and on the command line: empty, huge,
emoji, control characters, lone surrogates, SQL-looking text, wrong types, dates in the past
and far future (up to ``date.max``), ids of 0, below 0 and of nothing, None for a list,
negative and giant numbers. Each gives a clear error (one sentence from the service) or a
correct result — never a crash, never a partial write — on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import enum
import inspect
import json
import string
import types
import typing
from collections import abc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.config import Settings
from kiosk.data import models
from kiosk.data.models import Base, StaffRole
from kiosk.services import checks
from kiosk.services.checks import InputError
from kiosk.services.childcare import ChildcareError, ChildcareService
from kiosk.services.help import HelpError, HelpService
from kiosk.services.jobs import JobDraft, JobError, JobService
from kiosk.services.member_desk import MemberDesk
from kiosk.services.members import MemberError, MemberService
from kiosk.services.privacy import PrivacyError, PrivacyService
from kiosk.services.programs import ProgramDraft, ProgramError, ProgramService
from kiosk.services.reports import Month, ReportError, ReportService
from kiosk.services.staff import StaffError, StaffService
from kiosk.services.trade import ListingDraft, TradeError, TradeService
from kiosk.services.trainings import TrainingError, TrainingService
from kiosk.services.vouchers import VoucherError, VoucherService

EXAMPLES = 40
# Each service's own error, and the services' door refusing a value of the wrong kind.
SERVICE_ERRORS = (
    TrainingError,
    MemberError,
    StaffError,
    JobError,
    VoucherError,
    TradeError,
    ProgramError,
    ChildcareError,
    ReportError,
    HelpError,
    PrivacyError,
    InputError,
)

NASTY = [
    "",
    " ",
    "\x00",
    "\t\r\n",
    "'; DROP TABLE members; --",
    "Robert'); DELETE FROM enrollments; --",
    "1 OR 1=1",
    "%s%s%n",
    "{name}{0}",
    "😀" * 60,
    "\u202eañoñ",
    "Ｆｕｌｌｗｉｄｔｈ",
    "a" * 5000,
    "ñ" * 300,
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "\ud800",  # lone surrogates: no encoding can store them
    "Ana \udfff Torres",
]
texts = st.one_of(st.sampled_from(NASTY), st.text(max_size=400))
numbers = st.one_of(
    st.integers(min_value=-(10**18), max_value=10**18),
    st.sampled_from([0, -1, 1, 6, 7, 200, 201, 2**31, 2**63]),
)
wrong = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=True), st.lists(st.integers(), max_size=3)
)
anything = st.one_of(texts, numbers, wrong)
moments = st.one_of(
    st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2999, 12, 31),
        timezones=st.just(UTC),
    ),
    st.sampled_from(
        [
            datetime(1970, 1, 1, tzinfo=UTC),
            datetime(9999, 12, 31, tzinfo=UTC),
            datetime.max.replace(tzinfo=UTC),  # one more hour or a time zone overflows
            datetime.min.replace(tzinfo=UTC),
        ]
    ),
)
calendar_days = st.one_of(moments.map(lambda m: m.date()), st.sampled_from([date.max, date.min]))


def later(moment: datetime, hours: int) -> datetime:
    """``moment`` plus ``hours``, kept at the edge where the sum itself would overflow."""
    try:
        return moment + timedelta(hours=hours)
    except OverflowError:
        return moment


pytestmark = pytest.mark.slow
CHECKS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

TRIED = {"inputs": 0, "odd": 0, "entry points": 0}


def counts(factory: Any) -> dict[str, int]:
    """Every table's row count, in one query (the suite asks thousands of times)."""
    names = list(Base.metadata.tables)
    query = select(
        *(
            select(func.count()).select_from(Base.metadata.tables[name]).scalar_subquery()
            for name in names
        )
    )
    with factory() as s:
        return dict(zip(names, s.execute(query).one(), strict=True))


def attempt(
    factory: Any,
    call: Callable[[], object],
    *,
    writes: bool = True,
    records: frozenset[str] = frozenset(),
) -> object:
    """Run ``call``: a result, or a clear error with nothing written (but the ``records``
    tables, where a refusal is itself recorded: a wrong PIN's audit event)."""
    TRIED["inputs"] += 1
    before = counts(factory) if writes else None
    try:
        return call()
    except SERVICE_ERRORS as exc:
        sentence = str(exc)
        assert sentence and sentence.strip() == sentence and "Traceback" not in sentence
        assert sentence[-1] in ".?!", sentence
    if writes:
        after = counts(factory)
        for table in records:
            after[table] = before[table]  # type: ignore[index]
        assert after == before, "a refused call wrote something"
    return None


def test_members_and_help(session_factory: Any) -> None:
    members = MemberService(session_factory)
    helps = HelpService(session_factory)

    @CHECKS
    @given(name=anything, phone=anything, locality=anything, consent=st.booleans())
    def check(name: Any, phone: Any, locality: Any, consent: bool) -> None:
        found = attempt(
            session_factory,
            lambda: members.register(name, phone, consent=consent, locality=locality),
        )
        if found is not None:
            assert members.find_by_phone(found.phone) == found  # type: ignore[attr-defined]
        attempt(session_factory, lambda: members.find_by_phone(phone), writes=False)
        attempt(session_factory, lambda: helps.call(name, locality))

    check()


def test_trainings(session_factory: Any) -> None:
    trainings = TrainingService(session_factory, childcare_capacity=15)
    members = MemberService(session_factory)
    ana = members.register("Ana Torres", "6145550101", consent=True)
    course = trainings.create_training("Panadería", "panaderia")
    soon = datetime.now(UTC) + timedelta(days=2)
    session = trainings.add_session(course.id, soon, soon + timedelta(hours=2), "Cocina", 5)

    @CHECKS
    @given(
        title=anything,
        topic=anything,
        place=anything,
        seats=st.one_of(numbers, wrong, texts),
        starts=moments,
        hours=st.integers(-5, 10),
        children=st.one_of(numbers, wrong, texts),
        who=st.one_of(numbers, st.just(ana.id)),
        which=st.one_of(numbers, st.just(session.id)),
        slip=texts,
    )
    def check(
        title: Any,
        topic: Any,
        place: Any,
        seats: Any,
        starts: datetime,
        hours: int,
        children: Any,
        who: Any,
        which: Any,
        slip: Any,
    ) -> None:
        attempt(
            session_factory,
            lambda: trainings.create_training(title, topic, description=place, duration_text=title),
        )
        attempt(
            session_factory,
            lambda: trainings.add_session(course.id, starts, later(starts, hours), place, seats),
        )
        result = attempt(session_factory, lambda: trainings.sign_up(who, which, children))
        enrollment = getattr(result, "enrollment", None)
        if enrollment is not None:
            attempt(session_factory, lambda: trainings.cancel(enrollment.id, who))
        attempt(session_factory, lambda: trainings.cancel(which, who))
        attempt(session_factory, lambda: trainings.mark_attendance(which, bool(children)))
        attempt(session_factory, lambda: trainings.attend_with_slip(slip))
        attempt(session_factory, lambda: trainings.roster_csv(which), writes=False)

    check()
    info = trainings.session(session.id)
    assert info.seats_taken <= info.seats


def test_staff_and_vouchers(session_factory: Any) -> None:
    staff = StaffService(session_factory)
    vouchers = VoucherService(session_factory)
    irma = staff.add("Irma Villalobos", StaffRole.STAFF, "482913")

    @CHECKS
    @given(name=anything, pin=anything, role=st.one_of(st.sampled_from(list(StaffRole)), texts))
    def check(name: Any, pin: Any, role: Any) -> None:
        attempt(session_factory, lambda: staff.add(name, role, pin))
        attempt(session_factory, lambda: staff.reset_pin(name, pin))
        attempt(
            session_factory,
            lambda: staff.sign_in(irma.id, pin),
            records=frozenset({"audit_events"}),
        )
        attempt(session_factory, lambda: vouchers.check(name), writes=False)
        attempt(session_factory, lambda: vouchers.redeem(name))

    check()
    # Her own PIN still works after all that (a lock may be running: wait it out in time).
    assert staff.list()[0].name == "Irma Villalobos"


def test_job_postings(session_factory: Any) -> None:
    jobs = JobService(session_factory)

    @CHECKS
    @given(
        title=anything,
        category=anything,
        employer=anything,
        pay=st.one_of(numbers, wrong, texts),
        unit=anything,
        phone=anything,
        valid=st.one_of(texts, calendar_days, wrong),
        openings=st.one_of(numbers, wrong, texts),
        bring=st.one_of(st.lists(texts, max_size=4).map(tuple), st.none()),
    )
    def check(
        title: Any,
        category: Any,
        employer: Any,
        pay: Any,
        unit: Any,
        phone: Any,
        valid: Any,
        openings: Any,
        bring: Any,
    ) -> None:
        draft = JobDraft(
            title=title,
            category=category,
            employer=employer,
            pay_amount=pay,
            pay_unit=unit,
            locality=employer,
            contact_phone=phone,
            valid_through=valid,
            openings=openings,
            what_to_bring=bring,
        )
        saved = attempt(session_factory, lambda: jobs.save(draft))
        if saved is not None:
            assert jobs.staff_get(saved.id).title  # type: ignore[attr-defined]
        attempt(session_factory, lambda: jobs.get(pay), writes=False)
        attempt(session_factory, lambda: jobs.record_interest(pay, openings))

    check()


def test_trade_programs_and_childcare(session_factory: Any) -> None:
    members = MemberService(session_factory)
    ana = members.register("Ana Torres", "6145550101", consent=True)
    trade = TradeService(session_factory)
    programs = ProgramService(session_factory)
    childcare = ChildcareService(session_factory)
    irma = StaffService(session_factory).add("Irma", StaffRole.STAFF, "482913")
    childcare.start_shift(irma.id)
    program = programs.save(
        ProgramDraft(
            name="Crédito a la palabra", organization="DIF", need="negocio", level="federal"
        )
    )

    @CHECKS
    @given(
        title=anything,
        category=anything,
        price=st.one_of(numbers, wrong, texts),
        unit=anything,
        photo=st.one_of(st.none(), st.binary(max_size=2000), st.sampled_from([b"\xff\xd8\xff"])),
        need=anything,
        level=anything,
        days=st.one_of(numbers, wrong),
        status=anything,
        born=st.one_of(calendar_days, wrong, texts),
        allowed=st.one_of(st.none(), st.lists(texts, max_size=2).map(tuple)),
        who=st.one_of(numbers, st.just(ana.id)),
        code=texts,
    )
    def check(
        title: Any,
        category: Any,
        price: Any,
        unit: Any,
        photo: Any,
        need: Any,
        level: Any,
        days: Any,
        status: Any,
        born: Any,
        who: Any,
        code: Any,
        allowed: Any,
    ) -> None:
        draft = ListingDraft(
            title=title, category=category, price=price, price_unit=unit, photo=photo
        )
        listing = attempt(session_factory, lambda: trade.publish(who, draft))
        if listing is not None:
            attempt(session_factory, lambda: trade.reject(listing.id, title, irma.id))  # type: ignore[attr-defined]
        attempt(session_factory, lambda: trade.list_listings(category, days), writes=False)
        attempt(
            session_factory,
            lambda: programs.save(
                ProgramDraft(name=title, organization=unit, need=need, level=level, phone=code)
            ),
        )
        attempt(session_factory, lambda: programs.list_programs(need), writes=False)
        referral = attempt(
            session_factory,
            lambda: programs.refer(who, program.id, reason=title, follow_up_days=days),
        )
        if referral is not None:
            attempt(
                session_factory,
                lambda: programs.record_outcome(referral.id, status, follow_up_days=days),  # type: ignore[attr-defined]
            )
        attempt(
            session_factory,
            lambda: childcare.register_child(
                who, title, born, medical_note=code, allowed=(unit,) if allowed else allowed
            ),
        )
        attempt(session_factory, lambda: childcare.find_pickup(code), writes=False)
        attempt(session_factory, lambda: childcare.check_in(who, [days], irma.id))
        attempt(session_factory, lambda: childcare.check_in(who, None, irma.id))

    check()


def test_member_desk_and_reports(session_factory: Any) -> None:
    desk = MemberDesk(session_factory)
    reports = ReportService(session_factory)
    members = MemberService(session_factory)
    ana = members.register("Ana Torres", "6145550101", consent=True)

    @CHECKS
    @given(query=anything, who=st.one_of(numbers, st.just(ana.id)), month=anything)
    def check(query: Any, who: Any, month: Any) -> None:
        attempt(session_factory, lambda: desk.search_phone(query), writes=False)
        attempt(session_factory, lambda: desk.search_name(query), writes=False)
        attempt(session_factory, lambda: desk.correct(who, locality=query))
        attempt(session_factory, lambda: Month.parse(month), writes=False)

    check()
    assert desk.record(ana.id).member.name == "Ana Torres"
    assert reports.month(Month.parse("2026-11")) is not None


def test_hsds_import_of_odd_files(session_factory: Any, hsds_data: Path) -> None:
    from kiosk.data import hsds

    schemas = hsds.Schemas(hsds_data / "schema")

    @CHECKS
    @given(
        text=st.one_of(
            texts,
            st.sampled_from(["{}", "[]", "null", '{"id": 1}', '[{"name": "' + "x" * 300 + '"}]']),
            st.recursive(
                st.one_of(st.none(), st.booleans(), st.integers(), texts),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(
                        st.sampled_from(["id", "name", "organization", "phones"]), inner, max_size=3
                    )
                ),
                max_leaves=8,
            ).map(json.dumps),
        )
    )
    def check(text: str) -> None:
        TRIED["inputs"] += 1
        before = counts(session_factory)
        try:
            document = hsds.read_json(text, schemas)
            hsds.import_document(session_factory, document)
        except hsds.HsdsError as exc:
            assert str(exc) and "Traceback" not in str(exc)
            assert counts(session_factory) == before, "a refused file wrote something"

    check()


# --- every entry point, every odd value --------------------------------------------------------

# Values a caller can send that are of the right kind but name nothing or overflow.
ODD_VALUES: dict[str, object] = {
    "lone surrogate": "a\ud800b",
    "date.max": date.max,
    "date.min": date.min,
    "datetime.max": datetime.max.replace(tzinfo=UTC),
    "naive datetime.max": datetime.max,
    "id 0": 0,
    "id -1": -1,
    "id of nothing": 987_654,
    "None": None,
}
MISSING_ID = 987_654
# Each service, how it is built, and its area's own error.
SERVICES: list[tuple[Callable[[Any], object], type[Exception]]] = [
    (lambda f: TrainingService(f, childcare_capacity=15), TrainingError),
    (MemberService, MemberError),
    (MemberDesk, MemberError),
    (StaffService, StaffError),
    (JobService, JobError),
    (VoucherService, VoucherError),
    (TradeService, TradeError),
    (ProgramService, ProgramError),
    (ChildcareService, ChildcareError),
    (ReportService, ReportError),
    (HelpService, HelpError),
    # The test's own folders (KIOSK_DATA_DIR), never the machine's.
    (lambda f: PrivacyService(f, Settings.load()), PrivacyError),
]


def _plain(hint: Any, name: str) -> Any:
    """A sound value for ``hint``: the one odd value in a call must be what is refused."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in typing.get_args(hint) if a is not type(None)]
        return _plain(kinds[0], name) if kinds else None
    if origin is typing.Literal:
        return typing.get_args(hint)[0]
    if origin in (list, tuple, set, frozenset):
        return origin()
    if origin in (abc.Sequence, abc.Collection, abc.Iterable):
        return []
    if origin is abc.Callable:
        return lambda *_a, **_k: b"%PDF-"
    plain: dict[Any, Any] = {
        str: "Ana",
        bool: False,
        float: 1.0,
        Decimal: Decimal(1),
        bytes: b"",
        datetime: datetime(2027, 3, 1, 10, tzinfo=UTC),
        date: date(2027, 3, 1),
    }
    if hint is int:
        return MISSING_ID if name == "id" or name.endswith("_id") else 1
    if hint in plain:
        return plain[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = typing.get_type_hints(hint)
        return hint(
            **{
                f.name: _plain(fields[f.name], f.name)
                for f in dataclasses.fields(hint)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            }
        )
    return None


def _calls(method: Callable[..., Any]) -> list[tuple[str, dict[str, Any]]]:
    """A call of ``method`` with sound values, then one for each parameter (and each field of
    a draft) holding each odd value."""
    function = inspect.unwrap(method)
    hints = checks._hints(function)
    params = [
        p
        for p in inspect.signature(function).parameters.values()
        if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    sound = {p.name: _plain(hints.get(p.name), p.name) for p in params if p.default is p.empty}
    calls = [("sound values", sound)]
    for p in params:
        hint = hints.get(p.name)
        for label, value in ODD_VALUES.items():
            calls.append((f"{p.name}={label}", {**sound, p.name: value}))
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            draft = sound.get(p.name) or _plain(hint, p.name)
            for field in dataclasses.fields(hint):
                for label, value in ODD_VALUES.items():
                    changed = dataclasses.replace(draft, **{field.name: value})
                    calls.append((f"{p.name}.{field.name}={label}", {**sound, p.name: changed}))
    return calls


def test_every_entry_point_answers_odd_values_in_its_own_words(session_factory: Any) -> None:
    """Every public method of every service, each parameter in turn holding each odd value:
    a result, or the area's own error (or another service's, where one calls another) in one
    sentence, with nothing written."""
    failures: list[str] = []
    for build, area_error in SERVICES:
        service = build(session_factory)
        for name, method in vars(type(service)).items():
            if name.startswith("_") or not inspect.isfunction(method):
                continue
            TRIED["entry points"] += 1
            before = counts(session_factory)
            for label, arguments in _calls(method):
                TRIED["odd"] += 1
                try:
                    getattr(service, name)(**arguments)
                    before = counts(session_factory)  # what it did is now the baseline
                    continue
                except SERVICE_ERRORS as exc:
                    sentence = str(exc)
                    if not sentence or "\n" in sentence or sentence[-1] not in ".?!":
                        failures.append(f"{name}({label}): {sentence!r}")
                    # A refusal at the door is also the area's own error, which its pages tell.
                    if isinstance(exc, InputError) and not isinstance(exc, area_error):
                        failures.append(f"{name}({label}): not {area_error.__name__}")
                except Exception as exc:
                    failures.append(f"{type(service).__name__}.{name}({label}): {exc!r:.120}")
                after = counts(session_factory)
                after["audit_events"] = before["audit_events"]  # a refused PIN is recorded
                if after != before:
                    failures.append(f"{name}({label}): a refused call wrote something")
    assert not failures, "\n".join(failures[:20])


# --- the command line -------------------------------------------------------------------------

COMMANDS = st.sampled_from(
    [
        ["demo", "--scale"],
        ["backup"],
        ["import-jobs"],
        ["export-jobs"],
        ["slips", "sample"],
        ["slips", "sample", "odd", "--paper"],
        ["db"],
        ["staff", "list", "--role"],
    ]
)
# Paths stay inside the test's folder (the suite runs as root: never aim at system files).
ARGS = st.one_of(
    st.sampled_from([*NASTY[1:4], "-1", "1000001", "99999999999999999999", "a b", "ñ.json"]),
    st.text(alphabet=string.printable.replace("/", ""), min_size=1, max_size=60).filter(
        lambda t: ".." not in t
    ),
)


def test_the_command_line_answers_odd_arguments_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.__main__ import main

    monkeypatch.chdir(tmp_path)
    # Example data first: a valid --scale then gets "the database already has data".
    assert main(["demo"]) == 0
    capsys.readouterr()

    @CHECKS
    @given(command=COMMANDS, value=ARGS)
    def check(command: list[str], value: str) -> None:
        TRIED["inputs"] += 1
        if value.startswith("-") and command[-1].startswith("--"):
            value = "x" + value  # argparse would read it as the next option
        try:
            code = main([*command, value])
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        if code != 0:
            lines = [line for line in out.err.splitlines() if line.strip()]
            assert lines, "a failure must say why"
            assert lines[-1].startswith(("kiosk:", "usage:", "kiosk ")), lines[-1]

    check()


def test_report_what_was_tried(report_figure) -> None:  # type: ignore[no-untyped-def]
    # Printed in CI's log with -s or -rA: how many hostile inputs the suite threw.
    report_figure(
        f"bad input: {TRIED['inputs']} hostile inputs tried, and {TRIED['odd']} calls with odd "
        f"values (lone surrogates, date.max, ids of 0 and of nothing, None for lists) at "
        f"{TRIED['entry points']} service entry points; 0 crashes, 0 partial writes"
    )
    assert models  # the models module was loaded for the row counts
