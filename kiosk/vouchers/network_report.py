"""The network's monthly report as a landscape letter-size PDF: a row per centre with its month
and the network's total row, a chart of the women served per centre, referrals by outcome per
centre and the women referred to each program, in the look of a centre's report
(:mod:`kiosk.vouchers.report`)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from kiosk.i18n import _, centre_today, format_date_short, format_month, ngettext
from kiosk.vouchers.fonts import BOLD, REGULAR
from kiosk.vouchers.report import (
    GRID,
    OutcomeLine,
    ReportMonth,
    bar_chart,
    number,
    page_footer,
    report_styles,
)
from kiosk.vouchers.styles import letter_document

SERVED_COLOUR = "#1565c0"
REGISTERED_COLOUR = "#64b5f6"
TOTAL_FILL = colors.HexColor("#e3f2fd")
STRIPE = colors.HexColor("#f5f5f5")


# What the paper reads of the reports service's network report.


# (The month and a referral outcome's line are the monthly report's: kiosk.vouchers.report.)


class CentreLine(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def women_served(self) -> int: ...
    @property
    def new_registrations(self) -> int: ...
    @property
    def courses(self) -> int: ...
    @property
    def sessions(self) -> int: ...
    @property
    def seats_taken(self) -> int: ...
    @property
    def attended(self) -> int: ...
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
    def listings_published(self) -> int: ...


class ServiceLine(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def per_centre(self) -> Sequence[int]: ...
    @property
    def network(self) -> int: ...


class NetworkFigures(Protocol):
    @property
    def month(self) -> ReportMonth: ...
    @property
    def centres(self) -> Sequence[CentreLine]: ...
    @property
    def total(self) -> CentreLine: ...
    @property
    def services(self) -> Sequence[ServiceLine]: ...
    @property
    def jobs_published(self) -> int: ...
    @property
    def job_openings(self) -> int: ...


HEAD_SIZES = (8.0, 7.5, 7.0, 6.5)  # a table's headers shrink, down to this, to fit its columns
FIRST_MIN = 1.75 * inch  # the names' column (centres, programs) keeps at least this
PADDING = 3.0, 4.0  # pt left and right of every cell
NUMBER_MIN = 0.55 * inch  # a column of figures is never narrower


def _styles() -> dict[str, ParagraphStyle]:
    st = report_styles()
    st["cell"] = ParagraphStyle("cell", fontName=REGULAR, fontSize=9, leading=11)
    st["cell_bold"] = ParagraphStyle("cell_bold", parent=st["cell"], fontName=BOLD)
    return st


def _layout(header: Sequence[str], width: float) -> tuple[float, list[float]] | None:
    """The headers' type size and the columns' widths: each column of figures as wide as its
    header's longest word (so no word breaks), the first column the rest; None when even the
    smallest type leaves the first column too narrow."""
    for size in HEAD_SIZES:
        columns = [
            max(NUMBER_MIN, max(stringWidth(w, BOLD, size) for w in words.split()) + sum(PADDING))
            for words in header[1:]
        ]
        if width - sum(columns) >= FIRST_MIN:
            return size, [width - sum(columns), *columns]
    return None


def _grid(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    width: float,
    st: dict[str, ParagraphStyle],
    *,
    total: bool,
) -> Table:
    """A table of figures: headers wrapped between words, the first column's words wrapped,
    numbers to the right, every other row shaded, and (``total``) the last row the network's."""
    size, widths = _layout(header, width) or (HEAD_SIZES[-1], _even(len(header), width))
    head_style = ParagraphStyle("head", fontName=BOLD, fontSize=size, leading=size + 1.5)
    head = [Paragraph(escape(header[0]), head_style)] + [
        Paragraph(escape(words), ParagraphStyle("head_number", head_style, alignment=TA_RIGHT))
        for words in header[1:]
    ]
    body = []
    for index, row in enumerate(rows):
        last = total and index == len(rows) - 1
        body.append([Paragraph(escape(str(row[0])), st["cell_bold" if last else "cell"]), *row[1:]])
    table = Table([head, *body], colWidths=widths, hAlign="LEFT", repeatRows=1)
    style = [
        ("FONTNAME", (0, 1), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 1), (-1, -1), 9),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING[0]),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING[1]),
    ]
    style += [("BACKGROUND", (0, i), (-1, i), STRIPE) for i in range(2, len(body) + 1, 2)]
    if total:
        style += [
            ("FONTNAME", (0, -1), (-1, -1), BOLD),
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
        ]
    table.setStyle(TableStyle(style))
    return table


def _even(columns: int, width: float) -> list[float]:
    first = max(FIRST_MIN, width * 0.2)
    return [first] + [(width - first) / (columns - 1)] * (columns - 1)


def network_report_pdf(report: NetworkFigures) -> bytes:
    """The network's report of ``report.month`` as the bytes of a PDF file."""
    st = _styles()
    out = io.BytesIO()
    month_words = format_month(report.month.first_day)
    network = _("CENESO network")
    doc = letter_document(
        out,
        side=0.6 * inch,
        top=0.6 * inch,
        wide=True,
        title=_("Network report: {month}").format(month=month_words),
        author=network,
        creator="Quiosco CENESO",
    )
    width = doc.width
    count = len(report.centres)
    story: list[object] = [
        Paragraph(escape(network), st["title"]),
        Paragraph(
            escape(
                _("Network report: {month}").format(month=month_words)
                + " · "
                + ngettext("{count} centre", "{count} centres", count).format(count=count)
            ),
            st["subtitle"],
        ),
        Spacer(1, 6),
        *_centres(report, width, st),
        *_chart(report, width, st),
        *_referrals(report, width, st),
        *_programs(report, width, st),
    ]
    footer = page_footer(_("Made on {day}.").format(day=format_date_short(centre_today())))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _centres(report: NetworkFigures, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    header = [
        _("Centre"),
        _("Women served"),
        _("New registrations"),
        _("Courses"),
        _("Sessions"),
        _("Seats taken"),
        _("Women who came"),
        _("Childcare visits"),
        _("Children"),
        _("Childcare hours"),
        _("Referrals"),
        _("Trade listings"),
    ]
    rows = [
        [
            c.name,
            *(
                number(value)
                for value in (
                    c.women_served,
                    c.new_registrations,
                    c.courses,
                    c.sessions,
                    c.seats_taken,
                    c.attended,
                    c.childcare_visits,
                    c.childcare_children,
                    c.childcare_hours,
                    c.referrals_made,
                    c.listings_published,
                )
            ),
        ]
        for c in (*report.centres, report.total)
    ]
    note = _(
        "Counted in the station's time zone; each centre counted as its own report counts it. "
        "Women served: women who, during the month and at that centre, registered there, "
        "signed up for or came to a course, were referred, put up a listing, asked about a "
        "job, left a child in the children's room or had a savings movement. A woman served "
        "at two centres counts at each, and once in the network's total, which may therefore "
        "be less than the sum of the centres. The other totals are sums. Courses: those with a "
        "session that starts in the month; seats taken: women enrolled in those sessions "
        "(not cancelled nor waiting). Childcare hours: from check-in to check-out; a visit "
        "still open counts up to the month's end or up to now."
    )
    if report.total.childcare_open:
        note += " " + ngettext(
            "{count} visit was still open.", "{count} visits were still open.",
            report.total.childcare_open,
        ).format(count=report.total.childcare_open)  # fmt: skip
    return [
        Paragraph(escape(_("Each centre's month")), st["heading"]),
        _grid(header, rows, width, st, total=True),
        Spacer(1, 4),
        Paragraph(escape(note), st["note"]),
        Spacer(1, 2),
        Paragraph(
            escape(
                _(
                    "Job bank (shared by every centre): {postings} postings published in the "
                    "month, {openings} openings."
                ).format(
                    postings=number(report.jobs_published), openings=number(report.job_openings)
                )
            ),
            st["note"],
        ),
    ]


def _referrals(report: NetworkFigures, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    outcomes = [r.words for r in report.total.referrals]
    header = [_("Centre"), *outcomes, _("Total")]
    rows = [
        [c.name, *(number(r.count) for r in c.referrals), number(c.referrals_made)]
        for c in (*report.centres, report.total)
    ]
    return [
        CondPageBreak(2.5 * inch),
        Paragraph(escape(_("Referrals by outcome")), st["heading"]),
        _grid(header, rows, width, st, total=True),
        Spacer(1, 4),
        Paragraph(
            escape(_("Referrals made in the month, by their outcome as it stands now.")),
            st["note"],
        ),
    ]


def _programs(report: NetworkFigures, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    """Women referred to each program: a column per centre (ten to a table) and the network's."""
    story: list[object] = [
        CondPageBreak(2.5 * inch),
        Paragraph(escape(_("Women referred per program")), st["heading"]),
    ]
    if not report.services:
        return [*story, Paragraph(escape(_("No referrals this month.")), st["body"])]
    centres = [c.name for c in report.centres]
    for shown in _centre_groups(centres, width):
        header = [_("Program"), *(centres[i] for i in shown), _("Network")]
        rows = [
            [s.name, *(number(s.per_centre[i]) for i in shown), number(s.network)]
            for s in report.services
        ]
        story += [_grid(header, rows, width, st, total=False), Spacer(1, 6)]
    story.append(
        Paragraph(
            escape(
                _(
                    "Distinct women referred to each program in the month. A woman referred "
                    "from two centres counts at each, and once in the network's column."
                )
            ),
            st["note"],
        )
    )
    return story


def _centre_groups(names: Sequence[str], width: float) -> list[range]:
    """The centres' columns side by side, in as few tables as keep every name's words whole."""
    for tables in range(1, len(names) + 1):
        per_table = -(-len(names) // tables)
        groups = [range(i, min(i + per_table, len(names))) for i in range(0, len(names), per_table)]
        if all(
            _layout([_("Program"), *(names[i] for i in group), _("Network")], width)
            for group in groups
        ):
            return groups
    return [range(i, i + 1) for i in range(len(names))] or [range(0)]


def _chart(report: NetworkFigures, width: float, st: dict[str, ParagraphStyle]) -> list[object]:
    if not report.centres:
        return []
    return [
        CondPageBreak(3 * inch),
        Paragraph(escape(_("Women served and new registrations per centre")), st["heading"]),
        bar_chart(
            [c.name for c in report.centres],
            [
                [c.women_served for c in report.centres],
                [c.new_registrations for c in report.centres],
            ],
            [SERVED_COLOUR, REGISTERED_COLOUR],
            [_("Women served"), _("New registrations")],
            width * 0.8,
        ),
    ]
