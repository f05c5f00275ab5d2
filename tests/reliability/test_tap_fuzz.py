"""Random taps on the keypads and keyboards of every page — as a member, as a volunteer and as
staff — and on whatever overlay they bring up: no exception escapes (pytest-qt fails a test
when a slot raises), and the window stays usable."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.data.models import StaffRole
from kiosk.services.staff import StaffInfo
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import KeyButton, NumericKeypad, OnScreenKeyboard
from tests.ui.helpers import make_window

pytestmark = pytest.mark.slow
TAPS_PER_PAGE = 25
TRIED = {"taps": 0, "pages": 0}


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path, demo=True, printer="pdf")


def _in_entry(button: QAbstractButton) -> bool:
    """A key, or the erase / done tile of a keypad or keyboard (or the 0-6 picker)."""
    if isinstance(button, KeyButton):
        return True
    parent: QWidget | None = button.parentWidget()
    while parent is not None:
        if isinstance(parent, NumericKeypad | OnScreenKeyboard) or parent.objectName() == (
            "children_picker"
        ):
            return True
        parent = parent.parentWidget()
    return False


def _targets(window: MainWindow) -> list[QAbstractButton]:
    for overlay in (window.confirm_overlay, window.message_overlay):
        if overlay.isVisible():
            return [b for b in overlay.findChildren(QAbstractButton) if b.isVisible()]
    page = window.current_page()
    return [
        b
        for b in page.findChildren(QAbstractButton)
        if b.isVisible() and b.isEnabled() and _in_entry(b)
    ]


def fuzz(qtbot, window: MainWindow, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    for _ in range(TAPS_PER_PAGE):
        targets = _targets(window)
        if not targets:
            return
        qtbot.mouseClick(rng.choice(targets), Qt.MouseButton.LeftButton)
        TRIED["taps"] += 1


@pytest.mark.parametrize("who", ["member", "volunteer", "staff"])
def test_random_taps_on_every_page_raise_nothing(
    qtbot, window: MainWindow, who: str, report_figure
) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(f"taps-{who}")
    TRIED.update(taps=0, pages=0)
    for name in sorted(window.pages):
        if who == "member":
            window.forget_visit()
        else:
            role = StaffRole.STAFF if who == "staff" else StaffRole.VOLUNTEER
            window.staff_user = StaffInfo(1, "Irma", role)
        window.message_overlay.hide()
        window.confirm_overlay.hide()
        window.open(name)
        TRIED["pages"] += 1
        fuzz(qtbot, window, rng)
    # Still usable: home opens and speaks.
    window.message_overlay.hide()
    window.confirm_overlay.hide()
    window.go_home()
    assert window.current_page().objectName() == "home"
    report_figure(
        f"tap fuzz ({who}): {TRIED['taps']} taps on {TRIED['pages']} page visits, 0 errors"
    )
