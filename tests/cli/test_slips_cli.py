"""`kiosk slips sample` and `kiosk slips test-print`, on a real print service."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.vouchers.frame import get_paper
from tests.cli.conftest import Run, assert_one_sentence
from tests.cups import CupsServer
from tests.pdfs import scanned_codes


@pytest.mark.parametrize("paper", ["80mm", "letter"])
def test_sample_writes_every_kind_on_the_paper(kiosk_cmd: Run, tmp_path: Path, paper: str) -> None:
    out = tmp_path / "muestras"
    result = kiosk_cmd("slips", "sample", str(out), "--paper", paper)
    assert result.returncode == 0, result.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 9
    width = get_paper(paper).width
    for pdf in pdfs:
        page = PdfReader(pdf).pages[0]
        assert abs(float(page.mediabox.width) - width) < 1, pdf.name
        assert "CENESO" in page.extract_text()


def test_sample_into_a_place_that_cannot_be_a_folder(kiosk_cmd: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "archivo"
    blocker.write_text("no soy carpeta")
    err = assert_one_sentence(kiosk_cmd("slips", "sample", str(blocker / "sub")))
    assert "no se pudieron escribir" in err


def _vouchers(data_dir: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(data_dir / "kiosk.sqlite3") as conn:
        rows = conn.execute("SELECT number, print_status, length(pdf) FROM vouchers").fetchall()
    conn.close()
    return rows


def test_test_print_saves_into_the_slips_folder(kiosk_cmd: Run, isolated_env: Path) -> None:
    result = kiosk_cmd("slips", "test-print", env={"KIOSK_PRINTER": "pdf"})
    assert result.returncode == 0, result.stderr
    assert "llegó" in result.stdout
    (saved,) = (isolated_env / "slips").glob("*.pdf")
    ((number, status, size),) = _vouchers(isolated_env)
    assert status == "saved" and size > 0
    assert number in saved.name


def test_test_print_reaches_a_real_printer(
    kiosk_cmd: Run, isolated_env: Path, cups_server: CupsServer, tmp_path: Path
) -> None:
    queue = cups_server.queue_name("cli")
    out = cups_server.add_pdf_queue(queue)
    try:
        result = kiosk_cmd("slips", "test-print", env={"KIOSK_PRINTER": queue})
        assert result.returncode == 0, result.stderr
        assert queue in result.stdout
        ((number, status, _size),) = _vouchers(isolated_env)
        assert status == "printed"
        (printed,) = out.glob("*.pdf")
        # What came out of the printer scans back to the slip's number.
        assert number in scanned_codes(printed, tmp_path)
    finally:
        cups_server.remove_queue(queue)


def test_test_print_to_a_missing_printer_keeps_the_slip_to_reprint(
    kiosk_cmd: Run, isolated_env: Path, cups_server: CupsServer
) -> None:
    err = assert_one_sentence(kiosk_cmd("slips", "test-print", env={"KIOSK_PRINTER": "NoExiste"}))
    assert "NoExiste" in err
    ((_number, status, size),) = _vouchers(isolated_env)
    assert status == "failed" and size > 0
