"""Money as the women count it: an amount in digits, and the Mexican bills and coins that make
it up. No reportlab here: the screens and the slips both draw money this way."""

from __future__ import annotations

from kiosk.i18n import format_money

# Mexican bills and coins, largest first: value in pesos, fill, ring (coins: the outer ring).
BILLS: tuple[tuple[int, str], ...] = (
    (1000, "#6a1b9a"),  # purple
    (500, "#4e6a8a"),  # brown-blue
    (200, "#2e7d32"),  # green
    (100, "#c62828"),  # red
    (50, "#c2185b"),  # pink / magenta
    (20, "#1e88e5"),  # blue
)
SILVER, GOLD = "#b0bec5", "#e0b000"
COINS: tuple[tuple[int, str, str], ...] = (
    (10, GOLD, SILVER),  # gold ring, silver centre
    (5, SILVER, GOLD),
    (2, SILVER, GOLD),
    (1, SILVER, GOLD),
)


def cents_text(cents: int) -> str:
    """``$1,250`` for whole pesos, ``$12.50`` otherwise."""
    return format_money(cents // 100 if cents % 100 == 0 else cents / 100)


def pieces(cents: int) -> list[tuple[int, int]]:
    """The bills and coins that make up an amount, largest first: (pesos, how many); the
    centavos under a peso are left to the digits."""
    pesos = max(0, cents) // 100
    found = []
    for value in [b for b, _c in BILLS] + [c for c, _r, _i in COINS]:
        count, pesos = divmod(pesos, value)
        if count:
            found.append((value, count))
    return found
