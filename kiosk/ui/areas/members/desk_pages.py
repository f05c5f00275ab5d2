"""Staff pages for members: find her by phone (keypad) or name (keyboard), see her record,
correct her name, phone or locality, print her a new member card (the old one stops working),
and erase her personal data when she asks (✓ / ✗ first)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY, MEMBER_COLOUR
from kiosk.i18n import N_, _, format_date_short, ngettext
from kiosk.services.member_desk import ListingStatus, MemberRecord
from kiosk.services.members import MemberInfo
from kiosk.services.reports import OUTCOME_WORDS
from kiosk.services.trainings import STATUS_LABELS
from kiosk.ui.areas.members.desk_flow import MemberDeskFlow
from kiosk.ui.pages.base import Page, Shell, body_label
from kiosk.ui.pages.lists import StaffFlowPage, TileListPage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.columns import hbox
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.wizard import NumberStepPage, TextStepPage, tile

STAFF = AREA_BY_KEY["staff"]
ERASE_COLOUR = "#b71c1c"
PER_PAGE = 6
SHOWN = 2  # the newest items of each kind written on her record
RECORD_LINES = 6

LISTING_WORDS: dict[ListingStatus, str] = {
    ListingStatus.PENDING: N_("waiting for approval"),
    ListingStatus.PUBLISHED: N_("published"),
    ListingStatus.REJECTED: N_("not approved"),
    ListingStatus.WITHDRAWN: N_("withdrawn"),
}


class MemberDeskPage(StaffFlowPage[MemberDeskFlow]):
    """A page of the members' desk, about the member the flow holds."""

    icon_name = "misc.people"


class MemberSearchPage(MemberDeskPage):
    """Find her by phone or by name."""

    page_name = "staff_members"
    title_words = N_("Members")
    purpose_words = N_("Find a member by her phone or her name, or register a new one.")

    def build(self) -> None:
        layout = hbox(self, MIN_GAP_PX * 3)
        self.by_phone = tile(self.shell, self, "staff_members_phone", "action.keypad")
        self.by_phone.set_words(_("By phone"), _("Find her by her phone"))
        self.by_phone.activated.connect(lambda: self._open("staff_member_phone"))
        self.by_name = tile(self.shell, self, "staff_members_name", "action.keyboard")
        self.by_name.set_words(_("By name"), _("Find her by her name"))
        self.by_name.activated.connect(lambda: self._open("staff_member_name"))
        # A woman new to the centre registers as at the kiosk (phone, name, the notice read
        # to her); with staff at her side, her member card is printed at the end.
        self.register = tile(self.shell, self, "staff_members_register", "action.sign_up")
        self.register.set_words(_("New member"), _("Register a new member and print her card"))
        self.register.activated.connect(lambda: self.shell.sign_in("staff_member"))
        layout.addWidget(self.by_phone, 1)
        layout.addWidget(self.by_name, 1)
        layout.addWidget(self.register, 1)

    def _open(self, name: str) -> None:
        self.flow.forget(name)
        self.shell.open(name)

    def reset(self) -> None:
        self.flow.reset()


class MemberResultsPage(FixedWords, TileListPage):
    """The members found, six to a screen: name and masked phone."""

    page_name = "staff_member_results"
    icon_name = "misc.people"
    colour = STAFF.colour
    tile_icon = "misc.people"
    tile_colour = MEMBER_COLOUR
    tile_font_px = 24
    empty_text = N_("Nobody was found.")
    title_words = N_("Members found")
    purpose_words = N_("Touch her name to see her record.")

    def __init__(self, shell: Shell, flow: MemberDeskFlow, parent: QWidget | None = None) -> None:
        self.flow = flow
        super().__init__(shell, parent)

    def load(self, page: int) -> tuple[Sequence[MemberInfo], int]:
        search = self.flow.search
        found = search(page) if search else None
        return (found.items, found.total) if found else ((), 0)

    def words(self, item: MemberInfo) -> str:
        return f"{item.name}\n{item.masked_phone}"

    def phrase(self, item: MemberInfo) -> str:
        return item.name

    def chosen(self, item: MemberInfo) -> None:
        self.flow.show_member(item.id)

    def reset(self) -> None:
        self.shown = ()
        self.pager.set_page(0)


def record_lines(record: MemberRecord) -> list[str]:
    """Her record in short lines: who she is, then each kind with its count and newest few."""
    member = record.member
    head = " · ".join(
        part
        for part in (
            member.masked_phone,
            member.locality,
            _("member since {date}").format(date=format_date_short(record.created_at)),
        )
        if part
    )
    sign_ups = ", ".join(
        f"{line.training} ({format_date_short(line.starts_at)}, "
        f"{_(STATUS_LABELS[line.status]).lower()})"
        for line in record.sign_up_lines[:SHOWN]
    )
    referrals = ", ".join(
        f"{line.program} ({_(OUTCOME_WORDS[line.status]).lower()})"
        for line in record.referral_lines[:SHOWN]
    )
    listings = ", ".join(
        f"{line.title} ({_(LISTING_WORDS[line.status])})" for line in record.listing_lines[:SHOWN]
    )
    children = ", ".join(
        ngettext("{name}, {age} year", "{name}, {age} years", child.age).format(
            name=child.first_name, age=child.age
        )
        + (" ⚠ " + _("allergy") if child.has_allergy else "")
        for child in record.children
    )
    lines = [
        head,
        _("Courses: {count}").format(count=record.sign_ups)
        + (f" — {sign_ups}" if sign_ups else ""),
        _("Referrals: {count}").format(count=record.referrals)
        + (f" — {referrals}" if referrals else ""),
        _("Listings: {count}").format(count=record.listings)
        + (f" — {listings}" if listings else ""),
        _("Children: {count}").format(count=len(record.children))
        + (f" — {children}" if children else ""),
        _("Childcare visits: {visits} · Jobs she asked about: {jobs}").format(
            visits=record.childcare_visits, jobs=record.job_interests
        ),
    ]
    return lines


# Her record's tiles, two a row: what each is called, its picture and colour, its words.
RECORD_BUTTONS = (
    (
        "staff_member_fix_name_tile",
        "action.keyboard",
        STAFF.colour,
        N_("Name"),
        N_("Correct her name"),
    ),
    (
        "staff_member_fix_phone_tile",
        "action.phone",
        STAFF.colour,
        N_("Phone"),
        N_("Correct her phone"),
    ),
    ("staff_member_fix_place_tile", "misc.place", STAFF.colour, N_("Town"), N_("Correct her town")),
    (
        "staff_member_refer",
        "area.programs",
        STAFF.colour,
        N_("Refer"),
        N_("Refer her to a program"),
    ),
    (
        "staff_member_data",
        "privacy.data",
        STAFF.colour,
        N_("Card and data"),
        N_("Her member card, and everything the kiosk keeps about her"),
    ),
    (
        "staff_member_erase",
        "action.erase",
        ERASE_COLOUR,
        N_("Erase data"),
        N_("Erase her personal data"),
    ),
)


class MemberRecordPage(MemberDeskPage):
    """Her record on the left; correct name, phone, town, or erase her data on the right."""

    page_name = "staff_member"
    title_words = N_("Member record")
    purpose_words = N_("Correct her details, or erase her data if she asks.")

    def build(self) -> None:
        self.record: MemberRecord | None = None
        layout = hbox(self, MIN_GAP_PX * 2)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.name_label = body_label("", self, px=32, bold=True)
        self.name_label.setObjectName("staff_member_name_label")
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        left.addWidget(self.name_label)
        # One label per kind (who she is, courses, referrals...), a little apart.
        self.lines: list[QLabel] = []
        for index in range(RECORD_LINES):
            line = body_label("", self, px=24)
            line.setObjectName(f"staff_member_line_{index}")
            line.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            left.addWidget(line)
            self.lines.append(line)
        left.addStretch(1)
        layout.addLayout(left, 3)
        right = QGridLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        for index in range(2):
            right.setColumnStretch(index, 1)
            right.setRowStretch(index, 1)
        actions: dict[str, Callable[[], None]] = {
            "staff_member_fix_name_tile": lambda: self._fix("staff_member_fix_name"),
            "staff_member_fix_phone_tile": lambda: self._fix("staff_member_fix_phone"),
            "staff_member_fix_place_tile": lambda: self._fix("staff_member_locality"),
            "staff_member_refer": self._refer,
            "staff_member_data": lambda: self.shell.open("staff_member_privacy"),
            "staff_member_erase": self.flow.ask_erase,
        }
        self.buttons = tuple(
            self._button(name, icon, colour, (_(words), _(phrase)), actions[name])
            for name, icon, colour, words, phrase in RECORD_BUTTONS
        )
        self.fix_name, self.fix_phone, self.fix_place, self.refer, self.her_data, self.erase = (
            self.buttons
        )
        for button in self.buttons:
            button.set_font_px(24)
        for index, button in enumerate(self.buttons):
            right.addWidget(button, index // 2, index % 2)
        right.setRowStretch(2, 1)
        layout.addLayout(right, 2)

    def _button(
        self,
        name: str,
        icon: str,
        colour: str,
        words: tuple[str, str],
        does: Callable[[], None],
    ) -> BigTile:
        button = tile(self.shell, self, name, icon, colour)
        button.set_words(*words)
        button.activated.connect(does)
        return button

    def _refer(self) -> None:
        if self.record is not None and self.flow.refer is not None:
            self.flow.refer(self.record.member)

    def entered(self) -> None:
        self.record = self.flow.record()
        buttons = self.buttons
        if self.record is None:
            self.name_label.setText(_("Find a member first."))
            for line in self.lines:
                line.clear()
            for button in buttons:
                button.hide()
            return
        for button in buttons:
            button.show()
        self.name_label.setText(self.record.member.name)
        texts = record_lines(self.record)
        for index, line in enumerate(self.lines):
            line.setText(texts[index] if index < len(texts) else "")

    def details(self) -> str:
        """Everything written on her record, line by line."""
        return "\n".join(line.text() for line in self.lines if line.text())

    def _fix(self, name: str) -> None:
        self.flow.forget(name)
        self.shell.open(name)

    def reset(self) -> None:
        self.record = None
        self.name_label.clear()
        for line in self.lines:
            line.clear()


class MemberDataPage(MemberDeskPage):
    """Her card and her data: a new member card ("Credencial nueva", for a lost one), print
    everything the kiosk keeps about her (her right of access), or withdraw her consent for
    her children's health data."""

    page_name = "staff_member_privacy"
    icon_name = "privacy.data"
    purpose_words = N_(
        "Print her a new member card, print everything the kiosk keeps about her, or "
        "remove her children's health data if she withdraws her permission."
    )

    def build(self) -> None:
        layout = hbox(self, MIN_GAP_PX * 3)
        self.print_data = tile(self.shell, self, "staff_member_print_data", "action.print")
        self.print_data.set_words(
            _("Print her data"), _("Print everything the kiosk keeps about her")
        )
        self.print_data.activated.connect(self.flow.print_her_data)
        self.health = tile(self.shell, self, "staff_member_withdraw_health", "privacy.health")
        self.health.set_words(
            _("Remove health data"), _("Remove her children's allergies and health notes")
        )
        self.health.activated.connect(self.flow.ask_withdraw_health)
        self.new_card = tile(self.shell, self, "staff_member_new_card", "action.member_card")
        self.new_card.set_words(
            _("New card"), _("Print her a new member card; the old one stops working")
        )
        self.new_card.activated.connect(self.flow.ask_new_card)
        self.new_card.setVisible(self.flow.print_card is not None)
        layout.addWidget(self.new_card, 1)
        layout.addWidget(self.print_data, 1)
        layout.addWidget(self.health, 1)

    def title(self) -> str:
        record = self.flow.record()
        if record is None:
            return _("Her data")
        return _("{name}'s data").format(name=record.member.first_name)


class LocalityPage(FixedWords, TileListPage):
    """Her town: the towns members already live in as tiles (no typing), or "Another"."""

    page_name = "staff_member_locality"
    icon_name = "misc.place"
    colour = STAFF.colour
    tile_icon = "misc.place"
    per_page = PER_PAGE - 1  # "Another town" stands first on every screen
    title_words = N_("Her town")
    purpose_words = N_("Touch the town where she lives.")

    def __init__(self, shell: Shell, flow: MemberDeskFlow, parent: QWidget | None = None) -> None:
        self.flow = flow
        super().__init__(shell, parent)

    def lead_tiles(self) -> list[BigTile]:
        self.other = tile(self.shell, self, "staff_member_locality_other", "action.keyboard")
        self.other.set_words(_("Another town"), _("Write another town"))
        self.other.activated.connect(self._write)
        return [self.other]

    def items(self) -> list[str]:
        return self.flow.service.localities()

    def words(self, item: str) -> str:
        return item

    def chosen(self, item: str) -> None:
        self.flow.correct(locality=item)

    def _write(self) -> None:
        self.flow.forget("staff_member_fix_place")
        self.shell.open("staff_member_fix_place")

    def reset(self) -> None:
        self.pager.set_page(0)


def _find_steps(shell: Shell, flow: MemberDeskFlow, parent: QWidget | None) -> list[Page]:
    """Find her by phone (keypad) or by name (keyboard)."""
    return [
        NumberStepPage(
            shell,
            "staff_member_phone",
            "action.keypad",
            lambda: _("Find by phone"),
            lambda: _("Type her phone, or its last 4 digits, and touch the green button."),
            flow.find_by_phone,
            max_length=10,
            min_length=4,
            parent=parent,
        ),
        TextStepPage(
            shell,
            "staff_member_name",
            "action.keyboard",
            lambda: _("Find by name"),
            lambda: _("Write her name, or its first letters, and touch the green button."),
            flow.find_by_name,
            lambda: None,
            parent=parent,
        ),
    ]


def _fix_steps(shell: Shell, flow: MemberDeskFlow, parent: QWidget | None) -> list[Page]:
    """Correct her name, her phone, or write a town not among the members' towns."""
    return [
        TextStepPage(
            shell,
            "staff_member_fix_name",
            "action.keyboard",
            lambda: _("Her name"),
            lambda: _("Write her name as she says it and touch the green button."),
            lambda text: flow.correct(name=text),
            lambda: flow.current_name(),
            parent=parent,
        ),
        NumberStepPage(
            shell,
            "staff_member_fix_phone",
            "action.phone",
            lambda: _("Her phone"),
            lambda: _("Type her new phone: 10 digits."),
            lambda digits: flow.correct(phone=digits),
            max_length=10,
            min_length=10,
            parent=parent,
        ),
        TextStepPage(
            shell,
            "staff_member_fix_place",
            "misc.place",
            lambda: _("Her town"),
            lambda: _("Write the town or neighbourhood where she lives."),
            lambda text: flow.correct(locality=text),
            lambda: None,
            parent=parent,
        ),
    ]


def build_member_desk(shell: Shell, flow: MemberDeskFlow, parent: QWidget | None) -> list[Page]:
    """The member pages of the desk; the flow empties them by name before they open again."""
    pages: list[Page] = [MemberDataPage(shell, flow, parent), MemberSearchPage(shell, flow, parent)]
    pages += _find_steps(shell, flow, parent)
    pages += [MemberResultsPage(shell, flow, parent), MemberRecordPage(shell, flow, parent)]
    pages += _fix_steps(shell, flow, parent)
    pages.append(LocalityPage(shell, flow, parent))
    by_name = {page.page_name: page for page in pages}
    flow.forget = lambda name: by_name[name].reset()
    return pages
