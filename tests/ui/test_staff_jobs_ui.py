"""Staff job pages, driven by taps: close and reopen, reopen an expired posting with a number of
days, add a posting through the wizard, refuse a bad phone, import and export JSON-LD."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from kiosk.data.models import JobCategory, JobPosting, PayUnit
from kiosk.i18n import _, centre_today
from kiosk.services.jobs import JobFilters, JobService
from kiosk.ui.main_window import MainWindow
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    enter_digits,
    enter_words,
    make_window,
    page,
    tap,
    tile,
)


def staff_window(qtbot, tmp_path: Path, *, demo: bool = True) -> MainWindow:  # type: ignore[no-untyped-def]
    """The kiosk (with the example data unless ``demo`` is false), staff signed in."""
    window = make_window(qtbot, tmp_path, demo=demo)
    as_staff(window)
    return window


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return staff_window(qtbot, tmp_path)


def shown_ids(window: MainWindow, category: str) -> set[int]:
    listed = JobService(window.members._factory).list_jobs(category, per_page=1000)
    return {card.id for card in listed.cards}


def count_jobs(window: MainWindow) -> int:
    with window.members._factory() as s:
        return s.scalar(select(func.count()).select_from(JobPosting)) or 0


def open_jobs_page(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_jobs"))
    assert page(window) == "staff_jobs"


def open_first_offered(qtbot, window: MainWindow) -> int:  # type: ignore[no-untyped-def]
    open_jobs_page(qtbot, window)
    jobs = window.pages["staff_jobs"].jobs
    index = next(i for i, job in enumerate(jobs) if not job.expired and job.openings > 0)
    job = jobs[index]
    tap(qtbot, tile(window, f"staff_jobs_{index}"))
    assert page(window) == "staff_job"
    return job.id


def test_close_hides_the_posting_and_reopen_brings_it_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    job_id = open_first_offered(qtbot, window)
    category = window.job_desk.service.staff_get(job_id).category
    assert job_id in shown_ids(window, category)
    tap(qtbot, tile(window, "staff_job_close"))
    assert window.confirm_overlay.isVisible()
    tap(qtbot, tile(window, "confirm_yes"))
    assert job_id not in shown_ids(window, category)
    assert _("Closed") in window.pages["staff_job"].details.text()
    tap(qtbot, tile(window, "staff_job_reopen"))
    tap(qtbot, tile(window, "confirm_yes"))
    assert job_id in shown_ids(window, category)
    assert tile(window, "staff_job_close").isVisible()


def test_an_expired_posting_asks_for_days_and_reopens(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    today = centre_today()
    job_id = open_first_offered(qtbot, window)
    with window.members._factory.begin() as s:
        s.execute(
            update(JobPosting)
            .where(JobPosting.id == job_id)
            .values(valid_through=today - timedelta(days=1), date_posted=today - timedelta(days=20))
        )
    window.pages["staff_job"].entered()
    assert _("Expired") in window.pages["staff_job"].details.text()
    tap(qtbot, tile(window, "staff_job_reopen"))
    tap(qtbot, tile(window, "confirm_yes"))
    assert page(window) == "staff_job_days"
    keypad = window.pages["staff_job_days"].keypad
    enter_digits(qtbot, keypad, "95")  # more than 90: refused
    assert window.message_overlay.text() == _("Type a number of days from 1 to 90.")
    window.message_overlay.hide()
    assert page(window) == "staff_job_days"
    tap(qtbot, keypad.erase_button)
    tap(qtbot, keypad.erase_button)
    enter_digits(qtbot, keypad, "30")
    assert page(window) == "staff_job"
    job = window.job_desk.service.staff_get(job_id)
    assert job.valid_through == today + timedelta(days=30)
    assert job_id in shown_ids(window, job.category)


def walk_wizard(qtbot, window: MainWindow, phone: str) -> None:  # type: ignore[no-untyped-def]
    open_jobs_page(qtbot, window)
    tap(qtbot, tile(window, "staff_jobs_new"))
    assert page(window) == "staff_job_title"
    enter_words(qtbot, window.pages["staff_job_title"].keyboard, "ayudante de cocina")
    assert page(window) == "staff_job_kind"
    tap(qtbot, tile(window, "staff_job_kind_0"))  # Cocina
    enter_digits(qtbot, window.pages["staff_job_pay"].keypad, "350")
    assert page(window) == "staff_job_unit"
    tap(qtbot, tile(window, "staff_job_unit_1"))  # per day
    enter_words(qtbot, window.pages["staff_job_employer"].keyboard, "fonda lupita")
    enter_words(qtbot, window.pages["staff_job_locality"].keyboard, "chihuahua")
    enter_digits(qtbot, window.pages["staff_job_phone"].keypad, phone)
    enter_digits(qtbot, window.pages["staff_job_openings"].keypad, "2")
    assert page(window) == "staff_job_flags"
    tap(qtbot, tile(window, "staff_job_flag_fits_school_hours"))
    tap(qtbot, tile(window, "staff_job_flag_no_experience_needed"))
    tap(qtbot, tile(window, "staff_job_flags_next"))
    enter_digits(qtbot, window.pages["staff_job_last_day"].keypad, "30")
    assert page(window) == "staff_job_review"
    assert "Fonda Lupita" in window.pages["staff_job_review"].summary.text()
    tap(qtbot, tile(window, "staff_job_save"))


def test_the_wizard_adds_a_posting_with_the_typed_values(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    before = count_jobs(window)
    walk_wizard(qtbot, window, "6145551234")
    assert count_jobs(window) == before + 1
    (job,) = window.job_desk.service.staff_list(0, per_page=1).cards
    assert job.title == "Ayudante de cocina"
    assert job.category == JobCategory.KITCHEN
    assert job.pay_amount == 350 and job.pay_unit == PayUnit.DAY
    assert (job.employer, job.locality) == ("Fonda Lupita", "Chihuahua")
    assert job.contact_phone == "6145551234"
    assert job.openings == 2  # type: ignore[attr-defined]
    assert job.valid_through == centre_today() + timedelta(days=30)  # type: ignore[attr-defined]
    assert page(window) == "staff_job"
    assert job.id in shown_ids(window, JobCategory.KITCHEN)
    # What members filter on was set from the form.
    assert job.fits_school_hours and job.no_experience_needed and not job.starts_now
    service = JobService(window.members._factory)
    both = JobFilters(school_hours=True, no_experience=True, per_day=True, near="Chihuahua")
    assert job.id in {c.id for c in service.list_jobs(JobCategory.KITCHEN, both, 0, 100).cards}


def test_a_bad_phone_shows_the_sentence_and_saves_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    before = count_jobs(window)
    walk_wizard(qtbot, window, "0000000000")
    assert window.message_overlay.isVisible()
    assert window.message_overlay.text() == _(
        "The contact phone must be a Mexican number of 10 digits."
    )
    assert page(window) == "staff_job_review"
    assert count_jobs(window) == before


def test_editing_changes_the_posting(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    job_id = open_first_offered(qtbot, window)
    old = window.job_desk.service.staff_get(job_id)
    tap(qtbot, tile(window, "staff_job_edit"))
    # The title is kept as it was when not retyped.
    tap(qtbot, window.pages["staff_job_title"].keyboard.submit_button)
    tap(qtbot, tile(window, "staff_job_kind_0"))
    keypad = window.pages["staff_job_pay"].keypad
    assert keypad.text() == str(int(old.pay_amount))
    for _digit in range(len(keypad.text())):
        tap(qtbot, keypad.erase_button)
    enter_digits(qtbot, keypad, "999")
    for name in ("staff_job_unit_0",):
        tap(qtbot, tile(window, name))
    for name in ("staff_job_employer", "staff_job_locality"):
        tap(qtbot, window.pages[name].keyboard.submit_button)
    for name in ("staff_job_phone", "staff_job_openings"):
        tap(qtbot, window.pages[name].keypad.submit_button)
    tap(qtbot, tile(window, "staff_job_flag_starts_now"))  # flips it
    tap(qtbot, tile(window, "staff_job_flags_next"))
    tap(qtbot, window.pages["staff_job_last_day"].keypad.submit_button)
    tap(qtbot, tile(window, "staff_job_save"))
    new = window.job_desk.service.staff_get(job_id)
    assert new.title == old.title and new.employer == old.employer
    assert new.pay_amount == 999 and new.pay_unit == PayUnit.HOUR
    assert new.description == old.description
    assert new.starts_now is not old.starts_now
    assert new.fits_school_hours is old.fits_school_hours


def test_export_writes_a_file_that_imports_back(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_jobs_page(qtbot, window)
    tap(qtbot, tile(window, "staff_jobs_export"))
    window.message_overlay.hide()
    tap(qtbot, tile(window, "staff_jobs_export"))  # the same minute: a second file
    window.message_overlay.hide()
    files = sorted((tmp_path / "data" / "jobs").glob("ofertas-*.jsonld"))
    assert len(files) == 2 and files[0].read_text() == files[1].read_text()

    other = staff_window(qtbot, tmp_path / "other", demo=False)
    (other.settings.data_dir / "jobs").mkdir(parents=True)
    (other.settings.data_dir / "jobs" / files[0].name).write_bytes(files[0].read_bytes())
    open_jobs_page(qtbot, other)
    assert other.pages["staff_jobs"].empty.isVisible()
    tap(qtbot, tile(other, "staff_jobs_import"))
    total = count_jobs(window)
    assert count_jobs(other) == total
    assert other.message_overlay.text() == _(
        "Added: {added}. Updated: {updated}. To complete: {to_complete}. Skipped: {skipped}."
    ).format(added=total, updated=0, to_complete=0, skipped=0)
    assert tile(other, "staff_jobs_0").isVisible()
    other.message_overlay.hide()
    tap(qtbot, tile(other, "staff_jobs_import"))  # the same file again: updates, adds nothing
    assert count_jobs(other) == total
    assert other.message_overlay.text() == _(
        "Added: {added}. Updated: {updated}. To complete: {to_complete}. Skipped: {skipped}."
    ).format(added=0, updated=total, to_complete=0, skipped=0)


def test_a_bad_file_in_the_folder_is_counted_as_skipped(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data" / "jobs"
    folder.mkdir(parents=True)
    (folder / "roto.json").write_text("{ no es json")
    before = count_jobs(window)
    open_jobs_page(qtbot, window)
    tap(qtbot, tile(window, "staff_jobs_import"))
    assert window.message_overlay.text() == _(
        "Added: {added}. Updated: {updated}. To complete: {to_complete}. Skipped: {skipped}."
    ).format(added=0, updated=0, to_complete=0, skipped=1)
    assert count_jobs(window) == before
