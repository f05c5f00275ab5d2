"""The childcare station's flow: the volunteer's shift, a mother's children in (the pickup
pair printed), a lost stub printed again; it keeps the check-out and registration steps
(:mod:`.pickup_flow`, :mod:`.registration_flow`). Plain Python: it is handed the services, the
window as :class:`ChildcareShell`, the printer and the camera, then the pages it tells what to
show; the rules are the service's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kiosk.i18n import _, ngettext
from kiosk.logs import area_logger
from kiosk.services.childcare import ChildcareError, ChildcareService, ChildInfo, PickupInfo
from kiosk.services.members import MemberError, MemberService
from kiosk.services.staff import StaffInfo
from kiosk.ui.areas.childcare.pickup_flow import CheckOut
from kiosk.ui.areas.childcare.registration_flow import Registration
from kiosk.ui.areas.childcare.station import (
    Camera,
    ChildcareShell,
    Station,
    StepPage,
    code_words,
)
from kiosk.ui.areas.flow_parts import PrintsSlips

log = area_logger("childcare")


@dataclass(eq=False)
class ChildcareDesk:
    """What ties the station's pages together: one visit's steps at the childcare station."""

    shell: ChildcareShell
    service: ChildcareService
    members: MemberService
    slips: PrintsSlips
    camera: Camera  # the station's webcam, for a child's photo at registration
    state: Station = field(default_factory=Station, init=False)
    told_no_camera: bool = field(default=False, init=False)  # said once, not every time
    _pages: dict[str, StepPage] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.checkout = CheckOut(self)
        self.registration = Registration(self)

    def show_on(self, pages: Iterable[StepPage]) -> None:
        """The pages this flow tells what to show (built by the area, or fakes in tests)."""
        self._pages.update((page.page_name, page) for page in pages)

    def page(self, name: str) -> StepPage:
        return self._pages[name]

    def reset(self) -> None:
        """The visit is over: no mother, children or code half-way through."""
        self.forget()

    @property
    def volunteer(self) -> StaffInfo | None:
        return self.shell.staff_user

    def volunteer_id(self) -> int | None:
        person = self.shell.staff_user
        return person.id if person else None

    def forget(self) -> None:
        self.state.forget()

    def fail(self, error: Exception, icon: str = "action.warning") -> None:
        self.shell.show_error(str(error), icon)

    # --- the shift ----------------------------------------------------------------------------

    def choose_person(self, person: StaffInfo) -> None:
        self.state.shift_person = person
        self.page("childcare_pin").reset()
        self.shell.open("childcare_pin")

    def pin_typed(self, pin: str) -> None:
        person = self.state.shift_person
        if person is None:
            self.shell.open("childcare")
            return
        try:
            signed, shift = self.service.sign_in(person.id, pin)
        except (ChildcareError, ValueError) as exc:
            self.fail(exc, "action.privacy")
            return
        self.state.shift_person = None
        self.shell.visit.sign_in_staff(signed)
        log.info("staff user %d at the childcare station (shift %d)", signed.id, shift.id)
        self.shell.open("childcare")
        self.shell.speaker.say(
            _("Hello, {name}. Your shift has started.").format(name=signed.name.split()[0])
        )

    def ensure_shift(self) -> None:
        """A volunteer's PIN starts her shift, wherever she typed it (the staff desk too)."""
        person = self.volunteer
        if person is not None and not person.is_staff and not self.service.is_on_shift(person.id):
            self.service.start_shift(person.id)

    def toggle_shift(self) -> None:
        person = self.volunteer
        if person is None:
            return
        if not self.service.is_on_shift(person.id):
            self.service.start_shift(person.id)
            self.shell.show_message(_("Your shift has started."), "action.yes")
            self.page("childcare").entered()
            return
        board = self.service.room()
        others = [v for v in board.volunteers if v.staff_id != person.id]
        if board.count and not others:
            question = ngettext(
                "There is still {count} child in the room and nobody else on shift. End your "
                "shift?",
                "There are still {count} children in the room and nobody else on shift. End "
                "your shift?",
                board.count,
            ).format(count=board.count)
        else:
            question = _("End your shift?")

        def answer(yes: bool) -> None:
            if not yes:
                return
            self.service.end_shift(person.id)
            self.shell.end_visit("signed_out")
            self.shell.speaker.say(_("Your shift has ended. Thank you."))

        self.shell.confirm(question, "childcare.shift", answer)

    # --- check-in -----------------------------------------------------------------------------

    def start_check_in(self) -> None:
        self.state.register_next = False
        self.state.guardian = None
        self.state.chosen = []
        self.page("childcare_checkin").reset()
        self.shell.open("childcare_checkin")

    def phone_typed(self, digits: str) -> None:
        try:
            guardian = self.members.find_by_phone(digits)
        except MemberError as exc:
            self.fail(exc, "action.phone")
            return
        if guardian is None:
            self.shell.show_error(
                _("Nobody has that phone number. The mother signs up at the kiosk first."),
                "action.phone",
            )
            return
        self.state.guardian = guardian
        self.state.chosen = []
        if self.state.register_next:
            self.state.register_next = False
            self.shell.open("childcare_new_name")
            return
        self.shell.open("childcare_children")

    def children(self) -> list[ChildInfo]:
        guardian = self.state.guardian
        return self.service.children_of(guardian.id) if guardian else []

    def children_elsewhere(self) -> bool:
        """Whether the mother's children are registered at another centre (she moved): they
        are not on this centre's list, and the volunteer registers them here."""
        guardian = self.state.guardian
        return guardian is not None and self.service.children_elsewhere(guardian.id)

    def toggle_child(self, child: ChildInfo) -> None:
        if child.present:
            self.shell.show_error(
                _("{name} is already in the room.").format(name=child.first_name),
                "area.childcare",
            )
            return
        chosen = self.state.chosen
        if child.id in chosen:
            chosen.remove(child.id)
            self.shell.speaker.say(_("{name} does not stay.").format(name=child.first_name))
        else:
            chosen.append(child.id)
            self.shell.speaker.say(_("{name} stays.").format(name=child.first_name))

    def check_in(self) -> None:
        guardian = self.state.guardian
        if guardian is None:
            self.shell.open("childcare_checkin")
            return
        try:
            result = self.service.check_in(guardian.id, self.state.chosen, self.volunteer_id())
        except ChildcareError as exc:
            self.fail(exc, "area.childcare")
            return
        self.state.pickup = result.pickup
        self.state.chosen = []
        # Shown beside the code on its page, never over it: she must read the code out.
        self.state.warnings = result.warnings
        self.state.number = self.service.issue_slip(result.pickup.id)
        self.shell.open("childcare_checked_in")
        self.slips.print_slip(self.state.number)

    def checked_in_done(self) -> None:
        """The mother has her part: the station is ready for the next one."""
        self.state.pickup = None
        self.state.guardian = None
        self.shell.open("childcare")

    def print_again(self) -> None:
        if self.state.number is None:
            return
        self.shell.speaker.say(_("The slip is printing again."))
        self.slips.print_slip(self.state.number)

    # --- reprint ------------------------------------------------------------------------------

    def reprint(self, pickup: PickupInfo) -> None:
        names = ", ".join(c.first_name for c in pickup.children)
        question = _("Print the slip of {code} again ({names})?").format(
            code=code_words(pickup), names=names
        )

        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                number = self.service.reprint(pickup.id, self.volunteer_id())
            except ChildcareError as exc:
                self.fail(exc)
                return
            self.slips.print_slip(number)
            self.shell.show_message(
                _("The slip with the code {code} is printing.").format(code=code_words(pickup)),
                "action.print",
            )

        self.shell.confirm(question, "action.print", answer)
