"""How the trade centre's pages are put together: its tiles and the tools above its kinds, a
page's two sides and their columns, a listing's name above its view, and the pages' words as
data; the member pages tell the member flow what she chose."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.ui.pages.base import Page, Shell, body_label, choice_tile
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.columns import page_row
from kiosk.ui.widgets.page_words import FixedWords

if TYPE_CHECKING:
    from kiosk.ui.areas.trade.flow import TradeBank

TRADE = AREA_BY_KEY["trade"]
TOOL_PX = 100  # the row of "Vender" and "Mis ventas" above the 2 × 2 grid (fits 1024 × 768)
TOOL_COLOUR = "#ffccbc"  # light: black words, apart from the kinds of things below
WIDE_GAP = MIN_GAP_PX * 3


def tool_tile(
    shell: Shell, parent: QWidget, name: str, icon: str, words: str, phrase: str
) -> BigTile:
    """A tool of the area rather than a choice of its page: a low tile in a light colour."""
    tile = BigTile(icon, words, phrase, speaker=shell.speaker, colour=TOOL_COLOUR, parent=parent)
    tile.setObjectName(name)
    tile.setFixedHeight(TOOL_PX)
    tile.set_font_px(24)
    return tile


def trade_tile(
    shell: Shell,
    parent: QWidget,
    name: str,
    icon: str,
    words: tuple[str, str] = ("", ""),
    on_tap: Callable[[], object] | None = None,
    colour: str = TRADE.colour,
) -> BigTile:
    """A choice of the area's pages, in the trade centre's colour unless it says: its words
    and what it says, and what a tap does."""
    tile = choice_tile(shell, parent, name, icon, *words, colour=colour)
    if on_tap is not None:
        tile.activated.connect(on_tap)
    return tile


def side_by_side(page: QWidget, spacing: int = WIDE_GAP) -> QHBoxLayout:
    """A page's two parts beside each other, edge to edge: what it shows, then its choices."""
    return page_row(page, spacing)


def add_column(
    layout: QBoxLayout,
    widgets: Sequence[tuple[QWidget, int]],
    stretch: int,
    spacing: int | None = MIN_GAP_PX * 2,
) -> QVBoxLayout:
    """``widgets`` one above the other (each with its share of the height), added to
    ``layout`` with ``stretch``."""
    column = QVBoxLayout()
    if spacing is not None:
        column.setSpacing(spacing)
    for widget, share in widgets:
        column.addWidget(widget, share)
    layout.addLayout(column, stretch)
    return column


def heading(page: QWidget, name: str, px: int) -> QLabel:
    """A listing's name above its view, left-aligned."""
    label = body_label("", page, px=px, bold=True)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


def recolour(page: Page, tiles: Sequence[BigTile] = ()) -> Page:
    """The wizard's step pages in the trade centre's colour (the kit's are the desk's)."""
    page.colour = TRADE.colour
    for tile in tiles:
        tile.set_colour(TRADE.colour)
    return page


class AreaPage(FixedWords, Page):
    """A page of the trade centre, in its colour unless it says."""

    icon_name = TRADE.icon
    colour = TRADE.colour

    def tile(
        self,
        name: str,
        icon: str,
        words: tuple[str, str] = ("", ""),
        on_tap: Callable[[], object] | None = None,
        colour: str | None = None,
    ) -> BigTile:
        """One of the page's choices, in the page's colour unless it says."""
        return trade_tile(self.shell, self, name, icon, words, on_tap, colour or self.colour)


class MemberPage(AreaPage):
    """A member page of the trade centre: what she does on it goes to the member flow."""

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        self.build()

    def build(self) -> None:
        """Lay the page out: what it shows and its choices."""
