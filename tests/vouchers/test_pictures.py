"""Slips drawn at the same time in one kiosk's threads (its pages and its printer's thread)
share each pictogram's parsed shapes, which reportlab marks while it draws them: every slip
still comes out whole, with its pictures."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.numbers import new_number
from kiosk.vouchers import kinds
from tests.pdfs import pdf_text

STARTS = datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("America/Chihuahua"))
THREADS = 8


def test_slips_drawn_at_once_in_several_threads_all_come_out() -> None:
    slip = kinds.TrainingSlip("Ana Torres", "Panadería", STARTS, "Cocina", childcare_places=1)
    kinds.training_confirmation(slip, new_number())  # the pictures parsed, as after a first slip
    start = threading.Barrier(THREADS)

    def draw(_n: int) -> list[bytes]:
        start.wait()
        return [kinds.training_confirmation(slip, new_number()) for _ in range(3)]

    with ThreadPoolExecutor(THREADS) as pool:
        made = [pdf for pdfs in pool.map(draw, range(THREADS)) for pdf in pdfs]

    assert len(made) == THREADS * 3
    assert all(pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") for pdf in made)
    assert "Panadería" in pdf_text(made[-1])
