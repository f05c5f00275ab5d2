"""The layout most pages share: parts side by side from edge to edge (what she reads on the
left, what she touches on the right), each part a column of widgets."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.base import MIN_GAP_PX


def page_row(parent: QWidget, spacing: int = MIN_GAP_PX * 3) -> QHBoxLayout:
    """``parent``'s layout: its columns side by side, with no margin of their own (the window
    frames every page)."""
    row = QHBoxLayout(parent)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    return row


def column(spacing: int = MIN_GAP_PX * 2) -> QVBoxLayout:
    """One of a page's columns, its widgets ``spacing`` apart."""
    part = QVBoxLayout()
    part.setSpacing(spacing)
    return part


def page_column(parent: QWidget, spacing: int = MIN_GAP_PX * 2) -> QVBoxLayout:
    """``parent``'s layout: its parts one above the other, with no margin of their own."""
    part = QVBoxLayout(parent)
    part.setContentsMargins(0, 0, 0, 0)
    part.setSpacing(spacing)
    return part
