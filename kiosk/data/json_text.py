"""Reading a JSON file that came from outside (an HSDS directory, a job feed): its text, then
its values, each failure said in one plain sentence."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from kiosk.i18n import _


def parse_json(
    data: str | bytes,
    error: type[Exception],
    not_text: str,
    *,
    parse_float: Callable[[str], Any] = Decimal,
    parse_constant: Callable[[str], Any] = Decimal,
) -> Any:
    """The parsed JSON, numbers with decimals as ``Decimal`` unless said otherwise. Bytes are
    read as UTF-8 (a byte-order mark allowed); ``error`` is raised with ``not_text`` when they
    are not, and with a sentence of its own when the text is not JSON."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise error(not_text) from exc
    try:
        return json.loads(data, parse_float=parse_float, parse_constant=parse_constant)
    except (ValueError, RecursionError) as exc:
        raise error(_("The file is not valid JSON; it may be damaged or of another kind.")) from exc
