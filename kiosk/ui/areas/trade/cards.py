"""A listing as the trade centre's member and staff pages show it: its card on a list, its photo
(or pictogram) beside its facts, and the list of six cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.services.trade import ListingCard, listing_picture
from kiosk.ui import icons
from kiosk.ui.areas.trade.pieces import TRADE, side_by_side
from kiosk.ui.areas.trade.texts import STATUS_ICONS, price_text, seller_text
from kiosk.ui.pages.base import (
    BODY_PX,
    TITLE_PX,
    Shell,
    body_label,
    fact_row,
    show_facts,
)
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import MIN_GAP_PX
from kiosk.ui.widgets.card import (
    CardLine,
    CardTile,
    paint_cover,
    paint_picture,
    whole_rows,
    wrap_text,
)
from kiosk.ui.widgets.looks import restyle
from kiosk.ui.widgets.page_words import FixedWords, said
from kiosk.words import mask_phone

CARD_FONT_PX = 24
BADGE_PX = 40

# The listings of one screen and how many there are in all.
Found = tuple[Sequence[ListingCard], int]


def photo_pixmap(data: bytes | None) -> QPixmap | None:
    if not data:
        return None
    pixmap = QPixmap()
    return pixmap if pixmap.loadFromData(data) else None


class ListingTile(CardTile):
    """A listing's card: its photo (or its product's pictogram) with its name beside it, then the
    price and who sells it where. A status picture sits on the photo's corner on her own list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.photo: QPixmap | None = None
        self.badge: str | None = None
        self.lines: tuple[str, str, str] = ("", "", "")

    def set_listing(
        self, title: str, price: str, who: str, photo: QPixmap | None, badge: str | None
    ) -> None:
        self.lines = (title, price, who)
        self.photo = photo
        self.badge = badge
        self.update()

    def paint_card(self, painter: QPainter, area: QRect) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height()
        side = max(48, min(area.height() - 2 * line - 6, int(area.width() * 0.4), 128))
        square = QRect(area.left(), area.top(), side, side)
        if self.photo is not None:
            paint_cover(painter, square, self.photo)
        else:
            paint_picture(painter, square, self.icon_name, int(side * 0.78), 10)
        if self.badge:
            self._paint_badge(painter, square)
        title, price, who = self.lines
        left = square.right() + 12
        width = area.right() - left
        self.draw_rows(
            painter, wrap_text(title, metrics, width, max(1, side // line)), left, area.top(), width
        )
        y = square.bottom() + 6
        # Who and where take the lines left at the bottom (a long place name wraps).
        room = max(1, (area.bottom() - y) // line - 1)
        # Whole or, when the town does not fit too, her name alone: never a name cut short.
        whole = whole_rows(who, metrics, area.width())
        if whole is None or len(whole) > room:
            who = who.split(" · ")[0]
        self.draw_lines(
            painter,
            (CardLine(price), CardLine(who, most=room, optional=True)),
            area.left(),
            y,
            area.width(),
        )

    def _paint_badge(self, painter: QPainter, square: QRect) -> None:
        spot = QRect(
            square.right() - BADGE_PX + 6, square.bottom() - BADGE_PX + 6, BADGE_PX, BADGE_PX
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(spot.adjusted(-4, -4, 4, 4))
        painter.drawPixmap(spot, icons.pixmap(self.badge or "", BADGE_PX))


class ListingView(QWidget):
    """A listing's photo (or pictogram) beside its facts, each with its picture."""

    FACTS = (
        ("price", "misc.money"),
        ("seller", "misc.people"),
        ("phone", "action.phone"),
        ("status", "action.wait"),
    )

    def __init__(self, parent: QWidget, picture_px: int = 260) -> None:
        super().__init__(parent)
        self.picture_px = picture_px
        layout = side_by_side(self, MIN_GAP_PX * 2)
        self.picture = QLabel(self)
        self.picture.setObjectName("listing_picture")
        self.picture.setFixedSize(picture_px, picture_px)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        facts.setSpacing(MIN_GAP_PX)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for key, icon in self.FACTS:
            price = key == "price"
            self.rows[key] = fact_row(
                self,
                facts,
                icon,
                f"listing_{key}",
                picture_px=48,
                px=TITLE_PX if price else BODY_PX,
                bold=price,
            )
        self.description = body_label("", self, px=24)
        self.description.setObjectName("listing_description")
        self.description.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.description.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        facts.addWidget(self.description)
        facts.addStretch(1)
        layout.addLayout(facts, 1)

    def show_listing(
        self,
        card: ListingCard,
        photo: bytes | None,
        *,
        phone: str = "",
        description: str = "",
        status: str = "",
    ) -> None:
        self.set_picture(photo_pixmap(photo), listing_picture(card.title, card.category))
        texts = {
            "price": price_text(card.price, card.price_unit),
            "seller": seller_text(card),
            "phone": mask_phone(phone) if phone else "",
            "status": status,
        }
        show_facts(self.rows, texts)
        # Another centre's listing: its centre's building beside who sells it.
        seller_icon = "trade.elsewhere" if card.centre_name else "misc.people"
        self.rows["seller"][0].setPixmap(icons.pixmap(seller_icon, 48))
        if status:
            self.rows["status"][0].setPixmap(icons.pixmap(STATUS_ICONS[card.status], 48))
        self.description.setText(description)
        self.description.setVisible(bool(description))

    def set_picture(self, photo: QPixmap | None, icon: str) -> None:
        side = self.picture_px
        if photo is None:
            self.picture.setPixmap(icons.pixmap(icon, int(side * 0.8)))
            self.picture.setAccessibleName(icon)
            restyle(self.picture, "background: #ffffff; border-radius: 16px;")
            return
        canvas = QPixmap(side, side)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_cover(painter, QRect(0, 0, side, side), photo)
        painter.end()
        self.picture.setPixmap(canvas)
        self.picture.setAccessibleName("photo")
        restyle(self.picture, "")

    def clear(self) -> None:
        self.picture.clear()
        for _picture, label in self.rows.values():
            label.clear()
        self.description.clear()


class ListingGrid(FixedWords, TileListPage):
    """Six listing cards over a pager: ``found`` reads a screen of them (set by the page that
    knows which list it is), ``photos`` the photos of the cards shown; ``empty_purpose`` is
    said instead of its purpose while it has none."""

    empty_purpose = ""

    icon_name = TRADE.icon
    colour = TRADE.colour
    tile_class = ListingTile
    tile_icon = TRADE.icon
    tile_colour = TRADE.colour
    tile_font_px = CARD_FONT_PX
    spacing = MIN_GAP_PX * 2

    def __init__(
        self,
        shell: Shell,
        photos: Callable[[list[int]], dict[int, bytes]],
        on_choice: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        self._read_photos = photos
        self._on_choice = on_choice
        self._photos: dict[int, bytes] | None = None
        super().__init__(shell, parent)

    @property
    def cards(self) -> tuple[ListingCard, ...]:
        """The listings on the screen shown."""
        return tuple(self.shown)

    def purpose(self) -> str:
        return super().purpose() if self.total else said(self.empty_purpose)

    def found(self, page: int) -> Found:
        raise NotImplementedError

    def load(self, page: int) -> Found:
        return self.found(page)

    def chosen(self, card: ListingCard) -> None:
        self._on_choice(card.id)

    def badge(self, card: ListingCard) -> str | None:
        return None

    def who(self, card: ListingCard) -> str:
        """The card's last line: who sells it, where."""
        return seller_text(card)

    def phrase(self, card: ListingCard) -> str:
        return ". ".join(
            p for p in (card.title, price_text(card.price, card.price_unit), seller_text(card)) if p
        )

    def reset(self) -> None:
        self.shown, self.total = (), 0
        self.restart()

    def restart(self) -> None:
        """Back to the first screen, read afresh when the page opens."""
        self.pager.set_count(0)
        self.pager.set_page(0)

    def show_page(self) -> None:
        self._photos = None  # the photos of this screen's listings, read with the first
        super().show_page()

    def show_item(self, tile: ListingTile, card: ListingCard) -> None:
        if self._photos is None:
            self._photos = self._read_photos([c.id for c in self.shown if c.has_photo])
        tile.set_icon(listing_picture(card.title, card.category))
        price = price_text(card.price, card.price_unit)
        tile.set_words(f"{card.title}\n{price}", self.phrase(card))
        tile.set_listing(
            card.title,
            price,
            self.who(card),
            photo_pixmap(self._photos.get(card.id)),
            self.badge(card),
        )
