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
