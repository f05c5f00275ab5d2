"""Vouchers in the database: issued with a valid random number and their PDF, checked, used
once, queued when not printed; numbers stay unique when kiosks collide (SQLite and PostgreSQL)."""

from __future__ import annotations

import logging
import secrets
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from stdnum import verhoeff

from kiosk import numbers
from kiosk.data.db import make_engine, make_session_factory, migrate
from kiosk.data.models import PrintStatus, Voucher, VoucherKind, utcnow
from kiosk.numbers import format_number, is_valid
from kiosk.services.vouchers import (
    CheckState,
    UnknownVoucher,
    VoucherInfo,
    VoucherService,
)
from kiosk.vouchers import kinds
from tests.pdfs import page_text


def fake_pdf(number: str) -> bytes:
    return f"%PDF-1.4 slip {number}".encode()


def _count(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(Voucher))


def test_issue_stores_the_pdf_built_with_a_valid_number(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = VoucherService(session_factory)
    card = kinds.MemberCardSlip(name="María Peña Ávila", code="CENESOMK7Q2M9XRT4WB8HZ3PNC6")
    seen: list[str] = []

    def build(number: str) -> bytes:
        seen.append(number)
        return kinds.member_card(card, number)

    info = service.issue(VoucherKind.MEMBER_CARD, build, subject_table="members", subject_id=7)
    assert isinstance(info, VoucherInfo)
    assert seen == [info.number]
    assert is_valid(info.number) and len(info.number) == 10
    assert info.kind is VoucherKind.MEMBER_CARD
    assert (info.subject_table, info.subject_id) == ("members", 7)
    assert info.print_status is PrintStatus.WAITING
    assert info.redeemed_at is None
    stored = service.pdf(info.number)
    assert stored.startswith(b"%PDF")
    assert format_number(info.number) in page_text(stored)
    assert service.pdf(format_number(info.number)) == stored  # typed with spaces
    with session_factory() as s:
        row = s.scalar(select(Voucher).where(Voucher.number == info.number))
        assert row is not None and row.pdf == stored


def test_check_tells_every_state(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = VoucherService(session_factory)
    valid = service.issue(VoucherKind.TRAINING, fake_pdf)
    used = service.issue(VoucherKind.JOB, fake_pdf)
    assert service.redeem(used.number).done
    expired = service.issue(
        VoucherKind.WAITLIST, fake_pdf, expires_at=utcnow() - timedelta(minutes=1)
    )
    later = service.issue(VoucherKind.TRADE, fake_pdf, expires_at=utcnow() + timedelta(days=1))

    check = service.check(format_number(valid.number))
    assert check.state is CheckState.VALID and check.voucher is not None
    assert check.voucher.number == valid.number and check.number == valid.number
    assert service.check(used.number).state is CheckState.REDEEMED
    assert service.check(expired.number).state is CheckState.EXPIRED
    assert service.check(later.number).state is CheckState.VALID

    unknown = numbers.new_number()
    while unknown in {valid.number, used.number, expired.number, later.number}:
        unknown = numbers.new_number()
    assert service.check(unknown).state is CheckState.UNKNOWN
    assert service.check(unknown).voucher is None

    last = valid.number[-1]
    typo = valid.number[:-1] + ("0" if last != "0" else "1")
    swapped = next(
        valid.number[:i] + valid.number[i + 1] + valid.number[i] + valid.number[i + 2 :]
        for i in range(9)
        if valid.number[i] != valid.number[i + 1]
    )
    for wrong in (typo, swapped, valid.number[:-1], "hola"):
        assert service.check(wrong).state is CheckState.MISTYPED, wrong


def test_a_voucher_is_used_only_once(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = VoucherService(session_factory)
    info = service.issue(VoucherKind.TRAINING, fake_pdf)
    first = service.redeem(format_number(info.number))
    assert first.done and not first.already_used
    assert first.voucher is not None and first.voucher.redeemed_at is not None
    second = service.redeem(info.number)
    assert not second.done and second.already_used
    assert second.state is CheckState.REDEEMED
    assert second.voucher is not None
    assert second.voucher.redeemed_at == first.voucher.redeemed_at  # not moved by the 2nd try
    expired = service.issue(VoucherKind.JOB, fake_pdf, expires_at=utcnow() - timedelta(seconds=1))
    refused = service.redeem(expired.number)
    assert not refused.done and refused.state is CheckState.EXPIRED
    assert service.check(expired.number).state is CheckState.EXPIRED  # still not used
    assert service.redeem(numbers.new_number()).state in {CheckState.UNKNOWN}
    assert service.redeem(info.number[:-1]).state is CheckState.MISTYPED


def test_redeem_records_the_staff_member(session_factory) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.models import StaffRole, StaffUser

    with session_factory.begin() as s:
        staff = StaffUser(name="Rosa Elena Terrazas", role=StaffRole.STAFF, pin_hash="x")
        s.add(staff)
        s.flush()
        staff_id = staff.id
    service = VoucherService(session_factory)
    info = service.issue(VoucherKind.TRAINING, fake_pdf)
    assert service.redeem(info.number, staff_id=staff_id).done
    with session_factory() as s:
        assert s.scalar(select(Voucher.redeemed_by_id).where(Voucher.number == info.number)) == (
            staff_id
        )


def test_the_print_queue_holds_waiting_and_failed_slips_oldest_first(session_factory) -> None:  # type: ignore[no-untyped-def]
    service = VoucherService(session_factory)
    issued = [service.issue(VoucherKind.JOB, fake_pdf) for _ in range(4)]
    printed, failed, waiting, saved = issued
    service.mark_printed(printed.number)
    service.mark_saved(saved.number)
    after_failure = service.mark_failed(failed.number, "  La impresora no responde  ")
    assert after_failure.print_status is PrintStatus.FAILED
    assert after_failure.print_error == "La impresora no responde"

    queue = service.waiting()
    assert [v.number for v in queue] == [failed.number, waiting.number]
    assert [v.print_status for v in queue] == [PrintStatus.FAILED, PrintStatus.WAITING]

    # A reprint from the queue uses the same number and the same PDF.
    assert service.pdf(failed.number) == fake_pdf(failed.number)
    reprinted = service.mark_printed(failed.number)
    assert reprinted.print_status is PrintStatus.PRINTED and reprinted.printed_count == 1
    assert reprinted.print_error == ""
    assert service.mark_printed(failed.number).printed_count == 2
    assert [v.number for v in service.waiting()] == [waiting.number]

    with pytest.raises(UnknownVoucher):
        service.mark_failed(numbers.new_number(), "sin papel")
    with pytest.raises(UnknownVoucher):
        service.pdf(numbers.new_number())


def test_a_number_collision_draws_again(session_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    service = VoucherService(session_factory)
    existing = service.issue(VoucherKind.TRAINING, fake_pdf)
    fresh = numbers.new_number()
    draws = iter([existing.number, fresh])
    monkeypatch.setattr(numbers, "new_number", lambda: next(draws))
    built: list[str] = []

    def build(number: str) -> bytes:
        built.append(number)
        return fake_pdf(number)

    info = service.issue(VoucherKind.JOB, build)
    assert info.number == fresh
    assert built == [existing.number, fresh]  # the PDF is rebuilt with the new number
    assert service.pdf(fresh) == fake_pdf(fresh)
    assert service.pdf(existing.number) == fake_pdf(existing.number)  # the first one untouched
    assert _count(session_factory) == 2


def test_a_number_that_keeps_colliding_gives_up(session_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    service = VoucherService(session_factory)
    existing = service.issue(VoucherKind.TRAINING, fake_pdf)
    monkeypatch.setattr(numbers, "new_number", lambda: existing.number)
    with pytest.raises(IntegrityError):
        service.issue(VoucherKind.JOB, fake_pdf)
    assert _count(session_factory) == 1


@pytest.mark.postgresql
@pytest.mark.parametrize("pool", [None, 2_000], ids=["random", "small-pool"])
def test_kiosks_issuing_at_once_get_distinct_numbers(
    pg_url: str,
    pool: int | None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """8 kiosks × 25 slips on one PostgreSQL server. With a small pool of numbers, kiosks
    really do draw the same number at the same moment: the unique index and the retry sort it
    out without an error."""
    engine = make_engine(pg_url, pool_size=10)
    migrate(engine)
    factory = make_session_factory(engine)
    if pool is not None:
        candidates = []
        while len(candidates) < pool:
            body = str(10**8 + secrets.randbelow(9 * 10**8))
            candidates.append(body + verhoeff.calc_check_digit(body))
        monkeypatch.setattr(numbers, "new_number", lambda: secrets.choice(candidates))
    caplog.set_level(logging.INFO, logger="kiosk.vouchers")
    errors: list[BaseException] = []
    issued: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def kiosk() -> None:
        service = VoucherService(factory)
        try:
            start.wait()
            for _ in range(25):
                info = service.issue(VoucherKind.JOB, fake_pdf)
                with lock:
                    issued.append(info.number)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=kiosk) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert len(issued) == 200 and len(set(issued)) == 200
        assert all(is_valid(n) for n in issued)
        with factory() as s:
            stored = s.scalars(select(Voucher.number)).all()
            assert sorted(stored) == sorted(issued)
            pdfs = s.execute(select(Voucher.number, Voucher.pdf)).all()
            assert all(pdf == fake_pdf(number) for number, pdf in pdfs)
        collisions = [r for r in caplog.records if "collision" in r.getMessage()]
        if pool is not None:
            # About 10 expected from 200 draws among 2 000 numbers; none is 1 in ~20 000.
            assert collisions
        # Logs carry ids and kinds, never the slips' numbers.
        assert not any(n in r.getMessage() for r in caplog.records for n in issued)
    finally:
        engine.dispose()
