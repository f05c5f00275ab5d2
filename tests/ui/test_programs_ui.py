"""Programas from the window, driven by taps: home → Programas → a need → a program (3 taps) with
its papers as pictures and Hear it all; an imported HSDS service shows there too; staff refer a
member (her sign-in, a reason, a follow-up day) and the slip's PDF holds her name, the program,
its phone and the papers; the follow-up list records the outcome; programs to confirm."""

from __future__ import annotations

import itertools
from datetime import time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.data import hsds
from kiosk.i18n import _, centre_today
from kiosk.services.programs import ProgramNeed, ReferralStatus, level_word
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from kiosk.words import DOCUMENT_WORDS, format_phone
from tests.pdfs import pdf_text
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    enter_digits,
    enter_words,
    make_window,
    sign_in_member,
    tap,
    tile,
)

PRINT_WAIT_MS = 60_000
PHONE = "6145550177"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path, demo=True, printer="pdf")


def shown_documents(window: MainWindow) -> list[str]:
    page = window.pages["program_detail"]
    return [
        label.text()
        for box in page.bring_widgets
        if box.isVisible()
        for label in box.findChildren(QLabel, "program_document_words")
    ]


def open_need(qtbot, window: MainWindow, need: ProgramNeed) -> None:  # type: ignore[no-untyped-def]
    """From home: Programas, then the need's picture (paging to it when it is on page 2)."""
    tap(qtbot, tile(window, "tile_programs"))
    index = list(ProgramNeed).index(need)
    if index >= 6:
        tap(qtbot, tile(window, "pager_next"))
    tap(qtbot, tile(window, f"programs_{index % 6}"))
    assert window.current_page().objectName() == "programs_list"


def test_a_member_finds_a_program_by_need_in_three_taps(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    service = window.programs.programs
    tap(qtbot, tile(window, "tile_programs"))  # 1
    assert window.current_page().objectName() == "programs"
    counts = service.need_counts()
    first = tile(window, "programs_0")
    assert first.icon_name == "need.negocio"
    assert first.text() == f"{_('Money for my business')} {counts[ProgramNeed.BUSINESS_MONEY]}"
    tap(qtbot, first)  # 2
    assert window.current_page().objectName() == "programs_list"
    card = window.pages["programs_list"].cards[0]
    with qtbot.waitSignal(
        window.speaker.spoken, check_params_cb=lambda t: t.startswith(card.name[:20])
    ):
        tap(qtbot, tile(window, "programs_list_0"))  # 3
    assert window.current_page().objectName() == "program_detail"
    program = service.get(card.id)
    words = [_(DOCUMENT_WORDS[code]) for code in program.required_documents]
    assert words and shown_documents(window) == words
    assert window.findChild(QLabel, "program_phone").text() == format_phone(program.phone)
    # Staff-only parts stay hidden from her.
    assert not window.findChild(BigTile, "program_refer").isVisible()
    assert not window.findChild(QLabel, "program_stale").isVisible()
    with qtbot.waitSignal(window.speaker.spoken) as said:
        tap(qtbot, tile(window, "program_listen"))
    heard = said.args[0]
    assert program.name in heard and format_phone(program.phone) in heard
    assert all(word in heard for word in words)


def test_the_level_is_shown_on_the_program_not_asked(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "tile_programs"))
    # The needs alone: no federal / state / municipal row to choose from.
    assert not [t for t in window.findChildren(BigTile) if t.objectName().startswith("level_")]
    everything = window.programs.programs.need_counts()
    words = _("Money for my business")
    total = everything[ProgramNeed.BUSINESS_MONEY]
    assert tile(window, "programs_0").text() == f"{words} {total}"
    tap(qtbot, tile(window, "programs_0"))
    page = window.pages["programs_list"]
    # Every level is listed, each card with the picture of its own.
    levels = set()
    for index, card in enumerate(page.cards):
        shown = tile(window, f"programs_list_{index}")
        assert shown.flags == [f"level.{card.level.value}"]  # type: ignore[attr-defined]
        levels.add(card.level.value)
    assert len(levels) > 1
    card = page.cards[0]
    tap(qtbot, tile(window, "programs_list_0"))
    level = window.findChild(QLabel, "program_level")
    assert level.isVisible()
    assert level.accessibleName() == level_word(card.level)
    assert level_word(card.level) in window.findChild(QLabel, "program_organization").text()


def test_needs_on_the_second_page_and_the_idle_reset(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_need(qtbot, window, ProgramNeed.FOOD)
    assert window.title_label.text() == _("Food")
    tap(qtbot, tile(window, "programs_list_0"))
    assert window.pages["program_detail"].program is not None
    window.forget_and_go_home()
    assert window.pages["program_detail"].program is None
    assert window.pages["programs"].pager.page == 0


def test_an_imported_hsds_service_shows_with_its_papers(
    qtbot, window: MainWindow, hsds_data: Path
) -> None:  # type: ignore[no-untyped-def]
    schemas = hsds.Schemas(hsds_data / "schema")
    factory = window.members._factory
    hsds.import_path(factory, hsds_data / "examples" / "service_full.json", schemas)
    open_need(qtbot, window, ProgramNeed.HEALTH)
    page = window.pages["programs_list"]
    while "Community Counselling" not in [c.name for c in page.cards]:
        tap(qtbot, tile(window, "pager_next"))
    index = [c.name for c in page.cards].index("Community Counselling")
    tap(qtbot, tile(window, f"programs_list_{index}"))
    detail = window.pages["program_detail"]
    assert window.title_label.text() == "Community Counselling"
    # Its one paper is a long text: shown cut under the ID picture it speaks of, said whole.
    (words,) = shown_documents(window)
    assert words.startswith("Any official") and words.endswith("…")
    (box,) = [b for b in detail.bring_widgets if b.isVisible()]
    assert box.findChild(QLabel).accessibleName() == "doc.ine"
    with qtbot.waitSignal(window.speaker.spoken) as said:
        tap(qtbot, tile(window, "program_listen"))
    assert "Any official identification document (Passport" in said.args[0]
    assert "+44 1234 234567" in said.args[0]


# --- staff: the referral ----------------------------------------------------------------------


def test_staff_refer_a_member_and_the_slip_holds_what_she_needs(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    member = window.members.register("Rosa Elvia Chávez", PHONE, consent=True)
    as_staff(window)
    open_need(qtbot, window, ProgramNeed.LEGAL)
    card = window.pages["programs_list"].cards[0]
    tap(qtbot, tile(window, "programs_list_0"))
    program = window.programs.programs.get(card.id)
    tap(qtbot, tile(window, "program_refer"))
    # Who is she? Her phone on the keypad, "¿Eres Rosa?", yes.
    sign_in_member(qtbot, window, PHONE)
    assert window.current_page().objectName() == "program_refer_reason"
    reason = tile(window, "program_refer_reason_0")
    assert reason.icon_name == "need.legal"
    assert reason.text() == _("She needs legal advice")
    tap(qtbot, reason)
    assert window.current_page().objectName() == "program_refer_when"
    assert tile(window, "program_refer_when_1").text() == _("In 2 weeks")
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "program_refer_when_1"))
    assert window.current_page().objectName() == "program_referred"
    (referral,) = window.programs.programs.member_referrals(member.id)
    assert referral.follow_up_on == centre_today() + timedelta(days=14)
    assert referral.reason == _("She needs legal advice")
    assert referral.status is ReferralStatus.NOT_UPDATED
    (pdf,) = (tmp_path / "data" / "slips").glob("referral-*.pdf")
    text = pdf_text(pdf)
    assert "Rosa Elvia Chávez" in text
    assert program.name in text
    assert format_phone(program.phone) in text
    for code in program.required_documents:
        assert _(DOCUMENT_WORDS[code]) in text, code
    assert _("She needs legal advice") in text
    # "Otra vez" prints the same slip again.
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "program_referred_again"))
    assert len(window.programs.programs.member_referrals(member.id)) == 1


def test_a_typed_reason_and_a_signed_in_member_skip_the_phone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    member = window.members.register("Rosa Elvia Chávez", PHONE, consent=True)
    window.visit.member = member
    as_staff(window)
    open_need(qtbot, window, ProgramNeed.HOUSING)
    tap(qtbot, tile(window, "programs_list_0"))
    tap(qtbot, tile(window, "program_refer"))
    assert window.current_page().objectName() == "program_refer_reason"
    tap(qtbot, tile(window, "program_refer_reason_5"))
    enter_words(qtbot, window.pages["program_refer_text"].keyboard, "techo")
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "program_refer_when_0"))
    (referral,) = window.programs.programs.member_referrals(member.id)
    assert referral.reason.lower() == "techo"
    assert referral.follow_up_on == centre_today() + timedelta(days=7)


def test_members_never_see_refer_and_staff_see_information_to_confirm(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    service = window.programs.programs
    stale = service.staff_list(stale_only=True).cards[0]
    window.programs.show_program(stale.id)
    assert not window.findChild(QLabel, "program_stale").isVisible()
    as_staff(window)
    window.programs.show_program(stale.id)
    label = window.findChild(QLabel, "program_stale")
    assert label.isVisible() and label.text() == _("Information to be confirmed")
    assert tile(window, "program_refer").isVisible()


# --- staff: follow-up and the programs to confirm ---------------------------------------------


def open_desk(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    as_staff(window)
    window.open("staff_desk")
    QApplication.processEvents()


def test_the_follow_up_list_records_outcomes(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    service = window.programs.programs
    due = service.due_referrals()
    assert len(due) == service.due_count() >= 1
    open_desk(qtbot, window)
    desk = desk_tile(qtbot, window, "desk_referrals")
    assert desk.text() == _("Follow-up: {count}").format(count=len(due))
    tap(qtbot, desk)
    assert window.current_page().objectName() == "staff_referrals"
    assert due[0].member_name in tile(window, "staff_referrals_0").text()
    tap(qtbot, tile(window, "staff_referrals_0"))
    assert window.current_page().objectName() == "staff_referral"
    details = window.findChild(QLabel, "staff_referral_details").text()
    assert due[0].member_name in details and format_phone(due[0].member_phone) in details
    # Pending keeps the loop open: when to call again.
    tap(qtbot, tile(window, "staff_referral_1"))
    assert window.current_page().objectName() == "staff_referral_when"
    tap(qtbot, tile(window, "staff_referral_when_2"))
    assert window.current_page().objectName() == "staff_referrals"
    again = service.referral(due[0].id)
    assert again.status is ReferralStatus.PENDING
    assert again.follow_up_on == centre_today() + timedelta(days=30)
    assert service.due_count() == len(due) - 1


def test_an_outcome_on_the_second_page_closes_the_loop(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    service = window.programs.programs
    due = service.due_referrals()
    open_desk(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_referrals"))
    tap(qtbot, tile(window, "staff_referrals_0"))
    tap(qtbot, tile(window, "pager_next"))
    last = tile(window, "staff_referral_0")
    assert last.text() == _("No longer interested")
    tap(qtbot, last)
    assert window.message_overlay.isVisible()
    assert service.referral(due[0].id).status is ReferralStatus.NOT_INTERESTED
    assert service.due_count() == len(due) - 1


def test_staff_confirm_a_program_to_confirm(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    service = window.programs.programs
    stale = service.stale_count()
    assert stale >= 1
    open_desk(qtbot, window)
    desk = desk_tile(qtbot, window, "desk_programs")
    assert desk.text() == _("Programs\nTo confirm: {count}").format(count=stale)
    tap(qtbot, desk)
    assert window.current_page().objectName() == "staff_programs"
    first = tile(window, "staff_programs_0")
    assert _("To confirm") in first.text()
    tap(qtbot, first)
    tap(qtbot, tile(window, "staff_program_confirm"))
    assert service.stale_count() == stale - 1


def test_staff_add_a_program_step_by_step(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    service = window.programs.programs
    before = service.need_counts()[ProgramNeed.FOOD]
    open_desk(qtbot, window)
    tap(qtbot, desk_tile(qtbot, window, "desk_programs"))
    tap(qtbot, tile(window, "staff_programs_new"))

    def write(text: str) -> None:
        page = window.current_page()
        page.keyboard.set_text(text)
        tap(qtbot, page.keyboard.submit_button)

    write("Comedor de la colonia")
    write("Parroquia San José")
    tap(qtbot, tile(window, "pager_next"))
    tap(qtbot, tile(window, "staff_program_need_1"))  # alimentos, second on page 2
    tap(qtbot, tile(window, "staff_program_level_3"))  # an organization
    write("Comida caliente a mediodía")
    write("Cualquier vecina")
    tap(qtbot, tile(window, "staff_program_doc_ine"))
    tap(qtbot, tile(window, "staff_program_doc_curp"))
    tap(qtbot, tile(window, "staff_program_docs_done"))
    enter_digits(qtbot, window.current_page().keypad, "6145550123")
    write("Calle Juárez")
    enter_digits(qtbot, window.current_page().keypad, "4")
    write("Santa Eulalia")
    tap(qtbot, tile(window, "staff_program_when_1"))
    assert window.current_page().objectName() == "staff_program_review"
    tap(qtbot, tile(window, "staff_program_save"))
    assert window.current_page().objectName() == "staff_program"
    assert service.need_counts()[ProgramNeed.FOOD] == before + 1
    saved = service.staff_get(window.program_desk.program_id)
    assert saved.name == "Comedor de la colonia"
    assert (saved.organization, saved.address) == ("Parroquia San José", "Calle Juárez 4")
    assert saved.schedule == "Lunes a viernes 9:00 a 15:00"
    assert (saved.opens_at, saved.closes_at) == (time(9), time(15))
    assert saved.required_documents == ("ine", "curp")
    assert saved.phone == "6145550123" and not saved.stale


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768), (1920, 1080)])
def test_program_pages_with_data_follow_the_rules(
    qtbot, window: MainWindow, hsds_data: Path, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    """Every program's page (the imported one with its long texts too), seen by staff so the
    extra parts show, fits the screen with big, separate targets."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QScrollBar

    from tests.ui.test_shell import _gap

    schemas = hsds.Schemas(hsds_data / "schema")
    hsds.import_path(window.members._factory, hsds_data / "examples" / "service_full.json", schemas)
    as_staff(window)
    window.resize(width, height)
    service = window.programs.programs

    def check(step: str) -> None:
        QApplication.processEvents()
        assert window.size().width() == width and window.size().height() == height, step
        assert not [s for s in window.findChildren(QScrollBar) if s.isVisible()], step
        buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
        assert len([b for b in buttons if b.property("kioskChoice")]) <= 6, step
        rects = {}
        for button in buttons:
            assert min(button.width(), button.height()) >= 96, f"{step}/{button.objectName()}"
            rects[button.objectName()] = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
            assert _gap(ra, rb) >= 12, f"{step}: {a} and {b} are too close"

    window.open("programs")
    check("programs")
    for need in ProgramNeed:
        window.programs.list.choose(need)
        window.open("programs_list")
        check(f"programs_list {need.value}")
        for page in range(service.list_programs(need).page_count):
            for card in service.list_programs(need, page=page).cards:
                window.programs.show_program(card.id)
                check(f"program_detail {card.name}")
    # The staff's pages with data: the lists, one referral, one program, the referral steps.
    for name in ("staff_referrals", "staff_programs", "program_refer_reason", "program_refer_when"):
        window.open(name)
        check(name)
    window.program_desk.show_referral(service.due_referrals()[0].id)
    check("staff_referral")
    window.program_desk.show_program(service.staff_list().cards[0].id)
    check("staff_program")


def test_from_a_members_record_staff_pick_the_program(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    member = window.members.register("Rosa Elvia Chávez", PHONE, consent=True)
    as_staff(window)
    window.programs.refer_member(member)
    assert window.current_page().objectName() == "programs"
    tap(qtbot, tile(window, "programs_1"))
    tap(qtbot, tile(window, "programs_list_0"))
    tap(qtbot, tile(window, "program_refer"))
    assert window.current_page().objectName() == "program_refer_reason"  # no sign-in again
    tap(qtbot, tile(window, "program_refer_reason_1"))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "program_refer_when_2"))
    (referral,) = window.programs.programs.member_referrals(member.id)
    assert referral.reason == _("She asked about this program")
    assert referral.need is ProgramNeed.SAVINGS_CREDIT


def test_idle_forgets_a_referral_half_made(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, demo=True)
    directory = window.programs
    directory.program_id, directory.reason, directory.number = 1, "Necesita un crédito", "123"
    window.forget_and_go_home()
    assert (directory.program_id, directory.reason, directory.number) == (None, "", None)


# --- what an imported directory brings: languages, places served, contacts ----------------

HUERTOS = "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f10"


def huertos_service() -> dict[str, object]:
    """A state program as a Chihuahua directory would publish it in HSDS 3.0."""
    return {
        "id": HUERTOS,
        "name": "Huertos familiares",
        "description": "Semillas y herramientas para sembrar en casa.",
        "status": "active",
        "organization": {
            "id": "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f11",
            "name": "Secretaría de Desarrollo Rural del Estado",
            "description": "",
        },
        "schedules": [
            {
                "id": "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f12",
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "09:00",
                "closes_at": "14:00",
            }
        ],
        "languages": [
            {"id": "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f13", "name": "Spanish", "code": "es"},
            {"id": "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f14", "name": "Rarámuri", "code": "tar"},
        ],
        "service_areas": [
            {"id": "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f15", "name": "Aquiles Serdán"},
            {"id": "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f16", "name": "Chihuahua"},
        ],
        "contacts": [
            {
                "id": "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f17",
                "name": "Lucía Chaparro",
                "title": "Promotora",
                "phones": [
                    {"id": "7a0e6c1e-4b8f-4c1e-9d55-0b6d1d9a2f18", "number": "614 555 0199"}
                ],
            }
        ],
    }


def test_a_program_shows_its_languages_and_the_places_it_serves(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import json

    path = tmp_path / "huertos.json"
    path.write_text(json.dumps([huertos_service()]), encoding="utf-8")
    hsds.import_path(window.members._factory, path, hsds.Schemas())
    open_need(qtbot, window, ProgramNeed.TRAINING)
    page = window.pages["programs_list"]
    while "Huertos familiares" not in [c.name for c in page.cards]:
        tap(qtbot, tile(window, "pager_next"))
    tap(
        qtbot,
        tile(window, f"programs_list_{[c.name for c in page.cards].index('Huertos familiares')}"),
    )
    detail = window.pages["program_detail"]
    rows = {key: detail.rows[key] for key in ("languages", "areas", "when")}
    for picture, label in rows.values():
        assert picture.isVisible() and label.isVisible()
    # Names in Spanish where the kiosk knows the code; as written where it does not.
    assert rows["languages"][1].text() == "Español y Rarámuri"
    assert rows["areas"][1].text() == "Aquiles Serdán, Chihuahua"
    assert rows["when"][1].text().endswith("09:00 – 14:00")
    with qtbot.waitSignal(window.speaker.spoken) as said:
        tap(qtbot, tile(window, "program_listen"))
    assert "Aquiles Serdán, Chihuahua" in said.args[0]
    assert "Español y Rarámuri" in said.args[0]
    # A program without them shows neither row.
    other = window.programs.programs.list_programs(ProgramNeed.TRAINING).cards[0]
    if other.name != "Huertos familiares":
        window.programs.show_program(other.id)
        assert not detail.rows["languages"][1].isVisible()
        assert not detail.rows["areas"][1].isVisible()
    # Staff see them on the program's desk page, with who to ask for.
    as_staff(window)
    service = window.programs.programs
    card = next(c for c in service.staff_list(per_page=500).cards if c.name == "Huertos familiares")
    window.program_desk.show_program(card.id)
    text = window.pages["staff_program"].details.text()
    assert "Español y Rarámuri · Aquiles Serdán, Chihuahua" in text
    assert "Lucía Chaparro · Promotora · 614 555 0199" in text
