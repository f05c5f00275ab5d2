"""The monthly report as a letter-size PDF: the figures in tables and the same bar charts as the
staff desk's screen, drawn with reportlab graphics (vectors, so they print sharp)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.i18n import _, centre_today, format_date_short, format_decimal, format_month
from kiosk.money import cents_text
from kiosk.vouchers.fonts import BOLD, REGULAR, register_fonts
from kiosk.vouchers.styles import letter_document

# The bars' colours; the same on screen (kiosk.ui.areas.staff.report_page).
SIGNED_UP_COLOUR = "#2e7d32"
ATTENDED_COLOUR = "#81c784"
REFERRAL_COLOUR = "#6a1b9a"
GRID = colors.HexColor("#9e9e9e")
LABEL_MAX = 34  # a training's title beside its bars, cut to fit the left margin of the chart
BAR_ROW = 26.0  # pt per category of a chart


# What the paper reads of the reports service's monthly report (the service fills it; the paper
# does not import the service).


class ReportMonth(Protocol):
    """The month: written as ``2026-11`` by ``str()``, named from its first day."""

    @property
    def first_day(self) -> date: ...


class TrainingLine(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def sessions(self) -> int: ...
    @property
    def signed_up(self) -> int: ...
    @property
    def attended(self) -> int: ...


class OutcomeLine(Protocol):
    @property
    def words(self) -> str: ...
    @property
    def count(self) -> int: ...


class ProgramLine(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def women(self) -> int: ...


class SavingsLine(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def members(self) -> int: ...
    @property
    def savings_cents(self) -> int: ...
    @property
    def loans_outstanding_cents(self) -> int: ...
    @property
    def portfolio_at_risk(self) -> Decimal | None: ...
    @property
    def return_on_savings(self) -> Decimal | None: ...
    @property
    def attendance(self) -> Decimal | None: ...


class MonthFigures(Protocol):
    @property
    def month(self) -> ReportMonth: ...
    @property
    def centre(self) -> str: ...
    @property
    def members_served(self) -> int: ...
    @property
    def new_members(self) -> int: ...
    @property
    def signed_up(self) -> int: ...
    @property
    def attended(self) -> int: ...
    @property
    def trainings(self) -> Sequence[TrainingLine]: ...
    @property
    def childcare_visits(self) -> int: ...
    @property
    def childcare_children(self) -> int: ...
    @property
    def childcare_hours(self) -> float: ...
    @property
    def childcare_open(self) -> int: ...
    @property
    def referrals(self) -> Sequence[OutcomeLine]: ...
    @property
    def referrals_made(self) -> int: ...
    @property
    def jobs_published(self) -> int: ...
    @property
    def job_openings(self) -> int: ...
    @property
    def listings_published(self) -> int: ...
    @property
    def savings(self) -> Sequence[SavingsLine]: ...
    @property
    def programs(self) -> Sequence[ProgramLine]: ...


def number(value: float) -> str:
    """A figure as the locale writes it (babel): ``1,234``, ``6.5``."""
    return format_decimal(value)


def report_styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=20, leading=24, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", fontName=REGULAR, fontSize=12, leading=15),
        # A heading never ends a page: it goes with what it heads.
        "heading": ParagraphStyle(
            "heading",
            fontName=BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=14),
        "note": ParagraphStyle(
            "note", fontName=REGULAR, fontSize=9, leading=11, textColor=colors.HexColor("#555555")
        ),
    }


def figure_table(rows: Sequence[Sequence[object]], widths: Sequence[float]) -> Table:
    table = Table([list(r) for r in rows], colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), 11),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, GRID),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Sequence[int | float]],
    fills: Sequence[str],
    names: Sequence[str],
    width: float,
) -> Drawing:
    """Horizontal bars, one row per label (one bar per series), the value at each bar's end."""
    rows = max(1, len(labels))
    bars_height = BAR_ROW * rows * (0.5 + 0.4 * len(series))
    legend_height = 18.0 if len(series) > 1 else 0.0
    height = bars_height + 30 + legend_height
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = 190
    chart.y = 20
    chart.width = width - chart.x - 40
    chart.height = bars_height
    # reportlab draws the first category, and in each the first series, at the bottom:
    # reversed, the chart reads top-down in the order of the list and of the legend.
    chart.data = [list(reversed(values)) for values in reversed(series)]
    chart.categoryAxis.categoryNames = [_short(label) for label in reversed(labels)]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 10
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    top = max([max(values, default=0) for values in series] + [1])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top * 1.15
    chart.valueAxis.valueStep = _step(top)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.barSpacing = 2
    chart.groupSpacing = 8
    chart.barLabelFormat = "%s"
    chart.barLabels.fontName = BOLD
    chart.barLabels.fontSize = 10
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    for index, fill in enumerate(reversed(fills)):
        chart.bars[index].fillColor = colors.HexColor(fill)
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(_legend(chart.x, height, fills, names))
    return drawing


def _legend(x: float, height: float, fills: Sequence[str], names: Sequence[str]) -> Legend:
    """Which colour is which series, side by side above the bars."""
    legend = Legend()
    legend.x = x
    legend.y = height - 6
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 140
    legend.fontName = REGULAR
    legend.fontSize = 10
    legend.boxAnchor = "nw"
    legend.colorNamePairs = [
        (colors.HexColor(fill), name) for fill, name in zip(fills, names, strict=True)
    ]
    # Side by side rather than stacked.
    legend.columnMaximum = 1
    legend.dxTextSpace = 6
    return legend


def _step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if top / step <= 8:
            return step
    return 10 ** len(str(int(top)))


def _percent_words(value: Decimal | None) -> str:
    return "—" if value is None else f"{format_decimal(float(value))} %"


def _savings_section(
    report: MonthFigures, width: float, st: dict[str, ParagraphStyle]
) -> list[object]:
    """Ahorro: a table row per group and the centre's row, then a line on what each means."""
    rows: list[list[object]] = [
        [
            _("Group"),
            _("Members"),
            _("Savings"),
            _("Loans outstanding"),
            _("At risk"),
            _("Return"),
            _("Attendance"),
        ]
    ]
    for g in report.savings:
        rows.append(
            [
                g.name,
                g.members,
                cents_text(g.savings_cents),
                cents_text(g.loans_outstanding_cents),
                _percent_words(g.portfolio_at_risk),
                _percent_words(g.return_on_savings),
                _percent_words(g.attendance),
            ]
        )
    return [
        Paragraph(escape(_("Savings groups and tandas")), st["heading"]),
        figure_table(rows, [width * 0.25] + [width * 0.125] * 6),
        Spacer(1, 4),
        Paragraph(
            escape(
                _(
                    "Each group's current cycle as it stands on the day the report is made; the "
                    "last row is the centre's. At risk: share of the loans outstanding with a "
                    "payment late over 30 days. Return: service charges and fines over the "
                    "savings. Attendance: women present at the cycle's closed meetings."
                )
            ),
            st["note"],
        ),
    ]


def report_pdf(report: MonthFigures) -> bytes:
    """The report of ``report.month`` for ``report.centre`` as the bytes of a PDF file."""
    st = report_styles()
    out = io.BytesIO()
    doc = letter_document(
        out,
        side=0.75 * inch,
        top=0.7 * inch,
        title=_("Monthly report {month}: {centre}").format(
            month=report.month, centre=report.centre
        ),
        author=report.centre,
        creator="Quiosco CENESO",
    )
    width = doc.width
    month_words = format_month(report.month.first_day)
    story: list[object] = [
        Paragraph(escape(report.centre), st["title"]),
        Paragraph(escape(_("Monthly report: {month}").format(month=month_words)), st["subtitle"]),
        Spacer(1, 8),
        *_at_a_glance(report, width, st),
        *_courses(report, width, st),
        *_referrals(report, width, st),
        *_programs(report, width, st),
    ]
    if report.savings:
        story += _savings_section(report, width, st)
    footer = page_footer(_("Made on {day}.").format(day=format_date_short(centre_today())))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _at_a_glance(report: MonthFigures, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    still_open = (
        [[_("Childcare visits still open"), number(report.childcare_open)]]
        if report.childcare_open
        else []
    )
    return [
        Paragraph(escape(_("The month at a glance")), st["heading"]),
        figure_table(
            [
                [_("Figure"), _("Number")],
                [_("Members served"), number(report.members_served)],
                [_("New members"), number(report.new_members)],
                [_("Course sign-ups"), number(report.signed_up)],
                [_("Course attendance"), number(report.attended)],
                [_("Children looked after"), number(report.childcare_children)],
                [_("Childcare visits"), number(report.childcare_visits)],
                [_("Childcare hours"), number(report.childcare_hours)],
                *still_open,
                [_("Referrals to programs"), number(report.referrals_made)],
                [_("Trade listings published"), number(report.listings_published)],
                [_("Job postings published in the network"), number(report.jobs_published)],
                [_("Job openings in the network"), number(report.job_openings)],
            ],
            [width * 0.7, width * 0.3],
        ),
        Spacer(1, 4),
        Paragraph(
            escape(
                _(
                    "Counted in the centre's time zone, at this centre only. Members served: "
                    "women who, during the month, registered at this centre, signed up for or "
                    "came to a course, were referred, put up a listing, asked about a job, left "
                    "a child in the children's room or had a savings movement; each counts "
                    "once. New members: women registered at this centre during the month. "
                    "Childcare hours: from check-in to check-out; a visit still open counts up "
                    "to the month's end or up to now. The job bank is the network's, shared by "
                    "every centre. Erased members are counted without any personal data."
                )
            ),
            st["note"],
        ),
    ]


def _courses(report: MonthFigures, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    story: list[object] = [
        Paragraph(escape(_("Sign-ups and attendance per course")), st["heading"])
    ]
    if not report.trainings:
        return [*story, Paragraph(escape(_("No course sessions this month.")), st["body"])]
    return [
        *story,
        bar_chart(
            [t.title for t in report.trainings],
            [[t.signed_up for t in report.trainings], [t.attended for t in report.trainings]],
            [SIGNED_UP_COLOUR, ATTENDED_COLOUR],
            [_("Women signed up"), _("Women who came")],
            width,
        ),
        Spacer(1, 6),
        figure_table(
            [[_("Course"), _("Sessions"), _("Women signed up"), _("Women who came")]]
            + [
                [t.title, number(t.sessions), number(t.signed_up), number(t.attended)]
                for t in report.trainings
            ],
            [width * 0.55, width * 0.15, width * 0.15, width * 0.15],
        ),
    ]


def _referrals(report: MonthFigures, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    heading = Paragraph(escape(_("Referrals by outcome")), st["heading"])
    if not report.referrals_made:
        return [heading, Paragraph(escape(_("No referrals this month.")), st["body"])]
    shown = [r for r in report.referrals if r.count]
    chart = bar_chart(
        [r.words for r in shown],
        [[r.count for r in shown]],
        [REFERRAL_COLOUR],
        [_("Referrals")],
        width,
    )
    return [heading, chart]


def _programs(report: MonthFigures, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    """The programs the centre referred women to, and how many women to each."""
    if not report.programs:
        return []
    return [
        Paragraph(escape(_("Women referred per program")), st["heading"]),
        figure_table(
            [[_("Program"), _("Women")]] + [[p.name, number(p.women)] for p in report.programs],
            [width * 0.8, width * 0.2],
        ),
    ]


def page_footer(made: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """The day the report was made and the page number, at the foot of every page."""

    def footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 9)
        canvas.setFillColor(colors.HexColor("#555555"))
        y = document.bottomMargin / 2
        canvas.drawString(document.leftMargin, y, made)
        canvas.drawRightString(document.leftMargin + document.width, y, f"{canvas.getPageNumber()}")
        canvas.restoreState()

    return footer
