"""The rest of the staff desk, driven by taps: every desk tile opens its list; members found by
phone and by name, corrected and erased; the monthly report with its charts and export; the
settings saved and applied; the daily backup."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.config import Settings
from kiosk.data.models import StaffRole
from kiosk.services.backups import BackupService
from kiosk.services.member_desk import MemberDesk
from kiosk.services.reports import Month
from kiosk.ui.backups import DailyBackup
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.pdfs import page_size
from tests.services.test_member_desk import traces
from tests.staff_data import fill_month
from tests.ui.helpers import (
    desk_tile,
    enter_digits,
    enter_words,
    make_window,
    open_jobs,
    page,
    sign_in_at_desk,
    tap,
    tile,
)

PIN = "482913"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path)


def sign_in_staff(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Irma signs in at the desk with her PIN, as she would."""
    window.staff_service.add("Irma Villalobos", StaffRole.STAFF, PIN)
    sign_in_at_desk(qtbot, window, "Irma Villalobos", PIN)
    assert page(window) == "staff_desk"


# --- every desk tile leads to its list ------------------------------------------------------

# The pages of the desk's tiles known here; tiles other areas add are checked to open a page
# of their own that the desk (not the sign-in) shows.
EXPECTED = {
    "desk_help": "staff_help_calls",
    "desk_print": "staff_print_queue",
    "desk_check": "staff_voucher_check",
    "desk_jobs": "staff_jobs",
    "desk_members": "staff_members",
    "desk_reports": "staff_reports",
    "desk_settings": "staff_settings",
}


def test_every_desk_tile_leads_to_its_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    sign_in_staff(qtbot, window)
    names = [entry.name for entry in window.desk.entries]
    assert set(EXPECTED) <= set(names)
    for name in names:
        button = desk_tile(qtbot, window, name)
        assert button.text() and button.phrase, name
        tap(qtbot, button)
        opened = page(window)
        assert opened not in ("staff_desk", "staff", "home"), name
        assert opened == EXPECTED.get(name, opened), name
        assert window.title_label.text() == window.current_page().title(), name
        tap(qtbot, tile(window, "nav_back"))
        assert page(window) == "staff_desk", name


# --- members --------------------------------------------------------------------------------


def test_find_by_phone_correct_and_erase(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    factory = window.members._factory
    filled = fill_month(factory)
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_members"))
    tap(qtbot, tile(window, "staff_members_phone"))
    assert page(window) == "staff_member_phone"
    enter_digits(qtbot, window.current_page().keypad, "1234")  # the last four digits she says
    # One member found: her record opens at once.
    assert page(window) == "staff_member"
    record = window.current_page()
    assert record.name_label.text() == "Ana Lucía Quintero"
    details = record.details()
    assert "•• •• •• 12 34" in details and "6145551234" not in details
    assert "Cursos: 3" in details and "Canalizaciones: 1" in details
    assert "Mateo, 5 años" in details

    tap(qtbot, tile(window, "staff_member_fix_phone_tile"))
    # Berta's: refused, nothing lost
    enter_digits(qtbot, window.current_page().keypad, "6145552001")
    assert window.message_overlay.isVisible() and "otra socia" in window.message_overlay.text()
    window.message_overlay.hide()
    assert page(window) == "staff_member_fix_phone"
    window.current_page().keypad.clear()
    enter_digits(qtbot, window.current_page().keypad, "6145554321")
    assert page(window) == "staff_member"
    assert "•• •• •• 43 21" in window.current_page().details()
    window.message_overlay.hide()

    tap(qtbot, tile(window, "staff_member_fix_place_tile"))
    assert page(window) == "staff_member_locality"
    tap(qtbot, tile(window, "staff_member_locality_other"))
    enter_words(qtbot, window.current_page().keyboard, "aldama")
    assert page(window) == "staff_member"
    assert "Aldama" in window.current_page().details()
    window.message_overlay.hide()

    tap(qtbot, tile(window, "staff_member_erase"))
    assert window.confirm_overlay.isVisible() and "Ana" in window.confirm_overlay.text()
    tap(qtbot, tile(window, "confirm_no"))  # ✗: nothing happens
    assert page(window) == "staff_member"
    assert MemberDesk(factory).record(filled.ana_id).member.name == "Ana Lucía Quintero"
    tap(qtbot, tile(window, "staff_member_erase"))
    tap(qtbot, tile(window, "confirm_yes"))
    assert page(window) == "staff_members"
    assert "borraron" in window.message_overlay.text()
    engine = factory.kw["bind"]
    assert traces(engine, ["Ana Lucía", "Quintero", "6145554321", "6145551234", "Mateo"]) == []


def test_find_by_name_pages_the_results(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    factory = window.members._factory
    from kiosk.services.members import MemberService

    members = MemberService(factory)
    for i in range(8):
        members.register(f"María {chr(65 + i)} López", f"61455500{i:02d}", consent=True)
    members.register("Mariana Ruiz", "6145550099", consent=True)
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_members"))
    tap(qtbot, tile(window, "staff_members_name"))
    enter_words(qtbot, window.current_page().keyboard, "maria lo")
    assert page(window) == "staff_member_results"
    results = window.current_page()
    assert results.pager.page_count == 2
    assert tile(window, "staff_member_results_0").text() == "María A López\n•• •• •• 00 00"
    tap(qtbot, results.pager.next_button)
    assert [t.text().split("\n")[0] for t in results.tiles if t.isVisible()] == [
        "María G López",
        "María H López",
    ]
    tap(qtbot, tile(window, "staff_member_results_1"))
    assert page(window) == "staff_member"
    assert window.current_page().name_label.text() == "María H López"


def test_a_search_that_finds_nobody_says_so(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_members"))
    tap(qtbot, tile(window, "staff_members_name"))
    enter_words(qtbot, window.current_page().keyboard, "zoila")
    assert window.message_overlay.isVisible()
    assert page(window) == "staff_member_name"
    assert window.current_page().keyboard.text() == "Zoila"  # kept, to fix and try again


# --- the monthly report ---------------------------------------------------------------------


def test_report_shows_the_month_with_charts_and_exports(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    fill_month(window.members._factory)
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_reports"))
    report = window.current_page()
    assert page(window) == "staff_reports"
    today_month = Month.of(report.today())
    assert report.month == today_month
    assert not report.next.isEnabled()  # no months ahead
    while report.month > Month(2026, 10):
        tap(qtbot, report.previous)
    assert report.month_label.text() == "octubre de 2026"
    assert report.next.isEnabled()
    assert report.figure_labels["served"][1].text() == "4"
    assert report.figure_labels["hours"][1].text() == "6"  # the visit left open: to the 31st
    (_h, courses, _e), (_h2, referrals, _e2) = report.charts
    assert courses.isVisible() and referrals.isVisible()
    (bars,) = courses.chart().series()
    assert [s.label() for s in bars.barSets()] == ["Asistieron", "Inscritas"]  # bottom-up
    categories = courses.chart().axes(Qt.Orientation.Vertical)[0].categories()
    assert [c.replace("<br>", " ") for c in categories] == [
        "Costura en máquina",
        "Panadería básica",
    ]
    (outcomes,) = referrals.chart().series()
    assert sorted(outcomes.barSets()[0].at(i) for i in range(2)) == [1.0, 2.0]

    tap(qtbot, report.export)
    folder = window.settings.data_dir / "reports"
    assert (folder / "informe-2026-10.pdf").exists() and (folder / "informe-2026-10.csv").exists()
    assert str(folder) in window.message_overlay.text()
    window.message_overlay.hide()

    tap(qtbot, report.previous)  # September: no sessions, so no course chart, a sentence
    assert not courses.isVisible()
    assert report.charts[0][2].isVisible()
    tap(qtbot, report.next)  # October's bars again
    assert courses.isVisible() and not report.charts[0][2].isVisible()
    (bars,) = courses.chart().series()
    assert [s.label() for s in bars.barSets()] == ["Asistieron", "Inscritas"]


# --- settings -------------------------------------------------------------------------------


def settings_tile(qtbot, window: MainWindow, name: str) -> BigTile:  # type: ignore[no-untyped-def]
    settings_page = window.pages["staff_settings"]
    wanted_page, index = settings_page.tile_of(name)
    while settings_page.pager.page < wanted_page:
        tap(qtbot, settings_page.pager.next_button)
    return settings_page.tiles[index]


def test_idle_time_is_saved_and_applies_at_once(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_settings"))
    button = settings_tile(qtbot, window, "idle_seconds")
    assert button.text() == "Tiempo de espera\n60 s"
    tap(qtbot, button)
    assert page(window) == "staff_setting_idle_seconds"
    chosen = [t for t in window.current_page().tiles if t.isVisible() and t.text().startswith("✓")]
    assert [t.text() for t in chosen] == ["✓ 60 s"]
    (ninety,) = [t for t in window.current_page().tiles if t.text() == "90 s"]
    tap(qtbot, ninety)
    assert page(window) == "staff_settings"
    assert "desde ahora" in window.message_overlay.text()
    assert window.settings.idle_seconds == 90
    # Staff keep their own idle time while signed in; the next visit has the new one.
    window.message_overlay.hide()
    assert window.idle.idle_ms == window.settings.staff_idle_seconds * 1000
    tap(qtbot, tile(window, "nav_sign_out"))
    assert window.idle.idle_ms == 90_000
    file_settings = Settings.load(environ={})
    assert file_settings.idle_seconds == 90
    assert file_settings.data_dir != window.settings.data_dir  # the environment's was not saved
    import os

    assert os.stat(os.environ["KIOSK_SETTINGS_FILE"]).st_mode & 0o077 == 0


def test_station_and_childcare_count_at_the_next_start(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_settings"))
    tap(qtbot, settings_tile(qtbot, window, "station"))
    (childcare,) = [t for t in window.current_page().tiles if t.text() == "Guardería"]
    tap(qtbot, childcare)
    assert "vuelva a iniciar" in window.message_overlay.text()
    window.message_overlay.hide()
    assert Settings.load(environ={}).station == "childcare"

    tap(qtbot, settings_tile(qtbot, window, "childcare_capacity"))
    enter_digits(qtbot, window.current_page().keypad, "300")
    assert "0 a 200" in window.message_overlay.text()
    window.message_overlay.hide()
    window.current_page().keypad.clear()
    enter_digits(qtbot, window.current_page().keypad, "20")
    assert Settings.load(environ={}).childcare_capacity == 20
    window.message_overlay.hide()
    assert settings_tile(qtbot, window, "childcare_capacity").text() == "Lugares de guardería\n20"


def test_voice_and_touch_and_hear_apply_at_once(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.widgets import TOUCH_AND_HEAR_PROPERTY

    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_settings"))
    tap(qtbot, settings_tile(qtbot, window, "speech_volume"))
    (half,) = [t for t in window.current_page().tiles if t.text() == "50 %"]
    tap(qtbot, half)
    assert window.speaker.volume == 0.5
    window.message_overlay.hide()
    tap(qtbot, settings_tile(qtbot, window, "touch_and_hear"))
    (yes,) = [t for t in window.current_page().tiles if t.text() == "Sí"]
    tap(qtbot, yes)
    assert window.property(TOUCH_AND_HEAR_PROPERTY) is True
    assert Settings.load(environ={}).touch_and_hear is True


def test_a_setting_fixed_by_the_environment_cannot_change(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_PAPER", "letter")
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_settings"))
    tap(qtbot, settings_tile(qtbot, window, "paper"))
    assert page(window) == "staff_settings"
    assert "KIOSK_PAPER" in window.message_overlay.text()


def test_printers_offered_are_the_system_queues(qtbot, window: MainWindow, cups_server) -> None:  # type: ignore[no-untyped-def]
    name = cups_server.queue_name("ajustes")
    cups_server.add_pdf_queue(name)
    try:
        sign_in_staff(qtbot, window)
        tap(qtbot, desk_tile(qtbot, window, "desk_settings"))
        tap(qtbot, settings_tile(qtbot, window, "printer"))
        options = window.current_page()
        words = [t.text() for t in options.tiles if t.isVisible()]
        assert words[:2] == ["✓ Impresora predeterminada", "Guardar PDF"]
        while name not in words:
            tap(qtbot, options.pager.next_button)
            words = [t.text() for t in options.tiles if t.isVisible()]
        (queue,) = [t for t in options.tiles if t.isVisible() and t.text() == name]
        tap(qtbot, queue)
        assert window.settings.printer == name
        assert Settings.load(environ={}).printer == name
    finally:
        cups_server.remove_queue(name)


def test_back_up_now_from_the_settings(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_settings"))
    button = settings_tile(qtbot, window, "backup")
    assert "Todavía no hay respaldo" in button.text()
    with qtbot.waitSignal(window.backups.done, timeout=10_000) as done:
        tap(qtbot, button)
    written = Path(done.args[0])
    assert written.parent == window.settings.data_dir / "backups" and written.exists()
    assert "Respaldo guardado" in window.message_overlay.text()
    assert "Último" in settings_tile(qtbot, window, "backup").text()


# --- the daily backup -----------------------------------------------------------------------


def test_daily_backup_runs_when_due_and_keeps_n(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.settings.backup_keep = 2
    service = BackupService(window.members._factory, window.settings)
    folder = service.folder
    folder.mkdir(parents=True)
    old = datetime.now() - timedelta(days=3)
    for days in range(3):
        stamp = (old + timedelta(days=days) - timedelta(hours=1)).strftime("%Y%m%d-%H%M%S")
        (folder / f"kiosk-{stamp}.sqlite3").write_bytes(b"x")
    daily = DailyBackup(service)
    with qtbot.waitSignal(daily.done, timeout=10_000) as done:
        daily.start(first_check_ms=0)
    assert Path(done.args[0]).exists()
    assert len(list(folder.iterdir())) == 2  # the new one and the newest old one
    assert not service.due()
    daily.stop()


def test_paper_chosen_in_the_settings_is_the_next_slips(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, tmp_path, demo=True, printer="pdf")
    sign_in_staff(qtbot, win)
    tap(qtbot, desk_tile(qtbot, win, "desk_settings"))
    tap(qtbot, settings_tile(qtbot, win, "paper"))
    (letter,) = [t for t in win.current_page().tiles if t.text() == "Carta"]
    tap(qtbot, letter)
    win.message_overlay.hide()
    tap(qtbot, tile(win, "nav_sign_out"))
    open_jobs(qtbot, win)
    tap(qtbot, tile(win, "jobs_0"))
    tap(qtbot, tile(win, "jobs_list_0"))
    with qtbot.waitSignal(win.slip_desk.printed, timeout=60_000):
        tap(qtbot, tile(win, "job_print"))
    (pdf,) = (tmp_path / "data" / "slips").glob("*.pdf")
    width, height = page_size(pdf)
    assert (round(width), round(height)) == (612, 792)


def test_a_member_is_referred_from_her_record(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    factory = window.members._factory
    filled = fill_month(factory)
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_members"))
    tap(qtbot, tile(window, "staff_members_phone"))
    enter_digits(qtbot, window.current_page().keypad, "1234")
    assert page(window) == "staff_member"
    tap(qtbot, tile(window, "staff_member_refer"))
    # She is the one referred: staff now pick the program by its need.
    assert page(window) == "programs"
    assert window.visit.member is not None and window.visit.member.id == filled.ana_id
