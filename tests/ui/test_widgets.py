"""The widget kit, driven as a member would: tap the real buttons, listen to what is said."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QMouseEvent, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _, ngettext
from kiosk.ui.widgets import (
    MIN_GAP_PX,
    MIN_TARGET_PX,
    TOUCH_AND_HEAR_PROPERTY,
    BigTile,
    BusyOverlay,
    ConfirmOverlay,
    MessageOverlay,
    NumericKeypad,
    OnScreenKeyboard,
    Pager,
    capitalize_words,
    contrast_ratio,
    group_digits,
    page_slice,
    readable_text_colour,
)
from kiosk.ui.widgets import keypad as keypad_module
from kiosk.ui.widgets import overlays as overlays_module
from kiosk.ui.widgets import pager as pager_module
from kiosk.ui.widgets.tile import AA_CONTRAST

LEFT = Qt.MouseButton.LeftButton


class RecordingSpeaker:
    """Stands in for the window's Speaker: remembers every phrase it was asked to say."""

    def __init__(self) -> None:
        self.phrases: list[str] = []

    def say(self, text: str) -> None:
        self.phrases.append(text)


@pytest.fixture
def speaker() -> RecordingSpeaker:
    return RecordingSpeaker()


def tap(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, LEFT)


def button_named(container: QWidget, name: str) -> QAbstractButton:
    """The one visible button whose accessible name (what is shown and read) is ``name``."""
    found = [
        b
        for b in container.findChildren(QAbstractButton)
        if b.accessibleName() == name and b.isVisible()
    ]
    assert len(found) == 1, f"{len(found)} buttons named {name!r}"
    return found[0]


def shown(qtbot, widget: QWidget, width: int, height: int) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def plain(label_text: str) -> str:
    document = QTextDocument()
    document.setHtml(label_text)
    return document.toPlainText().replace("\xa0", " ")


def assert_touch_targets(container: QWidget) -> list[QRect]:
    """Every visible button is >= 96 px on each edge, >= 12 px from the others, on screen."""
    buttons = [b for b in container.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons
    rects = [QRect(b.mapTo(container, QPoint(0, 0)), b.size()) for b in buttons]
    for button, rect in zip(buttons, rects, strict=True):
        name = button.accessibleName()
        assert rect.width() >= MIN_TARGET_PX, (name, rect)
        assert rect.height() >= MIN_TARGET_PX, (name, rect)
        assert container.rect().contains(rect), (name, rect)
    for (a, ra), (b, rb) in combinations(zip(buttons, rects, strict=True), 2):
        gap_x = max(rb.x() - (ra.x() + ra.width()), ra.x() - (rb.x() + rb.width()))
        gap_y = max(rb.y() - (ra.y() + ra.height()), ra.y() - (rb.y() + rb.height()))
        assert max(gap_x, gap_y) >= MIN_GAP_PX, (a.accessibleName(), b.accessibleName())
    return rects


# --- BigTile ----------------------------------------------------------------------------------


def _tile(qtbot, speaker: RecordingSpeaker, **kwargs) -> BigTile:  # type: ignore[no-untyped-def]
    tile = BigTile("area.jobs", "Empleo", "Buscar trabajo", speaker=speaker, **kwargs)
    shown(qtbot, tile, 240, 240)
    return tile


def test_tile_speaks_its_phrase_then_acts(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    tile = _tile(qtbot, speaker)
    tile.activated.connect(lambda: speaker.phrases.append("<activated>"))
    with qtbot.waitSignal(tile.activated):
        tap(qtbot, tile)
    assert speaker.phrases == ["Buscar trabajo", "<activated>"]
    assert not tile.is_armed()


def test_touch_and_hear_first_tap_speaks_second_acts(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    tile = _tile(qtbot, speaker)
    tile.set_touch_and_hear(True)
    with qtbot.assertNotEmitted(tile.activated):
        tap(qtbot, tile)
    assert speaker.phrases == ["Buscar trabajo"]
    assert tile.is_armed()
    assert tile.property("armed") is True
    with qtbot.waitSignal(tile.activated):
        tap(qtbot, tile)
    assert speaker.phrases == ["Buscar trabajo"]
    assert not tile.is_armed()
    assert tile.property("armed") is False


def test_touch_and_hear_from_the_window_and_another_tile_disarms(  # type: ignore[no-untyped-def]
    qtbot, speaker: RecordingSpeaker
) -> None:
    page = QWidget()
    page.setProperty(TOUCH_AND_HEAR_PROPERTY, True)
    layout = QVBoxLayout(page)
    jobs = BigTile("area.jobs", "Empleo", "Buscar trabajo", speaker=speaker, parent=page)
    trade = BigTile("area.trade", "Comercio", "Comprar y vender", speaker=speaker, parent=page)
    layout.addWidget(jobs)
    layout.addWidget(trade)
    shown(qtbot, page, 400, 500)
    activations: list[str] = []
    jobs.activated.connect(lambda: activations.append("jobs"))
    trade.activated.connect(lambda: activations.append("trade"))

    tap(qtbot, jobs)
    assert jobs.is_armed()
    tap(qtbot, trade)
    assert not jobs.is_armed() and trade.is_armed()
    tap(qtbot, jobs)  # jobs was disarmed: this is a first tap again
    assert activations == []
    assert speaker.phrases == ["Buscar trabajo", "Comprar y vender", "Buscar trabajo"]
    tap(qtbot, jobs)
    assert activations == ["jobs"]


def test_an_armed_tile_disarms_itself(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    tile = _tile(qtbot, speaker, arm_timeout_ms=30)
    tile.set_touch_and_hear(True)
    tap(qtbot, tile)
    assert tile.is_armed()
    with qtbot.waitSignal(tile.armed_changed) as blocker:
        pass
    assert blocker.args == [False]
    with qtbot.assertNotEmitted(tile.activated):
        tap(qtbot, tile)
    assert speaker.phrases == ["Buscar trabajo", "Buscar trabajo"]


def test_tile_is_a_big_named_picture_with_words(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    tile = _tile(qtbot, speaker)
    assert tile.minimumSize().width() >= MIN_TARGET_PX
    assert tile.minimumSize().height() >= MIN_TARGET_PX
    assert tile.accessibleName() == "Empleo"
    assert tile.text() == "Empleo"
    assert tile.phrase == "Buscar trabajo"
    assert not tile.icon().isNull()
    assert tile.font().pixelSize() >= 24
    assert tile.font().bold()
    assert tile.toolTip() == ""
    tile.resize(400, 400)
    big = tile.iconSize().width()
    assert 0.45 * 400 <= big <= 0.6 * 400
    tile.resize(MIN_TARGET_PX, MIN_TARGET_PX)
    assert tile.iconSize().width() < big


def test_tile_shows_the_press_at_once(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    tile = _tile(qtbot, speaker)
    before = tile.grab().toImage()
    qtbot.mousePress(tile, LEFT)
    assert tile.isDown()
    during = tile.grab().toImage()
    qtbot.mouseRelease(tile, LEFT)
    assert during != before


def test_tile_words_always_have_enough_contrast() -> None:
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert readable_text_colour("#1565c0") == "#ffffff"
    assert readable_text_colour("#ffeb3b") == "#000000"
    kit_colours = [
        "#1565c0",
        keypad_module.ERASE_COLOUR,
        keypad_module.SUBMIT_COLOUR,
        overlays_module.YES_COLOUR,
        overlays_module.NO_COLOUR,
        overlays_module.OK_COLOUR,
        pager_module.ARROW_COLOUR,
    ]
    for colour in kit_colours:
        assert readable_text_colour(colour) == "#ffffff", colour
        assert contrast_ratio("#ffffff", colour) >= AA_CONTRAST, colour


def test_a_light_tile_gets_dark_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    tile = BigTile("area.trade", "Comercio", "Comprar y vender", colour="#ffeb3b")
    qtbot.addWidget(tile)
    assert tile.text_colour().name() == "#000000"
    shown(qtbot, tile, 300, 300)
    image = tile.grab().toImage()
    # The panel is yellow to its edge, words and all drawn on it.
    assert image.pixelColor(tile.width() // 2, 5).name() == "#ffeb3b"


# --- NumericKeypad ----------------------------------------------------------------------------


def _keypad(qtbot, speaker: RecordingSpeaker, **kwargs) -> NumericKeypad:  # type: ignore[no-untyped-def]
    keypad = NumericKeypad(speaker=speaker, **kwargs)
    shown(qtbot, keypad, 600, 700)
    return keypad


def test_keypad_types_a_phone_number_and_submits_it(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keypad = _keypad(qtbot, speaker)
    done = button_named(keypad, _("Done"))
    for index, digit in enumerate("6145551234"):
        assert not done.isEnabled(), f"✓ enabled after {index} digits"
        with qtbot.waitSignal(keypad.changed):
            tap(qtbot, button_named(keypad, digit))
    assert done.isEnabled()
    assert keypad.text() == "6145551234"
    assert speaker.phrases == list("6145551234")
    with qtbot.waitSignal(keypad.submitted) as blocker:
        tap(qtbot, done)
    assert blocker.args == ["6145551234"]


def test_keypad_groups_the_digits_as_a_phone_number(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keypad = _keypad(qtbot, speaker)
    for digit in "6145":
        tap(qtbot, button_named(keypad, digit))
    # The slots still to fill show as "_", so she sees how many are missing.
    assert plain(keypad.display.text()) == "614 5__ __ __"
    for digit in "551234":
        tap(qtbot, button_named(keypad, digit))
    assert keypad.display_text() == "614 555 12 34"
    assert plain(keypad.display.text()) == "614 555 12 34"
    assert keypad.display.font().pixelSize() >= 40
    assert group_digits("6145551234", (3, 3, 2, 2)) == "614 555 12 34"
    assert group_digits("1234", ()) == "1234"


def test_keypad_erase_removes_the_last_digit(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keypad = _keypad(qtbot, speaker)
    for digit in "123":
        tap(qtbot, button_named(keypad, digit))
    with qtbot.waitSignal(keypad.changed) as blocker:
        tap(qtbot, button_named(keypad, _("Erase")))
    assert blocker.args == ["12"]
    assert keypad.text() == "12"
    assert speaker.phrases[-1] == _("Erase the last number")


def test_keypad_says_what_is_missing_when_done_is_tapped_early(  # type: ignore[no-untyped-def]
    qtbot, speaker: RecordingSpeaker
) -> None:
    keypad = _keypad(qtbot, speaker)
    for digit in "614":
        tap(qtbot, button_named(keypad, digit))
    done = button_named(keypad, _("Done"))
    assert not done.isEnabled()
    with qtbot.assertNotEmitted(keypad.submitted):
        tap(qtbot, done)
    expected = ngettext("{count} number is missing", "{count} numbers are missing", 7)
    assert speaker.phrases[-1] == expected.format(count=7)


def test_keypad_stops_at_max_length_and_says_so(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keypad = _keypad(qtbot, speaker, max_length=4)
    for digit in "12345":
        tap(qtbot, button_named(keypad, digit))
    assert keypad.text() == "1234"
    assert speaker.phrases[-1] == _("The number is complete")
    assert button_named(keypad, _("Done")).isEnabled()


def test_keypad_listens_to_a_usb_keypad(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keypad = _keypad(qtbot, speaker)
    qtbot.keyClicks(keypad, "61455512399")
    assert keypad.text() == "6145551239"
    qtbot.keyClick(keypad, Qt.Key.Key_Backspace)
    qtbot.keyClick(keypad, Qt.Key.Key_4)
    with qtbot.waitSignal(keypad.submitted) as blocker:
        qtbot.keyClick(keypad, Qt.Key.Key_Enter)
    assert blocker.args == ["6145551234"]
    assert speaker.phrases[:3] == ["6", "1", "4"]


def test_keypad_keys_are_big_and_apart(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keypad = NumericKeypad(speaker=speaker)
    minimum = keypad.minimumSizeHint()
    shown(qtbot, keypad, minimum.width(), minimum.height())
    rects = assert_touch_targets(keypad)
    assert len(rects) == 12
    keypad.set_text("614-555-12-34")
    assert keypad.text() == "6145551234"
    keypad.clear()
    assert keypad.text() == ""


# --- OnScreenKeyboard -------------------------------------------------------------------------


def _key_name(char: str) -> str:
    return _("Space") if char == " " else char.upper()


def test_keyboard_writes_a_name_with_capitals_and_accents(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keyboard = OnScreenKeyboard(speaker=speaker)
    shown(qtbot, keyboard, 1024, 768)
    done = button_named(keyboard, _("Done"))
    assert not done.isEnabled()
    for char in "maría pérez":
        tap(qtbot, button_named(keyboard, _key_name(char)))
    assert keyboard.text() == "María Pérez"
    assert "María Pérez" in plain(keyboard.display.text())
    assert speaker.phrases == [_("Space") if c == " " else c for c in "maría pérez"]
    tap(qtbot, button_named(keyboard, "Ñ"))
    assert keyboard.text() == "María Pérezñ"
    tap(qtbot, button_named(keyboard, _("Erase")))
    assert keyboard.text() == "María Pérez"
    assert done.isEnabled()
    with qtbot.waitSignal(keyboard.submitted) as blocker:
        tap(qtbot, done)
    assert blocker.args == ["María Pérez"]


def test_keyboard_keys_are_big_and_apart_at_1024(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keyboard = OnScreenKeyboard(speaker=speaker)
    # It fits a 1024 px screen with room for the page's margins...
    assert keyboard.minimumSizeHint().width() <= 1024 - 2 * 24
    shown(qtbot, keyboard, 1024, 768)
    assert_touch_targets(keyboard)
    # ...and stays usable squeezed to its minimum.
    keyboard.resize(keyboard.minimumSizeHint())
    qtbot.waitUntil(lambda: keyboard.size() == keyboard.minimumSizeHint())
    assert_touch_targets(keyboard)
    assert keyboard.display.font().pixelSize() >= 32


def test_keyboard_is_alphabetical_in_rows_of_nine_at_most(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keyboard = OnScreenKeyboard(speaker=speaker)
    shown(qtbot, keyboard, 1024, 768)
    rows: dict[int, list[QAbstractButton]] = {}
    for button in keyboard.findChildren(QAbstractButton):
        rows.setdefault(button.mapTo(keyboard, QPoint(0, 0)).y(), []).append(button)
    assert all(len(row) <= 9 for row in rows.values())
    in_reading_order = [
        b.accessibleName()
        for _y, row in sorted(rows.items())
        for b in sorted(row, key=lambda b: b.x())
    ]
    letters = [name for name in in_reading_order if len(name) == 1]
    assert "".join(letters) == "ABCDEFGHIJKLMNÑOPQRSTUVWXYZÁÉÍÓÚÜ"


def test_keyboard_listens_to_a_physical_keyboard(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    keyboard = OnScreenKeyboard(speaker=speaker)
    shown(qtbot, keyboard, 1024, 768)
    qtbot.keyClicks(keyboard, " JOSÉ  luis1")  # no leading or double space, no digits
    assert keyboard.text() == "José Luis"
    qtbot.keyClick(keyboard, Qt.Key.Key_Backspace)
    assert keyboard.text() == "José Lui"
    with qtbot.waitSignal(keyboard.submitted) as blocker:
        qtbot.keyClick(keyboard, Qt.Key.Key_Return)
    assert blocker.args == ["José Lui"]


def test_keyboard_text_rules(qtbot) -> None:  # type: ignore[no-untyped-def]
    keyboard = OnScreenKeyboard(max_length=5)
    qtbot.addWidget(keyboard)
    keyboard.set_text("ana lópez")
    assert keyboard.text() == "Ana L"
    keyboard.clear()
    assert keyboard.text() == ""
    assert capitalize_words("maRÍA güera ñuñez") == "María Güera Ñuñez"


# --- Pager ------------------------------------------------------------------------------------


def test_pager_moves_through_pages_with_digits(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    pager = Pager(speaker=speaker)
    shown(qtbot, pager, 900, 200)
    pager.set_count(30)
    assert pager.page_count == 5
    previous = button_named(pager, _("Previous"))
    following = button_named(pager, _("Next"))
    assert pager.label.text() == "1 / 5"
    assert not previous.isEnabled() and following.isEnabled()
    with qtbot.waitSignal(pager.page_changed) as blocker:
        tap(qtbot, following)
    assert blocker.args == [1]
    assert pager.page == 1
    assert pager.label.text() == "2 / 5"
    assert previous.isEnabled()
    assert speaker.phrases == [_("Next page")]
    for _page in range(3):
        tap(qtbot, following)
    assert pager.label.text() == "5 / 5"
    assert not following.isEnabled()
    tap(qtbot, following)  # greyed, but still answers
    assert speaker.phrases[-1] == _("This is the last page")
    tap(qtbot, previous)
    assert pager.page == 3
    assert pager.label.font().pixelSize() >= 32


def test_pager_hides_for_a_single_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    pager = Pager()
    shown(qtbot, pager, 900, 200)
    pager.set_count(6)
    assert pager.page_count == 1
    assert pager.isHidden()
    pager.set_count(7)
    assert not pager.isHidden()
    pager.page = 1
    with qtbot.waitSignal(pager.page_changed) as blocker:
        pager.set_count(3)
    assert blocker.args == [0]


def test_page_slice() -> None:
    items = list(range(14))
    assert page_slice(items, 0) == [0, 1, 2, 3, 4, 5]
    assert page_slice(items, 2) == [12, 13]
    assert page_slice(items, 1, per_page=4) == [4, 5, 6, 7]


# --- overlays ---------------------------------------------------------------------------------


class Page(QWidget):
    """A page under an overlay, with a button, counting the taps that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0
        layout = QVBoxLayout(self)
        self.button = QPushButton("debajo", self)
        self.button.setMinimumSize(300, 300)
        layout.addWidget(self.button)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.presses += 1
        event.accept()


def _page(qtbot) -> Page:  # type: ignore[no-untyped-def]
    page = Page()
    shown(qtbot, page, 1024, 768)
    return page


def test_confirm_overlay_asks_and_answers(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    overlay = ConfirmOverlay(page, speaker)
    assert not overlay.isVisible()
    overlay.ask("¿Quieres inscribirte?", "action.warning")
    assert overlay.isVisible()
    assert overlay.text() == "¿Quieres inscribirte?"
    assert overlay.message.font().pixelSize() >= 32
    assert overlay.picture.pixmap() is not None and not overlay.picture.pixmap().isNull()
    assert speaker.phrases == ["¿Quieres inscribirte?"]
    with qtbot.waitSignal(overlay.answered) as blocker:
        tap(qtbot, button_named(overlay, _("Yes")))
    assert blocker.args == [True]
    assert not overlay.isVisible()

    overlay.ask("¿Borrar todo?")
    assert overlay.picture.isHidden()
    with qtbot.waitSignal(overlay.answered) as blocker:
        tap(qtbot, button_named(overlay, _("No")))
    assert blocker.args == [False]
    assert not overlay.isVisible()
    assert speaker.phrases[-1] == _("No")


def test_overlay_covers_its_parent_and_swallows_taps(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    overlay = ConfirmOverlay(page, speaker)
    overlay.ask("¿Seguro?")
    assert overlay.geometry() == page.rect()
    corner = QPoint(5, 5)
    under = page.childAt(corner)
    assert under is overlay  # raised above the page's button
    clicked: list[bool] = []
    page.button.clicked.connect(lambda: clicked.append(True))
    qtbot.mouseClick(under, LEFT, pos=corner)
    assert page.presses == 0
    assert clicked == []
    assert overlay.isVisible()
    page.resize(1366, 768)
    qtbot.waitUntil(lambda: overlay.geometry() == page.rect())


def test_message_overlay_speaks_and_closes(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    overlay = MessageOverlay(page, speaker)
    overlay.show_message("Listo", icon="action.yes")
    assert overlay.isVisible()
    assert overlay.geometry() == page.rect()
    assert not overlay.picture.isHidden() and overlay.picture.accessibleName() == "action.yes"
    assert speaker.phrases == ["Listo"]
    with qtbot.waitSignal(overlay.closed):
        tap(qtbot, button_named(overlay, _("OK")))
    assert not overlay.isVisible()

    overlay.show_message("Listo", icon="action.ok", button_words="Seguir")
    with qtbot.waitSignal(overlay.closed):
        tap(qtbot, button_named(overlay, "Seguir"))


def test_an_error_has_a_red_cross_and_try_again(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    overlay = MessageOverlay(page, speaker)
    overlay.show_error("No se pudo imprimir. Pide ayuda a una compañera.", "action.print")
    assert overlay.picture.accessibleName() == "action.error"
    assert overlay.cause.isVisible() and overlay.cause.accessibleName() == "action.print"
    assert overlay.ok_button.icon_name == "action.retry"
    assert speaker.phrases == ["No se pudo imprimir. Pide ayuda a una compañera."]
    with qtbot.waitSignal(overlay.closed):
        tap(qtbot, button_named(overlay, _("Try again")))
    # The ✗ picture alone makes a message an error; news after it keeps its ✓ and 👍.
    overlay.show_message("No se pudo.", "action.error")
    assert overlay.is_error and overlay.cause.isHidden()
    overlay.show_message("Listo", "action.yes")
    assert not overlay.is_error and overlay.cause.isHidden()
    assert overlay.ok_button.icon_name == "action.ok"
    assert overlay.ok_button.text() == _("OK")


def test_busy_overlay_speaks_then_shows_progress(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    overlay = BusyOverlay(page, speaker, speak_after_ms=20, progress_after_ms=60)
    overlay.start()
    assert overlay.isVisible()  # the hourglass at once
    assert overlay.geometry() == page.rect()
    assert not overlay.picture.isHidden()
    assert speaker.phrases == []
    # What each step found when it came (a busy machine may run both timers in one go).
    seen: list[tuple[str, bool, list[str]]] = []
    overlay.spoke_wait.connect(
        lambda: seen.append(("spoke", overlay.progress.isHidden(), list(speaker.phrases)))
    )
    overlay.progress_shown.connect(
        lambda: seen.append(("progress", overlay.progress.isHidden(), list(speaker.phrases)))
    )
    with qtbot.waitSignal(overlay.progress_shown):
        pass
    assert seen == [
        ("spoke", True, [_("One moment")]),
        ("progress", False, [_("One moment")]),
    ]
    assert overlay.progress.isVisible()
    assert (overlay.progress.minimum(), overlay.progress.maximum()) == (0, 0)  # busy
    overlay.set_progress(3, 10)
    assert (overlay.progress.value(), overlay.progress.maximum()) == (3, 10)
    assert overlay.progress.text() == "3 / 10"
    overlay.stop()
    assert not overlay.isVisible()
    assert speaker.phrases == [_("One moment")]


def test_busy_overlay_stopped_early_stays_quiet(qtbot, speaker: RecordingSpeaker) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    overlay = BusyOverlay(page, speaker, speak_after_ms=20, progress_after_ms=40)
    overlay.start()
    overlay.stop()
    with qtbot.assertNotEmitted(overlay.spoke_wait, wait=100):
        pass
    assert speaker.phrases == []
    assert not overlay.isVisible()
