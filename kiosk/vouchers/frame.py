"""What every slip shares: paper sizes, type sizes, the header band, picture rows, the voucher
number as digits + Code 128 + QR code, cut lines, and turning a story into PDF bytes.

On the 80 mm roll the page is exactly as long as its content: the story is measured first
(every flowable wrapped at the roll's width), then drawn on a page of that height. On a sheet
(half-letter, letter) the slip is laid out at the largest type size at which it fits on one
page, so a short slip fills a letter page with big digits; what fits at no size flows over
pages, with the number and its codes moved up to page 1.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import _
from kiosk.numbers import format_number
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.fonts import BOLD, REGULAR, register_fonts
from kiosk.vouchers.pictures import picture

BLACK = colors.black
GREY = colors.HexColor("#444444")
RED = colors.HexColor("#c62828")
_HUGE = 1_000_000.0  # "no limit" height used when measuring


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # pt
    height: float | None  # pt; None for a roll, whose page follows its content
    margin: float  # pt
    # Type and picture sizes relative to the 80 mm roll, largest first: a sheet takes the
    # largest at which the slip fits on one page.
    scales: tuple[float, ...]
    bar_width: float  # Code 128 module, pt
    qr_size: float  # pt at scale 1, quiet zone included

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def is_roll(self) -> bool:
        return self.height is None


# A 80 mm thermal printer prints 72 mm at 8 dots per mm: 3 dots (0.375 mm) per Code 128 module.
PAPERS: dict[str, Paper] = {
    "80mm": Paper("80mm", 80 * mm, None, 4 * mm, (1.0,), 0.375 * mm, 24 * mm),
    "half-letter": Paper(
        "half-letter", 5.5 * inch, 8.5 * inch, 0.45 * inch, (1.3, 1.2, 1.1, 1.0), 0.42 * mm, 26 * mm
    ),
    "letter": Paper(
        "letter", 8.5 * inch, 11 * inch, 0.5 * inch, (1.8, 1.65, 1.5, 1.35, 1.2), 0.5 * mm, 26 * mm
    ),
}


def get_paper(name: str) -> Paper:
    """The paper called ``name`` (80mm, half-letter, letter); ValueError for any other."""
    try:
        return PAPERS[name]
    except KeyError:
        raise ValueError(
            _("The paper must be one of {choices}, not {value!r}.").format(
                choices=", ".join(PAPERS), value=name
            )
        ) from None


# --- type -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    """Type sizes at one scale (1 = the 80 mm roll): body text, headings, the big digits."""

    scale: float
    _cache: dict[str, ParagraphStyle] = field(default_factory=dict, compare=False, repr=False)

    def style(
        self,
        size: float,
        *,
        bold: bool = False,
        centre: bool = False,
        colour: Any = BLACK,
        leading: float = 1.2,
        space_after: float = 0.0,
    ) -> ParagraphStyle:
        key = f"{size}/{bold}/{centre}/{colour}/{leading}/{space_after}"
        if key not in self._cache:
            s = size * self.scale
            self._cache[key] = ParagraphStyle(
                key,
                fontName=BOLD if bold else REGULAR,
                fontSize=s,
                leading=s * leading,
                alignment=TA_CENTER if centre else TA_LEFT,
                textColor=colour,
                spaceAfter=space_after * self.scale,
            )
        return self._cache[key]

    @property
    def body(self) -> ParagraphStyle:
        return self.style(11, leading=1.25)

    @property
    def small(self) -> ParagraphStyle:
        return self.style(8.5, colour=GREY, leading=1.25)

    @property
    def label(self) -> ParagraphStyle:
        """A heading over a block of text: "¿Qué llevar?"."""
        return self.style(12, bold=True, leading=1.25)

    @property
    def strong(self) -> ParagraphStyle:
        return self.style(12, bold=True, leading=1.25)

    @property
    def title(self) -> ParagraphStyle:
        return self.style(19, bold=True, leading=1.15)

    @property
    def big(self) -> ParagraphStyle:
        """Days, phones, prices."""
        return self.style(18, bold=True, leading=1.15)

    @property
    def huge(self) -> ParagraphStyle:
        """Times and codes."""
        return self.style(34, bold=True, leading=1.1)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (data is escaped, never read as markup)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def space(st: Styles, points: float) -> Spacer:
    return Spacer(1, points * st.scale)


# --- flowables --------------------------------------------------------------------------------


class Grid(Table):
    """A Table whose cells use the embedded font: reportlab's Table names Helvetica (not
    embedded) for every cell unless its style says otherwise."""

    def __init__(self, data: Any, *args: Any, style: Any = None, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9)]))
        if style is not None:
            self.setStyle(style)


class Band(Flowable):
    """A full-width band in an area's colour: its pictogram on white, and its words."""

    def __init__(
        self, icon: str, colour: str, words: str, st: Styles, *, height: float = 15 * mm
    ) -> None:
        super().__init__()
        self.icon = icon
        self.colour = colour
        self.words = words
        self.st = st
        self.height = height * st.scale
        self.spaceAfter = 2 * mm * st.scale

    @classmethod
    def for_area(cls, area: str, st: Styles, words: str = "", **kwargs: Any) -> Band:
        """The band of an area ("jobs", "childcare"...), with the area's word unless given."""
        info = AREA_BY_KEY[area]
        return cls(info.icon, info.colour, words or _(info.words), st, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        h, w = self.height, self.width
        pad = h * 0.12
        c.setFillColor(colors.HexColor(self.colour))
        c.roundRect(0, 0, w, h, h * 0.15, stroke=0, fill=1)
        box = h - 2 * pad
        c.setFillColor(colors.white)
        c.roundRect(pad, pad, box, box, box * 0.2, stroke=0, fill=1)
        inset = box * 0.08
        picture(self.icon, box - 2 * inset).drawOn(c, pad + inset, pad + inset)
        text_x = pad + box + pad * 1.5
        room = w - text_x - pad
        size = min(20 * self.st.scale, h * 0.45)
        while size > 8 and stringWidth(self.words, BOLD, size) > room:
            size -= 0.5
        c.setFont(BOLD, size)
        c.drawString(text_x, h / 2 - size * 0.35, self.words)


class CutLine(Flowable):
    """A dashed line with scissors: where to cut or tear the paper."""

    def __init__(self, st: Styles, words: str = "") -> None:
        super().__init__()
        self.st = st
        self.words = words
        self.height = 7 * mm * st.scale
        self.spaceBefore = 2 * mm * st.scale
        self.spaceAfter = 2 * mm * st.scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        mid = self.height / 2
        size = 14 * self.st.scale
        c.setFont(REGULAR, size)
        c.setFillColor(BLACK)
        c.drawString(0, mid - size * 0.35, "✂")
        start = size * 1.2
        if self.words:
            small = 8 * self.st.scale
            c.setFont(REGULAR, small)
            c.setFillColor(GREY)
            c.drawRightString(self.width, mid + small * 0.5, self.words)
        c.setStrokeColor(BLACK)
        c.setLineWidth(0.8)
        c.setDash(4, 3)
        c.line(start, mid, self.width, mid)
        c.setDash()


class PushToBottom(Flowable):
    """On a sheet, fills the page so that ``following`` (a stub) sits at the bottom edge."""

    def __init__(self, following: Flowable) -> None:
        super().__init__()
        self.following = following

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _w, needed = self.following.wrap(availWidth, _HUGE)
        needed += self.following.getSpaceBefore() + 1
        return availWidth, max(0.0, availHeight - needed)

    def draw(self) -> None:
        pass


def block(flowables: list[Flowable], width: float) -> Table:
    """Flowables as one unbreakable block: it moves to the next page whole."""
    return Grid(
        [[_flatten(flowables)]],
        colWidths=[width],
        style=TableStyle(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def boxed(
    content: Flowable | list[Flowable],
    width: float,
    st: Styles,
    *,
    colour: Any = BLACK,
    background: Any = None,
    line: float = 1.2,
) -> Table:
    """Content inside a frame, full width: the "what to do" line, the allergy warning."""
    pad = 2.5 * mm * st.scale
    style = [
        ("BOX", (0, 0), (-1, -1), line * st.scale, colour),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if background is not None:
        style.append(("BACKGROUND", (0, 0), (-1, -1), background))
    table = Grid([[content]], colWidths=[width], style=TableStyle(style))
    table.spaceBefore = 2 * mm * st.scale
    table.spaceAfter = 2 * mm * st.scale
    return table


def icon_row(
    icon: str,
    content: Flowable | list[Flowable],
    width: float,
    st: Styles,
    *,
    size: float = 11 * mm,
) -> Table:
    """A pictogram at the left of its text: 📅 jueves 3 de diciembre."""
    size *= st.scale
    gap = 2.5 * mm * st.scale
    table = Grid(
        [[picture(icon, size), content]],
        colWidths=[size + gap, width - size - gap],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    table.spaceBefore = 1.5 * mm * st.scale
    table.spaceAfter = 1.5 * mm * st.scale
    return table


def picture_grid(
    items: Iterable[tuple[str | None, str]],
    width: float,
    st: Styles,
    *,
    size: float = 14 * mm,
) -> Table:
    """Pictures with their word under each (what to bring), as many per row as fit."""
    items = list(items)
    size *= st.scale
    word_style = st.style(9.5, bold=True, centre=True, leading=1.15)
    # A cell is at least as wide as its longest word: "Comprobante" must never be cut in two.
    longest = max(
        (
            stringWidth(w, word_style.fontName, word_style.fontSize)
            for _icon, word in items
            for w in word.split()
        ),
        default=0.0,
    )
    cell = max(size + 4 * mm * st.scale, 23 * mm * st.scale, longest + 5 * mm)
    per_row = max(1, int(width // cell))
    cells: list[list[Flowable]] = []
    for icon, word in items:
        parts: list[Flowable] = []
        if icon:
            drawing = picture(icon, size)
            drawing.hAlign = "CENTER"
            parts.append(drawing)
        parts.append(para(word, word_style))
        cells.append(parts)
    rows: list[list[Any]] = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    if rows:
        rows[-1] = rows[-1] + [""] * (per_row - len(rows[-1]))
    table = Grid(
        rows or [[""]],
        colWidths=[width / per_row] * per_row,
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm * st.scale),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm * st.scale),
            ]
        ),
    )
    table.spaceAfter = 1.5 * mm * st.scale
    return table


def code128(number: str, paper: Paper, st: Styles, *, height: float = 11 * mm) -> Drawing:
    """The voucher number as Code 128 (set C: two digits per symbol), quiet zones included."""
    drawing: Drawing = createBarcodeDrawing(
        "Code128",
        value=number,
        barWidth=paper.bar_width,
        barHeight=height * st.scale,
        humanReadable=False,
        quiet=True,
        lquiet=10 * paper.bar_width,
        rquiet=10 * paper.bar_width,
    )
    # A drawing starts with reportlab's default font (Helvetica, not embedded) unless told.
    drawing.initialFontName = REGULAR
    return drawing


def qr_code(number: str, size: float) -> Drawing:
    """The voucher number as a QR code (level M), size × size pt with its quiet zone."""
    widget = QrCodeWidget(number, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        size,
        size,
        transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
        initialFontName=REGULAR,
    )
    drawing.add(widget)
    return drawing


def code_block(number: str, paper: Paper, st: Styles, *, qr: bool = True) -> Table:
    """The voucher number for people (digits) and for the desk's scanner (Code 128, QR)."""
    label = para(_("Slip number"), st.style(8.5, centre=True, colour=GREY))
    digits = para(format_number(number), st.style(15, bold=True, centre=True, leading=1.2))
    bars = code128(number, paper, st)
    bars.hAlign = "CENTER"
    right_width = max(bars.width, stringWidth(format_number(number), BOLD, 15 * st.scale) + 4)
    right: list[Flowable] = [label, digits, bars]
    if qr:
        size = paper.qr_size * st.scale
        row: list[Any] = [qr_code(number, size), right]
        widths = [size + 2 * mm * st.scale, right_width]
    else:
        row, widths = [right], [right_width]
    table = Grid(
        [row],
        colWidths=widths,
        hAlign="CENTER",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    table.spaceBefore = 2 * mm * st.scale
    return table


# --- the page ---------------------------------------------------------------------------------


def measure(story: Sequence[Flowable], width: float, *, at_top: bool = True) -> float:
    """The height the story takes in a frame ``width`` wide, as a Frame stacks it: the first
    flowable's space before is dropped at the top, and a space before overlaps the previous
    flowable's space after (reportlab's overlapAttachedSpace)."""
    total = 0.0
    previous_after = 0.0
    for i, flowable in enumerate(story):
        _w, h = flowable.wrap(width, _HUGE)
        if i or not at_top:
            total += max(flowable.getSpaceBefore() - previous_after, 0.0)
        previous_after = flowable.getSpaceAfter()
        total += h + previous_after
    return total - previous_after


def _flatten(story: Iterable[Flowable]) -> list[Flowable]:
    flat: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            flat += _flatten(flowable._content)
        else:
            flat.append(flowable)
    return flat


def build_pdf(
    story: list[Flowable],
    paper: Paper,
    *,
    title: str,
    author: str,
    running_head: str = "",
) -> bytes:
    """Draw the story: one page as long as its content on a roll, pages of a sheet otherwise.

    ``running_head`` is printed small at the top of every page after the first (long lists).
    """
    return _draw(story, paper, title=title, author=author, running_head=running_head)[0]


def _draw(
    story: list[Flowable],
    paper: Paper,
    *,
    title: str,
    author: str,
    running_head: str = "",
    extra_height: float = 0.0,
) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    register_fonts()
    width = paper.width
    if paper.height is None:
        # A roll never turns a page: nothing to keep together. Measure at the roll's width,
        # then draw on a page exactly that long.
        story = _flatten(story)
        height = measure(story, paper.content_width) + 2 * paper.margin + 2 + extra_height
    else:
        height = paper.height
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=(width, height),
        leftMargin=paper.margin,
        rightMargin=paper.margin,
        topMargin=paper.margin,
        bottomMargin=paper.margin,
        title=title,
        author=author,
        creator="Quiosco CENESO",
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    frame = Frame(
        paper.margin,
        paper.margin,
        paper.content_width,
        height - 2 * paper.margin,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        overlapAttachedSpace=1,  # as measure() counts it
        id="content",
    )

    def later_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        if running_head and document.page > 1:
            canvas.saveState()
            canvas.setFont(REGULAR, 8)
            canvas.setFillColor(GREY)
            canvas.drawString(paper.margin, height - paper.margin * 0.6, running_head)
            canvas.drawRightString(
                width - paper.margin, height - paper.margin * 0.6, str(document.page)
            )
            canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="slip", frames=[frame], onPage=later_page)])
    doc.build(list(story))  # build() consumes the list it is given
    if paper.height is None and doc.page > 1 and extra_height < 300 * mm:
        # Measured short (a flowable that wraps differently in the frame): a roll slip is
        # never cut in two; draw it again on a longer page.
        return _draw(
            story,
            paper,
            title=title,
            author=author,
            running_head=running_head,
            extra_height=extra_height + 30 * mm,
        )
    return out.getvalue(), doc.page


def header(
    options: SlipOptions, area: str | Band, st: Styles, *, title: str = ""
) -> list[Flowable]:
    """The centre's name, the area's band (or the band given), and the slip's title."""
    band = area if isinstance(area, Band) else Band.for_area(area, st)
    story: list[Flowable] = [
        para(options.centre_name, st.style(10, bold=True, centre=True, space_after=2)),
        band,
    ]
    if title:
        story.append(para(title, st.title))
        story.append(space(st, 2))
    return story


WIDE = 150 * mm  # from this content width on (letter), facts sit in two columns
_GAP = 6 * mm


@dataclass(frozen=True)
class Layout:
    """One slip being laid out: its options, paper and type sizes. ``final`` is the last
    try (the smallest scale): the slip is printed as it comes out, over pages if need be."""

    options: SlipOptions
    paper: Paper
    st: Styles
    final: bool = True

    @property
    def width(self) -> float:
        return self.paper.content_width

    @property
    def wide(self) -> bool:
        return self.width >= WIDE

    @property
    def column_width(self) -> float:
        """The width to build an ``aside`` at: half a wide sheet, else the full width."""
        return (self.width - _GAP) / 2 if self.wide else self.width


def side_by_side(
    left: list[Flowable], right: list[Flowable], layout: Layout, *, max_share: float = 0.7
) -> list[Flowable]:
    """Two columns on a wide sheet, if they fit well on one page; stacked otherwise."""
    if not layout.wide or layout.paper.height is None:
        return left + right
    left, right = _flatten(left), _flatten(right)
    table = Grid(
        [[left, right]],
        colWidths=[layout.column_width + _GAP, layout.column_width],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), _GAP),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    _w, height = table.wrap(layout.width, _HUGE)
    if height > max_share * (layout.paper.height - 2 * layout.paper.margin):
        # A table row cannot break across pages: long texts go one under the other.
        return left + right
    return [table]


def footer(layout: Layout, what_to_do: str, number: str) -> list[Flowable]:
    """What to do with the slip and its number; side by side on a wide sheet."""
    paper, st, width = layout.paper, layout.st, layout.width
    codes = code_block(number, paper, st)
    codes_width = codes.wrap(width, _HUGE)[0]
    box_width = width - codes_width - _GAP
    if not layout.wide or box_width < 0.45 * width:
        return [what_to_do_box(what_to_do, width, st), codes]
    table = Grid(
        [[what_to_do_box(what_to_do, box_width, st), codes]],
        colWidths=[box_width + _GAP, codes_width],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    table.spaceBefore = 3 * mm * st.scale
    return [table]


def tear_off(layout: Layout, words: str, texts: list[Flowable], number: str) -> list[Flowable]:
    """A stub below a dashed cut line: texts and the number (digits and Code 128), side by
    side on a wide sheet."""
    st = layout.st
    codes = code_block(number, layout.paper, st, qr=False)
    stub: list[Flowable] = [CutLine(st, words)]
    if not layout.wide:
        return [*stub, *texts, codes]
    codes_width = codes.wrap(layout.width, _HUGE)[0]
    text_width = layout.width - codes_width - _GAP
    stub.append(
        Grid(
            [[texts, codes]],
            colWidths=[text_width + _GAP, codes_width],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
    )
    return stub


@dataclass(frozen=True)
class Slip:
    """A laid-out slip, ready to draw."""

    story: list[Flowable]
    title: str  # the PDF's title: the kind, never personal data
    running_head: str = ""


def fits_one_page(story: list[Flowable], layout: Layout) -> bool:
    """Whether the story fits on one page of the layout's sheet (always, on a roll)."""
    if layout.paper.height is None:
        return True
    page = layout.paper.height - 2 * layout.paper.margin
    stack = [f for f in _flatten(story) if not isinstance(f, PushToBottom)]
    return measure(stack, layout.width) <= page


def render(make: Callable[[Layout], Slip], options: SlipOptions | None = None) -> bytes:
    """Lay the slip out and draw it. On a sheet, the largest type that fits on one page is
    used (big digits on a letter page); a slip that fits at no size flows over pages."""
    options = options or SlipOptions()
    paper = get_paper(options.paper)
    register_fonts()
    for i, scale in enumerate(paper.scales):
        layout = Layout(options, paper, Styles(scale), final=i == len(paper.scales) - 1)
        slip = make(layout)
        if not layout.final and not fits_one_page(slip.story, layout):
            continue
        pdf, pages = _draw(
            slip.story,
            paper,
            title=slip.title,
            author=options.centre_name,
            running_head=slip.running_head,
        )
        if pages == 1 or layout.final:
            return pdf
    raise AssertionError("the last scale always draws")  # pragma: no cover


def compose(
    layout: Layout,
    *,
    area: str | Band,
    title: str,
    body: list[Flowable],
    what_to_do: str,
    number: str,
    doc_title: str,
    aside: list[Flowable] | None = None,
    stub: list[Flowable] | None = None,
) -> Slip:
    """The common frame around a kind's body: header, body (with ``aside`` beside it on a wide
    sheet, built at ``layout.column_width``), what to do, the number and its codes, and
    (optionally) a tear-off stub, at the bottom edge on a sheet."""
    paper, st, width = layout.paper, layout.st, layout.width
    top = header(layout.options, area, st, title=title)
    main = side_by_side(body, aside, layout) if aside else body
    end = footer(layout, what_to_do, number)
    stub_block = block(stub, width) if stub and not paper.is_roll else None
    story = [*top, *main, *end, *([stub_block] if stub_block else [])]
    if layout.final and not fits_one_page(story, layout):
        # More than a page: the number and its codes go under the title, so the first
        # page always carries them (the scanner at the desk reads page 1).
        codes = code_block(number, paper, st)
        codes.spaceAfter = 2 * mm * st.scale
        story = [*top, codes, *main, what_to_do_box(what_to_do, width, st)]
        if stub_block:
            story.append(stub_block)
    if stub_block is not None:
        story.insert(len(story) - 1, PushToBottom(stub_block))
    elif stub:
        story += stub
    return Slip(story, doc_title)


def what_to_do_box(text: str, width: float, st: Styles) -> Table:
    """The one line that says what to do with the slip, framed so it stands out."""
    return boxed(para(text, st.style(12.5, bold=True, centre=True, leading=1.25)), width, st)
