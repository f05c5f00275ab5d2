"""The member's visit to the courses, without widgets: she touches a course, says how many
children she brings, is signed up (or put in line, or asked what to do when the childcare room
is full), prints her slip, and may cancel a sign-up from "Mis cursos".

The flow asks the service and tells the pages what to show; the rules (seats, the childcare
room, whether waiting could ever give her a place with childcare) are the service's. The pages
and the window are reached through the small protocols below, so the flow is tested with fakes
(tests/ui/areas/test_trainings_flow.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.i18n import _, format_when
from kiosk.services.trainings import (
    EnrollmentInfo,
    EnrollmentStatus,
    SignUpResult,
    SignUpStatus,
    TrainingCard,
    TrainingError,
    TrainingService,
    issue_sign_up_slip,
)
from kiosk.services.vouchers import VoucherService
from kiosk.slip_options import SlipOptions
from kiosk.ui.areas.flow_parts import PrintsSlips, Refreshes
from kiosk.ui.areas.trainings.common import topic_icon

if TYPE_CHECKING:
    from kiosk.ui.pages.base import Shell


class ChildcareView(Protocol):
    """ "¿Necesitas guardería?" with the chosen course."""

    def choose(self, card: TrainingCard) -> None: ...
    def reset(self) -> None: ...


class ChildcareFullView(Protocol):
    """A seat, but the childcare room is full: what she may do."""

    def offer(self, result: SignUpResult) -> None: ...


class AnswerView(Protocol):
    """Her seat or her place in line, and the slip printing."""

    def show_result(self, card: TrainingCard, result: SignUpResult) -> None: ...
    def show_printing(self) -> None: ...


@dataclass(frozen=True)
class CoursePages:
    """The member's course pages, as the flow sees them."""

    courses: Refreshes  # the course list, read afresh
    childcare: ChildcareView
    childcare_full: ChildcareFullView
    done: AnswerView
    mine: Refreshes  # "Mis cursos", read afresh


@dataclass(eq=False)
class TrainingBoard:
    """The member's visit to the courses: the chosen course, the sign-up, the slip."""

    shell: Shell
    trainings: TrainingService
    vouchers: VoucherService
    slip_desk: PrintsSlips
    pages: CoursePages
    card: TrainingCard | None = None
    children: int = 0  # how many she said she brings, kept for "without childcare" or "wait"
    number: str | None = None  # her slip's, issued with the sign-up
    printed: bool = False

    def chose(self, card: TrainingCard) -> None:
        self.card = card
        self.pages.childcare.choose(card)
        self._open_signed_in("training_childcare")

    def open_mine(self) -> None:
        self._open_signed_in("training_mine")

    def _open_signed_in(self, name: str) -> None:
        """``name``, after asking who she is when nobody is signed in yet."""
        if self.shell.visit.member is None:
            self.shell.sign_in(name)
        else:
            self.shell.open(name)

    # --- the sign-up ----------------------------------------------------------------------

    def sign_up(self, children: int, *, without: bool = False, wait: bool = False) -> None:
        member = self.shell.visit.member
        card = self.card
        if member is None or card is None:
            self.shell.go_home()
            return
        self.children = children
        try:
            result = self.trainings.sign_up(
                member.id,
                card.next_session.id,
                children,
                without_childcare=without,
                waitlist_if_full=True,
                waitlist_if_childcare_full=wait,
            )
        except TrainingError as exc:
            self.shell.show_error(str(exc))
            return
        if result.status in (SignUpStatus.ENROLLED, SignUpStatus.WAITLISTED):
            self._issue_slip(member.name, card, result)
        else:
            self._not_signed_up(result, chose=wait or without)

    def without_childcare(self) -> None:
        """The room is full: she comes to the course without childcare."""
        self.sign_up(self.children, without=True)

    def wait_for_childcare(self) -> None:
        """The room is full: she waits on the list for a seat with childcare."""
        self.sign_up(self.children, wait=True)

    def _not_signed_up(self, result: SignUpResult, *, chose: bool) -> None:
        """No seat nor place in line: what she is told, and what she may do then."""
        status = result.status
        if status is SignUpStatus.CHILDCARE_FULL and chose:
            # The room filled up again while she was choosing.
            self.shell.show_error(
                _("The childcare room has just filled up. Ask a companion for help."),
                "area.childcare",
            )
        elif status is SignUpStatus.CHILDCARE_FULL:
            self.pages.childcare_full.offer(result)
            self.shell.open("training_childcare_full")
        elif status is SignUpStatus.ALREADY:
            self.shell.show_message(
                _("You are already signed up for this course. It is in My courses."),
                "action.sign_up",
            )
        else:  # closed, or full
            self.shell.show_error(
                _("Sign-up for this course has closed. Look at another course."),
            )
            self.pages.courses.refresh()

    def _issue_slip(self, name: str, card: TrainingCard, result: SignUpResult) -> None:
        voucher = issue_sign_up_slip(
            self.vouchers,
            result,
            name,
            card.title,
            topic_icon(card.topic),
            SlipOptions.from_settings(self.shell.settings),
        )
        self.number = voucher.number
        self.pages.done.show_result(card, result)
        self.pages.childcare.reset()
        self.printed = False
        self.shell.task_done()
        self.shell.open("training_done")

    def print_again(self) -> None:
        """ "Imprimir" on the answer page: the slip issued with her sign-up (kept for reprint,
        and known at the course's door) prints; a second touch prints it again."""
        if self.number is None:
            return
        if self.printed:
            self.shell.speaker.say(_("Your slip is printing again."))
        self.printed = True
        self.pages.done.show_printing()
        self.slip_desk.print_slip(self.number)

    # --- cancelling -----------------------------------------------------------------------

    def ask_cancel(self, item: EnrollmentInfo) -> None:
        member = self.shell.visit.member
        if member is None:
            return
        question = _("Cancel your place in {course}, {when}?").format(
            course=item.training_title, when=format_when(item.starts_at)
        )
        # What the ✓ will do, said before she touches it.
        if item.status is EnrollmentStatus.WAITLISTED:
            then = _("If you cancel, you leave the waiting list.")
        else:
            then = _("If you cancel, your place goes to another woman.")

        def answer(yes: bool) -> None:
            if yes:
                self._cancel(item, member.id)

        self.shell.confirm(f"{question} {then}", topic_icon(item.topic), answer)

    def _cancel(self, item: EnrollmentInfo, member_id: int) -> None:
        try:
            self.trainings.cancel(item.id, member_id)
        except TrainingError as exc:
            self.shell.show_error(str(exc))
            self.pages.mine.refresh()
            return
        self.pages.mine.refresh()
        self.shell.show_message(
            _("Your place is cancelled. Thank you for letting us know."), "action.yes"
        )

    def reset(self) -> None:
        self.card = None
        self.children = 0
        self.number = None
        self.printed = False
