"""The kiosk's widget kit: big tiles, keypad, keyboard, pager and in-window overlays.

Every piece follows DESIGN.md section 3: picture + word + voice, targets of at least
``MIN_TARGET_PX`` on the smallest edge and ``MIN_GAP_PX`` apart, no native dialogs, menus,
tooltips or scroll bars. Widgets talk through anything with a ``say(text)`` method
(:class:`Speaks`), so tests hand them a recording fake and the window its real Speaker.
"""

from __future__ import annotations

from kiosk.ui.widgets.base import (
    MIN_GAP_PX,
    MIN_TARGET_PX,
    TOUCH_AND_HEAR_PROPERTY,
    Speaks,
)
from kiosk.ui.widgets.keyboard import OnScreenKeyboard, capitalize_words
from kiosk.ui.widgets.keypad import KeyButton, NumericKeypad, group_digits
from kiosk.ui.widgets.overlays import (
    BusyOverlay,
    ConfirmOverlay,
    MessageOverlay,
    Overlay,
)
from kiosk.ui.widgets.pager import Pager, page_slice
from kiosk.ui.widgets.tile import (
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
