"""Voucher numbers: 9 random digits and a Verhoeff check digit, 10 digits in all.

The digits come from :mod:`secrets`, so a slip's number says nothing about the one printed
before or after it and cannot be guessed from it. The Verhoeff check digit (python-stdnum's
implementation) catches every single wrong digit and every swap of two neighbouring digits, so
a mistyped number is told apart from an unknown one at the staff desk.
"""

from __future__ import annotations

import secrets

LENGTH = 10
_BODY = LENGTH - 1
_SEPARATORS = str.maketrans("", "", " -.\t\u00a0")


def new_number() -> str:
    """A fresh random number: first digit 1-9, then 8 digits, then the check digit."""
    # python-stdnum (and the pydoc it brings) loads with the first slip, not at start.
    from stdnum import verhoeff

    body = str(10 ** (_BODY - 1) + secrets.randbelow(9 * 10 ** (_BODY - 1)))
    return body + verhoeff.calc_check_digit(body)


def normalize(text: str) -> str | None:
    """The 10 digits of ``text`` without spaces or dashes, or None if it is not 10 digits.

    The check digit is not verified here, so a caller can tell "mistyped" from "not a number".
    """
    digits = text.translate(_SEPARATORS)
    if len(digits) != LENGTH or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def is_valid(number: str) -> bool:
    """True for a well-formed number whose check digit agrees (spaces and dashes allowed)."""
    digits = normalize(number)
    if digits is None or digits[0] == "0":
        return False
    from stdnum import verhoeff

    return bool(verhoeff.is_valid(digits))


def format_number(number: str) -> str:
    """``123 456 789 0``: groups of three, the check digit apart, for reading aloud or typing."""
    digits = normalize(number) or number
    body, check = digits[:-1], digits[-1:]
    groups = [body[i : i + 3] for i in range(0, len(body), 3)]
    return " ".join([*groups, check])
