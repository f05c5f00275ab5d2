"""What a woman who reads little sees on a page, measured: the choices in its body, the
pictures they show, the words cut with "…" that the voice reads, and the size of the
navigation bar's pictures. The crawl test (tests/ui/test_crawl.py) walks every page with it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.resources import UnknownIcon, icon_path
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile, NumericKeypad, OnScreenKeyboard, Pager

MOST_CHOICES = 6
NAV_PICTURE_PX = 64
ELLIPSIS = "…"

# Parts of a page that are not among its choices: the keys of a keypad or keyboard (with
# their ✓ and erase) and the pager's arrows.
_NOT_BODY = (NumericKeypad, OnScreenKeyboard, Pager)


def _inside(widget: QWidget, kinds: tuple[type[QWidget], ...], stop: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def body_choices(window: MainWindow) -> list[BigTile]:
    """The tiles she can see and use in the page's body: not the fixed navigation bar, the
    pager, a keypad's or keyboard's keys, nor what a page marks as no choice of its own
    (``kioskChoice`` False: the staff's corner key, the − and + of one number)."""
    page = window.current_page()
    return [
        tile
        for tile in page.findChildren(BigTile)
        if tile.isVisible()
        and tile.isEnabled()
        and not tile.property("kioskNav")
        and tile.property("kioskChoice") is not False
        and not _inside(tile, _NOT_BODY, page)
    ]


def words_of(tile: BigTile) -> str:
    """What a tile says in words (its words, else its accessible name), one line."""
    return " ".join((tile.text() or tile.accessibleName()).split())


def picture_of(icon: str) -> str:
    """The file a pictogram name draws (its name when the manifest does not know it)."""
    try:
        return icon_path(icon).stem
    except UnknownIcon:
        return icon


def picture_px(tile: BigTile) -> int:
    """The side of the pictogram a tile draws (BigTile sizes its icon to fit the tile)."""
    return tile._arrange(tile._content_rect())[0]


def _less_count(words: str) -> str:
    """The words without the count that follows a kind's name on its tile."""
    head, _, last = words.rpartition(" ")
    return head if head and last.isdigit() else words


@dataclass
class Elisions:
    """Every text cut with "…" while painting, as (the full text, what was drawn)."""

    cut: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def recording_elisions() -> Iterator[Elisions]:
    """Record every ``QFontMetrics.elidedText`` that cut its text (cards, labels and the
    pages' own painting all cut through it)."""
    found = Elisions()
    original = QFontMetrics.elidedText

    def elided(self, text, mode, width, flags=0):  # type: ignore[no-untyped-def]
        result = original(self, text, mode, width, flags)
        if result != text:
            found.cut.append((text, result))
        return result

    QFontMetrics.elidedText = elided  # type: ignore[method-assign]
    try:
        yield found
    finally:
        QFontMetrics.elidedText = original  # type: ignore[method-assign]


def _spoken(window: MainWindow) -> list[str]:
    """What the voice may read on this page: its title, purpose and help, and every visible
    tile's phrase and name."""
    page = window.current_page()
    texts = [page.title(), page.purpose(), page.help_text()]
    for tile in page.findChildren(BigTile):
        if tile.isVisible():
            texts += [tile.phrase, tile.accessibleName(), tile.accessibleDescription()]
    return [" ".join(t.split()) for t in texts if t]


def nav_problems(window: MainWindow, where: str) -> list[str]:
    """The navigation bar's pictures under 64 px (the bar is the same on every page)."""
    return [
        f"{where}: navigation picture {tile.objectName()} is {picture_px(tile)} px"
        for tile in window.navbar.findChildren(BigTile)
        if tile.isVisible() and picture_px(tile) < NAV_PICTURE_PX
    ]


def page_problems(window: MainWindow, where: str) -> list[str]:
    """What a woman who reads little would trip on in the page on screen, one line each,
    named ``where`` (role, size and page)."""
    page = window.current_page()
    problems: list[str] = []
    choices = body_choices(window)
    if len(choices) > MOST_CHOICES:
        names = ", ".join(words_of(t) or t.objectName() for t in choices)
        problems.append(f"{where}: {len(choices)} choices ({names})")

    # The picture drawn, not its name: two names may draw the same file (five foods, one taco).
    by_picture: dict[str, set[str]] = defaultdict(set)
    for tile in choices:
        by_picture[picture_of(tile.icon_name)].add(words_of(tile))
    # Numbers, times and dates are told apart by their digits (DESIGN.md 3.3), the picture
    # saying what they count: 30 s and 60 s may both show the hourglass. A count after a
    # kind's name ("Cocina 5") is no such number.
    by_picture = {
        icon: words
        for icon, words in by_picture.items()
        if not all(any(c.isdigit() for c in _less_count(w)) for w in words)
    }
    for icon, words in sorted(by_picture.items()):
        if len(words) > 1:
            problems.append(f"{where}: picture {icon} for {sorted(words)}")

    # Paint the page (and the header) now, recording what gets cut.
    with recording_elisions() as elisions:
        page.grab()
    spoken = _spoken(window)
    for full, drawn in elisions.cut:
        full_line = " ".join(full.split())
        shown_part = " ".join(drawn.replace(ELLIPSIS, "").split())
        if any(full_line in s or (shown_part and f"{shown_part}{ELLIPSIS}" in s) for s in spoken):
            problems.append(f"{where}: {full_line!r} is cut to {drawn!r} and read aloud")
    for label in page.findChildren(QLabel):
        text = " ".join(label.text().split())
        if label.isVisible() and text.endswith(ELLIPSIS):
            problems.append(f"{where}: label {label.objectName() or text!r} shows {text!r}")
    title = window.title_label
    if title.fontMetrics().horizontalAdvance(title.text()) > title.contentsRect().width():
        problems.append(f"{where}: the title {title.text()!r} does not fit")

    return problems
