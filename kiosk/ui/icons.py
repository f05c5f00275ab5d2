"""The one place pictograms become Qt images, cached per name and size.

Nothing happens at import: the cache is made on first use, and tests can swap it with
``set_cache()`` or empty it with ``clear_cache()``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.resources import icon_names, icon_path


class IconCache:
    """Rendered pictograms, keyed by name (icons) and name, size, pixel ratio (pixmaps)."""

    def __init__(self) -> None:
        self._icons: dict[str, QIcon] = {}
        self._pixmaps: dict[tuple[str, int, float], QPixmap] = {}

    def icon(self, name: str) -> QIcon:
        """A QIcon that Qt's SVG icon engine draws sharp at whatever size a button asks."""
        found = self._icons.get(name)
        if found is None:
            found = self._icons[name] = QIcon(str(icon_path(name)))
        return found

    def pixmap(self, name: str, size: int, ratio: float) -> QPixmap:
        """The pictogram drawn into a size×size (logical pixels) square at the pixel ratio."""
        key = (name, size, ratio)
        found = self._pixmaps.get(key)
        if found is None:
            found = self._pixmaps[key] = _render(name, size, ratio)
        return found

    def __len__(self) -> int:
        return len(self._icons) + len(self._pixmaps)


def _render(name: str, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(str(icon_path(name)))
    if not renderer.isValid():
        raise ValueError(f"pictogram {name!r} is not a valid SVG")
    side = max(1, round(size * ratio))
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    # Keep the drawing's aspect ratio, centred in the square.
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


_cache: IconCache | None = None


def cache() -> IconCache:
    """The cache in use, made on first call."""
    global _cache
    if _cache is None:
        _cache = IconCache()
    return _cache


def set_cache(new: IconCache | None) -> None:
    """Use another cache (tests); None makes a fresh one on next use."""
    global _cache
    _cache = new


def clear_cache() -> None:
    """Forget every rendered pictogram."""
    set_cache(None)


def icon(name: str) -> QIcon:
    """The pictogram as a QIcon; raises kiosk.resources.UnknownIcon for an unknown name."""
    return cache().icon(name)


def pixmap(name: str, size: int, ratio: float | None = None) -> QPixmap:
    """The pictogram at size×size logical pixels, sharp on the screen's pixel ratio."""
    if size <= 0:
        raise ValueError(f"pixmap size must be positive, not {size}")
    if ratio is None:
        app = QGuiApplication.instance()
        ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return cache().pixmap(name, size, ratio)


def icons_known() -> frozenset[str]:
    """The names of every pictogram the kiosk has (a page falls back where one is missing)."""
    return frozenset(icon_names())


def marked_pixmap(name: str, mark: str, size: int) -> QPixmap:
    """Pictogram ``name`` on a white rounded square (as on the tiles), with pictogram ``mark``
    over its lower right corner: a state of the kiosk shown on the title band (no voice, no
    connection), where a mark on the band's own colour would vanish."""
    base = pixmap(name, size)
    picture = QPixmap(base.size())
    picture.setDevicePixelRatio(base.devicePixelRatio())
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(QRectF(0, 0, size, size), size / 6, size / 6)
    inner = round(size * 0.8)
    painter.drawPixmap(QPointF(0, (size - inner) / 2), pixmap(name, inner))
    corner = round(size * 0.55)
    painter.drawPixmap(QPointF(size - corner, size - corner), pixmap(mark, corner))
    painter.end()
    return picture
