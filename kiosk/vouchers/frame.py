"""What every slip shares: paper sizes, type sizes, the header band, picture rows, the voucher
number as digits + Code 128 + QR code, cut lines, and turning a story into PDF bytes.

On the 80 mm roll the page is exactly as long as its content: the story is measured first
(every flowable wrapped at the roll's width), then drawn on a page of that height. On a sheet
(half-letter, letter) the slip is laid out at the largest type size at which it fits on one
page, so a short slip fills a letter page with big digits; what fits at no size flows over
pages, with the number and its codes moved up to page 1.

The page is drawn here; the paper and type (``styles``) and the pieces (``flowables``) live
beside it and are re-exported, so a slip imports what it draws with from this one module.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Table,
    TableStyle,
)

from kiosk.slip_options import SlipOptions
from kiosk.vouchers.flowables import (
    HUGE,
    Band,
    CutLine,
    Grid,
    PushToBottom,
    beside,
    block,
    boxed,
    code128,
    code_block,
    flatten,
    icon_row,
    picture_grid,
    qr_code,
    side_by_side_row,
)
from kiosk.vouchers.fonts import REGULAR, register_fonts
from kiosk.vouchers.pictures import picture
from kiosk.vouchers.styles import BLACK, GREY, PAPERS, RED, Paper, Styles, get_paper, para, space


def measure(story: Sequence[Flowable], width: float, *, at_top: bool = True) -> float:
    """The height the story takes in a frame ``width`` wide, as a Frame stacks it: the first
    flowable's space before is dropped at the top, and a space before overlaps the previous
    flowable's space after (reportlab's overlapAttachedSpace)."""
    total = 0.0
    previous_after = 0.0
    for i, flowable in enumerate(story):
        _w, h = flowable.wrap(width, HUGE)
        if i or not at_top:
            total += max(flowable.getSpaceBefore() - previous_after, 0.0)
        previous_after = flowable.getSpaceAfter()
        total += h + previous_after
    return total - previous_after


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
    if paper.height is None:
        # A roll never turns a page: nothing to keep together. Measure at the roll's width,
        # then draw on a page exactly that long.
        story = flatten(story)
        height = measure(story, paper.content_width) + 2 * paper.margin + 2 + extra_height
    else:
        height = paper.height
    out = io.BytesIO()
    doc = _document(out, paper, height, title=title, author=author, running_head=running_head)
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


def _document(
    out: io.BytesIO, paper: Paper, height: float, *, title: str, author: str, running_head: str
) -> BaseDocTemplate:
    """A document of pages ``height`` tall on ``paper``, one frame each, the running head on
    every page after the first."""
    width = paper.width
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
    return doc


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
    left, right = flatten(left), flatten(right)
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
    _w, height = table.wrap(layout.width, HUGE)
    if height > max_share * (layout.paper.height - 2 * layout.paper.margin):
        # A table row cannot break across pages: long texts go one under the other.
        return left + right
    return [table]


def footer(layout: Layout, what_to_do: str, number: str) -> list[Flowable]:
    """What to do with the slip and its number; side by side on a wide sheet."""
    paper, st, width = layout.paper, layout.st, layout.width
    codes = code_block(number, paper, st)
    codes_width = codes.wrap(width, HUGE)[0]
    box_width = width - codes_width - _GAP
    if not layout.wide or box_width < 0.45 * width:
        return [what_to_do_box(what_to_do, width, st), codes]
    table = side_by_side_row(
        [what_to_do_box(what_to_do, box_width, st), codes], [box_width + _GAP, codes_width]
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
    codes_width = codes.wrap(layout.width, HUGE)[0]
    text_width = layout.width - codes_width - _GAP
    stub.append(side_by_side_row([texts, codes], [text_width + _GAP, codes_width]))
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
    stack = [f for f in flatten(story) if not isinstance(f, PushToBottom)]
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


def compose(layout: Layout, framed: Framed, number: str) -> Slip:
    """The common frame around a kind's body: header, body (with the aside beside it on a wide
    sheet, built at ``layout.column_width``), what to do, the number and its codes, and
    (optionally) a tear-off stub, at the bottom edge on a sheet."""
    paper, st, width = layout.paper, layout.st, layout.width
    top = header(layout.options, framed.area, st, title=framed.title)
    main = side_by_side(framed.body, framed.aside, layout) if framed.aside else framed.body
    end = footer(layout, framed.what_to_do, number)
    stub_block = block(framed.stub, width) if framed.stub and not paper.is_roll else None
    story = [*top, *main, *end, *([stub_block] if stub_block else [])]
    if layout.final and not fits_one_page(story, layout):
        # More than a page: the number and its codes go under the title, so the first
        # page always carries them (the scanner at the desk reads page 1).
        codes = code_block(number, paper, st)
        codes.spaceAfter = 2 * mm * st.scale
        story = [*top, codes, *main, what_to_do_box(framed.what_to_do, width, st)]
        if stub_block:
            story.append(stub_block)
    if stub_block is not None:
        story.insert(len(story) - 1, PushToBottom(stub_block))
    elif framed.stub:
        story += framed.stub
    return Slip(story, framed.doc_title)


@dataclass(frozen=True)
class Framed:
    """What a slip in the common frame says (see ``compose``): the area's band, the title, the
    one thing to do with it, the PDF's title, the body, and optionally what goes beside the
    body on a wide sheet and a stub to tear off."""

    area: str | Band
    title: str
    what_to_do: str
    doc_title: str
    body: list[Flowable]
    aside: list[Flowable] | None = None
    stub: list[Flowable] | None = None


def render_framed(
    fill: Callable[[Layout], Framed], number: str, options: SlipOptions | None = None
) -> bytes:
    """``render`` a slip in the common frame; ``fill`` says what goes in it at each size."""

    def make(layout: Layout) -> Slip:
        return compose(layout, fill(layout), number)

    return render(make, options)


def what_to_do_box(text: str, width: float, st: Styles) -> Table:
    """The one line that says what to do with the slip, framed so it stands out."""
    return boxed(para(text, st.style(12.5, bold=True, centre=True, leading=1.25)), width, st)


# The slips import everything they draw with from here.
__all__ = [
    "BLACK",
    "GREY",
    "PAPERS",
    "RED",
    "WIDE",
    "Band",
    "CutLine",
    "Framed",
    "Grid",
    "Layout",
    "Paper",
    "PushToBottom",
    "Slip",
    "Styles",
    "beside",
    "block",
    "boxed",
    "build_pdf",
    "code128",
    "code_block",
    "compose",
    "fits_one_page",
    "footer",
    "get_paper",
    "header",
    "icon_row",
    "measure",
    "para",
    "picture",
    "picture_grid",
    "qr_code",
    "render",
    "render_framed",
    "side_by_side",
    "side_by_side_row",
    "space",
    "tear_off",
    "what_to_do_box",
]
