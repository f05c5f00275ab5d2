"""The trade centre from the window, driven by taps: a member signs in and publishes a listing
with a photo from the (fake) webcam, staff approve it at the desk, another member finds it and
prints the slip with the seller's phone, the seller takes it down; and every bad input: a price
over the limit, an empty or one-letter name, a big photo scaled down, a camera that fails or is
missing, the idle warning that loses nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.i18n import _, format_money
from kiosk.services.members import MemberInfo
from kiosk.services.trade import (
    PHOTO_EDGE,
    ListingDraft,
    ListingStatus,
    TradeCategory,
    TradeService,
)
from kiosk.ui.areas.trade.texts import category_word, price_text
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from kiosk.words import format_phone, mask_phone
from tests.pdfs import pdf_text
from tests.ui.camera_fakes import FakeWebcam, broken_camera, silent_source
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    enter_digits,
    make_window,
    page,
    shown,
    sign_in_member,
    tap,
    tile,
    tile_showing,
    type_words,
)

PRINT_WAIT_MS = 60_000
ROSA = ("Rosa Chávez", "6145559901", "Aldama")
LUPE = ("Guadalupe Ríos", "6145559902", "Chihuahua")


def trade_window(qtbot, tmp_path: Path, **settings: object) -> MainWindow:  # type: ignore[no-untyped-def]
    """The kiosk with the example data, printing to PDF files, and Rosa and Lupe registered."""
    window = make_window(qtbot, tmp_path, demo=True, printer="pdf", **settings)
    for name, phone, locality in (ROSA, LUPE):
        window.members.register(name, phone, consent=True, locality=locality)
    return window


def enter_price(qtbot, window: MainWindow, digits: str) -> None:  # type: ignore[no-untyped-def]
    enter_digits(qtbot, window.pages["trade_sell_price"].keypad, digits)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return trade_window(qtbot, tmp_path)


@pytest.fixture
def webcam(window: MainWindow) -> FakeWebcam:
    """The station's camera is a frame input playing a 1920 × 1080 test card."""
    fake = FakeWebcam(1920, 1080)
    window.trade_bank.camera.source = fake
    window.trade_bank.camera.probe = lambda: True
    return fake


def service(window: MainWindow) -> TradeService:
    return window.trade_bank.service


def choose_kind(qtbot, window: MainWindow, category: TradeCategory) -> None:  # type: ignore[no-untyped-def]
    """Touch the kind's picture, turning the page with ▶ as she would."""
    kinds = window.pages["trade_sell_kind"]
    while not any(t.isVisible() and t.text() == category_word(category) for t in kinds.tiles):
        tap(qtbot, kinds.pager.next_button)
    tap(qtbot, tile_showing(window, "trade_sell_kind_", category_word(category)))


def sell_until_photo(qtbot, window: MainWindow, *, sign_in_as: str | None = ROSA[1]) -> None:  # type: ignore[no-untyped-def]
    """Home → Comercio → Vender (→ sign in) → Comida → Tamales → $180 → por docena."""
    window.go_home()
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile(window, "trade_sell"))
    if sign_in_as is not None:
        sign_in_member(qtbot, window, sign_in_as)
    assert page(window) == "trade_sell_kind"
    tap(qtbot, tile_showing(window, "trade_sell_kind_", category_word(TradeCategory.FOOD)))
    assert page(window) == "trade_sell_title"
    tap(qtbot, tile_showing(window, "trade_sell_title_", "Tamales"))
    assert page(window) == "trade_sell_price"
    enter_price(qtbot, window, "180")
    assert page(window) == "trade_sell_unit"
    tap(qtbot, tile_showing(window, "trade_sell_unit_", "Por docena"))


def publish(qtbot, window: MainWindow) -> int:  # type: ignore[no-untyped-def]
    assert page(window) == "trade_sell_review"
    member = window.visit.member
    assert member is not None
    before = {c.id for c in service(window).mine(member.id, per_page=1000).cards}
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "Listo" in t):
        tap(qtbot, tile(window, "trade_publish"))
    assert page(window) == "trade_mine"
    (new,) = {c.id for c in service(window).mine(member.id, per_page=1000).cards} - before
    return new


# --- the whole way round ----------------------------------------------------------------------


def test_published_approved_found_bought_and_taken_down(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, webcam: FakeWebcam, tmp_path: Path
) -> None:
    # Rosa sells tamales, with a photo.
    sell_until_photo(qtbot, window)
    assert page(window) == "trade_sell_photo"
    qtbot.waitUntil(lambda: window.trade_bank.camera.ready, timeout=10_000)
    viewfinder = window.findChild(QLabel, "trade_viewfinder")
    qtbot.waitUntil(lambda: viewfinder.pixmap() is not None and not viewfinder.pixmap().isNull())
    tap(qtbot, tile(window, "trade_take_photo"))
    qtbot.waitUntil(lambda: page(window) == "trade_sell_review", timeout=10_000)
    assert not window.trade_bank.camera.running  # the camera is let go once the photo is taken
    assert shown(window, "trade_review_title", QLabel).text() == "Tamales"
    listing_id = publish(qtbot, window)
    # She hears it waits for the staff, and sees it on her list with the hourglass.
    assert "personal" in window.message_overlay.text()
    mine = window.pages["trade_mine"]
    assert [c.id for c in mine.cards] == [listing_id]
    assert mine.tiles[0].badge == "action.wait"
    stored = service(window).staff_get(listing_id)
    assert (stored.status, stored.title, stored.price, stored.seller_first_name) == (
        ListingStatus.PENDING,
        "Tamales",
        180,
        "Rosa",
    )
    assert stored.has_photo
    # The big webcam picture was scaled down before it was kept.
    with Image.open(io.BytesIO(service(window).photo(listing_id) or b"")) as photo:
        assert photo.size == (PHOTO_EDGE, 450)
    # Members do not see it yet.
    assert listing_id not in {c.id for c in service(window).list_listings("comida").cards}

    # Irma approves it at the staff desk.
    window.message_overlay.hide()
    window.sign_out()
    as_staff(window)
    window.open("staff_desk")
    pending = service(window).pending_count()
    desk = desk_tile(qtbot, window, "desk_trade")
    assert desk.text() == f"Por aprobar: {pending}"
    tap(qtbot, desk)
    assert page(window) == "staff_trade"
    staff_list = window.pages["staff_trade"]
    index = [c.id for c in staff_list.cards].index(listing_id)
    tap(qtbot, tile(window, f"staff_trade_{index}"))
    assert page(window) == "staff_listing"
    assert shown(window, "listing_phone", QLabel).text() == mask_phone(ROSA[1])
    tap(qtbot, tile(window, "staff_trade_approve"))
    assert page(window) == "staff_trade"
    assert service(window).staff_get(listing_id).status is ListingStatus.PUBLISHED
    window.message_overlay.hide()
    window.open("staff_desk")
    assert desk_tile(qtbot, window, "desk_trade").text() == f"Por aprobar: {pending - 1}"
    window.staff_sign_out()

    # Lupe finds it under Comida, newest first, and prints the slip with Rosa's phone.
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, LUPE[1])
    tap(qtbot, tile(window, "tile_trade"))
    food = tile_showing(window, "trade_", category_word(TradeCategory.FOOD))
    assert food.text().endswith(f" {service(window).category_counts()[TradeCategory.FOOD]}")
    tap(qtbot, food)
    assert page(window) == "trade_list"
    first = window.pages["trade_list"].tiles[0]
    assert window.pages["trade_list"].cards[0].id == listing_id
    assert first.lines == ("Tamales", "$180 por docena", "Rosa · Aldama")
    assert first.photo is not None
    with qtbot.waitSignal(
        window.speaker.spoken, check_params_cb=lambda t: t.startswith("Tamales. $180 por docena")
    ):
        tap(qtbot, first)
    assert page(window) == "trade_detail"
    # On screen the phone is masked.
    assert shown(window, "listing_phone", QLabel).text() == "•• •• •• 99 01"
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "trade_buy"))
    (pdf,) = (tmp_path / "data" / "slips").glob("*.pdf")
    text = pdf_text(pdf)
    for expected in ("Rosa", format_phone(ROSA[1]), "Tamales", format_money(180)):
        assert expected in text, expected
    assert "Chávez" not in text  # only her first name is printed
    assert tile(window, "trade_buy").text() == _("Print again")
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "trade_buy"))
    assert len(list((tmp_path / "data" / "slips").glob("*.pdf"))) >= 1

    # Rosa takes it down from "Mis ventas".
    window.sign_out()
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile(window, "trade_my_listings"))
    sign_in_member(qtbot, window, ROSA[1])
    assert page(window) == "trade_mine"
    assert window.pages["trade_mine"].tiles[0].badge == "action.yes"
    tap(qtbot, tile(window, "trade_mine_0"))
    assert page(window) == "trade_own"
    tap(qtbot, tile(window, "trade_withdraw"))
    tap(qtbot, tile(window, "confirm_yes"))
    assert page(window) == "trade_mine"
    assert window.pages["trade_mine"].total == 0
    assert service(window).staff_get(listing_id).status is ListingStatus.WITHDRAWN
    assert listing_id not in {c.id for c in service(window).list_listings("comida").cards}


def test_without_approval_it_shows_at_once_and_she_hears_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = trade_window(qtbot, tmp_path, trade_needs_approval=False)
    window.trade_bank.camera.probe = lambda: False
    sell_until_photo(qtbot, window)
    listing_id = publish(qtbot, window)
    assert window.message_overlay.text() == _("Done. It is already shown in Trade.")
    assert service(window).get(listing_id).status is ListingStatus.PUBLISHED


def test_a_listing_withdrawn_while_she_looks_prints_nothing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile_showing(window, "trade_", category_word(TradeCategory.FOOD)))
    card = window.pages["trade_list"].cards[0]
    tap(qtbot, tile(window, "trade_list_0"))
    service(window).withdraw(card.id, staff_id=as_staff(window).id)
    window.staff_user = None
    tap(qtbot, tile(window, "trade_buy"))
    assert window.message_overlay.text() == _("This is no longer for sale. Look at another one.")
    assert window.trade_bank.number is None


# --- bad input --------------------------------------------------------------------------------


def test_a_price_over_the_limit_asks_again_and_keeps_the_digits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.trade_bank.camera.probe = lambda: False
    window.go_home()
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile(window, "trade_sell"))
    sign_in_member(qtbot, window, ROSA[1])
    tap(qtbot, tile_showing(window, "trade_sell_kind_", category_word(TradeCategory.FOOD)))
    tap(qtbot, tile_showing(window, "trade_sell_title_", "Tamales"))
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "muy alto" in t):
        enter_price(qtbot, window, "250000")
    assert page(window) == "trade_sell_price"
    assert window.message_overlay.isVisible()
    keypad = window.pages["trade_sell_price"].keypad
    assert keypad.text() == "250000"  # nothing she typed is lost; she erases and retypes
    window.message_overlay.hide()
    for _digit in range(6):
        tap(qtbot, keypad.erase_button)
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "1 peso" in t):
        enter_price(qtbot, window, "0")
    assert page(window) == "trade_sell_price"
    window.message_overlay.hide()
    tap(qtbot, keypad.erase_button)
    enter_price(qtbot, window, "25")
    assert page(window) == "trade_sell_unit"
    assert window.trade_bank.values["price"] == "25.00"


def test_an_empty_name_is_refused_with_a_spoken_hint(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.trade_bank.camera.probe = lambda: False
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile(window, "trade_sell"))
    sign_in_member(qtbot, window, ROSA[1])
    choose_kind(qtbot, window, TradeCategory.OTHER)
    tap(qtbot, tile(window, "trade_sell_write_other"))
    assert page(window) == "trade_sell_write"
    keyboard = window.pages["trade_sell_write"].keyboard
    # Nothing written: ✓ is grey, and a tap on it says what to do.
    assert not keyboard.submit_button.isEnabled()
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "letras" in t):
        qtbot.mouseClick(keyboard.submit_button, Qt.MouseButton.LeftButton)
    assert page(window) == "trade_sell_write"
    tap(qtbot, keyboard.space_button)
    assert not keyboard.submit_button.isEnabled()  # a space alone is still nothing
    # One letter is not a name: the sentence is spoken, the letter stays to go on writing.
    tap(qtbot, keyboard.letter_keys["a"])
    with qtbot.waitSignal(
        window.speaker.spoken, check_params_cb=lambda t: t.startswith("Escribe qué vendes")
    ):
        tap(qtbot, keyboard.submit_button)
    assert page(window) == "trade_sell_write"
    assert keyboard.text() == "A"
    window.message_overlay.hide()
    for letter in "tole":
        tap(qtbot, keyboard.letter_keys[letter])
    tap(qtbot, keyboard.submit_button)
    assert page(window) == "trade_sell_price"
    assert window.trade_bank.values["title"] == "Atole"


def test_the_idle_warning_loses_nothing_she_wrote(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.trade_bank.camera.probe = lambda: False
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile(window, "trade_sell"))
    sign_in_member(qtbot, window, ROSA[1])
    tap(qtbot, tile_showing(window, "trade_sell_kind_", category_word(TradeCategory.BAKERY)))
    tap(qtbot, tile(window, "trade_sell_write_other"))
    keyboard = window.pages["trade_sell_write"].keyboard
    type_words(qtbot, keyboard, "pan de nata")
    window.idle.configure(idle_ms=30, tick_ms=1000)
    window.idle.start()
    with qtbot.waitSignal(window.idle.warned):
        pass
    assert window.idle_overlay.isVisible()
    tap(qtbot, tile(window, "still_here"))
    assert page(window) == "trade_sell_write"
    assert keyboard.text() == "Pan De Nata"
    assert window.trade_bank.values["category"] == TradeCategory.BAKERY.value
    assert window.visit.member is not None
    # When nobody answers the warning, all of it is forgotten.
    window.idle.configure(idle_ms=30, tick_ms=5)
    window.idle.start()
    with qtbot.waitSignal(window.idle.timed_out, timeout=5_000):
        pass
    assert page(window) == "home" and window.visit.member is None
    assert keyboard.text() == "" and window.trade_bank.values == {}


# --- the camera -------------------------------------------------------------------------------


def test_no_camera_at_this_station_skips_the_photo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The real device list (this machine has no webcam): the photo question is not asked and
    the listing shows its product's pictogram (tamales: a tamal)."""
    assert not window.trade_bank.camera.available()
    sell_until_photo(qtbot, window)
    assert page(window) == "trade_sell_review"
    listing_id = publish(qtbot, window)
    assert not service(window).staff_get(listing_id).has_photo
    assert window.pages["trade_mine"].tiles[0].photo is None
    assert window.pages["trade_mine"].tiles[0].icon_name == "product.tamal"


@pytest.mark.parametrize("source", [broken_camera, silent_source])
def test_a_camera_that_fails_falls_back_to_the_pictogram(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, source
) -> None:
    camera = window.trade_bank.camera
    camera.source = source
    camera.probe = lambda: True
    camera.first_frame_ms = 300
    # No error for her: the page (at once, or when the camera gives up) says the drawing will
    # show, the take-photo tile goes, and "Seguir" carries on with the product's pictogram.
    with qtbot.waitSignal(
        window.speaker.spoken, check_params_cb=lambda t: "Tu venta mostrará este dibujo" in t
    ):
        sell_until_photo(qtbot, window)
    assert page(window) == "trade_sell_photo"
    assert not window.message_overlay.isVisible()
    assert not window.findChild(BigTile, "trade_take_photo").isVisible()
    assert tile(window, "trade_no_photo").icon_name == "product.tamal"
    tap(qtbot, tile(window, "trade_no_photo"))
    listing_id = publish(qtbot, window)
    assert not service(window).staff_get(listing_id).has_photo


def test_no_photo_is_a_choice_too(qtbot, window: MainWindow, webcam: FakeWebcam) -> None:  # type: ignore[no-untyped-def]
    sell_until_photo(qtbot, window)
    qtbot.waitUntil(lambda: window.trade_bank.camera.ready, timeout=10_000)
    tap(qtbot, tile(window, "trade_no_photo"))
    assert page(window) == "trade_sell_review"
    assert not window.trade_bank.camera.running
    listing_id = publish(qtbot, window)
    assert not service(window).staff_get(listing_id).has_photo


def test_leaving_the_photo_page_lets_the_camera_go(
    qtbot, window: MainWindow, webcam: FakeWebcam
) -> None:  # type: ignore[no-untyped-def]
    sell_until_photo(qtbot, window)
    qtbot.waitUntil(lambda: window.trade_bank.camera.ready, timeout=10_000)
    tap(qtbot, tile(window, "nav_back"))
    assert page(window) == "trade_sell_unit"
    assert not window.trade_bank.camera.running
    tap(qtbot, tile_showing(window, "trade_sell_unit_", "Por kilo"))
    qtbot.waitUntil(lambda: window.trade_bank.camera.ready, timeout=10_000)
    assert len(webcam.feeds) == 2  # opened again for the second visit
    tap(qtbot, tile(window, "nav_home"))
    assert not window.trade_bank.camera.running


@pytest.mark.qt_log_ignore("Unsupported marker type")  # Qt's JPEG reader on the broken photo
def test_a_photo_the_service_refuses_leaves_the_drawing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.trade_bank.camera.probe = lambda: False
    sell_until_photo(qtbot, window)
    window.trade_bank.values["photo"] = b"\xff\xd8\xffnot really a photo"
    window.open("trade_sell_review")
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "foto" in t):
        tap(qtbot, tile(window, "trade_publish"))
    assert page(window) == "trade_sell_review"
    assert window.trade_bank.values["photo"] is None
    window.message_overlay.hide()
    listing_id = publish(qtbot, window)
    assert not service(window).staff_get(listing_id).has_photo


def test_her_list_says_why_a_listing_was_sent_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rosa = window.members.find_by_phone(ROSA[1])
    assert isinstance(rosa, MemberInfo)
    listing = service(window).publish(
        rosa.id, ListingDraft("Cobija tejida", "manualidades", "600", "pieza")
    )
    reason = "Revisa el precio y cómo lo vendes"
    service(window).reject(listing.id, reason, as_staff(window).id)
    window.staff_user = None
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile(window, "trade_my_listings"))
    sign_in_member(qtbot, window, ROSA[1])
    assert window.pages["trade_mine"].tiles[0].badge == "action.warning"
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: reason in t):
        tap(qtbot, tile(window, "trade_mine_0"))
    assert reason in shown(window, "listing_status", QLabel).text()
    assert shown(window, "listing_price", QLabel).text() == price_text(600, "pieza")
