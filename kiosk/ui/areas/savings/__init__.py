"""Savings groups and tandas, kept at the staff desk: a group's meeting (its flow and pages)
and the groups themselves (new group, rules, turns, the report)."""

from __future__ import annotations

from kiosk.services.staff import StaffInfo
from kiosk.ui.areas.kit import AreaPages, Kit
from kiosk.ui.areas.savings.flow import Desk, SavingsFlow, Views
from kiosk.ui.areas.savings.group_pages import build_group_pages
from kiosk.ui.areas.savings.groups_flow import GroupsFlow
from kiosk.ui.areas.savings.loan_pages import CorrectPage, LoanPage, ReasonPage, ShareOutPage
from kiosk.ui.areas.savings.meeting_pages import (
    CashPage,
    GroupsPage,
    MeetingPage,
    TurnPage,
    TurnView,
)
from kiosk.ui.pages.base import Page


def desk(kit: Kit) -> Desk:
    """What both savings flows are handed; who is signed in is read at each step."""
    window = kit.window

    def signed_in() -> StaffInfo | None:
        return window.visit.staff

    return Desk(window, kit.services.savings, kit.slip_desk.print_slip, kit.staff_id, signed_in)


def build_meeting(kit: Kit) -> tuple[SavingsFlow, list[Page]]:
    """The meeting's flow, its pages, and the pages it repaints."""
    window = kit.window
    flow = SavingsFlow(desk(kit))
    parent = kit.stack
    meeting, turn, cash = (
        MeetingPage(window, flow, parent),
        TurnPage(window, flow, parent),
        CashPage(window, flow, parent),
    )
    flow.views = Views(meeting=meeting, turn=TurnView(turn), cash=cash)
    pages = [GroupsPage(window, flow, parent), meeting, turn]
    pages += [LoanPage(window, flow, parent), cash, CorrectPage(window, flow, parent)]
    pages += [ReasonPage(window, flow, parent), ShareOutPage(window, flow, parent)]
    return flow, pages


def attach(kit: Kit) -> None:
    window, services = kit.window, kit.services
    window.savings_desk, pages = build_meeting(kit)
    window.add_area(AreaPages([], pages, window.savings_desk.reset))
    window.savings_groups = GroupsFlow(desk(kit), services.members, window.settings.data_dir)
    groups = build_group_pages(window, window.savings_groups, kit.stack)
    window.add_area(AreaPages([], groups, window.savings_groups.reset))
