"""The settings page (staff only): each setting a tile with its value, six to a screen; a tap
opens one page of big choices (or the keypad for a number), and the choice is saved to the
settings file at once. Idle time, voice and touch-and-hear apply at once; the station and the
childcare figures at the next start, and the page says so. "Back up now" sits here too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.config import SettingsError, fixed_by_environment, save_changes
from kiosk.i18n import N_, _, format_date_short, format_time
from kiosk.logs import area_logger
from kiosk.ui.pages.base import Page, Shell
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.widgets import BigTile
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.wizard import NumberStepPage

log = area_logger("settings")

STAFF = AREA_BY_KEY["staff"]
CHOSEN_COLOUR = "#2e7d32"
PER_PAGE = 6
PDF = "pdf"

STATION_WORDS = {
    "member": N_("Members"),
    "childcare": N_("Childcare"),
    "staff": N_("Staff"),
}
STATION_ICONS = {"member": "misc.people", "childcare": "area.childcare", "staff": "area.staff"}
PAPER_WORDS = {"80mm": N_("Roll 80 mm"), "half-letter": N_("Half letter"), "letter": N_("Letter")}
IDLE_CHOICES = (30, 45, 60, 90, 120, 180)
RATE_CHOICES = (
    (-0.6, "speed.very_slow", N_("Very slow")),
    (-0.3, "speed.slow", N_("Slow")),
    (0.0, "speed.normal", N_("Normal")),
    (0.3, "speed.fast", N_("Fast")),
)
VOLUME_CHOICES = (
    (0.25, "volume.low"),
    (0.5, "volume.medium"),
    (0.75, "volume.high"),
    (1.0, "volume.high"),
)
PAPER_ICONS = {"80mm": "staff.paper", "half-letter": "staff.half_sheet", "letter": "staff.sheet"}


@dataclass(frozen=True)
class Option:
    value: Any
    icon: str
    words: str  # translated


@dataclass(frozen=True)
class Extra:
    """A tile of the settings list that opens a page of its own (the privacy notice)."""

    name: str
    icon: str
    words: Callable[[], str]
    page: str


@dataclass(frozen=True)
class Setting:
    """One setting: its field of :class:`kiosk.config.Settings`, its tile, and its choices
    (None for a number typed on the keypad)."""

    name: str
    icon: str
    label: Callable[[], str]
    shown: Callable[[Any], str]
    options: Callable[[], Sequence[Option]] | None = None
    now: bool = True  # applies at once (else at the next start)
    limits: tuple[int, int] = (0, 0)  # for numbers


def _seconds(value: int) -> str:
    return _("{count} s").format(count=value)


def _percent(value: float) -> str:
    return f"{round(value * 100)} %"


def _rate_words(value: float) -> str:
    closest = min(RATE_CHOICES, key=lambda choice: abs(choice[0] - value))
    return _(closest[2])


def _printer_words(value: str) -> str:
    if value == PDF:
        return _("Save PDF")
    if not value:
        return _("Default printer")
    return value


def _printer_options() -> list[Option]:
    # The queues CUPS offers now (a printer plugged in since the kiosk started shows up).
    from kiosk.ui.printing import available_printers

    options = [
        Option("", "action.print", _("Default printer")),
        Option(PDF, "action.export", _("Save PDF")),
    ]
    options += [Option(queue, "action.print", queue) for queue in available_printers()]
    return options


def settings_list() -> list[Setting]:
    """Every setting the desk changes, in the order of the settings page."""
    return [*_station_settings(), *_voice_settings(), *_childcare_settings()]


def _among(
    name: str,
    icon: str,
    label: str,
    words: dict[str, str],
    icons: dict[str, str],
    *,
    now: bool = True,
) -> Setting:
    """A setting chosen among a few named values, each with its picture."""
    return Setting(
        name,
        icon,
        lambda: _(label),
        lambda v: _(words[v]),
        lambda: [Option(k, icons[k], _(w)) for k, w in words.items()],
        now=now,
    )


def _waiting(name: str, icon: str, label: str) -> Setting:
    """A waiting time in seconds, chosen among IDLE_CHOICES."""
    return Setting(
        name,
        icon,
        lambda: _(label),
        _seconds,
        lambda: [Option(s, icon, _seconds(s)) for s in IDLE_CHOICES],
    )


def _count(name: str, icon: str, label: str, limits: tuple[int, int]) -> Setting:
    """A whole number typed on the keypad; it applies at the next start."""
    return Setting(name, icon, lambda: _(label), str, now=False, limits=limits)


def _station_settings() -> list[Setting]:
    """The station: what it is, its printer and paper, how long it waits."""
    return [
        _among("station", "staff.station", N_("Station"), STATION_WORDS, STATION_ICONS, now=False),
        Setting("printer", "action.print", lambda: _("Printer"), _printer_words, _printer_options),
        _among("paper", "staff.paper", N_("Paper"), PAPER_WORDS, PAPER_ICONS),
        _waiting("idle_seconds", "action.wait", N_("Waiting time")),
        _waiting("staff_idle_seconds", "area.staff", N_("Staff sign-in time")),
    ]


def _voice_settings() -> list[Setting]:
    """The voice: how fast and loud, and whether a touch is heard before it acts."""
    yes_no = [Option(True, "action.yes", _("Yes")), Option(False, "action.no", _("No"))]
    return [
        Setting(
            "speech_rate",
            "speed.normal",
            lambda: _("Voice speed"),
            _rate_words,
            lambda: [Option(v, icon, _(w)) for v, icon, w in RATE_CHOICES],
        ),
        Setting(
            "speech_volume",
            "nav.speaker",
            lambda: _("Volume"),
            _percent,
            lambda: [Option(v, icon, _percent(v)) for v, icon in VOLUME_CHOICES],
        ),
        Setting(
            "touch_and_hear",
            "staff.ear",
            lambda: _("Hear before acting"),
            lambda v: _("Yes") if v else _("No"),
            lambda: yes_no,
        ),
    ]


def _childcare_settings() -> list[Setting]:
    """The children's room: its places and how many children each carer looks after."""
    return [
        _count("childcare_capacity", "area.childcare", N_("Childcare places"), (0, 200)),
        _count("childcare_ratio", "misc.people", N_("Children per carer"), (1, 30)),
    ]


def fixed_here(shell: Shell, name: str) -> bool:
    """A setting the computer's environment decides: said so, and it cannot change here."""
    fixed = fixed_by_environment(name)
    if fixed is not None:
        shell.show_message(
            _("On this computer {variable} decides this setting; it cannot change here.").format(
                variable=fixed
            ),
            "action.privacy",
        )
    return fixed is not None


class SettingsPages:
    """The settings list, one page per setting, and saving. ``changed(name)`` is called after
    a setting is saved so the window can apply it; ``back_up_now()`` starts a backup and
    ``last_backup()`` says when the newest was made."""

    def __init__(
        self,
        shell: Shell,
        changed: Callable[[str], None],
        back_up_now: Callable[[], bool],
        last_backup: Callable[[], Any],
        parent: QWidget | None = None,
        *,
        extras: Sequence[Extra] = (),
    ) -> None:
        self.shell = shell
        self.changed = changed
        self.back_up_now = back_up_now
        self.last_backup = last_backup
        self.settings = settings_list()
        self.extras = list(extras)
        self.list_page = SettingsPage(shell, self, parent)
        self._pages: list[Page] = [self.list_page]
        for setting in self.settings:
            if setting.options is not None:
                self._pages.append(OptionsPage(shell, self, setting, parent))
            else:
                self._pages.append(self._number_page(setting, parent))

    def _number_page(self, setting: Setting, parent: QWidget | None) -> NumberStepPage:
        low, high = setting.limits
        return NumberStepPage(
            self.shell,
            f"staff_setting_{setting.name}",
            setting.icon,
            setting.label,
            lambda: _("Now {value}. Type a number from {low} to {high}.").format(
                value=getattr(self.shell.settings, setting.name), low=low, high=high
            ),
            partial(self._typed, setting),
            max_length=len(str(high)),
            parent=parent,
        )

    def pages(self) -> list[Page]:
        return list(self._pages)

    def value(self, setting: Setting) -> Any:
        return getattr(self.shell.settings, setting.name)

    def open_setting(self, setting: Setting) -> None:
        if fixed_here(self.shell, setting.name):
            return
        page = f"staff_setting_{setting.name}"
        (found,) = [p for p in self._pages if p.page_name == page]
        found.reset()
        self.shell.open(page)

    def _typed(self, setting: Setting, digits: str) -> None:
        low, high = setting.limits
        number = int(digits or "0")
        if not low <= number <= high:
            self.shell.show_error(
                _("Type a number from {low} to {high}.").format(low=low, high=high),
            )
            return
        self.choose(setting, number)

    def choose(self, setting: Setting, value: Any) -> None:
        """Save ``value`` to the settings file and to the running settings, then go back to the
        list and say whether it already counts."""
        settings = self.shell.settings
        try:
            save_changes({setting.name: value})
        except (SettingsError, OSError) as exc:
            log.warning("settings not saved: %s", type(exc).__name__)
            self.shell.show_error(
                str(exc)
                if isinstance(exc, SettingsError)
                else _("The settings could not be saved."),
            )
            return
        setattr(settings, setting.name, value)
        log.info("setting %s changed", setting.name)
        self.changed(setting.name)
        self.shell.open("staff_settings")
        if setting.now:
            self.shell.show_message(_("Saved. It counts from now on."), "action.yes")
        else:
            self.shell.show_message(
                _("Saved. It counts when the kiosk starts again."), "action.yes"
            )

    def backup(self) -> None:
        if self.back_up_now():
            self.shell.show_message(_("Making a backup…"), "action.wait")
        else:
            self.shell.show_message(_("A backup is already being made."), "action.wait")


class SettingsPage(FixedWords, TileListPage):
    """Every setting as a tile with its value; the last tile backs the database up now."""

    page_name = "staff_settings"
    icon_name = "staff.settings"
    colour = STAFF.colour
    tile_icon = "staff.settings"
    tile_font_px = 24
    title_words = N_("Settings")
    purpose_words = N_("Touch a setting to change it.")

    def __init__(self, shell: Shell, pages: SettingsPages, parent: QWidget | None = None) -> None:
        self.pages = pages
        # None: back up now; the extras (the privacy notice) open their own page.
        self.entries: list[Setting | Extra | None] = [*pages.settings, *pages.extras, None]
        super().__init__(shell, parent)

    def reset(self) -> None:
        self.pager.set_page(0)

    def tile_of(self, name: str) -> tuple[int, int]:
        """(page, tile index) of the setting ``name`` ("backup" for back up now)."""
        names = [e.name if e else "backup" for e in self.entries]
        index = names.index(name)
        return index // PER_PAGE, index % PER_PAGE

    def items(self) -> list[Setting | Extra | None]:
        return self.entries

    def show_item(self, tile: BigTile, entry: Setting | Extra | None) -> None:
        if isinstance(entry, Extra):
            tile.set_icon(entry.icon)
            tile.set_words(entry.words(), entry.words())
            return
        if entry is None:
            last = self.pages.last_backup()
            when = (
                _("Last: {day} {time}").format(day=format_date_short(last), time=format_time(last))
                if last
                else _("No backup yet")
            )
            tile.set_icon("staff.backup")
            words = _("Back up now")
            tile.set_words(f"{words}\n{when}", _("Back up the database now"))
            return
        value = entry.shown(self.pages.value(entry))
        tile.set_icon(entry.icon)
        tile.set_words(f"{entry.label()}\n{value}", f"{entry.label()}: {value}")

    def chosen(self, entry: Setting | Extra | None) -> None:
        if isinstance(entry, Extra):
            self.shell.open(entry.page)
        elif entry is None:
            self.pages.backup()
        else:
            self.pages.open_setting(entry)


def _choice_purpose(now: bool) -> Callable[[], str]:
    if now:
        return lambda: _("Touch your choice.")
    return lambda: _("Touch your choice. It counts when the kiosk starts again.")


class OptionsPage(TileListPage):
    """The choices of one setting, six to a screen; the current one is green with a ✓."""

    colour = STAFF.colour

    def __init__(
        self, shell: Shell, pages: SettingsPages, setting: Setting, parent: QWidget | None = None
    ) -> None:
        self.page_name = f"staff_setting_{setting.name}"
        self.icon_name = self.tile_icon = setting.icon
        self.pages = pages
        self.setting = setting
        super().__init__(shell, parent)

    def title(self) -> str:
        return self.setting.label()

    def purpose(self) -> str:
        return _choice_purpose(self.setting.now)()

    def items(self) -> list[Option]:
        assert self.setting.options is not None
        return list(self.setting.options())

    def words(self, item: Option) -> str:
        return item.words

    def show_item(self, tile: BigTile, item: Option) -> None:
        chosen = item.value == self.pages.value(self.setting)
        tile.set_icon(item.icon)
        tile.set_colour(CHOSEN_COLOUR if chosen else STAFF.colour)
        tile.set_words(f"✓ {item.words}" if chosen else item.words, item.words)

    def chosen(self, item: Option) -> None:
        self.pages.choose(self.setting, item.value)

    def reset(self) -> None:
        self.pager.set_page(0)
