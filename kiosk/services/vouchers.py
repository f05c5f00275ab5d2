"""Vouchers: every printed slip gets a number with a check digit and is kept (PDF included) so
it can be reprinted, checked at the staff desk and used once.

Numbers are random, so two kiosks may draw the same one: the database's unique index decides,
and a collision simply draws again (inside the same transaction, behind a savepoint). A slip
that could not be printed waits in the "por imprimir" queue (``waiting()``) until staff reprint
it with the same number.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Select, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker

from kiosk import numbers
from kiosk.data.models import PrintStatus, Voucher, VoucherKind, utcnow
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services import copy_fields, insert_or_clash
from kiosk.services.checks import entry_points

log = area_logger("vouchers")

NUMBER_INDEX = "uq_vouchers_number"
MAX_ATTEMPTS = 10  # draws of a number before giving up (a collision is 1 in ~10^8 per slip)
ERROR_LENGTH = 200


class VoucherError(Exception):
    """A voucher problem told as one plain sentence (for staff and logs)."""


class UnknownVoucher(VoucherError, LookupError):
    """No voucher has that number."""

    def __init__(self, number: str = "") -> None:
        self.number = number
        super().__init__(_("No slip has that number; look at the slip and type it again."))


class CheckState(enum.StrEnum):
    VALID = "valid"
    REDEEMED = "redeemed"  # already used
    EXPIRED = "expired"
    UNKNOWN = "unknown"  # a well-formed number that was never issued
    MISTYPED = "mistyped"  # wrong check digit or not 10 digits: a digit was typed wrong


@dataclass(frozen=True)
class VoucherInfo:
    number: str
    kind: VoucherKind
    subject_table: str
    subject_id: int | None
    print_status: PrintStatus
    print_error: str
    printed_count: int
    created_at: datetime
    expires_at: datetime | None
    redeemed_at: datetime | None


@dataclass(frozen=True)
class VoucherCheck:
    state: CheckState
    number: str  # the digits read (normalized when well formed), for showing back to staff
    voucher: VoucherInfo | None = None


@dataclass(frozen=True)
class Redemption:
    """The result of :meth:`VoucherService.redeem`: ``done`` when this call used the voucher;
    otherwise ``state`` says why not (REDEEMED = it was already used)."""

    done: bool
    state: CheckState
    voucher: VoucherInfo | None = None

    @property
    def already_used(self) -> bool:
        return self.state is CheckState.REDEEMED


def _info(v: Voucher) -> VoucherInfo:
    return copy_fields(
        VoucherInfo, v, kind=VoucherKind(v.kind), print_status=PrintStatus(v.print_status)
    )


def _select(number: str) -> Select[Voucher]:
    """One voucher by number, without its PDF bytes."""
    return select(Voucher).options(defer(Voucher.pdf)).where(Voucher.number == number)


def _state(v: Voucher, now: datetime) -> CheckState:
    if v.redeemed_at is not None:
        return CheckState.REDEEMED
    if v.expires_at is not None and v.expires_at <= now:
        return CheckState.EXPIRED
    return CheckState.VALID


@entry_points(VoucherError)
class VoucherService:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = session_factory
        self._clock = clock

    # --- issuing ----------------------------------------------------------------------------

    def issue(
        self,
        kind: VoucherKind,
        pdf_builder: Callable[[str], bytes],
        *,
        subject_table: str = "",
        subject_id: int | None = None,
        expires_at: datetime | None = None,
    ) -> VoucherInfo:
        """Draw a new number, build the slip's PDF with it, and store both, waiting to print.

        The PDF is built before the write transaction opens (SQLite holds its write lock for
        the whole transaction). If another kiosk already stored the number, the insert fails on
        the unique index; that savepoint is rolled back, and a new number is drawn and the PDF
        built again, within the same transaction.
        """
        kind = VoucherKind(kind)
        number = numbers.new_number()
        pdf = pdf_builder(number)
        # What stays the same when a number is drawn again.
        slip = {"kind": kind, "subject_table": subject_table, "subject_id": subject_id}
        with self._factory.begin() as s:
            for attempt in range(1, MAX_ATTEMPTS + 1):
                voucher = Voucher(
                    number=number,
                    pdf=pdf,
                    print_status=PrintStatus.WAITING,
                    created_at=self._clock(),
                    expires_at=expires_at,
                    **slip,
                )
                clash = insert_or_clash(s, voucher)
                if clash is not None:
                    if not self._number_taken(s, number, clash) or attempt == MAX_ATTEMPTS:
                        raise clash
                    log.warning("voucher number collision (attempt %d); drawing again", attempt)
                    number = numbers.new_number()
                    pdf = pdf_builder(number)
                    continue
                info = _info(voucher)
                break
        log.info("voucher %d issued (%s)", voucher.id, kind.value)
        return info

    @staticmethod
    def _number_taken(s: Session, number: str, clash: IntegrityError) -> bool:
        """Whether the insert clashed on the slip's number (not on something else). Told by
        the index the database names: on a network, the slip that holds the number may be
        another centre's, which this centre's user cannot read."""
        constraint = getattr(getattr(clash.orig, "diag", None), "constraint_name", None)
        if constraint:
            return str(constraint) == NUMBER_INDEX
        if "vouchers.number" in str(clash.orig):  # SQLite names the column
            return True
        return s.scalar(select(Voucher.id).where(Voucher.number == number)) is not None

    # --- checking and using -----------------------------------------------------------------

    def check(self, text: str) -> VoucherCheck:
        """What staff see when a slip is scanned or typed: valid, already used, expired,
        unknown, or mistyped (the check digit does not agree, or not 10 digits)."""
        digits = numbers.normalize(text)
        if digits is None or not numbers.is_valid(digits):
            return VoucherCheck(CheckState.MISTYPED, digits or text.strip())
        with self._factory() as s:
            voucher = s.scalar(_select(digits))
            if voucher is None:
                return VoucherCheck(CheckState.UNKNOWN, digits)
            return VoucherCheck(_state(voucher, self._clock()), digits, _info(voucher))

    def redeem(self, text: str, staff_id: int | None = None) -> Redemption:
        """Use a voucher once. One UPDATE decides, so two desks scanning the same slip at the
        same moment cannot both use it; the loser is told it was already used."""
        digits = numbers.normalize(text)
        if digits is None or not numbers.is_valid(digits):
            return Redemption(False, CheckState.MISTYPED)
        now = self._clock()
        with self._factory.begin() as s:
            result = s.execute(
                update(Voucher)
                .where(
                    Voucher.number == digits,
                    Voucher.redeemed_at.is_(None),
                    or_(Voucher.expires_at.is_(None), Voucher.expires_at > now),
                )
                .values(redeemed_at=now, redeemed_by_id=staff_id)
                .execution_options(synchronize_session=False)
            )
            done = cast("CursorResult[Any]", result).rowcount == 1
            voucher = s.scalar(_select(digits))
            if voucher is None:
                return Redemption(False, CheckState.UNKNOWN)
            info = _info(voucher)
            state = CheckState.VALID if done else _state(voucher, now)
        if done:
            log.info("voucher %d redeemed", voucher.id)
        return Redemption(done, state, info)

    # --- printing ---------------------------------------------------------------------------

    def mark_printed(self, number: str) -> VoucherInfo:
        """The printer took the slip: it leaves the "por imprimir" queue."""
        return self._set_status(number, PrintStatus.PRINTED, "", count=True)

    def mark_saved(self, number: str) -> VoucherInfo:
        """The slip was saved as a PDF file (a station with no printer)."""
        return self._set_status(number, PrintStatus.SAVED, "", count=True)

    def mark_failed(self, number: str, reason: str) -> VoucherInfo:
        """The slip did not print: it stays in the queue with the printer's reason."""
        return self._set_status(number, PrintStatus.FAILED, reason.strip()[:ERROR_LENGTH])

    def _set_status(
        self, number: str, status: PrintStatus, error: str, *, count: bool = False
    ) -> VoucherInfo:
        digits = numbers.normalize(number) or number
        values: dict[str, Any] = {"print_status": status, "print_error": error}
        if count:
            values["printed_count"] = Voucher.printed_count + 1
        with self._factory.begin() as s:
            s.execute(
                update(Voucher)
                .where(Voucher.number == digits)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            voucher = s.scalar(_select(digits))
            if voucher is None:
                raise UnknownVoucher(digits)
            info = _info(voucher)
        log.info("voucher %d print status %s", voucher.id, status.value)
        return info

    def waiting(self) -> list[VoucherInfo]:
        """The "por imprimir" queue: slips waiting for a printer or whose print failed,
        oldest first."""
        with self._factory() as s:
            rows = s.scalars(
                select(Voucher)
                .options(defer(Voucher.pdf))
                .where(Voucher.print_status.in_([PrintStatus.WAITING, PrintStatus.FAILED]))
                .order_by(Voucher.created_at, Voucher.id)
            ).all()
            return [_info(v) for v in rows]

    def get(self, number: str) -> VoucherInfo:
        digits = numbers.normalize(number) or number
        with self._factory() as s:
            voucher = s.scalar(_select(digits))
            if voucher is None:
                raise UnknownVoucher(digits)
            return _info(voucher)

    def pdf(self, number: str) -> bytes:
        """The slip exactly as first built, for a reprint with the same number."""
        digits = numbers.normalize(number) or number
        with self._factory() as s:
            pdf = s.scalar(select(Voucher.pdf).where(Voucher.number == digits))
            if pdf is None:
                raise UnknownVoucher(digits)
            return bytes(pdf)
