"""The privacy notice at the staff desk (settings area): the notice as it reads now, a page of
it at a time, its version and last change, where its words come from, and two tiles: print it
for a woman who asks, and make the file the centre edits its own notice in.

A long legal text is not written on a touch screen: the centre edits a plain text file (the
``privacy_notice_file`` setting, prepared here from the kiosk's notice) with any text editor;
each change becomes a new version of the notice, dated, the next time it is shown or printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.config import SettingsError, save_changes
from kiosk.i18n import N_, _, format_date_short
from kiosk.logs import area_logger
from kiosk.services.privacy import NoticeInfo, PrivacyError, PrivacyService
from kiosk.services.vouchers import VoucherError
from kiosk.ui.areas.staff.settings_pages import fixed_here
from kiosk.ui.pages.base import Shell, body_label
from kiosk.ui.pages.lists import StaffPage
from kiosk.ui.widgets.page_kit import compact_pager, two_columns
from kiosk.ui.widgets.wizard import tile

log = area_logger("privacy")

STAFF = AREA_BY_KEY["staff"]
PAGE_CHARS = 360  # of the notice on one screen at 24 px, with no scroll bar at 1024×768
FILE_NAME = "aviso-de-privacidad.md"


def screens(text: str, budget: int = PAGE_CHARS) -> list[str]:
    """The notice cut into screens of at most about ``budget`` characters, at paragraph and
    item boundaries (a longer paragraph at sentence ends), each screen starting with the
    heading of the section it is in."""
    blocks: list[tuple[str, str]] = []  # (section heading, block)
    heading = title = ""
    for raw in text.split("\n\n"):
        block = " ".join(raw.split()) if not raw.lstrip().startswith("- ") else raw.strip()
        if not block:
            continue
        if block.startswith("# "):
            title = block[2:].upper()
            continue
        if block.startswith("## "):
            heading = block[3:]
            continue
        for line in block.split("\n"):
            line = line.strip()
            item = "• " + line[2:] if line.startswith("- ") else line
            while len(item) > budget:
                cut = item.rfind(". ", 0, budget)
                cut = cut + 1 if cut > 0 else budget
                blocks.append((heading, item[:cut].strip()))
                item = item[cut:].strip()
            if item:
                blocks.append((heading, item))
    pages: list[str] = []
    current_heading: str | None = None
    lines: list[str] = []
    for section, block in blocks:
        size = sum(len(line) for line in lines) + len(block)
        if lines and (section != current_heading or size > budget):
            pages.append("\n\n".join(lines))
            lines = []
        if not lines:
            if title:
                lines.append(title)  # the notice's title heads its first screen
                title = ""
            if section:
                lines.append(section.upper())
        current_heading = section
        lines.append(block)
    if lines:
        pages.append("\n\n".join(lines))
    return pages or [""]


class PrivacyNoticePage(StaffPage):
    """The notice, a screen at a time; print it, or prepare the centre's file to edit it."""

    page_name = "staff_privacy_notice"
    icon_name = "privacy.notice"
    staff_only = True
    title_words = N_("Privacy notice")
    purpose_words = N_("The whole notice, as the kiosk shows and prints it. Print it for her.")
    help_words = N_(
        "Move through the notice with the arrows. Print gives her the whole notice. To "
        "change it, touch File to edit and edit that file with a text editor; the "
        "centre's name, address and contact come from the settings file."
    )

    def __init__(
        self,
        shell: Shell,
        privacy: PrivacyService,
        print_slip: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, parent)
        self.privacy = privacy
        self.print_slip = print_slip
        self.notice: NoticeInfo | None = None
        self.screens: list[str] = [""]
        left, right = two_columns(self, 3, 2)
        self.text = body_label("", self, px=24)
        self.text.setObjectName("staff_privacy_text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        left.addWidget(self.text, 1)
        self.pager = compact_pager(shell.speaker, self, self._fill, left)
        self.about = body_label("", self, px=24)
        self.about.setObjectName("staff_privacy_about")
        right.addWidget(self.about)
        self.print_tile = tile(shell, self, "staff_privacy_print", "action.print")
        self.print_tile.set_words(_("Print"), _("Print the whole privacy notice"))
        self.print_tile.activated.connect(self.print_notice)
        self.file_tile = tile(shell, self, "staff_privacy_file", "action.export")
        self.file_tile.set_words(_("File to edit"), _("Prepare the file to edit the notice"))
        self.file_tile.activated.connect(self.prepare_file)
        for button in (self.print_tile, self.file_tile):
            button.set_font_px(24)
            right.addWidget(button, 1)

    def entered(self) -> None:
        try:
            self.notice = self.privacy.current()
        except PrivacyError as exc:
            self.shell.show_error(str(exc))
            return
        self.screens = screens(self.notice.text)
        self.pager.set_count(len(self.screens), 1)
        source = self.notice.source or _("The kiosk's own notice")
        lines = [
            _("Version {version}, {day}").format(
                version=self.notice.id, day=format_date_short(self.notice.published_at)
            ),
            source,
        ]
        if self.notice.problem:
            lines.append(self.notice.problem)
        self.about.setText("\n".join(lines))
        self._fill()

    def _fill(self) -> None:
        index = min(self.pager.page, len(self.screens) - 1)
        self.text.setText(self.screens[index])

    def reset(self) -> None:
        self.pager.set_page(0)

    def print_notice(self) -> None:
        try:
            number = self.privacy.print_notice()
        except (PrivacyError, VoucherError) as exc:
            self.shell.show_error(str(exc))
            return
        self.print_slip(number)
        self.shell.show_message(_("The privacy notice is printing."), "action.print")

    def prepare_file(self) -> None:
        """Copy the kiosk's notice into the data folder (never over an edited file) and point
        the settings at it, then say where it is."""
        settings = self.shell.settings
        if fixed_here(self.shell, "privacy_notice_file"):
            return
        chosen = settings.privacy_notice_file or str(settings.data_dir / FILE_NAME)
        try:
            path = self.privacy.write_template(Path(chosen))
            save_changes({"privacy_notice_file": str(path)})
        except (OSError, SettingsError):
            log.warning("the privacy notice file could not be prepared")
            self.shell.show_error(_("The file could not be written. Ask for help."))
            return
        settings.privacy_notice_file = str(path)
        self.entered()
        self.shell.show_message(
            _("Edit the notice in {path}; the kiosk uses it from now on.").format(path=path),
            "action.export",
        )
