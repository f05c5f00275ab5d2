"""The job category of an imported posting, from what it says: occupation codes (O*NET-SOC,
ISCO-08), occupation names, the title, the industry. The words and codes are data, in
``job_categories.json`` beside this module, so staff can teach the kiosk new ones."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kiosk.data.models import JobCategory
from kiosk.text import fold_lower

_ONET = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")
_ISCO = re.compile(r"^\d{1,4}$")
_WORD = re.compile(r"[a-z0-9ñ]+")


@dataclass(frozen=True)
class CategoryTable:
    keywords: tuple[tuple[tuple[str, ...], JobCategory], ...]  # words of a phrase -> category
    onet: dict[str, JobCategory]
    isco: dict[str, JobCategory]


@cache
def table() -> CategoryTable:
    """The table, read once."""
    raw = json.loads(
        resources.files("kiosk.services").joinpath("job_categories.json").read_text("utf-8")
    )
    keywords = tuple(
        (tuple(_WORD.findall(fold_lower(phrase))), JobCategory(category))
        for category, phrases in raw["keywords"].items()
        for phrase in phrases
    )
    codes = raw["codes"]
    return CategoryTable(
        keywords=keywords,
        onet={code: JobCategory(value) for code, value in codes["onet"].items()},
        isco={code: JobCategory(value) for code, value in codes["isco"].items()},
    )


def _by_code(text: str, found: CategoryTable) -> JobCategory | None:
    code = text.strip()
    codes = found.onet if _ONET.match(code) else found.isco if _ISCO.match(code) else None
    if codes is None:
        return None
    for length in range(len(code), 0, -1):
        if code[:length] in codes:
            return codes[code[:length]]
    return None


def _by_words(text: str, found: CategoryTable) -> JobCategory | None:
    """The category of the keyword that comes first in the text (the head of most Spanish job
    titles: "Auxiliar de limpieza en cocina" is cleaning); a word matches at its start."""
    words = _WORD.findall(fold_lower(text))
    best: tuple[int, int, JobCategory] | None = None
    for phrase, category in found.keywords:
        size = len(phrase)
        for start in range(len(words) - size + 1):
            if all(
                words[start + i].startswith(part) if i == size - 1 else words[start + i] == part
                for i, part in enumerate(phrase)
            ):
                # Earliest first; at the same place, the longer phrase ("empleada domestica").
                key = (start, -size, category)
                if best is None or key[:2] < best[:2]:
                    best = key
                break
    return best[2] if best else None


def guess_category(texts: Iterable[str]) -> JobCategory:
    """The first of ``texts`` (most telling first: codes and occupation names, the title,
    then the industry) that the table recognizes decides; else "otros"."""
    found = table()
    for text in texts:
        if not text or not text.strip():
            continue
        category = _by_code(text, found) or _by_words(text, found)
        if category is not None:
            return category
    return JobCategory.OTHER
