"""Slips from the window: a failed print is kept and said plainly, staff reprint it with the
same number once the printer is back, and the desk checks and uses slips by scanning them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.data.models import PrintStatus, VoucherKind, utcnow
from kiosk.numbers import format_number, is_valid
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from kiosk.vouchers import kinds
from tests.cups import CupsServer
from tests.pdfs import scanned_codes
from tests.ui.helpers import as_staff, make_window

PRINT_WAIT_MS = 60_000


def staff_window(qtbot, tmp_path: Path, printer: str) -> MainWindow:  # type: ignore[no-untyped-def]
    """The kiosk printing to ``printer``, staff signed in at the desk."""
    window = make_window(qtbot, tmp_path, size=(1366, 768), printer=printer)
    as_staff(window)
    return window


def issue_test_slip(window: MainWindow, **kwargs) -> str:  # type: ignore[no-untyped-def]
    slip = window.vouchers.issue(VoucherKind.TEST, partial(kinds.test_slip, utcnow()), **kwargs)
    return slip.number


def test_failed_print_is_kept_said_plainly_and_reprinted_when_the_printer_is_back(
    qtbot, tmp_path: Path, cups_server: CupsServer
) -> None:  # type: ignore[no-untyped-def]
    queue = cups_server.queue_name("reprint")
    window = staff_window(qtbot, tmp_path, queue)  # the queue does not exist yet
    number = issue_test_slip(window)

    with qtbot.waitSignal(window.slip_desk.failed, timeout=PRINT_WAIT_MS):
        window.slip_desk.print_slip(number)
    assert window.message_overlay.isVisible()
    assert "No se pudo imprimir" in window.message_overlay.text()
    assert window.speaker.last_phrase == window.message_overlay.text()
    waiting = window.vouchers.waiting()
    assert [v.number for v in waiting] == [number]
    assert waiting[0].print_status is PrintStatus.FAILED

    out = cups_server.add_pdf_queue(queue)
    try:
        window.message_overlay.hide()
        window.open("staff_print_queue")
        tile = window.findChild(BigTile, "staff_print_queue_0")
        assert tile.isVisible()
        assert number[-4:] in tile.text().replace(" ", "")
        with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS) as done:
            qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        assert done.args == [number]
        assert window.vouchers.waiting() == []
        assert window.vouchers.get(number).print_status is PrintStatus.PRINTED
        assert window.pages["staff_print_queue"].empty.isVisible()
        (printed,) = out.glob("*.pdf")
        assert number in scanned_codes(printed, tmp_path)  # the same number, on paper
    finally:
        cups_server.remove_queue(queue)


def test_saving_as_pdf_counts_as_printed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = staff_window(qtbot, tmp_path, "pdf")
    number = issue_test_slip(window)
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        window.slip_desk.print_slip(number)
    assert window.vouchers.get(number).print_status is PrintStatus.SAVED
    (saved,) = (tmp_path / "data" / "slips").glob("*.pdf")
    assert saved.read_bytes() == window.vouchers.pdf(number)


# --- the desk's voucher check ------------------------------------------------------------------


@pytest.fixture
def desk(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = staff_window(qtbot, tmp_path, "pdf")
    window.open("staff_voucher_check")
    return window


def scan(qtbot, window: MainWindow, number: str) -> str:  # type: ignore[no-untyped-def]
    """A USB scanner types the digits and Enter into the focused keypad."""
    page = window.pages["staff_voucher_check"]
    with qtbot.waitSignal(
        window.speaker.spoken, check_params_cb=lambda t: page.answer.text().startswith(t)
    ):
        qtbot.keyClicks(page.keypad, number)
        qtbot.keyClick(page.keypad, Qt.Key.Key_Return)
    return page.answer.text()


def test_a_valid_slip_is_used_once(qtbot, desk: MainWindow) -> None:  # type: ignore[no-untyped-def]
    number = issue_test_slip(desk)
    page = desk.pages["staff_voucher_check"]
    answer = scan(qtbot, desk, number)
    assert "válido" in answer
    assert format_number(number) in answer
    qtbot.mouseClick(page.redeem, Qt.MouseButton.LeftButton)
    assert desk.vouchers.get(number).redeemed_at is not None
    assert not page.redeem.isVisible()
    assert "ya se usó" in scan(qtbot, desk, number)
    assert not page.redeem.isVisible()


def test_a_mistyped_digit_is_caught(qtbot, desk: MainWindow) -> None:  # type: ignore[no-untyped-def]
    number = issue_test_slip(desk)
    wrong = number[:3] + str((int(number[3]) + 1) % 10) + number[4:]
    assert not is_valid(wrong)
    assert "número" in scan(qtbot, desk, wrong)
    assert not desk.pages["staff_voucher_check"].redeem.isVisible()


def test_unknown_and_expired_slips(qtbot, desk: MainWindow) -> None:  # type: ignore[no-untyped-def]
    expired = issue_test_slip(desk, expires_at=datetime.now(UTC) - timedelta(days=1))
    assert "venció" in scan(qtbot, desk, expired)
    from kiosk.numbers import new_number

    assert "Ningún comprobante" in scan(qtbot, desk, new_number())
