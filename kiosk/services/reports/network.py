"""The network's monthly report: a row per centre with its month, counted as each centre's own
report counts it (:mod:`kiosk.services.reports.figures`), the network's total, and the women
referred to each program at each centre and in the whole network.

It reads every centre (``all_centres``) and only columns that name no one, so on PostgreSQL it
runs as the coordinator's role (:data:`~kiosk.services.reports.figures.NETWORK_COLUMNS`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk.data.models import ReferralStatus
from kiosk.i18n import _
from kiosk.services import csv_text
from kiosk.services.reports.centre import csv_header
from kiosk.services.reports.figures import (
    CentreFigures,
    OutcomeFigure,
    Reader,
    ServiceFigures,
    Span,
    centre_names,
    figures_by_centre,
    job_bank,
    women_per_service,
    women_served_in_all,
)
from kiosk.services.reports.months import Month
from kiosk.text import csv_cell

NETWORK_ID = 0  # the total row's centre id: no centre has it


@dataclass(frozen=True)
class NetworkReport:
    month: Month
    centres: tuple[CentreFigures, ...]  # every centre, by name; a quiet one with zeros
    # The network's row: sums, except women served, each woman once however many centres.
    total: CentreFigures
    services: tuple[ServiceFigures, ...]  # the programs women were referred to, most first
    jobs_published: int  # in the network's job bank
    job_openings: int


def network_month(s: Session, month: Month, span: Span) -> NetworkReport:
    """Every centre's month, read with ``all_centres`` whatever centre ``s`` works for."""
    read = Reader(s, every_centre=True)
    names = centre_names(read)
    rows = tuple(figures_by_centre(read, span, names).values())
    jobs, openings = job_bank(read, month.first_day, month.next().first_day)
    return NetworkReport(
        month=month,
        centres=rows,
        total=_total(rows, women_served_in_all(read, span)),
        services=women_per_service(read, span, list(names)),
        jobs_published=jobs,
        job_openings=openings,
    )


def _total(rows: tuple[CentreFigures, ...], women: int) -> CentreFigures:
    def summed(name: str) -> int:
        return sum(getattr(r, name) for r in rows)

    return CentreFigures(
        centre_id=NETWORK_ID,
        name=_("Network (total)"),
        women_served=women,
        new_registrations=summed("new_registrations"),
        courses=summed("courses"),
        sessions=summed("sessions"),
        seats_taken=summed("seats_taken"),
        attended=summed("attended"),
        childcare_visits=summed("childcare_visits"),
        childcare_children=summed("childcare_children"),
        # The sum of the column as printed, so the table adds up.
        childcare_hours=round(sum(r.childcare_hours for r in rows), 1),
        childcare_open=summed("childcare_open"),
        referrals=tuple(
            OutcomeFigure(status, sum(r.referrals[i].count for r in rows))
            for i, status in enumerate(ReferralStatus)
        ),
        listings_published=summed("listings_published"),
    )


def network_csv(report: NetworkReport) -> str:
    """The same columns as a centre's CSV (month, centre, section, item, measure, value): a row
    per figure of each centre, then the network's; then the women referred to each program at
    each centre that referred any, and in the network."""
    month = str(report.month)
    rows = [row for f in (*report.centres, report.total) for row in _centre_rows(month, f)]
    programs, women = _("Programs"), _("women referred")
    total = csv_cell(report.total.name)
    for service in report.services:
        name = csv_cell(service.name)
        for figures, count in zip(report.centres, service.per_centre, strict=True):
            if count:
                rows.append([month, csv_cell(figures.name), programs, name, women, count])
        rows.append([month, total, programs, name, women, service.network])
    jobs = _("Job bank (network)")
    rows.append([month, total, jobs, "", _("postings published"), report.jobs_published])
    rows.append([month, total, jobs, "", _("openings"), report.job_openings])
    return csv_text(csv_header(), rows)


def _centre_rows(month: str, f: CentreFigures) -> list[list[object]]:
    people, courses, childcare = _("Members"), _("Courses"), _("Childcare")
    figures: list[tuple[str, str, str, int | float]] = [
        (people, "", _("members served"), f.women_served),
        (people, "", _("new members"), f.new_registrations),
        (courses, "", _("courses held"), f.courses),
        (courses, "", _("sessions"), f.sessions),
        (courses, "", _("sign-ups"), f.seats_taken),
        (courses, "", _("attendance"), f.attended),
        (childcare, "", _("visits"), f.childcare_visits),
        (childcare, "", _("children"), f.childcare_children),
        (childcare, "", _("hours"), f.childcare_hours),
        (childcare, "", _("visits still open"), f.childcare_open),
        *((_("Referrals"), r.words, _("referrals"), r.count) for r in f.referrals),
        (_("Trade"), "", _("listings published"), f.listings_published),
    ]
    centre = csv_cell(f.name)
    return [
        [month, centre, section, csv_cell(item), measure, value]
        for section, item, measure, value in figures
    ]
