"""Staff referring a member to a program, from the program's page: why (the reasons as pictures,
or written), when to call her to ask how it went, and the page that says the referral is made
while its slip prints. What the taps do is
:class:`kiosk.ui.areas.programs.flow.ProgramDirectory`'s."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, format_date_short
from kiosk.services.programs import ProgramNeed, ReferralInfo
from kiosk.ui.areas.programs.flow import REASONS
from kiosk.ui.pages.base import BODY_PX, Page, Shell, body_label, picture_label
from kiosk.ui.widgets.listings import action_tile
from kiosk.ui.widgets.page_kit import two_columns
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.wizard import ChoiceStepPage

STAFF = AREA_BY_KEY["staff"]
FOLLOW_UPS: tuple[tuple[int, str], ...] = (
    (7, N_("In 1 week")),
    (14, N_("In 2 weeks")),
    (30, N_("In 1 month")),
)


def follow_up_options() -> list[tuple[str, str, Callable[[], str]]]:
    """When to call her, as calendar pictures (the value: in how many days)."""
    return [(str(days), "misc.calendar", partial(_, words)) for days, words in FOLLOW_UPS]


class ReferredPage(FixedWords, Page):
    """The referral is made: who, where to, when staff will call; the slip prints."""

    page_name = "program_referred"
    icon_name = "action.print"
    colour = STAFF.colour

    title_words = N_("Referral made")
    purpose_words = N_("The referral slip is printing. Give it to her.")

    print_again = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.referral: ReferralInfo | None = None
        left, right = two_columns(self)
        left.addStretch(1)
        left.addWidget(picture_label("action.print", 96, self))
        self.summary = body_label("", self, px=BODY_PX)
        self.summary.setObjectName("program_referred_summary")
        left.addWidget(self.summary)
        left.addStretch(1)
        self.again = action_tile(
            shell, self, right, "program_referred_again", "action.print",
            (_("Print again"), _("Print the referral slip again")), STAFF.colour,
            self.print_again,
        )  # fmt: skip

    def show_referral(self, referral: ReferralInfo) -> None:
        self.referral = referral

    def entered(self) -> None:
        referral = self.referral
        self.again.setVisible(referral is not None)
        if referral is None:
            self.summary.setText(_("No referral yet."))
            return
        lines = [
            referral.member_name,
            referral.program,
            _("Follow-up: {date}").format(date=format_date_short(referral.follow_up_on))
            if referral.follow_up_on
            else "",
            _("The referral slip is printing. Give it to her."),
        ]
        self.summary.setText("\n".join(line for line in lines if line))

    def reset(self) -> None:
        self.referral = None


class ReasonPage(ChoiceStepPage):
    """The reasons as pictures; the first is the program's own need, with its picture."""

    def __init__(
        self,
        shell: Shell,
        need: Callable[[], ProgramNeed],
        words: Callable[[str], str],
        on_choice: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        self.need = need
        super().__init__(
            shell,
            "program_refer_reason",
            "area.programs",
            lambda: _("Why do you refer her?"),
            lambda: _("Touch the reason, or write another one."),
            [(key, icon, partial(words, key)) for key, icon, _phrase in REASONS],
            on_choice,
            parent=parent,
        )

    def entered(self) -> None:
        key, _icon, words = self.options[0]
        self.options[0] = (key, f"need.{self.need().value}", words)
        super().entered()


def when_page(
    shell: Shell,
    name: str,
    title: Callable[[], str],
    purpose: Callable[[], str],
    on_choice: Callable[[str], None],
    parent: QWidget | None = None,
) -> ChoiceStepPage:
    """When to call her (again): in a week, two weeks or a month."""
    options: Sequence[tuple[str, str, Callable[[], str]]] = follow_up_options()
    return ChoiceStepPage(
        shell, name, "misc.calendar", title, purpose, options, on_choice, parent=parent
    )
