"""Ahorro's groups at the desk, the pages: the groups, one group and its rules, a tanda's
turns, the treasurer and her PIN, and the new group's questions one a page. What each touch
does is the flow's (kiosk.ui.areas.savings.groups_flow)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.services.savings import GroupInfo, MemberLine, SavingsKind
from kiosk.ui.areas.savings.common import SAVINGS_COLOUR, SAVINGS_ICON, woman_picture
from kiosk.ui.areas.savings.groups_flow import (
    GROUP_STEPS,
    RULE_STEPS,
    WEEKDAY_PICTURES,
    WEEKDAYS,
    GroupsFlow,
    rules_words,
    step_page,
)
from kiosk.ui.areas.savings.meeting_pages import GroupTilesPage, SavingsPage, SavingsTilePage
from kiosk.ui.pages.base import Page, Shell, body_label, choice_tile, picture_label
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad
from kiosk.ui.widgets.columns import hbox
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, StepPage, TextStepPage


class GroupListPage(FixedWords, GroupTilesPage[GroupsFlow]):
    """The groups, with "New group" and "Save the report" first."""

    page_name = "staff_savings_groups"
    per_page = 4
    empty_text = N_("No savings group yet.")
    title_words = N_("Savings groups")
    purpose_words = N_("Touch a group, or make a new one.")

    def lead_tiles(self) -> list[BigTile]:
        self.new_tile = self.lead("savings_new_group", "action.sign_up", self.flow.new_group)
        self.csv_tile = self.lead("savings_save_csv", "action.export", self.flow.save_csv)
        return [self.new_tile, self.csv_tile]

    def entered(self) -> None:
        self.new_tile.set_words(_("New group"), _("Make a new savings group"))
        self.csv_tile.set_words(_("Save report"), _("Save the savings report as a spreadsheet"))
        # A treasurer keeps her own group: new groups and every group's figures are staff's.
        staff = self.flow.treasurer_id() is None
        self.new_tile.setVisible(staff)
        self.csv_tile.setVisible(staff)
        super().entered()


class GroupPage(SavingsPage[GroupsFlow]):
    """One group: its rules in words, "New rules" and, for a tanda, its turns."""

    page_name = "staff_savings_group"
    purpose_words = N_("Touch New rules to change them: that starts a new cycle.")

    def build(self) -> None:
        layout = hbox(self, MIN_GAP_PX * 3)
        self.summary = body_label("", self)
        self.summary.setObjectName("savings_group_summary")
        layout.addWidget(self.summary, 3)
        column = QVBoxLayout()
        column.setSpacing(MIN_GAP_PX * 2)
        self.rules_tile = choice_tile(
            self.shell, self, "savings_new_rules", "action.keypad", colour=SAVINGS_COLOUR
        )
        self.rules_tile.activated.connect(self.flow.new_rules)
        self.turns_tile = choice_tile(
            self.shell, self, "savings_turns", "misc.people", colour=SAVINGS_COLOUR
        )
        self.turns_tile.activated.connect(lambda: self.shell.open("staff_savings_turns"))
        self.treasurer_tile = choice_tile(
            self.shell, self, "savings_treasurer", "action.member_card", colour=SAVINGS_COLOUR
        )
        self.treasurer_tile.activated.connect(lambda: self.shell.open("staff_savings_treasurer"))
        column.addWidget(self.rules_tile)
        column.addWidget(self.turns_tile)
        column.addWidget(self.treasurer_tile)
        layout.addLayout(column, 2)

    def title(self) -> str:
        return self.flow.group.name if self.flow.group is not None else _("Savings")

    def entered(self) -> None:
        group = self.flow.group
        self.rules_tile.set_words(_("New rules"), _("New rules start a new cycle"))
        self.turns_tile.set_words(_("Turns"), _("The order of turns"))
        self.turns_tile.setVisible(group is not None and group.kind is SavingsKind.TANDA)
        self.treasurer_tile.set_words(_("Treasurer"), _("Choose the treasurer and her PIN"))
        # Choosing the treasurer is staff's: a treasurer cannot hand her PIN on herself.
        self.treasurer_tile.setVisible(self.flow.treasurer_id() is None)
        self.summary.setText(rules_words(group) if group is not None else "")


class TurnsPage(FixedWords, SavingsTilePage[GroupsFlow]):
    """A tanda's order of turns as numbered faces, with "Draw turns" and "Print cards"."""

    page_name = "staff_savings_turns"
    icon_name = "misc.people"
    tile_icon = "misc.people"
    per_page = 4
    title_words = N_("Turns")
    purpose_words = N_("Touch Draw to draw the turns in front of the group.")

    def lead_tiles(self) -> list[BigTile]:
        self.draw_tile = self.lead("savings_draw", "action.retry", self.flow.draw_turns)
        self.cards_tile = self.lead("savings_cards", "action.print", self.flow.print_cards)
        return [self.draw_tile, self.cards_tile]

    def entered(self) -> None:
        self.draw_tile.set_words(_("Draw turns"), _("Draw the order of turns"))
        self.cards_tile.set_words(_("Print cards"), _("Print each woman's turn card"))
        super().entered()

    def items(self) -> list[MemberLine]:
        if self.flow.group is None:
            return []
        return sorted(self.flow.group.members, key=lambda m: m.position)

    def words(self, item: Any) -> str:
        return f"{item.position}. {item.name or _('Member')}"

    def icon(self, item: Any) -> str:
        return woman_picture(item.position)

    def chosen(self, item: Any) -> None:
        self.shell.speaker.say(self.words(item))


class TreasurerPage(FixedWords, SavingsTilePage[GroupsFlow]):
    """Which woman of the group keeps the box: then her own PIN."""

    page_name = "staff_savings_treasurer"
    icon_name = "action.member_card"
    tile_icon = "misc.people"
    savings_page = False  # choosing the treasurer is staff's
    title_words = N_("Treasurer")
    purpose_words = N_("Touch the woman who keeps the box.")

    def items(self) -> list[object]:
        group = self.flow.group
        return [] if group is None else [m for m in group.members if m.name]

    def words(self, item: Any) -> str:
        return f"✓ {item.name}" if item.is_treasurer else str(item.name)

    def icon(self, item: Any) -> str:
        return woman_picture(item.position)

    def chosen(self, item: Any) -> None:
        self.flow.choose_treasurer(item.membership_id)


class PhonesPage(StepPage):
    """The women by phone: each one found is added and shown by her first name."""

    colour = SAVINGS_COLOUR
    staff_only = True

    def __init__(self, shell: Shell, flow: GroupsFlow, parent: QWidget | None = None) -> None:
        super().__init__(
            shell,
            step_page("phones"),
            "action.phone",
            lambda: _("The women"),
            lambda: _("Type each woman's phone and touch ✓. Then touch Ready."),
            parent,
        )
        self.flow = flow
        layout = hbox(self, MIN_GAP_PX * 3)
        left = QVBoxLayout()
        self.names = body_label("", self, px=28, bold=True)
        self.names.setObjectName("savings_phones_names")
        left.addWidget(self.names, 1)
        self.ready = choice_tile(
            shell, self, "savings_phones_ready", "action.yes", colour="#2e7d32"
        )
        self.ready.activated.connect(self._ready)
        left.addWidget(self.ready)
        layout.addLayout(left, 2)
        self.keypad = NumericKeypad(
            max_length=10, min_length=10, grouping=(3, 3, 4), speaker=shell.speaker, parent=self
        )
        self.keypad.submitted.connect(self._phone)
        layout.addWidget(self.keypad, 3)

    def entered(self) -> None:
        self.ready.set_words(_("All in"), _("All the women are in"))
        self._show()
        self.keypad.setFocus()

    def reset(self) -> None:
        self.keypad.clear()

    def _show(self) -> None:
        names = self.flow.draft.first_names
        self.names.setText(
            "\n".join(f"{i}. {name}" for i, name in enumerate(names, start=1))
            if names
            else _("No woman yet.")
        )

    def _phone(self, phone: str) -> None:
        if self.flow.add_phone(phone):
            self.keypad.clear()
        self._show()

    def _ready(self) -> None:
        if not self.flow.draft.phones:
            self.shell.show_error(_("Type at least one woman's phone."), "action.phone")
            return
        self.flow.next_step("phones")


class PinPage(StepPage):
    """The treasurer types her own PIN, shown as dots and never spoken."""

    colour = SAVINGS_COLOUR
    staff_only = True

    def __init__(
        self, shell: Shell, on_pin: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            shell,
            "staff_savings_treasurer_pin",
            "action.keypad",
            lambda: _("Treasurer's PIN"),
            lambda: _("She types her own PIN, 4 to 8 digits, and touches ✓."),
            parent,
        )
        layout = hbox(self, MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.addStretch(1)
        left.addWidget(picture_label("action.keypad", 128, self))
        self.prompt = body_label("", self, px=32, bold=True)
        left.addWidget(self.prompt)
        left.addStretch(1)
        layout.addLayout(left, 2)
        # Not spoken: the room hears the PIN otherwise.
        self.keypad = NumericKeypad(
            max_length=8, min_length=4, grouping=(), secret=True, speaker=None, parent=self
        )
        self.keypad.submitted.connect(on_pin)
        layout.addWidget(self.keypad, 3)

    def entered(self) -> None:
        self.prompt.setText(self.purpose())
        self.keypad.setFocus()

    def reset(self) -> None:
        self.keypad.clear()


class ReviewPage(StepPage):
    """Everything the wizard gathered, and ✓ to save it."""

    colour = SAVINGS_COLOUR
    staff_only = True

    def __init__(self, shell: Shell, flow: GroupsFlow, parent: QWidget | None = None) -> None:
        super().__init__(
            shell,
            "staff_savings_new_review",
            "action.yes",
            lambda: _("Check the group"),
            self._purpose_words,
            parent,
        )
        self.flow = flow
        layout = hbox(self, MIN_GAP_PX * 3)
        self.summary = body_label("", self)
        self.summary.setObjectName("savings_review_summary")
        layout.addWidget(self.summary, 3)
        self.save_tile = choice_tile(
            shell, self, "savings_review_save", "action.yes", colour="#2e7d32"
        )
        self.save_tile.activated.connect(flow.save)
        layout.addWidget(self.save_tile, 2)

    def _purpose_words(self) -> str:
        if self.flow.draft.group_id is not None:
            return _("These rules start a new cycle. Touch ✓ to save them.")
        return _("Check the group, then touch ✓.")

    def entered(self) -> None:
        draft = self.flow.draft
        self.save_tile.set_words(_("Save"), self._purpose_words())
        group = GroupInfo(
            id=draft.group_id or 0,
            name=draft.name,
            kind=draft.kind,
            meeting_weekday=draft.weekday,
            frequency_days=draft.frequency_days,
            cycle_id=0,
            cycle_number=0,
            rules=draft.rules(),
            members=(),
        )
        lines = [draft.name]
        if draft.group_id is None:
            kind = _("Tanda") if draft.kind is SavingsKind.TANDA else _("Savings box")
            often = _("every week") if draft.frequency_days == 7 else _("every two weeks")
            lines += [
                f"{kind} · {_(WEEKDAYS[draft.weekday])}, {often}",
                ", ".join(draft.first_names),
            ]
        else:
            lines.append(_("New cycle"))
        # The cycle and women lines of the group's summary do not apply to a draft.
        lines += rules_words(group).split("\n")[2:]
        self.summary.setText("\n".join(lines))


# The rules asked on a keypad: the title and question of each (the usual value already typed).
NUMBER_STEPS = {
    "share": (N_("Share value"), N_("How many pesos is one share? Touch ✓.")),
    "social": (N_("Social fund"), N_("Pesos for the social fund each meeting. Touch ✓.")),
    "charge": (N_("Service charge"), N_("Percent a month on loans. Touch ✓.")),
    "multiple": (
        N_("Loan limit"),
        N_("She may borrow up to how many times her savings? Touch ✓."),
    ),
    "months": (N_("Longest loan"), N_("The longest loan, in months. Touch ✓.")),
    "fine_absent": (N_("Fine for missing"), N_("Pesos if she misses a meeting. Touch ✓.")),
    "fine_late": (N_("Fine for lateness"), N_("Pesos if she pays late. Touch ✓.")),
    "meetings": (N_("Cycle length"), N_("How many meetings in the cycle? Touch ✓.")),
}


def _choice_step(
    shell: Shell,
    step: str,
    icon: str,
    words: tuple[str, str],
    choices: Sequence[tuple[str, str, Callable[[], str]]],
    then: Callable[[str], None],
    parent: QWidget | None,
) -> ChoiceStepPage:
    title, question = words
    return ChoiceStepPage(
        shell,
        step_page(step),
        icon,
        partial(_, title),
        partial(_, question),
        choices,
        then,
        parent=parent,
    )


def _choice_steps(shell: Shell, flow: GroupsFlow, parent: QWidget | None) -> dict[str, Page]:
    """The questions answered with a tile: the kind, the day, how often, how many shares."""
    days = [(str(i), WEEKDAY_PICTURES[i], partial(_, day)) for i, day in enumerate(WEEKDAYS)]
    kinds = [
        (SavingsKind.CAJA.value, SAVINGS_ICON, partial(_, N_("Savings box"))),
        (SavingsKind.TANDA.value, "misc.people", partial(_, N_("Tanda"))),
    ]
    often = [
        ("7", "number.1", partial(_, N_("Every week"))),
        ("14", "number.2", partial(_, N_("Every two weeks"))),
    ]
    shares = [(str(n), f"number.{n}", partial(str, n)) for n in range(1, 6)]
    asked = {
        "kind": (SAVINGS_ICON, N_("New group"), N_("Is it a savings box or a tanda?"), kinds),
        "weekday": ("misc.calendar", N_("Meeting day"), N_("Which day does the group meet?"), days),
        "frequency": (
            "misc.calendar",
            N_("How often"),
            N_("How often does the group meet?"),
            often,
        ),
        "shares": (
            SAVINGS_ICON,
            N_("Shares per meeting"),
            N_("How many shares may a woman buy at a meeting?"),
            shares,
        ),
    }
    answers: dict[str, Callable[[str], None]] = {
        "kind": flow.kind,
        "weekday": flow.weekday,
        "frequency": flow.frequency,
        "shares": partial(flow.rule, "shares"),
    }
    return {
        step: _choice_step(shell, step, icon, (title, question), choices, answers[step], parent)
        for step, (icon, title, question, choices) in asked.items()
    }


def _number_steps(shell: Shell, flow: GroupsFlow, parent: QWidget | None) -> dict[str, Page]:
    return {
        key: NumberStepPage(
            shell,
            step_page(key),
            "misc.money" if key != "meetings" else "misc.calendar",
            partial(_, title),
            partial(_, purpose),
            partial(flow.rule, key),
            partial(flow.rule_text, key),
            max_length=6,
            parent=parent,
        )
        for key, (title, purpose) in NUMBER_STEPS.items()
    }


def build_group_pages(shell: Shell, flow: GroupsFlow, parent: QWidget | None) -> list[Page]:
    """The group pages, the wizard's in its order; the flow is handed those it repaints."""
    name = TextStepPage(
        shell,
        step_page("name"),
        "misc.people",
        lambda: _("New group"),
        lambda: _("Write the group's name."),
        flow.name,
        lambda: flow.draft.name or None,
        max_length=80,
        parent=parent,
    )
    steps = _choice_steps(shell, flow, parent) | _number_steps(shell, flow, parent)
    steps |= {"name": name, "phones": PhonesPage(shell, flow, parent)}
    turns, pin = TurnsPage(shell, flow, parent), PinPage(shell, flow.treasurer_pin, parent)
    flow.turns, flow.pin = turns, pin
    treasurer = TreasurerPage(shell, flow, parent)
    pages: list[Page] = [GroupListPage(shell, flow, parent), GroupPage(shell, flow, parent), turns]
    pages += [steps[s] for s in (*GROUP_STEPS, *RULE_STEPS)]
    pages += [ReviewPage(shell, flow, parent), treasurer, pin]
    for page in pages:
        # The treasurer's own choice and PIN are staff's; the rest she may open.
        page.savings_page = page not in (treasurer, pin)
    return pages
