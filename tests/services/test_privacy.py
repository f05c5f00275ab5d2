"""Privacy under the LFPDPPP: the privacy notice, its versions and the consent that points at
one; the mother's express consent for her child's health data; and "my data", everything the
kiosk holds about one woman, printed for her and for no one else."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.config import Settings
from kiosk.data.models import (
    AuditEvent,
    Child,
    JobInterest,
    JobPosting,
    Member,
    PrivacyNotice,
    Voucher,
    VoucherKind,
)
from kiosk.services.childcare import ChildcareService
from kiosk.services.members import MemberError, MemberService
from kiosk.services.privacy import PrivacyError, PrivacyService
from kiosk.words import format_phone
from tests.concurrency import race
from tests.pdfs import pdf_text
from tests.staff_data import add_slip, fill_month

ADDRESS = "Calle Ignacio Zaragoza 12, Santa Eulalia, Aquiles Serdán, Chihuahua, C.P. 32900"
CONTACT = "en la mesa del personal, lunes a viernes de 9:00 a 13:00, teléfono 614 555 0100"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        centre_name="CENESO Aquiles Serdán",
        centre_address=ADDRESS,
        privacy_contact=CONTACT,
        paper="letter",
    )


@pytest.fixture
def privacy(session_factory, settings: Settings) -> PrivacyService:  # type: ignore[no-untyped-def]
    return PrivacyService(session_factory, settings)


def _stored(session_factory, kind: VoucherKind) -> bytes:  # type: ignore[no-untyped-def]
    with session_factory() as s:
        pdf = s.scalar(select(Voucher.pdf).where(Voucher.kind == kind).order_by(Voucher.id.desc()))
    assert pdf is not None
    return bytes(pdf)


# --- the notice -------------------------------------------------------------------------------


def test_the_notice_names_the_centre_its_address_and_every_required_part(
    privacy: PrivacyService,
) -> None:
    text = privacy.current().text
    assert "CENESO Aquiles Serdán" in text and ADDRESS in text and CONTACT in text
    assert "{centre" not in text and "{privacy" not in text
    for part in (
        "Qué datos guardamos",
        "Datos personales sensibles",
        "consentimiento expreso",
        "Para qué usamos sus datos",
        "no transferimos",
        "Acceso",
        "Rectificación",
        "Cancelación",
        "Oposición",
        "retirar su consentimiento",
        "Cambios a este aviso",
    ):
        assert part in text, part


def test_a_version_is_published_once_per_text(
    session_factory, privacy: PrivacyService, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    first = privacy.current()
    assert privacy.current().id == first.id  # the same text: the same version
    settings.centre_address = "Avenida Juárez 5, Aquiles Serdán, Chihuahua"
    changed = privacy.current()
    assert changed.id != first.id and "Avenida Juárez 5" in changed.text
    assert privacy.notice(first.id).text == first.text  # the old words are kept
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(PrivacyNotice)) == 2


def test_the_centres_own_notice_file_is_used_and_filled(
    privacy: PrivacyService, settings: Settings, tmp_path: Path
) -> None:
    own = tmp_path / "aviso.md"
    own.write_text("# Aviso del centro\n\nResponsable: {centre_name}, {centre_address}.\n", "utf-8")
    settings.privacy_notice_file = str(own)
    notice = privacy.current()
    assert notice.source == str(own) and notice.problem == ""
    assert f"Responsable: CENESO Aquiles Serdán, {ADDRESS}." in notice.text


def test_an_unreadable_notice_file_falls_back_to_the_kiosks_notice(
    privacy: PrivacyService, settings: Settings, tmp_path: Path
) -> None:
    settings.privacy_notice_file = str(tmp_path / "missing.md")
    notice = privacy.current()
    assert notice.source == ""
    assert "No se puede leer" in notice.problem
    assert "Datos personales sensibles" in notice.text


def test_the_template_is_copied_for_the_centre_to_edit(
    privacy: PrivacyService, tmp_path: Path
) -> None:
    path = privacy.write_template(tmp_path / "centre" / "aviso.md")
    assert "{centre_address}" in path.read_text("utf-8")
    path.write_text("# Nuestro aviso\n", "utf-8")
    privacy.write_template(path)  # an edited file is never overwritten
    assert path.read_text("utf-8") == "# Nuestro aviso\n"


def test_two_stations_publishing_the_same_text_share_one_version(
    racing_factory, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    services = [PrivacyService(racing_factory, settings) for _ in range(8)]
    ids = race(8, lambda i: services[i].current().id)
    assert len(set(ids)) == 1
    with racing_factory() as s:
        assert s.scalar(select(func.count()).select_from(PrivacyNotice)) == 1


def test_the_printed_notice_has_the_address_arco_and_sensitive_data(
    session_factory, privacy: PrivacyService
) -> None:  # type: ignore[no-untyped-def]
    number = privacy.print_notice()
    text = pdf_text(_stored(session_factory, VoucherKind.PRIVACY_NOTICE))
    assert "Aviso de privacidad integral" in text
    assert "Calle Ignacio Zaragoza 12" in text and "C.P. 32900" in text
    assert "(ARCO)" in text and "Rectificación" in text and "Oposición" in text
    assert "Datos personales sensibles" in text and "alergias" in text
    assert f"versión {privacy.current().id}" in text
    assert privacy.vouchers.get(number).kind is VoucherKind.PRIVACY_NOTICE


# --- consent at registration ------------------------------------------------------------------


def test_consent_records_the_version_she_was_shown(
    session_factory, privacy: PrivacyService
) -> None:  # type: ignore[no-untyped-def]
    notice = privacy.current()
    member = MemberService(session_factory).register(
        "Lupe Soto", "6145550101", consent=True, notice_id=notice.id
    )
    with session_factory() as s:
        row = s.get(Member, member.id)
        assert row.privacy_notice_id == notice.id and row.privacy_consent_at is not None


def test_no_consent_no_member(session_factory) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MemberError, match="aviso de privacidad"):
        MemberService(session_factory).register("Lupe Soto", "6145550101", consent=False)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 0


# --- sensitive data: the child's health --------------------------------------------------------


@pytest.mark.parametrize("consent", [True, False])
def test_health_notes_are_kept_only_with_express_consent(session_factory, consent: bool) -> None:  # type: ignore[no-untyped-def]
    mother = MemberService(session_factory).register("Ana Gil", "6145550202", consent=True)
    service = ChildcareService(session_factory)
    child = service.register_child(
        mother.id,
        "Sofía Gil",
        date(2022, 3, 1),
        allergy=True,
        medical_note="Alergia al cacahuate",
        health_consent=consent,
    )
    assert child.has_allergy is consent
    with session_factory() as s:
        row = s.get(Child, child.id)
        assert row.has_allergy is consent
        assert row.medical_note == ("Alergia al cacahuate" if consent else "")
        assert (row.health_consent_at is not None) is consent


# --- my data (right of access) -------------------------------------------------------------------


def test_my_data_has_every_kind_of_her_data_and_none_of_anyone_elses(
    session_factory, privacy: PrivacyService
) -> None:  # type: ignore[no-untyped-def]
    filled = fill_month(session_factory)
    with session_factory.begin() as s:
        lavaloza = s.scalar(select(JobPosting).where(JobPosting.title == "Lavaloza"))
        s.add(JobInterest(job_id=lavaloza.id, member_id=filled.ana_id))
        notice = PrivacyNotice(
            sha256="0" * 64, text="aviso", published_at=datetime(2026, 9, 1, tzinfo=UTC)
        )
        s.add(notice)
        s.flush()
        s.get(Member, filled.ana_id).privacy_notice_id = notice.id
        notice_id = notice.id
    add_slip(session_factory, VoucherKind.REFERRAL, "referrals", filled.referral_id, b"%PDF")
    add_slip(session_factory, VoucherKind.TRADE, "trade_listings", filled.listing_id, b"%PDF")

    data = privacy.my_data(filled.ana_id)
    assert data.name == filled.ana_name and data.phone == filled.ana_phone
    assert data.notice_version == notice_id
    assert [c.name for c in data.children] == [filled.child_name]
    assert [len(data.sign_ups), len(data.visits), len(data.referrals)] == [3, 2, 1]
    assert [item.title for item in data.listings] == ["Pan de Ana Lucía", "Aretes"]
    assert [j.title for j in data.jobs] == ["Lavaloza"]
    assert len(data.slips) == 2

    number = privacy.print_my_data(filled.ana_id, staff_id=None)
    pdf = _stored(session_factory, VoucherKind.MY_DATA)
    text = pdf_text(pdf)
    for expected in (
        filled.ana_name,
        format_phone(filled.ana_phone),
        "Santa Eulalia",
        f"versión {notice_id}",  # the notice she accepted
        filled.child_name,
        "Alergia al cacahuate",  # her child's health note, and the consent for it
        "05/01/2026",
        filled.pickup_name,
        format_phone(filled.pickup_phone),
        "abuela",
        "Panadería básica",
        "Costura en máquina",
        "Apoyo para negocio",
        "quiere abrir una panadería",
        "Recibió el apoyo",
        "Pan de Ana Lucía",
        "Aretes",
        "Lavaloza",
        "Canalización",
        "Venta",
    ):
        assert expected in text, expected
    for someone_else in ("Berta", "Sofía Ríos", "Tortillas", "Carmen", "Ayudante de cocina"):
        assert someone_else not in text, someone_else
    slip = privacy.vouchers.get(number)
    assert (slip.subject_table, slip.subject_id) == ("members", filled.ana_id)
    with session_factory() as s:
        audit = s.scalar(select(AuditEvent).where(AuditEvent.action == "member.access"))
        assert audit.subject_id == filled.ana_id and filled.ana_name not in audit.detail


def test_her_data_slip_goes_when_her_data_is_erased(
    session_factory, privacy: PrivacyService, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.services.member_desk import MemberDesk

    filled = fill_month(session_factory)
    number = privacy.print_my_data(filled.ana_id)
    privacy.vouchers.mark_printed(number)
    MemberDesk(session_factory, files_root=tmp_path).erase(filled.ana_id)
    with session_factory() as s:
        assert s.scalar(select(Voucher.pdf).where(Voucher.number == number)) is None
    with pytest.raises(PrivacyError):
        privacy.my_data(filled.ana_id)


def test_withdrawing_consent_removes_her_childrens_health_data(
    session_factory, privacy: PrivacyService
) -> None:  # type: ignore[no-untyped-def]
    filled = fill_month(session_factory)
    assert privacy.withdraw_health_consent(filled.ana_id, staff_id=None) == 1
    with session_factory() as s:
        child = s.scalar(select(Child).where(Child.name == filled.child_name))
        assert (child.has_allergy, child.medical_note, child.health_consent_at) == (
            False,
            "",
            None,
        )
        other = s.scalar(select(Child).where(Child.name == "Sofía Ríos"))
        assert other is not None  # Berta's child is untouched
        audit = s.scalar(
            select(AuditEvent).where(AuditEvent.action == "member.health_consent_withdrawn")
        )
        assert audit.detail == "children=1"
    text = pdf_text(_stored_after(session_factory, privacy, filled.ana_id))
    assert "Alergia al cacahuate" not in text and "no se guarda nada" in text


def test_withdrawing_consent_takes_the_note_off_her_kept_slips(
    session_factory, privacy: PrivacyService, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    """Her data slip (and her children's pickup labels) printed before keep the allergy in
    their PDFs, in the database and in the slips folder: withdrawing consent takes it off."""
    filled = fill_month(session_factory)
    number = privacy.print_my_data(filled.ana_id)
    folder = Path(settings.data_dir) / "slips"
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder / f"my_data-{number}.pdf"
    saved.write_bytes(_stored(session_factory, VoucherKind.MY_DATA))
    assert "Alergia al cacahuate" in pdf_text(saved)
    privacy.withdraw_health_consent(filled.ana_id, staff_id=None)
    with session_factory() as s:
        kept = [bytes(p) for p in s.scalars(select(Voucher.pdf).where(Voucher.pdf.is_not(None)))]
        assert s.scalar(select(Voucher.pdf).where(Voucher.number == number)) is None
    assert all("Alergia al cacahuate" not in pdf_text(pdf) for pdf in kept)
    assert not saved.exists()


def _stored_after(session_factory, privacy: PrivacyService, member_id: int) -> bytes:  # type: ignore[no-untyped-def]
    privacy.print_my_data(member_id)
    return _stored(session_factory, VoucherKind.MY_DATA)
