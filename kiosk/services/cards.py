"""Member cards: a printed card whose QR code signs her in with one gesture, at a USB scanner
or the station's camera, instead of ten digits on the keypad.

The QR code carries ``CENESOM`` and a random token of 20 letters and digits (about 100 bits,
from :mod:`secrets`): it names her without showing her phone. Only letters and digits are
used because a USB scanner types as a keyboard, and a scanner set for another keyboard layout
turns punctuation into other characters (a US scanner's ":" arrives as "Ñ" on a Latin-American
layout); letters and digits arrive the same on every layout the centre's PCs use.

Only the token's SHA-256 is stored. Each member has at most one active card: a new card
("Credencial nueva", for a lost one) revokes the old in the same transaction, with her member
row locked, so two desks replacing the same card at once leave exactly one card that works.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import AuditEvent, Member, MemberCard, VoucherKind, utcnow
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services.checks import entry_points
from kiosk.services.members import MemberInfo

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherService
    from kiosk.slip_options import SlipOptions

log = area_logger("members")

CARD_PREFIX = "CENESOM"
TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: a code read aloud
TOKEN_LENGTH = 20


class CardError(ValueError):
    """A card that does not sign her in: one short Spanish sentence saying what to do next."""


class CardReplaced(CardError):
    """The card was replaced by a newer one (lost, then replaced at the desk)."""


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _i in range(TOKEN_LENGTH))


def card_text(token: str) -> str:
    """What the card's QR code carries (and a USB scanner types)."""
    return CARD_PREFIX + token


def is_card_text(text: str) -> bool:
    """Whether ``text`` begins like a member card (the token itself may still be garbled)."""
    return text.strip().upper().startswith(CARD_PREFIX)


def card_token(text: str) -> str | None:
    """The token read from a card's QR text, or ``None`` when it is not a whole card code.
    Capitals are not trusted: a scanner typing with Caps Lock on sends them inverted."""
    code = text.strip().upper()
    if not code.startswith(CARD_PREFIX):
        return None
    token = code[len(CARD_PREFIX) :]
    if len(token) != TOKEN_LENGTH or any(ch not in TOKEN_ALPHABET for ch in token):
        return None
    return token


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class IssuedCard:
    """A new card: the text its QR code carries, and whether an older card stopped working."""

    member_id: int
    card_id: int
    code: str
    issued_at: datetime
    replaced: bool


@dataclass(frozen=True)
class PrintedCard:
    card: IssuedCard
    voucher_number: str


def _refused() -> CardError:
    return CardError(_("This card cannot be read. Ask at the desk."))


@entry_points(CardError)
class CardService:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        vouchers: VoucherService | None = None,
        clock: Callable[[], datetime] = utcnow,
        token: Callable[[], str] = new_token,
    ) -> None:
        self._factory = session_factory
        self._vouchers = vouchers
        self._clock = clock
        self._token = token

    def issue(self, member_id: int, *, staff_id: int | None = None) -> IssuedCard:
        """A new card for her; the one she had (if any) stops working in the same
        transaction. Her member row is locked first, so two desks issuing at once wait for
        each other and the later one revokes the earlier one's card."""
        token = self._token()
        now = self._clock()
        with self._factory.begin() as s:
            member = s.get(Member, member_id, with_for_update=True)
            if member is None or member.erased_at is not None:
                raise CardError(_("This member is not in the kiosk any more."))
            result = s.execute(
                update(MemberCard)
                .where(MemberCard.member_id == member_id, MemberCard.revoked_at.is_(None))
                .values(revoked_at=now)
                .execution_options(synchronize_session=False)
            )
            revoked = cast("CursorResult[Any]", result).rowcount
            card = MemberCard(
                member_id=member_id,
                token_hash=_hash(token),
                issued_at=now,
                issued_by_id=staff_id,
            )
            s.add(card)
            s.flush()
            s.add(
                AuditEvent(
                    staff_id=staff_id,
                    action="member.card",
                    subject_table="members",
                    subject_id=member_id,
                    detail=f"card={card.id} replaced={int(bool(revoked))}",
                )
            )
            issued = IssuedCard(member_id, card.id, card_text(token), now, bool(revoked))
        log.info("member %d given card %d (replaced: %s)", member_id, issued.card_id, bool(revoked))
        return issued

    def print_card(
        self, member_id: int, options: SlipOptions, *, staff_id: int | None = None
    ) -> PrintedCard:
        """A new card (revoking the old one) drawn as her member card slip, kept to print."""
        from kiosk.vouchers.kinds import MemberCardSlip, member_card

        if self._vouchers is None:
            raise CardError(_("This station cannot print cards. Ask at the desk."))
        issued = self.issue(member_id, staff_id=staff_id)
        with self._factory() as s:
            member = s.get(Member, member_id)
            assert member is not None
            data = MemberCardSlip(
                name=member.name,
                code=issued.code,
                member_since=member.created_at.date(),
            )
        voucher = self._vouchers.issue(
            VoucherKind.MEMBER_CARD,
            lambda number: member_card(data, number, options),
            subject_table="members",
            subject_id=member_id,
        )
        return PrintedCard(issued, voucher.number)

    def sign_in(self, text: str) -> MemberInfo:
        """The member whose card was read, or :class:`CardError` (:class:`CardReplaced` for a
        card that a newer one replaced) saying to ask at the desk."""
        token = card_token(text)
        if token is None:
            raise _refused()
        with self._factory() as s:
            row = s.execute(
                select(MemberCard.revoked_at, Member)
                .join(Member, MemberCard.member_id == Member.id)
                .where(MemberCard.token_hash == _hash(token))
            ).first()
            if row is None or row[1].erased_at is not None:
                log.info("an unknown member card was read")
                raise _refused()
            revoked_at, member = row
            if revoked_at is not None:
                log.info("a replaced card of member %d was read", member.id)
                raise CardReplaced(_("This card was replaced by a new one. Ask at the desk."))
            return MemberInfo(member.id, member.name, member.phone or "", member.locality)
