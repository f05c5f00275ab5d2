"""Ahorro's groups at the desk: a new group one question a page, new rules (a new cycle), a
tanda's turns drawn in front of the group and its turn cards printed, the savings figures saved
as a spreadsheet.

New group: kind (caja or tanda) → name → the women by phone (each found one shown by her first
name) → meeting day → how often → the rules, each with the usual value already typed so the
treasurer can just touch ✓ → check and save. A tanda skips the loan rules: each woman puts one
share a round. A treasurer signed in with her own PIN sees only her group here too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.logs import area_logger
from kiosk.services.members import MemberService
from kiosk.services.reports import REPORTS_DIR
from kiosk.services.savings import (
    GroupInfo,
    MemberLine,
    Rules,
    SavingsError,
    SavingsKind,
    SavingsService,
    money,
)
from kiosk.ui.areas.savings.common import SAVINGS_COLOUR, SAVINGS_ICON, WOMAN_PICTURES
from kiosk.ui.pages.base import Page, Shell, body_label, choice_tile, picture_label
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad
from kiosk.ui.widgets.wizard import ChoiceStepPage, NumberStepPage, StepPage, TextStepPage

log = area_logger("savings")

WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
# Each day its own picture: Monday to Friday by their place in the week (the digit she can
# read), Saturday and Sunday, the weekend, by the day and the calendar.
WEEKDAY_PICTURES = (
    "number.1",
    "number.2",
    "number.3",
    "number.4",
    "number.5",
    "misc.day",
    "misc.calendar",
)
# The questions of the wizard, in order; a tanda skips the loan and social fund questions.
GROUP_STEPS = ("kind", "name", "phones", "weekday", "frequency")
RULE_STEPS = (
    "share",
    "shares",
    "social",
    "charge",
    "multiple",
    "months",
    "fine_absent",
    "fine_late",
    "meetings",
)
CAJA_ONLY = frozenset({"shares", "social", "charge", "multiple", "months"})


@dataclass
class Draft:
    """What the wizard has gathered; ``group_id`` set when it is a group's new rules."""

    group_id: int | None = None
    kind: SavingsKind = SavingsKind.CAJA
    name: str = ""
    phones: list[str] = field(default_factory=list)
    first_names: list[str] = field(default_factory=list)
    weekday: int = 0
    frequency_days: int = 7
    values: dict[str, int] = field(default_factory=dict)

    def defaults(self) -> dict[str, int]:
        """The usual rules (pesos, whole percent, months, meetings) offered on each step."""
        tanda = self.kind is SavingsKind.TANDA
        return {
            "share": 500 if tanda else 50,
            "shares": 1 if tanda else 5,
            "social": 0 if tanda else 10,
            "charge": 0 if tanda else 5,
            "multiple": 0 if tanda else 3,
            "months": 0 if tanda else 3,
            "fine_absent": 0 if tanda else 10,
            "fine_late": 10 if tanda else 5,
            "meetings": max(1, len(self.phones)) if tanda else 26,
        }

    def value(self, key: str) -> int:
        return self.values.get(key, self.defaults()[key])

    def rules(self) -> Rules:
        v = self.value
        return Rules(
            share_cents=v("share") * 100,
            max_shares=v("shares"),
            social_fund_cents=v("social") * 100,
            charge_bp=v("charge") * 100,
            loan_multiple=v("multiple"),
            max_loan_months=v("months"),
            fine_absent_cents=v("fine_absent") * 100,
            fine_late_cents=v("fine_late") * 100,
            meetings=v("meetings"),
        )


def _step_page(step: str) -> str:
    return f"staff_savings_new_{step}"


class SavingsGroupsDesk:
    """The group pages and what they share: the service, the group shown, the wizard."""

    def __init__(
        self,
        shell: Shell,
        service: SavingsService,
        members: MemberService,
        print_slip: Callable[[str], None],
        staff_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        self.shell = shell
        self.service = service
        self.members = members
        self.print_slip = print_slip
        self.staff_id = staff_id
        self.group: GroupInfo | None = None
        self.draft = Draft()
        self.list_page = GroupListPage(shell, self, parent)
        self.group_page = GroupPage(shell, self, parent)
        self.turns_page = TurnsPage(shell, self, parent)
        self.steps: dict[str, Page] = {
            "kind": ChoiceStepPage(
                shell,
                _step_page("kind"),
                SAVINGS_ICON,
                lambda: _("New group"),
                lambda: _("Is it a savings box or a tanda?"),
                [
                    (SavingsKind.CAJA.value, SAVINGS_ICON, lambda: _("Savings box")),
                    (SavingsKind.TANDA.value, "misc.people", lambda: _("Tanda")),
                ],
                self._kind,
                parent=parent,
            ),
            "name": TextStepPage(
                shell,
                _step_page("name"),
                "misc.people",
                lambda: _("New group"),
                lambda: _("Write the group's name."),
                self._name,
                lambda: self.draft.name or None,
                max_length=80,
                parent=parent,
            ),
            "phones": PhonesPage(shell, self, parent),
            "weekday": ChoiceStepPage(
                shell,
                _step_page("weekday"),
                "misc.calendar",
                lambda: _("Meeting day"),
                lambda: _("Which day does the group meet?"),
                [(str(i), WEEKDAY_PICTURES[i], partial(_, day)) for i, day in enumerate(WEEKDAYS)],
                self._weekday,
                parent=parent,
            ),
            "frequency": ChoiceStepPage(
                shell,
                _step_page("frequency"),
                "misc.calendar",
                lambda: _("How often"),
                lambda: _("How often does the group meet?"),
                [
                    ("7", "number.1", lambda: _("Every week")),
                    ("14", "number.2", lambda: _("Every two weeks")),
                ],
                self._frequency,
                parent=parent,
            ),
            "shares": ChoiceStepPage(
                shell,
                _step_page("shares"),
                SAVINGS_ICON,
                lambda: _("Shares per meeting"),
                lambda: _("How many shares may a woman buy at a meeting?"),
                [(str(n), f"number.{n}", partial(str, n)) for n in range(1, 6)],
                lambda text: self._rule("shares", text),
                parent=parent,
            ),
        }
        numbers = {
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
        for key, (title, purpose) in numbers.items():
            self.steps[key] = NumberStepPage(
                shell,
                _step_page(key),
                "misc.money" if key != "meetings" else "misc.calendar",
                partial(_, title),
                partial(_, purpose),
                partial(self._rule, key),
                partial(self._rule_text, key),
                max_length=6,
                parent=parent,
            )
        self.review_page = ReviewPage(shell, self, parent)
        self.treasurer_page = TreasurerPage(shell, self, parent)
        self.treasurer_woman: int | None = None
        self.pin_page = PinPage(shell, self._treasurer_pin, parent)
        for page in self.pages():
            # The treasurer's own choice and PIN are staff's; the rest she may open.
            page.savings_page = page not in (self.treasurer_page, self.pin_page)

    def pages(self) -> list[Page]:
        ordered = [self.steps[s] for s in (*GROUP_STEPS, *RULE_STEPS)]
        return [
            self.list_page,
            self.group_page,
            self.turns_page,
            *ordered,
            self.review_page,
            self.treasurer_page,
            self.pin_page,
        ]

    def reset(self) -> None:
        self.group = None
        self.draft = Draft()
        self.treasurer_woman = None

    def tell(self, error: SavingsError) -> None:
        self.shell.show_error(str(error))

    def treasurer_id(self) -> int | None:
        """Her staff id when a treasurer is signed in: then only her group is shown."""
        person = self.shell.visit.staff
        return person.id if person is not None and person.is_treasurer else None

    def groups(self) -> list[GroupInfo]:
        mine = self.treasurer_id()
        if mine is None:
            return self.service.groups()
        return self.service.groups(treasurer_staff_id=mine)

    # --- the wizard -------------------------------------------------------------------------

    def new_group(self) -> None:
        if self.treasurer_id() is not None:
            return  # staff make new groups (the tile is hidden from a treasurer)
        self.draft = Draft()
        self.shell.open(_step_page("kind"))

    def new_rules(self) -> None:
        group = self.group
        if group is None:
            return
        rules = group.rules
        self.draft = Draft(
            group_id=group.id,
            kind=group.kind,
            name=group.name,
            values={
                "share": rules.share_cents // 100,
                "shares": rules.max_shares,
                "social": rules.social_fund_cents // 100,
                "charge": rules.charge_bp // 100,
                "multiple": rules.loan_multiple,
                "months": rules.max_loan_months,
                "fine_absent": rules.fine_absent_cents // 100,
                "fine_late": rules.fine_late_cents // 100,
                "meetings": rules.meetings,
            },
        )
        self.shell.open(_step_page("share"))

    def next_step(self, after: str) -> None:
        order = [*GROUP_STEPS, *RULE_STEPS]
        for step in order[order.index(after) + 1 :]:
            if self.draft.kind is SavingsKind.TANDA and step in CAJA_ONLY:
                continue
            self.shell.open(_step_page(step))
            return
        self.shell.open("staff_savings_new_review")

    def _kind(self, value: str) -> None:
        self.draft.kind = SavingsKind(value)
        self.next_step("kind")

    def _name(self, text: str) -> None:
        if not text:
            self.shell.show_error(_("Write the group's name and try again."))
            return
        self.draft.name = text
        self.next_step("name")

    def _weekday(self, value: str) -> None:
        self.draft.weekday = int(value)
        self.next_step("weekday")

    def _frequency(self, value: str) -> None:
        self.draft.frequency_days = int(value)
        self.next_step("frequency")

    def _rule(self, key: str, text: str) -> None:
        self.draft.values[key] = int(text or 0)
        self.next_step(key)

    def _rule_text(self, key: str) -> str:
        """What the rule's keypad shows when it opens: the draft's value."""
        return str(self.draft.value(key))

    def add_phone(self, phone: str) -> bool:
        member = self.members.find_by_phone(phone)
        if member is None:
            self.shell.show_error(
                _("No woman is registered with that phone. Register her first."), "action.phone"
            )
            return False
        if phone in self.draft.phones:
            self.shell.show_error(
                _("{name} is already in the group.").format(name=member.first_name)
            )
            return False
        self.draft.phones.append(phone)
        self.draft.first_names.append(member.first_name)
        self.shell.speaker.say(member.first_name)
        return True

    def save(self) -> None:
        draft = self.draft
        if draft.group_id is None and self.treasurer_id() is not None:
            return
        try:
            if draft.group_id is not None:
                self.group = self.service.change_rules(
                    draft.group_id, draft.rules(), staff_id=self.staff_id()
                )
                self.shell.show_message(_("The new rules start a new cycle."), "action.yes")
            else:
                self.group = self.service.create_group(
                    draft.name,
                    draft.kind,
                    list(draft.phones),
                    draft.rules(),
                    meeting_weekday=draft.weekday,
                    frequency_days=draft.frequency_days,
                    staff_id=self.staff_id(),
                )
                self.shell.show_message(_("The group is saved."), "action.yes")
        except SavingsError as error:
            self.tell(error)
            return
        self.draft = Draft()
        self.shell.open_fresh("staff_savings_groups")

    # --- a group ----------------------------------------------------------------------------

    def choose(self, group: GroupInfo) -> None:
        self.group = group
        self.shell.open("staff_savings_group")

    def choose_treasurer(self, membership_id: int) -> None:
        self.treasurer_woman = membership_id
        self.pin_page.reset()
        self.shell.open("staff_savings_treasurer_pin")

    def _treasurer_pin(self, pin: str) -> None:
        if self.group is None or self.treasurer_woman is None or self.treasurer_id() is not None:
            return
        try:
            self.group = self.service.set_treasurer(self.group.id, self.treasurer_woman, pin)
        except SavingsError as error:
            self.tell(error)
            return
        finally:
            self.pin_page.reset()  # a PIN is not kept on screen, right or wrong
        self.treasurer_woman = None
        self.shell.show_message(_("Done. Her PIN opens this group's savings only."), "action.yes")
        self.shell.open_fresh("staff_savings_groups")

    def draw_turns(self) -> None:
        if self.group is None:
            return
        try:
            self.group = self.service.draw_turns(self.group.id)
        except SavingsError as error:
            self.tell(error)
            return
        self.turns_page.entered()
        first = min(self.group.members, key=lambda m: m.position)
        self.shell.speaker.say(_("Turn 1: {name}.").format(name=first.name or _("Member")))

    def print_cards(self) -> None:
        if self.group is None:
            return
        try:
            numbers = [self.service.print_tanda_card(m.membership_id) for m in self.group.members]
        except SavingsError as error:
            self.tell(error)
            return
        for number in numbers:
            self.print_slip(number)
        self.shell.show_message(_("The turn cards are printing."), "action.print")

    def save_csv(self) -> Path | None:
        """The savings figures of every group and the centre, in the reports folder."""
        if self.treasurer_id() is not None:
            return None  # every group's figures: for staff only
        folder = self.shell.settings.data_dir / REPORTS_DIR
        path = folder / f"ahorro-{self.service.today().isoformat()}.csv"
        try:
            # Group names and money: readable by the kiosk's user only.
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
                out.write(self.service.report_csv())
        except OSError as exc:
            log.warning("savings report not saved: %s", exc.strerror)
            self.shell.show_error(_("The list could not be saved. Ask for help."))
            return None
        self.shell.show_message(
            _("The list is saved in the folder {folder}.").format(folder=str(folder)),
            "action.export",
        )
        return path


class GroupListPage(TilePage):
    """The groups, with "New group" and "Save the report" first."""

    page_name = "staff_savings_groups"
    icon_name = SAVINGS_ICON
    colour = SAVINGS_COLOUR
    tile_icon = SAVINGS_ICON
    staff_only = True
    savings_page = True
    per_page = 4
    empty_text = N_("No savings group yet.")

    def __init__(
        self, shell: Shell, desk: SavingsGroupsDesk, parent: QWidget | None = None
    ) -> None:
        self.desk = desk
        super().__init__(shell, parent)
        self.new_tile.activated.connect(desk.new_group)
        self.csv_tile.activated.connect(desk.save_csv)

    def lead_tiles(self) -> list[BigTile]:
        self.new_tile = choice_tile(
            self.shell, self, "savings_new_group", "action.sign_up", colour=SAVINGS_COLOUR
        )
        self.csv_tile = choice_tile(
            self.shell, self, "savings_save_csv", "action.export", colour=SAVINGS_COLOUR
        )
        return [self.new_tile, self.csv_tile]

    def title(self) -> str:
        return _("Savings groups")

    def purpose(self) -> str:
        return _("Touch a group, or make a new one.")

    def entered(self) -> None:
        self.new_tile.set_words(_("New group"), _("Make a new savings group"))
        self.csv_tile.set_words(_("Save report"), _("Save the savings report as a spreadsheet"))
        # A treasurer keeps her own group: new groups and every group's figures are staff's.
        staff = self.desk.treasurer_id() is None
        self.new_tile.setVisible(staff)
        self.csv_tile.setVisible(staff)
        super().entered()

    def items(self) -> list[object]:
        return list(self.desk.groups())

    def words(self, item: Any) -> str:
        return str(item.name)

    def icon(self, item: Any) -> str:
        return "misc.people" if item.kind is SavingsKind.TANDA else SAVINGS_ICON

    def chosen(self, item: Any) -> None:
        self.desk.choose(item)


class GroupPage(Page):
    """One group: its rules in words, "New rules" and, for a tanda, its turns."""

    page_name = "staff_savings_group"
    icon_name = SAVINGS_ICON
    colour = SAVINGS_COLOUR
    staff_only = True
    savings_page = True

    def __init__(
        self, shell: Shell, desk: SavingsGroupsDesk, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        self.summary = body_label("", self)
        self.summary.setObjectName("savings_group_summary")
        layout.addWidget(self.summary, 3)
        column = QVBoxLayout()
        column.setSpacing(MIN_GAP_PX * 2)
        self.rules_tile = choice_tile(
            shell, self, "savings_new_rules", "action.keypad", colour=SAVINGS_COLOUR
        )
        self.rules_tile.activated.connect(desk.new_rules)
        self.turns_tile = choice_tile(
            shell, self, "savings_turns", "misc.people", colour=SAVINGS_COLOUR
        )
        self.turns_tile.activated.connect(lambda: shell.open("staff_savings_turns"))
        self.treasurer_tile = choice_tile(
            shell, self, "savings_treasurer", "action.member_card", colour=SAVINGS_COLOUR
        )
        self.treasurer_tile.activated.connect(lambda: shell.open("staff_savings_treasurer"))
        column.addWidget(self.rules_tile)
        column.addWidget(self.turns_tile)
        column.addWidget(self.treasurer_tile)
        layout.addLayout(column, 2)

    def title(self) -> str:
        return self.desk.group.name if self.desk.group is not None else _("Savings")

    def purpose(self) -> str:
        return _("Touch New rules to change them: that starts a new cycle.")

    def entered(self) -> None:
        group = self.desk.group
        self.rules_tile.set_words(_("New rules"), _("New rules start a new cycle"))
        self.turns_tile.set_words(_("Turns"), _("The order of turns"))
        self.turns_tile.setVisible(group is not None and group.kind is SavingsKind.TANDA)
        self.treasurer_tile.set_words(_("Treasurer"), _("Choose the treasurer and her PIN"))
        # Choosing the treasurer is staff's: a treasurer cannot hand her PIN on herself.
        self.treasurer_tile.setVisible(self.desk.treasurer_id() is None)
        self.summary.setText(rules_words(group) if group is not None else "")


def rules_words(group: GroupInfo) -> str:
    rules = group.rules
    lines = [
        _("Cycle {n}").format(n=group.cycle_number),
        _("{n} women").format(n=len(group.members)),
        _("Share: {amount}").format(amount=money(rules.share_cents)),
        _("Meetings in the cycle: {n}").format(n=rules.meetings),
    ]
    if group.kind is SavingsKind.CAJA:
        lines += [
            _("Shares per meeting: up to {n}").format(n=rules.max_shares),
            _("Social fund: {amount}").format(amount=money(rules.social_fund_cents)),
            _("Service charge: {pct}% a month").format(pct=rules.charge_bp / 100),
            _("Loan: up to {n} times her savings, {months} months").format(
                n=rules.loan_multiple, months=rules.max_loan_months
            ),
            _("Fine for missing: {amount}").format(amount=money(rules.fine_absent_cents)),
        ]
    lines.append(_("Fine for lateness: {amount}").format(amount=money(rules.fine_late_cents)))
    return "\n".join(lines)


class TurnsPage(TilePage):
    """A tanda's order of turns as numbered faces, with "Draw turns" and "Print cards"."""

    page_name = "staff_savings_turns"
    icon_name = "misc.people"
    colour = SAVINGS_COLOUR
    tile_icon = "misc.people"
    staff_only = True
    savings_page = True
    per_page = 4

    def __init__(
        self, shell: Shell, desk: SavingsGroupsDesk, parent: QWidget | None = None
    ) -> None:
        self.desk = desk
        super().__init__(shell, parent)
        self.draw_tile.activated.connect(desk.draw_turns)
        self.cards_tile.activated.connect(desk.print_cards)

    def lead_tiles(self) -> list[BigTile]:
        self.draw_tile = choice_tile(
            self.shell, self, "savings_draw", "action.retry", colour=SAVINGS_COLOUR
        )
        self.cards_tile = choice_tile(
            self.shell, self, "savings_cards", "action.print", colour=SAVINGS_COLOUR
        )
        return [self.draw_tile, self.cards_tile]

    def title(self) -> str:
        return _("Turns")

    def purpose(self) -> str:
        return _("Touch Draw to draw the turns in front of the group.")

    def entered(self) -> None:
        self.draw_tile.set_words(_("Draw turns"), _("Draw the order of turns"))
        self.cards_tile.set_words(_("Print cards"), _("Print each woman's turn card"))
        super().entered()

    def items(self) -> list[MemberLine]:
        if self.desk.group is None:
            return []
        return sorted(self.desk.group.members, key=lambda m: m.position)

    def words(self, item: Any) -> str:
        return f"{item.position}. {item.name or _('Member')}"

    def icon(self, item: Any) -> str:
        return WOMAN_PICTURES[(item.position - 1) % len(WOMAN_PICTURES)]

    def chosen(self, item: Any) -> None:
        self.shell.speaker.say(self.words(item))


class TreasurerPage(TilePage):
    """Which woman of the group keeps the box: then her own PIN."""

    page_name = "staff_savings_treasurer"
    icon_name = "action.member_card"
    colour = SAVINGS_COLOUR
    tile_icon = "misc.people"
    staff_only = True

    def __init__(
        self, shell: Shell, desk: SavingsGroupsDesk, parent: QWidget | None = None
    ) -> None:
        self.desk = desk
        super().__init__(shell, parent)

    def title(self) -> str:
        return _("Treasurer")

    def purpose(self) -> str:
        return _("Touch the woman who keeps the box.")

    def items(self) -> list[object]:
        group = self.desk.group
        return [] if group is None else [m for m in group.members if m.name]

    def words(self, item: Any) -> str:
        return f"✓ {item.name}" if item.is_treasurer else str(item.name)

    def icon(self, item: Any) -> str:
        return WOMAN_PICTURES[(item.position - 1) % len(WOMAN_PICTURES)]

    def chosen(self, item: Any) -> None:
        self.desk.choose_treasurer(item.membership_id)


class PhonesPage(StepPage):
    """The women by phone: each one found is added and shown by her first name."""

    colour = SAVINGS_COLOUR
    staff_only = True

    def __init__(
        self, shell: Shell, desk: SavingsGroupsDesk, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            shell,
            _step_page("phones"),
            "action.phone",
            lambda: _("The women"),
            lambda: _("Type each woman's phone and touch ✓. Then touch Ready."),
            parent,
        )
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
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
        names = self.desk.draft.first_names
        self.names.setText(
            "\n".join(f"{i}. {name}" for i, name in enumerate(names, start=1))
            if names
            else _("No woman yet.")
        )

    def _phone(self, phone: str) -> None:
        if self.desk.add_phone(phone):
            self.keypad.clear()
        self._show()

    def _ready(self) -> None:
        if not self.desk.draft.phones:
            self.shell.show_error(_("Type at least one woman's phone."), "action.phone")
            return
        self.desk.next_step("phones")


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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
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

    def __init__(
        self, shell: Shell, desk: SavingsGroupsDesk, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            shell,
            "staff_savings_new_review",
            "action.yes",
            lambda: _("Check the group"),
            self._purpose_words,
            parent,
        )
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        self.summary = body_label("", self)
        self.summary.setObjectName("savings_review_summary")
        layout.addWidget(self.summary, 3)
        self.save_tile = choice_tile(
            shell, self, "savings_review_save", "action.yes", colour="#2e7d32"
        )
        self.save_tile.activated.connect(desk.save)
        layout.addWidget(self.save_tile, 2)

    def _purpose_words(self) -> str:
        if self.desk.draft.group_id is not None:
            return _("These rules start a new cycle. Touch ✓ to save them.")
        return _("Check the group, then touch ✓.")

    def entered(self) -> None:
        draft = self.desk.draft
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
