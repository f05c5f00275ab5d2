"""Spanish is complete, money and dates are digits formatted for México."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kiosk import i18n

ROOT = Path(__file__).resolve().parent.parent


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "kiosk.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def test_template_is_up_to_date_with_the_code() -> None:
    """Every message in the code is in the catalogs (run `make extract` after adding text)."""
    extracted = extract_from_dir(str(ROOT / "kiosk"), method_map=[("**.py", "python")])
    in_code = {text if isinstance(text, str) else text[0] for _f, _l, text, *_r in extracted}
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog("es") if m.id}
    assert in_code - in_catalog == set(), "run `make extract` and translate the new messages"


def test_spanish_catalog_is_complete() -> None:
    def missing(m) -> bool:  # type: ignore[no-untyped-def]
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        return m.fuzzy or not all(forms)  # every plural form too

    untranslated = [m.id for m in _catalog("es") if m.id and missing(m)]
    assert untranslated == []


def test_english_catalog_exists_for_visitors() -> None:
    assert len([m for m in _catalog("en") if m.id]) == len([m for m in _catalog("es") if m.id])


def test_spanish_is_the_default_language() -> None:
    i18n.setup("es_MX")
    assert i18n._("Jobs") == "Empleo"
    i18n.setup("en_US")
    assert i18n._("Jobs") == "Jobs"
    i18n.setup("es_MX")


def test_money_in_digits_with_pesos() -> None:
    i18n.setup("es_MX")
    assert i18n.format_money(Decimal("1250")) == "$1,250"
    assert i18n.format_money(Decimal("87.5")) == "$87.50"
    assert i18n.format_money(0) == "$0"


def test_dates_and_times_in_spanish_with_digits() -> None:
    i18n.setup("es_MX", "America/Chihuahua")
    assert i18n.format_day(date(2026, 12, 3)) == "jueves 3 de diciembre"
    # 16:00 UTC is 10:00 in Chihuahua (UTC-6, no daylight saving since 2022)
    moment = datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
    assert i18n.format_time(moment) == "10:00"
    assert i18n.format_when(moment) == "jueves 3 de diciembre, 10:00"
    assert i18n.format_date_short(moment) == "03/12/2026"
