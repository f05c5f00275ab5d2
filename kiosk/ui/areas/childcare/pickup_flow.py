"""Children out, step by step: the code typed or the stub scanned, who came, and the hand-over;
a person on a not-allowed list is refused (staff are told), and without the code a staff
member's PIN lets the children go. Plain Python: the pages show what it holds."""

from __future__ import annotations

from kiosk.i18n import _, format_names, ngettext
from kiosk.services.childcare import CheckOutStatus, ChildcareError, PickupChoice, RoomChild
from kiosk.services.staff import StaffInfo
from kiosk.ui.areas.childcare.station import DeskSteps


class CheckOut(DeskSteps):
    """Children out: what the check-out pages share."""

    def start(self) -> None:
        self.state.pickup = None
        self.state.without_code = False
        self.state.person_id = None
        self.shell.open("childcare_checkout")

    def code_typed(self, text: str) -> None:
        try:
            pickup = self.desk.service.find_pickup(text)
        except ChildcareError as exc:
            self.desk.fail(exc, "action.no")
            return
        self.state.pickup = pickup
        self.state.without_code = False
        self.shell.open("childcare_pickup")

    def without_code(self) -> None:
        self.state.without_code = True
        self.state.pickup = None
        self.shell.open("childcare_nocode")

    def chose_child(self, child: RoomChild) -> None:
        try:
            self.state.pickup = self.desk.service.pickup(child.code_id)
        except ChildcareError as exc:
            self.desk.fail(exc)
            return
        self.shell.open("childcare_pickup")

    def chose(self, choice: PickupChoice) -> None:
        pickup = self.state.pickup
        if pickup is None:
            return
        self.state.person_id = choice.person_id
        if not choice.allowed:
            # Recorded at once (an alert for staff), whatever else happens.
            try:
                result = self.desk.service.check_out(
                    pickup.id, choice.person_id, self.desk.volunteer_id()
                )
            except ChildcareError as exc:
                self.desk.fail(exc)
                return
            if result.status is CheckOutStatus.NOT_ALLOWED:
                self.shell.open("childcare_refused")
                return
        if self.state.without_code:
            self.shell.open("childcare_authorize")
            return
        names = ", ".join(c.first_name for c in pickup.children)
        question = _("Hand {names} to {person}?").format(names=names, person=choice.name)

        def answered(yes: bool) -> None:
            if yes:
                self._hand_over()

        self.shell.confirm(question, "action.yes", answered)

    def _hand_over(self) -> None:
        pickup = self.state.pickup
        if pickup is None:
            return
        try:
            result = self.desk.service.check_out(
                pickup.id, self.state.person_id, self.desk.volunteer_id()
            )
        except ChildcareError as exc:
            self.desk.fail(exc)
            return
        self._done(result.status, result.children, result.picked_up_by)

    def authorizer_chosen(self, person: StaffInfo) -> None:
        self.state.authorizer = person
        self.desk.page("childcare_authorize_pin").reset()
        self.shell.open("childcare_authorize_pin")

    def authorize(self, pin: str) -> None:
        pickup, person = self.state.pickup, self.state.authorizer
        if pickup is None or person is None:
            self.shell.open("childcare_checkout")
            return
        try:
            result = self.desk.service.check_out_without_code(
                pickup.id, self.state.person_id, person.id, pin, self.desk.volunteer_id()
            )
        except ChildcareError as exc:
            self.desk.fail(exc, "action.privacy")
            return
        self.state.authorizer = None
        self._done(result.status, result.children, result.picked_up_by)

    def _done(self, status: CheckOutStatus, children: tuple[str, ...], person: str) -> None:
        self.state.pickup = None
        self.state.person_id = None
        self.state.without_code = False
        self.shell.open("childcare")
        if status is CheckOutStatus.ALREADY:
            self.shell.show_error(
                _("The children of this code have already been picked up."), "action.warning"
            )
            return
        names = format_names([name.split()[0] for name in children])
        went = ngettext("{names} went with {person}.", "{names} went with {person}.", len(children))
        self.shell.show_message(
            went.format(names=names, person=person.split()[0]),
            "action.yes",
        )
