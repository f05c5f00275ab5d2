"""Text cleaning, in one place for every layer (services, the HSDS import, slips): what a
member or a file typed, made safe to keep, to compare and to export. No Qt, no database."""

from __future__ import annotations

import unicodedata

# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def one_line(value: object) -> str:
    """One line of text: NFC, control characters (line breaks too) as spaces, single spaces."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    if not text.isprintable():  # (printable text has no control character to look for)
        text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(text.split())


def paragraphs(value: object) -> str:
    """Text that may keep its line breaks: NFC, each line without control characters and with
    single spaces, the whole without blank ends."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (" ".join(_without_controls(line).split()) for line in text.split("\n"))
    return "\n".join(lines).strip()


def _without_controls(line: str) -> str:
    if line.isprintable():
        return line
    return "".join(ch for ch in line if unicodedata.category(ch)[0] != "C")


def fold(text: str) -> str:
    """For comparing names: compatibility forms unfolded (NFKD), no accents, case folded.
    "María" and "maria" are alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fold_lower(text: str) -> str:
    """For matching words of a list (categories, papers): lower case (NFD), no accents.
    "Niñera", "niñera" and "ninera" read alike."""
    if text.isascii():  # nothing to decompose: most of a long English or plain text
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def csv_cell(value: object) -> str:
    """A cell for a CSV export; one that a spreadsheet would run as a formula starts with a
    quote (a name or a date never needs that)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA_STARTS else text
