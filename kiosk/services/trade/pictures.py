"""A listing's picture: the product's pictogram from the words of its title."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from kiosk.data.models import (
    TradeCategory,
)

if TYPE_CHECKING:
    pass


# --- a listing's picture ----------------------------------------------------------------------

_WORD = re.compile(r"[a-zñ0-9]+")
PHRASE_MOST_WORDS = 4


def fold(text: str) -> list[str]:
    """The words of a text, lower case without accents ("Chicharrón" reads as "chicharron");
    ñ stays a letter of its own, so "uñas" is not "unas"."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("ñ", "\0"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\0", "ñ")
    return _WORD.findall(plain)


def _singulars(word: str) -> tuple[str, ...]:
    """The word and the singulars it may be: "tamales" -> tamales, tamale, tamal."""
    found = [word]
    if len(word) > 3 and word.endswith("s"):
        found.append(word[:-1])
        if word.endswith("es"):
            found.append(word[:-2])
    return tuple(found)


@cache
def product_pictures() -> dict[str, str]:
    """Folded singular word or phrase -> pictogram name, from product_pictures.json (data, so
    the centre can teach the kiosk new products without touching the code)."""
    raw = json.loads(
        resources.files("kiosk.services").joinpath("product_pictures.json").read_text("utf-8")
    )
    return {" ".join(fold(words)): icon for words, icon in raw["words"].items()}


def product_picture(title: str) -> str | None:
    """The pictogram of what a title names, or None when no word of it is in the table.

    The first word that names a product decides ("Gorditas de chicharrón" is a gordita); at
    that word a longer phrase of the table wins ("Pan dulce" over "pan")."""
    table = product_pictures()
    words = [_singulars(word) for word in fold(title)]
    for start in range(len(words)):
        for size in range(min(PHRASE_MOST_WORDS, len(words) - start), 0, -1):
            for phrase in itertools.product(*words[start : start + size]):
                icon = table.get(" ".join(phrase))
                if icon is not None:
                    return icon
    return None


def listing_picture(title: str, category: TradeCategory | str) -> str:
    """A listing's pictogram when it has no photo: its product's, else its kind's."""
    return product_picture(title) or f"trade.{TradeCategory(category).value}"
