"""Members: signing in (keypad, card scanner, card camera), registering, her privacy choices,
and the staff's member pages."""

from __future__ import annotations

from kiosk.services.cards import CARD_PREFIX
from kiosk.ui.areas.kit import AreaPages, Kit
from kiosk.ui.areas.members.desk_flow import MemberDeskFlow
from kiosk.ui.areas.members.desk_pages import build_member_desk
from kiosk.ui.areas.members.signin_flow import SignInFlow
from kiosk.ui.areas.members.signin_pages import (
    CardCameraPage,
    ConfirmMemberPage,
    PrivacyPage,
    RegisterNamePage,
    SignInPage,
)
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.scanner import CardScanner


def attach(kit: Kit) -> None:
    window, services, stack = kit.window, kit.services, kit.stack
    # Member cards: read by a USB scanner anywhere in the window, or by the camera.
    window.card_scanner = CardScanner(CARD_PREFIX, window)
    window.card_scanner.scanned.connect(window.card_read)
    window.input_events.add(window.card_scanner)
    card_camera = PhotoCamera(window)
    flow = SignInFlow(window, services.members, privacy=services.privacy, print_card=kit.print_card)
    window.visit.hold(flow)  # the notice's version she was shown goes with her visit
    window.add_page(SignInPage(window, flow, stack, camera=card_camera))
    window.add_page(CardCameraPage(window, card_camera, window.card_read, stack))
    window.add_page(ConfirmMemberPage(window, flow, stack))
    window.add_page(RegisterNamePage(window, flow, stack))
    window.add_page(PrivacyPage(window, flow, stack))
    window.member_pages = MemberDeskFlow(
        window,
        services.member_desk,
        kit.staff_id,
        window.visit,
        refer=window.programs.refer_member,
        privacy=services.privacy,
        print_slip=kit.slip_desk.print_slip,
        print_card=kit.print_card,
    )
    desk = build_member_desk(window, window.member_pages, stack)
    window.add_area(AreaPages([], desk, window.member_pages.reset))
