"""The childcare station driven by taps, as a volunteer on her shift would: PIN, children in by
the mother's phone, the room board, a wrong code refused, the right code (typed or scanned)
hands them over; a person not allowed turns the screen red and alerts the desk; a lost stub is
reprinted with the same code; a new child is registered on the spot."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.app import init_database
from kiosk.data.models import (
    Child,
    Enrollment,
    EnrollmentStatus,
    Member,
    PickupPerson,
    StaffRole,
    Training,
    TrainingSession,
    utcnow,
)
from kiosk.i18n import centre_today
from kiosk.services.staff import StaffService
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.pdfs import pdf_text
from tests.ui.helpers import (
    desk_tile,
    enter_words,
    kiosk_settings,
    open_window,
    sign_in_at_desk,
    tap,
    tile,
    tile_showing,
    type_digits,
)

PRINT_WAIT_MS = 60_000
PHONE = "6145550101"


def add_ana_and_her_children(factory) -> None:  # type: ignore[no-untyped-def]
    """Ana with Sofía (4, allergic to peanuts; her father Jorge may not take her) and Mateo
    (7); Carmen may take both."""
    today = centre_today()
    with factory.begin() as s:
        mother = Member(name="Ana Torres Gil", phone=PHONE)
        s.add(mother)
        s.flush()
        sofia = Child(
            guardian_id=mother.id,
            name="Sofía Torres",
            birth_date=today - timedelta(days=4 * 365 + 60),
            has_allergy=True,
            medical_note="Alergia al cacahuate",
        )
        mateo = Child(
            guardian_id=mother.id,
            name="Mateo Torres",
            birth_date=today - timedelta(days=7 * 365 + 90),
        )
        s.add_all([sofia, mateo])
        s.flush()
        s.add(PickupPerson(child_id=sofia.id, name="Jorge Ramírez", allowed=False))
        s.add(PickupPerson(child_id=sofia.id, name="Carmen Rivas", allowed=True))
        s.add(PickupPerson(child_id=mateo.id, name="Carmen Rivas", allowed=True))


def childcare_window(qtbot, tmp_path: Path, station: str = "childcare") -> MainWindow:  # type: ignore[no-untyped-def]
    """The station with Ana's children, the volunteer Lupe (PIN 5566) and Irma of the staff."""
    settings = kiosk_settings(tmp_path / "data", printer="pdf", station=station)
    context = init_database(settings)
    add_ana_and_her_children(context.session_factory)
    staff = StaffService(context.session_factory)
    staff.add("Lupe Cano", StaffRole.VOLUNTEER, "5566")
    staff.add("Irma Villa", StaffRole.STAFF, "482913")
    window = open_window(qtbot, settings, context)
    # Like most stations (and CI): no webcam, whatever this machine has plugged in.
    window.childcare.camera.probe = lambda: False
    return window


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return childcare_window(qtbot, tmp_path)


def close_message(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    assert window.message_overlay.isVisible()
    text = window.message_overlay.text()
    tap(qtbot, tile(window, "message_ok"))
    return text


def start_shift(qtbot, window: MainWindow, name: str = "Lupe Cano", pin: str = "5566") -> None:  # type: ignore[no-untyped-def]
    assert window.current_page().objectName() == "childcare"
    tap(qtbot, tile_showing(window, "childcare_person_", name))
    assert window.current_page().objectName() == "childcare_pin"
    type_digits(qtbot, window.pages["childcare_pin"].keypad, pin)
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "turno" in t):
        tap(qtbot, window.pages["childcare_pin"].keypad.submit_button)
    assert window.current_page().objectName() == "childcare"
    assert tile(window, "childcare_shift").text() == "Terminar turno"


def check_in_both(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    """Children in: her phone, both children, and the slip printed; returns the code."""
    tap(qtbot, tile(window, "childcare_in"))
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, PHONE)
    tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    assert window.current_page().objectName() == "childcare_children"
    assert window.title_label.text() == "Niños de Ana"
    go = tile(window, "childcare_children_go")
    assert not go.isEnabled()  # nobody chosen yet
    for name in ("Mateo", "Sofía"):
        tap(qtbot, tile_showing(window, "childcare_child_", name))
    assert tile_showing(window, "childcare_child_", "Sofía").text().endswith("ALERGIA")
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, go)
    assert window.current_page().objectName() == "childcare_checked_in"
    page = window.pages["childcare_checked_in"]
    code = page.code.digits.text()
    assert code.isdigit()
    assert page.names.text() == "Mateo, Sofía"
    assert code in window.speaker.last_phrase or code in page.purpose()
    tap(qtbot, tile(window, "childcare_checked_in_done"))
    return code


def board_names(window: MainWindow) -> list[str]:
    page = window.pages["childcare_room"]
    return [card.name.text() for card in page.cards if card.isVisible()]


def type_code(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    page = window.pages["childcare_checkout"]
    type_digits(qtbot, page.keypad, code)
    tap(qtbot, page.keypad.submit_button)


def test_a_full_shift(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start_shift(qtbot, window)
    code = check_in_both(qtbot, window)
    (pdf,) = (tmp_path / "data" / "slips").glob("pickup-*.pdf")
    text = pdf_text(pdf)
    assert text.split().count(code) == 3  # the stub and the two labels
    # The board shows them, with Sofía's allergy.
    assert tile(window, "childcare_room_tile").text() == "El salón: 2"
    tap(qtbot, tile(window, "childcare_room_tile"))
    assert board_names(window) == ["Mateo Torres · 7 años", "Sofía Torres · 4 años"]
    flags = [c.flags.text() for c in window.pages["childcare_room"].cards if c.isVisible()]
    assert flags[1] == "ALERGIA: Alergia al cacahuate"
    assert "Niños: 2 de 15" in window.pages["childcare_room"].counts.text()
    tap(qtbot, tile(window, "nav_back"))
    # A wrong code: refused, spoken, and nobody leaves.
    tap(qtbot, tile(window, "childcare_out"))
    wrong = "98" if code != "98" else "97"
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "no es correcto" in t):
        type_code(qtbot, window, wrong)
    close_message(qtbot, window)
    assert window.current_page().objectName() == "childcare_checkout"
    assert window.childcare.service.room().count == 2
    # The right code: both children and their mother; ✓ hands them over.
    type_code(qtbot, window, code)
    assert window.current_page().objectName() == "childcare_pickup"
    assert window.title_label.text().startswith(f"Código {code}")
    mother = tile_showing(window, "childcare_pickup_", "Mamá: Ana Torres Gil")
    tap(qtbot, mother)
    assert "¿Entregar a Mateo, Sofía a Ana Torres Gil?" in window.confirm_overlay.text()
    tap(qtbot, tile(window, "confirm_yes"))
    assert close_message(qtbot, window) == "Mateo y Sofía se fueron con Ana."
    assert window.current_page().objectName() == "childcare"
    assert window.childcare.service.room().count == 0
    tap(qtbot, tile(window, "childcare_room_tile"))
    assert board_names(window) == []
    assert window.pages["childcare_room"].empty.isVisible()
    # End of the shift: nobody is signed in at the station any more.
    tap(qtbot, tile(window, "nav_back"))
    tap(qtbot, tile(window, "childcare_shift"))
    tap(qtbot, tile(window, "confirm_yes"))
    assert window.staff_user is None
    assert window.childcare.service.on_shift() == []
    assert tile_showing(window, "childcare_person_", "Lupe Cano").isVisible()


def test_a_scanned_stub_is_typed_digits_and_enter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    start_shift(qtbot, window)
    check_in_both(qtbot, window)
    number = window.childcare.state.number or window.childcare.service.issue_slip(
        window.childcare.service.open_codes()[0].id
    )
    tap(qtbot, tile(window, "childcare_out"))
    keypad = window.pages["childcare_checkout"].keypad
    assert keypad.hasFocus() or keypad.isVisible()
    qtbot.keyClicks(keypad, number)
    qtbot.keyClick(keypad, Qt.Key.Key_Return)
    assert window.current_page().objectName() == "childcare_pickup"


def test_a_person_not_allowed_turns_the_screen_red(
    qtbot, tmp_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    start_shift(qtbot, window)
    code = check_in_both(qtbot, window)
    tap(qtbot, tile(window, "childcare_out"))
    type_code(qtbot, window, code)
    jorge = tile_showing(window, "childcare_pickup_", "NO autorizada: Jorge Ramírez")
    assert jorge.colour == "#b71c1c"
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "NO" in t):
        tap(qtbot, jorge)
    assert window.current_page().objectName() == "childcare_refused"
    assert "Jorge Ramírez NO tiene permiso de recoger a Mateo, Sofía" in (
        window.pages["childcare_refused"].sentence.text()
    )
    assert window.childcare.service.room().count == 2
    tap(qtbot, tile(window, "childcare_refused_ok"))
    assert window.current_page().objectName() == "childcare"
    # The staff desk has the alert, and staff mark it seen.
    window.go_home()
    window.staff_user = None
    sign_in_at_desk(qtbot, window, "Irma Villa", "482913")
    alerts = desk_tile(qtbot, window, "desk_childcare")
    assert alerts.text() == "Alertas de guardería: 1"
    tap(qtbot, alerts)
    alert = tile(window, "staff_childcare_alerts_0")
    assert alert.text().startswith("No autorizada\nSofía")
    tap(qtbot, alert)
    assert "Jorge Ramírez, que NO tiene permiso" in window.confirm_overlay.text()
    tap(qtbot, tile(window, "confirm_yes"))
    assert window.childcare.service.alert_count() == 0
    assert window.pages["staff_childcare_alerts"].empty.isVisible()


def test_without_the_code_a_staff_pin_lets_them_go(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    start_shift(qtbot, window)
    check_in_both(qtbot, window)
    tap(qtbot, tile(window, "childcare_out"))
    tap(qtbot, tile(window, "childcare_no_code"))
    tap(qtbot, tile_showing(window, "childcare_nocode_", "Sofía"))
    tap(qtbot, tile_showing(window, "childcare_pickup_", "Carmen Rivas"))
    assert window.current_page().objectName() == "childcare_authorize"
    assert [
        t.text()
        for t in window.findChildren(BigTile)
        if t.isVisible() and t.objectName().startswith("childcare_authorize_")
    ] == ["Irma Villa"]
    tap(qtbot, tile(window, "childcare_authorize_0"))
    pin_page = window.pages["childcare_authorize_pin"]
    type_digits(qtbot, pin_page.keypad, "1111")
    tap(qtbot, pin_page.keypad.submit_button)
    assert "no es correcto" in close_message(qtbot, window)
    assert window.childcare.service.room().count == 2
    type_digits(qtbot, pin_page.keypad, "482913")
    tap(qtbot, pin_page.keypad.submit_button)
    assert close_message(qtbot, window) == "Mateo y Sofía se fueron con Carmen."
    assert window.childcare.service.room().count == 0
    assert window.staff_service.audit_count("childcare.check_out_without_code") == 1
    assert window.childcare.service.alert_count() == 1


def test_reprint_keeps_the_code(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start_shift(qtbot, window)
    code = check_in_both(qtbot, window)
    first = window.childcare.state.number
    tap(qtbot, tile(window, "childcare_reprint_tile"))
    stub = tile_showing(window, "childcare_reprint_", f"{code} · Ana")
    tap(qtbot, stub)
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS) as printed:
        tap(qtbot, tile(window, "confirm_yes"))
    assert printed.args[0] == first
    assert close_message(qtbot, window).startswith(
        f"Se está imprimiendo el papelito con el código {code}"
    )
    voucher = window.vouchers.get(first or "")
    assert voucher.printed_count == 2
    assert window.staff_service.audit_count("pickup.reprint") == 1


def test_a_new_child_is_registered_and_checked_in(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    start_shift(qtbot, window)
    tap(qtbot, tile(window, "childcare_new_tile"))
    assert window.current_page().objectName() == "childcare_checkin"
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, PHONE)
    tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    assert window.current_page().objectName() == "childcare_new_name"
    enter_words(qtbot, window.pages["childcare_new_name"].keyboard, "lucía torres")
    birth = window.pages["childcare_new_birth"]
    assert window.current_page() is birth
    start = birth.value
    tap(qtbot, tile(window, "childcare_birth_year_more"))
    tap(qtbot, tile(window, "childcare_birth_month_more"))
    assert birth.value == date(start.year + 1, 2, 1)
    tap(qtbot, tile(window, "childcare_birth_done"))
    tap(qtbot, tile(window, "childcare_new_allergy_1"))  # has an allergy
    assert window.current_page().objectName() == "childcare_new_consent"
    tap(qtbot, tile(window, "childcare_consent_yes"))  # the mother agrees to keep it
    enter_words(qtbot, window.pages["childcare_new_note"].keyboard, "penicilina")
    assert window.current_page().objectName() == "childcare_new_people"
    tap(qtbot, tile(window, "childcare_new_refused"))
    enter_words(qtbot, window.pages["childcare_new_person"].keyboard, "beto")
    assert window.current_page().objectName() == "childcare_new_people"
    assert "✗ Beto" in window.pages["childcare_new_people"].summary.text()
    tap(qtbot, tile(window, "childcare_new_save"))
    assert "Ya registramos a Lucía" in close_message(qtbot, window)
    assert window.current_page().objectName() == "childcare_children"
    lucia = tile_showing(window, "childcare_child_", "Lucía")
    assert window.childcare.state.chosen and tile(window, "childcare_children_go").isEnabled()
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "childcare_children_go"))
    (child,) = [c for c in window.childcare.service.room().children if c.first_name == "Lucía"]
    assert child.has_allergy and child.medical_note == "Penicilina"
    assert lucia.allergy


def test_the_room_refuses_with_a_spoken_reason_when_full(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = childcare_window(qtbot, tmp_path)
    window.childcare.service.limits = type(window.childcare.service.limits)(1, 1, 5, 5)
    start_shift(qtbot, window)
    tap(qtbot, tile(window, "childcare_in"))
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, PHONE)
    tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    for name in ("Mateo", "Sofía"):
        tap(qtbot, tile_showing(window, "childcare_child_", name))
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "lleno" in t):
        tap(qtbot, tile(window, "childcare_children_go"))
    assert window.current_page().objectName() == "childcare_children"
    assert window.childcare.service.room().count == 0


@pytest.mark.parametrize(
    ("limits", "said"),
    [
        ((15, 12, 2, 2), "No caben más hasta que otra voluntaria empiece su turno"),
        ((2, 2, 5, 5), "Lleno"),
    ],
)
def test_a_room_with_no_place_left_says_why(qtbot, tmp_path: Path, limits, said: str) -> None:  # type: ignore[no-untyped-def]
    """Two children in with one volunteer: when the ratio is what stops the next child the
    board says another volunteer is needed, when the room is full it says full; never "Caben 0
    más" beside free places."""
    window = childcare_window(qtbot, tmp_path)
    window.childcare.service.limits = type(window.childcare.service.limits)(*limits)
    start_shift(qtbot, window)
    check_in_both(qtbot, window)
    tap(qtbot, tile(window, "childcare_room_tile"))
    counts = window.pages["childcare_room"].counts.text()
    assert "Niños: 2 de" in counts
    assert said in counts
    assert "Caben 0" not in counts


def test_members_cannot_open_the_childcare_pages(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    names = [n for n, p in window.pages.items() if p.signed_in_only]
    assert {"childcare_room", "childcare_checkout", "childcare_children"} <= set(names)
    for name in names:
        window.open(name)
        assert window.current_page().objectName() == "childcare", name
    for name in ("staff_childcare_alerts", "staff_childcare_reports"):
        window.open(name)
        assert window.current_page().objectName() == "staff", name


def test_a_volunteer_signed_in_at_the_desk_is_on_shift(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = childcare_window(qtbot, tmp_path, station="member")
    sign_in_at_desk(qtbot, window, "Lupe Cano", "5566")
    assert window.current_page().objectName() == "childcare"
    assert [s.staff_name for s in window.childcare.service.on_shift()] == ["Lupe Cano"]
    window.open("staff_childcare_alerts")
    assert window.current_page().objectName() == "staff"


def test_reports_are_written_to_the_reports_folder(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    start_shift(qtbot, window)
    check_in_both(qtbot, window)
    window.staff_user = window.staff_service.sign_in(2, "482913")
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_childcare_reports"))
    tap(qtbot, tile(window, "staff_childcare_report_today"))
    text = close_message(qtbot, window)
    assert "2 niños" in text
    folder = tmp_path / "data" / "reports"
    day = window.childcare.service.today().isoformat()
    assert (folder / f"guarderia-{day}.csv").exists()
    assert (folder / f"guarderia-{day}.pdf").read_bytes().startswith(b"%PDF")


def test_places_reserved_by_a_course_going_on_are_kept(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Rosa's course is on and holds 2 of the room's 3 places: the board says so, and Ana's
    two children (who have no reservation) cannot take them."""
    settings = kiosk_settings(
        tmp_path / "data", printer="pdf", station="childcare", childcare_capacity=3
    )
    context = init_database(settings)
    add_ana_and_her_children(context.session_factory)
    StaffService(context.session_factory).add("Lupe Cano", StaffRole.VOLUNTEER, "5566")
    now = utcnow()
    with context.session_factory.begin() as s:
        rosa = Member(name="Rosa Chávez", phone="6145550102")
        training = Training(title="Costura", topic="costura")
        s.add_all([rosa, training])
        s.flush()
        session = TrainingSession(
            training_id=training.id,
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=2),
            place="Salón",
            seats=10,
            seats_taken=1,
            childcare_taken=2,
        )
        s.add(session)
        s.flush()
        s.add(
            Enrollment(
                member_id=rosa.id,
                session_id=session.id,
                status=EnrollmentStatus.ENROLLED,
                children_count=2,
                childcare_reserved=2,
                childcare_wanted=2,
            )
        )
    window = open_window(qtbot, settings, context)
    start_shift(qtbot, window)
    tap(qtbot, tile(window, "childcare_room_tile"))
    counts = window.pages["childcare_room"].counts.text()
    assert "Niños: 0 de 3" in counts and "Cabe 1 más" in counts
    assert "Apartados para cursos: 2" in counts
    tap(qtbot, tile(window, "nav_back"))
    tap(qtbot, tile(window, "childcare_in"))
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, PHONE)
    tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    for name in ("Mateo", "Sofía"):
        tap(qtbot, tile_showing(window, "childcare_child_", name))
    tap(qtbot, tile(window, "childcare_children_go"))
    refused = close_message(qtbot, window)
    assert refused.startswith("Solo puede entrar 1 niño más")
    assert "apartados para los hijos de mujeres en un curso" in refused
    assert window.childcare.service.room().count == 0
