"""Selling, one question a page: the kind of thing, its name (a picture of what members of
that kind sell most, or written), the price, how it counts, a photo, and a last look before
"Publicar"."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QHideEvent, QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.services.trade import TradeCategory, listing_picture
from kiosk.ui.areas.trade.cards import ListingView
from kiosk.ui.areas.trade.pieces import (
    TRADE,
    MemberPage,
    add_column,
    heading,
    recolour,
    side_by_side,
)
from kiosk.ui.areas.trade.steps import Questions, form_steps
from kiosk.ui.areas.trade.texts import SUGGESTIONS, price_text
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label, tile_grid
from kiosk.ui.widgets import BigTile
from kiosk.ui.widgets.camera_view import Viewfinder
from kiosk.ui.widgets.wizard import ChoiceStepPage

if TYPE_CHECKING:
    from kiosk.ui.areas.trade.flow import TradeBank

PUBLISH_COLOUR = "#2e7d32"
OTHER_COLOUR = "#455a64"  # "write it" and "no photo": apart from the pictures beside them
QUESTIONS: Questions = {
    "category": (
        "trade_sell_kind",
        N_("What kind of thing?"),
        N_("Touch the picture of what you sell."),
    ),
    "title": (
        "trade_sell_write",
        N_("What do you sell?"),
        N_("Write what you sell and touch the green button."),
    ),
    "price": (
        "trade_sell_price",
        N_("Price"),
        N_("Type the price in pesos and touch the green button."),
    ),
    "price_unit": (
        "trade_sell_unit",
        N_("How do you sell it?"),
        N_("Touch how the price counts: by piece, dozen, kilo, service or package."),
    ),
}


class TitlePage(MemberPage):
    """The kind's most sold things as pictures with their words; or write another."""

    page_name = "trade_sell_title"
    icon_name = "action.keyboard"
    title_words = N_("What do you sell?")
    purpose_words = N_("Touch the one that says what you sell, or touch Write it.")
    SHOWN = 5

    def build(self) -> None:
        self.phrases: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tiles: list[BigTile] = []
        for index in range(self.SHOWN):
            tile = self.tile(f"trade_sell_title_{index}", TRADE.icon)
            tile.activated.connect(partial(self._tapped, index))
            self.tiles.append(tile)
        words = (_("Write it"), _("Write it with the letters"))
        self.write = self.tile(
            "trade_sell_write_other",
            "action.keyboard",
            words,
            lambda: self.shell.open("trade_sell_write"),
            OTHER_COLOUR,
        )
        layout.addLayout(tile_grid([*self.tiles, self.write]), 1)

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


class PhotoPage(MemberPage):
    """The camera's picture, "Tomar foto" and "Sin foto"; with no working camera, the product's
    pictogram and "Seguir" (no error: the listing simply shows the drawing)."""

    page_name = "trade_sell_photo"
    icon_name = "trade.photo"
    title_words = N_("A photo")

    def __init__(
        self, shell: Shell, bank: TradeBank, camera: PhotoCamera, parent: QWidget | None = None
    ) -> None:
        self.camera = camera
        super().__init__(shell, bank, parent)

    def build(self) -> None:
        self.camera_ok = False
        self.active = False  # between entering the page and leaving it
        layout = side_by_side(self)
        self.viewfinder = Viewfinder("trade_viewfinder", self)
        self.prompt = body_label("", self, bold=True)
        add_column(layout, ((self.viewfinder, 1), (self.prompt, 0)), 3, spacing=None)
        words = (_("Take photo"), _("Take the photo now"))
        self.take = self.tile("trade_take_photo", "trade.photo", words, self._take)
        self.skip = self.tile(
            "trade_no_photo",
            TRADE.icon,
            on_tap=partial(self.bank.store, "photo", None),
            colour=OTHER_COLOUR,
        )
        self.camera.frame.connect(self._show_frame)
        self.camera.captured.connect(self._captured)
        self.camera.failed.connect(self._camera_failed)
        add_column(layout, ((self.take, 1), (self.skip, 1)), 2)

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
            self.viewfinder.wait_for_camera()
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
        self.viewfinder.show_drawing(icon, 220)
        self.prompt.setText(self.purpose())
        if speak:
            self.shell.speaker.say(self.purpose())

    def _show_frame(self, image: QImage) -> None:
        if self.active:
            self.viewfinder.show_frame(image)

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

    def _let_go(self) -> None:
        self.active = False
        self.camera.stop()

    def hideEvent(self, event: QHideEvent) -> None:
        self._let_go()  # leaving the page, by any way, lets the camera go
        super().hideEvent(event)

    def reset(self) -> None:
        self._let_go()
        self.viewfinder.clear()


class ReviewPage(MemberPage):
    """What will be shown, as members will see it, and "Publicar"."""

    page_name = "trade_sell_review"
    icon_name = "action.yes"
    title_words = N_("Check it")

    def build(self) -> None:
        layout = side_by_side(self)
        self.name = heading(self, "trade_review_title", TITLE_PX)
        self.view = ListingView(self, picture_px=240)
        add_column(layout, ((self.name, 0), (self.view, 1)), 3, spacing=None)
        words = (_("Publish"), _("Publish it for sale"))
        self.publish = self.tile(
            "trade_publish", "action.publish", words, self.bank.publish, PUBLISH_COLOUR
        )
        layout.addWidget(self.publish, 2)

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
) -> tuple[list[Page], ReviewPage]:
    """The selling questions in their order (the keyboard's page after the names' pictures),
    in the trade centre's colour, with the last look's page named apart."""
    asked = form_steps(shell, QUESTIONS, bank, parent)
    for step in asked.values():
        recolour(step, step.tiles if isinstance(step, ChoiceStepPage) else ())
    review = ReviewPage(shell, bank, parent)
    steps: list[Page] = [
        asked["category"],
        TitlePage(shell, bank, parent),
        asked["title"],
        asked["price"],
        asked["price_unit"],
        PhotoPage(shell, bank, camera, parent),
        review,
    ]
    return steps, review
