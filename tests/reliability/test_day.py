"""A morning at the centre, on one database shared by three stations — the member kiosk in the
hall, the childcare room and the staff desk — as the centre runs them: a volunteer opens her
shift, staff sign in and out, women register (one declines), sign up for overlapping courses
with their children, check them in, call for help, are referred to a program, print slips on
purpose, and the children go home (one pickup by a person not allowed). After every visit
nothing of the last woman remains, and the day's report agrees with what happened.

Runs on one SQLite file and on a PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.app import Context, init_database
from kiosk.data.models import StaffRole
from kiosk.data.sqlite_files import engine_url
from kiosk.i18n import centre_today
from kiosk.services.jobs import JobDraft, JobService
from kiosk.services.programs import ProgramDraft, ProgramNeed, ProgramService
from kiosk.services.reports import Month, MonthlyReport, ReportService
from kiosk.services.staff import StaffService
from kiosk.services.trainings import TrainingService
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.ui.helpers import (
    desk_tile,
    enter_digits,
    enter_words,
    kiosk_settings,
    open_jobs,
    open_window,
    page,
    tap,
    tile,
    tile_showing,
    type_digits,
)
from tests.ui.test_visit import assert_nothing_left

PRINT_WAIT_MS = 60_000
ARRIVES_MS = 2000
CAPACITY = 4  # a small room, so two overlapping courses can fill it
ROSA, ROSA_PIN = "Rosa Terrazas", "739146"  # staff
IRMA, IRMA_PIN = "Irma Villa", "482913"  # volunteer
ANA, ANA_PHONE = "Ana Torres", "6145550101"
ELENA, ELENA_PHONE = "Elena Chávez", "6145550102"
LUPE, LUPE_PHONE = "Lupe Soto", "6145550103"


class Centre:
    """The three stations on one database."""

    def __init__(self, member: MainWindow, childcare: MainWindow, desk: MainWindow) -> None:
        self.member, self.childcare, self.desk = member, childcare, desk

    @property
    def factory(self):  # type: ignore[no-untyped-def]
        return self.member.members._factory


def seed(context: Context) -> None:
    """What staff set up before the day: their accounts, two courses at the same hour, a
    program and a job."""
    staff = StaffService(context.session_factory)
    staff.add(ROSA, StaffRole.STAFF, ROSA_PIN)
    staff.add(IRMA, StaffRole.VOLUNTEER, IRMA_PIN)
    trainings = TrainingService(context.session_factory, childcare_capacity=CAPACITY)
    starts = datetime.now(UTC) + timedelta(minutes=20)
    for title, topic in (("Panadería", "panaderia"), ("Costura", "costura")):
        course = trainings.create_training(title, topic)
        trainings.add_session(course.id, starts, starts + timedelta(hours=2), "Salón 1", 10)
    ProgramService(context.session_factory).save(
        ProgramDraft(
            name="Asesoría legal gratuita",
            organization="Defensoría del Estado",
            need=ProgramNeed.LEGAL,
            level="estatal",
            benefit="Asesoría gratis",
            phone="6144100000",
            locality="Chihuahua",
        )
    )
    JobService(context.session_factory).save(
        JobDraft(
            title="Ayudante de cocina",
            category="cocina",
            employer="Cocina Doña Mari",
            pay_amount="300",
            pay_unit="day",
            locality="Aquiles Serdán",
            contact_phone="6144102233",
            valid_through=centre_today() + timedelta(days=20),
        )
    )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def centre(request: pytest.FixtureRequest, qtbot, tmp_path: Path) -> Iterator[Centre]:  # type: ignore[no-untyped-def]
    url = (
        engine_url(tmp_path / "centre.sqlite3")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    contexts: list[Context] = []
    windows: list[MainWindow] = []
    for station, name in (("member", "Sala"), ("childcare", "Guardería"), ("staff", "Mesa")):
        settings = kiosk_settings(
            tmp_path / name,
            database_url=url,
            station=station,
            station_name=name,
            printer="pdf",
            childcare_capacity=CAPACITY,
            childcare_capacity_warning=CAPACITY,
        )
        contexts.append(init_database(settings))
        if not windows:
            seed(contexts[0])
        windows.append(open_window(qtbot, settings, contexts[-1], (1024, 768)))
    yield Centre(*windows)
    for window in windows:
        window.close()
    for context in contexts:
        context.engine.dispose()


def report(centre: Centre) -> MonthlyReport:
    return ReportService(centre.factory).month(Month.of(centre_today()))


def slips(window: MainWindow, prefix: str) -> list[Path]:
    folder = window.settings.data_dir / "slips"
    return sorted(folder.glob(f"{prefix}-*.pdf")) if folder.exists() else []


# --- the visits ------------------------------------------------------------------------------


def register(qtbot, window: MainWindow, name: str, phone: str, *, accept: bool) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "tile_member"))
    enter_digits(qtbot, window.pages["signin"].keypad, phone)
    tap(qtbot, tile(window, "confirm_yes"))  # "¿Quieres registrarte?"
    keyboard = window.pages["register_name"].keyboard
    assert keyboard.text() == ""  # nothing of the woman before
    enter_words(qtbot, keyboard, name.lower())
    assert page(window) == "register_privacy"
    tap(qtbot, tile(window, "answer_yes" if accept else "answer_no"))


def sign_up_for_course(qtbot, window: MainWindow, card: int, children: int) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, f"trainings_{card}"))
    tap(qtbot, window.pages["training_childcare"].picker.digit_keys[str(children)])
    tap(qtbot, tile(window, "training_sign_up"))


def print_answer(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "training_print_again"))  # "Imprimir"


def pin_at(qtbot, window: MainWindow, prefix: str, name: str, pin: str, keypad_page: str) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile_showing(window, prefix, name))
    assert page(window) == keypad_page
    keypad = window.pages[keypad_page].keypad
    type_digits(qtbot, keypad, pin)
    tap(qtbot, keypad.submit_button)


def test_a_morning_at_the_centre(qtbot, centre: Centre) -> None:  # type: ignore[no-untyped-def]
    member, room, desk = centre.member, centre.childcare, centre.desk
    before = report(centre)
    # Each station shows its own start page.
    assert (page(member), page(room), page(desk)) == ("home", "childcare", "staff")

    # 8:00 — the volunteer opens her shift in the children's room.
    pin_at(qtbot, room, "childcare_person_", IRMA, IRMA_PIN, "childcare_pin")
    assert page(room) == "childcare" and room.staff_user is not None
    assert room.childcare.service.on_shift()[0].staff_name == IRMA

    # 8:05 — staff sign in at the desk, step away with Salir, and come back.
    pin_at(qtbot, desk, "staff_", ROSA, ROSA_PIN, "staff_pin")
    assert page(desk) == "staff_desk" and "Rosa" in desk.member_label.text()
    tap(qtbot, tile(desk, "nav_sign_out"))
    assert page(desk) == "staff" and desk.staff_user is None
    desk.open("staff_desk")
    assert page(desk) == "staff"  # not without her PIN
    pin_at(qtbot, desk, "staff_", ROSA, ROSA_PIN, "staff_pin")
    assert page(desk) == "staff_desk"

    # 8:30 — Lupe starts registering and declines: nothing of her is kept or left.
    register(qtbot, member, LUPE, LUPE_PHONE, accept=False)
    assert page(member) == "home"
    assert member.members.find_by_phone(LUPE_PHONE) is None
    member.message_overlay.hide()
    assert_nothing_left(member, [LUPE, "Soto", LUPE_PHONE])

    # 8:35 — Ana registers, and staff record her two children with who may take them.
    register(qtbot, member, ANA, ANA_PHONE, accept=True)
    ana = member.visit.member
    assert ana is not None and ana.name == ANA
    care = room.childcare.service
    birth = centre_today() - timedelta(days=5 * 365)
    for child in ("Sofía Torres", "Mateo Torres"):
        care.register_child(
            ana.id, child, birth, allowed=["Carmen Rivas"], not_allowed=["Jorge Ramírez"]
        )
    # She signs up for bread-making with her two children, and prints her slip on purpose.
    sign_up_for_course(qtbot, member, 0, 2)
    assert page(member) == "training_done"
    assert "2 lugares" in member.findChild(QWidget, "training_childcare_answer").text()
    print_answer(qtbot, member)
    tap(qtbot, tile(member, "nav_home"))  # her task is done: the visit ends
    assert_nothing_left(member, [ANA, ANA_PHONE])

    # 8:45 — Elena registers and wants sewing, at the same hour, with three children: the room
    # has 2 places left, whichever course fills it.
    register(qtbot, member, ELENA, ELENA_PHONE, accept=True)
    elena = member.visit.member
    assert elena is not None
    for child in ("Luis Chávez", "Paty Chávez", "Toño Chávez"):
        care.register_child(elena.id, child, birth)
    sign_up_for_course(qtbot, member, 1, 3)
    assert page(member) == "training_childcare_full"
    tap(qtbot, tile(member, "training_without_childcare"))
    assert page(member) == "training_done"
    print_answer(qtbot, member)
    # The two courses at one hour hold no more places than the room has.
    trainings = member.training_board.trainings
    sessions = [trainings.sessions(t.id)[0] for t in trainings.trainings()]
    assert sum(s.childcare_taken for s in sessions) == 2 <= CAPACITY
    assert all(s.childcare_left == CAPACITY - 2 for s in sessions)
    tap(qtbot, tile(member, "nav_home"))
    assert_nothing_left(member, [ELENA, ELENA_PHONE])

    # 9:00 — Ana leaves her children in the room: the pickup pair prints.
    tap(qtbot, tile(room, "childcare_in"))
    enter_digits(qtbot, room.pages["childcare_checkin"].keypad, ANA_PHONE)
    for child in ("Mateo", "Sofía"):
        tap(qtbot, tile_showing(room, "childcare_child_", child))
    with qtbot.waitSignal(room.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(room, "childcare_children_go"))
    code = room.pages["childcare_checked_in"].code.digits.text()
    assert code.isdigit() and care.room().count == 2
    tap(qtbot, tile(room, "childcare_checked_in_done"))

    # 9:10 — at the hall kiosk a woman asks for help: the open desk hears it within 2 s, and
    # Voy tells her kiosk someone is coming.
    tap(qtbot, tile(member, "tile_help"))
    tap(qtbot, tile(member, "help_call"))
    tap(qtbot, tile(member, "message_ok"))
    banner = desk.live_desk.banner
    qtbot.waitUntil(lambda: banner.isVisible() and "Sala" in banner.text(), timeout=ARRIVES_MS)
    tap(qtbot, tile(desk, "help_voy"))
    qtbot.waitUntil(lambda: "Ya viene alguien" in member.message_overlay.text(), timeout=ARRIVES_MS)
    tap(qtbot, tile(member, "message_ok"))

    # 9:20 — staff refer Ana to legal advice from her record; the slip prints.
    desk.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, desk, "desk_members"))
    tap(qtbot, tile(desk, "staff_members_phone"))
    enter_digits(qtbot, desk.current_page().keypad, ANA_PHONE)
    assert page(desk) == "staff_member"
    tap(qtbot, tile(desk, "staff_member_refer"))
    assert page(desk) == "programs"
    legal = next(
        t
        for t in desk.pages["programs"].findChildren(BigTile)
        if t.isVisible() and t.icon_name == "need.legal"
    )
    tap(qtbot, legal)
    tap(qtbot, tile(desk, "programs_list_0"))
    tap(qtbot, tile(desk, "program_refer"))
    assert page(desk) == "program_refer_reason"
    tap(qtbot, tile(desk, "program_refer_reason_0"))
    with qtbot.waitSignal(desk.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(desk, "program_refer_when_1"))
    assert slips(desk, "referral")
    tap(qtbot, tile(desk, "nav_home"))  # Inicio ends her sign-in
    assert page(desk) == "staff" and desk.staff_user is None and desk.visit.member is None

    # 9:30 — a woman who does not sign in looks at jobs: nothing prints until she asks.
    open_jobs(qtbot, member)
    tap(qtbot, tile(member, "jobs_0"))
    tap(qtbot, tile(member, "jobs_list_0"))
    assert slips(member, "job") == []
    with qtbot.waitSignal(member.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(member, "job_print"))
    assert len(slips(member, "job")) == 1
    tap(qtbot, tile(member, "nav_home"))
    assert_nothing_left(member, [ANA, ELENA, ANA_PHONE])

    # 11:00 — Jorge comes for the children: refused, and the desk is told.
    tap(qtbot, tile(room, "childcare_out"))
    checkout = room.pages["childcare_checkout"]
    type_digits(qtbot, checkout.keypad, code)
    tap(qtbot, checkout.keypad.submit_button)
    tap(qtbot, tile_showing(room, "childcare_pickup_", "NO autorizada: Jorge Ramírez"))
    assert page(room) == "childcare_refused"
    assert care.room().count == 2
    tap(qtbot, tile(room, "childcare_refused_ok"))
    # Carmen, who may take them, does.
    tap(qtbot, tile(room, "childcare_out"))
    type_digits(qtbot, checkout.keypad, code)
    tap(qtbot, checkout.keypad.submit_button)
    tap(qtbot, tile_showing(room, "childcare_pickup_", "Carmen Rivas"))
    tap(qtbot, tile(room, "confirm_yes"))
    assert care.room().count == 0
    room.message_overlay.hide()
    # The desk, opened again by staff, shows the alert.
    pin_at(qtbot, desk, "staff_", ROSA, ROSA_PIN, "staff_pin")
    assert desk_tile(qtbot, desk, "desk_childcare").text() == "Alertas de guardería: 1"

    # Noon — the day's report agrees with what happened.
    after = report(centre)
    assert after.new_members - before.new_members == 2  # Ana and Elena; Lupe declined
    assert after.signed_up - before.signed_up == 2
    assert after.childcare_children - before.childcare_children == 2
    assert after.referrals_made - before.referrals_made == 1
    # The volunteer's Inicio ends her sign-in too; the room's page asks for a PIN again.
    tap(qtbot, tile(room, "childcare_room_tile"))
    tap(qtbot, tile(room, "nav_home"))
    assert page(room) == "childcare" and room.staff_user is None
    assert not room.pages["childcare"].menu.isVisible()
