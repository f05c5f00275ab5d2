"""Ayuda, from the member home's "Pedir ayuda": call someone from the centre, or learn how the
kiosk is used (the first-visit guide, shown again whenever she asks)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.areas import HELP_COLOUR
from kiosk.i18n import N_, _
from kiosk.ui.pages.base import Choice, Page, Shell, choice_tiles, tile_grid
from kiosk.ui.widgets.page_words import FixedWords

GUIDE_COLOUR = "#1565c0"


class HelpPage(FixedWords, Page):
    page_name = "help"
    icon_name = "help"
    colour = HELP_COLOUR

    call_requested = Signal()
    guide_requested = Signal()
    title_words = N_("Help")
    purpose_words = N_("What do you need? Touch a picture.")
    help_words = N_(
        "The yellow button calls someone from the centre. The blue button shows you how "
        "the kiosk is used."
    )

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Her two choices.
        tiles = choice_tiles(
            shell,
            self,
            (
                Choice(
                    "help_call",
                    "help",
                    _("Call someone"),
                    _("Call someone: a person from the centre will come to help you"),
                    HELP_COLOUR,
                    self.call_requested,
                ),
                Choice(
                    "help_guide",
                    "help.guide",
                    _("How is it used?"),
                    _("How is it used? I show you the buttons"),
                    GUIDE_COLOUR,
                    self.guide_requested,
                ),
            ),
        )
        self.call_tile, self.guide_tile = tiles
        layout.addLayout(tile_grid(tiles, columns=2))
