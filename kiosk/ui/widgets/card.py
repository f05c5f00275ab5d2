"""CardTile: a BigTile drawn as a card — a picture on a white rounded square, then lines of
words that keep their place whatever their length.

BigTile centres one picture over one or two words. A card says more (a job's title, pay and
place; a course's day and seats; a listing's price and seller), and under BigTile's one
centred group a long title would shrink the picture to a dot and push the last line off the
tile. A card paints its parts itself, in fixed places, and cuts what does not fit with "…".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
)

from kiosk.ui import icons
from kiosk.ui.widgets.tile import WHITE, BigTile

TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
TOP_CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop


@dataclass(frozen=True)
class CardLine:
    """Words on a card: wrapped onto at most ``most`` lines (the last one ends in "…")."""

    text: str
    most: int = 1
    bold: bool = True
    # Shown whole or left out, never cut: words the voice reads whole that the card can do
    # without (a program's organisation, which its page shows in full).
    optional: bool = False


def wrap_text(text: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """``text`` in lines of ``width``, at most ``most`` of them (the last one ends in …)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def whole_rows(text: str, metrics: QFontMetrics, width: int) -> list[str] | None:
    """``text`` wrapped to ``width`` with nothing cut, or ``None`` when a word is too wide."""
    rows: list[str] = []
    for word in text.split():
        trial = f"{rows[-1]} {word}" if rows else word
        if rows and metrics.horizontalAdvance(trial) <= width:
            rows[-1] = trial
        elif metrics.horizontalAdvance(word) <= width:
            rows.append(word)
        else:
            return None
    return rows


def fit_text(text: str, metrics: QFontMetrics, width: int, most: int = 1) -> list[str]:
    """``text`` as the rows it takes on a card: none when empty, one cut with "…" for
    ``most`` 1 (its spaces as written), else :func:`wrap_text`."""
    if not text:
        return []
    if most <= 1:
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]
    return wrap_text(text, metrics, width, most)


def paint_cover(painter: QPainter, target: QRect, pixmap: QPixmap, radius: float = 10) -> None:
    """``pixmap`` filling ``target`` (cut to fit, not squeezed), with round corners."""
    scaled = pixmap.scaled(
        target.size(),
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    source = QRect(
        (scaled.width() - target.width()) // 2,
        (scaled.height() - target.height()) // 2,
        target.width(),
        target.height(),
    )
    path = QPainterPath()
    path.addRoundedRect(QRectF(target), radius, radius)
    painter.save()
    painter.setClipPath(path)
    painter.drawPixmap(target, scaled, source)
    painter.restore()


def paint_picture(painter: QPainter, frame: QRect, icon: str, side: int, radius: float) -> None:
    """The pictogram ``icon``, ``side`` px, in the middle of the white rounded square
    ``frame`` (the light card keeps a pictogram visible on any tile colour)."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(WHITE))
    painter.drawRoundedRect(frame, radius, radius)
    painter.drawPixmap(
        frame.left() + (frame.width() - side) // 2,
        frame.top() + (frame.height() - side) // 2,
        icons.pixmap(icon, side),
    )


class CardTile(BigTile):
    """A card: the tile's picture at the top left and the small flag pictures at the top
    right, then ``lines`` centred under them (the job and program cards).

    It is still a BigTile (spoken, touch-and-hear, pressed and disabled looks); the words
    given with :meth:`set_words` are its accessible name. Cards laid out otherwise override
    :meth:`paint_card` and draw with :meth:`draw_lines`, :func:`paint_picture` and
    :func:`paint_cover`.
    """

    inset_x = 12
    inset_y = 10
    picture_px = 44
    flag_px = 36
    flag_gap = 14
    # What the card shows until :meth:`set_card` says (each call replaces them whole).
    flags: Sequence[str] = ()
    lines: tuple[str, ...] = ()
    line_specs: tuple[CardLine, ...] = ()

    def set_card(self, lines: Sequence[CardLine], flags: Sequence[str] = ()) -> None:
        """Show ``lines`` under the picture and ``flags`` beside it."""
        self.line_specs = tuple(lines)
        self.lines = tuple(line.text for line in self.line_specs)
        self.flags = list(flags)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = self.paint_panel()  # the card's own parts are drawn over it
        area = self.rect().adjusted(self.inset_x, self.inset_y, -self.inset_x, -self.inset_y)
        if self.isDown():
            area.translate(0, 3)  # the card sinks a little under the finger
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        self.paint_card(painter, area)
        painter.end()

    def paint_card(self, painter: QPainter, area: QRect) -> None:
        """Draw the card's parts inside ``area`` (the tile less its border, sunk when down)."""
        side, flag = self.picture_px, self.flag_px
        paint_picture(
            painter,
            QRect(area.left() - 4, area.top() - 4, side + 8, side + 8),
            self.icon_name,
            side,
            8,
        )
        # The flags sit at the right, the kind's picture at the left.
        x = area.right() + 1 - len(self.flags) * (flag + self.flag_gap) + 6
        top = area.top() + (side - flag) // 2
        for name in self.flags:
            paint_picture(painter, QRect(x - 4, top - 4, flag + 8, flag + 8), name, flag, 8)
            x += flag + self.flag_gap
        self.draw_lines(
            painter,
            self.line_specs,
            area.left(),
            area.top() + side + 10,
            area.width(),
            TOP_CENTRE,
            bottom=area.bottom(),
        )

    def line_font(self, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setBold(bold)
        return font

    def draw_rows(
        self,
        painter: QPainter,
        rows: Iterable[str],
        x: int,
        y: int,
        width: int,
        align: Qt.AlignmentFlag = TOP_LEFT,
    ) -> int:
        """Each of ``rows`` one line high from ``y`` down in the painter's font; returns the
        ``y`` under the last."""
        height = painter.fontMetrics().height()
        painter.setPen(self._text_colour)
        for row in rows:
            painter.drawText(QRect(x, y, width, height), align, row)
            y += height
        return y

    def draw_lines(
        self,
        painter: QPainter,
        lines: Iterable[CardLine],
        x: int,
        y: int,
        width: int,
        align: Qt.AlignmentFlag = TOP_LEFT,
        *,
        bottom: int | None = None,
    ) -> int:
        """``lines`` one under the other from ``y``, each wrapped or cut to ``width`` in its
        own weight; returns the ``y`` under the last. With ``bottom``, a line that may wrap
        takes more rows than its ``most`` while the card has room for them and for the lines
        after it: a title cut with room left under it would be cut for nothing."""
        lines = list(lines)
        for index, line in enumerate(lines):
            painter.setFont(self.line_font(line.bold))
            metrics = painter.fontMetrics()
            most = line.most
            after = sum(
                max(1, len(fit_text(later.text, metrics, width, later.most)))
                for later in lines[index + 1 :]
                if not later.optional
            )
            room = (bottom - y) // max(metrics.height(), 1) - after if bottom is not None else 0
            if line.optional:
                whole = whole_rows(line.text, metrics, width)
                limit = min(most, room) if bottom is not None else most
                if whole is None or len(whole) > limit:
                    continue
                y = self.draw_rows(painter, whole, x, y, width, align)
                continue
            if bottom is not None and most > 1:
                most = max(most, room)
            rows = fit_text(line.text, metrics, width, most)
            y = self.draw_rows(painter, rows, x, y, width, align)
        return y
