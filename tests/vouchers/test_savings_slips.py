"""Savings slips read back as a woman and the desk's scanner would: her passbook's stamps,
amounts in digits and as bills and coins, her loan and next date, the number as a QR code; the
treasurer's summary with the cash count; the tanda card; the share-out slip."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import Member, SavingsKind
from kiosk.i18n import _, format_date_short
from kiosk.money import cents_text, pieces
from kiosk.services.savings import Rules, SavingsService
from kiosk.vouchers.savings import MoneyPicture, Stamps
from tests.pdfs import pdf_text, scanned_codes

Factory = sessionmaker[Session]
T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
FIRST = date(2026, 3, 2)
_phones = itertools.count(1)


def group(
    factory: Factory, kind: SavingsKind, rules: Rules
) -> tuple[SavingsService, int, list[int]]:
    phones = [f"6148{next(_phones):06d}" for _i in range(4)]
    with factory.begin() as s:
        s.add_all(
            Member(name=n, phone=p)
            for n, p in zip(["Ana", "Bety", "Caro", "Dora"], phones, strict=True)
        )
    service = SavingsService(factory, clock=lambda: T0)
    info = service.create_group("Las Girasoles", kind, phones, rules)
    return service, info.id, [m.membership_id for m in info.members]


def stored_pdf(service: SavingsService, number: str) -> bytes:
    pdf = service.vouchers.pdf(number)
    assert pdf
    return pdf


def test_bills_and_coins_make_up_the_amount() -> None:
    assert pieces(187_350) == [
        (1000, 1),
        (500, 1),
        (200, 1),
        (100, 1),
        (50, 1),
        (20, 1),
        (2, 1),
        (1, 1),
    ]
    assert pieces(4_000) == [(20, 2)]
    assert sum(v * n for v, n in pieces(99_99)) == 99


def test_the_passbook_shows_stamps_amounts_loan_and_qr(
    session_factory: Factory, tmp_path: Path
) -> None:
    rules = Rules(share_cents=5000, max_shares=5, social_fund_cents=1000, charge_bp=500)
    service, gid, (ana, bety, *_rest) = group(session_factory, SavingsKind.CAJA, rules)
    m1 = service.open_meeting(gid, FIRST)
    service.record_turn(m1.id, ana, shares=3, social_fund_cents=1000)
    service.record_turn(m1.id, bety, shares=5, social_fund_cents=1000)
    service.close_meeting(m1.id, 42000)
    m2 = service.open_meeting(gid, FIRST + timedelta(days=7))
    service.record_turn(
        m2.id, ana, shares=2, social_fund_cents=1000, loan_cents=20000, loan_months=2
    )
    data = service.passbook_slip(m2.id, ana)
    assert data.stamps == ((1, 3), (2, 2))
    assert (data.shares, data.savings_cents, data.loan_left_cents) == (5, 25000, 22000)
    number = service.print_passbook(m2.id, ana)
    pdf = stored_pdf(service, number)
    text = pdf_text(pdf)
    assert "Ana" in text and "Las Girasoles" in text
    assert cents_text(25000) in text  # her savings
    assert cents_text(22000) in text  # left to pay
    assert format_date_short(date(2026, 4, 9)) in text and cents_text(11000) in text
    assert _("{n} shares in this cycle").format(n=5) in text
    # The stamps and the bills are drawn: $200 and $50 for her $250.
    assert "$200" in text and "$50" in text
    assert number in scanned_codes(pdf, tmp_path, "qrcode")


def test_the_summary_shows_the_box_and_the_difference(session_factory: Factory) -> None:
    service, gid, (ana, *_rest) = group(session_factory, SavingsKind.CAJA, Rules(share_cents=5000))
    m = service.open_meeting(gid, FIRST)
    service.record_turn(m.id, ana, shares=4)
    service.close_meeting(m.id, 19000, reason="Faltó un billete")
    text = pdf_text(stored_pdf(service, service.print_summary(m.id)))
    assert _("{present} of {members} women came").format(present=1, members=4) in text
    assert cents_text(20000) in text and cents_text(19000) in text
    assert "-" + cents_text(1000) in text and "Faltó un billete" in text


def test_the_tanda_card_and_the_share_out_slip(session_factory: Factory) -> None:
    service, gid, mids = group(
        session_factory, SavingsKind.TANDA, Rules(share_cents=50000, max_shares=1, meetings=4)
    )
    service.set_turns(gid, [mids[2], mids[0], mids[1], mids[3]])
    text = pdf_text(stored_pdf(service, service.print_tanda_card(mids[0])))
    assert "Ana" in text and cents_text(50000) in text and cents_text(200000) in text
    assert format_date_short(T0.date() + timedelta(days=7)) in text  # her turn: the 2nd round

    caja, cid, (ana, bety, *_rest) = group(
        session_factory, SavingsKind.CAJA, Rules(share_cents=5000)
    )
    m = caja.open_meeting(cid, FIRST)
    caja.record_turn(m.id, ana, shares=1, fine_cents=0)
    caja.record_turn(m.id, bety, shares=3)
    caja.close_meeting(m.id, 20000)
    out = caja.share_out(cid)
    numbers = caja.print_share_out(out)
    text = pdf_text(stored_pdf(caja, numbers[1]))
    assert "Bety" in text and cents_text(15000) in text


def test_pictures_grow_rows_for_big_amounts() -> None:
    small, big = MoneyPicture(2000, 1.0), MoneyPicture(188_800, 1.0)
    assert small.wrap(200, 1000)[1] < big.wrap(200, 1000)[1]
    assert MoneyPicture(0, 1.0).wrap(200, 1000)[1] == 0
    assert Stamps(2, 5, 1.0).wrap(300, 100)[0] > Stamps(2, 3, 1.0).wrap(300, 100)[0]
