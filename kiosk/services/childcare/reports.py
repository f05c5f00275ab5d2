"""Attendance reports of the children's room: a day or a month, as CSV and PDF."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import select

from kiosk.data.models import (
    Child,
    ChildcareVisit,
)
from kiosk.i18n import _, format_date_short
from kiosk.services import csv_text
from kiosk.services.childcare.base import ChildcareBase
from kiosk.services.childcare.common import (
    ChildcareError,
    age_on,
    childcare_entry_points,
    log,
)
from kiosk.text import csv_cell
from kiosk.vouchers.attendance import AttendanceReport, AttendanceRow

# Age groups of the reports, in years (inclusive).
AGE_GROUPS: tuple[tuple[int, int | None], ...] = ((0, 2), (3, 5), (6, 8), (9, 12), (13, None))
REPORTS_FOLDER = "reports"


def age_group_words() -> tuple[str, ...]:
    words = []
    for low, high in AGE_GROUPS:
        if high is None:
            words.append(_("{low}+ years").format(low=low))
        else:
            words.append(_("{low}-{high} years").format(low=low, high=high))
    return tuple(words)


def _age_group(age: int) -> int:
    for index, (low, high) in enumerate(AGE_GROUPS):
        if age >= low and (high is None or age <= high):
            return index
    return 0


@childcare_entry_points
class Reports(ChildcareBase):
    def attendance_day(self, day: date) -> AttendanceReport:
        return self._attendance(
            day,
            day,
            _("Childcare attendance, {day}").format(day=format_date_short(day)),
            day.isoformat(),
        )

    def attendance_month(self, year: int, month: int) -> AttendanceReport:
        if not 1 <= month <= 12:
            raise ChildcareError(_("A month is from 1 to 12."))
        start = date(year, month, 1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        from babel.dates import format_date

        from kiosk.i18n import _State

        words = format_date(start, format="LLLL 'de' yyyy", locale=_State.locale)
        title = _("Childcare attendance, {month}").format(month=words)
        return self._attendance(start, end, title, f"{year:04d}-{month:02d}")

    def _attendance(self, start: date, end: date, title: str, slug: str) -> AttendanceReport:
        first, _x = self._day_bounds(start)
        _y, last = self._day_bounds(end)
        now = self._clock()
        with self._factory() as s:
            rows = s.execute(
                select(ChildcareVisit, Child.birth_date)
                .join(Child, Child.id == ChildcareVisit.child_id)
                .where(ChildcareVisit.checked_in_at >= first, ChildcareVisit.checked_in_at < last)
                .order_by(ChildcareVisit.checked_in_at)
            ).all()
        by_day: dict[date, list[tuple[ChildcareVisit, date]]] = {}
        for visit, birth in rows:
            day = visit.checked_in_at.astimezone(self._tz).date()
            by_day.setdefault(day, []).append((visit, birth))
        report_rows = []
        all_children: dict[int, int] = {}
        total_visits = 0
        total_hours = Decimal(0)
        day = start
        while day <= end:
            visits = by_day.get(day, [])
            _s, day_end = self._day_bounds(day)
            children: dict[int, int] = {}
            seconds = 0.0
            for visit, birth in visits:
                out = visit.checked_out_at or now
                out = min(out, day_end)  # a visit never checked out counts until midnight
                seconds += max((out - visit.checked_in_at).total_seconds(), 0)
                children[visit.child_id] = _age_group(age_on(birth, day))
                all_children.setdefault(visit.child_id, children[visit.child_id])
            hours = (Decimal(seconds) / 3600).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if visits or start == end:
                report_rows.append(
                    AttendanceRow(day, len(children), len(visits), hours, _groups(children))
                )
            total_visits += len(visits)
            total_hours += hours
            day += timedelta(days=1)
        total = AttendanceRow(
            None, len(all_children), total_visits, total_hours, _groups(all_children)
        )
        return AttendanceReport(title, start, end, tuple(report_rows), total, slug)

    @staticmethod
    def report_csv(report: AttendanceReport) -> str:
        header = [_("Day"), _("Children"), _("Visits"), _("Hours"), *age_group_words()]
        return csv_text(
            header,
            (
                [
                    csv_cell(row.day.isoformat() if row.day else _("Total")),
                    row.children,
                    row.visits,
                    str(row.hours),
                    *row.by_age,
                ]
                for row in (*report.rows, report.total)
            ),
        )

    def report_pdf(self, report: AttendanceReport) -> bytes:
        from kiosk.vouchers.attendance import attendance_pdf

        return attendance_pdf(report, age_group_words(), self._centre_name)

    def write_report(self, report: AttendanceReport, data_dir: Path) -> tuple[Path, Path]:
        """The report as CSV and PDF in ``<data_dir>/reports/`` (same-named files replaced)."""
        folder = Path(data_dir) / REPORTS_FOLDER
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stem = folder / f"guarderia-{report.slug}"
            csv_path = stem.with_suffix(".csv")
            pdf_path = stem.with_suffix(".pdf")
            csv_path.write_text(self.report_csv(report), encoding="utf-8-sig")
            pdf_path.write_bytes(self.report_pdf(report))
        except OSError as exc:
            raise ChildcareError(
                _("The report could not be saved in {folder}.").format(folder=folder)
            ) from exc
        log.info("childcare report %s written", report.slug)
        return csv_path, pdf_path


def _groups(children: dict[int, int]) -> tuple[int, ...]:
    counts = Counter(children.values())
    return tuple(counts.get(i, 0) for i in range(len(AGE_GROUPS)))
