"""The Printer: "save PDF" mode, and real printing through a private CUPS server with cups-pdf
queues (tests/cups.py): the printed PDF arrives, a stopped, rejecting, missing or stuck queue ends
in `failed` with one plain sentence, and the slip prints again once the queue is back."""

from __future__ import annotations

import io
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from kiosk.config import Settings
from kiosk.i18n import _
from kiosk.ui import printing
from kiosk.ui.printing import Printer, available_printers, default_printer, safe_file_name
from tests.conftest import require
from tests.cups import CupsServer, tool
from tests.pdfs import page_size, pdf_text

PRIVATE = "María Guadalupe Ñúñez"  # a member's name in a job name: it must never reach the log
SLIP = (80 * mm, 120 * mm)
CUPS_WAIT_MS = 30_000


def make_pdf(text: str, size: tuple[float, float] = SLIP) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=size)
    page.setFont("Helvetica", 14)
    page.drawString(5 * mm, size[1] - 20 * mm, text)
    page.drawString(5 * mm, size[1] - 30 * mm, "¿Sí? ¡Ñandú! áéíóú")
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.fixture
def make_printer(isolated_env: Path) -> Iterator[Callable[..., Printer]]:
    printers: list[Printer] = []

    def make(destination: str, **kwargs: float) -> Printer:
        printer = Printer(Settings(data_dir=isolated_env, printer=destination), **kwargs)
        printers.append(printer)
        return printer

    yield make
    for printer in printers:
        assert printer.shutdown(10_000)


@pytest.fixture
def cups(cups_server: CupsServer) -> Iterator[CupsServer]:
    """The session's CUPS server; queues a test adds are removed after it."""
    before = set(cups_server._queues)
    yield cups_server
    for queue in set(cups_server._queues) - before:
        cups_server.remove_queue(queue)


def print_and_wait(qtbot, printer: Printer, pdf: bytes, name: str, key: str, *, ok: bool) -> str:
    """Print one slip; return the reason when it failed ("" when it printed)."""
    signal = printer.printed if ok else printer.failed
    other = printer.failed if ok else printer.printed
    with qtbot.assertNotEmitted(other), qtbot.waitSignal(signal, timeout=CUPS_WAIT_MS) as blocker:
        printer.print_pdf(pdf, name, key=key)
    assert blocker.args[0] == key
    return "" if ok else blocker.args[1]


# --- "pdf" mode ------------------------------------------------------------------------------


def test_pdf_mode_saves_the_slip_in_the_slips_folder(
    qtbot, make_printer, isolated_env: Path, caplog
) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk")
    printer = make_printer("pdf")
    pdf = make_pdf("Taller de costura")
    with qtbot.waitSignal(printer.printed, timeout=5000) as blocker:
        printer.print_pdf(pdf, f"Taller – {PRIVATE}", key="v-1")
    assert blocker.args == ["v-1"]
    slips = isolated_env / "slips"
    assert [p.name for p in slips.iterdir()] == ["Taller-Maria-Guadalupe-Nunez.pdf"]
    assert (slips / "Taller-Maria-Guadalupe-Nunez.pdf").read_bytes() == pdf
    assert slips.stat().st_mode & 0o077 == 0  # slips carry names: only the kiosk's user reads
    assert "María" not in caplog.text and "Maria" not in caplog.text
    assert printer.pending() == 0


def test_pdf_mode_never_overwrites_a_slip(qtbot, make_printer, isolated_env: Path) -> None:
    printer = make_printer("pdf")
    done: list[str] = []
    printer.printed.connect(done.append)
    first, second, third = make_pdf("uno"), make_pdf("dos"), make_pdf("tres")
    printer.print_pdf(first, "ficha", key="1")
    printer.print_pdf(second, "ficha", key="2")
    printer.print_pdf(third, "ficha", key="3")
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5000)
    assert done == ["1", "2", "3"]  # one at a time, in order
    slips = isolated_env / "slips"
    assert (slips / "ficha.pdf").read_bytes() == first
    assert (slips / "ficha-2.pdf").read_bytes() == second
    assert (slips / "ficha-3.pdf").read_bytes() == third


def test_pdf_mode_reports_a_folder_it_cannot_write(qtbot, make_printer, isolated_env) -> None:
    isolated_env.mkdir(parents=True)
    (isolated_env / "slips").write_text("not a folder")
    printer = make_printer("pdf")
    with qtbot.waitSignal(printer.failed, timeout=5000) as blocker:
        printer.print_pdf(make_pdf("x"), "ficha", key="k")
    assert blocker.args == ["k", _(printing.NOT_SAVED)]


@pytest.mark.parametrize(
    ("job_name", "expected"),
    [
        ("Constancia de taller", "Constancia-de-taller"),
        ("Niña/Niño: José Ñúñez", "Nina-Nino-Jose-Nunez"),
        ("../../etc/passwd", "etc-passwd"),
        ("", "comprobante"),
        ("¿¡!?", "comprobante"),
        ("CON", "comprobante-CON"),
        ("a" * 200, "a" * 80),
    ],
)
def test_safe_file_name(job_name: str, expected: str) -> None:
    assert safe_file_name(job_name) == expected


def test_only_pdf_bytes_are_printed(make_printer) -> None:
    with pytest.raises(ValueError):
        make_printer("pdf").print_pdf(b"hola", "x")


def test_a_slip_is_drawn_on_the_printing_thread_and_the_page_answers_at_once(
    qtbot, make_printer, isolated_env: Path
) -> None:
    printer = make_printer("pdf")
    drawn_on: list[threading.Thread] = []

    def draw() -> bytes:
        drawn_on.append(threading.current_thread())
        return make_pdf("Constancia")

    with qtbot.waitSignal(printer.printed, timeout=5000) as blocker:
        printer.print_made(draw, "constancia", key="c-1")
    assert blocker.args == ["c-1"]
    assert drawn_on and drawn_on[0] is not threading.main_thread()
    assert (isolated_env / "slips" / "constancia.pdf").read_bytes().startswith(b"%PDF-")


def test_a_slip_that_cannot_be_drawn_fails_like_a_refused_job(qtbot, make_printer) -> None:
    printer = make_printer("pdf")

    def broken() -> bytes:
        raise RuntimeError("no paper size")

    with qtbot.waitSignal(printer.failed, timeout=5000) as blocker:
        printer.print_made(broken, "constancia", key="c-2")
    assert blocker.args[0] == "c-2"
    assert blocker.args[1]  # one sentence she or the staff can read
    with qtbot.waitSignal(printer.failed, timeout=5000):
        printer.print_made(lambda: b"hola", "constancia", key="c-3")
    assert printer.pending() == 0


# --- a real CUPS server ----------------------------------------------------------------------


def test_a_slip_prints_through_cups(qtbot, make_printer, cups: CupsServer, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk")
    queue = cups.queue_name("print")
    cups.add_pdf_queue(queue)
    assert queue in available_printers()
    token = f"CENESO-{secrets.token_hex(4)}"
    printer = make_printer(queue)

    print_and_wait(qtbot, printer, make_pdf(f"Folio {token}"), PRIVATE, "slip-1", ok=True)

    qtbot.waitUntil(lambda: len(cups.printed_pdfs(queue)) == 1, timeout=10_000)
    printed = cups.printed_pdfs(queue)[0]
    text = pdf_text(printed)
    assert token in text
    assert "Ñandú" in text
    # The media follows the slip: 80 mm wide, as tall as the page, not centred on A4.
    width, height = page_size(printed)
    assert abs(width - SLIP[0]) < 2 and abs(height - SLIP[1]) < 2
    assert cups.pending_jobs(queue) == []
    assert f"{queue}-" in caplog.text  # the job id is logged...
    assert "María" not in caplog.text  # ...the member's name is not


def test_letter_slips_print_on_letter(qtbot, make_printer, cups: CupsServer) -> None:
    queue = cups.queue_name("letter")
    cups.add_pdf_queue(queue)
    printer = make_printer(queue)
    print_and_wait(qtbot, printer, make_pdf("Lista", letter), "lista", "l", ok=True)
    qtbot.waitUntil(lambda: len(cups.printed_pdfs(queue)) == 1, timeout=10_000)
    width, height = page_size(cups.printed_pdfs(queue)[0])
    assert abs(width - 612) < 2 and abs(height - 792) < 2


def test_a_queue_that_is_stopped_rejecting_or_gone_fails_then_prints_once_back(
    qtbot, make_printer, cups: CupsServer
) -> None:
    queue = cups.queue_name("back")
    cups.add_pdf_queue(queue)
    printer = make_printer(queue)
    token = f"REIMPRESO-{secrets.token_hex(4)}"
    slip = make_pdf(f"Folio {token}")

    cups.run("cupsdisable", queue)
    assert print_and_wait(qtbot, printer, slip, "ficha", "k", ok=False) == _(printing.STOPPED)
    cups.run("cupsenable", queue)

    cups.run("cupsreject", queue)
    assert print_and_wait(qtbot, printer, slip, "ficha", "k", ok=False) == _(printing.REJECTING)
    cups.run("cupsaccept", queue)

    cups.remove_queue(queue)
    assert print_and_wait(qtbot, printer, slip, "ficha", "k", ok=False) == _(printing.NOT_FOUND)
    assert cups.printed_pdfs(queue) == []

    # The queue is back: the same slip (from the reprint queue) now prints.
    cups.add_pdf_queue(queue)
    print_and_wait(qtbot, printer, slip, "ficha", "k", ok=True)
    qtbot.waitUntil(lambda: len(cups.printed_pdfs(queue)) == 1, timeout=10_000)
    assert token in pdf_text(cups.printed_pdfs(queue)[0])


def test_a_job_the_printer_cancels_fails(qtbot, make_printer, cups: CupsServer) -> None:
    queue = cups.queue_name("broken")
    # cups-pdf cannot create its output folder and cancels the job.
    cups.add_pdf_queue(queue, out=Path("/proc/kiosk-no-such-dir"))
    printer = make_printer(queue)
    reason = print_and_wait(qtbot, printer, make_pdf("x"), "ficha", "k", ok=False)
    assert reason == _(printing.JOB_FAILED)


def test_a_stuck_printer_fails_without_blocking_the_window(
    qtbot, make_printer, cups: CupsServer
) -> None:
    queue = cups.queue_name("stuck")
    cups.add_stuck_queue(queue)
    printer = make_printer(queue, timeout_s=4.0)
    failures: list[tuple[str, str]] = []
    printer.failed.connect(lambda key, reason: failures.append((key, reason)))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(50)
    # What the window's timer sees while the slip is out of its hands.
    timer.timeout.connect(lambda: failures or ticks.append(printer.pending()))

    started = time.monotonic()
    printer.print_pdf(make_pdf("x"), PRIVATE, key="k")
    assert time.monotonic() - started < 0.5  # print_pdf hands the slip over and returns
    timer.start()
    # The job reaches CUPS and waits there while the window's event loop keeps running.
    qtbot.waitUntil(lambda: len(cups.pending_jobs(queue)) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: bool(failures), timeout=CUPS_WAIT_MS)
    timer.stop()
    assert failures == [("k", _(printing.NOT_ANSWERING))]
    assert len(ticks) >= 20 and set(ticks) == {1}  # the timer fired all along
    # The stuck job was cancelled: it cannot come out later beside a reprint.
    assert cups.pending_jobs(queue) == []


def test_a_printer_stopped_while_printing_fails_at_once(
    qtbot, make_printer, cups: CupsServer
) -> None:
    queue = cups.queue_name("paused")
    cups.add_stuck_queue(queue)
    printer = make_printer(queue, timeout_s=120.0)
    printer.print_pdf(make_pdf("x"), "ficha", key="k")
    qtbot.waitUntil(lambda: len(cups.pending_jobs(queue)) == 1, timeout=10_000)
    with qtbot.waitSignal(printer.failed, timeout=15_000) as blocker:
        cups.run("cupsdisable", queue)
    assert blocker.args == ["k", _(printing.STOPPED)]
    assert cups.pending_jobs(queue) == []


def test_shutdown_does_not_wait_for_a_stuck_printer(qtbot, make_printer, cups) -> None:
    queue = cups.queue_name("exit")
    cups.add_stuck_queue(queue)
    printer = make_printer(queue, timeout_s=120.0)
    printer.print_pdf(make_pdf("x"), "ficha", key="k")
    qtbot.waitUntil(lambda: len(cups.pending_jobs(queue)) == 1, timeout=10_000)
    with qtbot.assertNotEmitted(printer.failed), qtbot.assertNotEmitted(printer.printed):
        started = time.monotonic()
        assert printer.shutdown(5000)
        assert time.monotonic() - started < 5
    printer.print_pdf(make_pdf("y"), "ficha")  # after shutdown: ignored
    assert printer.pending() == 1


def test_a_broken_pdf_never_reaches_the_printer(qtbot, make_printer, cups) -> None:
    queue = cups.queue_name("bad")
    cups.add_pdf_queue(queue)
    printer = make_printer(queue)
    reason = print_and_wait(qtbot, printer, b"%PDF-1.4 broken", "ficha", "k", ok=False)
    assert reason == _(printing.BAD_SLIP)
    assert cups.pending_jobs(queue) == []


def test_the_default_printer(qtbot, make_printer, cups: CupsServer, monkeypatch, tmp_path) -> None:
    # Only the private server decides: no lpoptions of root's, no LPDEST/PRINTER.
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("LPDEST", raising=False)
    monkeypatch.delenv("PRINTER", raising=False)
    printer = make_printer("")
    assert default_printer() is None
    reason = print_and_wait(qtbot, printer, make_pdf("x"), "ficha", "k", ok=False)
    assert reason == _(printing.NO_DEFAULT)

    queue = cups.queue_name("default")
    cups.add_pdf_queue(queue)
    cups.run("lpadmin", "-d", queue)
    assert default_printer() == queue
    token = secrets.token_hex(4)
    print_and_wait(qtbot, printer, make_pdf(f"Folio {token}"), "ficha", "k", ok=True)
    qtbot.waitUntil(lambda: len(cups.printed_pdfs(queue)) == 1, timeout=10_000)
    assert token in pdf_text(cups.printed_pdfs(queue)[0])


def test_no_print_service(qtbot, make_printer, monkeypatch, tmp_path) -> None:
    require(bool(tool("lp") and tool("lpstat")), "the CUPS client (apt-get install cups-client)")
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "nobody-listens.sock"))
    assert default_printer() is None
    assert available_printers() == []
    for destination in ("", "Recepcion"):
        printer = make_printer(destination)
        reason = print_and_wait(qtbot, printer, make_pdf("x"), "ficha", "k", ok=False)
        assert reason == _(printing.NO_SCHEDULER)


def test_no_cups_client(qtbot, make_printer, monkeypatch) -> None:
    monkeypatch.setattr(printing, "_tool", lambda name: None)
    assert default_printer() is None
    assert available_printers() == []
    printer = make_printer("Recepcion")
    reason = print_and_wait(qtbot, printer, make_pdf("x"), "ficha", "k", ok=False)
    assert reason == _(printing.NO_SERVICE)
