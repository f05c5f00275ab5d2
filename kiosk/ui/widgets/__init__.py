"""The kiosk's widget kit: big tiles, keypad, keyboard, pager and in-window overlays.

Every piece follows DESIGN.md section 3: picture + word + voice, targets of at least
``MIN_TARGET_PX`` on the smallest edge and ``MIN_GAP_PX`` apart, no native dialogs, menus,
tooltips or scroll bars. Widgets talk through anything with a ``say(text)`` method
(:class:`Speaks`), so tests hand them a recording fake and the window its real Speaker.
"""

from __future__ import annotations

from typing import Protocol


class Speaks(Protocol):
    """Whatever the kit speaks through: the window's Speaker, or a recording fake in tests."""

    def say(self, text: str) -> None: ...


# WCAG 2.2 target size, raised to the kiosk's own floor (DESIGN.md 3.5).
MIN_TARGET_PX = 96
MIN_GAP_PX = 12

# A window (or any ancestor of a tile's window) sets this dynamic property to True to turn on
# "escuchar antes de tocar" for every BigTile inside it that has no setting of its own.
TOUCH_AND_HEAR_PROPERTY = "kioskTouchAndHear"

# The kit's modules import the names above, so they are imported after them.
from kiosk.ui.widgets.keyboard import OnScreenKeyboard, capitalize_words  # noqa: E402
from kiosk.ui.widgets.keypad import KeyButton, NumericKeypad, group_digits  # noqa: E402
from kiosk.ui.widgets.overlays import (  # noqa: E402
    BusyOverlay,
    ConfirmOverlay,
    MessageOverlay,
    Overlay,
)
from kiosk.ui.widgets.pager import Pager, page_slice  # noqa: E402
from kiosk.ui.widgets.tile import (  # noqa: E402
    BigTile,
    contrast_ratio,
    readable_text_colour,
    relative_luminance,
)

__all__ = [
    "MIN_GAP_PX",
    "MIN_TARGET_PX",
    "TOUCH_AND_HEAR_PROPERTY",
    "BigTile",
    "BusyOverlay",
    "ConfirmOverlay",
    "KeyButton",
    "MessageOverlay",
    "NumericKeypad",
    "OnScreenKeyboard",
    "Overlay",
    "Pager",
    "Speaks",
    "capitalize_words",
    "contrast_ratio",
    "group_digits",
    "page_slice",
    "readable_text_colour",
    "relative_luminance",
]
