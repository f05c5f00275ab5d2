"""Courses: the member's course board and the staff's courses, sessions and door."""

from __future__ import annotations

from kiosk.i18n import centre_today
from kiosk.ui.areas.kit import AreaPages, Kit
from kiosk.ui.areas.trainings.desk_flow import DeskPages, TrainingDesk
from kiosk.ui.areas.trainings.flow import CoursePages, TrainingBoard
from kiosk.ui.areas.trainings.member_pages import MySignUpsPage, TrainingsPage
from kiosk.ui.areas.trainings.signup_pages import ChildcareFullPage, ChildcarePage, SignedUpPage
from kiosk.ui.areas.trainings.staff_pages import (
    CallPage,
    DoorPage,
    RosterPage,
    StaffSessionPage,
    StaffTrainingPage,
    StaffTrainingsPage,
)
from kiosk.ui.areas.trainings.staff_wizard import WizardSteps, day_options
from kiosk.ui.pages.base import Page


def build_member(kit: Kit) -> tuple[TrainingBoard, AreaPages]:
    """The member's course pages, wired to the flow that holds her visit."""
    window, trainings = kit.window, kit.services.trainings
    courses = TrainingsPage(window, trainings.upcoming, kit.stack)
    childcare = ChildcarePage(window, kit.stack)
    childcare_full = ChildcareFullPage(window, kit.stack)
    done = SignedUpPage(window, kit.stack)
    mine = MySignUpsPage(window, trainings.my_sign_ups, kit.stack)
    pages = CoursePages(courses, childcare, childcare_full, done, mine)
    board = TrainingBoard(window, trainings, kit.services.vouchers, kit.slip_desk, pages)
    courses.chose.connect(board.chose)
    courses.mine.connect(board.open_mine)
    childcare.answered.connect(board.sign_up)
    childcare_full.without.connect(board.without_childcare)
    childcare_full.wait.connect(board.wait_for_childcare)
    done.again.activated.connect(board.print_again)
    done.mine.activated.connect(board.open_mine)
    mine.chose.connect(board.ask_cancel)
    return board, AreaPages([courses, childcare, childcare_full, done, mine], [], board.reset)


def build_desk(kit: Kit) -> tuple[TrainingDesk, AreaPages]:
    """The staff's course pages and wizard steps, wired to the desk's flow."""
    window, trainings = kit.window, kit.services.trainings
    courses = StaffTrainingsPage(window, trainings.trainings, kit.stack)
    course = StaffTrainingPage(window, trainings.sessions, kit.stack)
    roster = RosterPage(window, trainings.roster, kit.stack)
    calls = CallPage(window, trainings.to_call, kit.stack)
    door = DoorPage(window, kit.stack)
    session = StaffSessionPage(window, trainings.session, kit.stack)
    steps = WizardSteps(window, day_options(centre_today()), kit.stack)
    desk = TrainingDesk(
        window,
        trainings,
        kit.services.vouchers,
        kit.slip_desk,
        DeskPages(course, session, roster, calls, door, steps),
        staff_id=kit.staff_id,
    )
    courses.new.connect(desk.start_training)
    courses.chose.connect(desk.show_training)
    course.new.connect(desk.start_session)
    course.chose.connect(lambda session: desk.show_session(session.id))
    session.roster_tile.activated.connect(desk.open_roster)
    session.print_tile.activated.connect(desk.print_list)
    session.csv_tile.activated.connect(desk.save_csv)
    roster.chose.connect(desk.mark)
    calls.chose.connect(desk.call)
    door.scanned.connect(desk.door)
    steps.answered.connect(desk.store)
    lists: list[Page] = [courses, course, session, roster, door, calls]
    return desk, AreaPages([], [*lists, *steps.pages.values()], desk.reset)


def attach(kit: Kit) -> None:
    window = kit.window
    window.training_board, member = build_member(kit)
    window.add_area(member)
    window.training_desk, desk = build_desk(kit)
    window.add_area(desk)
