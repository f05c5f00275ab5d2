"""A listing's picture from its title: the table of words is data, every picture it names is a
pictogram the kiosk ships, the words a member writes (plural, accents or not) find their
product's picture, and a title the table does not know shows its kind's picture."""

from __future__ import annotations

import pytest

from kiosk.resources import icon_names
from kiosk.services.trade import (
    TradeCategory,
    fold,
    listing_picture,
    product_picture,
    product_pictures,
)


def test_every_picture_of_the_table_is_a_pictogram() -> None:
    table = product_pictures()
    assert len(table) >= 100
    missing = sorted({icon for icon in table.values() if icon not in icon_names()})
    assert missing == []


def test_the_table_is_written_as_the_kiosk_reads_it() -> None:
    """Lower case, without accents, one space between words: a key written otherwise would
    never be found."""
    for words in product_pictures():
        assert words == " ".join(fold(words)), words


@pytest.mark.parametrize(
    ("title", "picture"),
    [
        ("Tamales", "product.tamal"),
        ("tamal", "product.tamal"),
        ("TAMALES DE ROJO", "product.tamal"),
        ("Una docena de tamales", "product.tamal"),
        ("Gorditas de chicharrón", "product.gordita"),
        ("gorditas de chicharron", "product.gordita"),
        ("Burritos de carne seca", "product.burrito"),
        ("Tortillas de harina", "product.tortilla"),
        ("Queso asadero", "product.queso"),
        ("Frijoles de la olla", "product.frijol"),
        ("Chiles rellenos", "product.chile"),
        ("Salsa macha", "product.salsa"),
        ("Huevo de rancho", "product.huevo"),
        ("Café de olla", "product.cafe"),
        ("Pan dulce", "product.pan_dulce"),
        ("Pan de elote", "product.pan"),
        ("Pasteles", "product.pastel"),
        ("Bordados", "product.bordado"),
        ("Cobijas tejidas", "product.tejido"),
        ("Aretes de chaquira", "product.joyeria"),
        ("Jabón artesanal", "product.jabon"),
        ("Velas aromáticas", "product.vela"),
        ("Piñatas", "product.pinata"),
        ("Cortes de cabello", "product.corte_cabello"),
        ("Uñas acrílicas", "product.unas"),
        ("Arreglos de ropa", "product.costura"),
        ("Reparación de ropa", "product.costura"),
        ("Arreglos de flores para fiestas", "product.flor"),
        ("Ropa de segunda", "product.ropa_usada"),
        ("Limpieza de casas", "product.limpieza"),
        ("Productos de limpieza", "product.articulo_limpieza"),
        ("Plantas medicinales", "product.hierba"),
        ("Plantas de ornato", "product.flor"),
        ("Útiles escolares", "product.mochila"),
        ("Renta de sillas y mesas", "product.silla"),
    ],
)
def test_typical_titles_find_their_product(title: str, picture: str) -> None:
    assert product_picture(title) == picture


def test_nails_are_not_the_word_una() -> None:
    """ñ is a letter of its own: "uñas" is nails, "una" (one) names nothing."""
    assert product_picture("Uñas") == "product.unas"
    assert product_picture("una") is None


@pytest.mark.parametrize("category", list(TradeCategory))
def test_unknown_words_fall_back_to_the_kind(category: TradeCategory) -> None:
    assert product_picture("Cosas que nadie conoce") is None
    assert listing_picture("Cosas que nadie conoce", category) == f"trade.{category.value}"
    assert listing_picture("", category) == f"trade.{category.value}"


def test_the_product_wins_over_the_kind() -> None:
    assert listing_picture("Tamales", TradeCategory.FOOD) == "product.tamal"
    assert listing_picture("Tamales", "otros") == "product.tamal"
