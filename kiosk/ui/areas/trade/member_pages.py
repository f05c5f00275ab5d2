"""Trade centre, member side: what members sell, by kind of thing with counts; a kind's listings
six at a time with photo or pictogram, price, seller and place; one listing, spoken, and
"Quiero comprar", which prints the slip with the seller's phone (masked on screen). Signed in,
she sells something in one question per page (kind, name, price, unit, photo, check) and sees
and withdraws her own listings.

Home → Comercio → a kind → a listing → "Quiero comprar": the slip is the fourth tap, on purpose.
Printing a member's phone number is worth one look at what she sells and who she is first, and
the listing's page is where its description is heard.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QImage,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, format_money, ngettext
from kiosk.services.trade import (
    TITLE_MAX,
    ListingCard,
    ListingDetail,
    ListingDraft,
    ListingStatus,
    PriceUnit,
    TradeCategory,
    TradeError,
    TradeService,
    check_price,
    clean_title,
    issue_trade_slip,
    listing_picture,
)
from kiosk.services.vouchers import VoucherService
from kiosk.ui import icons
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.pages.base import (
    BODY_PX,
    TITLE_PX,
    Page,
    Shell,
    body_label,
    choice_tile,
    fact_row,
    show_facts,
    tile_grid,
)
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.slips import SlipDesk, slip_options
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, Pager
from kiosk.ui.widgets.card import (
    CardLine,
    CardTile,
    paint_cover,
    paint_picture,
    whole_rows,
    wrap_text,
)
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, TextStepPage
from kiosk.words import PRICE_UNITS, mask_phone

TRADE = AREA_BY_KEY["trade"]
PER_PAGE = 6
# Four kinds a page under "Vender" and "Mis ventas": six choices in all (DESIGN.md 3.4).
KINDS_PER_PAGE = 4
TOOL_PX = 100  # the row of "Vender" and "Mis ventas" above the 2 × 2 grid (fits 1024 × 768)
TOOL_COLOUR = "#ffccbc"  # light: black words, apart from the kinds of things below
PUBLISH_COLOUR = "#2e7d32"
CARD_FONT_PX = 24
BADGE_PX = 40
WRITE_MAX = 60  # letters on the keyboard: a listing's name, not its story

CATEGORY_WORDS: dict[TradeCategory, str] = {
    TradeCategory.FOOD: N_("Food"),
    TradeCategory.BAKERY: N_("Bakery"),
    TradeCategory.CRAFTS: N_("Crafts"),
    TradeCategory.SEWING: N_("Clothes and sewing"),
    TradeCategory.STATIONERY: N_("Stationery"),
    TradeCategory.SERVICES: N_("Services"),
    TradeCategory.PLANTS: N_("Plants and garden"),
    TradeCategory.OTHER: N_("Other things"),
}
UNIT_WORDS: dict[PriceUnit, str] = {
    PriceUnit.PIECE: N_("By piece"),
    PriceUnit.DOZEN: N_("By dozen"),
    PriceUnit.KILO: N_("By kilo"),
    PriceUnit.SERVICE: N_("Per service"),
    PriceUnit.PACKAGE: N_("By package"),
}
# What members sell most, per kind: one touch instead of writing.
SUGGESTIONS: dict[TradeCategory, tuple[str, ...]] = {
    TradeCategory.FOOD: (
        N_("Tamales"),
        N_("Flour tortillas"),
        N_("Burritos"),
        N_("Gorditas"),
        N_("Home-made food"),
    ),
    TradeCategory.BAKERY: (
        N_("Sweet bread"),
        N_("Cakes"),
        N_("Cookies"),
        N_("Empanadas"),
        N_("Coyotas"),
    ),
    TradeCategory.CRAFTS: (
        N_("Embroidery"),
        N_("Piñatas"),
        N_("Bead earrings"),
        N_("Crochet blankets"),
        N_("Party decorations"),
    ),
    TradeCategory.SEWING: (
        N_("Clothes made to measure"),
        N_("Clothing repairs"),
        N_("School uniforms"),
        N_("Curtains"),
        N_("Embroidered blouses"),
    ),
    TradeCategory.STATIONERY: (
        N_("Photocopies"),
        N_("School supplies"),
        N_("Binding and laminating"),
        N_("Gift wrapping"),
        N_("Greeting cards"),
    ),
    TradeCategory.SERVICES: (
        N_("Haircuts"),
        N_("Nails"),
        N_("Ironing"),
        N_("Make-up"),
        N_("House cleaning"),
    ),
    TradeCategory.PLANTS: (
        N_("Ornamental plants"),
        N_("Vegetables"),
        N_("Succulents"),
        N_("Medicinal herbs"),
        N_("Seedlings"),
    ),
    TradeCategory.OTHER: (
        N_("Cleaning products"),
        N_("Hand-made soap"),
        N_("Chair and table rental"),
        N_("Disposable plates"),
        N_("Second-hand clothes"),
    ),
}
STATUS_ICONS: dict[ListingStatus, str] = {
    ListingStatus.PENDING: "action.wait",
    ListingStatus.PUBLISHED: "action.yes",
    ListingStatus.REJECTED: "action.warning",
    ListingStatus.WITHDRAWN: "action.erase",
}
STATUS_WORDS: dict[ListingStatus, str] = {
    ListingStatus.PENDING: N_("Waiting"),
    ListingStatus.PUBLISHED: N_("Shown"),
    ListingStatus.REJECTED: N_("Sent back"),
    ListingStatus.WITHDRAWN: N_("Withdrawn"),
}


def category_word(category: TradeCategory | str) -> str:
    return _(CATEGORY_WORDS[TradeCategory(category)])


def category_icon(category: TradeCategory | str) -> str:
    return f"trade.{TradeCategory(category).value}"


def price_text(amount: Decimal, unit: PriceUnit | str) -> str:
    """``$180 por docena``: digits and the unit (DESIGN.md 3.3)."""
    unit = str(PriceUnit(unit))
    return f"{format_money(amount)} {_(PRICE_UNITS[unit])}"


def seller_text(card: ListingCard) -> str:
    return " · ".join(part for part in (card.seller_first_name, card.locality) if part)


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
            spot = QRect(
                square.right() - BADGE_PX + 6, square.bottom() - BADGE_PX + 6, BADGE_PX, BADGE_PX
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffffff"))
            painter.drawEllipse(spot.adjusted(-4, -4, 4, 4))
            painter.drawPixmap(spot, icons.pixmap(self.badge, BADGE_PX))
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


def tool_tile(
    shell: Shell, parent: QWidget, name: str, icon: str, words: str, phrase: str
) -> BigTile:
    tile = BigTile(icon, words, phrase, speaker=shell.speaker, colour=TOOL_COLOUR, parent=parent)
    tile.setObjectName(name)
    tile.setFixedHeight(TOOL_PX)
    tile.set_font_px(24)
    return tile


def trade_tile(
    shell: Shell, parent: QWidget, name: str, icon: str, colour: str = TRADE.colour
) -> BigTile:
    """A choice of the trade centre's pages, in its colour unless it says."""
    return choice_tile(shell, parent, name, icon, colour=colour)


# --- the kinds of things, with "sell" and "my listings" ---------------------------------------


class TradePage(Page):
    """Kinds of things for sale with their counts in digits; sell and her own list on top."""

    page_name = "trade"
    icon_name = TRADE.icon
    colour = TRADE.colour

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        self._counts: dict[TradeCategory, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 2)
        # Tools of the area rather than choices of this page: like the job filters, one row.
        self.sell_tile = tool_tile(
            shell, self, "trade_sell", "action.publish", _("Sell"), _("Sell something of yours")
        )
        self.sell_tile.activated.connect(bank.start_selling)
        self.mine_tile = tool_tile(
            shell,
            self,
            "trade_my_listings",
            "trade.mine",
            _("My listings"),
            _("See and withdraw what you sell"),
        )
        self.mine_tile.activated.connect(bank.show_mine)
        row.addWidget(self.sell_tile, 1)
        row.addWidget(self.mine_tile, 1)
        layout.addLayout(row)
        self.tiles: list[BigTile] = []
        for index in range(KINDS_PER_PAGE):
            tile = trade_tile(shell, self, f"trade_{index}", TRADE.icon)
            tile.activated.connect(partial(self._tapped, index))
            self.tiles.append(tile)
        layout.addLayout(tile_grid(self.tiles, columns=2), 1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._fill())
        layout.addWidget(self.pager)

    def title(self) -> str:
        return _(TRADE.words)

    def purpose(self) -> str:
        return _("Touch the kind of thing you want to buy. The number says how many there are.")

    def help_text(self) -> str:
        return _(
            "Here members sell to each other. Each picture is a kind of thing, with how many "
            "there are for sale. Touch one to see them. To sell something of yours, touch "
            "Sell at the top; to see or take down what you sell, touch My listings. The arrows "
            "show more kinds."
        )

    def entered(self) -> None:
        self._counts = self.bank.service.category_counts()
        self.pager.set_count(len(TradeCategory), KINDS_PER_PAGE)
        self._fill()

    def reset(self) -> None:
        self.pager.set_page(0)

    def count(self, category: TradeCategory) -> int:
        return self._counts.get(category, 0)

    def _shown(self) -> list[TradeCategory]:
        start = self.pager.page * KINDS_PER_PAGE
        return list(TradeCategory)[start : start + KINDS_PER_PAGE]

    def _fill(self) -> None:
        shown = self._shown()
        for index, tile in enumerate(self.tiles):
            tile.setVisible(index < len(shown))
            if index < len(shown):
                category = shown[index]
                number = self._counts.get(category, 0)
                tile.set_icon(category_icon(category))
                word = category_word(category)
                phrase = ngettext(
                    "{kind}: {count} for sale", "{kind}: {count} for sale", number
                ).format(kind=word, count=number)
                tile.set_words(f"{word} {number}", phrase)

    def _tapped(self, index: int) -> None:
        shown = self._shown()
        if index < len(shown):
            self.bank.show_category(shown[index])


# --- a kind's listings ------------------------------------------------------------------------


class ListingGrid(TileListPage):
    """Six listing cards over a pager; what fills them is the subclass's."""

    icon_name = TRADE.icon
    colour = TRADE.colour
    tile_class = ListingTile
    tile_icon = TRADE.icon
    tile_colour = TRADE.colour
    tile_font_px = CARD_FONT_PX
    spacing = MIN_GAP_PX * 2

    def __init__(self, shell: Shell, service: TradeService, parent: QWidget | None = None) -> None:
        self.service = service
        self._photos: dict[int, bytes] | None = None
        super().__init__(shell, parent)

    @property
    def cards(self) -> tuple[ListingCard, ...]:
        """The listings on the screen shown."""
        return tuple(self.shown)

    def load(self, page: int) -> tuple[tuple[ListingCard, ...], int]:
        raise NotImplementedError

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
        self.pager.set_count(0)
        self.pager.set_page(0)

    def show_page(self) -> None:
        self._photos = None  # the photos of this screen's listings, read with the first
        super().show_page()

    def show_item(self, tile: ListingTile, card: ListingCard) -> None:
        if self._photos is None:
            self._photos = self.service.photos([c.id for c in self.shown if c.has_photo])
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


class TradeListPage(ListingGrid):
    page_name = "trade_list"
    empty_text = N_("Nothing of this kind is for sale now. Go back and look at another kind.")

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        self.bank = bank
        super().__init__(shell, bank.service, parent)
        self.category: TradeCategory | None = None

    def choose(self, category: TradeCategory) -> None:
        self.category = TradeCategory(category)
        self.pager.set_count(0)
        self.pager.set_page(0)

    def title(self) -> str:
        return category_word(self.category) if self.category else _(TRADE.words)

    def purpose(self) -> str:
        if not self.total:
            return _("Nothing of this kind is for sale now.")
        return _("Touch what you want to see: its price, who sells it and where.")

    def help_text(self) -> str:
        return _(
            "Each picture is something a member sells, with its price, her name and where she "
            "lives. Touch one to hear about it and to print her phone. The arrows show more."
        )

    def load(self, page: int) -> tuple[tuple[ListingCard, ...], int]:
        if self.category is None:
            return (), 0
        found = self.bank.service.list_listings(self.category, page, PER_PAGE)
        return found.cards, found.total

    def chosen(self, card: ListingCard) -> None:
        self.bank.show_listing(card.id)

    def reset(self) -> None:
        super().reset()
        self.category = None


# --- one listing ------------------------------------------------------------------------------


class ListingView(QWidget):
    """A listing's photo (or pictogram) beside its facts, each with its picture."""

    def __init__(self, parent: QWidget, picture_px: int = 260) -> None:
        super().__init__(parent)
        self.picture_px = picture_px
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        self.picture = QLabel(self)
        self.picture.setObjectName("listing_picture")
        self.picture.setFixedSize(picture_px, picture_px)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        facts.setSpacing(MIN_GAP_PX)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for key, icon in (
            ("price", "misc.money"),
            ("seller", "misc.people"),
            ("phone", "action.phone"),
            ("status", "action.wait"),
        ):
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
        if status:
            self.rows["status"][0].setPixmap(icons.pixmap(STATUS_ICONS[card.status], 48))
        self.description.setText(description)
        self.description.setVisible(bool(description))

    def set_picture(self, photo: QPixmap | None, icon: str) -> None:
        side = self.picture_px
        if photo is None:
            self.picture.setPixmap(icons.pixmap(icon, int(side * 0.8)))
            self.picture.setAccessibleName(icon)
            self.picture.setStyleSheet("background: #ffffff; border-radius: 16px;")
            return
        canvas = QPixmap(side, side)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_cover(painter, QRect(0, 0, side, side), photo)
        painter.end()
        self.picture.setPixmap(canvas)
        self.picture.setAccessibleName("photo")
        self.picture.setStyleSheet("")

    def clear(self) -> None:
        self.picture.clear()
        for _picture, label in self.rows.values():
            label.clear()
        self.description.clear()


class TradeDetailPage(Page):
    """What she chose: spoken when it opens; "Quiero comprar" prints the seller's phone."""

    page_name = "trade_detail"
    icon_name = TRADE.icon
    colour = TRADE.colour

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        self.listing: ListingDetail | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        self.view = ListingView(self)
        left.addWidget(self.view, 1)
        self.printing = body_label("", self, bold=True)
        self.printing.setObjectName("trade_printing")
        left.addWidget(self.printing)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.buy = trade_tile(shell, self, "trade_buy", "trade.buy")
        self.buy.activated.connect(bank.buy)
        right.addWidget(self.buy, 1)
        self.listen = BigTile(
            "nav.speaker",
            _("Hear it all"),
            _("Hear everything about it"),
            speaker=None,  # the tap says the whole listing instead of its name
            colour=TRADE.colour,
            parent=self,
        )
        self.listen.setObjectName("trade_listen")
        self.listen.setProperty("kioskChoice", True)
        self.listen.activated.connect(lambda: shell.speaker.say(self.everything()))
        right.addWidget(self.listen, 1)
        layout.addLayout(right, 2)
        self.buy.set_words(_("Print to buy"), _("Print the seller's phone to buy"))
        self.reset()

    def show_listing(self, listing: ListingDetail, photo: bytes | None) -> None:
        self.listing = listing
        self.buy.show()
        self.listen.show()
        self.view.show_listing(
            listing, photo, phone=listing.contact_phone, description=listing.description
        )
        self.set_printed(False)

    def set_printed(self, printed: bool) -> None:
        listing = self.listing
        if listing is None:
            return
        if printed:
            self.buy.set_icon("action.print")
            self.buy.set_words(_("Print again"), _("Print the slip again"))
            self.printing.setText(
                _("Your slip with {name}'s phone is printing. Call her to buy.").format(
                    name=listing.seller_first_name
                )
            )
        else:
            self.buy.set_icon("trade.buy")
            self.buy.set_words(_("Print to buy"), _("Print the seller's phone to buy"))
            self.printing.clear()

    def title(self) -> str:
        return self.listing.title if self.listing else _(TRADE.words)

    def purpose(self) -> str:
        listing = self.listing
        if listing is None:
            return _("Go back and touch something for sale.")
        parts = [
            price_text(listing.price, listing.price_unit),
            _("Sold by {name}").format(name=seller_text(listing)),
            listing.description,
            _("To buy, touch Print to buy: her phone will print."),
        ]
        return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."

    def help_text(self) -> str:
        return _(
            "This is something a member sells. Touch the cart to print a slip with her phone, "
            "then call her to buy. Touch the speaker to hear it all again."
        )

    def everything(self) -> str:
        return f"{self.title()}. {self.purpose()}"

    def reset(self) -> None:
        self.listing = None
        self.view.clear()
        self.printing.setText(_("Go back and touch something for sale."))
        self.buy.hide()
        self.listen.hide()
        self.bank.number = None


# --- her own listings -------------------------------------------------------------------------


class TradeMinePage(ListingGrid):
    page_name = "trade_mine"
    icon_name = "trade.mine"
    empty_text = N_("You are not selling anything yet. Go back and touch Sell.")

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        self.bank = bank
        super().__init__(shell, bank.service, parent)

    def title(self) -> str:
        return _("My listings")

    def purpose(self) -> str:
        if not self.total:
            return _("You are not selling anything yet.")
        return _("This is what you sell. Touch one to see it or to take it down.")

    def help_text(self) -> str:
        return _(
            "An hourglass means the staff have not approved it yet. A green mark means it is "
            "shown. A warning means the staff sent it back: touch it to hear why."
        )

    def load(self, page: int) -> tuple[tuple[ListingCard, ...], int]:
        member = self.shell.visit.member
        if member is None:
            return (), 0
        found = self.bank.service.mine(member.id, page, PER_PAGE)
        return found.cards, found.total

    def badge(self, card: ListingCard) -> str | None:
        return STATUS_ICONS[card.status]

    def who(self, card: ListingCard) -> str:
        # Her own list: where each one stands, in words beside the picture on its corner.
        return _(STATUS_WORDS[card.status])

    def phrase(self, card: ListingCard) -> str:
        return f"{card.title}. {_(STATUS_WORDS[card.status])}"

    def chosen(self, card: ListingCard) -> None:
        self.bank.show_own(card.id)


def status_sentence(listing: ListingDetail) -> str:
    if listing.status is ListingStatus.PENDING:
        return _("Waiting for the staff to approve it.")
    if listing.status is ListingStatus.PUBLISHED:
        return _("It is shown in Trade.")
    if listing.status is ListingStatus.REJECTED:
        return _("The staff sent it back: {reason}").format(reason=listing.reject_reason)
    return _("Withdrawn.")


class TradeOwnPage(Page):
    """One of her listings: where it stands, and "Quitar"."""

    page_name = "trade_own"
    icon_name = "trade.mine"
    colour = TRADE.colour

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        self.listing: ListingDetail | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        self.view = ListingView(self)
        layout.addWidget(self.view, 3)
        self.withdraw = trade_tile(shell, self, "trade_withdraw", "action.erase")
        self.withdraw.set_words(_("Take down"), _("Stop selling this"))
        self.withdraw.activated.connect(bank.withdraw_own)
        layout.addWidget(self.withdraw, 2)
        self.withdraw.hide()

    def show_listing(self, listing: ListingDetail, photo: bytes | None) -> None:
        self.listing = listing
        self.withdraw.show()
        self.view.show_listing(listing, photo, status=status_sentence(listing))

    def title(self) -> str:
        return self.listing.title if self.listing else _("My listings")

    def purpose(self) -> str:
        if self.listing is None:
            return _("Go back and touch one of your listings.")
        return status_sentence(self.listing)

    def help_text(self) -> str:
        return _("Touch Take down to stop selling it. It will no longer be shown.")

    def reset(self) -> None:
        self.listing = None
        self.view.clear()
        self.withdraw.hide()


# --- selling: one question per page -----------------------------------------------------------


def _recolour(page: Page, tiles: list[BigTile] | None = None) -> None:
    """The wizard's pages are the staff desk's step pages in the trade centre's colour."""
    page.colour = TRADE.colour
    for tile in tiles or []:
        tile.set_colour(TRADE.colour)


class TitlePage(Page):
    """The kind's most sold things as pictures with their words; or write another."""

    page_name = "trade_sell_title"
    icon_name = "action.keyboard"
    colour = TRADE.colour
    SHOWN = 5

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        self.phrases: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tiles: list[BigTile] = []
        for index in range(self.SHOWN):
            tile = trade_tile(shell, self, f"trade_sell_title_{index}", TRADE.icon)
            tile.activated.connect(partial(self._tapped, index))
            self.tiles.append(tile)
        self.write = trade_tile(shell, self, "trade_sell_write_other", "action.keyboard", "#455a64")
        self.write.set_words(_("Write it"), _("Write it with the letters"))
        self.write.activated.connect(lambda: shell.open("trade_sell_write"))
        layout.addLayout(tile_grid([*self.tiles, self.write]), 1)

    def title(self) -> str:
        return _("What do you sell?")

    def purpose(self) -> str:
        return _("Touch the one that says what you sell, or touch Write it.")

    def entered(self) -> None:
        category = self.bank.values.get("category")
        kind = TradeCategory(category) if category else None
        self.phrases = SUGGESTIONS[kind] if kind is not None else ()
        for index, tile in enumerate(self.tiles):
            tile.setVisible(index < len(self.phrases))
            if kind is not None and index < len(self.phrases):
                words = _(self.phrases[index])
                tile.set_icon(listing_picture(words, kind))
                tile.set_words(words, words)

    def _tapped(self, index: int) -> None:
        if index < len(self.phrases):
            self.bank.store("title", _(self.phrases[index]))


class PhotoPage(Page):
    """The camera's picture, "Tomar foto" and "Sin foto"; with no working camera, the product's
    pictogram and "Seguir" (no error: the listing simply shows the drawing)."""

    page_name = "trade_sell_photo"
    icon_name = "trade.photo"
    colour = TRADE.colour
    VIEW_PX = 360

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        self.camera_ok = False
        self.active = False  # between entering the page and leaving it
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        self.viewfinder = QLabel(self)
        self.viewfinder.setObjectName("trade_viewfinder")
        self.viewfinder.setMinimumSize(self.VIEW_PX, 270)
        self.viewfinder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.viewfinder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.viewfinder.setStyleSheet("background: #000000; border-radius: 16px;")
        left.addWidget(self.viewfinder, 1)
        self.prompt = body_label("", self, bold=True)
        left.addWidget(self.prompt)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.take = trade_tile(shell, self, "trade_take_photo", "trade.photo")
        self.take.set_words(_("Take photo"), _("Take the photo now"))
        self.take.activated.connect(self._take)
        self.skip = trade_tile(shell, self, "trade_no_photo", TRADE.icon, "#455a64")
        self.skip.activated.connect(lambda: bank.store("photo", None))
        bank.camera.frame.connect(self._show_frame)
        bank.camera.captured.connect(self._captured)
        bank.camera.failed.connect(self._camera_failed)
        right.addWidget(self.take, 1)
        right.addWidget(self.skip, 1)
        layout.addLayout(right, 2)

    def title(self) -> str:
        return _("A photo")

    def purpose(self) -> str:
        if self.camera_ok:
            return _("Hold what you sell in front of the camera and touch Take photo.")
        return _("Your listing will show this drawing. Touch Continue.")

    def entered(self) -> None:
        camera = self.bank.camera
        self.active = True
        self._fallback(speak=False)
        if camera.available():
            self.camera_ok = True
            self.take.show()
            self.skip.set_words(_("No photo"), _("Use the drawing instead of a photo"))
            self.viewfinder.clear()
            self.viewfinder.setStyleSheet("background: #000000; border-radius: 16px;")
            self.prompt.setText(self.purpose())
            camera.start()

    def _fallback(self, *, speak: bool) -> None:
        self.camera_ok = False
        self.take.hide()
        category = self.bank.values.get("category")
        title = self.bank.values.get("title") or ""
        icon = listing_picture(title, category) if category else TRADE.icon
        self.skip.set_icon(icon)
        self.skip.set_words(_("Continue"), _("Continue with the drawing"))
        self.viewfinder.setStyleSheet("background: #ffffff; border-radius: 16px;")
        self.viewfinder.setPixmap(icons.pixmap(icon, 220))
        self.prompt.setText(self.purpose())
        if speak:
            self.shell.speaker.say(self.purpose())

    def _show_frame(self, image: QImage) -> None:
        if not self.active:
            return
        pixmap = QPixmap.fromImage(image).scaled(
            self.viewfinder.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
        self.viewfinder.setPixmap(pixmap)

    def _take(self) -> None:
        if not self.bank.camera.ready:
            self.shell.speaker.say(_("Wait until you see the picture, then touch again."))
            return
        self.bank.camera.take()

    def _captured(self, data: bytes) -> None:
        self.bank.camera.stop()
        if self.active:
            self.bank.store("photo", data)

    def _camera_failed(self) -> None:
        # Also while the page is being entered (a camera that fails at once): then the page
        # opens with the drawing and says so itself.
        if self.active:
            self._fallback(speak=self.isVisible())

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page, by any way, lets the camera go.
        self.active = False
        self.bank.camera.stop()
        super().hideEvent(event)

    def reset(self) -> None:
        self.active = False
        self.bank.camera.stop()
        self.viewfinder.clear()


class ReviewPage(Page):
    """What will be shown, as members will see it, and "Publicar"."""

    page_name = "trade_sell_review"
    icon_name = "action.yes"
    colour = TRADE.colour

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        self.name = body_label("", self, px=TITLE_PX, bold=True)
        self.name.setObjectName("trade_review_title")
        self.name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        left.addWidget(self.name)
        self.view = ListingView(self, picture_px=240)
        left.addWidget(self.view, 1)
        layout.addLayout(left, 3)
        self.publish = trade_tile(shell, self, "trade_publish", "action.publish", PUBLISH_COLOUR)
        self.publish.set_words(_("Publish"), _("Publish it for sale"))
        self.publish.activated.connect(bank.publish)
        layout.addWidget(self.publish, 2)

    def title(self) -> str:
        return _("Check it")

    def purpose(self) -> str:
        card = self.bank.preview()
        if card is None:
            return _("Go back and answer the questions.")
        return _("{title}, {price}. If it is right, touch Publish.").format(
            title=card.title, price=price_text(card.price, card.price_unit)
        )

    def entered(self) -> None:
        card = self.bank.preview()
        if card is None:
            self.name.setText("")
            self.view.clear()
            self.publish.setEnabled(False)
            return
        self.publish.setEnabled(True)
        self.name.setText(card.title)
        self.view.show_listing(card, self.bank.values.get("photo"))

    def reset(self) -> None:
        self.bank.forget()
        self.name.clear()
        self.view.clear()


# --- wiring -----------------------------------------------------------------------------------

STEPS = (
    "trade_sell_kind",
    "trade_sell_title",
    "trade_sell_price",
    "trade_sell_unit",
    "trade_sell_photo",
    "trade_sell_review",
)
NEXT = {
    "category": "trade_sell_title",
    "title": "trade_sell_price",
    "price": "trade_sell_unit",
    "price_unit": "trade_sell_photo",
    "photo": "trade_sell_review",
}


class TradeBank:
    """The member pages of the trade centre and what ties them: the service, the listing shown
    and its slip, the camera, and what she has answered so far while selling."""

    def __init__(
        self,
        shell: Shell,
        service: TradeService,
        vouchers: VoucherService,
        slip_desk: SlipDesk,
        parent: QWidget | None = None,
        *,
        camera: PhotoCamera | None = None,
    ) -> None:
        self.shell = shell
        self.service = service
        self.vouchers = vouchers
        self.slip_desk = slip_desk
        self.camera = camera or PhotoCamera(parent)
        self.values: dict[str, Any] = {}
        self.number: str | None = None  # the slip printed on the detail page
        self.categories = TradePage(shell, self, parent)
        self.list = TradeListPage(shell, self, parent)
        self.detail = TradeDetailPage(shell, self, parent)
        self.mine = TradeMinePage(shell, self, parent)
        self.own = TradeOwnPage(shell, self, parent)
        self._pages: list[Page] = [self.categories, self.list, self.detail, self.mine, self.own]
        self._build_wizard(parent)

    def reset(self) -> None:
        """Her visit is over: no half-made listing, no slip number to print again."""
        self.values = {}
        self.number = None

    def pages(self) -> list[Page]:
        return list(self._pages)

    # --- browsing and buying --------------------------------------------------------------

    def show_category(self, category: TradeCategory) -> None:
        self.list.choose(category)
        self.shell.open("trade_list")

    def show_listing(self, listing_id: int) -> None:
        try:
            listing = self.service.get(listing_id)
        except TradeError as exc:
            self.shell.show_error(str(exc))
            self.list.refresh()
            return
        self.number = None
        self.detail.show_listing(
            listing, self.service.photo(listing.id) if listing.has_photo else None
        )
        self.shell.open("trade_detail")

    def buy(self) -> None:
        """ "Quiero comprar": the slip with the seller's name and phone prints; a second tap
        prints the same slip again."""
        shown = self.detail.listing
        if shown is None:
            return
        if self.number is not None:
            self.shell.speaker.say(_("Your slip is printing again."))
            self.slip_desk.print_slip(self.number)
            return
        try:
            listing = self.service.get(shown.id)  # withdrawn a moment ago?
        except TradeError as exc:
            self.shell.show_error(str(exc))
            return
        voucher = issue_trade_slip(self.vouchers, listing, slip_options(self.shell.settings))
        self.number = voucher.number
        self.detail.set_printed(True)
        self.shell.task_done()
        self.shell.speaker.say(self.detail.printing.text())
        self.slip_desk.print_slip(voucher.number)

    # --- her own listings -----------------------------------------------------------------

    def show_mine(self) -> None:
        if self.shell.visit.member is None:
            self.shell.sign_in("trade_mine")
            return
        self.mine.reset()
        self.shell.open("trade_mine")

    def show_own(self, listing_id: int) -> None:
        try:
            listing = self.service.staff_get(listing_id)
        except TradeError as exc:
            self.shell.show_error(str(exc))
            return
        self.own.show_listing(
            listing, self.service.photo(listing.id) if listing.has_photo else None
        )
        self.shell.open("trade_own")

    def withdraw_own(self) -> None:
        listing = self.own.listing
        member = self.shell.visit.member
        if listing is None or member is None:
            return

        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                self.service.withdraw(listing.id, seller_id=member.id)
            except TradeError as exc:
                self.shell.show_error(str(exc))
                return
            self.shell.back()
            self.shell.show_message(_("Done: it is no longer shown."), "action.yes")

        self.shell.confirm(
            _("Stop selling it? It will no longer be shown."), "action.erase", answer
        )

    # --- selling --------------------------------------------------------------------------

    def _build_wizard(self, parent: QWidget | None) -> None:
        shell = self.shell
        kinds = [(c.value, category_icon(c), lambda c=c: category_word(c)) for c in TradeCategory]
        units = [(u.value, f"unit.{u.value}", lambda u=u: _(UNIT_WORDS[u])) for u in PriceUnit]
        kind_page = ChoiceStepPage(
            shell,
            "trade_sell_kind",
            TRADE.icon,
            lambda: _("What kind of thing?"),
            lambda: _("Touch the picture of what you sell."),
            kinds,
            lambda value: self.store("category", value),
            parent=parent,
        )
        write_page = TextStepPage(
            shell,
            "trade_sell_write",
            "action.keyboard",
            lambda: _("What do you sell?"),
            lambda: _("Write what you sell and touch the green button."),
            self._written,
            lambda: None,
            max_length=WRITE_MAX,
            parent=parent,
        )
        price_page = NumberStepPage(
            shell,
            "trade_sell_price",
            "misc.money",
            lambda: _("Price"),
            lambda: _("Type the price in pesos and touch the green button."),
            self._priced,
            lambda: None,
            max_length=6,
            parent=parent,
        )
        unit_page = ChoiceStepPage(
            shell,
            "trade_sell_unit",
            "unit.pieza",
            lambda: _("How do you sell it?"),
            lambda: _("Touch how the price counts: by piece, dozen, kilo, service or package."),
            units,
            lambda value: self.store("price_unit", value),
            parent=parent,
        )
        for page, tiles in ((kind_page, kind_page.tiles), (unit_page, unit_page.tiles)):
            _recolour(page, tiles)
        for typed_page in (write_page, price_page):
            _recolour(typed_page)
        self.photo_page = PhotoPage(shell, self, parent)
        self.review = ReviewPage(shell, self, parent)
        self.wizard_pages: list[Page] = [
            kind_page,
            TitlePage(shell, self, parent),
            write_page,
            price_page,
            unit_page,
            self.photo_page,
            self.review,
        ]
        self._pages += self.wizard_pages

    def start_selling(self) -> None:
        """ "Vender": a fresh form; she signs in first if she has not."""
        for page in self.wizard_pages:
            page.reset()
        self.forget()
        if self.shell.visit.member is None:
            self.shell.sign_in(STEPS[0])
        else:
            self.shell.open(STEPS[0])

    def store(self, key: str, value: Any) -> None:
        self.values[key] = value
        following = NEXT[key]
        if following == "trade_sell_photo" and not self.camera.available():
            # No camera at this station: the listing shows its product's pictogram.
            self.values["photo"] = None
            following = "trade_sell_review"
        self.shell.open(following)

    def _written(self, text: str) -> None:
        title = text[:1].upper() + text[1:].lower()  # the keyboard capitalizes every word
        try:
            title = clean_title(title)
        except TradeError as exc:
            self.shell.show_error(str(exc), "action.keyboard")
            return
        self.store("title", title[:TITLE_MAX])

    def _priced(self, digits: str) -> None:
        try:
            price = check_price(digits)
        except TradeError as exc:
            # The digits stay on the keypad to be corrected.
            self.shell.show_error(str(exc), "misc.money")
            return
        self.store("price", str(price))

    def preview(self) -> ListingCard | None:
        """Her listing as members will see it, from what she answered; None when incomplete."""
        member = self.shell.visit.member
        values = self.values
        if member is None or not all(
            k in values for k in ("category", "title", "price", "price_unit")
        ):
            return None
        return ListingCard(
            id=0,
            title=values["title"],
            category=TradeCategory(values["category"]),
            price=Decimal(values["price"]),
            price_unit=PriceUnit(values["price_unit"]),
            seller_first_name=member.first_name,
            locality=member.locality,
            has_photo=bool(values.get("photo")),
            status=ListingStatus.PENDING,
        )

    def publish(self) -> None:
        member = self.shell.visit.member
        if member is None:
            self.shell.sign_in(STEPS[0])
            return
        if self.preview() is None:
            self.shell.open(STEPS[0])
            return
        values = self.values
        draft = ListingDraft(
            title=values["title"],
            category=values["category"],
            price=values["price"],
            price_unit=values["price_unit"],
            photo=values.get("photo"),
        )
        try:
            listing = self.service.publish(member.id, draft)
        except TradeError as exc:
            if values.get("photo"):
                # The photo was the problem or not: without it the next tap can only be simpler.
                values["photo"] = None
                self.review.entered()
            self.shell.show_error(str(exc))
            return
        self.forget()
        for page in self.wizard_pages:
            page.reset()
        self.shell.task_done()
        self.shell.open_fresh("trade_mine")
        if listing.status is ListingStatus.PUBLISHED:
            said = _("Done. It is already shown in Trade.")
        else:
            said = _(
                "Done. The staff will check it, and it will be shown in Trade as soon as they "
                "approve it. Ask at the desk if it is urgent."
            )
        self.shell.show_message(said, "action.yes")

    def forget(self) -> None:
        self.values = {}
