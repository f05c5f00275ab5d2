"""Programs: the directory a member looks through, referrals, and the staff's listings. The
pages are built here and wired to the area's flows (:mod:`kiosk.ui.areas.programs.flow`)."""

from __future__ import annotations

from kiosk.i18n import _
from kiosk.ui.areas.kit import AreaPages, Kit
from kiosk.ui.areas.programs.flow import (
    DirectoryPages,
    ProgramDesk,
    ProgramDeskPages,
    ProgramDirectory,
)
from kiosk.ui.areas.programs.member_pages import ProgramDetailPage, ProgramsListPage, ProgramsPage
from kiosk.ui.areas.programs.referral_pages import ReasonPage, ReferredPage, when_page
from kiosk.ui.areas.programs.staff_pages import (
    ASKS_AFTER_PAPERS,
    ASKS_BEFORE_PAPERS,
    DocumentsStepPage,
    FollowUpsPage,
    ReferralPage,
    StaffProgramPage,
    StaffProgramsPage,
    review_lines,
)
from kiosk.ui.pages.base import Page
from kiosk.ui.widgets.listings import CheckStepPage, ask_pages
from kiosk.ui.widgets.wizard import TextStepPage


def attach(kit: Kit) -> None:
    window = kit.window
    window.programs = build_directory(kit)
    window.program_desk = build_desk(kit)


def build_directory(kit: Kit) -> ProgramDirectory:
    """The member's pages (a need, its programs, a program) and the staff's referral steps."""
    window, services, parent = kit.window, kit.services, kit.stack
    directory: ProgramDirectory  # made below, once its pages are; the taps reach it then
    needs = ProgramsPage(window, services.programs.need_counts, parent)
    programs = ProgramsListPage(window, services.programs.list_programs, parent)
    detail = ProgramDetailPage(window, parent)
    reason = ReasonPage(
        window,
        lambda: directory.need(),
        lambda key: directory.reason_words(key),
        lambda key: directory.reason_chosen(key),
        parent,
    )
    written = TextStepPage(
        window,
        "program_refer_text",
        "action.keyboard",
        lambda: _("The reason"),
        lambda: _("Write why you refer her and touch the green button."),
        lambda text: directory.reason_written(text),
        lambda: None,
        max_length=200,
        parent=parent,
    )
    when = when_page(
        window,
        "program_refer_when",
        lambda: _("When to call her?"),
        lambda: _("Touch when we call her to ask how it went."),
        lambda days: directory.when_chosen(days),
        parent,
    )
    referred = ReferredPage(window, parent)
    directory = ProgramDirectory(
        window,
        services.programs,
        services.vouchers,
        kit.slip_desk,
        DirectoryPages(needs, programs, detail, [reason, written, when], referred),
    )
    needs.chose.connect(directory.chose_need)
    programs.chose.connect(directory.show_program)
    detail.refer.connect(directory.start_referral)
    detail.print_sheet.connect(directory.print_sheet)
    referred.print_again.connect(directory.print_again)
    staff = [reason, written, when, referred]
    window.add_area(AreaPages([needs, programs, detail], staff, directory.reset))
    return directory


def build_desk(kit: Kit) -> ProgramDesk:
    """The desk's pages: the follow-up calls, one referral, when to call again, the programs,
    one program, the wizard."""
    window, services, parent = kit.window, kit.services, kit.stack
    desk: ProgramDesk  # made below, once its pages are; the taps reach it then
    follow_ups = FollowUpsPage(window, services.programs.due_referrals, parent)
    referral = ReferralPage(window, lambda: desk.current_referral(), parent)
    again = when_page(
        window,
        "staff_referral_when",
        lambda: _("When to call her again?"),
        lambda: _("Touch when we call her again."),
        lambda days: desk.again_chosen(days),
        parent,
    )
    listing = StaffProgramsPage(
        window, services.programs.staff_list, services.programs.stale_count, parent
    )
    program = StaffProgramPage(window, lambda: desk.current(), parent)
    asks = ask_pages(
        window,
        (*ASKS_BEFORE_PAPERS, *ASKS_AFTER_PAPERS),
        lambda key, value: desk.store(key, value),
        lambda key: desk.wizard.values.get(key),
        parent,
    )
    papers = DocumentsStepPage(
        window, lambda: desk.wizard.values.get("required_documents") or (), parent
    )
    review = CheckStepPage(
        window,
        "staff_program_review",
        lambda: _("Check the program"),
        lambda: _("Check what you wrote, then touch Save."),
        _("Save the program"),
        lambda: review_lines(desk.wizard.values.get, desk.address(), desk.schedule()[0]),
        px=24,
        parent=parent,
    )
    before = [asks[ask.name] for ask in ASKS_BEFORE_PAPERS]
    wizard = [*before, papers, *(asks[ask.name] for ask in ASKS_AFTER_PAPERS), review]
    desk = ProgramDesk(window, services.programs, ProgramDeskPages(again, program, wizard))
    follow_ups.chose.connect(desk.show_referral)
    referral.chose.connect(desk.outcome_chosen)
    listing.new.connect(lambda: desk.start_wizard(None))
    listing.chose.connect(desk.show_program)
    program.confirm_tile.activated.connect(desk.confirm_program)
    program.edit_tile.activated.connect(desk.edit)
    program.hide_tile.activated.connect(desk.toggle_active)
    papers.done_choosing.connect(lambda kept: desk.store("required_documents", kept))
    review.save.connect(desk.save)
    staff: list[Page] = [follow_ups, referral, again, listing, program, *wizard]
    window.add_area(AreaPages([], staff, desk.reset))
    return desk
