"""Staff trade pages, driven by taps: the desk's "Por aprobar" count, send back with a reason
picked from pictures, correct a listing through the wizard, withdraw it, remove its photo, switch
to the listings shown, and a seller who withdrew while staff were looking."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QLabel
from sqlalchemy import select, update

from kiosk.data.models import AuditEvent, TradeListing
from kiosk.i18n import _
from kiosk.services.members import MemberService
from kiosk.services.trade import (
    REJECT_REASONS,
    ListingDetail,
    ListingDraft,
    ListingStatus,
    TradeService,
)
from kiosk.ui.areas.trade.texts import category_word
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.ui.helpers import (
    as_staff,
    desk_tile,
    enter_digits,
    make_window,
    page,
    tap,
    tile,
    type_digits,
)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The kiosk with the example data, staff signed in at the desk."""
    window = make_window(qtbot, tmp_path, demo=True)
    as_staff(window)
    return window


def service(window: MainWindow) -> TradeService:
    return window.trade_desk.service


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def listing(window: MainWindow) -> ListingDetail:
    """A member's new listing with a photo, waiting; the queue is oldest first, so the demo's
    pending listings come before it: it is made the oldest."""
    member = MemberService(window.members._factory).register(
        "Teresa Ochoa", "6145559903", consent=True, locality="Aldama"
    )
    made = service(window).publish(
        member.id,
        ListingDraft("Servilletas bordadas", "manualidades", "120", "pieza", photo=jpeg()),
    )
    with window.members._factory.begin() as s:
        s.execute(
            update(TradeListing)
            .where(TradeListing.id == made.id)
            .values(created_at=made.created_at.replace(year=2020))
        )
    return made


def open_listing(qtbot, window: MainWindow, listing_id: int) -> None:  # type: ignore[no-untyped-def]
    window.open("staff_desk")
    tap(qtbot, desk_tile(qtbot, window, "desk_trade"))
    assert page(window) == "staff_trade"
    cards = window.pages["staff_trade"].cards
    assert cards[0].id == listing_id  # the oldest waits first
    tap(qtbot, tile(window, "staff_trade_0"))
    assert page(window) == "staff_listing"


def audit(window: MainWindow) -> list[str]:
    with window.members._factory() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_the_desk_counts_what_waits(qtbot, window: MainWindow, listing: ListingDetail) -> None:  # type: ignore[no-untyped-def]
    window.open("staff_desk")
    count = service(window).pending_count()
    assert count >= 2  # the demo's and this one
    assert desk_tile(qtbot, window, "desk_trade").text() == f"Por aprobar: {count}"


def test_send_back_with_a_reason_picked_from_pictures(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, listing: ListingDetail
) -> None:
    open_listing(qtbot, window, listing.id)
    tap(qtbot, tile(window, "staff_trade_send_back"))
    assert page(window) == "staff_trade_reject"
    reasons = window.pages["staff_trade_reject"]
    _code, icon, words = REJECT_REASONS[2]  # the photo does not show it
    assert reasons.tiles[2].icon_name == icon and reasons.tiles[2].text() == _(words)
    tap(qtbot, reasons.tiles[2])
    assert page(window) == "staff_trade"
    stored = service(window).staff_get(listing.id)
    assert stored.status is ListingStatus.REJECTED and stored.reject_reason == _(words)
    assert listing.id not in {c.id for c in window.pages["staff_trade"].cards}
    assert audit(window)[-1] == "trade.reject"


def test_correct_the_name_and_price_through_the_wizard(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, listing: ListingDetail
) -> None:
    open_listing(qtbot, window, listing.id)
    tap(qtbot, tile(window, "staff_trade_edit"))
    assert page(window) == "staff_trade_title"
    keyboard = window.pages["staff_trade_title"].keyboard
    assert keyboard.text() == "Servilletas Bordadas"
    tap(qtbot, keyboard.submit_button)  # kept as it was
    assert page(window) == "staff_trade_kind"
    kinds = window.pages["staff_trade_kind"]
    crafts = next(t for t in kinds.tiles if t.text() == category_word("manualidades"))
    tap(qtbot, crafts)
    assert page(window) == "staff_trade_price"
    keypad = window.pages["staff_trade_price"].keypad
    assert keypad.text() == "120"
    tap(qtbot, keypad.erase_button)
    tap(qtbot, keypad.erase_button)
    enter_digits(qtbot, keypad, "50")
    assert page(window) == "staff_trade_unit"
    tap(qtbot, window.pages["staff_trade_unit"].tiles[1])  # por docena
    assert page(window) == "staff_trade_review"
    summary = window.findChild(QLabel, "staff_trade_summary").text()
    assert "Servilletas bordadas" in summary and "$150 por docena" in summary
    tap(qtbot, tile(window, "staff_trade_save"))
    assert page(window) == "staff_listing"
    stored = service(window).staff_get(listing.id)
    assert (stored.title, stored.price, str(stored.price_unit), stored.status) == (
        "Servilletas bordadas",
        150,
        "docena",
        ListingStatus.PENDING,
    )
    assert stored.has_photo
    assert audit(window)[-1] == "trade.edit"


def test_a_price_over_the_limit_is_asked_again_when_editing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, listing: ListingDetail
) -> None:
    open_listing(qtbot, window, listing.id)
    tap(qtbot, tile(window, "staff_trade_edit"))
    tap(qtbot, window.pages["staff_trade_title"].keyboard.submit_button)
    kinds = window.pages["staff_trade_kind"]
    tap(qtbot, next(t for t in kinds.tiles if t.text() == category_word("manualidades")))
    keypad = window.pages["staff_trade_price"].keypad
    type_digits(qtbot, keypad, "000")
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "muy alto" in t):
        tap(qtbot, keypad.submit_button)
    assert page(window) == "staff_trade_price" and keypad.text() == "120000"
    assert service(window).staff_get(listing.id).price == 120


def test_remove_the_photo_then_withdraw(qtbot, window: MainWindow, listing: ListingDetail) -> None:  # type: ignore[no-untyped-def]
    open_listing(qtbot, window, listing.id)
    tap(qtbot, tile(window, "staff_trade_no_photo"))
    tap(qtbot, tile(window, "confirm_yes"))
    assert not service(window).staff_get(listing.id).has_photo
    window.message_overlay.hide()
    assert not window.findChild(BigTile, "staff_trade_no_photo").isVisible()
    tap(qtbot, tile(window, "staff_trade_withdraw"))
    tap(qtbot, tile(window, "confirm_yes"))
    assert page(window) == "staff_trade"
    assert service(window).staff_get(listing.id).status is ListingStatus.WITHDRAWN
    assert audit(window)[-2:] == ["trade.edit", "trade.withdraw"]


def test_the_seller_withdrew_while_staff_looked(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, listing: ListingDetail
) -> None:
    open_listing(qtbot, window, listing.id)
    service(window).withdraw(listing.id, seller_id=listing.seller_id)
    with qtbot.waitSignal(
        window.speaker.spoken, check_params_cb=lambda t: "se quitó" in t or "quitó" in t
    ):
        tap(qtbot, tile(window, "staff_trade_approve"))
    assert page(window) == "staff_listing"
    assert service(window).staff_get(listing.id).status is ListingStatus.WITHDRAWN
    window.message_overlay.hide()
    # The page now offers nothing more to decide.
    for name in ("staff_trade_approve", "staff_trade_send_back", "staff_trade_edit"):
        assert not window.findChild(BigTile, name).isVisible()


def test_switch_to_the_listings_shown_and_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.open("staff_trade")
    assert window.title_label.text() == "Por aprobar"
    assert all(c.status is ListingStatus.PENDING for c in window.pages["staff_trade"].cards)
    tap(qtbot, tile(window, "staff_trade_switch"))
    assert window.title_label.text() == "Publicadas en Comercio"
    shown = window.pages["staff_trade"]
    assert shown.cards and all(c.status is ListingStatus.PUBLISHED for c in shown.cards)
    assert shown.total == service(window).staff_list(ListingStatus.PUBLISHED).total
    tap(qtbot, tile(window, "staff_trade_0"))
    assert not window.findChild(BigTile, "staff_trade_approve").isVisible()
    assert tile(window, "staff_trade_withdraw").isVisible()
    tap(qtbot, tile(window, "nav_back"))
    tap(qtbot, tile(window, "staff_trade_switch"))
    assert window.title_label.text() == "Por aprobar"


def test_staff_pages_need_a_staff_sign_in(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.staff_user = None
    window.open("staff_trade")
    assert page(window) == "staff"
