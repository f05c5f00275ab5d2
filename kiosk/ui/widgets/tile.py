"""BigTile: the kiosk's one kind of choice — a pictogram above one or two words, spoken.

Also the colour helpers that keep every tile's words readable (WCAG AA, contrast >= 4.5:1).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QIcon,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QStyleOption, QToolButton, QWidget
from shiboken6 import isValid

from kiosk.ui import icons
from kiosk.ui.widgets.base import MIN_TARGET_PX, TOUCH_AND_HEAR_PROPERTY, Speaks

WHITE = "#ffffff"
BLACK = "#000000"
AA_CONTRAST = 4.5

TILE_FONT_PX = 28  # body text is at least 24 px (DESIGN.md 3.5)
ICON_SHARE = 0.55  # of the tile's smaller edge
ARM_TIMEOUT_MS = 5000
_BORDER_PX = 8
_PADDING_PX = 6
_GAP_PX = 6  # between the picture and the words under it
_GAP_BESIDE_PX = 18  # between the picture and the words beside it
_BADGE = "#ffffff"
_BADGE_DISABLED = "#eeeeee"
_DISABLED_BG = "#bdbdbd"
_DISABLED_TEXT = "#3a3a3a"  # 6.4:1 on the grey: a greyed tile is still readable
# The tiles armed now (at most one a window): a tap on another tile disarms them, without a
# walk over the window's 800 tiles at every tap.
_ARMED: weakref.WeakSet[BigTile] = weakref.WeakSet()
_RADIUS_PX = 16
_BADGE_SHARE = 0.08  # the light card around a pictogram, per side, of the pictogram's size
WIDE_RATIO = 2.0  # from this width:height on, the words may go beside the picture


def _badge_margin(side: int) -> int:
    return max(4, round(side * _BADGE_SHARE))


def _channel(value: float) -> float:
    # sRGB transfer function, as WCAG 2.x defines relative luminance.
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a colour (``"#1565c0"``, ``"white"``...), 0 (black) to 1."""
    parsed = QColor(colour)
    if not parsed.isValid():
        raise ValueError(f"not a colour: {colour!r}")
    r, g, b = (_channel(c) for c in (parsed.redF(), parsed.greenF(), parsed.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours, 1 to 21."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def readable_text_colour(background: str) -> str:
    """White or black, whichever reads better on ``background``."""
    if contrast_ratio(WHITE, background) >= contrast_ratio(BLACK, background):
        return WHITE
    return BLACK


class BigTile(QToolButton):
    """A big pictogram-and-words button that speaks its phrase.

    The pictogram sits on a white card above the words (beside them on a tile at least 2
    times as wide as it is tall), sized to about 55 % of the tile's smaller edge.
    With touch-and-hear off, a tap speaks the phrase and emits :attr:`activated`. With it on,
    the first tap speaks and arms the tile (highlighted, ``armed`` property true), the second
    tap on the same tile emits :attr:`activated`. Tapping another tile in the same window, five
    seconds passing, or the tile being hidden disarms it.
    """

    activated = Signal()
    armed_changed = Signal(bool)

    def __init__(
        self,
        icon: str,
        words: str,
        phrase: str,
        *,
        speaker: Speaks | None = None,
        colour: str = "#1565c0",
        parent: QWidget | None = None,
        arm_timeout_ms: int = ARM_TIMEOUT_MS,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.icon_name = icon
        self.phrase = phrase
        self.colour = colour
        self._speaker = speaker
        self._touch_and_hear: bool | None = None
        self._armed = False
        self.setProperty("kioskRole", "tile")
        self.setProperty("armed", False)
        self.setText(words)
        self.setAccessibleName(words)
        self.setAccessibleDescription(phrase)
        self.setIcon(icons.icon(icon))
        self.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextUnderIcon
            if words
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        self.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Taps, not keyboard focus, drive the kiosk; a focus frame would only be clutter.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_colour(colour)
        self._disarm_timer = QTimer(self)
        self._disarm_timer.setSingleShot(True)
        self._disarm_timer.setInterval(arm_timeout_ms)
        self._disarm_timer.timeout.connect(self.disarm)
        self.clicked.connect(self._on_clicked)
        self._fit_icon()

    # --- look -----------------------------------------------------------------------------

    def set_words(self, words: str, phrase: str) -> None:
        """Change the words under the picture and the phrase said for them."""
        self.phrase = phrase
        self.setText(words)
        self.setAccessibleName(words)
        self.setAccessibleDescription(phrase)
        self.updateGeometry()
        self._fit_icon()

    def set_icon(self, icon: str) -> None:
        """Show the pictogram ``icon`` instead (a tile reused for another item)."""
        self.icon_name = icon
        self.setIcon(icons.icon(icon))
        self.update()

    font_px = TILE_FONT_PX
    # The coloured border (the armed ring) and the room inside it; a bar of small tiles may
    # take less of both, to give its pictures the room.
    border_px = _BORDER_PX
    padding_px = _PADDING_PX

    def set_font_px(self, px: int) -> None:
        """Smaller words (never under 24 px) where a row of tiles must share a narrow screen."""
        self.font_px = max(24, px)
        self.set_colour(self.colour)

    def set_colour(self, colour: str) -> None:
        """Paint the tile ``colour`` with black or white words, whichever has more contrast.

        The tile paints its own panel (:meth:`paint_panel`) rather than through a style sheet:
        Qt's style-sheet path made every page of tiles slower to lay out and to show."""
        text = readable_text_colour(colour)
        base = QColor(colour)
        self.colour = colour
        self._text_colour = QColor(text)
        # Pressed must look different at once (DESIGN.md 3.8): darker under white words,
        # lighter under black ones, so the words stay readable while the finger is down.
        self._pressed_colour = base.darker(140) if text == WHITE else base.lighter(125)
        # The highlight of an armed tile: yellow around dark tiles, black around light ones.
        self._ring_colour = QColor("#ffd600" if text == WHITE else BLACK)
        font = QFont(self.font())
        font.setPixelSize(self.font_px)
        font.setBold(True)
        self.setFont(font)
        self.update()

    def text_colour(self) -> QColor:
        """The colour the tile's words are painted in now (black or white on its colour)."""
        return self._text_colour if self.isEnabled() else QColor(_DISABLED_TEXT)

    def sizeHint(self) -> QSize:
        # Stable, whatever the icon is now: a hint that grew with the rescaled icon would make
        # layouts hand the tile more room, which grows the icon again.
        metrics = self.fontMetrics()
        text_w = metrics.horizontalAdvance(self.text()) if self.text() else 0
        text_h = metrics.height() + _GAP_PX if self.text() else 0
        inset = self.border_px + self.padding_px
        width = max(MIN_TARGET_PX * 2, text_w + 2 * inset)
        height = max(MIN_TARGET_PX * 2 - 32, MIN_TARGET_PX + text_h + 2 * inset)
        return QSize(width, height).expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:
        return self.minimumSize()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_icon()

    def _content_rect(self) -> QRect:
        inset = self.border_px + self.padding_px
        return self.rect().adjusted(inset, inset, -inset, -inset)

    def _words_size(self, width: int) -> QSize:
        if not self.text():
            return QSize(0, 0)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        # One or two words: a pair too wide for the tile goes on two lines.
        bounds = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), flags, self.text())
        return bounds.size()

    def _is_wide(self) -> bool:
        # A wide, short tile (erase or ✓ across three keys) puts the words beside the picture:
        # under it, the picture would shrink to a thumbnail, and the picture is what she reads.
        return self._beside_side() is not None

    def _beside_side(self) -> int | None:
        """The picture's size with the words beside it, or None where that does not fit: the
        words may wrap onto a second line, so the longest word must fit beside a picture of
        at least 40 px (as tall as the tile where there is room)."""
        if not self.text() or self.width() < WIDE_RATIO * self.height():
            return None
        area = self._content_rect()
        metrics = self.fontMetrics()
        words = self.text().split()
        lines = 1 if metrics.horizontalAdvance(self.text()) < area.width() // 2 else 2
        if lines * metrics.height() > area.height():
            return None
        room = area.width() - _GAP_BESIDE_PX - max(metrics.horizontalAdvance(w) for w in words)
        side = min(
            round(area.height() / (1 + 2 * _BADGE_SHARE)), int(room / (1 + 2 * _BADGE_SHARE))
        )
        return side if side >= 40 else None

    def _arrange(self, area: QRect) -> tuple[int, QRect, QRect]:
        """The pictogram's size, and where its card and the words go: one centred group."""
        beside = self._beside_side()
        wide = beside is not None
        if beside is not None:
            side = beside
            words = self._words_size(max(1, area.width() - side - _GAP_BESIDE_PX))
        else:
            words = self._words_size(area.width())
            side = int(min(self.width(), self.height()) * ICON_SHARE)
            if words.height():
                # Leave room for the words under the picture on a short tile.
                room = area.height() - words.height() - _GAP_PX
                side = min(side, round(room / (1 + 2 * _BADGE_SHARE)))
        side = max(24, side)
        badge_side = side + 2 * _badge_margin(side)
        if wide:
            total = badge_side + _GAP_BESIDE_PX + words.width()
            left = area.left() + max(0, (area.width() - total) // 2)
            badge = QRect(left, area.center().y() - badge_side // 2, badge_side, badge_side)
            text = QRect(
                badge.right() + 1 + _GAP_BESIDE_PX,
                area.top(),
                max(1, area.right() - badge.right() - _GAP_BESIDE_PX),
                area.height(),
            )
            return side, badge, text
        total = badge_side + (_GAP_PX + words.height() if words.height() else 0)
        top = area.top() + max(0, (area.height() - total) // 2)
        badge = QRect(area.center().x() - badge_side // 2, top, badge_side, badge_side)
        text = QRect(area.left(), badge.bottom() + 1 + _GAP_PX, area.width(), words.height())
        return side, badge, text

    def _fit_icon(self) -> None:
        side, _badge, _words = self._arrange(self._content_rect())
        style = (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if self._is_wide()
            else Qt.ToolButtonStyle.ToolButtonTextUnderIcon
            if self.text()
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        if self.toolButtonStyle() != style:
            self.setToolButtonStyle(style)
        if self.iconSize() != QSize(side, side):
            self.setIconSize(QSize(side, side))

    def panel_colours(self) -> tuple[QColor, QColor]:
        """The panel's fill and border now: grey when disabled, darker or lighter while
        pressed, and the ring colour around an armed tile."""
        if not self.isEnabled():
            grey = QColor(_DISABLED_BG)
            return grey, grey
        fill = self._pressed_colour if self.isDown() else QColor(self.colour)
        return fill, self._ring_colour if self._armed else fill

    def paint_panel(self) -> QPainter:
        """The coloured panel with its rounded border, without its picture and words: the
        painter to draw those with."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill, border = self.panel_colours()
        half = self.border_px / 2
        outline = QRectF(self.rect()).adjusted(half, half, -half, -half)
        painter.setPen(QPen(border, self.border_px))
        painter.setBrush(fill)
        painter.drawRoundedRect(outline, _RADIUS_PX - half, _RADIUS_PX - half)
        return painter

    def paintEvent(self, event: QPaintEvent) -> None:
        # The picture and words are drawn here as one group in the middle, because Qt's
        # text-under-icon pins the icon to the top and leaves a gap in a tall tile.
        painter = self.paint_panel()

        area = self._content_rect()
        if self.isDown():
            area.translate(0, 3)  # the picture sinks a little under the finger
        side, badge, words = self._arrange(area)
        enabled = self.isEnabled()
        painter.setPen(Qt.PenStyle.NoPen)
        # Every pictogram sits on a light card: the red ✗ on a red tile, or the grey
        # wastebasket on a slate one, would otherwise disappear.
        painter.setBrush(QColor(_BADGE if enabled else _BADGE_DISABLED))
        radius = badge.width() * 0.22
        painter.drawRoundedRect(badge, radius, radius)
        margin = _badge_margin(side)
        picture = icons.pixmap(self.icon_name, side)
        if not enabled:
            picture = self.style().generatedIconPixmap(QIcon.Mode.Disabled, picture, QStyleOption())
        painter.drawPixmap(badge.left() + margin, badge.top() + margin, picture)

        if self.text():
            painter.setPen(self.text_colour())
            painter.setFont(self.font())
            align = (
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                if self._is_wide()
                else Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            )
            painter.drawText(words, align | Qt.TextFlag.TextWordWrap, self.text())
        painter.end()

    # --- touch and hear -------------------------------------------------------------------

    def set_touch_and_hear(self, on: bool | None) -> None:
        """Turn touch-and-hear on or off for this tile; None follows the window's setting."""
        self._touch_and_hear = on
        if not self.touch_and_hear():
            self.disarm()

    def touch_and_hear(self) -> bool:
        """Whether the first tap only speaks (the tile's own setting, else its window's)."""
        if self._touch_and_hear is not None:
            return self._touch_and_hear
        widget: QWidget | None = self
        while widget is not None:
            value = widget.property(TOUCH_AND_HEAR_PROPERTY)
            if value is not None:
                return bool(value)
            widget = widget.parentWidget()
        return False

    def is_armed(self) -> bool:
        return self._armed

    def disarm(self) -> None:
        """Forget the first tap; the next tap speaks again."""
        self._disarm_timer.stop()
        self._set_armed(False)

    def _set_armed(self, armed: bool) -> None:
        if armed == self._armed:
            return
        self._armed = armed
        if armed:
            _ARMED.add(self)
        else:
            _ARMED.discard(self)
        self.setProperty("armed", armed)
        self.update()
        self.armed_changed.emit(armed)

    def _disarm_others(self) -> None:
        window = self.window()
        for tile in list(_ARMED):
            if tile is not self and isValid(tile) and tile.window() is window:
                tile.disarm()

    def _on_clicked(self) -> None:
        self._disarm_others()
        if self.touch_and_hear() and self._armed:
            # Second tap: she has heard what it does; now it acts.
            self.disarm()
            self.activated.emit()
            return
        self._say(self.phrase)
        if self.touch_and_hear():
            self._set_armed(True)
            self._disarm_timer.start()
            return
        self.activated.emit()

    def _say(self, text: str) -> None:
        if self._speaker is not None and text:
            self._speaker.say(text)

    def hideEvent(self, event: QHideEvent) -> None:
        # A tile armed on a page she left must not act when she comes back.
        self.disarm()
        super().hideEvent(event)


class DisabledTapHint(QObject):
    """Calls ``hint`` (which speaks) when a disabled tile is tapped: Qt would ignore it silently.

    "Nothing happens" is the worst answer for someone who cannot read why ✓ is grey.
    """

    def __init__(self, tile: BigTile, hint: Callable[[], None]) -> None:
        super().__init__(tile)
        self._tile = tile
        self._hint = hint
        tile.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._tile
            and not self._tile.isEnabled()
            and event.type() == QEvent.Type.MouseButtonRelease
        ):
            self._hint()
            return True
        return super().eventFilter(watched, event)
