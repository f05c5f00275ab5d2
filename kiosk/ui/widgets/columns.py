"""The layout most pages share: parts side by side from edge to edge (what she reads on the
left, what she touches on the right), each part a column of widgets."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.base import MIN_GAP_PX


def hbox(parent: QWidget | None = None, gap: int = MIN_GAP_PX) -> QHBoxLayout:
    """Side by side, edge to edge (the window gives the page its margins)."""
    layout = QHBoxLayout(parent) if parent is not None else QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(gap)
    return layout


def vbox(parent: QWidget | None = None, gap: int = MIN_GAP_PX) -> QVBoxLayout:
    """One under the other, edge to edge."""
    layout = QVBoxLayout(parent) if parent is not None else QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(gap)
    return layout


def page_row(parent: QWidget, spacing: int = MIN_GAP_PX * 3) -> QHBoxLayout:
    """``parent``'s layout: its columns side by side, with no margin of their own (the window
    frames every page)."""
    return hbox(parent, spacing)


def column(spacing: int = MIN_GAP_PX * 2) -> QVBoxLayout:
    """One of a page's columns, its widgets ``spacing`` apart."""
    part = QVBoxLayout()
    part.setSpacing(spacing)
    return part


def page_column(parent: QWidget, spacing: int = MIN_GAP_PX * 2) -> QVBoxLayout:
    """``parent``'s layout: its parts one above the other, with no margin of their own."""
    return vbox(parent, spacing)
