"""The pickup pair the childcare station prints: the same code and picture on the guardian's
stub and on every child's label, the allergy in red, and bars a scanner reads back to the
code at check-out."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import Child, Member, StaffRole, StaffUser
from kiosk.i18n import _
from kiosk.security import hash_pin
from kiosk.services.childcare import ChildcareService
from tests.pdfs import codes_in_picture, pdf_text, scanned_codes

T0 = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)


def checked_in(factory: sessionmaker[Session], paper: str) -> tuple[ChildcareService, str, str]:
    with factory.begin() as s:
        mother = Member(name="María Peña Ávila", phone="6145550101")
        volunteer = StaffUser(name="Lupe", role=StaffRole.VOLUNTEER, pin_hash=hash_pin("5566"))
        s.add_all([mother, volunteer])
        s.flush()
        kids = [
            Child(
                guardian_id=mother.id,
                name="Sofía Peña",
                birth_date=T0.date() - timedelta(days=4 * 365 + 50),
                has_allergy=True,
                medical_note="Alergia al cacahuate",
            ),
            Child(
                guardian_id=mother.id,
                name="Ñeli Peña",
                birth_date=T0.date() - timedelta(days=2 * 365 + 50),
            ),
        ]
        s.add_all(kids)
        s.flush()
        ids, mother_id, volunteer_id = [k.id for k in kids], mother.id, volunteer.id
    service = ChildcareService(factory, clock=lambda: T0, rng=random.Random(3), paper=paper)
    service.start_shift(volunteer_id)
    pickup = service.check_in(mother_id, ids, volunteer_id).pickup
    return service, pickup.code, service.issue_slip(pickup.id)


@pytest.mark.parametrize("paper", ["80mm", "letter"])
def test_stub_and_labels_carry_the_same_code(
    session_factory: sessionmaker[Session], paper: str
) -> None:
    service, code, number = checked_in(session_factory, paper)
    text = pdf_text(service.vouchers.pdf(number))
    assert text.split().count(code) == 3  # the stub and two labels
    picture = service.find_pickup(code).picture_word
    assert text.count(picture) == 3
    assert text.count(_("Child's label")) == 2
    assert text.count(_("Guardian: {name}").format(name="María")) == 2
    assert text.count("ALERGIA") == 1 and text.count("Alergia al cacahuate") == 1
    assert "Ñeli" in text and "Sofía" in text


def test_the_bars_decode_to_the_number_that_finds_the_code(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    service, code, number = checked_in(session_factory, "80mm")
    pdf = service.vouchers.pdf(number)
    assert scanned_codes(pdf, tmp_path, "qrcode") == [number]
    (bars,) = scanned_codes(pdf, tmp_path, "code128")
    assert bars == number
    assert service.find_pickup(bars).code == code
    # zbarimg reports a symbol once per image: each part is read on a strip of its own.
    assert code128_rows(tmp_path / "page.png", number) == 3  # the stub and both labels


def code128_rows(png: Path, number: str) -> int:
    """How many separate Code 128 symbols reading ``number`` are on the page, top to bottom."""
    from PIL import Image

    page = Image.open(png)
    strip, step = 240, 60
    found: list[int] = []
    for top in range(0, max(page.height - strip, 0) + step, step):
        part = png.with_name(f"strip-{top}.png")
        page.crop((0, top, page.width, min(top + strip, page.height))).save(part)
        if number in codes_in_picture(part, "code128"):
            found.append(top)
    symbols = [y for i, y in enumerate(found) if i == 0 or y - found[i - 1] > strip]
    return len(symbols)
