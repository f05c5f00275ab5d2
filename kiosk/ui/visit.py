"""The visit owner: one person's time at a station, and everything the kiosk holds for her.

A visit holds who is signed in (a member by phone, or staff or a volunteer by PIN), what she
typed while signing in, and — through the holders registered with it — every value a page or
an area keeps between taps: a chosen job or course, a half-finished wizard, a keypad's digits.
Ending a visit forgets all of it in one call, whatever ends it: the idle time, Inicio after a
finished task, "No acepto", signing out, or another person signing in.

Pages are registered when the window adds them and areas when the window adds them, and every
keypad and keyboard in the window is cleared by walking the widget tree, so a new page or area
cannot forget to be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.logs import area_logger

if TYPE_CHECKING:
    from kiosk.services.members import MemberInfo
    from kiosk.services.staff import StaffInfo

log = area_logger("ui")


class Holder(Protocol):
    """Something that keeps part of a visit: it forgets it when told."""

    def reset(self) -> None: ...


class Input(Protocol):
    """A widget that holds what a person typed (a keypad, a keyboard)."""

    def clear(self) -> None: ...


class Visit(QObject):
    """Who is at the station and what the kiosk holds for her; see the module's words.
    :attr:`people_changed` is emitted when who is signed in changes (the badge, the idle
    time)."""

    people_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.member: MemberInfo | None = None
        self.staff: StaffInfo | None = None
        self.candidate: MemberInfo | None = None  # "¿Eres María?" not yet answered
        self.phone = ""  # typed, for registering
        self.name = ""  # typed, for registering
        self.after_sign_in = "home"
        # A task was finished in this visit (a slip printed, a sign-up made): Inicio then ends
        # the visit, so the next woman does not find the last one still signed in.
        self.task_done = False
        self._holders: list[Holder] = []
        self._inputs: list[Callable[[], list[Input]]] = []

    # --- what the visit holds ---------------------------------------------------------------

    def hold(self, holder: Holder) -> None:
        """``holder.reset()`` is called whenever a visit ends."""
        if all(h is not holder for h in self._holders):
            self._holders.append(holder)

    def hold_inputs_of(self, root: QWidget, kinds: tuple[type[QWidget], ...]) -> None:
        """Every widget of ``kinds`` under ``root`` (now or added later) is cleared whenever a
        visit ends."""

        def found() -> list[Input]:
            widgets: list[QWidget] = [w for kind in kinds for w in root.findChildren(kind)]
            return cast("list[Input]", widgets)

        self._inputs.append(found)

    @property
    def is_empty(self) -> bool:
        """Nobody signed in and nothing typed while signing in."""
        return (
            self.member is None
            and self.staff is None
            and self.candidate is None
            and not self.phone
            and not self.name
            and not self.task_done
        )

    def typed_something(self) -> bool:
        """Some keypad or keyboard in the window holds digits or letters."""
        return any(_has_text(widget) for find in self._inputs for widget in find())

    # --- who is signed in -------------------------------------------------------------------

    def sign_in_member(self, member: MemberInfo) -> None:
        """A member signed in with her phone, in the middle of what she was doing (the course
        she touched stays chosen). Another member's visit before hers is forgotten whole. A
        staff member signed in stays: she is serving this woman at the desk, and her own
        sign-in still ends at Inicio, at Salir or after her idle time; the member's sign-in
        never carries staff rights of its own."""
        if self.member is not None and self.member.id != member.id:
            staff = self.staff
            self.end("signed_in")
            self.staff = staff
        self.member = member
        self.candidate = None
        self.phone = ""
        self.name = ""
        self.people_changed.emit()

    def sign_in_staff(self, person: StaffInfo) -> None:
        """Staff or a volunteer typed her PIN: the visit before hers is over."""
        self.end("signed_in")
        self.staff = person
        self.people_changed.emit()

    def finish_task(self) -> None:
        self.task_done = True

    # --- ending it --------------------------------------------------------------------------

    def end(self, reason: str) -> None:
        """Forget everything of this visit, in one call; ``reason`` ("idle", "home",
        "declined", "signed_out", "signed_in"...) goes to the log."""
        had_people = self.member is not None or self.staff is not None
        self.member = None
        self.staff = None
        self.forget_task()
        log.info("visit ended (%s)", reason)
        if had_people:
            self.people_changed.emit()

    def forget_task(self) -> None:
        """Forget what was typed and chosen on the way (every page, area, keypad and keyboard),
        keeping who is signed in."""
        self.candidate = None
        self.phone = ""
        self.name = ""
        self.after_sign_in = "home"
        self.task_done = False
        for holder in self._holders:
            holder.reset()
        for find in self._inputs:
            for widget in find():
                widget.clear()


def _has_text(widget: object) -> bool:
    text = getattr(widget, "text", None)
    return bool(text()) if callable(text) else False
