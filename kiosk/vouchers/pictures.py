"""Pictograms on paper: the same SVG files as the screens, turned into reportlab drawings.

Each file is parsed once (svglib) and kept; every use gets a new, scaled Drawing that shares the
parsed shapes. reportlab marks each shape while it draws it (its ``_parent`` and ``_canvas``), so
these drawings are drawn one at a time: slips built at once in two threads both come out.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from reportlab.graphics.shapes import Drawing, Group

from kiosk.resources import icon_path
from kiosk.vouchers.fonts import REGULAR

_lock = threading.Lock()
_drawing = threading.Lock()


class PictureError(RuntimeError):
    """A pictogram file that svglib cannot read."""


@functools.cache
def _parsed(name: str) -> Drawing:
    from svglib.svglib import svg2rlg  # lxml and friends: loaded with the first picture

    path = icon_path(name)
    # lxml and svglib are not documented as thread-safe; slips may be built off the UI thread.
    with _lock:
        drawing = svg2rlg(str(path))
    if drawing is None:
        raise PictureError(f"cannot read pictogram {name} ({path.name})")
    return drawing


class _Picture(Drawing):
    """A pictogram on a slip: drawn while no other thread draws one (they share shapes)."""

    def draw(self, *args: Any, **kwargs: Any) -> None:
        with _drawing:
            super().draw(*args, **kwargs)


def picture(name: str, size: float) -> Drawing:
    """The pictogram ``name`` ("doc.ine", "pickup.tortuga"...) as a size × size pt Drawing."""
    source = _parsed(name)
    scale = size / max(source.width, source.height)
    dx = (size - source.width * scale) / 2
    dy = (size - source.height * scale) / 2
    group = Group(*source.contents, transform=(scale, 0, 0, scale, dx, dy))
    drawing = _Picture(size, size, initialFontName=REGULAR)
    drawing.add(group)
    return drawing


def preload(names: list[str] | tuple[str, ...]) -> None:
    """Parse pictograms ahead of the first slip (for a quick first print)."""
    for name in names:
        _parsed(name)
