"""The "Escuchar todo" tile of a detail page: a tap says the whole page (what it shows and
what to do), not the tile's own name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.i18n import _
from kiosk.ui.widgets.tile import BigTile


def listen_tile(
    parent: QWidget, name: str, phrase: str, colour: str, say_all: Callable[[], None]
) -> BigTile:
    """A choice named ``name`` (``phrase`` tells what it does) whose tap runs ``say_all``."""
    tile = BigTile(
        "nav.speaker", _("Hear it all"), phrase, speaker=None, colour=colour, parent=parent
    )
    tile.setObjectName(name)
    tile.setProperty("kioskChoice", True)
    tile.activated.connect(say_all)
    return tile
