"""The staff desk's member pages: members searched by phone or name, their record read, their
details corrected, and their personal data erased on request (the right of cancellation of
Mexico's data-protection law, LFPDPPP).

Erasure keeps the rows the centre's statistics count (her member row, sign-ups, referrals,
listings, children's visits) with every personal field blanked, so the monthly report is the
same before and after; see :meth:`MemberDesk.erase` for what goes.
"""

from __future__ import annotations

import contextlib
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import (
    AuditEvent,
    Child,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    JobInterest,
    ListingStatus,
    Member,
    Referral,
    ReferralStatus,
    Service,
    TradeListing,
    Training,
    TrainingSession,
    utcnow,
)
from kiosk.i18n import _, centre_today
from kiosk.logs import area_logger
from kiosk.services import CardPage
from kiosk.services.checks import entry_points
from kiosk.services.member_erasure import Erasure, erase_rows
from kiosk.services.members import (
    LOCALITY_MAX,
    MemberError,
    MemberInfo,
    clean_name,
    member_info,
    normalize_phone,
)
from kiosk.text import fold
from kiosk.words import first_name

log = area_logger("members")

PER_PAGE = 6
SHOWN = 3  # the newest items of each kind on her record
MIN_PHONE_DIGITS = 4
IN_ROOM = timedelta(hours=12)  # an open childcare visit older than this was never closed


class MemberNotFound(MemberError, LookupError):
    pass


class MemberPage(CardPage[MemberInfo]):
    """A page of the members a search found."""

    @property
    def items(self) -> tuple[MemberInfo, ...]:
        return self.cards


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
            return self._page([member_info(m) for m in rows], page, per_page)

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
                member=member_info(member),
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
                info = member_info(member)
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
            result, numbers = erase_rows(s, member)
            s.add(
                AuditEvent(
                    staff_id=staff_id,
                    action="member.erase",
                    subject_table="members",
                    subject_id=member_id,
                    detail=result.detail,
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
