"""Ahorro at the staff desk: the treasurer (with a staff PIN) runs a savings group's meeting.

Groups → the meeting (open it, or continue the one left open) → each woman in turn, her name
spoken: came or not, shares as stamp pictures (0 to the cycle's most), then social fund, her
loan payment and a fine as tiles to switch on or off → close with the cash count on a keypad →
passbooks and the summary printed. A tanda's meeting is a round: touch each woman who paid,
then give the pot. Each step is written at once, so a meeting cut off resumes where it was.
The steps are the flow's (kiosk.ui.areas.savings.flow); these pages show them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import N_, _
from kiosk.services.savings import GroupInfo, SavingsKind, money
from kiosk.ui.areas.savings.common import SAVINGS_COLOUR, SAVINGS_ICON, woman_picture
from kiosk.ui.areas.savings.flow import SavingsFlow
from kiosk.ui.areas.savings.widgets import ChoiceTiles
from kiosk.ui.pages.base import TITLE_PX, Shell, body_label, choice_tile
from kiosk.ui.pages.lists import StaffFlowPage, StaffTilePage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad
from kiosk.ui.widgets.columns import hbox, vbox
from kiosk.ui.widgets.page_words import FixedWords

F = TypeVar("F")  # the flow a page shows: the meeting's or the groups'


class SavingsPage(StaffFlowPage[F]):
    """A savings page at the desk: the treasurer may open it with her PIN."""

    icon_name = SAVINGS_ICON
    colour = SAVINGS_COLOUR
    staff_only = True
    savings_page = True


class SavingsTilePage(StaffTilePage, Generic[F]):
    """A savings list at the desk, of tiles over a pager."""

    icon_name = SAVINGS_ICON
    colour = SAVINGS_COLOUR
    tile_icon = SAVINGS_ICON
    staff_only = True
    savings_page = True

    def __init__(self, shell: Shell, flow: F, parent: QWidget | None = None) -> None:
        self.flow = flow
        super().__init__(shell, parent)

    def lead(self, name: str, icon: str, then: Callable[[], object]) -> BigTile:
        """A tile that stands first on every screen of the list, in the area's colour;
        touching it does ``then()``."""
        tile = choice_tile(self.shell, self, name, icon, colour=SAVINGS_COLOUR)
        tile.activated.connect(then)
        return tile


class Groups(Protocol):
    """A flow that lists the groups (a treasurer's own only) and is told which one she chose."""

    def groups(self) -> list[GroupInfo]: ...
    def choose_group(self, group: GroupInfo) -> None: ...


G = TypeVar("G", bound=Groups)


class GroupTilesPage(SavingsTilePage[G]):
    """The groups as tiles, a tanda's picture or the box's."""

    def items(self) -> list[GroupInfo]:
        return self.flow.groups()

    def words(self, item: GroupInfo) -> str:
        return item.name

    def icon(self, item: GroupInfo) -> str:
        return "misc.people" if item.kind is SavingsKind.TANDA else SAVINGS_ICON

    def chosen(self, item: GroupInfo) -> None:
        self.flow.choose_group(item)


class GroupsPage(FixedWords, GroupTilesPage[SavingsFlow]):
    page_name = "staff_savings"
    empty_text = N_("No savings group yet.")
    title_words = N_("Savings")
    purpose_words = N_("Touch the group that meets now.")

    def lead_tiles(self) -> list[BigTile]:
        # New group, rules, turns and the report: kiosk.ui.areas.savings.group_pages.
        self.groups_tile = self.lead(
            "savings_groups", "misc.people", lambda: self.shell.open("staff_savings_groups")
        )
        return [self.groups_tile]

    def entered(self) -> None:
        self.groups_tile.set_words(_("Groups"), _("New group, rules, turns and report"))
        super().entered()


class MeetingPage(SavingsTilePage[SavingsFlow]):
    """The meeting: one tile per woman (✓ once her turn is written), and the tile that opens
    the meeting, gives a tanda's pot or closes it with the cash count."""

    page_name = "staff_savings_meeting"
    tile_icon = "misc.people"
    per_page = 4

    def lead_tiles(self) -> list[BigTile]:
        # Built here: the list's grid asks for its lead tiles while it is being made.
        self.action = self.lead("savings_action", "action.yes", self.flow.action)
        # A caja's second tile: correct a movement while the meeting is open, share out when
        # no meeting is (a tanda has neither).
        self.more = self.lead("savings_more", "action.erase", self.flow.more)
        return [self.action, self.more]

    def title(self) -> str:
        return self.flow.title()

    def purpose(self) -> str:
        if self.flow.meeting is None:
            return _("Touch Open to start the meeting.")
        if self.flow.is_kind(SavingsKind.TANDA):
            return _("Touch each woman who paid, then give the pot.")
        return _("Touch each woman in turn. Then close and count the box.")

    def entered(self) -> None:
        self.flow.refresh_meeting()
        self._show_action()
        super().entered()

    def _show_action(self) -> None:
        flow = self.flow
        if flow.meeting is None:
            self._set(self.action, "action.yes", _("Open it"), _("Open the meeting"))
        elif flow.is_kind(SavingsKind.TANDA) and not flow.round_done():
            self._set(
                self.action, "misc.money", _("Give the pot"), _("Give the pot to whose turn it is")
            )
        else:
            self._set(self.action, "need.negocio", _("Close"), _("Close and count the box"))
        self.more.setVisible(flow.is_kind(SavingsKind.CAJA))
        if flow.meeting is None:
            words = _("Share out"), _("Share out the box at the end of the cycle")
            self._set(self.more, "misc.money", *words)
        else:
            words = _("Correct"), _("Correct a movement of this meeting")
            self._set(self.more, "action.erase", *words)

    @staticmethod
    def _set(tile: BigTile, icon: str, words: str, phrase: str) -> None:
        tile.set_words(words, phrase)
        tile.set_icon(icon)

    def items(self) -> Sequence[object]:
        if self.flow.group is None or self.flow.meeting is None:
            return ()
        return self.flow.group.members

    def words(self, item: Any) -> str:
        name = item.name or _("Member")
        return f"✓ {name}" if self.flow.done(item) else name

    def icon(self, item: Any) -> str:
        return woman_picture(item.position)

    def chosen(self, item: Any) -> None:
        self.flow.choose_woman(item)


class TurnPage(SavingsPage[SavingsFlow]):
    """One woman's turn, in three small steps of at most six choices: did she come, how many
    shares, then what else she pays (each a tile switched on or off) and ✓."""

    page_name = "staff_savings_turn"

    def build(self) -> None:
        layout = vbox(self, MIN_GAP_PX)
        self.question = body_label("", self, px=TITLE_PX, bold=True)
        self.question.setObjectName("savings_question")
        layout.addWidget(self.question)
        self.choices = ChoiceTiles(self.shell, "savings_choice", 3, self)
        self.tiles = self.choices.tiles
        layout.addWidget(self.choices, 1)

    def title(self) -> str:
        woman = self.flow.woman
        return woman.name if woman and woman.name else _("Member")

    def purpose(self) -> str:
        return self.question.text()

    def entered(self) -> None:
        """Opened: her turn from the start, or as it was when back from the loan page."""
        self.flow.start_turn()
        self.show_step()

    def show_step(self) -> None:
        question, choices = self.flow.turn_step()
        self.question.setText(question)
        self.choices.show_choices(choices)


class TurnView:
    """What the flow repaints of her turn: the step as it is now, not a fresh turn."""

    def __init__(self, page: TurnPage) -> None:
        self.page = page

    def entered(self) -> None:
        self.page.show_step()


class CashPage(SavingsPage[SavingsFlow]):
    """The close: what the ledger says the box holds, and the pesos counted on a keypad."""

    page_name = "staff_savings_cash"
    icon_name = "need.negocio"
    title_words = N_("Count the box")
    purpose_words = N_("Count the money in the box and type the pesos.")

    def build(self) -> None:
        layout = hbox(self, MIN_GAP_PX * 2)
        left = QVBoxLayout()
        self.expected = body_label("", self, px=TITLE_PX, bold=True)
        self.expected.setObjectName("savings_expected")
        left.addWidget(self.expected)
        left.addStretch(1)
        layout.addLayout(left, 2)
        self.keypad = NumericKeypad(
            max_length=7, min_length=1, speaker=self.shell.speaker, parent=self
        )
        self.keypad.setObjectName("savings_keypad")
        self.keypad.submitted.connect(lambda digits: self.flow.close(int(digits)))
        layout.addWidget(self.keypad, 3)

    def entered(self) -> None:
        self.keypad.clear()
        box = self.flow.box_cents()
        if box is not None:
            self.expected.setText(_("The box should have {amount}").format(amount=money(box)))

    def reset(self) -> None:
        self.keypad.clear()
