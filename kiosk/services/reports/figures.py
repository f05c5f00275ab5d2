"""A month's figures of each centre, counted the same way for a centre's own report and for the
network's.

Every query here is grouped by ``centre_id``. Run in a centre's session (its stations) each
sees only that centre's rows; run with ``all_centres`` (the network's report) it gives one
group per centre. Each selects only columns that name no one — ids, ``centre_id``,
``member_id``, dates, statuses, a program's and a centre's name — and no whole row of a
person: on PostgreSQL the network's coordinator role may read only those columns
(:data:`NETWORK_COLUMNS`).

Definitions:

- **Women served** at a centre: distinct women who, in the month and at that centre, registered
  there (her first visit to it), signed up for a course or came to one of its sessions, were
  referred to a program, put up a trade listing, said "me interesa" to a job, left a child in
  the children's room, or had a movement in a savings group's ledger. A woman served at two
  centres counts once at each; the network's total counts her once.
- **New registrations**: women registered at the centre in the month (a woman who first comes
  to a second centre is new there).
- **Courses**: the courses with a session that *starts* in the month, those sessions, the seats
  taken in them (enrolled, attended or did not come; not the cancelled nor the waitlist) and
  the women marked as attended.
- **Childcare**: visits checked in during the month, the children they were of, and their hours
  from check-in to check-out; a visit still open counts up to the month's end, or up to now
  when the month has not ended.
- **Referrals**: made in the month, by their outcome as it stands now; per program, the distinct
  women referred to it.
- **Trade listings**: published (approved) in the month.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, TypeVarTuple

from sqlalchemy import ColumnElement, Result, Select, Subquery, distinct, func, select, union
from sqlalchemy.orm import Session

from kiosk.data.models import (
    Centre,
    Child,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    JobInterest,
    JobPosting,
    MemberRegistration,
    Referral,
    ReferralStatus,
    SavingsMembership,
    SavingsMovement,
    Service,
    TradeListing,
    TrainingSession,
)
from kiosk.data.scope import ALL_CENTRES
from kiosk.i18n import N_, _

Ts = TypeVarTuple("Ts")
K = TypeVar("K")
V = TypeVar("V")

SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.NO_SHOW)

# The outcome words of a referral, as staff and the programs know them.
OUTCOME_WORDS: dict[ReferralStatus, str] = {
    ReferralStatus.NOT_UPDATED: N_("Not updated"),
    ReferralStatus.NEEDS_ACTION: N_("Needs action"),
    ReferralStatus.PENDING: N_("Pending"),
    ReferralStatus.RECEIVED: N_("Received support"),
    ReferralStatus.UNREACHABLE: N_("Could not be reached"),
    ReferralStatus.NOT_ELIGIBLE: N_("Not eligible"),
    ReferralStatus.NO_PLACES: N_("No places"),
    ReferralStatus.NOT_INTERESTED: N_("Not interested"),
}

# Every column the network's report reads, table by table: what the coordinator's role must be
# able to SELECT (and all it needs to; none of them names a person).
NETWORK_COLUMNS: dict[str, tuple[str, ...]] = {
    "centres": ("id", "name"),
    "member_registrations": ("id", "centre_id", "member_id", "registered_at"),
    "training_sessions": ("id", "centre_id", "training_id", "starts_at"),
    "enrollments": ("id", "centre_id", "member_id", "session_id", "status", "created_at"),
    "referrals": ("id", "centre_id", "member_id", "service_id", "status", "created_at"),
    "services": ("id", "name"),
    "trade_listings": ("id", "centre_id", "seller_id", "created_at", "published_at"),
    "job_interests": ("id", "centre_id", "member_id", "created_at"),
    "childcare_visits": ("id", "centre_id", "child_id", "checked_in_at", "checked_out_at"),
    "children": ("id", "centre_id", "guardian_id"),
    "savings_movements": ("id", "centre_id", "membership_id", "created_at"),
    "savings_members": ("id", "centre_id", "member_id"),
    "job_postings": ("id", "date_posted", "openings"),
}


@dataclass(frozen=True)
class OutcomeFigure:
    status: ReferralStatus
    count: int

    @property
    def words(self) -> str:
        return _(OUTCOME_WORDS[self.status])


def no_referrals() -> tuple[OutcomeFigure, ...]:
    return tuple(OutcomeFigure(status, 0) for status in ReferralStatus)


@dataclass(frozen=True)
class CentreFigures:
    """One centre's month (or, with ``centre_id`` 0, the network's total)."""

    centre_id: int
    name: str
    women_served: int = 0
    new_registrations: int = 0
    courses: int = 0
    sessions: int = 0
    seats_taken: int = 0
    attended: int = 0
    childcare_visits: int = 0
    childcare_children: int = 0
    childcare_hours: float = 0.0
    childcare_open: int = 0  # visits not checked out, counted to the month's end or now
    referrals: tuple[OutcomeFigure, ...] = no_referrals()  # every outcome, zeros too
    listings_published: int = 0

    @property
    def referrals_made(self) -> int:
        return sum(r.count for r in self.referrals)


@dataclass(frozen=True)
class Span:
    """The moments a month's figures are counted between (UTC), and "now" for visits still
    open."""

    start: datetime
    end: datetime
    now: datetime


@dataclass(frozen=True)
class Reader:
    """A session's reads for a report: its own centre's rows, or with ``every_centre`` every
    centre's (each statement then says ``all_centres``)."""

    session: Session
    every_centre: bool = False

    def execute(self, statement: Select[*Ts]) -> Result[*Ts]:
        if self.every_centre:
            statement = statement.execution_options(**{ALL_CENTRES: True})
        return self.session.execute(statement)

    def pairs(self, statement: Select[K, V]) -> dict[K, V]:
        """Rows of two columns as a dict."""
        return dict(self.execute(statement).all())


def _in(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return (column >= start) & (column < end)


def _by_centre(read: Reader, statement: Select[int, *Ts]) -> dict[int, tuple[Any, ...]]:
    """Rows ``(centre_id, figure, ...)`` as ``{centre_id: (figure, ...)}``."""
    return {row[0]: tuple(row[1:]) for row in read.execute(statement)}


def activity(start: datetime, end: datetime) -> Subquery:
    """``(centre_id, member_id)`` of each woman served at each centre in the month, once."""
    attended = (
        select(Enrollment.centre_id, Enrollment.member_id)
        .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
        .where(
            _in(TrainingSession.starts_at, start, end),
            Enrollment.status == EnrollmentStatus.ATTENDED,
        )
    )
    return union(
        select(MemberRegistration.centre_id, MemberRegistration.member_id).where(
            _in(MemberRegistration.registered_at, start, end)
        ),
        select(Enrollment.centre_id, Enrollment.member_id).where(
            _in(Enrollment.created_at, start, end)
        ),
        attended,
        select(Referral.centre_id, Referral.member_id).where(_in(Referral.created_at, start, end)),
        select(TradeListing.centre_id, TradeListing.seller_id).where(
            _in(TradeListing.created_at, start, end)
        ),
        select(JobInterest.centre_id, JobInterest.member_id).where(
            _in(JobInterest.created_at, start, end), JobInterest.member_id.is_not(None)
        ),
        select(ChildcareVisit.centre_id, Child.guardian_id)
        .join(Child, Child.id == ChildcareVisit.child_id)
        .where(_in(ChildcareVisit.checked_in_at, start, end)),
        select(SavingsMovement.centre_id, SavingsMembership.member_id)
        .join(SavingsMembership, SavingsMembership.id == SavingsMovement.membership_id)
        .where(_in(SavingsMovement.created_at, start, end)),
    ).subquery("served")


def women_served_in_all(read: Reader, span: Span) -> int:
    """Distinct women served at any centre ``read`` sees: once each, however many centres."""
    served = activity(span.start, span.end)
    return read.execute(select(func.count(distinct(served.c.member_id)))).scalar() or 0


def figures_by_centre(read: Reader, span: Span, names: dict[int, str]) -> dict[int, CentreFigures]:
    """Each centre of ``names`` (id -> name) with its month, zeros for a quiet one."""
    start, end = span.start, span.end
    served = activity(start, end)
    women = _by_centre(read, select(served.c.centre_id, func.count()).group_by(served.c.centre_id))
    registered = _by_centre(
        read,
        select(MemberRegistration.centre_id, func.count(MemberRegistration.id))
        .where(_in(MemberRegistration.registered_at, start, end))
        .group_by(MemberRegistration.centre_id),
    )
    in_month = _in(TrainingSession.starts_at, start, end)
    courses = _by_centre(
        read,
        select(
            TrainingSession.centre_id,
            func.count(distinct(TrainingSession.training_id)),
            func.count(TrainingSession.id),
        )
        .where(in_month)
        .group_by(TrainingSession.centre_id),
    )
    seats = _by_centre(
        read,
        select(
            TrainingSession.centre_id,
            func.count(Enrollment.id),
            func.count(Enrollment.id).filter(Enrollment.status == EnrollmentStatus.ATTENDED),
        )
        .join(Enrollment, Enrollment.session_id == TrainingSession.id)
        .where(in_month, Enrollment.status.in_(SEATED))
        .group_by(TrainingSession.centre_id),
    )
    listings = _by_centre(
        read,
        select(TradeListing.centre_id, func.count(TradeListing.id))
        .where(_in(TradeListing.published_at, start, end))
        .group_by(TradeListing.centre_id),
    )
    outcomes: dict[int, dict[ReferralStatus, int]] = defaultdict(dict)
    for centre_id, status, count in read.execute(
        select(Referral.centre_id, Referral.status, func.count(Referral.id))
        .where(_in(Referral.created_at, start, end))
        .group_by(Referral.centre_id, Referral.status)
    ):
        outcomes[centre_id][ReferralStatus(status)] = count
    childcare = _childcare(read, span)
    figures = {}
    for centre_id, name in names.items():
        courses_held, sessions = courses.get(centre_id, (0, 0))
        seats_taken, attended = seats.get(centre_id, (0, 0))
        counts = outcomes.get(centre_id, {})
        figures[centre_id] = CentreFigures(
            centre_id=centre_id,
            name=name,
            women_served=women.get(centre_id, (0,))[0],
            new_registrations=registered.get(centre_id, (0,))[0],
            courses=courses_held,
            sessions=sessions,
            seats_taken=seats_taken,
            attended=attended,
            **childcare.get(centre_id, {}),
            referrals=tuple(OutcomeFigure(st, counts.get(st, 0)) for st in ReferralStatus),
            listings_published=listings.get(centre_id, (0,))[0],
        )
    return figures


def _childcare(read: Reader, span: Span) -> dict[int, dict[str, Any]]:
    """Per centre: visits, children, hours and visits still open. Durations are summed here:
    the two engines subtract timestamps differently, and a month's visits are a few thousand
    rows at most."""
    until = min(span.end, span.now)
    visits: dict[int, int] = defaultdict(int)
    children: dict[int, set[int]] = defaultdict(set)
    seconds: dict[int, float] = defaultdict(float)
    still_open: dict[int, int] = defaultdict(int)
    for centre_id, child_id, checked_in, checked_out in read.execute(
        select(
            ChildcareVisit.centre_id,
            ChildcareVisit.child_id,
            ChildcareVisit.checked_in_at,
            ChildcareVisit.checked_out_at,
        ).where(_in(ChildcareVisit.checked_in_at, span.start, span.end))
    ):
        visits[centre_id] += 1
        children[centre_id].add(child_id)
        if checked_out is None:
            still_open[centre_id] += 1
        left = checked_out if checked_out is not None else until
        seconds[centre_id] += max(0.0, (left - checked_in).total_seconds())
    return {
        centre_id: {
            "childcare_visits": count,
            "childcare_children": len(children[centre_id]),
            "childcare_hours": round(seconds[centre_id] / 3600, 1),
            "childcare_open": still_open[centre_id],
        }
        for centre_id, count in visits.items()
    }


def job_bank(read: Reader, first: date, after: date) -> tuple[int, int]:
    """The network's job postings published from day ``first`` to before ``after``, and their
    openings (the job bank is shared: every centre's women see them)."""
    count, openings = read.execute(
        select(func.count(JobPosting.id), func.coalesce(func.sum(JobPosting.openings), 0)).where(
            JobPosting.date_posted >= first, JobPosting.date_posted < after
        )
    ).one()
    return int(count or 0), int(openings or 0)


def centre_names(read: Reader, ids: Iterable[int] | None = None) -> dict[int, str]:
    """id -> name of the network's centres (or of ``ids``), by name."""
    statement = select(Centre.id, Centre.name).order_by(Centre.name, Centre.id)
    if ids is not None:
        statement = statement.where(Centre.id.in_(list(ids)))
    return read.pairs(statement)


@dataclass(frozen=True)
class ServiceFigures:
    """A program and the distinct women referred to it in the month: at each centre (in the
    order of the report's centres) and in the whole network (each woman once)."""

    service_id: int
    name: str
    per_centre: tuple[int, ...]
    network: int


def women_per_service(
    read: Reader, span: Span, centre_ids: list[int]
) -> tuple[ServiceFigures, ...]:
    """The programs women were referred to in the month, most women first."""
    in_month = _in(Referral.created_at, span.start, span.end)
    women = func.count(distinct(Referral.member_id))
    per_centre: dict[int, dict[int, int]] = defaultdict(dict)
    for centre_id, service_id, count in read.execute(
        select(Referral.centre_id, Referral.service_id, women)
        .where(in_month)
        .group_by(Referral.centre_id, Referral.service_id)
    ):
        per_centre[service_id][centre_id] = count
    network = read.pairs(
        select(Referral.service_id, women).where(in_month).group_by(Referral.service_id)
    )
    if not network:
        return ()
    names = read.pairs(select(Service.id, Service.name).where(Service.id.in_(list(network))))
    found = [
        ServiceFigures(
            service_id=service_id,
            name=names.get(service_id, ""),
            per_centre=tuple(per_centre[service_id].get(c, 0) for c in centre_ids),
            network=count,
        )
        for service_id, count in network.items()
    ]
    found.sort(key=lambda f: (-f.network, f.name, f.service_id))
    return tuple(found)
