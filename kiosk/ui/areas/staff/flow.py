"""The staff's way in and the call for help, with no widget in them: her name chosen, her PIN
checked by the staff service (a wrong one says so; the service counts the tries), then the
desk, the children's room or her savings group, as the window decides by her role. And a
member's call for help: she waits where she started while someone comes."""

from __future__ import annotations

from typing import Protocol

from kiosk.services.staff import StaffError, StaffInfo, StaffService
from kiosk.ui.pages.base import Shell


class PinView(Protocol):
    """The PIN page: whose PIN it asks for, and its keypad emptied after each try."""

    def ask(self, person: StaffInfo) -> None: ...
    def clear(self) -> None: ...


class StaffShell(Shell, Protocol):
    def back(self) -> None: ...
    def call_for_help(self) -> None: ...
    def staff_signed_in(self, person: StaffInfo) -> None: ...


class StaffFlow:
    """Who is at the desk: the person chosen, then her PIN."""

    def __init__(self, shell: StaffShell, staff: StaffService) -> None:
        self.shell = shell
        self.staff = staff
        self.person: StaffInfo | None = None
        self.pin_view: PinView | None = None

    def reset(self) -> None:
        self.person = None

    def people(self) -> list[StaffInfo]:
        return list(self.staff.list())

    def choose(self, person: StaffInfo) -> None:
        self.person = person
        if self.pin_view is not None:
            self.pin_view.ask(person)
        self.shell.open("staff_pin")

    def pin(self, pin: str) -> None:
        """Her PIN, right or wrong, is not kept on screen."""
        if self.pin_view is not None:
            self.pin_view.clear()
        if self.person is None:
            return
        try:
            person = self.staff.sign_in(self.person.id, pin)
        except StaffError as exc:
            self.shell.show_error(str(exc), "action.privacy")
            return
        self.shell.staff_signed_in(person)

    def call_for_help(self) -> None:
        # After calling, she waits where she started (the home), and the kiosk stays calm.
        self.shell.back()
        self.shell.call_for_help()
