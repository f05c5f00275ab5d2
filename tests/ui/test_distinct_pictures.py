"""Pictures that tell things apart, on the pages a woman who reads little told us confused her:
no two choices with different words share a picture on ¿Qué vendes? (the kinds and each kind's
suggestions), the units, a kind's listings, Comercio with Mis ventas and her own list, the
pickup page (who came, as her relation), the childcare menu (Entrada and Salida a pair) and the
staff desk with its bar. (The crawl of every page is tests/ui/test_crawl*.)"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.app import init_database
from kiosk.data.models import Child, Member, PickupPerson, StaffRole
from kiosk.i18n import _, centre_today
from kiosk.resources import icon_path
from kiosk.services.members import MemberInfo
from kiosk.services.staff import StaffService
from kiosk.services.trade import ListingDraft, TradeCategory
from kiosk.ui import icons
from kiosk.ui.areas.trade.texts import SUGGESTIONS, category_word
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import BigTile
from tests.ui.helpers import (
    enter_digits,
    kiosk_settings,
    make_window,
    open_window,
    page,
    shown,
    sign_in_at_desk,
    sign_in_member,
    tap,
    tile,
    tile_showing,
    type_digits,
)

ROSA = ("Rosa Chávez", "6145559901")
PHONE = "6145550101"


def choices(root: QWidget, *, bar: bool = False) -> list[BigTile]:
    """The tiles a person can see under ``root`` (the bar's too when ``bar``)."""
    return [
        t
        for t in root.findChildren(BigTile)
        if t.isVisible() and (bar or not t.property("kioskNav"))
    ]


def shared_pictures(tiles: list[BigTile]) -> dict[str, set[str]]:
    """Pictures shown on tiles with different words: picture -> those words."""
    words: dict[str, set[str]] = {}
    for t in tiles:
        words.setdefault(t.icon_name, set()).add(t.text())
    return {icon: said for icon, said in words.items() if len(said) > 1}


def svg_stem(name: str) -> str:
    return icon_path(name).stem


# --- ¿Qué vendes? and the units ---------------------------------------------------------------


def test_the_selling_questions_have_a_picture_for_each_answer(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    window.members.register(ROSA[0], ROSA[1], consent=True, locality="Aldama")
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile(window, "trade_sell"))
    sign_in_member(qtbot, window, ROSA[1])
    kinds = window.pages["trade_sell_kind"]
    assert page(window) == "trade_sell_kind"
    while True:  # every page of kinds
        assert shared_pictures(choices(kinds)) == {}
        if not kinds.pager.next_button.isVisible() or not kinds.pager.next_button.isEnabled():
            break
        tap(qtbot, kinds.pager.next_button)
    show_kind(qtbot, window, TradeCategory.SERVICES)
    services = tile_showing(window, "trade_sell_kind_", category_word(TradeCategory.SERVICES))
    assert svg_stem(services.icon_name) != "scissors"  # scissors read as sewing, not services

    # Each kind's suggestions: five products, five pictures, none the kind's own.
    titles = window.pages["trade_sell_title"]
    for category in TradeCategory:
        show_kind(qtbot, window, category)
        tap(qtbot, tile_showing(window, "trade_sell_kind_", category_word(category)))
        assert page(window) == "trade_sell_title"
        suggested = [t for t in choices(titles) if t.objectName() != "trade_sell_write_other"]
        assert [t.text() for t in suggested] == [_(words) for words in SUGGESTIONS[category]]
        assert shared_pictures(choices(titles)) == {}, category
        assert all(t.icon_name.startswith("product.") for t in suggested), category
        tap(qtbot, tile(window, "nav_back"))
        assert page(window) == "trade_sell_kind"

    # Tamales, $180, and the units: each its own picture; a dozen is not a bird's nest.
    show_kind(qtbot, window, TradeCategory.FOOD)
    tap(qtbot, tile_showing(window, "trade_sell_kind_", category_word(TradeCategory.FOOD)))
    tap(qtbot, tile_showing(window, "trade_sell_title_", "Tamales"))
    enter_digits(qtbot, window.pages["trade_sell_price"].keypad, "180")
    assert page(window) == "trade_sell_unit"
    units = choices(window.pages["trade_sell_unit"])
    assert len(units) >= 5
    assert shared_pictures(units) == {}
    dozen = tile_showing(window, "trade_sell_unit_", "Por docena")
    assert svg_stem(dozen.icon_name) != "nest-with-eggs"


def show_kind(qtbot, window: MainWindow, category: TradeCategory) -> None:  # type: ignore[no-untyped-def]
    """Page the kinds to the one showing ``category``, as she would with ◀ and ▶."""
    kinds = window.pages["trade_sell_kind"]
    while kinds.pager.page > 0:
        tap(qtbot, kinds.pager.previous_button)
    while not any(t.text() == category_word(category) for t in choices(kinds)):
        tap(qtbot, kinds.pager.next_button)


# --- a kind's listings, Comercio, Mis ventas --------------------------------------------------

FOODS = {
    "Tamales de rojo": "product.tamal",
    "Burritos de carne seca": "product.burrito",
    "Gorditas de chicharrón": "product.gordita",
    "Queso asadero": "product.queso",
    "Chiles rellenos": "product.chile",
}
UNKNOWN = "Lo que guste"


def test_listings_of_different_foods_show_different_pictures(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, trade_needs_approval=False)
    rosa = window.members.register(ROSA[0], ROSA[1], consent=True, locality="Aldama")
    assert isinstance(rosa, MemberInfo)
    trade = window.trade_bank.service
    for title in [*FOODS, UNKNOWN]:
        trade.publish(rosa.id, ListingDraft(title, "comida", "50", "pieza"))
    tap(qtbot, tile(window, "tile_trade"))
    # Comercio: Vender, Mis ventas and the kinds, each its own picture; Mis ventas is not a
    # 24-hour shop.
    trade_page = window.pages["trade"]
    assert shared_pictures(choices(trade_page)) == {}
    assert svg_stem(tile(window, "trade_my_listings").icon_name) != "convenience-store"
    tap(qtbot, tile_showing(window, "trade_", category_word(TradeCategory.FOOD)))
    assert page(window) == "trade_list"
    listing_tiles = choices(window.pages["trade_list"])
    assert len(listing_tiles) == 6
    assert shared_pictures(listing_tiles) == {}
    pictures = {t.text().split("\n")[0]: t.icon_name for t in listing_tiles}
    assert pictures == {**FOODS, UNKNOWN: "trade.comida"}  # unknown words: the kind's picture
    # The listing opened shows the same picture, big.
    tap(qtbot, tile_showing(window, "trade_list_", "Gorditas"))
    assert shown(window, "listing_picture", QLabel).accessibleName() == "product.gordita"

    # Her own list: what she sells, each with its product's picture.
    window.go_home()
    tap(qtbot, tile(window, "tile_trade"))
    tap(qtbot, tile(window, "trade_my_listings"))
    sign_in_member(qtbot, window, ROSA[1])
    assert page(window) == "trade_mine"
    mine = choices(window.pages["trade_mine"])
    assert len(mine) == 6
    assert shared_pictures(mine) == {}


# --- the childcare station: who came, and the way in and out ----------------------------------


def add_family(factory) -> None:  # type: ignore[no-untyped-def]
    """Ana with Sofía and Mateo; their grandmother, their aunt and two neighbours written
    without a relation may take them; their father may not."""
    today = centre_today()
    with factory.begin() as s:
        mother = Member(name="Ana Torres Gil", phone=PHONE)
        s.add(mother)
        s.flush()
        kids = [
            Child(guardian_id=mother.id, name=name, birth_date=today - timedelta(days=days))
            for name, days in (("Sofía Torres", 4 * 365 + 60), ("Mateo Torres", 7 * 365 + 90))
        ]
        s.add_all(kids)
        s.flush()
        for kid in kids:
            for name, relation, allowed in (
                ("Carmen Rivas", "Abuela", True),
                ("Perla Chávez", "tía", True),
                ("Rocío Leal", "", True),
                ("Lety Prieto", "", True),
                ("Jorge Ramírez", "padre", False),
            ):
                s.add(PickupPerson(child_id=kid.id, name=name, relation=relation, allowed=allowed))


def alpha_difference(first: QImage, second: QImage) -> float:
    """Share of pixels whose opacity differs clearly between two images of one size."""
    a = first.convertToFormat(QImage.Format.Format_ARGB32)
    b = second.convertToFormat(QImage.Format.Format_ARGB32)
    alphas_a = bytes(a.constBits())[3::4]
    alphas_b = bytes(b.constBits())[3::4]
    differ = sum(1 for x, y in zip(alphas_a, alphas_b, strict=True) if abs(x - y) > 64)
    return differ / len(alphas_a)


def test_pickup_people_and_the_way_in_and_out_have_their_own_pictures(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    settings = kiosk_settings(tmp_path / "data", printer="pdf", station="childcare")
    context = init_database(settings)
    add_family(context.session_factory)
    StaffService(context.session_factory).add("Lupe Cano", StaffRole.VOLUNTEER, "5566")
    window = open_window(qtbot, settings, context)
    tap(qtbot, tile_showing(window, "childcare_person_", "Lupe Cano"))
    type_digits(qtbot, window.pages["childcare_pin"].keypad, "5566")
    tap(qtbot, window.pages["childcare_pin"].keypad.submit_button)
    assert page(window) == "childcare"

    # The menu: six pictures; Entrada and Salida a pair: the same figure walking to a door
    # and away from it (drawn at 96 px, a 32-unit pictogram is 3 px a unit).
    menu = choices(window.pages["childcare"])
    assert len(menu) == 6
    assert shared_pictures(menu) == {}
    way_in = icons.pixmap(tile(window, "childcare_in").icon_name, 96).toImage()
    way_out = icons.pixmap(tile(window, "childcare_out").icon_name, 96).toImage()
    assert alpha_difference(way_in, way_out) > 0.05  # not the same picture twice...
    door_in, door_out = way_in.copy(54, 0, 42, 96), way_out.copy(6, 0, 42, 96)
    figure_in, figure_out = way_in.copy(6, 0, 36, 96), way_out.copy(48, 0, 36, 96)
    assert alpha_difference(door_in, door_out) < 0.02  # ...but the same door
    assert alpha_difference(figure_in, figure_out) < 0.02  # and the same figure, moved
    assert alpha_difference(door_in, figure_in.copy(0, 0, 42, 96)) > 0.05

    # Children in, then out with the code: who came is her picture, not a ✓.
    tap(qtbot, tile(window, "childcare_in"))
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, PHONE)
    tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    for name in ("Mateo", "Sofía"):
        tap(qtbot, tile_showing(window, "childcare_child_", name))
    with qtbot.waitSignal(window.slip_desk.printed, timeout=60_000):
        tap(qtbot, tile(window, "childcare_children_go"))
    code = window.pages["childcare_checked_in"].code.digits.text()
    tap(qtbot, tile(window, "childcare_checked_in_done"))
    tap(qtbot, tile(window, "childcare_out"))
    type_digits(qtbot, window.pages["childcare_checkout"].keypad, code)
    tap(qtbot, window.pages["childcare_checkout"].keypad.submit_button)
    assert page(window) == "childcare_pickup"
    pickup = window.pages["childcare_pickup"]
    people: dict[str, str] = {}
    while True:
        shown_people = [t for t in choices(pickup) if t.objectName().startswith("childcare_pickup")]
        people |= {t.text(): t.icon_name for t in shown_people}
        if not pickup.pager.next_button.isVisible() or not pickup.pager.next_button.isEnabled():
            break
        tap(qtbot, pickup.pager.next_button)
    allowed = {words: icon for words, icon in people.items() if not words.startswith("NO ")}
    assert len(allowed) == 5  # the mother and four people
    assert len(set(allowed.values())) == 5
    assert "action.yes" not in allowed.values()
    assert allowed["Mamá: Ana Torres Gil"] == "relation.mother"
    assert allowed["Carmen Rivas"] == "relation.grandmother"
    assert allowed["Perla Chávez"] == "relation.aunt"
    assert people["NO autorizada: Jorge Ramírez"] == "action.no"


# --- the staff desk ---------------------------------------------------------------------------


def test_the_desk_and_its_bar_share_no_picture(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    window.staff_service.add("Irma Villalobos", StaffRole.STAFF, "482913")
    sign_in_at_desk(qtbot, window, "Irma Villalobos", "482913")
    assert page(window) == "staff_desk"
    desk = window.desk
    while True:
        everything = choices(desk) + [
            t for t in choices(window, bar=True) if t.property("kioskNav")
        ]
        assert shared_pictures(everything) == {}
        if not desk.pager.next_button.isVisible() or not desk.pager.next_button.isEnabled():
            break
        qtbot.mouseClick(desk.pager.next_button, Qt.MouseButton.LeftButton)
    sign_out = tile(window, "nav_sign_out")
    assert sign_out.icon_name != tile(window, "nav_back").icon_name
    assert "lock" in svg_stem(sign_out.icon_name)  # Salir locks her session
