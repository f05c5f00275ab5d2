"""How the kit's words and boxes look, made in one place: bold words at a size, and a
widget's own background and word colours (in its palette, so the theme can still restyle it)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QWidget


def bold(base: QFont, px: int) -> QFont:
    """``base`` in bold, ``px`` pixels high."""
    font = QFont(base)
    font.setPixelSize(px)
    font.setBold(True)
    return font


def set_bold(widget: QWidget, px: int) -> None:
    """``widget``'s words in bold, ``px`` pixels high."""
    widget.setFont(bold(widget.font(), px))


def set_colours(widget: QWidget, background: str, words: str, *, button: bool = False) -> None:
    """``widget``'s background and words in these colours (a button's face, or a box's)."""
    role = QPalette.ColorRole
    palette = widget.palette()
    palette.setColor(role.Button if button else role.Window, QColor(background))
    palette.setColor(role.ButtonText if button else role.WindowText, QColor(words))
    widget.setPalette(palette)


def restyle(widget: QWidget, rules: str) -> None:
    """``widget``'s style sheet, set only when it changes: Qt polishes the widget and all it
    holds again at every ``setStyleSheet``, same rules or not (a page refreshed at each visit
    would pay it for nothing)."""
    if widget.styleSheet() != rules:
        widget.setStyleSheet(rules)
