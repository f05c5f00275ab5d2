"""The staff desk's members: search by phone or name, her record, corrections, and erasure that
leaves nothing personal anywhere in the database while the month's figures stay the same."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import MetaData, func, select

from kiosk.data.models import (
    AuditEvent,
    Child,
    ChildPhoto,
    EnrollmentStatus,
    ListingStatus,
    Member,
    PickupPerson,
    ReferralStatus,
    TradeListing,
    TradePhoto,
    TrainingSession,
    Voucher,
    VoucherKind,
)
from kiosk.services.member_desk import MemberDesk, MemberNotFound, name_matches
from kiosk.services.members import MemberError
from kiosk.services.reports import Month, ReportService
from kiosk.services.vouchers import VoucherService
from kiosk.vouchers import kinds
from tests.concurrency import race
from tests.pdfs import pdf_text
from tests.staff_data import MONTH, YEAR, Filled, add_slip, fill_month

TODAY = date(2026, 11, 20)


@pytest.fixture
def desk(session_factory, tmp_path: Path) -> MemberDesk:  # type: ignore[no-untyped-def]
    return MemberDesk(session_factory, files_root=tmp_path / "data", today=lambda: TODAY)


def _add(factory, *people: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    with factory.begin() as s:
        s.add_all(
            Member(name=name, phone=phone, locality="Aldama", created_at=datetime.now(UTC))
            for name, phone in people
        )


# --- search -------------------------------------------------------------------------------


def test_search_by_the_last_four_digits_or_the_whole_phone(session_factory, desk) -> None:  # type: ignore[no-untyped-def]
    _add(session_factory, ("Ana Torres", "6145551234"), ("Berta Ríos", "6145559876"))
    found = desk.search_phone("1234")
    assert [m.name for m in found.items] == ["Ana Torres"]
    assert found.items[0].masked_phone == "•• •• •• 12 34"
    assert desk.search_phone("6145559876").items[0].name == "Berta Ríos"
    assert desk.search_phone("0000").total == 0
    with pytest.raises(MemberError, match="4"):
        desk.search_phone("12")


def test_search_by_name_ignores_accents_and_capitals(session_factory, desk) -> None:  # type: ignore[no-untyped-def]
    _add(
        session_factory,
        ("María José Peña", "6145550001"),
        ("Mariana Ortiz", "6145550002"),
        ("Rosa María Núñez", "6145550003"),
    )
    assert [m.name for m in desk.search_name("maria").items] == [
        "María José Peña",
        "Mariana Ortiz",
        "Rosa María Núñez",
    ]
    assert [m.name for m in desk.search_name("MARIA PENA").items] == ["María José Peña"]
    assert [m.name for m in desk.search_name("nunez").items] == ["Rosa María Núñez"]
    with pytest.raises(MemberError):
        desk.search_name("   ")


def test_results_come_six_to_a_page(session_factory, desk) -> None:  # type: ignore[no-untyped-def]
    _add(session_factory, *((f"Lupe {chr(65 + i)}", f"61455500{i:02d}") for i in range(8)))
    first = desk.search_name("lupe")
    assert (first.total, first.page_count, len(first.items)) == (8, 2, 6)
    second = desk.search_name("lupe", page=5)  # clamped to the last page
    assert second.page == 1 and [m.name for m in second.items] == ["Lupe G", "Lupe H"]


def test_name_matching_takes_word_beginnings() -> None:
    assert name_matches("ana qui", "Ana Lucía Quintero")
    assert not name_matches("ucia", "Ana Lucía Quintero")


# --- her record ---------------------------------------------------------------------------


def test_her_record_counts_what_she_did(session_factory, desk) -> None:  # type: ignore[no-untyped-def]
    filled = fill_month(session_factory)
    record = desk.record(filled.ana_id)
    assert record.member.name == "Ana Lucía Quintero"
    assert record.sign_ups == 3
    assert record.sign_up_lines[0].training == "Costura en máquina"  # newest session first
    assert record.sign_up_lines[0].status is EnrollmentStatus.ENROLLED
    assert record.referrals == 1 and record.referral_lines[0].status is ReferralStatus.RECEIVED
    assert record.listings == 2
    assert {line.status for line in record.listing_lines} == {
        ListingStatus.PUBLISHED,
        ListingStatus.REJECTED,
    }
    assert [(c.first_name, c.age, c.has_allergy) for c in record.children] == [("Mateo", 5, True)]
    assert record.childcare_visits == 2


def test_localities_are_offered_most_common_first(session_factory, desk) -> None:  # type: ignore[no-untyped-def]
    fill_month(session_factory)
    _add(session_factory, ("Ana Torres", "6145551299"))
    assert desk.localities() == ["Santa Eulalia", "Aldama"]


# --- corrections --------------------------------------------------------------------------


def test_correcting_her_details_is_checked_and_audited(session_factory, desk) -> None:  # type: ignore[no-untyped-def]
    _add(session_factory, ("Ana Torres", "6145551234"), ("Berta Ríos", "6145559876"))
    ana = desk.search_phone("1234").items[0]
    fixed = desk.correct(ana.id, name="  ana   torres  díaz ", phone="614 555 4321", staff_id=None)
    assert (fixed.name, fixed.phone) == ("ana torres díaz", "6145554321")
    desk.correct(ana.id, locality="  Santa   Eulalia ")
    assert desk.record(ana.id).member.locality == "Santa Eulalia"
    with pytest.raises(MemberError, match="otra socia"):
        desk.correct(ana.id, phone="6145559876")
    with pytest.raises(MemberError):
        desk.correct(ana.id, phone="1234567890")
    with pytest.raises(MemberError):
        desk.correct(ana.id, name="1234")
    assert desk.record(ana.id).member.phone == "6145554321"  # nothing changed by the refusals
    with session_factory() as s:
        details = list(
            s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "member.correct"))
        )
    assert details == ["fields=name,phone", "fields=locality"]


# --- erasure ------------------------------------------------------------------------------


def _slips(factory, filled: Filled) -> None:  # type: ignore[no-untyped-def]
    """Slips printed for her (their PDFs carry her name and phone), and one for Berta."""
    with factory() as s:
        session_id = s.scalar(select(func.min(TrainingSession.id)))
    card = kinds.member_card(
        kinds.MemberCardSlip(name=filled.ana_name, code="CENESOMK7Q2M9XRT4WB8HZ3PNC6"), "1"
    )
    trade = kinds.trade_slip(
        kinds.TradeSlip(
            title="Pan de Ana Lucía",
            price=Decimal(10),
            price_unit="pieza",
            seller_name=filled.ana_name,
            seller_phone=filled.ana_phone,
        ),
        "2",
    )
    roster = kinds.staff_list(
        kinds.StaffListSlip(
            title="Panadería básica",
            day=date(YEAR, MONTH, 10),
            names=(filled.ana_name, "Berta Ríos"),
        ),
        "3",
    )
    berta = kinds.member_card(
        kinds.MemberCardSlip(name="Berta Ríos", code="CENESOMA7Q2M9XRT4WB8HZ3PNC6"), "4"
    )
    add_slip(factory, VoucherKind.MEMBER_CARD, "members", filled.ana_id, card, printed=False)
    add_slip(factory, VoucherKind.TRADE, "trade_listings", filled.listing_id, trade)
    add_slip(factory, VoucherKind.STAFF_LIST, "training_sessions", session_id, roster)
    with factory() as s:
        berta_id = s.scalar(select(Member.id).where(Member.name == "Berta Ríos"))
    add_slip(factory, VoucherKind.MEMBER_CARD, "members", berta_id, berta)


def traces(engine, needles: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Every place in the database where one of ``needles`` appears: every column of every
    table the database holds (reflected, so tables added later are scanned too); texts as they
    are and without spaces or dashes (a phone printed "614 555 12 34"), PDFs by their text."""
    metadata = MetaData()
    metadata.reflect(engine)
    found = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for column in table.columns:
                for (value,) in conn.execute(select(column).where(column.is_not(None))):
                    if isinstance(value, bytes | memoryview):
                        data = bytes(value)
                        text = pdf_text(data) if data.startswith(b"%PDF") else ""
                        text += data.decode("latin-1")
                    else:
                        text = str(value)
                    squeezed = "".join(ch for ch in text if ch not in " -.•")
                    for needle in needles:
                        if needle in text or needle in squeezed:
                            found.append(f"{table.name}.{column.name}: {needle}")
    return found


def test_erasure_leaves_no_trace_and_the_figures_stay(
    engine, session_factory, desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    filled = fill_month(session_factory)
    _slips(session_factory, filled)
    needles = [
        "Ana Lucía",
        "Quintero",
        filled.ana_phone,
        "Mateo",
        filled.pickup_name,
        filled.pickup_phone,
        "cacahuate",
        "Conchas",
        "la foto no se ve",
    ]
    before = traces(engine, needles)
    # The scan sees her everywhere she was: her row, free text, children, pickups, slips.
    for place in (
        "members.name",
        "members.phone",
        "referrals.reason",
        "referrals.outcome_note",
        "trade_listings.description",
        "trade_listings.contact_phone",
        "trade_listings.reject_reason",
        "children.name",
        "children.medical_note",
        "child_photos.jpeg",
        "pickup_people.name",
        "pickup_people.phone",
        "childcare_visits.picked_up_by",
        "vouchers.pdf",
    ):
        assert any(hit.startswith(place + ":") for hit in before), place
    report_before = ReportService(session_factory).month(Month(YEAR, MONTH))

    erased = desk.erase(filled.ana_id, staff_id=None)

    assert traces(engine, needles) == []
    assert ReportService(session_factory).month(Month(YEAR, MONTH)) == report_before
    assert (erased.children, erased.pickup_people, erased.listings, erased.referrals) == (
        1,
        1,
        2,
        1,
    )
    assert erased.slips == 3 and erased.photos == 1
    with session_factory() as s:
        ana = s.get(Member, filled.ana_id)
        assert ana is not None and ana.erased_at is not None
        assert s.get(TradeListing, filled.listing_id).status is ListingStatus.WITHDRAWN
        assert s.get(TradePhoto, filled.listing_id) is None
        mateo = s.scalar(select(Child).where(Child.guardian_id == filled.ana_id))
        assert mateo.birth_date == date(2021, 1, 1) and not mateo.has_allergy
        # His photo's row is gone, not only blanked, and so is the consent to it.
        assert s.scalar(select(func.count()).select_from(ChildPhoto)) == 0
        assert mateo.photo_consent_at is None
        assert s.scalar(select(func.count(PickupPerson.id))) == 0
        # Berta, her listing and her slip are untouched.
        berta = s.scalar(select(Member).where(Member.name == "Berta Ríos"))
        assert berta is not None and berta.phone == "6145552001"
        # Her card never printed: gone from "por imprimir"; her printed slips stay, numbered.
        kinds_left = sorted(v.kind.value for v in s.scalars(select(Voucher)))
        assert kinds_left == ["member_card", "staff_list", "trade"]  # Berta's card stays
        assert VoucherService(session_factory).waiting() == []
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "member.erase"))
        assert event.subject_id == filled.ana_id
        assert event.detail.startswith("children=1 pickup_people=1 listings=2")
    assert "Berta" in " ".join(traces(engine, ["Berta Ríos"]))
    # Her card prints her first name only.
    assert any(hit.startswith("vouchers.pdf") for hit in traces(engine, ["Berta"]))
    # She is gone from the desk: not found, not shown, not erasable twice.
    assert desk.search_name("ana").total == 0
    with pytest.raises(MemberNotFound):
        desk.record(filled.ana_id)
    with pytest.raises(MemberNotFound):
        desk.erase(filled.ana_id)


def test_an_erased_phone_can_register_again(session_factory, desk) -> None:  # type: ignore[no-untyped-def]
    from kiosk.services.members import MemberService

    filled = fill_month(session_factory)
    desk.erase(filled.ana_id)
    again = MemberService(session_factory).register("Ana Lucía", filled.ana_phone, consent=True)
    assert again.id != filled.ana_id


def test_two_desks_erasing_her_at_once_erase_once(session_factory) -> None:  # type: ignore[no-untyped-def]
    """The member's row is locked (PostgreSQL) or the write lock taken (SQLite) first, so the
    second desk finds her already erased and writes nothing."""
    filled = fill_month(session_factory)
    desks = [MemberDesk(session_factory) for _ in range(4)]
    results = race(4, lambda i: desks[i].erase(filled.ana_id), MemberNotFound)
    outcomes = ["already" if isinstance(r, MemberNotFound) else "erased" for r in results]
    assert sorted(outcomes) == ["already", "already", "already", "erased"]
    with session_factory() as s:
        events = s.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "member.erase")
        )
    assert events == 1


def test_two_members_taking_one_phone_at_once(session_factory) -> None:  # type: ignore[no-untyped-def]
    _add(session_factory, ("Ana Torres", "6145551234"), ("Berta Ríos", "6145559876"))
    desk = MemberDesk(session_factory)
    ids = [desk.search_phone(digits).items[0].id for digits in ("1234", "9876")]
    results = race(2, lambda i: desk.correct(ids[i], phone="6145557777"), MemberError)
    outcomes = ["refused" if isinstance(r, MemberError) else "ok" for r in results]
    assert sorted(outcomes) == ["ok", "refused"]
    assert desk.search_phone("7777").total == 1


def test_her_upcoming_sign_ups_go_to_the_women_waiting(session_factory) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.models import Enrollment

    filled = fill_month(session_factory)
    with session_factory.begin() as s:
        november = s.scalar(select(func.max(TrainingSession.id)))
        s.get(TrainingSession, november).seats_taken = 1  # Ana's seat, as the service keeps it
        dora = s.scalar(select(Member.id).where(Member.name == "Dora Núñez"))
        s.add(
            Enrollment(
                member_id=dora,
                session_id=november,
                status=EnrollmentStatus.WAITLISTED,
                waitlist_position=1,
            )
        )
    before = ReportService(session_factory).month(Month(YEAR, MONTH))
    on_the_first = datetime(YEAR, MONTH, 1, 15, tzinfo=UTC)
    desk = MemberDesk(session_factory, today=lambda: TODAY, clock=lambda: on_the_first)
    desk.erase(filled.ana_id)
    with session_factory() as s:
        statuses = dict(
            s.execute(
                select(Enrollment.member_id, Enrollment.status).where(
                    Enrollment.session_id == november
                )
            ).all()
        )
    assert statuses == {filled.ana_id: EnrollmentStatus.CANCELLED, dora: EnrollmentStatus.ENROLLED}
    # October's sessions had already happened: its figures are as they were.
    assert ReportService(session_factory).month(Month(YEAR, MONTH)) == before


def test_not_while_her_child_is_in_the_room(session_factory) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.models import ChildcareVisit, PickupCode

    filled = fill_month(session_factory)
    now = datetime(2026, 11, 20, 17, tzinfo=UTC)
    with session_factory.begin() as s:
        child = s.scalar(select(Child.id).where(Child.guardian_id == filled.ana_id))
        code = PickupCode(day=TODAY, code="77", picture="sol", guardian_id=filled.ana_id)
        s.add(code)
        s.flush()
        # A child is in the room once: last month's visit left open ends, today's begins.
        for left_open in s.scalars(
            select(ChildcareVisit).where(
                ChildcareVisit.child_id == child, ChildcareVisit.checked_out_at.is_(None)
            )
        ):
            left_open.checked_out_at = left_open.checked_in_at + timedelta(hours=2)
        s.flush()
        s.add(
            ChildcareVisit(
                child_id=child, pickup_code_id=code.id, checked_in_at=now - timedelta(hours=1)
            )
        )
    desk = MemberDesk(session_factory, today=lambda: TODAY, clock=lambda: now)
    with pytest.raises(MemberError, match="guardería"):
        desk.erase(filled.ana_id)
    assert desk.record(filled.ana_id).member.name == filled.ana_name


# --- erasing next to the other areas ----------------------------------------------------------


def test_a_refused_erasure_gives_none_of_her_seats_away(session_factory) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.models import ChildcareVisit, Enrollment, EnrollmentStatus, PickupCode
    from kiosk.services.trainings import TrainingService

    filled = fill_month(session_factory)
    now = datetime(2026, 11, 20, 17, tzinfo=UTC)
    trainings = TrainingService(session_factory, childcare_capacity=15, clock=lambda: now)
    course = trainings.create_training("Costura", "costura")
    starts = now + timedelta(days=3)
    later = trainings.add_session(course.id, starts, starts + timedelta(hours=2), "Salón", 5)
    trainings.sign_up(filled.ana_id, later.id)
    with session_factory.begin() as s:
        child = s.scalar(select(Child.id).where(Child.guardian_id == filled.ana_id))
        for left_open in s.scalars(
            select(ChildcareVisit).where(ChildcareVisit.checked_out_at.is_(None))
        ):
            left_open.checked_out_at = left_open.checked_in_at + timedelta(hours=2)
        s.flush()
        code = PickupCode(day=TODAY, code="77", picture="sol", guardian_id=filled.ana_id)
        s.add(code)
        s.flush()
        s.add(
            ChildcareVisit(
                child_id=child, pickup_code_id=code.id, checked_in_at=now - timedelta(hours=1)
            )
        )
    desk = MemberDesk(session_factory, today=lambda: TODAY, clock=lambda: now)
    with pytest.raises(MemberError, match="guardería"):
        desk.erase(filled.ana_id)
    with session_factory() as s:
        kept = s.scalar(
            select(Enrollment.status).where(
                Enrollment.member_id == filled.ana_id, Enrollment.session_id == later.id
            )
        )
    assert kept is EnrollmentStatus.ENROLLED


def test_a_mother_with_a_turned_away_pickup_can_be_erased(session_factory) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.models import AlertKind, ChildcareAlert, PickupCode, PickupPerson

    filled = fill_month(session_factory)
    with session_factory.begin() as s:
        child = s.scalar(select(Child.id).where(Child.guardian_id == filled.ana_id))
        person = PickupPerson(child_id=child, name="Ex pareja", allowed=False)
        s.add(person)
        s.flush()
        code = PickupCode(
            day=date(2026, 10, 30), code="78", picture="sol", guardian_id=filled.ana_id
        )
        s.add(code)
        s.flush()
        s.add(
            ChildcareAlert(
                kind=AlertKind.NOT_ALLOWED,
                child_id=child,
                pickup_code_id=code.id,
                pickup_person_id=person.id,
                created_at=datetime(2026, 10, 30, 18, tzinfo=UTC),
            )
        )
    MemberDesk(session_factory, today=lambda: TODAY).erase(filled.ana_id)
    with session_factory() as s:
        alert = s.scalar(select(ChildcareAlert))
        assert alert is not None and alert.pickup_person_id is None  # still counted
        assert s.scalar(select(func.count()).select_from(PickupPerson)) == 0


def test_an_erased_woman_leaves_the_follow_up_list(session_factory) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.models import Referral, ReferralStatus
    from kiosk.services.programs import ProgramService

    filled = fill_month(session_factory)
    with session_factory.begin() as s:
        for referral in s.scalars(select(Referral).where(Referral.member_id == filled.ana_id)):
            referral.status = ReferralStatus.PENDING
            referral.follow_up_on = date(2026, 11, 1)
    programs = ProgramService(session_factory, today=lambda: TODAY)
    assert any(r.member_id == filled.ana_id for r in programs.due_referrals())
    before = programs.due_count()
    MemberDesk(session_factory, today=lambda: TODAY).erase(filled.ana_id)
    assert not any(r.member_id == filled.ana_id for r in programs.due_referrals())
    assert programs.due_count() < before


def test_no_child_goes_in_under_an_erased_mother(session_factory) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.models import StaffRole
    from kiosk.services.childcare import ChildcareError, ChildcareService
    from kiosk.services.staff import StaffService

    filled = fill_month(session_factory)
    volunteer = StaffService(session_factory).add("Lupe", StaffRole.VOLUNTEER, "5566")
    care = ChildcareService(session_factory)
    care.start_shift(volunteer.id)
    children = [c.id for c in care.children_of(filled.ana_id)]
    MemberDesk(session_factory, today=lambda: TODAY).erase(filled.ana_id)
    with pytest.raises(ChildcareError):
        care.check_in(filled.ana_id, children, volunteer.id)
    assert care.room().count == 0


def test_her_slips_saved_as_files_go_with_her(session_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.data.models import Voucher

    filled = fill_month(session_factory)
    _slips(session_factory, filled)
    with session_factory() as s:
        vouchers = s.execute(
            select(Voucher.number, Voucher.subject_table, Voucher.subject_id)
        ).all()
        berta = s.scalar(select(Member.id).where(Member.name == "Berta Ríos"))
    slips = tmp_path / "data" / "slips"
    slips.mkdir(parents=True)
    for number, _table, _subject in vouchers:  # a station printing to "pdf" keeps each slip
        (slips / f"slip-{number}.pdf").write_bytes(b"%PDF-")
    bertas = {
        f"slip-{number}.pdf"
        for number, table, subject in vouchers
        if (table, subject) == ("members", berta)
    }
    desk = MemberDesk(session_factory, files_root=tmp_path / "data", today=lambda: TODAY)
    desk.erase(filled.ana_id)
    assert {p.name for p in slips.iterdir()} == bertas
