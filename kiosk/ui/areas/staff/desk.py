"""The staff desk's tiles: pending work with counts first, then each area's lists and tools."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.i18n import N_, _

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


def build_desk(window: MainWindow) -> None:
    """The desk's tiles: pending work with counts first, then each area's lists."""
    desk = window.desk

    def counted(words: str, count: Callable[[], int]) -> Callable[[], str]:
        return lambda: _(words).format(count=count())

    desk.add_tile(
        "desk_help",
        "help",
        counted(N_("Help calls: {count}"), lambda: len(window.help_calls.open_calls())),
        lambda: window.open("staff_help_calls"),
    )
    desk.add_tile(
        "desk_print",
        "action.print",
        counted(N_("To print: {count}"), lambda: len(window.vouchers.waiting())),
        lambda: window.open("staff_print_queue"),
    )
    trainings = window.training_desk.service
    desk.add_tile(
        "desk_call",
        "action.phone",
        counted(N_("To call: {count}"), lambda: len(trainings.to_call())),
        lambda: window.open("staff_call"),
    )
    desk.add_tile(
        "desk_trade",
        "area.trade",
        counted(N_("To approve: {count}"), window.trade_desk.pending_count),
        lambda: window.open("staff_trade"),
    )
    programs = window.programs.programs
    desk.add_tile(
        "desk_referrals",
        "staff.follow_up",
        counted(N_("Follow-up: {count}"), programs.due_count),
        lambda: window.open("staff_referrals"),
    )
    desk.add_tile(
        "desk_childcare",
        "area.childcare",
        counted(N_("Childcare alerts: {count}"), window.childcare.service.alert_count),
        lambda: window.open("staff_childcare_alerts"),
    )
    desk.add_tile(
        "desk_jobs_to_complete",
        "area.jobs",
        counted(N_("To complete: {count}"), window.job_desk.service.to_complete_count),
        lambda: window.open("staff_jobs_to_complete"),
    )
    # --- each area's lists and tools (areas add theirs above this line) ---
    desk.add_tile(
        "desk_check",
        "misc.waitlist",
        lambda: _("Check a slip"),
        lambda: window.open("staff_voucher_check"),
    )
    desk.add_tile("desk_jobs", "area.jobs", lambda: _("Jobs"), lambda: window.open("staff_jobs"))
    desk.add_tile(
        "desk_trainings",
        "area.trainings",
        lambda: _("Courses"),
        lambda: window.open("staff_trainings"),
    )
    desk.add_tile(
        "desk_door", "action.sign_up", lambda: _("Course door"), lambda: window.open("staff_door")
    )
    desk.add_tile(
        "desk_programs",
        "area.programs",
        counted(N_("Programs\nTo confirm: {count}"), programs.stale_count),
        lambda: window.open("staff_programs"),
    )
    desk.add_tile(
        "desk_childcare_reports",
        "misc.calendar",
        lambda: _("Childcare reports"),
        lambda: window.open("staff_childcare_reports"),
    )
    desk.add_tile(
        "desk_members", "misc.people", lambda: _("Members"), lambda: window.open("staff_members")
    )
    desk.add_tile(
        "desk_savings", "need.ahorro", lambda: _("Savings"), lambda: window.open("staff_savings")
    )
    desk.add_tile(
        "desk_reports",
        "staff.reports",
        lambda: _("Reports"),
        lambda: window.open("staff_reports"),
    )
    desk.add_tile(
        "desk_settings",
        "staff.settings",
        lambda: _("Settings"),
        lambda: window.open("staff_settings"),
    )
