"""The pieces slips are made of: the area's band, picture rows and grids, boxes, cut lines,
and the voucher number as digits + Code 128 + QR code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Table,
    TableStyle,
)

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import _
from kiosk.numbers import format_number
from kiosk.vouchers.fonts import BOLD, REGULAR
from kiosk.vouchers.pictures import picture
from kiosk.vouchers.styles import BLACK, GREY, Paper, Styles, para

PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
HUGE = 1_000_000.0  # "no limit" height used when measuring


def flatten(story: Iterable[Flowable]) -> list[Flowable]:
    """The story with every kept-together group opened up, in order."""
    flat: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            flat += flatten(flowable._content)
        else:
            flat.append(flowable)
    return flat


class Grid(Table):
    """A Table whose cells use the embedded font: reportlab's Table names Helvetica (not
    embedded) for every cell unless its style says otherwise."""

    def __init__(self, data: Any, *args: Any, style: Any = None, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9)]))
        if style is not None:
            self.setStyle(style)


def side_by_side_row(cells: list[Any], widths: list[float], *style: Any, **options: Any) -> Grid:
    """Cells in one row, centred up and down, without padding: pieces set side by side.
    ``style`` adds table commands; ``options`` go to the table."""
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *style]
    commands += [(pad, (0, 0), (-1, -1), 0) for pad in PADDINGS]
    return Grid([cells], colWidths=widths, style=TableStyle(commands), **options)


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
        _w, needed = self.following.wrap(availWidth, HUGE)
        needed += self.following.getSpaceBefore() + 1
        return availWidth, max(0.0, availHeight - needed)

    def draw(self) -> None:
        pass


def block(flowables: list[Flowable], width: float) -> Table:
    """Flowables as one unbreakable block: it moves to the next page whole."""
    return Grid(
        [[flatten(flowables)]],
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
    return beside(picture(icon, size), size, content, width, st)


def beside(
    image: Flowable, side: float, content: Flowable | list[Flowable], width: float, st: Styles
) -> Table:
    """An image ``side`` wide at the left of its content, a small gap between them."""
    gap = 2.5 * mm * st.scale
    table = side_by_side_row([image, content], [side + gap, width - side - gap])
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
    table = side_by_side_row(row, widths, ("ALIGN", (0, 0), (-1, -1), "CENTER"), hAlign="CENTER")
    table.spaceBefore = 2 * mm * st.scale
    return table
