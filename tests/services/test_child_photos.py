"""Faces at the childcare door: a child's photo is kept only with her mother's express consent
(recorded with the child), scaled and stripped as trade photos are, shown to the room board and
the pick-up page, printed on her label, and erased with her mother's data - on SQLite and
PostgreSQL."""

from __future__ import annotations

import io
import random
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from kiosk.config import Settings
from kiosk.data.models import Child, ChildPhoto, StaffRole, Voucher
from kiosk.services.childcare import ChildcareError, ChildcareService, Limits
from kiosk.services.member_desk import MemberDesk
from kiosk.services.privacy import PrivacyService
from kiosk.services.trade import PHOTO_EDGE, PHOTO_STORED_MAX
from tests.services.test_childcare import T0, Clock, Factory, add_mother, add_staff


@pytest.fixture
def service(session_factory: Factory) -> ChildcareService:
    return ChildcareService(
        session_factory, limits=Limits(15, 12, 5, 4), clock=Clock(), rng=random.Random(7)
    )


@pytest.fixture
def lupe(session_factory: Factory, service: ChildcareService) -> int:
    staff_id = add_staff(session_factory, "Lupe Cano", StaffRole.VOLUNTEER, "5566")
    service.start_shift(staff_id)
    return staff_id


@pytest.fixture
def mother(session_factory: Factory) -> int:
    mother_id, _kids = add_mother(session_factory, "Ana Torres", "6145550101")
    return mother_id


def webcam_still(width: int = 1920, height: int = 1080) -> bytes:
    """A webcam's JPEG with the metadata a camera adds (its maker and a description)."""
    image = Image.new("RGB", (width, height), "#d84315")
    image.paste((255, 255, 255), (width // 3, height // 3, 2 * width // 3, 2 * height // 3))
    exif = Image.Exif()
    exif[0x010F] = "CamaraDeLaEstacion"  # Make
    exif[0x010E] = "Sofia en la guarderia"  # ImageDescription
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def label_images(pdf: bytes) -> list[Image.Image]:
    """The raster pictures printed on a slip (pictograms, QR codes and bars are drawn as
    shapes, so only a photo is one)."""
    return [
        Image.open(io.BytesIO(picture.data))
        for page in PdfReader(io.BytesIO(pdf)).pages
        for picture in page.images
    ]


def test_with_her_consent_the_photo_is_kept_scaled_without_metadata(
    session_factory: Factory, service: ChildcareService, mother: int
) -> None:
    still = webcam_still()
    assert b"CamaraDeLaEstacion" in still and b"Sofia en la guarderia" in still
    child = service.register_child(
        mother, "Sofía Torres", date(2022, 6, 1), photo_consent=True, photo=still
    )
    assert child.has_photo and child.photo_consent_at == T0
    stored = service.photo(child.id)
    assert stored is not None and len(stored) <= PHOTO_STORED_MAX
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and max(image.size) == PHOTO_EDGE
        assert not image.getexif()
    assert b"CamaraDeLaEstacion" not in stored and b"Sofia en la guarderia" not in stored
    assert service.photos([child.id]) == {child.id: stored}
    assert [c.has_photo for c in service.children_of(mother)] == [True]


def test_without_consent_no_photo_is_kept_whatever_the_camera_sent(
    session_factory: Factory, service: ChildcareService, mother: int
) -> None:
    child = service.register_child(
        mother, "Sofía Torres", date(2022, 6, 1), photo_consent=False, photo=webcam_still()
    )
    assert not child.has_photo and child.photo_consent_at is None
    assert service.photo(child.id) is None
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ChildPhoto)) == 0


def test_consent_without_a_photo_is_recorded_and_she_has_her_pictogram(
    service: ChildcareService, mother: int
) -> None:
    # The camera failed or the volunteer touched "Sin foto": her yes is still on record.
    child = service.register_child(mother, "Sofía Torres", date(2022, 6, 1), photo_consent=True)
    assert child.photo_consent_at == T0 and not child.has_photo


def test_bytes_that_are_no_picture_are_refused_and_nothing_is_saved(
    session_factory: Factory, service: ChildcareService, mother: int
) -> None:
    with pytest.raises(ChildcareError, match="foto"):
        service.register_child(
            mother, "Sofía Torres", date(2022, 6, 1), photo_consent=True, photo=b"not a jpeg"
        )
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Child)) == 0


def test_the_board_the_pickup_and_her_label_have_her_face(
    session_factory: Factory, service: ChildcareService, mother: int, lupe: int
) -> None:
    sofia = service.register_child(
        mother, "Sofía Torres", date(2022, 6, 1), photo_consent=True, photo=webcam_still()
    )
    mateo = service.register_child(mother, "Mateo Torres", date(2019, 2, 1))
    result = service.check_in(mother, [sofia.id, mateo.id], lupe)
    board = {c.name: c.has_photo for c in service.room().children}
    assert board == {"Sofía Torres": True, "Mateo Torres": False}
    pickup = service.find_pickup(result.pickup.code)
    assert {c.name: c.has_photo for c in pickup.children} == board

    pdf = service.vouchers.pdf(service.issue_slip(result.pickup.id))
    (printed,) = label_images(pdf)  # one photo: Sofía's; Mateo's label keeps its pictogram
    with Image.open(io.BytesIO(service.photo(sofia.id) or b"")) as stored:
        # The middle square of her photo: the face, as large as the label allows.
        assert printed.size == (min(stored.size), min(stored.size))
        # The same picture: the orange and white test card, not some other image.
        assert printed.convert("RGB").getpixel((5, 5)) == pytest.approx((216, 67, 21), abs=12)
        middle = (printed.width // 2, printed.height // 2)
        assert printed.convert("RGB").getpixel(middle) == pytest.approx((255, 255, 255), abs=12)


def test_a_label_without_photos_prints_no_picture(
    service: ChildcareService, mother: int, lupe: int
) -> None:
    child = service.register_child(mother, "Mateo Torres", date(2019, 2, 1))
    result = service.check_in(mother, [child.id], lupe)
    assert label_images(service.vouchers.pdf(service.issue_slip(result.pickup.id))) == []


def test_her_data_slip_says_a_photo_is_kept(
    session_factory: Factory, service: ChildcareService, mother: int
) -> None:
    service.register_child(
        mother, "Sofía Torres", date(2022, 6, 1), photo_consent=True, photo=webcam_still()
    )
    service.register_child(mother, "Mateo Torres", date(2019, 2, 1))
    record = PrivacyService(session_factory, Settings()).my_data(mother)
    assert {c.name: c.has_photo for c in record.children} == {
        "Sofía Torres": True,
        "Mateo Torres": False,
    }


def test_erasing_the_mother_erases_the_photo_and_the_label_that_printed_it(
    session_factory: Factory, service: ChildcareService, mother: int, lupe: int, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    sofia = service.register_child(
        mother, "Sofía Torres", date(2022, 6, 1), photo_consent=True, photo=webcam_still()
    )
    result = service.check_in(mother, [sofia.id], lupe)
    number = service.issue_slip(result.pickup.id)
    service.vouchers.mark_printed(number)
    service.check_out(result.pickup.id, None, lupe)
    stored = service.photo(sofia.id)
    assert stored

    erased = MemberDesk(session_factory, files_root=tmp_path).erase(mother)

    assert erased.photos == 1
    assert service.photo(sofia.id) is None
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ChildPhoto)) == 0
        child = s.get(Child, sofia.id)
        assert child is not None and child.photo_consent_at is None
        # The printed label kept for reprints held her face: its PDF goes too.
        voucher = s.scalar(select(Voucher).where(Voucher.number == number))
        assert voucher is not None and voucher.pdf is None
        # Her photo's bytes are nowhere in the database any more.
        for (pdf,) in s.execute(select(Voucher.pdf).where(Voucher.pdf.is_not(None))):
            assert stored not in pdf
