"""The monthly report a centre sends to its municipality and the state programs.

For one calendar month, counted in the station's time zone (Chihuahua), for the station's centre
(:mod:`kiosk.services.reports.figures` says what each figure counts, the same way the network's
report counts it): women served, new registrations, sign-ups and attendance per course,
childcare visits, children and hours, referrals by their outcome, trade listings published, and
the savings groups. Read straight from the tables with aggregate queries, so erasing a member
(her row stays, her personal fields blanked) leaves every figure as it was.

The job bank is the network's: the report gives the postings published in it during the month
(wherever they are), and the women who asked about one at this centre count as served.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.data.models import Enrollment, EnrollmentStatus, Training, TrainingSession
from kiosk.data.scope import centre_of
from kiosk.i18n import _
from kiosk.services import csv_text
from kiosk.services.reports.figures import (
    SEATED,
    CentreFigures,
    OutcomeFigure,
    Reader,
    Span,
    centre_names,
    figures_by_centre,
    job_bank,
    women_per_service,
)
from kiosk.services.reports.months import Month
from kiosk.services.savings import GroupReport
from kiosk.text import csv_cell


@dataclass(frozen=True)
class TrainingFigures:
    title: str
    sessions: int
    signed_up: int
    attended: int


@dataclass(frozen=True)
class ProgramFigure:
    """A program and the distinct women the centre referred to it in the month."""

    service_id: int
    name: str
    women: int


@dataclass(frozen=True)
class MonthlyReport:
    month: Month
    centre: str  # the centre's name, as the network knows it
    members_served: int
    new_members: int
    trainings: tuple[TrainingFigures, ...]
    childcare_visits: int
    childcare_children: int
    childcare_hours: float
    referrals: tuple[OutcomeFigure, ...]  # every outcome, in a fixed order, zeros included
    jobs_published: int  # in the network's job bank
    job_openings: int
    listings_published: int
    # Ahorro: each savings group's figures for its cycle at the month's end, then the centre's.
    savings: tuple[GroupReport, ...] = ()
    childcare_open: int = 0  # visits not checked out, counted to the month's end or now
    programs: tuple[ProgramFigure, ...] = ()  # most women first

    @property
    def signed_up(self) -> int:
        return sum(t.signed_up for t in self.trainings)

    @property
    def attended(self) -> int:
        return sum(t.attended for t in self.trainings)

    @property
    def referrals_made(self) -> int:
        return sum(r.count for r in self.referrals)


def centre_month(
    s: Session, month: Month, span: Span, savings: tuple[GroupReport, ...]
) -> MonthlyReport:
    """The month of the session's centre."""
    centre = centre_of(s)
    read = Reader(s)
    names = centre_names(read, [centre])
    mine = figures_by_centre(read, span, names).get(centre) or CentreFigures(centre, "")
    jobs, openings = job_bank(read, month.first_day, month.next().first_day)
    return MonthlyReport(
        month=month,
        centre=names.get(centre, ""),
        members_served=mine.women_served,
        new_members=mine.new_registrations,
        trainings=_trainings(s, span.start, span.end),
        childcare_visits=mine.childcare_visits,
        childcare_children=mine.childcare_children,
        childcare_hours=mine.childcare_hours,
        childcare_open=mine.childcare_open,
        referrals=mine.referrals,
        jobs_published=jobs,
        job_openings=openings,
        listings_published=mine.listings_published,
        programs=tuple(
            ProgramFigure(p.service_id, p.name, p.per_centre[0])
            for p in women_per_service(read, span, [centre])
        ),
        # Only the centre's row when there is no group: nothing to tell.
        savings=savings if len(savings) > 1 else (),
    )


def _trainings(s: Session, start: datetime, end: datetime) -> tuple[TrainingFigures, ...]:
    in_month = (TrainingSession.starts_at >= start) & (TrainingSession.starts_at < end)
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


# --- the report as a spreadsheet ---------------------------------------------------------------


def csv_header() -> list[str]:
    """The columns of every report's CSV, a centre's or the network's: the files of several
    centres and months stack into one sheet."""
    return [_("month"), _("centre"), _("section"), _("item"), _("measure"), _("value")]


def to_csv(report: MonthlyReport) -> str:
    """One row per figure (month, centre, section, item, measure, value): a spreadsheet sums
    and filters it, and next month's file has the same columns."""
    month, centre = str(report.month), csv_cell(report.centre)
    rows: list[list[object]] = []

    def row(section: str, item: str, measure: str, value: int | float) -> None:
        rows.append([month, centre, section, csv_cell(item), measure, value])

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
    row(childcare, "", _("visits still open"), report.childcare_open)
    referrals = _("Referrals")
    for r in report.referrals:
        row(referrals, r.words, _("referrals"), r.count)
    for p in report.programs:
        row(_("Programs"), p.name, _("women referred"), p.women)
    jobs = _("Job bank (network)")
    row(jobs, "", _("postings published"), report.jobs_published)
    row(jobs, "", _("openings"), report.job_openings)
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
    return csv_text(csv_header(), rows)
