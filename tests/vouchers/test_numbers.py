"""Voucher numbers: 10 digits, random, and a check digit that catches every single wrong digit
and every swap of two neighbours."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from stdnum import verhoeff

from kiosk.numbers import format_number, is_valid, new_number, normalize


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    body = draw(st.integers(min_value=10**8, max_value=10**9 - 1))
    text = str(body)
    return text + verhoeff.calc_check_digit(text)


@given(valid_numbers())
def test_every_single_wrong_digit_is_caught(number: str) -> None:
    assert is_valid(number)
    for i, right in enumerate(number):
        for wrong in "0123456789":
            if wrong != right:
                typo = number[:i] + wrong + number[i + 1 :]
                assert not is_valid(typo), (number, typo)


@given(valid_numbers())
def test_every_swap_of_neighbours_is_caught(number: str) -> None:
    for i in range(len(number) - 1):
        a, b = number[i], number[i + 1]
        if a != b:
            swapped = number[:i] + b + a + number[i + 2 :]
            assert not is_valid(swapped), (number, swapped)


def test_new_numbers_are_valid_random_and_distinct() -> None:
    drawn = [new_number() for _ in range(1000)]
    for number in drawn:
        assert len(number) == 10 and number.isdigit() and number[0] != "0"
        assert is_valid(number)
    assert len(set(drawn)) == 1000
    assert drawn != sorted(drawn), "numbers must not come in order"
    ascending = sum(1 for a, b in itertools.pairwise(drawn) if a < b)
    assert 350 < ascending < 650, "about half of the neighbours should be in order, by chance"


def test_spaces_and_dashes_are_accepted_when_typed() -> None:
    number = new_number()
    printed = format_number(number)
    assert printed.replace(" ", "") == number
    assert printed.count(" ") == 3 and printed[-2] == " "
    assert is_valid(printed)
    assert is_valid(f"{number[:3]}-{number[3:6]}-{number[6:]}")
    assert normalize(printed) == number


def test_wrong_lengths_and_letters_are_not_numbers() -> None:
    number = new_number()
    assert normalize(number[:-1]) is None
    assert normalize(number + "1") is None
    assert normalize("12345678a0") is None
    assert not is_valid("")
    assert not is_valid(number[:-1])
