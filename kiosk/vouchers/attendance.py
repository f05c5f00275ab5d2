"""The childcare attendance report as a letter-size PDF for staff: one row per day (or the one
day), the period's totals, and the children by age group."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from kiosk.i18n import _, format_date_short, format_day
from kiosk.vouchers.fonts import BOLD, REGULAR, register_fonts
from kiosk.vouchers.styles import letter_document

# The report's figures, filled by the childcare service and read by the paper (and the desk).


@dataclass(frozen=True)
class AttendanceRow:
    day: date | None  # None: the period's totals
    children: int  # different children
    visits: int
    hours: Decimal
    by_age: tuple[int, ...]  # different children in each of the service's age groups


@dataclass(frozen=True)
class AttendanceReport:
    title: str
    start: date
    end: date  # inclusive
    rows: tuple[AttendanceRow, ...]
    total: AttendanceRow
    slug: str = ""  # for file names: "2026-11-30" or "2026-11"


BAND = colors.HexColor("#ad1457")  # the childcare area's colour
STRIPE = colors.HexColor("#fce4ec")


def _hours(value: float | Decimal) -> str:
    from babel.numbers import format_decimal

    from kiosk.i18n import _State

    return format_decimal(value, format="#,##0.0", locale=_State.locale)


def attendance_pdf(
    report: AttendanceReport, age_groups: Sequence[str], centre_name: str = ""
) -> bytes:
    register_fonts()
    out = io.BytesIO()
    doc = letter_document(out, side=15 * mm, top=15 * mm, title=report.title, author=centre_name)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=18, leading=22, spaceAfter=4)
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=14)
    story: list[object] = []
    if centre_name:
        story.append(Paragraph(centre_name, body))
    story.append(Paragraph(report.title, title))
    if report.start != report.end:
        period = _("From {start} to {end}").format(
            start=format_date_short(report.start), end=format_date_short(report.end)
        )
        story.append(Paragraph(period, body))
    story.append(Spacer(1, 6 * mm))
    story.append(_table(report, age_groups, doc.width))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            _(
                "Children: different children. Age groups count each child once, by her age "
                "on the day she came."
            ),
            body,
        )
    )
    doc.build(story)
    return out.getvalue()


def _line(first: str, figures: AttendanceRow) -> list[str]:
    return [
        first,
        str(figures.children),
        str(figures.visits),
        _hours(figures.hours),
        *map(str, figures.by_age),
    ]


def _table(report: AttendanceReport, age_groups: Sequence[str], width: float) -> Table:
    """A row per day, striped, the totals last under a rule."""
    head = [_("Day"), _("Children"), _("Visits"), _("Hours"), *age_groups]
    rows: list[list[str]] = [head]
    rows += [_line(format_day(row.day) if row.day else "", row) for row in report.rows]
    rows.append(_line(_("Total"), report.total))
    day_col = width * 0.28
    other = (width - day_col) / (len(head) - 1)
    table = Table(rows, colWidths=[day_col, *([other] * (len(head) - 1))], repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 10),
        ("FONT", (0, 0), (-1, 0), BOLD, 10),
        ("FONT", (0, -1), (-1, -1), BOLD, 10),
        ("BACKGROUND", (0, 0), (-1, 0), BAND),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for index in range(2, len(rows) - 1, 2):
        style.append(("BACKGROUND", (0, index), (-1, index), STRIPE))
    table.setStyle(TableStyle(style))
    return table
