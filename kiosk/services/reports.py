"""The monthly report the centre sends to the municipality and the state programs.

For one calendar month, counted in the centre's time zone (Chihuahua): members served, new
members, sign-ups and attendance per training, childcare visits, children and hours, referrals
made by their outcome, job postings and trade listings published. Read straight from the tables
with aggregate queries, so erasing a member (her row stays, her personal fields blanked) leaves
every figure as it was.

Definitions, so that the figures mean the same every month:

- **Members served**: distinct members who, in the month, signed up for a session, were
  referred to a program, put up a trade listing, said "me interesa" to a job, or left a child
  in the children's room.
- **Per training**: its sessions that *start* in the month; sign-ups are the women who held a
  seat (enrolled, attended or did not come; not the cancelled nor the waitlist), attendance
  those marked as attended.
- **Childcare**: visits checked in during the month; hours add up visits that were checked out.
- **Referrals**: made in the month, by their outcome as it stands now.
- **Jobs**: postings whose publication day falls in the month; **listings**: trade listings
  published (approved) in the month.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypedDict
from zoneinfo import ZoneInfo

from sqlalchemy import distinct, func, select, union
from sqlalchemy.orm import Session

from kiosk.data.models import (
    Child,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    JobInterest,
    JobPosting,
    Member,
    Referral,
    ReferralStatus,
    TradeListing,
    Training,
    TrainingSession,
)
from kiosk.i18n import DEFAULT_TIMEZONE, N_, _
from kiosk.logs import area_logger
from kiosk.services import SessionFactory
from kiosk.services.checks import entry_points
from kiosk.services.savings import GroupReport, SavingsService

log = area_logger("reports")

REPORTS_DIR = "reports"
SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.ATTENDED, EnrollmentStatus.NO_SHOW)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")

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


class ReportError(ValueError):
    """A report that cannot be made, told as one plain sentence."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-11`` (the form of the command line), or :class:`ReportError`."""
        match = _MONTH.match(text) if isinstance(text, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
            raise ReportError(_("The month must be written as year-month, for example 2026-11."))
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def bounds(self, timezone: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime]:
        """The month's first and next month's first moment at the centre, in UTC."""
        zone = ZoneInfo(timezone)
        start = datetime.combine(self.first_day, datetime.min.time(), tzinfo=zone)
        end = datetime.combine(self.next().first_day, datetime.min.time(), tzinfo=zone)
        return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True)
class TrainingFigures:
    title: str
    sessions: int
    signed_up: int
    attended: int


@dataclass(frozen=True)
class OutcomeFigure:
    status: ReferralStatus
    count: int

    @property
    def words(self) -> str:
        return _(OUTCOME_WORDS[self.status])


@dataclass(frozen=True)
class MonthlyReport:
    month: Month
    members_served: int
    new_members: int
    trainings: tuple[TrainingFigures, ...]
    childcare_visits: int
    childcare_children: int
    childcare_hours: float
    referrals: tuple[OutcomeFigure, ...]  # every outcome, in a fixed order, zeros included
    jobs_published: int
    job_openings: int
    listings_published: int
    # Ahorro: each savings group's figures for its cycle at the month's end, then the centre's.
    savings: tuple[GroupReport, ...] = ()

    @property
    def signed_up(self) -> int:
        return sum(t.signed_up for t in self.trainings)

    @property
    def attended(self) -> int:
        return sum(t.attended for t in self.trainings)

    @property
    def referrals_made(self) -> int:
        return sum(r.count for r in self.referrals)


@entry_points(ReportError)
class ReportService:
    def __init__(self, session_factory: SessionFactory, *, timezone: str = DEFAULT_TIMEZONE):
        self._factory = session_factory
        self._timezone = timezone

    def today(self) -> date:
        return datetime.now(ZoneInfo(self._timezone)).date()

    def month(self, month: Month) -> MonthlyReport:
        start, end = month.bounds(self._timezone)
        # The ledger keeps no month's end: each group's current cycle as it stands today.
        savings = tuple(SavingsService(self._factory).report(on=self.today()))
        with self._factory() as s:
            jobs, openings = _jobs(s, month)
            return MonthlyReport(
                month=month,
                members_served=_members_served(s, start, end),
                new_members=_count(s, Member.id, Member.created_at, start, end),
                trainings=_trainings(s, start, end),
                **_childcare(s, start, end),
                referrals=_referrals(s, start, end),
                jobs_published=jobs,
                job_openings=openings,
                # Published in the month, whether still shown, sold out or withdrawn since.
                listings_published=_count(
                    s, TradeListing.id, TradeListing.published_at, start, end
                ),
                # Only the centre's row when there is no group: nothing to tell.
                savings=savings if len(savings) > 1 else (),
            )


def _in(column, start: datetime, end: datetime):  # type: ignore[no-untyped-def]
    return (column >= start) & (column < end)


def _count(s: Session, key, when, start: datetime, end: datetime, *extra) -> int:  # type: ignore[no-untyped-def]
    return s.scalar(select(func.count(key)).where(_in(when, start, end), *extra)) or 0


def _members_served(s: Session, start: datetime, end: datetime) -> int:
    who = union(
        select(Enrollment.member_id).where(_in(Enrollment.created_at, start, end)),
        select(Referral.member_id).where(_in(Referral.created_at, start, end)),
        select(TradeListing.seller_id).where(_in(TradeListing.created_at, start, end)),
        select(JobInterest.member_id).where(
            _in(JobInterest.created_at, start, end), JobInterest.member_id.is_not(None)
        ),
        select(Child.guardian_id)
        .join(ChildcareVisit, ChildcareVisit.child_id == Child.id)
        .where(_in(ChildcareVisit.checked_in_at, start, end)),
    ).subquery()
    return s.scalar(select(func.count(distinct(who.c[0])))) or 0


def _trainings(s: Session, start: datetime, end: datetime) -> tuple[TrainingFigures, ...]:
    in_month = _in(TrainingSession.starts_at, start, end)
    sessions = dict(
        s.execute(
            select(TrainingSession.training_id, func.count(TrainingSession.id))
            .where(in_month)
            .group_by(TrainingSession.training_id)
        ).all()
    )
    if not sessions:
        return ()
    seats: dict[int, tuple[int, int]] = {}
    rows = s.execute(
        select(
            TrainingSession.training_id,
            func.count(Enrollment.id),
            func.count(Enrollment.id).filter(Enrollment.status == EnrollmentStatus.ATTENDED),
        )
        .join(Enrollment, Enrollment.session_id == TrainingSession.id)
        .where(in_month, Enrollment.status.in_(SEATED))
        .group_by(TrainingSession.training_id)
    )
    for training_id, signed_up, attended in rows:
        seats[training_id] = (signed_up, attended)
    titles = dict(
        s.execute(select(Training.id, Training.title).where(Training.id.in_(sessions))).all()
    )
    figures = [
        TrainingFigures(titles[tid], count, *seats.get(tid, (0, 0)))
        for tid, count in sessions.items()
    ]
    figures.sort(key=lambda f: (-f.signed_up, f.title))
    return tuple(figures)


class _ChildcareFigures(TypedDict):
    childcare_visits: int
    childcare_children: int
    childcare_hours: float


def _childcare(s: Session, start: datetime, end: datetime) -> _ChildcareFigures:
    in_month = _in(ChildcareVisit.checked_in_at, start, end)
    visits, children = s.execute(
        select(func.count(ChildcareVisit.id), func.count(distinct(ChildcareVisit.child_id))).where(
            in_month
        )
    ).one()
    # Durations summed in Python: the two engines subtract timestamps differently, and a
    # month's visits are a few hundred rows.
    seconds = 0.0
    for checked_in, checked_out in s.execute(
        select(ChildcareVisit.checked_in_at, ChildcareVisit.checked_out_at).where(
            in_month, ChildcareVisit.checked_out_at.is_not(None)
        )
    ):
        if checked_in is not None and checked_out is not None:
            seconds += max(0.0, (checked_out - checked_in).total_seconds())
    return {
        "childcare_visits": visits or 0,
        "childcare_children": children or 0,
        "childcare_hours": round(seconds / 3600, 1),
    }


def _referrals(s: Session, start: datetime, end: datetime) -> tuple[OutcomeFigure, ...]:
    counts = dict(
        s.execute(
            select(Referral.status, func.count(Referral.id))
            .where(_in(Referral.created_at, start, end))
            .group_by(Referral.status)
        ).all()
    )
    return tuple(OutcomeFigure(status, counts.get(status, 0)) for status in ReferralStatus)


def _jobs(s: Session, month: Month) -> tuple[int, int]:
    first, after = month.first_day, month.next().first_day
    count, openings = s.execute(
        select(func.count(JobPosting.id), func.coalesce(func.sum(JobPosting.openings), 0)).where(
            JobPosting.date_posted >= first, JobPosting.date_posted < after
        )
    ).one()
    return int(count or 0), int(openings or 0)


# --- the report as files ----------------------------------------------------------------------


def to_csv(report: MonthlyReport) -> str:
    """One row per figure (section, item, measure, value): a spreadsheet sums and filters it,
    and next month's file has the same columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    month = str(report.month)
    writer.writerow([_("month"), _("section"), _("item"), _("measure"), _("value")])

    def row(section: str, item: str, measure: str, value: int | float) -> None:
        writer.writerow([month, section, _safe_cell(item), measure, value])

    people = _("Members")
    row(people, "", _("members served"), report.members_served)
    row(people, "", _("new members"), report.new_members)
    courses = _("Courses")
    for t in report.trainings:
        row(courses, t.title, _("sessions"), t.sessions)
        row(courses, t.title, _("sign-ups"), t.signed_up)
        row(courses, t.title, _("attendance"), t.attended)
    childcare = _("Childcare")
    row(childcare, "", _("visits"), report.childcare_visits)
    row(childcare, "", _("children"), report.childcare_children)
    row(childcare, "", _("hours"), report.childcare_hours)
    referrals = _("Referrals")
    for r in report.referrals:
        row(referrals, r.words, _("referrals"), r.count)
    row(_("Jobs"), "", _("postings published"), report.jobs_published)
    row(_("Jobs"), "", _("openings"), report.job_openings)
    row(_("Trade"), "", _("listings published"), report.listings_published)
    savings = _("Savings")
    for g in report.savings:
        row(savings, g.name, _("members"), g.members)
        row(savings, g.name, _("savings (pesos)"), g.savings_cents / 100)
        row(savings, g.name, _("loans outstanding (pesos)"), g.loans_outstanding_cents / 100)
        row(savings, g.name, _("late over 30 days (pesos)"), g.at_risk_cents / 100)
        for measure, value in (
            (_("portfolio at risk (%)"), g.portfolio_at_risk),
            (_("return on savings (%)"), g.return_on_savings),
            (_("attendance (%)"), g.attendance),
        ):
            if value is not None:
                row(savings, g.name, measure, float(value))
    return out.getvalue()


def _safe_cell(text: str) -> str:
    # A title starting with = + - @ would run as a formula when the file is opened.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def file_stem(month: Month) -> str:
    return f"informe-{month}"


def write_report(report: MonthlyReport, folder: Path, centre_name: str) -> tuple[Path, Path]:
    """Write ``informe-YYYY-MM.pdf`` and ``.csv`` into ``folder`` (made if missing). A month's
    files are replaced as a whole: each is written beside its name and renamed when complete."""
    from kiosk.vouchers.report import report_pdf

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(_("The folder {path} cannot be created.").format(path=folder)) from exc
    pdf_path = folder / f"{file_stem(report.month)}.pdf"
    csv_path = folder / f"{file_stem(report.month)}.csv"
    # utf-8-sig: spreadsheet programs on Windows then read the accents right.
    files = (
        (pdf_path, report_pdf(report, centre_name)),
        (csv_path, to_csv(report).encode("utf-8-sig")),
    )
    for path, data in files:
        partial = path.with_name(path.name + ".partial")
        try:
            partial.write_bytes(data)
            os.replace(partial, path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ReportError(
                _("The report could not be written to {path}.").format(path=path)
            ) from exc
    log.info("monthly report %s written", report.month)
    return pdf_path, csv_path


def last_month(today: date) -> Month:
    return Month.of(today).previous()
