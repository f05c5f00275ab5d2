"""What the savings pages share: the area's colour and picture, each woman's picture, and a
choice as a page shows it (a picture, its words, what is said and what touching it does)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SAVINGS_COLOUR = "#00695c"
SAVINGS_ICON = "need.ahorro"
# Each woman's tile has its own picture, by her place in the group (the pickup pictures the
# centre already uses), so a page of five never shows two women with the same picture.
WOMAN_PICTURES = (
    "pickup.flor",
    "pickup.sol",
    "pickup.mariposa",
    "pickup.estrella",
    "pickup.luna",
    "pickup.pajaro",
    "pickup.manzana",
    "pickup.arbol",
    "pickup.tortuga",
    "pickup.pez",
)


def woman_picture(position: int) -> str:
    """Her picture by her place in the group (1 is the first)."""
    return WOMAN_PICTURES[(position - 1) % len(WOMAN_PICTURES)]


@dataclass(frozen=True)
class Choice:
    """One tile of a step: its picture, its words, what the voice says and what it does."""

    icon: str
    words: str
    spoken: str
    do: Callable[[], None]
    colour: str = SAVINGS_COLOUR
