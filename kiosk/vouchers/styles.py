"""Paper sizes and type sizes: the sheet a slip is laid out on and the styles of its text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.platypus import (
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from kiosk.i18n import _
from kiosk.vouchers.fonts import BOLD, REGULAR

BLACK = colors.black
GREY = colors.HexColor("#444444")
RED = colors.HexColor("#c62828")


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


class _Named:
    """A named style of :class:`Styles` (``st.body``): one size and its options, at the
    sheet's scale."""

    def __init__(self, size: float, doc: str, *, leading: float = 1.25, **options: Any) -> None:
        self.size, self.options = size, {"leading": leading, **options}
        self.__doc__ = doc

    def __get__(self, st: Styles, owner: type | None = None) -> ParagraphStyle:
        return st.style(self.size, **self.options)


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

    # The named styles every slip uses.
    body = _Named(11, "Running text.")
    small = _Named(8.5, "Notes in grey.", colour=GREY)
    label = _Named(12, 'A heading over a block of text: "¿Qué llevar?".', bold=True)
    strong = _Named(12, "A fact that matters.", bold=True)
    title = _Named(19, "The slip's title.", bold=True, leading=1.15)
    big = _Named(18, "Days, phones, prices.", bold=True, leading=1.15)
    huge = _Named(34, "Times and codes.", bold=True, leading=1.1)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (data is escaped, never read as markup)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def space(st: Styles, points: float) -> Spacer:
    return Spacer(1, points * st.scale)


def letter_document(
    out: IO[bytes],
    *,
    side: float,
    top: float,
    title: str,
    author: str,
    wide: bool = False,
    **more: Any,
) -> SimpleDocTemplate:
    """A letter-size sheet for the staff's reports (``wide``: landscape, for a table of many
    columns): ``side`` the margins left and right, ``top`` the margins at the top and the
    bottom; ``title`` and ``author`` (and ``more``) go in the PDF's properties."""
    return SimpleDocTemplate(
        out,
        pagesize=landscape(letter) if wide else letter,
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=top,
        title=title,
        author=author,
        **more,
    )
