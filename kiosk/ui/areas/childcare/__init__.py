"""Childcare: the volunteers' station (check-in, pickup, registration, the room) and the staff
desk's alerts and reports. The flow (:mod:`.flow`) holds a visit's steps; the pages are built
here and handed to it."""

from __future__ import annotations

from kiosk.ui.areas.childcare.checkin_pages import CheckedInPage, CheckInPhonePage, ChildrenPage
from kiosk.ui.areas.childcare.flow import ChildcareDesk
from kiosk.ui.areas.childcare.pickup_pages import checkout_pages
from kiosk.ui.areas.childcare.registration_pages import register_pages
from kiosk.ui.areas.childcare.room_pages import ReprintPage, RoomPage
from kiosk.ui.areas.childcare.staff_pages import staff_pages
from kiosk.ui.areas.childcare.station_pages import ChildcareHomePage, ShiftPinPage
from kiosk.ui.areas.kit import Kit
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.pages.base import Page


class ChildcareArea:
    """What the window is handed: the station's pages, the desk's childcare pages, and the
    flow that forgets a visit's mother, children and code."""

    def __init__(self, flow: ChildcareDesk, pages: list[Page], staff: list[Page]) -> None:
        self.flow = flow
        self._pages = pages
        self._staff_pages = staff

    def pages(self) -> list[Page]:
        """The station's pages (a volunteer or staff member signed in may open them)."""
        return list(self._pages)

    def staff_pages(self) -> list[Page]:
        """The staff desk's childcare pages: alerts and reports."""
        return list(self._staff_pages)

    def reset(self) -> None:
        self.flow.reset()


def build_childcare(kit: Kit) -> ChildcareArea:
    """The flow with its services, printer and the station's webcam, then its pages."""
    window, parent = kit.window, kit.stack
    camera = PhotoCamera(parent)  # for a child's photo at registration
    flow = ChildcareDesk(
        window, kit.services.childcare, kit.services.members, kit.slip_desk, camera
    )
    pages: list[Page] = [
        ChildcareHomePage(window, flow, parent),
        ShiftPinPage(window, flow, parent),
        CheckInPhonePage(window, flow, parent),
        ChildrenPage(window, flow, parent),
        CheckedInPage(window, flow, parent),
        RoomPage(window, flow, parent),
        ReprintPage(window, flow, parent),
        *checkout_pages(window, flow, parent),
        *register_pages(window, flow, flow.registration, camera, parent),
    ]
    staff = staff_pages(window, flow, parent)
    flow.show_on([*pages, *staff])
    return ChildcareArea(flow, pages, staff)


def attach(kit: Kit) -> None:
    area = build_childcare(kit)
    kit.window.childcare = area.flow
    kit.window.add_area(area)
