"""The printed slips, read back as a person and a scanner would: the Spanish text with its
accents is there, the fonts travel inside the PDF, the Code 128 and QR codes decode to the
voucher number, and the 80 mm roll is as long as its content."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from reportlab.lib.units import inch, mm

from kiosk.i18n import (
    _,
    format_date_short,
    format_day,
    format_money,
    format_time,
    ngettext,
)
from kiosk.numbers import format_number, is_valid, new_number
from kiosk.services.slip_samples import write_samples
from kiosk.slip_options import SlipOptions
from kiosk.vouchers import kinds
from kiosk.vouchers.frame import get_paper
from kiosk.words import DOCUMENT_WORDS, waiting_words
from tests.pdfs import page_size, pdf_text, scanned_codes

TZ = ZoneInfo("America/Chihuahua")
STARTS = datetime(2026, 12, 3, 10, 0, tzinfo=TZ)
ENDS = datetime(2026, 12, 3, 13, 0, tzinfo=TZ)
BASE_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}
PAPERS = ["80mm", "letter"]

TRAINING = kinds.TrainingSlip(
    member_name="María Peña Ávila",
    training="Panadería y repostería",
    starts_at=STARTS,
    ends_at=ENDS,
    place="Salón 2, CENESO (planta baja)",
    childcare_places=2,
    topic_icon="training.panaderia",
)
WAITLIST = kinds.WaitlistSlip(
    member_name="María Peña Ávila",
    training="Computación básica",
    starts_at=STARTS,
    place="Sala de cómputo, CENESO",
    position=7,
    childcare=(
        "Guardería: tus hijos tendrán lugar solo si hay cuando te toque tu lugar en el curso."
    ),
)
JOB = kinds.JobSlip(
    title="Cocinera de almuerzos",
    employer="Lonchería La Güera (ejemplo)",
    pay_amount=Decimal(350),
    pay_unit="day",
    how_to_apply="¿Tienes dudas? ¡Llama antes de ir! Pregunta por Doña Lupe.",
    phone="6145550101",
    address="Av. Juárez 415, Santa Eulalia",
    what_to_bring=("ine", "curp", "comprobante_domicilio"),
    locality="Santa Eulalia",
    schedule="Lunes a sábado 7:00 a 15:00",
    category="cocina",
)
TRADE = kinds.TradeSlip(
    title="Tamales & atole <rojos> de la Güera",
    price=Decimal(250),
    price_unit="docena",
    seller_name="Leticia Muñoz Carrasco",
    seller_phone="6145550123",
    category="comida",
    description="Pedidos con un día de anticipación; ¡pregunta por los de piña!",
)
REFERRAL = kinds.ReferralSlip(
    member_name="María Peña Ávila",
    program="Asesoría jurídica para mujeres",
    organization="Instituto Chihuahuense de las Mujeres",
    address="Calle Allende 700, Centro",
    directions="Frente a la plaza; ¿dudas? pregunta en recepción.",
    locality="Chihuahua",
    phone="6144293505",
    schedule="Lunes a viernes 8:00 a 16:00",
    eligibility="Mujeres que viven en el estado.",
    fees="Gratuito",
    application_steps="Acude con tus papeles en original y copia; te dan una ficha.",
    documents=("ine", "curp", "comprobante_domicilio", "acta_nacimiento", "fotografia", "rfc"),
    reason="¿Pensión alimenticia? ¡Sí, necesita orientación pronto!",
    staff_name="Rosa Elena Terrazas",
    assured_date=date(2026, 11, 2),
    follow_up_on=date(2026, 12, 10),
    need="legal",
)
SHEET = kinds.ProgramSheet(
    program="Asesoría jurídica para mujeres",
    organization="Instituto Chihuahuense de las Mujeres",
    level="Estatal",
    benefit="Orientación legal gratuita: pensión alimenticia, divorcio, violencia.",
    eligibility="Mujeres que viven en el estado.",
    address="Calle Allende 700, Centro",
    locality="Chihuahua",
    directions="Frente a la plaza; ¿dudas? pregunta en recepción.",
    phone="6144293505",
    schedule="Lunes a viernes 8:00 a 16:00",
    fees="Gratuito",
    application_steps="Acude con tus papeles en original y copia; te dan una ficha.",
    documents=("ine", "curp", "comprobante_domicilio"),
    need="legal",
)
PICKUP = kinds.PickupSlip(
    code="47",
    picture="tortuga",
    guardian_name="María Peña Ávila",
    day=date(2026, 12, 3),
    children=(
        kinds.PickupChild("Sofía Peña Ávila", 4, allergy=True, medical_note="Alergia al cacahuate"),
        kinds.PickupChild("Íñigo Peña Ávila", 9),
    ),
)
CARD_CODE = "CENESOMK7Q2M9XRT4WB8HZ3PNC6"
CARD = kinds.MemberCardSlip(name="María Peña Ávila", code=CARD_CODE, member_since=date(2026, 3, 8))
STAFF_LIST = kinds.StaffListSlip(
    title="Asistencia: Costura",
    day=date(2026, 12, 3),
    names=("María Peña Ávila", "Ñeli Güereca Ibáñez", "Úrsula Ordóñez Ruíz"),
    subtitle="Taller de costura, CENESO",
    area="trainings",
)


@dataclass(frozen=True)
class Kind:
    build: Callable[[str, SlipOptions], bytes]
    expected: Callable[[], list[str]]  # called inside the test, after the locale is set up
    absent: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    "training": Kind(
        lambda n, o: kinds.training_confirmation(TRAINING, n, o),
        lambda: [
            "María Peña Ávila",
            "Panadería y repostería",
            format_day(STARTS),
            format_time(STARTS),
            _("until {time}").format(time=format_time(ENDS)),
            "Salón 2, CENESO (planta baja)",
            ngettext(
                "Childcare: {count} place reserved", "Childcare: {count} places reserved", 2
            ).format(count=2),
            _("Bring this slip on the day of the course."),
        ],
    ),
    "waitlist": Kind(
        lambda n, o: kinds.waitlist_ticket(WAITLIST, n, o),
        lambda: [
            "Computación básica",
            _("Waiting list"),
            waiting_words(7),
            _("The course is on {day}, {time}.").format(
                day=format_day(STARTS), time=format_time(STARTS)
            ),
            "Sala de cómputo, CENESO",
        ],
    ),
    "job": Kind(
        lambda n, o: kinds.job_slip(JOB, n, o),
        lambda: [
            "Cocinera de almuerzos",
            "Lonchería La Güera (ejemplo)",
            f"{format_money(350)} {_('per day')}",
            "614 555 0101",
            "Av. Juárez 415, Santa Eulalia",
            _("What to bring?"),
            _("INE voter card"),
            _("Proof of address"),
            "¿Tienes dudas? ¡Llama antes de ir! Pregunta por Doña Lupe.",
        ],
    ),
    "trade": Kind(
        lambda n, o: kinds.trade_slip(TRADE, n, o),
        lambda: [
            "Tamales & atole <rojos> de la Güera",
            f"{format_money(250)} {_('per dozen')}",
            _("Sold by {name}").format(name="Leticia"),
            "614 555 0123",
            "¡pregunta por los de piña!",
        ],
        absent=("Muñoz",),  # the seller's first name only
    ),
    "program_sheet": Kind(
        lambda n, o: kinds.program_sheet(SHEET, n, o),
        lambda: [
            "Asesoría jurídica para mujeres",
            "Instituto Chihuahuense de las Mujeres · Estatal",
            _("What it gives"),
            "Orientación legal gratuita: pensión alimenticia, divorcio, violencia.",
            _("Who can apply?"),
            "Mujeres que viven en el estado.",
            "Calle Allende 700, Centro",
            "Lunes a viernes 8:00 a 16:00",
            "614 429 3505",
            _("What to bring?"),
            _("INE voter card"),
            _("CURP"),
            _("Proof of address"),
            "Acude con tus papeles en original y copia; te dan una ficha.",
            _("Call or go to the office with your papers."),
        ],
    ),
    "referral": Kind(
        lambda n, o: kinds.referral_slip(REFERRAL, n, o),
        lambda: [
            "María Peña Ávila",
            "Asesoría jurídica para mujeres",
            "Instituto Chihuahuense de las Mujeres",
            "Calle Allende 700, Centro",
            "Frente a la plaza; ¿dudas? pregunta en recepción.",
            "614 429 3505",
            "Lunes a viernes 8:00 a 16:00",
            _("Who can apply?"),
            "Mujeres que viven en el estado.",
            "Gratuito",
            _("What to do there"),
            "Acude con tus papeles en original y copia; te dan una ficha.",
            _("What to bring?"),
            *(_(word) for word in DOCUMENT_WORDS.values() if word != "Job application"),
            "¿Pensión alimenticia? ¡Sí, necesita orientación pronto!",
            _("Sent by {name}").format(name="Rosa Elena Terrazas"),
            _("Information verified on {date}").format(date=format_date_short(date(2026, 11, 2))),
            _("We will call you on {day} to ask how it went.").format(
                day=format_day(date(2026, 12, 10))
            ),
            _("For the centre"),
            _("Follow-up: {date}").format(date=format_date_short(date(2026, 12, 10))),
        ],
    ),
    "pickup": Kind(
        lambda n, o: kinds.pickup_pair(PICKUP, n, o),
        lambda: [
            "Sofía Peña Ávila",
            "Íñigo Peña Ávila",
            _("ALLERGY"),
            "Alergia al cacahuate",
            _("Guardian: {name}").format(name="María"),
            _("turtle"),
            format_day(date(2026, 12, 3)),
            _("Show this slip to pick up your children."),
        ],
    ),
    "member_card": Kind(
        lambda n, o: kinds.member_card(CARD, n, o),
        lambda: ["María", _("Show this card to sign in, without your phone.")],
        # Her phone is not on her card, not even masked; nor her surnames.
        absent=("6145551234", "614 555 1234", "12 34", "••", "Peña", CARD_CODE),
    ),
    "staff_list": Kind(
        lambda n, o: kinds.staff_list(STAFF_LIST, n, o),
        lambda: [
            "Asistencia: Costura",
            format_day(date(2026, 12, 3)),
            "María Peña Ávila",
            "Ñeli Güereca Ibáñez",
            "Úrsula Ordóñez Ruíz",
            _("Name"),
            _("Came"),
        ],
    ),
}


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(params=PAPERS)
def paper(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_shows_its_spanish_text_intact(kind: str, paper: str) -> None:
    number = new_number()
    pdf = KINDS[kind].build(number, SlipOptions(paper=paper))
    text = pdf_text(pdf)
    for expected in KINDS[kind].expected():
        assert flat(expected) in text, f"{expected!r} missing from the {kind} slip on {paper}"
    for hidden in KINDS[kind].absent:
        assert hidden not in text
    assert format_number(number) in text
    assert SlipOptions().centre_name == "CENESO Aquiles Serdán"
    assert "CENESO Aquiles Serdán" in text


@pytest.mark.parametrize("kind", list(KINDS))
def test_fonts_are_embedded_never_base_14(kind: str, paper: str) -> None:
    pdf = KINDS[kind].build(new_number(), SlipOptions(paper=paper))
    fonts = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            assert name not in BASE_14, f"{kind}: {name} is not embedded"
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{kind}: {name} has no embedded font file"
            fonts += 1
    assert fonts >= 2  # regular and bold


@pytest.mark.parametrize("kind", list(KINDS))
def test_code_128_and_qr_decode_to_the_voucher_number(
    kind: str, paper: str, tmp_path: Path
) -> None:
    number = new_number()
    pdf = KINDS[kind].build(number, SlipOptions(paper=paper))
    assert set(scanned_codes(pdf, tmp_path, "code128")) == {number}
    # A member card's one QR code is her card code: a scanner cannot read the slip number
    # there instead.
    qr = {CARD_CODE} if kind == "member_card" else {number}
    assert set(scanned_codes(pdf, tmp_path, "qrcode")) == qr
    assert is_valid(number)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_roll_is_80_mm_wide_and_one_page_long(kind: str) -> None:
    pdf = KINDS[kind].build(new_number(), SlipOptions(paper="80mm"))
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert float(box.width) == pytest.approx(80 * mm, abs=0.01)
    assert float(box.height) > 80 * mm


def test_a_slip_longer_than_its_sheet_has_its_codes_on_page_1(tmp_path: Path) -> None:
    long_text = " ".join(["Mujeres jefas de familia que viven en Aquiles Serdán."] * 12)
    number = new_number()
    pdf = kinds.referral_slip(
        replace(REFERRAL, eligibility=long_text), number, SlipOptions("half-letter")
    )
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 1
    assert format_number(number) in pages[0].extract_text()
    assert flat(long_text) in pdf_text(pdf)
    assert set(scanned_codes(pdf, tmp_path, "qrcode")) == {number}
    assert set(scanned_codes(pdf, tmp_path, "code128")) == {number}


def test_the_roll_follows_the_content() -> None:
    number = new_number()
    short = kinds.referral_slip(REFERRAL, number)
    long_text = " ".join(["Mujeres jefas de familia que viven en Aquiles Serdán."] * 12)
    long = kinds.referral_slip(replace(REFERRAL, eligibility=long_text), number)
    assert page_size(long)[1] > page_size(short)[1] + 50 * mm
    assert flat(long_text) in pdf_text(long)
    one_child = kinds.pickup_pair(replace(PICKUP, children=PICKUP.children[:1]), number)
    assert page_size(kinds.pickup_pair(PICKUP, number))[1] > page_size(one_child)[1]


def test_a_roll_slip_measured_short_is_drawn_again_longer(monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.vouchers import frame

    measure = frame.measure
    monkeypatch.setattr(frame, "measure", lambda *a, **kw: measure(*a, **kw) - 40 * mm)
    number = new_number()
    pages = PdfReader(io.BytesIO(kinds.member_card(CARD, number))).pages
    assert len(pages) == 1
    assert format_number(number) in pages[0].extract_text()


def test_a_short_slip_fills_a_letter_page_with_bigger_type() -> None:
    number = new_number()

    def biggest_font(pdf: bytes) -> float:
        sizes: list[float] = []
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append(size * tm[0]))
        return max(sizes)

    roll = biggest_font(kinds.trade_slip(TRADE, number))
    letter = biggest_font(kinds.trade_slip(TRADE, number, SlipOptions("letter")))
    assert letter >= 1.5 * roll


def test_sheets_have_their_paper_size() -> None:
    letter = page_size(kinds.job_slip(JOB, new_number(), SlipOptions("letter")))
    assert list(letter) == [pytest.approx(8.5 * inch), pytest.approx(11 * inch)]
    half = page_size(kinds.job_slip(JOB, new_number(), SlipOptions("half-letter")))
    assert list(half) == [pytest.approx(5.5 * inch), pytest.approx(8.5 * inch)]
    with pytest.raises(ValueError):
        get_paper("A4")


def test_the_referral_stub_sits_at_the_bottom_of_a_letter_page(tmp_path: Path) -> None:
    pdf = kinds.referral_slip(REFERRAL, new_number(), SlipOptions("letter"))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    positions: dict[str, float] = {}

    def visit(text: str, _cm: object, tm: list[float], *_args: object) -> None:
        if text.strip():
            positions.setdefault(text.strip(), tm[5])

    reader.pages[0].extract_text(visitor_text=visit)
    follow_up = _("Follow-up: {date}").format(date=format_date_short(date(2026, 12, 10)))
    assert positions[follow_up] < 2 * inch  # near the bottom edge, under the cut line


def test_pickup_pair_shows_the_same_code_on_every_label_and_the_stub() -> None:
    number = new_number()
    for paper in PAPERS:
        text = pdf_text(kinds.pickup_pair(PICKUP, number, SlipOptions(paper)))
        parts = len(PICKUP.children) + 1
        assert text.split().count("47") == parts
        assert text.count(_("turtle")) == parts
        assert text.count(_("Child's label")) == len(PICKUP.children)
        assert text.count(_("Guardian: {name}").format(name="María")) == len(PICKUP.children)
        assert text.count(format_number(number)) == 1  # the guardian's stub
        assert text.count("Alergia al cacahuate") == 1  # on Sofía's label only


def test_a_long_staff_list_runs_over_several_letter_pages() -> None:
    names = tuple(f"Compañera Núñez {i}" for i in range(1, 81))
    data = replace(STAFF_LIST, names=names)
    number = new_number()
    reader = PdfReader(io.BytesIO(kinds.staff_list(data, number, SlipOptions("letter"))))
    assert len(reader.pages) > 1
    text = " ".join(flat(page.extract_text()) for page in reader.pages)
    for name in names:
        assert f" {name} " in f" {text} "
    assert format_number(number) in flat(reader.pages[1].extract_text())  # the running head
    # The roll takes them all on its one page.
    roll = PdfReader(io.BytesIO(kinds.staff_list(data, number)))
    assert len(roll.pages) == 1
    assert "Compañera Núñez 80" in flat(roll.pages[0].extract_text())


def test_samples_are_written_for_every_kind(tmp_path: Path) -> None:
    for paper in ("80mm", "half-letter", "letter"):
        files = write_samples(tmp_path / paper, paper)
        assert len(files) == len(KINDS)
        for path in files:
            data = path.read_bytes()
            assert data.startswith(b"%PDF")
            assert "CENESO Aquiles Serdán" in pdf_text(data)


@pytest.mark.parametrize(
    ("picture", "drawn"), [("product.tamal", "product.tamal"), ("", "trade.comida")]
)
def test_a_trade_slip_shows_its_products_picture_else_its_kinds(
    monkeypatch: pytest.MonkeyPatch, picture: str, drawn: str
) -> None:
    pictures: list[str] = []
    real = kinds.offers.icon_row

    def recording(name: str, *args: Any, **kwargs: Any) -> Any:
        pictures.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(kinds.offers, "icon_row", recording)
    kinds.trade_slip(replace(TRADE, picture=picture), new_number())
    assert pictures[0] == drawn
