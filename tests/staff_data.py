"""One month of the centre's life, written straight into the tables, for the report and the
member-erasure tests: what every figure of the report should then be is known exactly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from kiosk.data.models import (
    Child,
    ChildcareVisit,
    ChildPhoto,
    EmploymentType,
    Enrollment,
    EnrollmentStatus,
    JobCategory,
    JobInterest,
    JobPosting,
    ListingStatus,
    Member,
    Organization,
    PayUnit,
    PickupCode,
    PickupPerson,
    PriceUnit,
    PrintStatus,
    ProgramLevel,
    ProgramNeed,
    Referral,
    ReferralStatus,
    Service,
    TradeCategory,
    TradeListing,
    TradePhoto,
    Training,
    TrainingSession,
    Voucher,
    VoucherKind,
)

CENTRE = ZoneInfo("America/Chihuahua")
YEAR, MONTH = 2026, 10  # October 2026


def at(day: int, hour: int, minute: int = 0, month: int = MONTH) -> datetime:
    """A wall-clock moment at the centre."""
    return datetime(YEAR, month, day, hour, minute, tzinfo=CENTRE)


@dataclass(frozen=True)
class Filled:
    ana_id: int  # the member whose data the erasure tests remove
    ana_name: str
    ana_phone: str
    child_name: str
    pickup_name: str
    pickup_phone: str
    listing_id: int  # her published listing
    referral_id: int  # her referral


def fill_month(factory) -> Filled:  # type: ignore[no-untyped-def]
    """October 2026 with known figures:

    members served 4 (Ana, Berta, Carmen, and Dora who signed up and cancelled; Elsa acted in
    September), new members 2 (Ana, Dora); Panadería: 2 sessions, 3 seated (Ana attended, Berta
    attended, Carmen no-show; Dora cancelled, Elsa waitlisted); Costura: 1 session, Ana attended;
    childcare 3 visits of 2 children, 2.5 + 1.5 = 4 hours (one visit, on the 31st at 22:00 when
    it is already November in UTC, still open); referrals
    2 received + 1 pending; 2 jobs with 3 openings; 2 listings published (one rejected, one
    pending, one published in September).
    """
    ana, ana_phone = "Ana Lucía Quintero", "6145551234"
    with factory.begin() as s:
        members = {
            key: Member(
                name=name,
                phone=phone,
                locality="Santa Eulalia",
                created_at=created,
                privacy_consent_at=created,
            )
            for key, name, phone, created in (
                ("ana", ana, ana_phone, at(2, 10)),
                ("berta", "Berta Ríos", "6145552001", at(5, 10, month=8)),
                ("carmen", "Carmen Soto", "6145552002", at(5, 10, month=8)),
                ("dora", "Dora Núñez", "6145552003", at(20, 10)),
                ("elsa", "Elsa Pérez", "6145552004", at(3, 10, month=9)),
            )
        }
        s.add_all(members.values())
        s.flush()
        bread = Training(title="Panadería básica", topic="panaderia")
        sewing = Training(title="Costura en máquina", topic="costura")
        s.add_all([bread, sewing])
        s.flush()
        sessions = [
            TrainingSession(
                training_id=training.id,
                starts_at=start,
                ends_at=start + timedelta(hours=3),
                place="Salón 1",
                seats=10,
            )
            for training, start in (
                (bread, at(10, 9)),
                (bread, at(24, 9)),
                (sewing, at(15, 16)),
                (sewing, at(3, 16, month=11)),  # next month: not in October's report
            )
        ]
        s.add_all(sessions)
        s.flush()
        enrol = [
            ("ana", 0, EnrollmentStatus.ATTENDED, at(3, 12)),
            ("berta", 0, EnrollmentStatus.ATTENDED, at(4, 12)),
            ("carmen", 1, EnrollmentStatus.NO_SHOW, at(6, 12)),
            ("dora", 1, EnrollmentStatus.CANCELLED, at(21, 12)),
            ("elsa", 1, EnrollmentStatus.WAITLISTED, at(28, 12, month=9)),
            ("ana", 2, EnrollmentStatus.ATTENDED, at(7, 12)),
            ("ana", 3, EnrollmentStatus.ENROLLED, at(28, 12, month=9)),
        ]
        enrollments = []
        for position, (who, index, status, when) in enumerate(enrol):
            enrollments.append(
                Enrollment(
                    member_id=members[who].id,
                    session_id=sessions[index].id,
                    status=status,
                    waitlist_position=position if status is EnrollmentStatus.WAITLISTED else None,
                    created_at=when,
                    updated_at=when,
                )
            )
        s.add_all(enrollments)
        child = Child(
            guardian_id=members["ana"].id,
            name="Mateo Quintero",
            birth_date=date(2021, 5, 17),
            medical_note="Alergia al cacahuate, avisar a Ana Lucía",
            has_allergy=True,
            health_consent_at=datetime(2026, 1, 5, 17, 0, tzinfo=UTC),
            photo_consent_at=datetime(2026, 1, 5, 17, 0, tzinfo=UTC),
        )
        other_child = Child(
            guardian_id=members["berta"].id, name="Sofía Ríos", birth_date=date(2020, 2, 2)
        )
        s.add_all([child, other_child])
        s.flush()
        # His face, as the camera gave it (the bytes name him, so a scan finds them).
        s.add(
            ChildPhoto(
                child_id=child.id,
                jpeg=b"\xff\xd8 foto de Mateo Quintero",
                width=4,
                height=3,
                taken_at=datetime(2026, 1, 5, 17, 0, tzinfo=UTC),
            )
        )
        s.add(
            PickupPerson(
                child_id=child.id,
                name="Rosa Quintero",
                relation="abuela",
                phone="6145553333",
                allowed=True,
            )
        )
        code = PickupCode(
            day=date(YEAR, MONTH, 10), code="4821", picture="sol", guardian_id=members["ana"].id
        )
        code2 = PickupCode(
            day=date(YEAR, MONTH, 24), code="1933", picture="pez", guardian_id=members["berta"].id
        )
        s.add_all([code, code2])
        s.flush()
        s.add_all(
            [
                ChildcareVisit(
                    child_id=child.id,
                    pickup_code_id=code.id,
                    checked_in_at=at(10, 9),
                    checked_out_at=at(10, 11, 30),
                    picked_up_by="Ana Lucía Quintero",
                ),
                ChildcareVisit(
                    child_id=other_child.id,
                    pickup_code_id=code2.id,
                    checked_in_at=at(24, 9),
                    checked_out_at=at(24, 10, 30),
                    picked_up_by="Berta Ríos",
                ),
                ChildcareVisit(child_id=child.id, pickup_code_id=code.id, checked_in_at=at(31, 22)),
            ]
        )
        org = Organization(name="DIF Municipal")
        s.add(org)
        s.flush()
        service = Service(
            organization_id=org.id,
            name="Apoyo para negocio",
            level=ProgramLevel.MUNICIPAL,
            need=ProgramNeed.BUSINESS_MONEY,
        )
        s.add(service)
        s.flush()
        referrals = [
            Referral(
                member_id=members["ana"].id,
                service_id=service.id,
                reason="Ana Lucía quiere abrir una panadería; teléfono 6145551234",
                status=ReferralStatus.RECEIVED,
                outcome_note="Recibió el apoyo, habló con Ana Lucía Quintero",
                created_at=at(12, 11),
            ),
            Referral(
                member_id=members["carmen"].id,
                service_id=service.id,
                status=ReferralStatus.RECEIVED,
                created_at=at(13, 11),
            ),
            Referral(
                member_id=members["berta"].id,
                service_id=service.id,
                status=ReferralStatus.PENDING,
                created_at=at(14, 11),
            ),
        ]
        s.add_all(referrals)
        jobs = [
            JobPosting(
                title=title,
                category=JobCategory.KITCHEN,
                employer="Fonda Doña Mary",
                pay_amount=Decimal(300),
                pay_unit=PayUnit.DAY,
                employment_type=EmploymentType.PER_DAY,
                locality="Santa Eulalia",
                contact_phone="6145559000",
                openings=openings,
                date_posted=posted,
                valid_through=posted + timedelta(days=30),
            )
            for title, openings, posted in (
                ("Ayudante de cocina", 2, date(YEAR, MONTH, 1)),
                ("Lavaloza", 1, date(YEAR, MONTH, 31)),
                ("Mesera", 1, date(YEAR, 9, 30)),
            )
        ]
        s.add_all(jobs)
        s.flush()
        s.add(JobInterest(job_id=jobs[0].id, member_id=members["carmen"].id, created_at=at(2, 9)))
        listings = [
            TradeListing(
                seller_id=members["ana"].id,
                title="Pan de Ana Lucía",
                category=TradeCategory.BAKERY,
                description="Conchas y orejas hechas por Ana Lucía Quintero, 6145551234",
                price=Decimal(10),
                price_unit=PriceUnit.PIECE,
                contact_phone=ana_phone,
                locality="Santa Eulalia",
                status=ListingStatus.PUBLISHED,
                created_at=at(8, 10),
                published_at=at(8, 15),
            ),
            TradeListing(
                seller_id=members["berta"].id,
                title="Tortillas",
                category=TradeCategory.FOOD,
                price=Decimal(25),
                price_unit=PriceUnit.KILO,
                status=ListingStatus.PUBLISHED,
                created_at=at(9, 10),
                published_at=at(9, 12),
            ),
            TradeListing(
                seller_id=members["ana"].id,
                title="Aretes",
                category=TradeCategory.CRAFTS,
                price=Decimal(50),
                price_unit=PriceUnit.PIECE,
                status=ListingStatus.REJECTED,
                reject_reason="Ana: la foto no se ve",
                created_at=at(11, 10),
            ),
            TradeListing(
                seller_id=members["elsa"].id,
                title="Plantas",
                category=TradeCategory.PLANTS,
                price=Decimal(40),
                price_unit=PriceUnit.PIECE,
                status=ListingStatus.PUBLISHED,
                created_at=at(20, 10, month=9),
                published_at=at(21, 10, month=9),
            ),
        ]
        s.add_all(listings)
        s.flush()
        # Her bread, photographed at the kiosk (a photo may show her, or her home).
        s.add(TradePhoto(listing_id=listings[0].id, jpeg=b"\xff\xd8 foto", width=1, height=1))
        ana_id = members["ana"].id
        listing_id = listings[0].id
        referral_id = referrals[0].id
    return Filled(
        ana_id=ana_id,
        ana_name=ana,
        ana_phone=ana_phone,
        child_name="Mateo Quintero",
        pickup_name="Rosa Quintero",
        pickup_phone="6145553333",
        listing_id=listing_id,
        referral_id=referral_id,
    )


_slip_numbers = iter(range(1, 10**9))


def add_slip(  # type: ignore[no-untyped-def]
    factory, kind: VoucherKind, table: str, subject_id: int, pdf: bytes, *, printed: bool = True
) -> None:
    with factory.begin() as s:
        s.add(
            Voucher(
                number=f"{next(_slip_numbers):010d}",
                kind=kind,
                subject_table=table,
                subject_id=subject_id,
                pdf=pdf,
                print_status=PrintStatus.PRINTED if printed else PrintStatus.WAITING,
                created_at=datetime.now(UTC),
            )
        )
