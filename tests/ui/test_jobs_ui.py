"""The job bank from the window, driven by taps: home → Empleo → what matters → a kind → a job
prints the slip; what matters most to her re-counts the kinds and is forgotten with her visit;
expired jobs never show; filled jobs print nothing."""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from sqlalchemy import select, update

from kiosk.data.models import JobCategory, JobPosting, PayUnit
from kiosk.i18n import _, centre_today, format_money
from kiosk.services.jobs import JobFilters, JobService
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from kiosk.words import PAY_UNITS, format_phone
from tests.pdfs import pdf_text
from tests.ui.helpers import make_window, open_jobs, page, tap, tile
from tests.ui.test_shell import _gap

PRINT_WAIT_MS = 60_000
KITCHEN = JobCategory.KITCHEN


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path, demo=True, printer="pdf")


def service(window: MainWindow) -> JobService:
    return window.job_bank.jobs


def kitchen_tile(window: MainWindow) -> BigTile:
    found = tile(window, "jobs_0")
    assert found.icon_name == "job.cocina"
    return found


def shown_cards(window: MainWindow) -> list:  # type: ignore[type-arg]
    """Every card of the open list, page by page, by tapping ▶."""
    page = window.pages["jobs_list"]
    cards = list(page.cards)
    while page.pager.isVisible() and page.pager.next_button.isEnabled():
        page.pager.next_button.click()
        cards += page.cards
    return cards


def test_opening_jobs_prints_nothing_and_imprimir_prints_the_slip(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    slips = tmp_path / "data" / "slips"
    open_jobs(qtbot, window)  # 1, 2: Empleo, every job
    tap(qtbot, kitchen_tile(window))  # 3
    assert window.current_page().objectName() == "jobs_list"
    page = window.pages["jobs_list"]
    cards = [c for c in page.cards if not c.filled]
    # Browsing: she opens job after job and no paper comes out.
    for index, card in enumerate(cards[:3]):
        tap(qtbot, tile(window, f"jobs_list_{page.cards.index(card)}"))  # 4: "me interesa"
        assert window.current_page().objectName() == "job_detail"
        assert window.title_label.text() == service(window).get(card.id).title
        if index < 2:
            tap(qtbot, tile(window, "nav_back"))
    assert not slips.exists() or not list(slips.glob("*.pdf"))
    assert window.vouchers.waiting() == []
    card = cards[2]
    detail = service(window).get(card.id)
    # The page shows the pay in digits with its unit and the phone before anything prints.
    unit = _(PAY_UNITS[PayUnit(detail.pay_unit).value])
    assert window.findChild(QWidget, "job_pay").text() == (
        f"{format_money(detail.pay_amount)} {unit}"
    )
    assert "Imprimir" in window.findChild(QWidget, "job_printing").text()
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "job_print"))  # 5: "Imprimir"
    (pdf,) = slips.glob("*.pdf")
    flat = pdf_text(pdf)
    assert format_phone(detail.contact_phone) in flat
    assert format_money(detail.pay_amount) in flat
    # A second touch prints the same slip again, not a new one.
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "job_print"))
    first, again = sorted(p.stem for p in slips.glob("*.pdf"))
    assert again.startswith(first)  # the same slip number, printed a second time


def test_what_matters_most_is_its_own_question_and_changes_the_counts(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "tile_jobs"))
    assert page(window) == "jobs_matters"
    assert window.title_label.text() == "¿Qué te importa más?"
    matters = window.pages["jobs_matters"]
    pictures = [t.icon_name for t in matters.findChildren(BigTile) if t.isVisible()]
    assert len(pictures) == len(set(pictures)) == 5
    tap(qtbot, tile(window, "matters_all"))
    everything = service(window).category_counts()[KITCHEN]
    assert kitchen_tile(window).text().endswith(f" {everything}")
    assert not window.pages["jobs"].matter_words.isVisible()
    tap(qtbot, tile(window, "nav_back"))
    assert page(window) == "jobs_matters"
    tap(qtbot, tile(window, "matters_school_hours"))
    school = service(window).category_counts(JobFilters(school_hours=True))[KITCHEN]
    assert school != everything
    assert kitchen_tile(window).text().endswith(f" {school}")
    # What she chose shows above the kinds, as its picture and words.
    assert window.pages["jobs"].matter_words.isVisible()
    assert window.pages["jobs"].matter_words.text() == "Horario escolar"
    # The kind's list keeps it: only jobs that fit school hours.
    tap(qtbot, kitchen_tile(window))
    assert all(c.fits_school_hours for c in window.pages["jobs_list"].cards)


def test_what_she_chose_is_forgotten_with_her_visit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    everything = service(window).category_counts()[KITCHEN]
    open_jobs(qtbot, window, "school_hours")
    assert not kitchen_tile(window).text().endswith(f" {everything}")
    window.forget_and_go_home()  # she walked away
    # The next woman opening the kinds (even by Atrás history) sees every job.
    window.open("jobs")
    assert kitchen_tile(window).text().endswith(f" {everything}")
    assert not window.pages["jobs"].matter_words.isVisible()
    window.go_home()
    open_jobs(qtbot, window)
    assert kitchen_tile(window).text().endswith(f" {everything}")


def test_near_needs_a_signed_in_member(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "tile_jobs"))
    assert not tile(window, "matters_near").isEnabled()
    member = window.members.register("Ana Torres", "6145550101", consent=True)
    with window.members._factory.begin() as s:
        locality = s.scalar(select(JobPosting.locality).where(JobPosting.category == KITCHEN))
    window.visit.member = type(member)(member.id, member.name, member.phone, locality)
    window.open("jobs_list")
    window.open("jobs_matters")
    tap(qtbot, tile(window, "matters_near"))
    near = service(window).category_counts(JobFilters(near=locality))[KITCHEN]
    assert kitchen_tile(window).text().endswith(f" {near}")


def test_an_expired_job_never_shows(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # The demo's expired jobs are a few days past at the centre; one more expired yesterday.
    first = service(window).list_jobs(KITCHEN).cards[0]
    yesterday = centre_today() - timedelta(days=1)
    with window.members._factory.begin() as s:
        s.execute(
            update(JobPosting)
            .where(JobPosting.id == first.id)
            .values(valid_through=yesterday, date_posted=yesterday - timedelta(days=30))
        )
        expired = s.scalars(
            select(JobPosting.id).where(JobPosting.valid_through < centre_today())
        ).all()
    assert first.id in expired
    open_jobs(qtbot, window)
    seen: set[int] = set()
    for index in range(len(JobCategory)):
        window.open("jobs")
        page = window.pages["jobs"]
        page.pager.set_page(index // 6)
        tap(qtbot, tile(window, f"jobs_{index % 6}"))
        seen |= {c.id for c in shown_cards(window)}
    assert seen and not seen & set(expired)


def test_a_filled_job_says_so_and_prints_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with window.members._factory.begin() as s:
        first = service(window).list_jobs(KITCHEN).cards[0]
        s.execute(update(JobPosting).where(JobPosting.id == first.id).values(openings=0))
    open_jobs(qtbot, window)
    tap(qtbot, kitchen_tile(window))
    page = window.pages["jobs_list"]
    index = next(i for i, c in enumerate(page.cards) if c.id == first.id)
    card = tile(window, f"jobs_list_{index}")
    assert _("No places left") in card.text()
    tap(qtbot, card)
    qtbot.wait(200)
    assert window.current_page().objectName() == "jobs_list"
    assert window.message_overlay.isVisible()
    assert not (tmp_path / "data" / "slips").exists() or not list(
        (tmp_path / "data" / "slips").glob("*.pdf")
    )
    assert window.vouchers.waiting() == []


def test_a_big_kind_pages_by_six(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, demo=True, scale=50, printer="pdf")
    open_jobs(qtbot, window)
    tap(qtbot, kitchen_tile(window))
    page = window.pages["jobs_list"]
    total = service(window).list_jobs(KITCHEN).total
    assert total > 6
    pages = -(-total // 6)
    assert page.pager.label.text() == f"1 / {pages}"
    assert len([t for t in page.tiles if t.isVisible()]) == 6
    tap(qtbot, tile(window, "pager_next"))
    assert page.pager.label.text() == f"2 / {pages}"
    assert page.cards[0].id == service(window).list_jobs(KITCHEN, page=1).cards[0].id
    # The card says the pay with its unit, e.g. "$350 por día".
    card = page.cards[0]
    unit = _(PAY_UNITS[PayUnit(card.pay_unit).value])
    assert f"{format_money(Decimal(card.pay_amount))} {unit}" in tile(window, "jobs_list_0").text()


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768), (1920, 1080)])
def test_job_pages_with_data_follow_the_rules(
    qtbot, tmp_path: Path, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, demo=True, scale=50, printer="pdf")
    window.resize(width, height)
    tap(qtbot, tile(window, "tile_jobs"))
    checked = []
    for step in ("jobs_matters", "jobs", "jobs_list", "job_detail"):
        QApplication.processEvents()
        assert window.current_page().objectName() == step
        assert window.size().width() == width and window.size().height() == height, step
        buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
        assert len([b for b in buttons if b.property("kioskChoice")]) <= 6, step
        rects = {}
        for button in buttons:
            assert min(button.width(), button.height()) >= 96, button.objectName()
            assert button.accessibleName() and button.phrase, button.objectName()
            rects[button.objectName()] = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
            assert _gap(ra, rb) >= 12, f"{step}: {a} and {b} are too close"
        checked.append(step)
        if step == "jobs_matters":
            tap(qtbot, tile(window, "matters_school_hours"))  # what matters, chosen
        elif step == "jobs":
            tap(qtbot, kitchen_tile(window))
        elif step == "jobs_list":
            tap(qtbot, tile(window, "jobs_list_0"))
    assert checked == ["jobs_matters", "jobs", "jobs_list", "job_detail"]


def test_the_papers_row_shows_only_the_jobs_own_papers(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Opening job after job never piles up the papers of the jobs before (a row that grew
    would slow every page the window shows)."""
    detail = window.pages["job_detail"]
    jobs = [card for card in JobService(window.members._factory).list_jobs(KITCHEN).cards]
    for card in jobs[:8]:
        job = service(window).get(card.id)
        detail.show_job(job)  # type: ignore[attr-defined]
        shown = [w for w in detail.bring_widgets if not w.isHidden()]  # type: ignore[attr-defined]
        assert detail.bring_row.count() == len(shown) == min(len(job.what_to_bring), 4)  # type: ignore[attr-defined]
