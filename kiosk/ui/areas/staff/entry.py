"""What comes before the areas: help at the kiosk, the staff's way in (choose your name, type
your PIN) and the desk's live channel."""

from __future__ import annotations

from kiosk.ui.areas.kit import Kit
from kiosk.ui.areas.staff.flow import StaffFlow
from kiosk.ui.areas.staff.help_page import HelpPage
from kiosk.ui.areas.staff.pages import HelpCallsPage, StaffChooserPage, StaffDeskPage, StaffPinPage
from kiosk.ui.notify import LiveDesk
from kiosk.ui.voice_status import VoiceAlarm


def _help_and_sign_in(kit: Kit) -> None:
    """Help at the kiosk; staff: choose your name, type your PIN (the desk and its pages need a
    signed-in staff)."""
    window, stack = kit.window, kit.stack
    flow = StaffFlow(window, kit.services.staff)
    window.visit.hold(flow)
    help_page = HelpPage(window, stack)
    help_page.call_requested.connect(flow.call_for_help)
    help_page.guide_requested.connect(window.show_guide)
    window.add_page(help_page)
    pin_page = StaffPinPage(window, flow, stack)
    flow.pin_view = pin_page
    window.desk = StaffDeskPage(window, stack)
    window.desk.leave_kiosk.connect(window.leave_kiosk)
    window.add_page(StaffChooserPage(window, flow, stack))
    window.add_page(pin_page)
    window.add_page(window.desk)


def _live_desk(kit: Kit) -> None:
    """The desk's live channel: help calls, childcare alerts and counts reach an open desk."""
    window = kit.window
    live_desk = window.live_desk = LiveDesk(window, kit.services.session_factory)
    window.page_changed.connect(live_desk.sync)
    window.add_page(HelpCallsPage(window, kit.services.help, live_desk.answer, kit.stack))
    # A station that cannot speak calls the desks by itself.
    window.voice_alarm = VoiceAlarm(window.speaker, kit.services.help, window.settings.station_name)


def attach_help(kit: Kit) -> None:
    """What comes before the areas: help and the staff's way in."""
    _help_and_sign_in(kit)
    _live_desk(kit)
