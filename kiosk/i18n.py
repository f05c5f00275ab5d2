"""Translations and locale-aware formatting.

``_`` and ``N_`` are imported explicitly where needed (never installed into builtins). Message
ids are English; the kiosk speaks Spanish (es_MX) by default, and English for visitors and staff.
Money, dates and times are formatted with babel, always as digits.
"""

from __future__ import annotations

import gettext
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.logs import area_logger

log = area_logger("i18n")

DOMAIN = "kiosk"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DEFAULT_LOCALE = "es_MX"
DEFAULT_TIMEZONE = "America/Chihuahua"


class _State:
    """The active catalog and locale; replaced as a whole by :func:`setup`."""

    translations: gettext.NullTranslations = gettext.NullTranslations()
    locale: str = DEFAULT_LOCALE
    timezone: tzinfo = ZoneInfo(DEFAULT_TIMEZONE)


def setup(
    locale: str = DEFAULT_LOCALE,
    timezone: str = DEFAULT_TIMEZONE,
    directory: Path | None = None,
) -> gettext.NullTranslations:
    """Load the catalog for ``locale`` (falling back to the language, then to the msgids)."""
    directory = directory or TRANSLATIONS_DIR
    language = locale.split("_")[0]
    translations = gettext.translation(
        DOMAIN, localedir=str(directory), languages=[locale, language], fallback=True
    )
    if type(translations) is gettext.NullTranslations and language != "en":
        log.warning("no compiled catalog for %s in %s; showing English", locale, directory)
    _State.translations = translations
    _State.locale = locale
    _State.timezone = ZoneInfo(timezone)
    return translations


def centre_today() -> date:
    """Today's date at the centre (Chihuahua), not in UTC: after 18:00 local time UTC is
    already on the next day, and postings expire at the end of their last local day."""
    return datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).date()


def local_datetime(day: date, at: time) -> datetime:
    """A wall-clock time at the centre on ``day``, timezone-aware (stored as UTC)."""
    return datetime.combine(day, at, tzinfo=_State.timezone)


def _(message: str) -> str:
    """Translate ``message`` with the active catalog."""
    return _State.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _State.translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message


def format_money(amount: Decimal | float | int, currency: str = "MXN") -> str:
    """``$1,250`` for whole pesos, ``$1,250.50`` otherwise (es_MX)."""
    from babel.numbers import format_currency

    amount = Decimal(str(amount))
    whole = amount == amount.to_integral_value()
    pattern = "¤#,##0" if whole else "¤#,##0.00"
    return format_currency(
        amount, currency, format=pattern, locale=_State.locale, currency_digits=False
    )


def _local(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(_State.timezone)


def format_day(value: date | datetime) -> str:
    """``jueves 3 de diciembre``: the weekday and day in words, the number in digits."""
    from babel.dates import format_date

    if isinstance(value, datetime):
        value = _local(value).date()
    pattern = "EEEE d 'de' MMMM" if _State.locale.startswith("es") else "EEEE, MMMM d"
    return format_date(value, format=pattern, locale=_State.locale)


def format_time(value: datetime | time) -> str:
    """``10:00`` (24-hour clock, as on the centre's notices)."""
    from babel.dates import format_time as babel_time

    if isinstance(value, datetime):
        value = _local(value).time()
    return babel_time(value, format="HH:mm", locale=_State.locale)


def format_date_short(value: date | datetime) -> str:
    """``03/12/2026``: for slips and staff lists."""
    from babel.dates import format_date

    if isinstance(value, datetime):
        value = _local(value).date()
    return format_date(value, format="dd/MM/yyyy", locale=_State.locale)


def format_names(names: list[str]) -> str:
    """``Ana, Luis y Rosa``: a list of names as it is said."""
    from babel.lists import format_list

    return format_list(names, locale=_State.locale)


def format_when(value: datetime) -> str:
    """``jueves 3 de diciembre, 10:00``."""
    return f"{format_day(value)}, {format_time(value)}"


def format_month(value: date) -> str:
    """``noviembre de 2026``: the month's name (babel) and the year in digits."""
    from babel.dates import format_date

    pattern = "LLLL 'de' yyyy" if _State.locale.startswith("es") else "LLLL yyyy"
    return format_date(value, format=pattern, locale=_State.locale)


def format_decimal(value: float | Decimal) -> str:
    """``1,234.5``: digits with the locale's separators, at most one decimal."""
    from babel.numbers import format_decimal as babel_decimal

    return babel_decimal(value, format="#,##0.#", locale=_State.locale)


def language_name(code: str, written: str = "") -> str:
    """``Urdu`` -> ``urdu``: a language's name in the kiosk's language from its ISO 639 code
    (babel); the name as written when the code is not known."""
    from babel import Locale

    names = Locale.parse(_State.locale).languages
    found = names.get(code.strip().lower().replace("-", "_")) or names.get(
        code.strip().lower().split("-")[0]
    )
    return found or written or code


# iCalendar's weekday codes (HSDS ``byday``), Monday first.
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def format_days(codes: str) -> str:
    """``MO,TU,WE,TH,FR`` -> ``lun a vie``; ``TH,FR`` -> ``jue y vie``: weekly days as said."""
    from babel.dates import get_day_names
    from babel.lists import format_list

    wanted = {code.strip().upper() for code in codes.split(",")}
    days = [index for index, code in enumerate(WEEKDAY_CODES) if code in wanted]
    if not days:
        return ""
    names = get_day_names("abbreviated", locale=_State.locale)
    short = [str(names[index]).rstrip(".") for index in days]
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return _("{first} to {last}").format(first=short[0], last=short[-1])
    return format_list(short, locale=_State.locale)
