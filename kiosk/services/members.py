"""Members at the kiosk: found by phone number, registered with consent to the privacy notice,
shown the first-visit guide once. The staff desk's side (search, record, corrections, erasure)
is :mod:`kiosk.services.member_desk`; the checks of a name and a phone are shared with it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    Member,
    utcnow,
)
from kiosk.data.scope import known_in_network, register_here
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services import update_where
from kiosk.services.checks import entry_points
from kiosk.words import first_name, mask_phone

log = area_logger("members")

NAME_MAX = 120
LOCALITY_MAX = 80


class MemberError(ValueError):
    """A member-facing problem: one short Spanish sentence saying what to do next."""


@dataclass(frozen=True)
class MemberInfo:
    id: int
    name: str
    phone: str
    locality: str

    @property
    def first_name(self) -> str:
        return first_name(self.name)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


def normalize_phone(text: str) -> str:
    """The 10-digit national number of a Mexican phone, or :class:`MemberError`.

    Spaces, dashes and a leading +52 are accepted; the numbering plan is checked with
    ``phonenumbers`` (Mexico has used 10-digit numbers since 2019).
    """
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 10 and not (len(digits) == 12 and digits.startswith("52")):
        raise MemberError(_("A phone number has 10 digits. Try again."))
    import phonenumbers  # its tables load with the first phone typed, not at start

    try:
        number = phonenumbers.parse(digits if len(digits) == 10 else "+" + digits, "MX")
    except phonenumbers.NumberParseException as exc:
        raise MemberError(_("That phone number does not exist. Try again.")) from exc
    national = str(number.national_number)
    if len(national) != 10 or not phonenumbers.is_valid_number_for_region(number, "MX"):
        raise MemberError(_("That phone number does not exist. Try again."))
    return national


def clean_name(text: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", text).split())
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    if not any(ch.isalpha() for ch in name):
        raise MemberError(_("Write your name, or ask a companion for help."))
    if len(name) > NAME_MAX:
        raise MemberError(_("That name is too long. Write a shorter one."))
    return name


def member_info(member: Member) -> MemberInfo:
    return MemberInfo(member.id, member.name, member.phone or "", member.locality)


@entry_points(MemberError)
class MemberService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def find_by_phone(self, phone: str) -> MemberInfo | None:
        """The woman with this phone. One registered at another centre of the network is the
        same person: she is registered at this centre too as she signs in here (her children
        and savings stay with the centre that has them)."""
        national = normalize_phone(phone)
        here = select(Member).where(Member.phone == national, Member.erased_at.is_(None))
        with self._factory() as s:
            member = s.scalar(here)
            if member is not None:
                return member_info(member)
            if not known_in_network(s, national):
                return None
        with self._factory.begin() as s:
            if register_here(s, national) is None:
                return None
            member = s.scalar(here)
            if member is None:
                return None
            log.info("member %d registered at this centre too", member.id)
            return member_info(member)

    def register(
        self,
        name: str,
        phone: str,
        *,
        consent: bool,
        locality: str = "",
        notice_id: int | None = None,
    ) -> MemberInfo:
        """A new member; refused without consent to the privacy notice or with a used phone.
        The moment of consent, and the version of the notice she was shown (``notice_id``),
        are recorded with the member."""
        if not consent:
            raise MemberError(_("To sign up you must accept the privacy notice."))
        clean = clean_name(name)
        national = normalize_phone(phone)
        try:
            with self._factory.begin() as s:
                member = Member(
                    name=clean,
                    phone=national,
                    locality=locality.strip()[:80],
                    created_at=utcnow(),
                    privacy_consent_at=utcnow(),
                    privacy_notice_id=notice_id,
                )
                s.add(member)
                s.flush()
                info = member_info(member)
        except IntegrityError as exc:
            raise MemberError(
                _("That phone number is already registered. Ask a companion for help.")
            ) from exc
        log.info("member %d registered", info.id)
        return info

    def claim_guide(self, member_id: int) -> bool:
        """True once per member: the first time she signs in at a kiosk she is shown how its
        buttons work, and it is recorded in the same step. Decided by the database (a
        conditional update), so two stations signing her in at once show it only once."""
        with self._factory.begin() as s:
            unguided = (
                Member.id == member_id,
                Member.guided_at.is_(None),
                Member.erased_at.is_(None),
            )
            claimed = update_where(s, Member, unguided, guided_at=utcnow())
        if claimed:
            log.info("member %d shown the first-visit guide", member_id)
        return bool(claimed)
