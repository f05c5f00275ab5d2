"""The slips' fonts: DejaVu Sans, embedded, so á é í ó ú ñ ü ¿ ¡ print on any printer.

reportlab's built-in Helvetica is not embedded and covers Latin-1 only through the printer's own
font; an embedded TrueType font shows the same letters on every printer and in every viewer.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.i18n import _

REGULAR = "KioskSans"
BOLD = "KioskSans-Bold"

# (regular, bold): Debian's fonts-dejavu-core first; other systems' copies after it.
CANDIDATES: tuple[tuple[Path, Path], ...] = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf"),
        Path("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
        Path("/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ),
    (Path("C:/Windows/Fonts/DejaVuSans.ttf"), Path("C:/Windows/Fonts/DejaVuSans-Bold.ttf")),
    (Path("C:/Windows/Fonts/arial.ttf"), Path("C:/Windows/Fonts/arialbd.ttf")),
)


class FontsMissing(RuntimeError):
    """No font with the Spanish letters was found; the message is one plain sentence."""


def find_fonts() -> tuple[Path, Path]:
    """The first (regular, bold) pair of font files that exists."""
    for regular, bold in CANDIDATES:
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise FontsMissing(
        _("The slips need the DejaVu fonts; install them (apt-get install fonts-dejavu-core).")
    )


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold fonts once; returns their reportlab names."""
    regular, bold = find_fonts()
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    # <b> inside a paragraph picks the bold face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
