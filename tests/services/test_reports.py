"""The monthly report: every figure of a known month, the CSV, and the PDF with its charts."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from sqlalchemy import event

from kiosk.data.models import Centre, ReferralStatus
from kiosk.services import KEPT_COUNTS
from kiosk.services.reports import (
    Month,
    ReportError,
    ReportService,
    month_to_report,
    to_csv,
    write_report,
)
from kiosk.vouchers import report as report_pdf
from tests.concurrency import another_station_writes
from tests.pdfs import pdf_text
from tests.staff_data import MONTH, YEAR, at, fill_month


@pytest.fixture
def october(session_factory):  # type: ignore[no-untyped-def]
    fill_month(session_factory)
    return ReportService(session_factory).month(Month(YEAR, MONTH))


def test_every_figure_of_a_known_month(october) -> None:  # type: ignore[no-untyped-def]
    r = october
    assert r.members_served == 4
    assert r.new_members == 2
    assert [(t.title, t.sessions, t.signed_up, t.attended) for t in r.trainings] == [
        ("Panadería básica", 2, 3, 2),
        ("Costura en máquina", 1, 1, 1),
    ]
    assert (r.signed_up, r.attended) == (4, 3)
    # 2.5 + 1.5 h, and the visit still open since the 31st at 22:00 counts to the month's end.
    assert (r.childcare_visits, r.childcare_children, r.childcare_hours) == (3, 2, 6.0)
    assert r.childcare_open == 1
    outcomes = {f.status: f.count for f in r.referrals}
    assert outcomes[ReferralStatus.RECEIVED] == 2
    assert outcomes[ReferralStatus.PENDING] == 1
    assert sum(outcomes.values()) == r.referrals_made == 3
    assert list(outcomes) == list(ReferralStatus)  # every outcome, zeros too, in one order
    assert (r.jobs_published, r.job_openings) == (2, 3)
    assert r.listings_published == 2
    assert r.centre == "CENESO Aquiles Serdán"  # the centre's name in the network
    assert [(p.name, p.women) for p in r.programs] == [("Apoyo para negocio", 3)]


def test_the_month_before_and_after_are_their_own(session_factory) -> None:  # type: ignore[no-untyped-def]
    fill_month(session_factory)
    service = ReportService(session_factory)
    september = service.month(Month(YEAR, MONTH).previous())
    assert september.listings_published == 1
    assert september.jobs_published == 1
    assert september.members_served == 2  # Elsa's listing, Ana's sign-up for November
    november = service.month(Month(YEAR, MONTH).next())
    assert november.trainings[0].title == "Costura en máquina"
    assert november.childcare_visits == 0


def test_an_empty_month_is_all_zeros(session_factory) -> None:  # type: ignore[no-untyped-def]
    r = ReportService(session_factory).month(Month(2025, 1))
    assert r.members_served == r.signed_up == r.childcare_visits == r.referrals_made == 0
    assert r.trainings == ()


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-10", "octubre", "", "2026/10"])
def test_a_bad_month_is_one_sentence(text: str) -> None:
    with pytest.raises(ReportError, match="año-mes"):
        Month.parse(text)


def test_months_step_over_the_year() -> None:
    assert Month.parse("2026-12").next() == Month(2027, 1)
    assert Month.parse(" 2027-1 ").previous() == Month(2026, 12)
    assert str(Month(2026, 3)) == "2026-03"


def test_csv_has_one_row_per_figure(october) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.reader(io.StringIO(to_csv(october))))
    assert rows[0] == ["mes", "centro", "sección", "concepto", "medida", "valor"]
    assert all(row[:2] == ["2026-10", "CENESO Aquiles Serdán"] for row in rows[1:])
    found = {(row[2], row[3], row[4]): row[5] for row in rows[1:]}
    assert found[("Socias", "", "socias atendidas")] == "4"
    assert found[("Cursos", "Panadería básica", "asistencia")] == "2"
    assert found[("Guardería", "", "horas")] == "6.0"
    assert found[("Guardería", "", "visitas aún abiertas")] == "1"
    assert found[("Canalizaciones", "Recibió apoyo", "canalizaciones")] == "2"
    assert found[("Comercio", "", "anuncios publicados")] == "2"
    assert found[("Programas", "Apoyo para negocio", "socias canalizadas")] == "3"
    assert found[("Bolsa de trabajo (red)", "", "ofertas publicadas")] == "2"


def test_the_report_names_its_centre_as_the_network_knows_it(
    session_factory, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    fill_month(session_factory)
    with session_factory.begin() as s:
        s.get(Centre, 1).name = "CENESO Santa Eulalia"
    report = ReportService(session_factory).month(Month(YEAR, MONTH))
    pdf_path, csv_path = write_report(report, tmp_path)
    assert "CENESO Santa Eulalia Informe mensual: octubre de 2026" in pdf_text(pdf_path)
    assert PdfReader(pdf_path).metadata.title == "Informe mensual 2026-10: CENESO Santa Eulalia"
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert {row[1] for row in rows[1:]} == {"CENESO Santa Eulalia"}


def test_the_month_is_kept_between_taps_and_a_write_here_shows_at_once(
    session_factory, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Counting a month of 100 000 members takes longer than a frame, so the page's figures
    are kept as the tiles' counts are: this station's write shows at once, another station's
    once the figures are older than their keeping time."""
    now = [1000.0]
    monkeypatch.setattr(KEPT_COUNTS, "clock", lambda: now[0])
    fill_month(session_factory)
    service = ReportService(session_factory)
    assert service.month(Month(YEAR, MONTH)).centre == "CENESO Aquiles Serdán"

    engine = session_factory.kw["bind"]
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert service.month(Month(YEAR, MONTH)).members_served == 4
    assert statements == []  # opened again, the database was asked nothing

    another_station_writes(engine, "UPDATE centres SET name = 'CENESO Santa Eulalia'")
    assert service.month(Month(YEAR, MONTH)).centre == "CENESO Aquiles Serdán"
    now[0] += KEPT_COUNTS.seconds
    assert service.month(Month(YEAR, MONTH)).centre == "CENESO Santa Eulalia"

    with session_factory.begin() as s:  # this station's own write: no wait
        s.get(Centre, 1).name = "CENESO Aquiles Serdán"
    assert service.month(Month(YEAR, MONTH)).centre == "CENESO Aquiles Serdán"


def test_a_visit_still_open_counts_up_to_now(session_factory) -> None:  # type: ignore[no-untyped-def]
    fill_month(session_factory)
    # The 31st of October at 23:00 at the centre: the visit checked in at 22:00 has 1 hour.
    now = at(31, 23).astimezone(UTC)
    report = ReportService(session_factory, clock=lambda: now).month(Month(YEAR, MONTH))
    assert report.childcare_hours == 2.5 + 1.5 + 1.0


@pytest.mark.parametrize(
    ("text", "month"),
    [(None, Month(2026, 11)), ("2026-12", Month(2026, 12)), (" 2026-3", Month(2026, 3))],
)
def test_the_month_asked_for(text: str | None, month: Month) -> None:
    assert month_to_report(text, date(2026, 12, 7)) == month


@pytest.mark.parametrize("text", ["2027-01", "2026-13", "diciembre"])
def test_a_month_not_begun_or_not_a_month_is_one_sentence(text: str) -> None:
    with pytest.raises(ReportError) as raised:
        month_to_report(text, date(2026, 12, 7))
    sentence = str(raised.value)
    assert "\n" not in sentence and ("todavía no empieza" in sentence or "año-mes" in sentence)


def _fills_with_rectangles(page) -> dict[tuple[float, ...], int]:  # type: ignore[no-untyped-def]
    """How many rectangles the page fills in each colour (the bars of the charts)."""
    counts: dict[tuple[float, ...], int] = {}
    fill: tuple[float, ...] = ()
    stream = ContentStream(page.get_contents(), page.pdf)
    for operands, operator in stream.operations:
        if operator == b"rg":
            fill = tuple(round(float(v), 2) for v in operands)
        elif operator == b"re" and fill:
            counts[fill] = counts.get(fill, 0) + 1
    return counts


def _rgb(hex_colour: str) -> tuple[float, ...]:
    return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 2) for i in (1, 3, 5))


def test_pdf_holds_the_figures_and_the_charts(october, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf_path, csv_path = write_report(october, tmp_path / "informes")
    assert pdf_path.name == "informe-2026-10.pdf" and csv_path.name == "informe-2026-10.csv"
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read the accents
    text = pdf_text(pdf_path)
    assert "CENESO Aquiles Serdán" in text
    assert "octubre de 2026" in text
    assert "Socias atendidas 4" in text
    assert "Horas de guardería 6" in text
    assert "Panadería básica 2 3 2" in text  # the table row: sessions, signed up, attended
    # The charts: their legend, and one filled bar per course and series, in the charts'
    # colours (a bar per outcome with referrals for the second chart).
    assert "Inscritas" in text and "Asistieron" in text
    bars: dict[tuple[float, ...], int] = {}
    for page in PdfReader(pdf_path).pages:
        for colour, count in _fills_with_rectangles(page).items():
            bars[colour] = bars.get(colour, 0) + count
    # Each series' colour also fills its legend swatch: bars + 1.
    assert bars.get(_rgb(report_pdf.SIGNED_UP_COLOUR)) == 2 + 1
    assert bars.get(_rgb(report_pdf.ATTENDED_COLOUR)) == 2 + 1
    assert bars.get(_rgb(report_pdf.REFERRAL_COLOUR)) == 2  # received, pending: no legend


def test_written_again_the_month_is_replaced(october, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, _csv = write_report(october, tmp_path)
    first.write_bytes(b"old")
    again, _csv = write_report(october, tmp_path)
    assert again == first and again.read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob("*.partial"))
