"""The savings pages' own widgets: a step's choices as up to six tiles, and an amount drawn as
the bills and coins that make it up."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.money import BILLS, COINS, pieces
from kiosk.services.savings import money
from kiosk.ui.areas.savings.common import SAVINGS_COLOUR, Choice
from kiosk.ui.pages.base import Shell, choice_tile, tile_grid


class ChoiceTiles(QWidget):
    """Up to six tiles named ``<name>_<i>``, showing a step's choices; touching one does it."""

    def __init__(self, shell: Shell, name: str, columns: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.tiles = [
            choice_tile(shell, self, f"{name}_{i}", "action.yes", colour=SAVINGS_COLOUR)
            for i in range(6)
        ]
        for i, tile in enumerate(self.tiles):
            tile.activated.connect(lambda i=i: self._tapped(i))
        self.setLayout(tile_grid(self.tiles, columns))
        self.offered: Sequence[Choice] = ()

    def show_choices(self, choices: Sequence[Choice]) -> None:
        self.offered = choices
        for i, tile in enumerate(self.tiles):
            tile.setVisible(i < len(choices))
            if i < len(choices):
                tile.set_icon(choices[i].icon)
                tile.set_words(choices[i].words, choices[i].spoken)
                tile.set_colour(choices[i].colour)

    def _tapped(self, index: int) -> None:
        if index < len(self.offered):
            self.offered[index].do()


class MoneyPicture(QWidget):
    """An amount as the Mexican bills and coins that make it up, in the colours of the slips
    (kiosk.vouchers.savings): each piece once with "×3" beside it, so the treasurer can count
    it out of the box as she sees it."""

    BILL = QSize(92, 46)
    COIN = 42
    GAP = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cents = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(2 * (self.BILL.height() + self.GAP))

    def set_cents(self, cents: int) -> None:
        self.cents = cents
        self.setAccessibleName(money(cents))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(20)
        painter.setFont(font)
        x, y = 0, 0
        row_h = self.BILL.height() + self.GAP
        for value, count in pieces(self.cents):
            w = self.BILL.width() if value >= 20 else self.COIN
            label = f"×{count}" if count > 1 else ""
            extra = painter.fontMetrics().horizontalAdvance(label) + 4 if label else 0
            if x and x + w + extra > self.width():
                x, y = 0, y + row_h
                if y + row_h > self.height():
                    break  # the digits beside say the rest
            if value >= 20:
                self._bill(painter, x, y, value)
            else:
                self._coin(painter, x, y + (self.BILL.height() - self.COIN) // 2, value)
            if label:
                painter.setPen(QColor("#000000"))
                painter.drawText(
                    QRectF(x + w + 2, y, extra, self.BILL.height()),
                    Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
            x += w + extra + self.GAP
        painter.end()

    def _bill(self, painter: QPainter, x: int, y: int, value: int) -> None:
        w, h = self.BILL.width(), self.BILL.height()
        painter.setPen(QPen(QColor("#000000"), 1.5))
        painter.setBrush(QColor(dict(BILLS)[value]))
        painter.drawRoundedRect(QRectF(x, y, w, h), 5, 5)
        # A white oval where a bill has its portrait, the value in white beside it.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QRectF(x + 4, y + 7, w * 0.24, h - 14))
        painter.setPen(QColor("#ffffff"))
        text, room = f"${value}", QRectF(x + w * 0.3, y, w * 0.68, h)
        font = painter.font()
        size = font.pixelSize()
        while size > 10 and painter.fontMetrics().horizontalAdvance(text) > room.width() - 2:
            size -= 1
            font.setPixelSize(size)
            painter.setFont(font)
        painter.drawText(room, Qt.AlignmentFlag.AlignCenter, text)
        font.setPixelSize(20)
        painter.setFont(font)

    def _coin(self, painter: QPainter, x: int, y: int, value: int) -> None:
        ring, inner = next((r, i) for v, r, i in COINS if v == value)
        d = self.COIN
        painter.setPen(QPen(QColor("#000000"), 1.5))
        painter.setBrush(QColor(ring))
        painter.drawEllipse(QRectF(x, y, d, d))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(inner))
        painter.drawEllipse(QRectF(x + d * 0.18, y + d * 0.18, d * 0.64, d * 0.64))
        painter.setPen(QColor("#000000"))
        painter.drawText(QRectF(x, y, d, d), Qt.AlignmentFlag.AlignCenter, str(value))
