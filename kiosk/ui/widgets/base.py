"""What every piece of the kit shares: the smallest target and gap, the voice it speaks
through, and the window's "escuchar antes de tocar" property. Its own module, so the kit's
modules import it without importing the kit."""

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
