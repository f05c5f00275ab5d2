"""Members: found by phone number, registered with consent to the privacy notice; at the staff
desk, searched by phone or name, their record read, their details corrected, and their personal
data erased on request (the right of cancellation of Mexico's data-protection law, LFPDPPP).

Erasure keeps the rows the centre's statistics count (her member row, sign-ups, referrals,
listings, children's visits) with every personal field blanked, so the monthly report is the
same before and after; see :meth:`MemberService.erase` for what goes.
"""

from __future__ import annotations

import contextlib
import logging
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import phonenumbers
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    AuditEvent,
    Child,
    ChildcareAlert,
    ChildcareVisit,
    ChildPhoto,
    Enrollment,
    EnrollmentStatus,
    JobInterest,
    ListingStatus,
    Member,
    MemberCard,
    PickupCode,
    PickupPerson,
    PrintStatus,
    Referral,
    ReferralStatus,
    SavingsMembership,
    SavingsMovement,
    Service,
    TradeListing,
    TradePhoto,
    Training,
    TrainingSession,
    Voucher,
    utcnow,
)
from kiosk.i18n import _, centre_today
from kiosk.services.checks import entry_points
from kiosk.words import first_name, mask_phone

log = logging.getLogger("kiosk.members")

NAME_MAX = 120
LOCALITY_MAX = 80
PER_PAGE = 6
SHOWN = 3  # the newest items of each kind on her record
MIN_PHONE_DIGITS = 4
IN_ROOM = timedelta(hours=12)  # an open childcare visit older than this was never closed


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


def _info(member: Member) -> MemberInfo:
    return MemberInfo(member.id, member.name, member.phone or "", member.locality)


@entry_points(MemberError)
class MemberService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def find_by_phone(self, phone: str) -> MemberInfo | None:
        national = normalize_phone(phone)
        with self._factory() as s:
            member = s.scalar(
                select(Member).where(Member.phone == national, Member.erased_at.is_(None))
            )
            return _info(member) if member else None

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
                info = _info(member)
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
            claimed = s.execute(
                update(Member)
                .where(
                    Member.id == member_id,
                    Member.guided_at.is_(None),
                    Member.erased_at.is_(None),
                )
                .values(guided_at=utcnow())
            ).rowcount
        if claimed:
            log.info("member %d shown the first-visit guide", member_id)
        return bool(claimed)


# --- the staff desk: search, record, correct, erase -------------------------------------------


class MemberNotFound(MemberError, LookupError):
    pass


@dataclass(frozen=True)
class MemberPage:
    items: tuple[MemberInfo, ...]
    page: int  # 0-based, clamped to the last page
    page_count: int  # at least 1
    total: int


@dataclass(frozen=True)
class SignUpLine:
    training: str
    starts_at: datetime
    status: EnrollmentStatus


@dataclass(frozen=True)
class ReferralLine:
    program: str
    created_at: datetime
    status: ReferralStatus


@dataclass(frozen=True)
class ListingLine:
    title: str
    status: ListingStatus


@dataclass(frozen=True)
class ChildLine:
    first_name: str
    age: int
    has_allergy: bool


@dataclass(frozen=True)
class MemberRecord:
    """What the staff desk shows of one member: counts, and the newest few of each kind."""

    member: MemberInfo
    created_at: datetime
    sign_ups: int
    sign_up_lines: tuple[SignUpLine, ...]
    referrals: int
    referral_lines: tuple[ReferralLine, ...]
    listings: int
    listing_lines: tuple[ListingLine, ...]
    children: tuple[ChildLine, ...]
    job_interests: int
    childcare_visits: int


@dataclass(frozen=True)
class Erasure:
    """What an erasure removed, in numbers only (it is what the audit event keeps too)."""

    member_id: int
    children: int
    pickup_people: int
    listings: int
    referrals: int
    slips: int
    photos: int  # her children's photos


def fold(text: str) -> str:
    """Lower case without accents: "María" and "maria" are found alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_matches(query: str, name: str) -> bool:
    """Every word typed begins some word of the name: "ana qui" finds "Ana Lucía Quintero"."""
    words = fold(name).split()
    return all(any(w.startswith(part) for w in words) for part in fold(query).split())


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _live(member: Member | None) -> Member:
    if member is None or member.erased_at is not None:
        raise MemberNotFound(_("This member is not in the kiosk any more."))
    return member


@entry_points(MemberError)
class MemberDesk:
    """The staff desk's member pages: search, her record, corrections, erasure."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        files_root: Path | None = None,
        childcare_capacity: int = 15,
        today: Callable[[], date] = centre_today,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = session_factory
        # Photos are stored as paths relative to the data folder; erasure deletes the files.
        self._files_root = files_root
        self._childcare_capacity = childcare_capacity
        self._today = today
        self._clock = clock

    # --- search ---------------------------------------------------------------------------

    def search_phone(self, digits: str, page: int = 0, per_page: int = PER_PAGE) -> MemberPage:
        """Members whose phone holds the digits typed (at least 4: the last four she says)."""
        digits = "".join(ch for ch in digits if ch.isdigit())
        if len(digits) < MIN_PHONE_DIGITS:
            raise MemberError(_("Type at least 4 digits of her phone."))
        with self._factory() as s:
            rows = s.scalars(
                select(Member)
                .where(Member.erased_at.is_(None), Member.phone.contains(digits, autoescape=True))
                .order_by(Member.name, Member.id)
            ).all()
            return self._page([_info(m) for m in rows], page, per_page)

    def search_name(self, query: str, page: int = 0, per_page: int = PER_PAGE) -> MemberPage:
        """Members whose name has every word typed at the start of one of its words, accents
        and capitals aside. Folded in Python: SQLite's lower() knows no accents."""
        if not fold(query).split():
            raise MemberError(_("Write at least one letter of her name."))
        with self._factory() as s:
            rows = s.execute(
                select(Member.id, Member.name, Member.phone, Member.locality)
                .where(Member.erased_at.is_(None))
                .order_by(Member.name, Member.id)
            ).all()
        found = [
            MemberInfo(mid, name, phone or "", locality)
            for mid, name, phone, locality in rows
            if name_matches(query, name)
        ]
        return self._page(found, page, per_page)

    @staticmethod
    def _page(found: list[MemberInfo], page: int, per_page: int) -> MemberPage:
        # Alphabetical as a person reads it, the same on both engines (their collations differ).
        found = sorted(found, key=lambda m: (fold(m.name), m.id))
        page_count = max(1, math.ceil(len(found) / per_page))
        page = min(max(0, page), page_count - 1)
        items = tuple(found[page * per_page : (page + 1) * per_page])
        return MemberPage(items, page, page_count, len(found))

    # --- her record -----------------------------------------------------------------------

    def record(self, member_id: int) -> MemberRecord:
        today = self._today()
        with self._factory() as s:
            member = _live(s.get(Member, member_id))

            def count(model, column) -> int:  # type: ignore[no-untyped-def]
                return s.scalar(select(func.count(model.id)).where(column == member_id)) or 0

            sign_ups = s.execute(
                select(Training.title, TrainingSession.starts_at, Enrollment.status)
                .join(TrainingSession, Enrollment.session_id == TrainingSession.id)
                .join(Training, TrainingSession.training_id == Training.id)
                .where(Enrollment.member_id == member_id)
                .order_by(TrainingSession.starts_at.desc())
                .limit(SHOWN)
            ).all()
            referrals = s.execute(
                select(Service.name, Referral.created_at, Referral.status)
                .join(Service, Referral.service_id == Service.id)
                .where(Referral.member_id == member_id)
                .order_by(Referral.created_at.desc(), Referral.id.desc())
                .limit(SHOWN)
            ).all()
            listings = s.execute(
                select(TradeListing.title, TradeListing.status)
                .where(TradeListing.seller_id == member_id)
                .order_by(TradeListing.created_at.desc(), TradeListing.id.desc())
                .limit(SHOWN)
            ).all()
            children = s.scalars(
                select(Child).where(Child.guardian_id == member_id).order_by(Child.birth_date)
            ).all()
            visits = (
                s.scalar(
                    select(func.count(ChildcareVisit.id))
                    .join(Child, ChildcareVisit.child_id == Child.id)
                    .where(Child.guardian_id == member_id)
                )
                or 0
            )
            return MemberRecord(
                member=_info(member),
                created_at=member.created_at,
                sign_ups=count(Enrollment, Enrollment.member_id),
                sign_up_lines=tuple(SignUpLine(*row) for row in sign_ups),
                referrals=count(Referral, Referral.member_id),
                referral_lines=tuple(ReferralLine(*row) for row in referrals),
                listings=count(TradeListing, TradeListing.seller_id),
                listing_lines=tuple(ListingLine(*row) for row in listings),
                children=tuple(
                    ChildLine(first_name(c.name), _age(c.birth_date, today), c.has_allergy)
                    for c in children
                ),
                job_interests=count(JobInterest, JobInterest.member_id),
                childcare_visits=visits,
            )

    def localities(self) -> list[str]:
        """The localities members already live in, most common first (choices, not typing)."""
        with self._factory() as s:
            rows = s.execute(
                select(Member.locality, func.count(Member.id))
                .where(Member.erased_at.is_(None), Member.locality != "")
                .group_by(Member.locality)
                .order_by(func.count(Member.id).desc(), Member.locality)
            ).all()
        return [locality for locality, _count in rows]

    # --- corrections ----------------------------------------------------------------------

    def correct(
        self,
        member_id: int,
        *,
        name: str | None = None,
        phone: str | None = None,
        locality: str | None = None,
        staff_id: int | None = None,
    ) -> MemberInfo:
        """Change her name, phone or locality, each checked as at registration; a phone another
        member has is refused (the unique index decides). The audit event names the fields
        changed, never their values."""
        changes: dict[str, str] = {}
        if name is not None:
            changes["name"] = clean_name(name)
        if phone is not None:
            changes["phone"] = normalize_phone(phone)
        if locality is not None:
            place = " ".join(unicodedata.normalize("NFC", locality).split())
            if len(place) > LOCALITY_MAX:
                raise MemberError(_("That name is too long. Write a shorter one."))
            changes["locality"] = place
        try:
            with self._factory.begin() as s:
                member = _live(s.get(Member, member_id, with_for_update=True))
                for key, value in changes.items():
                    setattr(member, key, value)
                s.flush()
                s.add(
                    AuditEvent(
                        staff_id=staff_id,
                        action="member.correct",
                        subject_table="members",
                        subject_id=member_id,
                        detail="fields=" + ",".join(sorted(changes)),
                    )
                )
                info = _info(member)
        except IntegrityError as exc:
            raise MemberError(
                _("Another member already has that phone number. Check it and try again.")
            ) from exc
        log.info("member %d corrected (%s)", member_id, ",".join(sorted(changes)))
        return info

    # --- erasure --------------------------------------------------------------------------

    def erase(self, member_id: int, *, staff_id: int | None = None) -> Erasure:
        """Remove her personal data in one transaction, keeping the counted rows anonymous:

        - her row: name, phone and locality blanked, ``erased_at`` set (the id stays, so her
          sign-ups, referrals and visits are still counted, by no one);
        - her trade listings: title, description, photo, phone, locality and any reason for a
          rejection blanked; one still shown is withdrawn (``published_at`` stays for the
          report);
        - her referrals: the reason and the outcome note (free text about her) blanked; the
          program and outcome stay;
        - her children: name and medical note blanked, the allergy mark and the photo
          consent cleared, their photos deleted, the birth date cut to 1 January of its year (ages
          still count); the people allowed to pick them up deleted; the name of whoever picked
          a child up blanked on the visits;
        - every slip printed for her or about her rows (the PDF holds her name) loses its PDF,
          the attendance lists of her sessions too; one still waiting to print is deleted;
        - her savings groups' ledger rows stay, without the reasons written on corrections;
        - slips saved as files are deleted once the transaction has committed.

        Refused while one of her children is in the children's room (checked in within the
        last 12 hours and not picked up): the volunteers must still see who the child is.
        Her sign-ups for sessions still to come are cancelled first, through the trainings
        service, so her seat goes to the first woman waiting.

        The audit event keeps the member's id and the numbers above, nothing personal.
        """
        # Every refusal is decided before her seats are given away (cancelling cannot be
        # undone), and again inside the erasing transaction.
        with self._factory() as s:
            _live(s.get(Member, member_id))
            self._refuse_while_in_room(s, member_id)
        self._cancel_upcoming(member_id)
        with self._factory.begin() as s:
            member = _live(s.get(Member, member_id, with_for_update=True))
            self._refuse_while_in_room(s, member_id)
            listing_ids = list(
                s.scalars(select(TradeListing.id).where(TradeListing.seller_id == member_id))
            )
            # Her listings' photos (they may show her or her home) go with her data.
            if listing_ids:
                s.execute(delete(TradePhoto).where(TradePhoto.listing_id.in_(listing_ids)))
            s.execute(
                update(TradeListing)
                .where(TradeListing.seller_id == member_id)
                .values(
                    title="",
                    description="",
                    contact_phone=None,
                    locality="",
                    reject_reason="",
                )
            )
            s.execute(
                update(TradeListing)
                .where(
                    TradeListing.seller_id == member_id,
                    TradeListing.status.in_((ListingStatus.PUBLISHED, ListingStatus.PENDING)),
                )
                .values(status=ListingStatus.WITHDRAWN)
            )
            referral_ids = list(
                s.scalars(select(Referral.id).where(Referral.member_id == member_id))
            )
            s.execute(
                update(Referral)
                .where(Referral.member_id == member_id)
                .values(reason="", outcome_note="")
            )
            children = list(s.scalars(select(Child).where(Child.guardian_id == member_id)))
            child_ids = [c.id for c in children]
            pickup_people = photos = 0
            if child_ids:
                # Their faces (taken with her consent) go with their names.
                photos = s.execute(
                    delete(ChildPhoto).where(ChildPhoto.child_id.in_(child_ids))
                ).rowcount
                pickup_people = (
                    s.scalar(
                        select(func.count(PickupPerson.id)).where(
                            PickupPerson.child_id.in_(child_ids)
                        )
                    )
                    or 0
                )
                # Alerts about a person turned away keep counting, without pointing at her.
                s.execute(
                    update(ChildcareAlert)
                    .where(
                        ChildcareAlert.pickup_person_id.in_(
                            select(PickupPerson.id).where(PickupPerson.child_id.in_(child_ids))
                        )
                    )
                    .values(pickup_person_id=None)
                    .execution_options(synchronize_session=False)
                )
                s.execute(delete(PickupPerson).where(PickupPerson.child_id.in_(child_ids)))
                s.execute(
                    update(ChildcareVisit)
                    .where(ChildcareVisit.child_id.in_(child_ids))
                    .values(picked_up_by="")
                )
            for child in children:
                child.name = ""
                child.medical_note = ""
                child.has_allergy = False
                child.photo_consent_at = None
                child.birth_date = date(child.birth_date.year, 1, 1)
            s.flush()
            enrollment_ids = list(
                s.scalars(select(Enrollment.id).where(Enrollment.member_id == member_id))
            )
            session_ids = list(
                s.scalars(select(Enrollment.session_id).where(Enrollment.member_id == member_id))
            )
            code_ids = list(
                s.scalars(select(PickupCode.id).where(PickupCode.guardian_id == member_id))
            )
            interest_ids = list(
                s.scalars(select(JobInterest.id).where(JobInterest.member_id == member_id))
            )
            # Her rows in a savings group's ledger stay (the group's money must reconcile) and
            # point at her membership, not her name; a correction's reason may name her, so it
            # goes, on her rows and on those she corrected.
            membership_ids = list(
                s.scalars(
                    select(SavingsMembership.id).where(SavingsMembership.member_id == member_id)
                )
            )
            if membership_ids:
                s.execute(
                    update(SavingsMovement)
                    .where(
                        or_(
                            SavingsMovement.membership_id.in_(membership_ids),
                            SavingsMovement.by_membership_id.in_(membership_ids),
                        )
                    )
                    .values(reason="")
                )
            subjects = {
                "members": [member_id],
                "savings_members": membership_ids,
                "enrollments": enrollment_ids,
                "training_sessions": session_ids,
                "trade_listings": listing_ids,
                "referrals": referral_ids,
                "children": child_ids,
                "pickup_codes": code_ids,
                "job_interests": interest_ids,
            }
            hers = [
                (Voucher.subject_table == table) & Voucher.subject_id.in_(ids)
                for table, ids in subjects.items()
                if ids
            ]
            # Slips saved as files (a station printing to "pdf") hold her name too.
            numbers = list(s.scalars(select(Voucher.number).where(or_(*hers)))) if hers else []
            # A slip of hers still waiting to print goes (it was never handed to anyone); one
            # printed keeps its number, so the desk can still check it, without its PDF.
            unprinted = s.execute(
                delete(Voucher).where(
                    or_(*hers),
                    Voucher.print_status.in_((PrintStatus.WAITING, PrintStatus.FAILED)),
                )
            ).rowcount
            slips = (
                unprinted
                + s.execute(
                    update(Voucher).where(or_(*hers), Voucher.pdf.is_not(None)).values(pdf=None)
                ).rowcount
            )
            # Her cards stop working: a found card must not sign anyone in as her.
            s.execute(
                update(MemberCard)
                .where(MemberCard.member_id == member_id, MemberCard.revoked_at.is_(None))
                .values(revoked_at=utcnow())
                .execution_options(synchronize_session=False)
            )
            member = s.get(Member, member_id)
            assert member is not None
            member.name = ""
            member.phone = None
            member.locality = ""
            member.erased_at = utcnow()
            result = Erasure(
                member_id=member_id,
                children=len(child_ids),
                pickup_people=pickup_people,
                listings=len(listing_ids),
                referrals=len(referral_ids),
                slips=slips or 0,
                photos=photos,
            )
            s.add(
                AuditEvent(
                    staff_id=staff_id,
                    action="member.erase",
                    subject_table="members",
                    subject_id=member_id,
                    detail=(
                        f"children={result.children} pickup_people={result.pickup_people} "
                        f"listings={result.listings} referrals={result.referrals} "
                        f"slips={result.slips} photos={result.photos}"
                    ),
                )
            )
        removed = self._delete_slip_files(numbers)
        log.info("member %d erased (%d files deleted)", member_id, removed)
        return result

    def _refuse_while_in_room(self, s: Session, member_id: int) -> None:
        now = self._clock()
        in_room = s.scalar(
            select(func.count(ChildcareVisit.id))
            .join(Child, ChildcareVisit.child_id == Child.id)
            .where(
                Child.guardian_id == member_id,
                ChildcareVisit.checked_out_at.is_(None),
                ChildcareVisit.checked_in_at.between(now - IN_ROOM, now),
            )
        )
        if in_room:
            raise MemberError(
                _("Her child is in the children's room now; erase her data after the pickup.")
            )

    def _delete_slip_files(self, numbers: list[str]) -> int:
        """Her slips kept as PDF files in the data folder's slips folder (``<kind>-<number>``)."""
        if self._files_root is None or not numbers:
            return 0
        folder = self._files_root / "slips"
        removed = 0
        for number in numbers:
            for path in folder.glob(f"*-{number}*.pdf"):
                removed += self._delete_file(str(path))
        return removed

    def _cancel_upcoming(self, member_id: int) -> None:
        from kiosk.services.trainings import TrainingError, TrainingService

        trainings = TrainingService(
            self._factory, childcare_capacity=self._childcare_capacity, clock=self._clock
        )
        for sign_up in trainings.my_sign_ups(member_id):
            # One that started meanwhile stays, counted, without her name.
            with contextlib.suppress(TrainingError):
                trainings.cancel(sign_up.id, member_id)

    def _delete_file(self, stored: str) -> bool:
        path = Path(stored)
        if not path.is_absolute():
            if self._files_root is None:
                return False
            path = self._files_root / path
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError:
            log.warning("a photo of an erased member could not be deleted")
            return False
        return True
