"""Erasing a member's personal data (the right of cancellation of Mexico's data-protection law,
LFPDPPP), step by step inside the desk's one erasing transaction: see
:meth:`kiosk.services.member_desk.MemberDesk.erase` for what goes and what stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.data.models import (
    Child,
    ChildcareAlert,
    ChildcareVisit,
    ChildPhoto,
    Enrollment,
    JobInterest,
    ListingStatus,
    Member,
    MemberCard,
    PickupCode,
    PickupPerson,
    PrintStatus,
    Referral,
    SavingsMembership,
    SavingsMovement,
    TradeListing,
    TradePhoto,
    Voucher,
    utcnow,
)
from kiosk.services import rowcount


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

    @property
    def detail(self) -> str:
        """The audit event's detail: the numbers, nothing personal."""
        return (
            f"children={self.children} pickup_people={self.pickup_people} "
            f"listings={self.listings} referrals={self.referrals} "
            f"slips={self.slips} photos={self.photos}"
        )


def erase_rows(s: Session, member: Member) -> tuple[Erasure, list[str]]:
    """Blank or delete her personal data in the session ``s`` (her row already locked); the
    numbers of what went, and the numbers of her slips (their PDF files go after commit)."""
    member_id = member.id
    listing_ids = _erase_listings(s, member_id)
    referral_ids = _erase_referrals(s, member_id)
    child_ids, pickup_people, photos = _erase_children(s, member_id)
    membership_ids = _erase_ledger_reasons(s, member_id)
    subjects = {
        "members": [member_id],
        "savings_members": membership_ids,
        "enrollments": _ids(s, Enrollment.id, Enrollment.member_id == member_id),
        "training_sessions": _ids(s, Enrollment.session_id, Enrollment.member_id == member_id),
        "trade_listings": listing_ids,
        "referrals": referral_ids,
        "children": child_ids,
        "pickup_codes": _ids(s, PickupCode.id, PickupCode.guardian_id == member_id),
        "job_interests": _ids(s, JobInterest.id, JobInterest.member_id == member_id),
    }
    slips, numbers = _erase_slips(s, subjects)
    # Her cards stop working: a found card must not sign anyone in as her.
    s.execute(
        update(MemberCard)
        .where(MemberCard.member_id == member_id, MemberCard.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    member.name = ""
    member.phone = None
    member.locality = ""
    member.erased_at = utcnow()
    erasure = Erasure(
        member_id=member_id,
        children=len(child_ids),
        pickup_people=pickup_people,
        listings=len(listing_ids),
        referrals=len(referral_ids),
        slips=slips,
        photos=photos,
    )
    return erasure, numbers


def _ids(s: Session, column: InstrumentedAttribute[int], where: ColumnElement[bool]) -> list[int]:
    return list(s.scalars(select(column).where(where)))


def _erase_listings(s: Session, member_id: int) -> list[int]:
    listing_ids = _ids(s, TradeListing.id, TradeListing.seller_id == member_id)
    # Her listings' photos (they may show her or her home) go with her data.
    if listing_ids:
        s.execute(delete(TradePhoto).where(TradePhoto.listing_id.in_(listing_ids)))
    s.execute(
        update(TradeListing)
        .where(TradeListing.seller_id == member_id)
        .values(title="", description="", contact_phone=None, locality="", reject_reason="")
    )
    s.execute(
        update(TradeListing)
        .where(
            TradeListing.seller_id == member_id,
            TradeListing.status.in_((ListingStatus.PUBLISHED, ListingStatus.PENDING)),
        )
        .values(status=ListingStatus.WITHDRAWN)
    )
    return listing_ids


def _erase_referrals(s: Session, member_id: int) -> list[int]:
    referral_ids = _ids(s, Referral.id, Referral.member_id == member_id)
    s.execute(
        update(Referral).where(Referral.member_id == member_id).values(reason="", outcome_note="")
    )
    return referral_ids


def _erase_children(s: Session, member_id: int) -> tuple[list[int], int, int]:
    """Her children's ids, and how many pickup people and photos of theirs went."""
    children = list(s.scalars(select(Child).where(Child.guardian_id == member_id)))
    child_ids = [c.id for c in children]
    pickup_people = photos = 0
    if child_ids:
        # Their faces (taken with her consent) go with their names.
        photos = rowcount(s.execute(delete(ChildPhoto).where(ChildPhoto.child_id.in_(child_ids))))
        theirs = PickupPerson.child_id.in_(child_ids)
        pickup_people = s.scalar(select(func.count(PickupPerson.id)).where(theirs)) or 0
        # Alerts about a person turned away keep counting, without pointing at her.
        s.execute(
            update(ChildcareAlert)
            .where(ChildcareAlert.pickup_person_id.in_(select(PickupPerson.id).where(theirs)))
            .values(pickup_person_id=None)
            .execution_options(synchronize_session=False)
        )
        s.execute(delete(PickupPerson).where(theirs))
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
    return child_ids, pickup_people, photos


def _erase_ledger_reasons(s: Session, member_id: int) -> list[int]:
    """Her rows in a savings group's ledger stay (the group's money must reconcile) and point
    at her membership, not her name; a correction's reason may name her, so it goes, on her
    rows and on those she corrected. Her memberships' ids."""
    membership_ids = _ids(s, SavingsMembership.id, SavingsMembership.member_id == member_id)
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
    return membership_ids


def _erase_slips(s: Session, subjects: dict[str, list[int]]) -> tuple[int, list[str]]:
    """Every slip printed for her or about her rows loses its PDF (it holds her name); one
    still waiting to print is deleted. How many, and their numbers (for the PDF files)."""
    hers = [
        (Voucher.subject_table == table) & Voucher.subject_id.in_(ids)
        for table, ids in subjects.items()
        if ids
    ]
    if not hers:
        return 0, []
    # Slips saved as files (a station printing to "pdf") hold her name too.
    numbers = list(s.scalars(select(Voucher.number).where(or_(*hers))))
    # A slip of hers still waiting to print goes (it was never handed to anyone); one
    # printed keeps its number, so the desk can still check it, without its PDF.
    unprinted = rowcount(
        s.execute(
            delete(Voucher).where(
                or_(*hers),
                Voucher.print_status.in_((PrintStatus.WAITING, PrintStatus.FAILED)),
            )
        )
    )
    stripped = rowcount(
        s.execute(update(Voucher).where(or_(*hers), Voucher.pdf.is_not(None)).values(pdf=None))
    )
    return unprinted + stripped, numbers
