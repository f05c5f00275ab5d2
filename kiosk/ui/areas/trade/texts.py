"""What the trade centre says, in words (no widgets): the kinds of things, the units a price
counts in, what members sell most, where a listing stands, and the lines built from them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial

from kiosk.i18n import N_, _, format_money
from kiosk.services.trade import ListingCard, ListingDetail, ListingStatus, PriceUnit, TradeCategory
from kiosk.words import PRICE_UNITS

CATEGORY_WORDS: dict[TradeCategory, str] = {
    TradeCategory.FOOD: N_("Food"),
    TradeCategory.BAKERY: N_("Bakery"),
    TradeCategory.CRAFTS: N_("Crafts"),
    TradeCategory.SEWING: N_("Clothes and sewing"),
    TradeCategory.STATIONERY: N_("Stationery"),
    TradeCategory.SERVICES: N_("Services"),
    TradeCategory.PLANTS: N_("Plants and garden"),
    TradeCategory.OTHER: N_("Other things"),
}
UNIT_WORDS: dict[PriceUnit, str] = {
    PriceUnit.PIECE: N_("By piece"),
    PriceUnit.DOZEN: N_("By dozen"),
    PriceUnit.KILO: N_("By kilo"),
    PriceUnit.SERVICE: N_("Per service"),
    PriceUnit.PACKAGE: N_("By package"),
}
# What members sell most, per kind: one touch instead of writing.
SUGGESTIONS: dict[TradeCategory, tuple[str, ...]] = {
    TradeCategory.FOOD: (
        N_("Tamales"),
        N_("Flour tortillas"),
        N_("Burritos"),
        N_("Gorditas"),
        N_("Home-made food"),
    ),
    TradeCategory.BAKERY: (
        N_("Sweet bread"),
        N_("Cakes"),
        N_("Cookies"),
        N_("Empanadas"),
        N_("Coyotas"),
    ),
    TradeCategory.CRAFTS: (
        N_("Embroidery"),
        N_("Piñatas"),
        N_("Bead earrings"),
        N_("Crochet blankets"),
        N_("Party decorations"),
    ),
    TradeCategory.SEWING: (
        N_("Clothes made to measure"),
        N_("Clothing repairs"),
        N_("School uniforms"),
        N_("Curtains"),
        N_("Embroidered blouses"),
    ),
    TradeCategory.STATIONERY: (
        N_("Photocopies"),
        N_("School supplies"),
        N_("Binding and laminating"),
        N_("Gift wrapping"),
        N_("Greeting cards"),
    ),
    TradeCategory.SERVICES: (
        N_("Haircuts"),
        N_("Nails"),
        N_("Ironing"),
        N_("Make-up"),
        N_("House cleaning"),
    ),
    TradeCategory.PLANTS: (
        N_("Ornamental plants"),
        N_("Vegetables"),
        N_("Succulents"),
        N_("Medicinal herbs"),
        N_("Seedlings"),
    ),
    TradeCategory.OTHER: (
        N_("Cleaning products"),
        N_("Hand-made soap"),
        N_("Chair and table rental"),
        N_("Disposable plates"),
        N_("Second-hand clothes"),
    ),
}
STATUS_ICONS: dict[ListingStatus, str] = {
    ListingStatus.PENDING: "action.wait",
    ListingStatus.PUBLISHED: "action.yes",
    ListingStatus.REJECTED: "action.warning",
    ListingStatus.WITHDRAWN: "action.erase",
}
STATUS_WORDS: dict[ListingStatus, str] = {
    ListingStatus.PENDING: N_("Waiting"),
    ListingStatus.PUBLISHED: N_("Shown"),
    ListingStatus.REJECTED: N_("Sent back"),
    ListingStatus.WITHDRAWN: N_("Withdrawn"),
}

# A choice of a step page: its value, its picture and its words (read when shown).
Choice = tuple[str, str, Callable[[], str]]


def category_word(category: TradeCategory | str) -> str:
    return _(CATEGORY_WORDS[TradeCategory(category)])


def category_icon(category: TradeCategory | str) -> str:
    return f"trade.{TradeCategory(category).value}"


def kind_choices() -> list[Choice]:
    """Every kind of thing as a choice, for selling and for correcting a listing."""
    return [(c.value, category_icon(c), partial(category_word, c)) for c in TradeCategory]


def unit_choices() -> list[Choice]:
    """Every unit a price counts in, as a choice."""
    return [(u.value, f"unit.{u.value}", partial(unit_word, u)) for u in PriceUnit]


def unit_word(unit: PriceUnit) -> str:
    return _(UNIT_WORDS[unit])


def price_text(amount: Decimal, unit: PriceUnit | str) -> str:
    """``$180 por docena``: digits and the unit (DESIGN.md 3.3)."""
    unit = str(PriceUnit(unit))
    return f"{format_money(amount)} {_(PRICE_UNITS[unit])}"


def seller_text(card: ListingCard) -> str:
    """Who sells it, where: her first name and town; another centre's listing names the
    centre instead (her first name is said on its page)."""
    who = card.centre_name or card.seller_first_name
    return " · ".join(part for part in (who, card.locality) if part)


def status_word(card: ListingCard) -> str:
    """Where a listing stands, in one word: waiting, shown, sent back, withdrawn."""
    return _(STATUS_WORDS[card.status])


def status_sentence(listing: ListingDetail) -> str:
    if listing.status is ListingStatus.PENDING:
        return _("Waiting for the staff to approve it.")
    if listing.status is ListingStatus.PUBLISHED:
        return _("It is shown in Trade.")
    if listing.status is ListingStatus.REJECTED:
        return _("The staff sent it back: {reason}").format(reason=listing.reject_reason)
    return _("Withdrawn.")


def printing_sentence(listing: ListingCard) -> str:
    """Said and shown once her slip with the seller's phone prints."""
    if listing.centre_name and listing.seller_first_name:
        return _(
            "Your slip with the phone of {name}, a member of {centre}, is printing. "
            "Call her to buy."
        ).format(name=listing.seller_first_name, centre=listing.centre_name)
    if listing.centre_name:
        return _(
            "Your slip with the phone of a member of {centre} is printing. Call her to buy."
        ).format(centre=listing.centre_name)
    return _("Your slip with {name}'s phone is printing. Call her to buy.").format(
        name=listing.seller_first_name
    )


def sold_by_sentence(listing: ListingCard) -> str:
    """Who sells it, said on its page."""
    if listing.centre_name and listing.seller_first_name:
        return _("Sold by {name}, a member of {centre}").format(
            name=listing.seller_first_name, centre=listing.centre_name
        )
    if listing.centre_name:
        return _("Sold by a member of {centre}").format(centre=listing.centre_name)
    return _("Sold by {name}").format(name=seller_text(listing))


def title_case(text: str) -> str:
    """The keyboard capitalizes every word: a listing's name starts with a capital only."""
    return text[:1].upper() + text[1:].lower()
