"""Ahorro's groups at the desk, with no widget in it: a new group one question a page, new
rules (a new cycle), the treasurer and her PIN, a tanda's turns drawn and its turn cards
printed, the savings figures saved as a spreadsheet.

New group: kind (caja or tanda) → name → the women by phone (each found one shown by her first
name) → meeting day → how often → the rules, each with the usual value already typed so the
treasurer can just touch ✓ → check and save. A tanda skips the loan rules: each woman puts one
share a round. A treasurer signed in with her own PIN sees only her group here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.i18n import N_, _
from kiosk.logs import area_logger
from kiosk.services.members import MemberService
from kiosk.services.reports import REPORTS_DIR
from kiosk.services.savings import (
    GroupInfo,
    Rules,
    SavingsError,
    SavingsKind,
    money,
)
from kiosk.ui.areas.flow_parts import Resets, Shows
from kiosk.ui.areas.savings.flow import Desk, SavingsSteps
from kiosk.ui.areas.staff.spreadsheet import save_list

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


def step_page(step: str) -> str:
    return f"staff_savings_new_{step}"


class GroupsFlow(SavingsSteps):
    """The group pages' steps and what they share: the group shown, the wizard's draft."""

    turns: Shows | None = None  # the turns page, repainted after a draw
    pin: Resets | None = None  # the PIN page, emptied right or wrong

    def __init__(self, desk: Desk, members: MemberService, data_dir: Path) -> None:
        super().__init__(desk)
        self.members = members
        self.data_dir = data_dir

    def _repaint_turns(self) -> None:
        if self.turns is not None:
            self.turns.entered()

    def _clear_pin(self) -> None:
        if self.pin is not None:
            self.pin.reset()

    def reset(self) -> None:
        self.group: GroupInfo | None = None
        self.draft = Draft()
        self.treasurer_woman: int | None = None

    # --- the wizard -------------------------------------------------------------------------

    def new_group(self) -> None:
        if self.treasurer_id() is not None:
            return  # staff make new groups (the tile is hidden from a treasurer)
        self.draft = Draft()
        self.shell.open(step_page("kind"))

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
        self.shell.open(step_page("share"))

    def next_step(self, after: str) -> None:
        order = [*GROUP_STEPS, *RULE_STEPS]
        for step in order[order.index(after) + 1 :]:
            if self.draft.kind is SavingsKind.TANDA and step in CAJA_ONLY:
                continue
            self.shell.open(step_page(step))
            return
        self.shell.open("staff_savings_new_review")

    def kind(self, value: str) -> None:
        self.draft.kind = SavingsKind(value)
        self.next_step("kind")

    def name(self, text: str) -> None:
        if not text:
            self.shell.show_error(_("Write the group's name and try again."))
            return
        self.draft.name = text
        self.next_step("name")

    def weekday(self, value: str) -> None:
        self.draft.weekday = int(value)
        self.next_step("weekday")

    def frequency(self, value: str) -> None:
        self.draft.frequency_days = int(value)
        self.next_step("frequency")

    def rule(self, key: str, text: str) -> None:
        self.draft.values[key] = int(text or 0)
        self.next_step(key)

    def rule_text(self, key: str) -> str:
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

    def choose_group(self, group: GroupInfo) -> None:
        self.group = group
        self.shell.open("staff_savings_group")

    def choose_treasurer(self, membership_id: int) -> None:
        self.treasurer_woman = membership_id
        self._clear_pin()
        self.shell.open("staff_savings_treasurer_pin")

    def treasurer_pin(self, pin: str) -> None:
        if self.group is None or self.treasurer_woman is None or self.treasurer_id() is not None:
            return
        try:
            self.group = self.service.set_treasurer(self.group.id, self.treasurer_woman, pin)
        except SavingsError as error:
            self.tell(error)
            return
        finally:
            self._clear_pin()  # a PIN is not kept on screen, right or wrong
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
        self._repaint_turns()
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
        path = self.data_dir / REPORTS_DIR / f"ahorro-{self.service.today().isoformat()}.csv"
        # Group names and money: readable by the kiosk's user only.
        return save_list(self.shell, path, self.service.report_csv(), log, "savings report")


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
