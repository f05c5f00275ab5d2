"""What the childcare station's flows share, in plain Python: what the station remembers
between pages (:class:`Station`), and the window, pages, printer and camera as the flows see
them (small protocols, so that tests hand in fakes and no window is needed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from kiosk.services.childcare import ChildcareService, PickupInfo
from kiosk.services.members import MemberInfo
from kiosk.services.staff import StaffInfo
from kiosk.ui.pages.base import Shell


@dataclass
class ChildDraft:
    """A child being registered, one question per page."""

    name: str = ""
    birth: date | None = None
    allergy: bool = False
    note: str = ""
    # The mother's express consent to keep the allergy and its note (sensitive data).
    health_consent: bool = False
    # The mother's express consent to a photo of the child, and the camera's still.
    photo_consent: bool = False
    photo: bytes | None = None
    allowed: list[str] = field(default_factory=list)
    not_allowed: list[str] = field(default_factory=list)
    adding_allowed: bool = True


@dataclass
class Station:
    guardian: MemberInfo | None = None
    chosen: list[int] = field(default_factory=list)
    pickup: PickupInfo | None = None
    number: str | None = None  # the pickup pair's voucher number, for printing again
    without_code: bool = False
    person_id: int | None = None
    authorizer: StaffInfo | None = None
    shift_person: StaffInfo | None = None  # chosen on the start page, PIN not yet typed
    register_next: bool = False  # the phone was asked for to register a new child
    draft: ChildDraft = field(default_factory=ChildDraft)
    warnings: tuple[str, ...] = ()  # soft limits the last check-in passed

    def forget(self) -> None:
        fresh = Station()
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(fresh, name))


def code_words(pickup: PickupInfo) -> str:
    """``47 tortuga``: the code as the volunteer says it to the mother."""
    return f"{pickup.code} {pickup.picture_word}"


class ChildcareShell(Shell, Protocol):
    """The window as the childcare pages see it: who is signed in at this station."""

    staff_user: StaffInfo | None


class StepPage(Protocol):
    """A page as the flows see it: it starts afresh, or shows again what the station holds."""

    page_name: str

    def reset(self) -> None: ...
    def entered(self) -> None: ...


class Camera(Protocol):
    def available(self) -> bool: ...


class Desk(Protocol):
    """The station's flow (:class:`~kiosk.ui.areas.childcare.flow.ChildcareDesk`) as its
    check-out and registration steps and its pages see it."""

    shell: ChildcareShell
    state: Station
    service: ChildcareService
    camera: Camera
    told_no_camera: bool

    def page(self, name: str) -> StepPage: ...
    def volunteer_id(self) -> int | None: ...
    def fail(self, error: Exception, icon: str = "action.warning") -> None: ...


class DeskSteps:
    """Steps of a visit the desk keeps apart (check-out, registration): they share its memory,
    its service and its window."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.shell = desk.shell

    @property
    def state(self) -> Station:
        return self.desk.state
