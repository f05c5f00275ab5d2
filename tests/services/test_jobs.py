"""Job bank rules: what members see (expired jobs vanish by themselves, filled jobs are shown but
not offered), filters, counts, paging and order; the staff's checked add / edit / close / reopen.
Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.data.demo import load_demo
from kiosk.data.models import (
    EmploymentType,
    JobCategory,
    JobInterest,
    JobPosting,
    PayUnit,
    PostingStatus,
)
from kiosk.i18n import _
from kiosk.services.jobs import (
    JobCard,
    JobDetail,
    JobDraft,
    JobError,
    JobExpired,
    JobFilters,
    JobNotFound,
    JobPage,
    JobService,
    JobValidationError,
)
from kiosk.services.members import MemberService

TODAY = date(2026, 3, 9)


class Clock:
    """An injected ``today`` the test can move forward."""

    def __init__(self, day: date = TODAY) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def draft(**changes: Any) -> JobDraft:
    fields: dict[str, Any] = {
        "title": "Ayudante de cocina",
        "category": JobCategory.KITCHEN,
        "employer": "Lonchería La Güera (prueba)",
        "pay_amount": Decimal("350"),
        "pay_unit": PayUnit.DAY,
        "locality": "Santa Eulalia",
        "contact_phone": "614 555 1234",
        "date_posted": TODAY - timedelta(days=2),
        "valid_through": TODAY + timedelta(days=30),
        "employment_type": EmploymentType.PER_DAY,
        "description": "Picar verdura y lavar trastes.",
        "how_to_apply": "Llama para pedir una cita.",
        "what_to_bring": ("ine", "curp"),
        "schedule": "Lunes a sábado 7:00 a 15:00",
        "address": "Calle Hidalgo 12",
        "openings": 2,
    }
    fields.update(changes)
    return JobDraft(**fields)


def _rows(session_factory, model=JobPosting) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def _all_cards(
    service: JobService, category: JobCategory, filters: JobFilters | None = None
) -> Iterator[JobCard]:
    first = service.list_jobs(category, filters)
    yield from first.cards
    for page in range(1, first.page_count):
        yield from service.list_jobs(category, filters, page=page).cards


def _ids(service: JobService, category: JobCategory, filters: JobFilters | None = None) -> list:
    return [card.id for card in _all_cards(service, category, filters)]


# --- member side --------------------------------------------------------------------------


def test_expired_jobs_vanish_on_their_own(session_factory) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    service = JobService(session_factory, today=clock)
    ending = service.save(draft(title="Se acaba mañana", valid_through=TODAY + timedelta(days=1)))
    lasting = service.save(draft(title="Dura un mes"))
    assert set(_ids(service, JobCategory.KITCHEN)) == {ending.id, lasting.id}
    assert service.category_counts()[JobCategory.KITCHEN] == 2

    clock.day = TODAY + timedelta(days=1)  # its last day: still shown
    assert service.get(ending.id).title == "Se acaba mañana"
    assert set(_ids(service, JobCategory.KITCHEN)) == {ending.id, lasting.id}

    clock.day = TODAY + timedelta(days=2)  # nobody touched it: it is simply gone
    assert _ids(service, JobCategory.KITCHEN) == [lasting.id]
    assert service.list_jobs(JobCategory.KITCHEN).total == 1
    assert service.category_counts()[JobCategory.KITCHEN] == 1
    with pytest.raises(JobNotFound):
        service.get(ending.id)
    with pytest.raises(JobError) as refused:
        service.record_interest(ending.id)
    assert str(refused.value) == _("This job is no longer offered. Look at another one.")
    assert _rows(session_factory, JobInterest) == 0
    stored = service.staff_get(ending.id)
    assert stored.status is PostingStatus.OPEN and stored.expired


def test_filled_job_is_shown_as_filled_not_offered(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    offered = service.save(draft(title="Con lugares", date_posted=TODAY - timedelta(days=9)))
    filled = service.save(draft(title="Sin lugares", openings=0, date_posted=TODAY))
    assert filled.filled and not offered.filled

    page = service.list_jobs(JobCategory.KITCHEN)
    # The filled one is newer, yet listed after the offered one, and marked.
    assert [(card.id, card.filled) for card in page.cards] == [
        (offered.id, False),
        (filled.id, True),
    ]
    assert page.total == 2
    assert service.category_counts()[JobCategory.KITCHEN] == 1
    assert service.get(filled.id).filled

    with pytest.raises(JobError) as refused:
        service.record_interest(filled.id)
    assert str(refused.value) == _("This job has no places left. Look at another one.")
    assert _rows(session_factory, JobInterest) == 0
    service.record_interest(offered.id)
    assert _rows(session_factory, JobInterest) == 1


def test_interest_is_recorded_anonymously_or_for_a_member(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    job = service.save(draft())
    member = MemberService(session_factory).register("Rosa Chávez", "6145559876", consent=True)
    service.record_interest(job.id)
    service.record_interest(job.id, member.id)
    with pytest.raises(JobError):
        service.record_interest(job.id, member.id + 1000)
    service.close(job.id)
    with pytest.raises(JobError):
        service.record_interest(job.id, member.id)
    with pytest.raises(JobError):
        service.record_interest(job.id + 1000)
    with session_factory() as s:
        rows = s.execute(
            select(JobInterest.job_id, JobInterest.member_id).order_by(JobInterest.id)
        ).all()
    assert [tuple(row) for row in rows] == [(job.id, None), (job.id, member.id)]


def test_get_shows_everything_about_a_job(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    saved = service.save(draft())
    detail = service.get(saved.id)
    assert isinstance(detail, JobDetail) and isinstance(detail, JobCard)
    assert detail == saved
    assert detail.contact_phone == "6145551234"
    assert detail.what_to_bring == ("ine", "curp")
    assert detail.pay_amount == Decimal("350.00")
    assert detail.pay_unit is PayUnit.DAY
    assert detail.employment_type is EmploymentType.PER_DAY
    assert not detail.expired


# The jobs for the filter tests: every mix of the four things the filters look at.
MIXES = [
    (school, no_experience, unit, locality)
    for school in (False, True)
    for no_experience in (False, True)
    for unit in (PayUnit.DAY, PayUnit.WEEK)
    for locality in ("Aldama", "Chihuahua")
]


@pytest.fixture
def mixed_jobs(session_factory) -> tuple[JobService, dict[int, tuple]]:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    made: dict[int, tuple] = {}
    for n, (school, no_experience, unit, locality) in enumerate(MIXES):
        job = service.save(
            draft(
                title=f"Trabajo {n}",
                fits_school_hours=school,
                no_experience_needed=no_experience,
                pay_unit=unit,
                locality=locality,
                openings=n % 3,  # some filled
            )
        )
        made[job.id] = (school, no_experience, unit, locality, n % 3 == 0)
        # The same mix in another category, which must never show up under cocina.
        service.save(draft(title=f"Limpieza {n}", category=JobCategory.CLEANING, locality=locality))
    return service, made


FILTERS = {
    "school_hours": (JobFilters(school_hours=True), lambda m: m[0]),
    "no_experience": (JobFilters(no_experience=True), lambda m: m[1]),
    "per_day": (JobFilters(per_day=True), lambda m: m[2] is PayUnit.DAY),
    "near": (JobFilters(near="Aldama"), lambda m: m[3] == "Aldama"),
    "all four": (
        JobFilters(school_hours=True, no_experience=True, per_day=True, near=" Aldama "),
        lambda m: m[0] and m[1] and m[2] is PayUnit.DAY and m[3] == "Aldama",
    ),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_each_filter_narrows_the_list(mixed_jobs, name: str) -> None:  # type: ignore[no-untyped-def]
    service, made = mixed_jobs
    filters, wanted = FILTERS[name]
    expected = {job_id for job_id, mix in made.items() if wanted(mix)}
    assert 0 < len(expected) < len(made)
    got = _ids(service, JobCategory.KITCHEN, filters)
    assert len(got) == len(set(got))
    assert set(got) == expected
    offered = {job_id for job_id in expected if not made[job_id][4]}
    assert service.category_counts(filters)[JobCategory.KITCHEN] == len(offered)
    assert service.list_jobs(JobCategory.KITCHEN, filters).total == len(expected)


def test_counts_match_the_lists_on_the_demo_data(session_factory) -> None:  # type: ignore[no-untyped-def]
    load_demo(session_factory, today=TODAY)
    service = JobService(session_factory, today=Clock())
    every = [
        JobFilters(),
        JobFilters(school_hours=True),
        JobFilters(no_experience=True),
        JobFilters(per_day=True),
        JobFilters(near="Santa Eulalia"),
        JobFilters(no_experience=True, near="Chihuahua"),
    ]
    for filters in every:
        counts = service.category_counts(filters)
        assert set(counts) == set(JobCategory)
        for category in JobCategory:
            cards = list(_all_cards(service, category, filters))
            assert counts[category] == sum(not card.filled for card in cards), (filters, category)
            assert service.list_jobs(category, filters).total == len(cards)
    counts = service.category_counts()
    assert all(count > 0 for count in counts.values())
    titles = {card.title: card for c in JobCategory for card in _all_cards(service, c)}
    assert "Mesera de fin de semana" not in titles  # expired
    assert "Auxiliar de estancia infantil" not in titles  # closed
    assert titles["Intendente de escuela"].filled  # no openings left
    assert sum(counts.values()) == sum(not card.filled for card in titles.values())


def test_pages_hold_six_jobs(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    made = [
        service.save(draft(title=f"Trabajo {n}", date_posted=TODAY - timedelta(days=n))).id
        for n in range(14)
    ]
    pages = [service.list_jobs(JobCategory.KITCHEN, page=n) for n in range(3)]
    assert [len(p.cards) for p in pages] == [6, 6, 2]
    assert [(p.page, p.page_count, p.total) for p in pages] == [(0, 3, 14), (1, 3, 14), (2, 3, 14)]
    assert [card.id for p in pages for card in p.cards] == made  # newest first, no repeats
    assert service.list_jobs(JobCategory.KITCHEN, page=9) == pages[2]  # past the end: the last
    assert service.list_jobs(JobCategory.KITCHEN, page=-1) == pages[0]
    assert len(service.list_jobs(JobCategory.KITCHEN, per_page=4).cards) == 4
    assert service.list_jobs(JobCategory.SEWING) == JobPage((), 0, 1, 0)


def test_offered_first_then_newest(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    old = service.save(draft(title="Vieja", date_posted=TODAY - timedelta(days=10)))
    full = service.save(draft(title="Llena", date_posted=TODAY, openings=0))
    same_day_first = service.save(draft(title="Hoy 1", date_posted=TODAY - timedelta(days=1)))
    same_day_second = service.save(draft(title="Hoy 2", date_posted=TODAY - timedelta(days=1)))
    older_full = service.save(draft(title="Llena vieja", date_posted=TODAY - timedelta(days=20)))
    service.save(draft(title="Llena vieja", openings=0), job_id=older_full.id)
    assert _ids(service, JobCategory.KITCHEN) == [
        same_day_second.id,  # same day: entered later first
        same_day_first.id,
        old.id,
        full.id,  # filled ones last, newest first among them
        older_full.id,
    ]


# --- staff side ---------------------------------------------------------------------------

LIMIT = "The number of places must be a whole number from 0 to {limit}."
PHONE = "The contact phone must be a Mexican number of 10 digits."
BAD_INPUT: list[tuple[dict[str, Any], str, dict[str, int]]] = [
    ({"title": ""}, "Write the job's title.", {}),
    ({"title": "   \t "}, "Write the job's title.", {}),
    ({"title": "x" * 201}, "The title is too long; use at most {limit} letters.", {"limit": 200}),
    ({"category": "panaderia"}, "Choose one of the job categories.", {}),
    ({"employer": ""}, "Write who offers the job.", {}),
    ({"pay_amount": None}, "Write the pay.", {}),
    ({"pay_amount": "mucho"}, "The pay must be a number.", {}),
    ({"pay_amount": "NaN"}, "The pay must be a number.", {}),
    ({"pay_amount": Decimal("-1")}, "The pay cannot be less than 0.", {}),
    ({"pay_amount": Decimal("1000000")}, "The pay is too high; check the amount.", {}),
    ({"pay_unit": "year"}, "Choose how the pay is counted: per hour, day, week or month.", {}),
    (
        {"employment_type": "freelance"},
        "Choose the kind of job: full time, part time, temporary, per day or other.",
        {},
    ),
    ({"locality": ""}, "Write the locality where the job is.", {}),
    (
        {"locality": "x" * 81},
        "The locality is too long; use at most {limit} letters.",
        {"limit": 80},
    ),
    (
        {"address": "x" * 201},
        "The address is too long; use at most {limit} letters.",
        {"limit": 200},
    ),
    (
        {"schedule": "x" * 201},
        "The schedule is too long; use at most {limit} letters.",
        {"limit": 200},
    ),
    (
        {"description": "x" * 4001},
        "The description is too long; use at most {limit} letters.",
        {"limit": 4000},
    ),
    (
        {"how_to_apply": "x" * 4001},
        "How to apply is too long; use at most {limit} letters.",
        {"limit": 4000},
    ),
    (
        {"what_to_bring": ("x" * 81,)},
        "List at most {count} things to bring, each in at most {limit} letters.",
        {"count": 20, "limit": 80},
    ),
    (
        {"what_to_bring": tuple(f"cosa {n}" for n in range(21))},
        "List at most {count} things to bring, each in at most {limit} letters.",
        {"count": 20, "limit": 80},
    ),
    ({"contact_phone": ""}, PHONE, {}),
    ({"contact_phone": "61455512"}, PHONE, {}),
    ({"contact_phone": "0000000000"}, PHONE, {}),
    ({"openings": -1}, LIMIT, {"limit": 999}),
    ({"openings": 1000}, LIMIT, {"limit": 999}),
    ({"openings": "dos"}, LIMIT, {"limit": 999}),
    ({"openings": True}, LIMIT, {"limit": 999}),
    ({"valid_through": None}, "Give the last day the job is offered.", {}),
    ({"valid_through": "31/12/2026"}, "The last day is not a date; write it as YYYY-MM-DD.", {}),
    ({"date_posted": "ayer"}, "The posting date is not a date; write it as YYYY-MM-DD.", {}),
    (
        {"valid_through": TODAY - timedelta(days=3)},
        "The last day cannot be before the day the job was posted.",
        {},
    ),
    (
        {"external_id": "x" * 201},
        "The identifier is too long; use at most {limit} letters.",
        {"limit": 200},
    ),
    ({"status": "paused"}, "The status must be open or closed.", {}),
]


@pytest.mark.parametrize(
    ("changes", "msgid", "numbers"),
    BAD_INPUT,
    ids=[f"{next(iter(c))}-{n}" for n, (c, _m, _f) in enumerate(BAD_INPUT)],
)
def test_each_bad_input_gets_its_sentence_and_writes_nothing(
    session_factory,  # type: ignore[no-untyped-def]
    changes: dict[str, Any],
    msgid: str,
    numbers: dict[str, int],
) -> None:
    service = JobService(session_factory, today=Clock())
    with pytest.raises(JobValidationError) as refused:
        service.save(draft(**changes))
    assert refused.value.problems == (_(msgid).format(**numbers),)
    assert _rows(session_factory) == 0


def test_edges_that_are_fine(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    saved = service.save(
        draft(
            title="  Cajera   de\ttienda " + "x" * 170,
            pay_amount="$999,999.994",
            openings="999",
            contact_phone="+52 614-555-1234",
            date_posted="2026-03-09",
            valid_through="2026-03-09T23:30:00-06:00",
            category="Ventas",
            pay_unit="MONTH",
            employment_type="full_time",
            what_to_bring=(" ine ", "", "curp"),
        )
    )
    assert saved.title == "Cajera de tienda " + "x" * 170
    assert saved.pay_amount == Decimal("999999.99")
    assert saved.openings == 999
    assert saved.contact_phone == "6145551234"
    assert saved.date_posted == saved.valid_through == TODAY
    assert saved.category is JobCategory.SALES and saved.pay_unit is PayUnit.MONTH
    assert saved.what_to_bring == ("ine", "curp")
    free = service.save(draft(pay_amount=0, openings=0, date_posted=None))
    assert free.pay_amount == 0 and free.filled and free.date_posted == TODAY


def test_every_problem_is_told_at_once_and_an_edit_writes_nothing(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    job = service.save(draft())
    with pytest.raises(JobValidationError) as refused:
        service.save(draft(title="", pay_amount=-5, contact_phone="12"), job_id=job.id)
    assert refused.value.problems == (
        _("Write the job's title."),
        _("The pay cannot be less than 0."),
        _("The contact phone must be a Mexican number of 10 digits."),
    )
    assert str(refused.value) == " ".join(refused.value.problems)
    assert service.staff_get(job.id) == job


def test_save_adds_and_edits(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = JobService(session_factory, today=Clock())
    job = service.save(draft(external_id="SNE-1"))
    assert job.status is PostingStatus.OPEN and job.external_id == "SNE-1"
    edited = service.save(draft(title="Cocinera", openings=0), job_id=job.id)
    assert edited.id == job.id and edited.title == "Cocinera" and edited.filled
    assert edited.external_id == "SNE-1"  # kept when the form does not carry it
    assert _rows(session_factory) == 1
    with pytest.raises(JobValidationError) as taken:
        service.save(draft(external_id="SNE-1"))
    assert taken.value.problems == (_("Another posting already has this identifier."),)
    other = service.save(draft(title="Otra"))
    with pytest.raises(JobValidationError):
        service.save(draft(external_id="SNE-1"), job_id=other.id)
    assert _rows(session_factory) == 2
    with pytest.raises(JobNotFound):
        service.save(draft(), job_id=other.id + 1000)


def test_close_and_reopen(session_factory) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    service = JobService(session_factory, today=clock)
    job = service.save(draft(valid_through=TODAY + timedelta(days=5)))
    closed = service.close(job.id)
    assert closed.status is PostingStatus.CLOSED
    assert _ids(service, JobCategory.KITCHEN) == []
    assert service.category_counts()[JobCategory.KITCHEN] == 0
    with pytest.raises(JobNotFound):
        service.get(job.id)
    assert service.staff_list(include_closed=False).total == 0
    assert service.staff_list().total == 1

    assert service.reopen(job.id).status is PostingStatus.OPEN
    assert _ids(service, JobCategory.KITCHEN) == [job.id]

    service.close(job.id)
    clock.day = TODAY + timedelta(days=6)  # its last day has passed meanwhile
    with pytest.raises(JobExpired) as expired:
        service.reopen(job.id)
    assert str(expired.value) == _(
        "This posting's last day has passed; give it a new last day to reopen it."
    )
    assert service.staff_get(job.id).status is PostingStatus.CLOSED
    with pytest.raises(JobValidationError):
        service.reopen(job.id, valid_through=clock.day - timedelta(days=1))
    assert service.staff_get(job.id).status is PostingStatus.CLOSED
    reopened = service.reopen(job.id, valid_through=clock.day + timedelta(days=20))
    assert reopened.valid_through == clock.day + timedelta(days=20) and not reopened.expired
    assert _ids(service, JobCategory.KITCHEN) == [job.id]
    with pytest.raises(JobNotFound):
        service.close(job.id + 1000)
    with pytest.raises(JobNotFound):
        service.reopen(job.id + 1000)


def test_staff_list_shows_every_posting_last_entered_first(session_factory) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    service = JobService(session_factory, today=clock)
    made = [service.save(draft(title=f"Trabajo {n}")).id for n in range(8)]
    service.close(made[0])
    service.save(draft(title="Vencida", valid_through=TODAY - timedelta(days=1)), job_id=made[1])
    first = service.staff_list()
    assert (first.total, first.page_count, len(first.cards)) == (8, 2, 6)
    listed = [card.id for card in first.cards] + [
        card.id for card in service.staff_list(page=1).cards
    ]
    assert listed == made[::-1]
    by_id = {card.id: card for card in service.staff_list(page=1).cards}
    assert isinstance(by_id[made[0]], JobDetail)
    assert by_id[made[0]].status is PostingStatus.CLOSED
    assert by_id[made[1]].expired and by_id[made[1]].status is PostingStatus.OPEN
    open_only = service.staff_list(page=1, include_closed=False)
    assert open_only.total == 7
    assert made[0] not in [card.id for card in open_only.cards]
