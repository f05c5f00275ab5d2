"""Selling, one question a page: the kind of thing, its name (a picture of what members of
that kind sell most, or written), the price, how it counts, a photo, and a last look before
"Publicar"."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.services.trade import TradeCategory, listing_picture
from kiosk.ui import icons
from kiosk.ui.areas.trade.cards import (
    TRADE,
    ListingView,
    add_column,
    heading,
    recolour,
    side_by_side,
    trade_tile,
)
from kiosk.ui.areas.trade.steps import kind_step, price_step, unit_step
from kiosk.ui.areas.trade.texts import SUGGESTIONS, price_text
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label, tile_grid
from kiosk.ui.widgets import BigTile
from kiosk.ui.widgets.wizard import TextStepPage

if TYPE_CHECKING:
    from kiosk.ui.areas.trade.flow import TradeBank

PUBLISH_COLOUR = "#2e7d32"
OTHER_COLOUR = "#455a64"  # "write it" and "no photo": apart from the pictures beside them
WRITE_MAX = 60  # letters on the keyboard: a listing's name, not its story
BLACK = "background: #000000; border-radius: 16px;"
WHITE = "background: #ffffff; border-radius: 16px;"


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
        self.write = trade_tile(
            shell,
            self,
            "trade_sell_write_other",
            "action.keyboard",
            (_("Write it"), _("Write it with the letters")),
            lambda: shell.open("trade_sell_write"),
            OTHER_COLOUR,
        )
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

    def __init__(
        self, shell: Shell, bank: TradeBank, camera: PhotoCamera, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        self.camera = camera
        self.camera_ok = False
        self.active = False  # between entering the page and leaving it
        layout = side_by_side(self)
        self.viewfinder = QLabel(self)
        self.viewfinder.setObjectName("trade_viewfinder")
        self.viewfinder.setMinimumSize(self.VIEW_PX, 270)
        self.viewfinder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.viewfinder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.viewfinder.setStyleSheet(BLACK)
        self.prompt = body_label("", self, bold=True)
        add_column(layout, ((self.viewfinder, 1), (self.prompt, 0)), 3, spacing=None)
        self.take = trade_tile(
            shell,
            self,
            "trade_take_photo",
            "trade.photo",
            (_("Take photo"), _("Take the photo now")),
            self._take,
        )
        self.skip = trade_tile(
            shell,
            self,
            "trade_no_photo",
            TRADE.icon,
            on_tap=lambda: bank.store("photo", None),
            colour=OTHER_COLOUR,
        )
        camera.frame.connect(self._show_frame)
        camera.captured.connect(self._captured)
        camera.failed.connect(self._camera_failed)
        add_column(layout, ((self.take, 1), (self.skip, 1)), 2)

    def title(self) -> str:
        return _("A photo")

    def purpose(self) -> str:
        if self.camera_ok:
            return _("Hold what you sell in front of the camera and touch Take photo.")
        return _("Your listing will show this drawing. Touch Continue.")

    def entered(self) -> None:
        self.active = True
        self._fallback(speak=False)
        if self.camera.available():
            self.camera_ok = True
            self.take.show()
            self.skip.set_words(_("No photo"), _("Use the drawing instead of a photo"))
            self.viewfinder.clear()
            self.viewfinder.setStyleSheet(BLACK)
            self.prompt.setText(self.purpose())
            self.camera.start()

    def _fallback(self, *, speak: bool) -> None:
        self.camera_ok = False
        self.take.hide()
        category = self.bank.values.get("category")
        title = self.bank.values.get("title") or ""
        icon = listing_picture(title, category) if category else TRADE.icon
        self.skip.set_icon(icon)
        self.skip.set_words(_("Continue"), _("Continue with the drawing"))
        self.viewfinder.setStyleSheet(WHITE)
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
        if not self.camera.ready:
            self.shell.speaker.say(_("Wait until you see the picture, then touch again."))
            return
        self.camera.take()

    def _captured(self, data: bytes) -> None:
        self.camera.stop()
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
        self.camera.stop()
        super().hideEvent(event)

    def reset(self) -> None:
        self.active = False
        self.camera.stop()
        self.viewfinder.clear()


class ReviewPage(Page):
    """What will be shown, as members will see it, and "Publicar"."""

    page_name = "trade_sell_review"
    icon_name = "action.yes"
    colour = TRADE.colour

    def __init__(self, shell: Shell, bank: TradeBank, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.bank = bank
        layout = side_by_side(self)
        self.name = heading(self, "trade_review_title", TITLE_PX)
        self.view = ListingView(self, picture_px=240)
        add_column(layout, ((self.name, 0), (self.view, 1)), 3, spacing=None)
        self.publish = trade_tile(
            shell,
            self,
            "trade_publish",
            "action.publish",
            (_("Publish"), _("Publish it for sale")),
            bank.publish,
            PUBLISH_COLOUR,
        )
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
        self.publish.setEnabled(card is not None)
        if card is None:
            self.name.setText("")
            self.view.clear()
            return
        self.name.setText(card.title)
        self.view.show_listing(card, self.bank.values.get("photo"))

    def reset(self) -> None:
        self.bank.forget()
        self.name.clear()
        self.view.clear()


def selling_pages(
    shell: Shell, bank: TradeBank, camera: PhotoCamera, parent: QWidget | None = None
) -> tuple[list[Page], PhotoPage, ReviewPage]:
    """The selling questions in their order (the keyboard's page after the names' pictures),
    with the photo's and the last look's pages named apart."""
    kind = kind_step(
        shell,
        "trade_sell_kind",
        (lambda: _("What kind of thing?"), lambda: _("Touch the picture of what you sell.")),
        lambda value: bank.store("category", value),
        parent,
    )
    write = TextStepPage(
        shell,
        "trade_sell_write",
        "action.keyboard",
        lambda: _("What do you sell?"),
        lambda: _("Write what you sell and touch the green button."),
        bank.written,
        lambda: None,
        max_length=WRITE_MAX,
        parent=parent,
    )
    price = price_step(
        shell,
        "trade_sell_price",
        lambda: _("Type the price in pesos and touch the green button."),
        bank.priced,
        lambda: None,
        parent,
    )
    unit = unit_step(
        shell,
        "trade_sell_unit",
        (
            lambda: _("How do you sell it?"),
            lambda: _("Touch how the price counts: by piece, dozen, kilo, service or package."),
        ),
        lambda value: bank.store("price_unit", value),
        parent,
    )
    photo, review = PhotoPage(shell, bank, camera, parent), ReviewPage(shell, bank, parent)
    steps = [
        recolour(kind, kind.tiles),
        TitlePage(shell, bank, parent),
        recolour(write),
        recolour(price),
        recolour(unit, unit.tiles),
        photo,
        review,
    ]
    return steps, photo, review
