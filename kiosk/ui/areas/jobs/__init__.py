"""Jobs: the member's job bank and the staff's postings. The pages are built here and wired to
the area's flows (:mod:`kiosk.ui.areas.jobs.flow`)."""

from __future__ import annotations

from kiosk.i18n import _
from kiosk.ui.areas.jobs.flow import BankPages, DeskPages, JobBank, JobDesk
from kiosk.ui.areas.jobs.member_pages import (
    JobDetailPage,
    JobsListPage,
    JobsMattersPage,
    JobsPage,
)
from kiosk.ui.areas.jobs.staff_pages import (
    ASKS,
    LAST_DAY,
    FlagsStepPage,
    StaffJobPage,
    StaffJobsPage,
    ToCompletePage,
    review_lines,
)
from kiosk.ui.areas.kit import AreaPages, Kit
from kiosk.ui.widgets.listings import CheckStepPage, ask_pages
from kiosk.ui.widgets.wizard import NumberStepPage


def attach(kit: Kit) -> None:
    window = kit.window
    window.job_bank = build_bank(kit)
    window.job_desk = build_desk(kit)


def build_bank(kit: Kit) -> JobBank:
    """The member's pages: what matters, the kinds, a kind's jobs, the job."""
    window, services, parent = kit.window, kit.services, kit.stack
    matters = JobsMattersPage(window, parent)
    kinds = JobsPage(window, services.jobs.category_counts, parent)
    jobs = JobsListPage(window, services.jobs.list_jobs, parent)
    detail = JobDetailPage(window, parent)
    bank = JobBank(
        window, services.jobs, services.vouchers, kit.slip_desk, BankPages(kinds, jobs, detail)
    )
    matters.chose.connect(bank.chose_matter)
    kinds.chose.connect(bank.chose_category)
    jobs.interested.connect(bank.interested)
    detail.print_slip.connect(bank.print_job)
    window.add_area(AreaPages([matters, kinds, jobs, detail], [], bank.reset))
    return bank


def build_desk(kit: Kit) -> JobDesk:
    """The desk's pages: the postings, one posting, the days to reopen, the wizard, the
    postings to complete."""
    window, services, parent = kit.window, kit.services, kit.stack
    desk: JobDesk  # made below, once its pages are; the pages' taps reach it then
    postings = StaffJobsPage(window, services.jobs.staff_list, parent)
    posting = StaffJobPage(window, lambda: desk.current(), parent)
    days = NumberStepPage(
        window,
        "staff_job_days",
        "misc.calendar",
        lambda: _("Days to stay open"),
        lambda: _("The last day has passed. Type for how many days it stays open (1 to 90)."),
        lambda text: desk.reopen_with_days(text),
        max_length=2,
        parent=parent,
    )
    to_complete = ToCompletePage(window, services.jobs.to_complete_list, parent)
    steps = ask_pages(
        window,
        (*ASKS, LAST_DAY),
        lambda key, value: desk.store(key, value),
        lambda key: desk.wizard.get(key),
        parent,
    )
    flags = FlagsStepPage(
        window, lambda key: desk.wizard.get(key) is True, lambda key: desk.toggle_flag(key), parent
    )
    review = CheckStepPage(
        window,
        "staff_job_review",
        lambda: _("Check the posting"),
        lambda: _("Check what you wrote, then touch Save."),
        _("Save the posting"),
        lambda: review_lines(desk.wizard.get, desk.last_day(), desk.top_pay()),
        parent=parent,
    )
    wizard = [*(steps[ask.name] for ask in ASKS), flags, steps[LAST_DAY.name], review]
    desk = JobDesk(
        window, services.jobs, services.job_folder, DeskPages(postings, posting, days, wizard)
    )
    postings.new.connect(lambda: desk.start_wizard(None))
    postings.chose.connect(desk.show_job)
    postings.import_files.connect(desk.import_folder)
    postings.export_files.connect(lambda: desk.export_folder())
    posting.close_tile.activated.connect(desk.close_job)
    posting.reopen_tile.activated.connect(desk.reopen_job)
    posting.edit_tile.activated.connect(desk.edit)
    flags.next.connect(lambda: desk.store("flags", True))
    review.save.connect(desk.save)
    to_complete.chose.connect(desk.complete)
    staff_pages = [postings, posting, days, to_complete, *wizard]
    window.add_area(AreaPages([], staff_pages, desk.reset))
    return desk
