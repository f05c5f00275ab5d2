"""The staff desk's tiles: pending work with counts first, then each area's lists and tools."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from kiosk.i18n import N_, _

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

Count = Callable[[], int]


def _counts(window: MainWindow) -> dict[str, Count]:
    """How much pending work each counted tile shows, read each time the desk opens."""
    trainings = window.training_desk.service
    programs = window.programs.programs
    return {
        "desk_help": lambda: len(window.help_calls.open_calls()),
        "desk_print": lambda: len(window.vouchers.waiting()),
        "desk_call": lambda: len(trainings.to_call()),
        "desk_trade": window.trade_desk.pending_count,
        "desk_referrals": programs.due_count,
        "desk_childcare": window.childcare.service.alert_count,
        "desk_jobs_to_complete": window.job_desk.service.to_complete_count,
        "desk_programs": programs.stale_count,
    }


# The desk's tiles in their order (a tile keeps its place): name, picture, words (with the
# count where the tile has one) and the page it opens. Pending work first, then each area's
# lists and tools.
DESK_TILES: tuple[tuple[str, str, str, str], ...] = (
    ("desk_help", "help", N_("Help calls: {count}"), "staff_help_calls"),
    ("desk_print", "action.print", N_("To print: {count}"), "staff_print_queue"),
    ("desk_call", "action.phone", N_("To call: {count}"), "staff_call"),
    ("desk_trade", "area.trade", N_("To approve: {count}"), "staff_trade"),
    ("desk_referrals", "staff.follow_up", N_("Follow-up: {count}"), "staff_referrals"),
    ("desk_childcare", "area.childcare", N_("Childcare alerts: {count}"), "staff_childcare_alerts"),
    ("desk_jobs_to_complete", "area.jobs", N_("To complete: {count}"), "staff_jobs_to_complete"),
    # --- each area's lists and tools ---
    ("desk_check", "misc.waitlist", N_("Check a slip"), "staff_voucher_check"),
    ("desk_jobs", "area.jobs", N_("Jobs"), "staff_jobs"),
    ("desk_trainings", "area.trainings", N_("Courses"), "staff_trainings"),
    ("desk_door", "action.sign_up", N_("Course door"), "staff_door"),
    ("desk_programs", "area.programs", N_("Programs\nTo confirm: {count}"), "staff_programs"),
    ("desk_childcare_reports", "misc.calendar", N_("Childcare reports"), "staff_childcare_reports"),
    ("desk_members", "misc.people", N_("Members"), "staff_members"),
    ("desk_savings", "need.ahorro", N_("Savings"), "staff_savings"),
    ("desk_reports", "staff.reports", N_("Reports"), "staff_reports"),
    ("desk_settings", "staff.settings", N_("Settings"), "staff_settings"),
)


def _words(words: str, count: Count | None) -> str:
    return _(words).format(count=count()) if count is not None else _(words)


def build_desk(window: MainWindow) -> None:
    """The desk's tiles: pending work with counts first, then each area's lists."""
    counts = _counts(window)
    for name, icon, words, page in DESK_TILES:
        window.desk.add_tile(
            name, icon, partial(_words, words, counts.get(name)), partial(window.open, page)
        )
