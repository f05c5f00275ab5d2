"""Member cards: a QR token names her without her phone; a new card stops the old one; two
desks replacing the same card at once leave exactly one card that works."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.data.models import MemberCard, Voucher, VoucherKind
from kiosk.i18n import _
from kiosk.services.cards import (
    CARD_PREFIX,
    TOKEN_LENGTH,
    CardError,
    CardReplaced,
    CardService,
    card_token,
)
from kiosk.services.member_desk import MemberDesk
from kiosk.services.members import MemberService
from kiosk.services.vouchers import VoucherService
from kiosk.slip_options import SlipOptions
from tests.concurrency import race
from tests.pdfs import pdf_text, scanned_codes

Factory = object


def _ana(factory) -> int:  # type: ignore[no-untyped-def]
    return MemberService(factory).register("Ana Lucía Quintero", "6145551234", consent=True).id


def _active(factory, member_id: int) -> int:  # type: ignore[no-untyped-def]
    with factory() as s:
        return s.scalar(
            select(func.count(MemberCard.id)).where(
                MemberCard.member_id == member_id, MemberCard.revoked_at.is_(None)
            )
        )


def test_her_card_signs_her_in_without_her_phone(session_factory) -> None:  # type: ignore[no-untyped-def]
    ana = _ana(session_factory)
    cards = CardService(session_factory)
    card = cards.issue(ana)
    assert card.code.startswith(CARD_PREFIX)
    assert "6145551234" not in card.code and "1234" not in card.code[len(CARD_PREFIX) :][:4]
    assert len(card.code) == len(CARD_PREFIX) + TOKEN_LENGTH
    assert not card.replaced
    found = cards.sign_in(card.code)
    assert (found.id, found.first_name) == (ana, "Ana")
    # A scanner with Caps Lock on, or a trailing newline, still names her.
    assert cards.sign_in(card.code.lower() + "\n").id == ana
    # Only a hash of the token is kept.
    with session_factory() as s:
        stored = s.scalar(select(MemberCard.token_hash).where(MemberCard.member_id == ana))
    assert stored and card.code[len(CARD_PREFIX) :] not in stored


def test_tokens_are_random_and_unguessable(session_factory) -> None:  # type: ignore[no-untyped-def]
    ana = _ana(session_factory)
    cards = CardService(session_factory)
    codes = {cards.issue(ana).code for _i in range(20)}
    assert len(codes) == 20


def test_a_replaced_card_is_refused_and_says_to_ask_at_the_desk(session_factory) -> None:  # type: ignore[no-untyped-def]
    ana = _ana(session_factory)
    cards = CardService(session_factory)
    lost = cards.issue(ana)
    new = cards.issue(ana)
    assert new.replaced
    assert _active(session_factory, ana) == 1
    with pytest.raises(CardReplaced) as refused:
        cards.sign_in(lost.code)
    assert str(refused.value) == _("This card was replaced by a new one. Ask at the desk.")
    assert cards.sign_in(new.code).id == ana


@pytest.mark.parametrize(
    "text",
    [
        CARD_PREFIX + "ABCDEFGHJKLMNPQRSTUV",  # well formed, never issued
        CARD_PREFIX + "ABC",  # cut short
        CARD_PREFIX + "0" * TOKEN_LENGTH,  # letters no card uses
        "1234567897",  # a slip number
        "",
    ],
)
def test_a_random_or_garbled_code_is_refused(session_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    ana = _ana(session_factory)
    cards = CardService(session_factory)
    cards.issue(ana)
    with pytest.raises(CardError) as refused:
        cards.sign_in(text)
    assert not isinstance(refused.value, CardReplaced)
    assert str(refused.value) == _("This card cannot be read. Ask at the desk.")


def test_an_erased_member_card_stops_working(session_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ana = _ana(session_factory)
    cards = CardService(session_factory)
    card = cards.issue(ana)
    MemberDesk(session_factory, files_root=tmp_path).erase(ana)
    assert _active(session_factory, ana) == 0
    with pytest.raises(CardError):
        cards.sign_in(card.code)
    with pytest.raises(CardError):
        cards.issue(ana)


def test_the_printed_card_carries_the_code_and_not_her_phone(  # type: ignore[no-untyped-def]
    session_factory, tmp_path: Path
) -> None:
    ana = _ana(session_factory)
    cards = CardService(session_factory, vouchers=VoucherService(session_factory))
    printed = cards.print_card(ana, SlipOptions())
    with session_factory() as s:
        voucher = s.scalar(select(Voucher).where(Voucher.number == printed.voucher_number))
        assert voucher is not None
        assert (voucher.kind, voucher.subject_table, voucher.subject_id) == (
            VoucherKind.MEMBER_CARD,
            "members",
            ana,
        )
        pdf = voucher.pdf
    assert pdf is not None
    text = pdf_text(pdf)
    assert "Ana" in text
    for hidden in ("6145551234", "614 555", "12 34", "Quintero"):
        assert hidden not in text
    assert scanned_codes(pdf, tmp_path, "qrcode") == [printed.card.code]
    assert cards.sign_in(scanned_codes(pdf, tmp_path, "qrcode")[0]).id == ana


def test_card_token_reads_only_whole_card_codes() -> None:
    token = "K7Q2M9XRT4WB8HZ3PNC6"
    assert card_token(CARD_PREFIX + token) == token
    assert card_token(" cenesom" + token.lower() + "\r") == token
    assert card_token("CENESO-M:" + token) is None
    assert card_token(token) is None


def test_two_desks_replacing_the_same_card_leave_one_that_works(racing_factory) -> None:  # type: ignore[no-untyped-def]
    factory = racing_factory
    ana = _ana(factory)
    cards = CardService(factory)
    first = cards.issue(ana)
    issued = race(6, lambda _i: cards.issue(ana))
    assert _active(factory, ana) == 1
    working = []
    for card in (first, *issued):
        try:
            cards.sign_in(card.code)
        except CardReplaced:
            continue
        working.append(card)
    assert len(working) == 1
    assert all(card.replaced for card in issued)  # each one revoked the one before it
