"""Small pieces many pages are built from: the page split into a left and a right column, a
compact pager under a grid, and the ✓ of a chosen tile."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.base import MIN_GAP_PX, Speaks
from kiosk.ui.widgets.pager import Pager


def two_columns(
    page: QWidget, left: int = 3, right: int = 2, *, gap: int = MIN_GAP_PX * 3
) -> tuple[QVBoxLayout, QVBoxLayout]:
    """What the page shows on the left, its choices on the right (``left``:``right`` of the
    width); the right column's tiles stand further apart than the left's lines."""
    row = QHBoxLayout(page)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(gap)
    columns = (QVBoxLayout(), QVBoxLayout())
    for column, stretch, spacing in zip(columns, (left, right), (1, 2), strict=True):
        column.setSpacing(MIN_GAP_PX * spacing)
        row.addLayout(column, stretch)
    return columns


def compact_pager(
    speaker: Speaks, parent: QWidget, refill: Callable[[], None], layout: QBoxLayout
) -> Pager:
    """A small pager under a grid, at the end of ``layout``: turning a page refills it."""
    pager = Pager(speaker=speaker, parent=parent)
    pager.set_compact()
    pager.page_changed.connect(lambda _page: refill())
    layout.addWidget(pager)
    return pager


def paint_tick(painter: QPainter, widget: QWidget, side: int, font_px: int) -> None:
    """A black ✓ on a yellow disc in the widget's top right corner: it is chosen."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffd600"))
    mark = QRect(widget.width() - side - 8, 8, side, side)
    painter.drawEllipse(mark)
    painter.setPen(QColor("#000000"))
    font = widget.font()
    font.setPixelSize(font_px)
    painter.setFont(font)
    painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "✓")
