"""Privacy under Mexico's data-protection law (LFPDPPP): the centre's privacy notice (aviso de
privacidad integral) and its versions, and "my data", everything the kiosk holds about one
member, printed at the desk when she asks (her right of access).

The notice is the kiosk's template (resources/privacy/aviso-integral.md) or the centre's own
file (setting ``privacy_notice_file``), with ``{centre_name}``, ``{centre_address}`` and
``{privacy_contact}`` filled from the settings. Each different text becomes a version, kept
word for word in ``privacy_notices``; the day a version first appeared is the notice's "last
updated" date, and a member's consent points at the version she accepted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from kiosk.config import Settings
from kiosk.data.models import (
    AuditEvent,
    Child,
    ChildcareVisit,
    ChildPhoto,
    Enrollment,
    EnrollmentStatus,
    JobInterest,
    JobPosting,
    ListingStatus,
    Member,
    PickupCode,
    PickupPerson,
    PrivacyNotice,
    Referral,
    ReferralStatus,
    Service,
    TradeListing,
    TradePhoto,
    Training,
    TrainingSession,
    Voucher,
    VoucherKind,
    utcnow,
)
from kiosk.i18n import N_, _, format_money
from kiosk.logs import area_logger
from kiosk.services.checks import entry_points
from kiosk.services.reports import OUTCOME_WORDS
from kiosk.services.trainings import STATUS_LABELS
from kiosk.services.vouchers import VoucherService
from kiosk.vouchers.records import (
    ChildRecord,
    JobRecord,
    ListingRecord,
    MyData,
    NoticeDoc,
    PickupLine,
    ReferralRecord,
    SignUpRecord,
    SlipRecord,
    VisitRecord,
)
from kiosk.words import PRICE_UNITS

log = area_logger("privacy")

TEMPLATE = Path(__file__).resolve().parent.parent.parent / "resources" / "privacy"
TEMPLATE_FILE = TEMPLATE / "aviso-integral.md"
FILE_MAX = 200_000  # characters: a notice, not a book
PLACEHOLDERS = ("centre_name", "centre_address", "privacy_contact")

LISTING_WORDS: dict[ListingStatus, str] = {
    ListingStatus.PENDING: N_("waiting for approval"),
    ListingStatus.PUBLISHED: N_("published"),
    ListingStatus.REJECTED: N_("not approved"),
    ListingStatus.WITHDRAWN: N_("withdrawn"),
}
SLIP_WORDS: dict[VoucherKind, str] = {
    VoucherKind.TRAINING: N_("Course sign-up"),
    VoucherKind.WAITLIST: N_("Waiting list"),
    VoucherKind.JOB: N_("Job slip"),
    VoucherKind.TRADE: N_("Trade listing"),
    VoucherKind.REFERRAL: N_("Program referral"),
    VoucherKind.PICKUP: N_("Childcare pickup"),
    VoucherKind.MEMBER_CARD: N_("Member card"),
    VoucherKind.STAFF_LIST: N_("Staff list"),
    VoucherKind.TEST: N_("Printer test"),
    VoucherKind.PRIVACY_NOTICE: N_("Privacy notice"),
    VoucherKind.MY_DATA: N_("My data"),
    VoucherKind.PASSBOOK: N_("Savings passbook"),
    VoucherKind.SAVINGS_SUMMARY: N_("Savings meeting"),
    VoucherKind.TANDA_CARD: N_("Tanda card"),
    VoucherKind.SHARE_OUT: N_("Share-out"),
}


class PrivacyError(ValueError):
    """A privacy problem told in one short Spanish sentence."""


@dataclass(frozen=True)
class NoticeInfo:
    """One version of the notice. ``problem`` says why the centre's own file was not used
    (the kiosk's notice is shown instead); empty when all is well."""

    id: int
    text: str
    published_at: datetime
    source: str  # the file it came from; "" for the kiosk's own notice
    problem: str = ""

    @property
    def doc(self) -> NoticeDoc:
        return NoticeDoc(self.text, self.id, self.published_at)


def fill(template: str, settings: Settings) -> str:
    """The template with the centre's details put in (other braces are left as they are)."""
    text = template
    for name in PLACEHOLDERS:
        text = text.replace("{" + name + "}", str(getattr(settings, name)).strip())
    return text


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@entry_points(PrivacyError)
class PrivacyService:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        settings: Settings,
        *,
        vouchers: VoucherService | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = session_factory
        # Read at each call: a change saved on the settings page counts at once.
        self._settings = settings
        self.vouchers = vouchers or VoucherService(session_factory, clock=clock)
        self._clock = clock

    # --- the notice ----------------------------------------------------------------------------

    def _template(self) -> tuple[str, str, str]:
        """(template, its file or "", the problem with the centre's file or "")."""
        chosen = self._settings.privacy_notice_file.strip()
        if chosen:
            path = Path(chosen).expanduser()
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                log.warning("the privacy notice file cannot be read; using the kiosk's notice")
                problem = _("The notice file cannot be read; the kiosk's own notice is used.")
            else:
                if text.strip() and len(text) <= FILE_MAX:
                    return text, str(path), ""
                problem = _("The notice file is empty or too long; the kiosk's own notice is used.")
        else:
            problem = ""
        return TEMPLATE_FILE.read_text(encoding="utf-8"), "", problem

    def current(self) -> NoticeInfo:
        """The notice as it reads now, published as a new version the first time this text
        is seen. Two stations publishing the same text at once share one version: the unique
        text hash decides, and the one that loses reads the winner's row."""
        template, source, problem = self._template()
        text = fill(template, self._settings).strip() + "\n"
        sha = _sha(text)
        with self._factory() as s:
            row = s.scalar(select(PrivacyNotice).where(PrivacyNotice.sha256 == sha))
            if row is not None:
                return NoticeInfo(row.id, row.text, row.published_at, source, problem)
        try:
            with self._factory.begin() as s:
                row = PrivacyNotice(sha256=sha, text=text, published_at=self._clock())
                s.add(row)
                s.flush()
                info = NoticeInfo(row.id, row.text, row.published_at, source, problem)
            log.info("privacy notice version %d published", info.id)
            return info
        except IntegrityError:
            with self._factory() as s:
                row = s.scalar(select(PrivacyNotice).where(PrivacyNotice.sha256 == sha))
                if row is None:
                    raise
                return NoticeInfo(row.id, row.text, row.published_at, source, problem)

    def notice(self, notice_id: int) -> NoticeInfo:
        """A version kept, word for word (the one a member accepted)."""
        with self._factory() as s:
            row = s.get(PrivacyNotice, notice_id)
            if row is None:
                raise PrivacyError(_("That version of the privacy notice is not in the kiosk."))
            return NoticeInfo(row.id, row.text, row.published_at, "")

    def write_template(self, path: Path) -> Path:
        """Copy the kiosk's notice (with its placeholders) to ``path`` for the centre to edit,
        unless a file is already there; the settings then point at it."""
        path = Path(path).expanduser()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(TEMPLATE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
        return path

    def print_notice(self) -> str:
        """The notice printed as a document: its voucher number, to print."""
        from kiosk.slip_options import SlipOptions
        from kiosk.vouchers import privacy as papers

        doc = self.current().doc
        options = SlipOptions.from_settings(self._settings)
        voucher = self.vouchers.issue(
            VoucherKind.PRIVACY_NOTICE,
            lambda number: papers.privacy_notice(doc, number, options),
            subject_table="privacy_notices",
            subject_id=doc.version,
        )
        return voucher.number

    # --- her data (right of access) ------------------------------------------------------------

    def my_data(self, member_id: int) -> MyData:
        """Everything the kiosk holds about her: her details and consent, her children with
        their health data and the people who may (not) pick them up, sign-ups, childcare
        visits, referrals, listings, the jobs she asked about and the slips issued for her."""
        with self._factory() as s:
            member = s.get(Member, member_id)
            if member is None or member.erased_at is not None:
                raise PrivacyError(_("This member is not in the kiosk any more."))
            notice = (
                s.get(PrivacyNotice, member.privacy_notice_id) if member.privacy_notice_id else None
            )
            children, child_ids = _children(s, member_id)
            listings, listing_ids = _listings(s, member_id)
            slips = tuple(
                SlipRecord(_(SLIP_WORDS[VoucherKind(kind)]), number, created_at)
                for kind, number, created_at in s.execute(
                    select(Voucher.kind, Voucher.number, Voucher.created_at)
                    .where(self._hers(s, member_id, child_ids, listing_ids))
                    .order_by(Voucher.created_at, Voucher.id)
                ).all()
            )
            return MyData(
                name=member.name,
                phone=member.phone or "",
                locality=member.locality,
                registered_at=member.created_at,
                consent_at=member.privacy_consent_at,
                notice_version=notice.id if notice else None,
                notice_updated=notice.published_at if notice else None,
                children=children,
                sign_ups=_sign_ups(s, member_id),
                visits=_visits(s, member_id),
                referrals=_referrals(s, member_id),
                listings=listings,
                jobs=_jobs(s, member_id),
                slips=slips,
            )

    @staticmethod
    def _hers(
        s: Session, member_id: int, child_ids: list[int], listing_ids: list[int]
    ) -> ColumnElement[bool]:
        """Which slips are about her: issued for her, her sign-ups, listings, referrals,
        children and pickup codes (the same rows erasing her looks at)."""
        subjects: dict[str, list[int]] = {
            "members": [member_id],
            "enrollments": list(
                s.scalars(select(Enrollment.id).where(Enrollment.member_id == member_id))
            ),
            "trade_listings": listing_ids,
            "referrals": list(
                s.scalars(select(Referral.id).where(Referral.member_id == member_id))
            ),
            "children": child_ids,
            "pickup_codes": list(
                s.scalars(select(PickupCode.id).where(PickupCode.guardian_id == member_id))
            ),
            "job_interests": list(
                s.scalars(select(JobInterest.id).where(JobInterest.member_id == member_id))
            ),
        }
        return or_(
            *(
                (Voucher.subject_table == table) & Voucher.subject_id.in_(ids)
                for table, ids in subjects.items()
                if ids
            )
        )

    def withdraw_health_consent(self, member_id: int, *, staff_id: int | None = None) -> int:
        """She withdraws her consent for her children's health data: every allergy mark and
        note of her children goes, with the consent's date. Returns how many children had
        some; audited with that number only."""
        with self._factory.begin() as s:
            member = s.get(Member, member_id)
            if member is None or member.erased_at is not None:
                raise PrivacyError(_("This member is not in the kiosk any more."))
            children = list(
                s.scalars(
                    select(Child).where(
                        Child.guardian_id == member_id,
                        or_(
                            Child.has_allergy.is_(True),
                            Child.medical_note != "",
                            Child.health_consent_at.is_not(None),
                        ),
                    )
                )
            )
            for child in children:
                child.has_allergy = False
                child.medical_note = ""
                child.health_consent_at = None
            # The kept slips that print her children's health too: the pickup pairs' labels
            # and her own data slip. Their PDFs go; their numbers stay, counted.
            codes = select(PickupCode.id).where(PickupCode.guardian_id == member_id)
            kept = list(
                s.scalars(
                    select(Voucher).where(
                        Voucher.pdf.is_not(None),
                        or_(
                            (Voucher.kind == VoucherKind.PICKUP)
                            & (Voucher.subject_table == "pickup_codes")
                            & Voucher.subject_id.in_(codes),
                            (Voucher.kind == VoucherKind.MY_DATA)
                            & (Voucher.subject_table == "members")
                            & (Voucher.subject_id == member_id),
                        ),
                    )
                )
            )
            numbers = [voucher.number for voucher in kept]
            for voucher in kept:
                voucher.pdf = None
            s.add(
                AuditEvent(
                    staff_id=staff_id,
                    action="member.health_consent_withdrawn",
                    subject_table="members",
                    subject_id=member_id,
                    detail=f"children={len(children)}",
                )
            )
        self._delete_slip_files(numbers)
        log.info("member %d withdrew her consent for health data", member_id)
        return len(children)

    def _delete_slip_files(self, numbers: list[str]) -> None:
        """The same slips saved as PDF files in the data folder (``<kind>-<number>*.pdf``)."""
        folder = Path(self._settings.data_dir) / "slips"
        for number in numbers:
            for path in folder.glob(f"*-{number}*.pdf"):
                path.unlink(missing_ok=True)

    def print_my_data(self, member_id: int, *, staff_id: int | None = None) -> str:
        """Her data printed for her: its voucher number, to print. The request is audited
        (who asked for it and when, nothing personal)."""
        from kiosk.slip_options import SlipOptions
        from kiosk.vouchers import privacy as papers

        data = self.my_data(member_id)
        options = SlipOptions.from_settings(self._settings)
        voucher = self.vouchers.issue(
            VoucherKind.MY_DATA,
            lambda number: papers.my_data(data, number, options),
            subject_table="members",
            subject_id=member_id,
        )
        with self._factory.begin() as s:
            s.add(
                AuditEvent(
                    staff_id=staff_id,
                    action="member.access",
                    subject_table="members",
                    subject_id=member_id,
                )
            )
        log.info("member %d: her data printed", member_id)
        return voucher.number


# --- her data, part by part (inside my_data's transaction) -----------------------------------


def _among(s: Session, column: InstrumentedAttribute[int], ids: list[int]) -> set[int]:
    """The ids in ``ids`` that have a row whose ``column`` names them (a photo, say)."""
    return set(s.scalars(select(column).where(column.in_(ids)))) if ids else set()


def _children(s: Session, member_id: int) -> tuple[tuple[ChildRecord, ...], list[int]]:
    """Her children with their health data and who may (not) pick them up, and their ids."""
    children = list(
        s.scalars(
            select(Child).where(Child.guardian_id == member_id).order_by(Child.birth_date, Child.id)
        )
    )
    child_ids = [c.id for c in children]
    people = (
        list(
            s.scalars(
                select(PickupPerson)
                .where(PickupPerson.child_id.in_(child_ids))
                .order_by(PickupPerson.id)
            )
        )
        if child_ids
        else []
    )
    child_photos = _among(s, ChildPhoto.child_id, child_ids)
    records = tuple(
        ChildRecord(
            name=c.name,
            birth_date=c.birth_date,
            has_allergy=c.has_allergy,
            medical_note=c.medical_note,
            health_consent_at=c.health_consent_at,
            has_photo=c.id in child_photos,
            pickup_people=tuple(
                PickupLine(p.name, p.relation, p.phone or "", p.allowed)
                for p in people
                if p.child_id == c.id
            ),
        )
        for c in children
    )
    return records, child_ids


def _sign_ups(s: Session, member_id: int) -> tuple[SignUpRecord, ...]:
    return tuple(
        SignUpRecord(
            training=title,
            starts_at=starts_at,
            place=place,
            status=_(STATUS_LABELS[EnrollmentStatus(e.status)]),
            waitlist_position=e.waitlist_position,
            children=e.children_count,
            signed_up_at=e.created_at,
        )
        for e, title, starts_at, place in s.execute(
            select(Enrollment, Training.title, TrainingSession.starts_at, TrainingSession.place)
            .join(TrainingSession, Enrollment.session_id == TrainingSession.id)
            .join(Training, TrainingSession.training_id == Training.id)
            .where(Enrollment.member_id == member_id)
            .order_by(TrainingSession.starts_at, Enrollment.id)
        ).all()
    )


def _visits(s: Session, member_id: int) -> tuple[VisitRecord, ...]:
    return tuple(
        VisitRecord(name, v.checked_in_at, v.checked_out_at, v.picked_up_by)
        for v, name in s.execute(
            select(ChildcareVisit, Child.name)
            .join(Child, ChildcareVisit.child_id == Child.id)
            .where(Child.guardian_id == member_id)
            .order_by(ChildcareVisit.checked_in_at, ChildcareVisit.id)
        ).all()
    )


def _referrals(s: Session, member_id: int) -> tuple[ReferralRecord, ...]:
    return tuple(
        ReferralRecord(
            program=program,
            created_at=r.created_at,
            status=_(OUTCOME_WORDS[ReferralStatus(r.status)]),
            reason=r.reason,
            follow_up_on=r.follow_up_on,
            outcome_note=r.outcome_note,
        )
        for r, program in s.execute(
            select(Referral, Service.name)
            .join(Service, Referral.service_id == Service.id)
            .where(Referral.member_id == member_id)
            .order_by(Referral.created_at, Referral.id)
        ).all()
    )


def _listings(s: Session, member_id: int) -> tuple[tuple[ListingRecord, ...], list[int]]:
    """What she offers in the trade bank, and the listings' ids."""
    rows = list(
        s.scalars(
            select(TradeListing)
            .where(TradeListing.seller_id == member_id)
            .order_by(TradeListing.created_at, TradeListing.id)
        )
    )
    listing_ids = [row.id for row in rows]
    with_photo = _among(s, TradePhoto.listing_id, listing_ids)
    records = tuple(
        ListingRecord(
            title=row.title,
            description=row.description,
            price=f"{format_money(row.price)} {_(PRICE_UNITS[row.price_unit.value])}",
            status=_(LISTING_WORDS[ListingStatus(row.status)]),
            created_at=row.created_at,
            contact_phone=row.contact_phone or "",
            locality=row.locality,
            has_photo=row.id in with_photo,
        )
        for row in rows
    )
    return records, listing_ids


def _jobs(s: Session, member_id: int) -> tuple[JobRecord, ...]:
    return tuple(
        JobRecord(title, employer, asked_at)
        for title, employer, asked_at in s.execute(
            select(JobPosting.title, JobPosting.employer, JobInterest.created_at)
            .join(JobPosting, JobInterest.job_id == JobPosting.id)
            .where(JobInterest.member_id == member_id)
            .order_by(JobInterest.created_at, JobInterest.id)
        ).all()
    )
