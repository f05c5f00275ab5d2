"""What a member typed or photographed, checked and made ready to keep."""

from __future__ import annotations

import io
import warnings
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from kiosk.data.models import (
    PriceUnit,
    TradeCategory,
)
from kiosk.i18n import _, format_money
from kiosk.text import one_line

if TYPE_CHECKING:
    pass

from kiosk.services.trade.common import (
    CENTS,
    DESCRIPTION_MAX,
    PHOTO_EDGE,
    PHOTO_INPUT_MAX,
    PHOTO_PIXELS_MAX,
    PHOTO_STORED_MAX,
    PRICE_MAX,
    TITLE_MAX,
    TITLE_MIN_LETTERS,
    ListingDraft,
    Photo,
    TradeError,
)

# --- input checks -----------------------------------------------------------------------------


def clean_title(value: object) -> str:
    """A listing's title, one line with a capital first letter, or :class:`TradeError`."""
    title = one_line(value)
    if sum(ch.isalpha() for ch in title) < TITLE_MIN_LETTERS:
        raise TradeError(_("Write what you sell, or touch one of the pictures."))
    if len(title) > TITLE_MAX:
        raise TradeError(_("The title is too long. Write a shorter one."))
    return title[:1].upper() + title[1:]


def check_price(value: object) -> Decimal:
    """Pesos from 1 to ``PRICE_MAX``, or :class:`TradeError` saying to type it again."""
    if isinstance(value, bool) or value is None or not str(value).strip():
        raise TradeError(_("Type the price in pesos with the numbers."))
    text = str(value).strip().replace("$", "").replace(",", "").replace(" ", "")
    try:
        amount = Decimal(repr(value) if isinstance(value, float) else text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise TradeError(_("Type the price in pesos with the numbers."))
    if amount < 1:
        raise TradeError(_("The price must be at least 1 peso. Type it again."))
    if amount > PRICE_MAX:
        raise TradeError(
            _("A price over {limit} is too high. Check it and type it again.").format(
                limit=format_money(PRICE_MAX)
            )
        )
    return amount.quantize(CENTS, rounding=ROUND_HALF_UP)


def _choice(enum_cls: type[Any], value: object, message: str) -> Any:
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        raise TradeError(message) from None


def check_draft(draft: ListingDraft) -> dict[str, Any]:
    """The listing's column values, cleaned, or the first problem as :class:`TradeError`
    (a member answers one question per page, so one sentence at a time)."""
    values: dict[str, Any] = {
        "category": _choice(
            TradeCategory, draft.category, _("Touch the picture of what you sell.")
        ),
        "title": clean_title(draft.title),
        "price": check_price(draft.price),
        "price_unit": _choice(
            PriceUnit, draft.price_unit, _("Touch how you sell it: by piece, dozen, kilo...")
        ),
    }
    description = "\n".join(one_line(part) for part in (draft.description or "").splitlines())
    description = description.strip()
    if len(description) > DESCRIPTION_MAX:
        raise TradeError(_("The description is too long. Write a shorter one."))
    values["description"] = description
    return values


def prepare_photo(data: bytes) -> Photo:
    """The stored form of a photo: a JPEG at most ``PHOTO_EDGE`` px a side and
    ``PHOTO_STORED_MAX`` bytes, upright, without metadata; :class:`TradeError` for bytes that
    are not a JPEG or PNG picture or are too large to take in."""
    unusable = _("The photo could not be used. Take it again, or publish with the drawing.")
    if not data or len(data) > PHOTO_INPUT_MAX:
        raise TradeError(unusable)
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ("JPEG", "PNG"):
                    raise TradeError(unusable)
                width, height = image.size
                if width < 1 or height < 1 or width * height > PHOTO_PIXELS_MAX:
                    raise TradeError(unusable)
                # draft() lets the JPEG decoder scale by 1/2, 1/4, 1/8 while it reads.
                image.draft("RGB", (PHOTO_EDGE, PHOTO_EDGE))
                picture = ImageOps.exif_transpose(image).convert("RGB")
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        if isinstance(exc, TradeError):
            raise
        raise TradeError(unusable) from exc
    picture.thumbnail((PHOTO_EDGE, PHOTO_EDGE), Image.Resampling.LANCZOS)
    quality = 85
    while True:
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=quality, optimize=True)
        if out.tell() <= PHOTO_STORED_MAX or quality <= 35:
            break
        quality -= 10
    if out.tell() > PHOTO_STORED_MAX:  # noise no JPEG quality tames: half the size again
        picture.thumbnail((PHOTO_EDGE // 2, PHOTO_EDGE // 2), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=60, optimize=True)
    return Photo(out.getvalue(), picture.width, picture.height)
