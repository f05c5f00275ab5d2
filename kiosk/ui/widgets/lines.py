"""Labels that wrap onto a second line before they cut anything with "…".

A title cut on screen is a title she cannot read, and a title the voice reads cut is one she
cannot hear: these labels keep the whole text (``full_text()``, also their accessible name)
for the voice, and show as much of it as two lines hold.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.ui.widgets.card import wrap_text
from kiosk.ui.widgets.looks import bold

ELLIPSIS = "…"
ONE_LINE_MIN_PX = 32  # a title this big or bigger stays on one line


class TwoLineLabel(QLabel):
    """Plain words wrapped at the label's width onto at most ``lines`` lines, in bold at the
    first of ``sizes`` (pixels) that holds them whole; only at the last size is the last line
    cut, and only when the words need more."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        lines: int = 2,
        sizes: tuple[int, ...] = (28, 24),
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self.lines = lines
        self.sizes = sizes
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        # The label takes the width its layout gives; its words never widen the page.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def full_text(self) -> str:
        """The whole text, as the voice says it."""
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = " ".join(text.split())
        self.setAccessibleName(self._full)
        self._fit()

    def is_cut(self) -> bool:
        return self.text().replace("\n", " ") != self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        rows = [self._full]
        for px in self.sizes:
            font = bold(self.font(), px)
            if width > 0 and self._full:
                rows = wrap_text(self._full, QFontMetrics(font), width, self.lines)
            if " ".join(rows) == self._full:
                break
        self.setFont(font)
        self.setText("\n".join(rows))


class TitleLabel(QLabel):
    """The title band's words: one line at ``px`` when they fit; else two lines at the
    largest size (down to ``min_px``) that holds them in the band; only then cut."""

    def __init__(self, parent: QWidget | None = None, *, px: int = 40, min_px: int = 24) -> None:
        super().__init__(parent)
        self._full = ""
        self.px, self.min_px = px, min_px
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text)
        self._fit()

    def is_cut(self) -> bool:
        return self.text().replace("\n", " ") != " ".join(self._full.split())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _font(self, px: int) -> QFont:
        return bold(self.font(), px)

    def _fit(self) -> None:
        area = self.contentsRect()
        text = self._full
        if area.width() <= 0 or not text:
            self.setFont(self._font(self.px))
            super().setText(text)
            return
        # One line, as big as can be (down to ONE_LINE_MIN_PX); else two lines at the largest
        # size the band holds; else two lines at the smallest size, the second one cut.
        for px in range(self.px, ONE_LINE_MIN_PX - 1, -1):
            rows = wrap_text(text, QFontMetrics(self._font(px)), area.width(), 99)
            if len(rows) == 1 and not rows[0].endswith(ELLIPSIS):
                self._show(px, rows)
                return
        for px in range(self.px, self.min_px - 1, -1):
            metrics = QFontMetrics(self._font(px))
            rows = wrap_text(text, metrics, area.width(), 99)
            if len(rows) <= 2 and 2 * metrics.lineSpacing() <= area.height():
                self._show(px, rows)
                return
        px = self.min_px
        self._show(px, wrap_text(text, QFontMetrics(self._font(px)), area.width(), 2))

    def _show(self, px: int, rows: list[str]) -> None:
        self.setFont(self._font(px))
        super().setText("\n".join(rows))
