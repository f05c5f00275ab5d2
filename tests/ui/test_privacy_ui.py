"""Privacy on the real window, as a woman and the staff would meet it: the simplified notice
with its pictures, read aloud, before she accepts; the mother's own yes before her child's
allergy is kept; at the desk, the whole notice and "her data" printed."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QScrollBar
from sqlalchemy import func, select

from kiosk.data.models import Child, Member
from kiosk.services.privacy import PrivacyService
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.pdfs import pdf_text
from tests.staff_data import fill_month
from tests.ui.helpers import (
    desk_tile,
    enter_digits,
    enter_words,
    make_window,
    page,
    tap,
    tile,
    type_digits,
)
from tests.ui.test_childcare_ui import PHONE, childcare_window, start_shift
from tests.ui.test_staff_desk_ui import settings_tile, sign_in_staff

ADDRESS = "Calle Ignacio Zaragoza 12, Santa Eulalia, Aquiles Serdán, Chihuahua"
PRINT_WAIT_MS = 60_000


def members(window: MainWindow) -> list[Member]:
    with window.members._factory() as s:
        return list(s.scalars(select(Member)))


def to_privacy(qtbot, window: MainWindow, spoken: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Phone not found, "yes, sign me up", her name: the notice opens, and what is said from
    then on is recorded."""
    tap(qtbot, tile(window, "tile_member"))
    type_digits(qtbot, window.pages["signin"].keypad, "6145550202")
    tap(qtbot, window.pages["signin"].keypad.submit_button)
    tap(qtbot, tile(window, "confirm_yes"))
    window.speaker.spoken.connect(spoken.append)
    enter_words(qtbot, window.pages["register_name"].keyboard, "lupe soto")
    assert page(window) == "register_privacy"


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_the_simplified_notice_shows_pictures_speaks_and_records_the_version(
    qtbot, tmp_path: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, centre_address=ADDRESS)
    window.resize(*size)
    spoken: list[str] = []
    to_privacy(qtbot, window, spoken)
    QApplication.processEvents()
    assert (window.width(), window.height()) == size  # the page fits the screen
    privacy_page = window.current_page()
    # Six parts, each a picture and a few words, all on screen.
    pictures = [
        label
        for label in privacy_page.notice.findChildren(QLabel)
        if label.pixmap() is not None and not label.pixmap().isNull() and label.isVisible()
    ]
    assert len(pictures) == 6
    for name, words in privacy_page.parts.items():
        assert words.isVisible() and words.text(), name
        assert words.heightForWidth(words.width()) <= words.height(), name  # nothing cut off
    assert ADDRESS in privacy_page.parts["privacy_who"].text()
    assert "mesa del personal" in privacy_page.parts["privacy_whole"].text()
    assert not [bar for bar in window.findChildren(QScrollBar) if bar.isVisible()]
    choices = [
        t for t in privacy_page.findChildren(BigTile) if t.isVisible() and t.property("kioskChoice")
    ]
    assert len(choices) <= 6
    # The short version is read aloud as the page opens.
    said = " ".join(spoken)
    assert f"Somos CENESO Aquiles Serdán, en {ADDRESS}" in said
    assert "no vendemos ni compartimos tus datos" in said
    assert said.rstrip().endswith("¿Estás de acuerdo?")

    tap(qtbot, tile(window, "answer_yes"))
    (member,) = members(window)
    shown = privacy_page.privacy.current()
    assert member.privacy_consent_at is not None
    assert member.privacy_notice_id == shown.id
    assert ADDRESS in shown.text  # the version she accepted names the centre's address


def test_declining_the_notice_keeps_nothing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    to_privacy(qtbot, window, [])
    tap(qtbot, tile(window, "answer_no"))
    assert page(window) == "home"
    assert members(window) == []
    assert window.visit.is_empty


def test_without_the_mothers_yes_the_allergy_is_not_kept(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = childcare_window(qtbot, tmp_path)
    start_shift(qtbot, window)
    tap(qtbot, tile(window, "childcare_new_tile"))
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, PHONE)
    tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    enter_words(qtbot, window.pages["childcare_new_name"].keyboard, "lucía torres")
    tap(qtbot, tile(window, "childcare_birth_done"))
    tap(qtbot, tile(window, "childcare_new_allergy_1"))  # has an allergy
    assert page(window) == "childcare_new_consent"
    statement = window.pages["childcare_new_consent"].statement.text()
    assert "dato sensible" in statement and "voluntarias" in statement
    tap(qtbot, tile(window, "childcare_consent_no"))
    assert page(window) == "childcare_new_people"  # the allergy is not asked for
    assert "No guardamos su alergia" in window.message_overlay.text()
    tap(qtbot, tile(window, "message_ok"))
    assert "ALERGIA" not in window.pages["childcare_new_people"].summary.text()
    tap(qtbot, tile(window, "childcare_new_save"))
    with window.members._factory() as s:
        lucia = s.scalar(select(Child).where(Child.name.like("%ucía%")))
        assert lucia is not None
        assert (lucia.has_allergy, lucia.medical_note, lucia.health_consent_at) == (
            False,
            "",
            None,
        )


def test_her_data_is_printed_from_her_record(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf")
    filled = fill_month(window.members._factory)
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_members"))
    tap(qtbot, tile(window, "staff_members_phone"))
    enter_digits(qtbot, window.current_page().keypad, "1234")
    assert page(window) == "staff_member"
    choices = [t for t in window.current_page().findChildren(BigTile) if t.isVisible()]
    assert len(choices) <= 6
    tap(qtbot, tile(window, "staff_member_data"))
    assert page(window) == "staff_member_privacy"
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "staff_member_print_data"))
    (printed,) = (tmp_path / "data" / "slips").glob("my_data-*.pdf")
    text = pdf_text(printed)
    for hers in (filled.ana_name, filled.child_name, filled.pickup_name, "Pan de Ana Lucía"):
        assert hers in text, hers
    for someone_else in ("Berta", "Tortillas", "Sofía Ríos"):
        assert someone_else not in text, someone_else
    assert window.staff_service.audit_count("member.access") == 1
    tap(qtbot, tile(window, "message_ok"))
    # She withdraws her permission for her child's allergy: asked first, then gone.
    tap(qtbot, tile(window, "staff_member_withdraw_health"))
    assert "Mateo" not in window.confirm_overlay.text()  # her children, not named to others
    tap(qtbot, tile(window, "confirm_yes"))
    assert page(window) == "staff_member"
    assert "alergia" not in window.current_page().details()


def test_staff_read_print_and_edit_the_whole_notice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, printer="pdf", centre_address=ADDRESS)
    sign_in_staff(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_settings"))
    tap(qtbot, settings_tile(qtbot, window, "privacy_notice"))
    assert page(window) == "staff_privacy_notice"
    notice_page = window.current_page()
    assert notice_page.pager.page_count > 3  # the notice, a screen at a time
    seen = []
    for _screen in range(notice_page.pager.page_count):
        text = notice_page.text
        assert text.heightForWidth(text.width()) <= text.height(), text.text()[:40]
        seen.append(text.text())
        if notice_page.pager.next_button.isEnabled():
            tap(qtbot, notice_page.pager.next_button)
    whole = " ".join(seen)
    assert ADDRESS in whole and "ARCO" in whole and "DATOS PERSONALES SENSIBLES" in whole
    assert not [bar for bar in window.findChildren(QScrollBar) if bar.isVisible()]

    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "staff_privacy_print"))
    (printed,) = (tmp_path / "data" / "slips").glob("privacy_notice-*.pdf")
    text = pdf_text(printed)
    assert ADDRESS in text and "(ARCO)" in text and "Datos personales sensibles" in text

    first = notice_page.notice
    assert first is not None
    tap(qtbot, tile(window, "staff_privacy_file"))
    edited = tmp_path / "data" / "aviso-de-privacidad.md"
    assert "{centre_address}" in edited.read_text("utf-8")
    saved = tomllib.loads((tmp_path / "settings.toml").read_text("utf-8"))["kiosk"]
    assert saved["privacy_notice_file"] == str(edited)
    tap(qtbot, tile(window, "message_ok"))
    edited.write_text(
        edited.read_text("utf-8") + "\nLos sábados la mesa abre de 10:00 a 12:00.\n", "utf-8"
    )
    notice_page.entered()  # as when she opens the page again
    assert notice_page.notice is not None and notice_page.notice.id != first.id
    assert str(edited) in notice_page.about.text()
    service = PrivacyService(window.members._factory, window.settings)
    assert "Los sábados la mesa abre" in service.current().text
    with window.members._factory() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 0


def test_the_notice_is_cut_into_screens_without_losing_a_word() -> None:
    from kiosk.services.privacy import TEMPLATE_FILE
    from kiosk.ui.areas.staff.privacy_page import PAGE_CHARS, screens

    text = TEMPLATE_FILE.read_text("utf-8")
    cut = screens(text)
    shown = " ".join(re.sub(r"(^|\n)• ", r"\1", " \n".join(cut)).split())
    for block in text.split("\n\n"):
        for line in block.splitlines():
            line = line.lstrip("#- ").strip()
            for sentence in line.split(". "):
                sentence = " ".join(sentence.split())
                assert sentence in shown or sentence.upper() in shown, sentence
    # Each screen: its section's heading (upper case) and at most about a screenful.
    assert all(len(screen) <= PAGE_CHARS + 200 for screen in cut)
    assert all(screen.split("\n\n")[0].isupper() for screen in cut)
