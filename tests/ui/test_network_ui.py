"""The network from the window, driven by taps, on a database of three centres: a need's
programs and a kind's jobs with hers first and the pin on them; "Otros centros" one tap away
on the trade page, with each listing's centre named, never a pending one, and its slip naming
the centre; two desks changing the same program, the second told so with her typing kept; a
mother who moved centres told why her children are not on the childcare list."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy.orm import Session, sessionmaker

from kiosk.app import Context, init_database
from kiosk.config import Settings
from kiosk.data import db
from kiosk.data.models import Child, Organization, ProgramLevel, ProgramNeed, Service, StaffRole
from kiosk.i18n import _, centre_today
from kiosk.services import copy_fields
from kiosk.services.centres import CentreService
from kiosk.services.jobs import JobCategory, JobDraft, JobService
from kiosk.services.members import MemberService
from kiosk.services.programs import ProgramDraft, ProgramService
from kiosk.services.staff import StaffService
from kiosk.services.trade import ListingDraft, TradeCategory, TradeService
from kiosk.ui.main_window import MainWindow
from kiosk.words import format_phone
from tests.pdfs import pdf_text
from tests.ui.crawl import page_problems
from tests.ui.helpers import (
    as_staff,
    kiosk_settings,
    make_window,
    open_jobs,
    open_window,
    page,
    shown,
    sign_in_member,
    tap,
    tile,
    tile_showing,
    type_digits,
)

Factory = sessionmaker[Session]
PRINT_WAIT_MS = 60_000
ANA = ("Ana Torres", "6145550101", "Aquiles Serdán")
BEA = ("Bea Ruiz", "6145550202", "Aldama")
CARLA = ("Carla Gil", "6145550303", "Delicias")
DORA = ("Dora Luna", "6145550404", "Delicias")  # of Delicias, signed in at Aquiles Serdán


class Network:
    """Three centres on one database: the window's (Aquiles Serdán) and two more."""

    def __init__(self, tmp_path: Path, **settings: object) -> None:
        self.settings = kiosk_settings(tmp_path / "data", printer="pdf", **settings)
        self.context = init_database(self.settings)
        centres = CentreService(self.context.session_factory)
        self.ids = {
            "aldama": centres.add("aldama", "CENESO Aldama", "Aldama").id,
            "delicias": centres.add("delicias", "CENESO Delicias", "Delicias").id,
        }

    def factory(self, key: str) -> Factory:
        if key == "serdan":
            return self.context.session_factory
        return db.make_session_factory(self.context.engine, self.ids[key])

    def station(self, key: str, **changes: object) -> tuple[Settings, Context]:
        """The settings and database of a station of centre ``key``."""
        settings = kiosk_settings(
            self.settings.data_dir, printer="pdf", centre_id=self.ids[key], **changes
        )
        return settings, init_database(settings)


@pytest.fixture
def network(tmp_path: Path) -> Network:
    return Network(tmp_path)


def window_of(qtbot, network: Network) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(qtbot, network.settings, network.context)


# --- programs and jobs: hers first -------------------------------------------------------------


def add_program(factory: Factory, name: str, level: ProgramLevel, areas: list[str]) -> int:
    with factory.begin() as s:
        org = Organization(name=f"Oficina de {name}")
        service = Service(
            name=name,
            organization=org,
            level=level,
            need=ProgramNeed.HEALTH,
            service_areas=[{"name": area} for area in areas],
            assured_date=centre_today(),
        )
        s.add(service)
        s.flush()
        return service.id


def open_health(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """From home: Programas, then Salud."""
    window.go_home()
    tap(qtbot, tile(window, "tile_programs"))
    index = list(ProgramNeed).index(ProgramNeed.HEALTH)
    tap(qtbot, tile(window, f"programs_{index}"))
    assert page(window) == "programs_list"


def test_the_programs_that_serve_her_municipality_come_first_with_the_pin(
    qtbot, network: Network
) -> None:  # type: ignore[no-untyped-def]
    serdan = network.factory("serdan")
    add_program(serdan, "Salud Delicias", ProgramLevel.MUNICIPAL, ["Delicias"])
    add_program(serdan, "IMSS Bienestar", ProgramLevel.FEDERAL, [])
    add_program(serdan, "Clínica Serdán", ProgramLevel.MUNICIPAL, ["Aquiles Serdán"])
    MemberService(network.factory("delicias")).register(*DORA[:2], consent=True, locality=DORA[2])
    window = window_of(qtbot, network)

    # Nobody signed in: the centre's municipality first, with the pin and its words.
    open_health(qtbot, window)
    listing = window.pages["programs_list"]
    assert [c.name for c in listing.cards] == ["Clínica Serdán", "IMSS Bienestar", "Salud Delicias"]
    first = tile(window, "programs_list_0")
    assert "flag.here" in first.flags and _("In your municipality") in first.lines
    assert _("It serves your municipality") in first.phrase
    assert "flag.here" not in tile(window, "programs_list_1").flags

    # Dora of Delicias signs in at Aquiles Serdán: Delicias's program first.
    window.go_home()
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, DORA[1])
    open_health(qtbot, window)
    assert listing.cards[0].name == "Salud Delicias"
    assert "flag.here" in tile(window, "programs_list_0").flags


def test_the_jobs_in_her_municipality_come_first_with_the_pin(qtbot, network: Network) -> None:  # type: ignore[no-untyped-def]
    bank = JobService(network.factory("aldama"))
    for title, town in (("Cocinera en Delicias", "Delicias"), ("Cocinera en Serdán", ANA[2])):
        bank.save(
            JobDraft(
                title=title,
                category=JobCategory.KITCHEN,
                employer="Fonda Lupita",
                pay_amount=Decimal("350"),
                pay_unit="day",
                locality=town,
                contact_phone="6145550199",
                valid_through=centre_today() + timedelta(days=20),
            )
        )
    MemberService(network.factory("delicias")).register(*DORA[:2], consent=True, locality=DORA[2])
    window = window_of(qtbot, network)
    open_jobs(qtbot, window)
    kitchen = list(window.pages["jobs"].shown).index(JobCategory.KITCHEN)
    tap(qtbot, tile(window, f"jobs_{kitchen}"))
    assert page(window) == "jobs_list"
    assert window.pages["jobs_list"].cards[0].title == "Cocinera en Serdán"
    first = tile(window, "jobs_list_0")
    assert "flag.here" in first.flags and _("It is in your municipality") in first.phrase

    window.go_home()
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, DORA[1])
    open_jobs(qtbot, window)
    tap(qtbot, tile(window, f"jobs_{kitchen}"))
    assert window.pages["jobs_list"].cards[0].title == "Cocinera en Delicias"


# --- trade: "Otros centros" -----------------------------------------------------------------------


def sell(network: Network, key: str, who: tuple[str, str, str], title: str) -> int:
    """A listing of centre ``key``'s member, published at once."""
    factory = network.factory(key)
    member = MemberService(factory).register(who[0], who[1], consent=True, locality=who[2])
    draft = ListingDraft(title=title, category=TradeCategory.FOOD, price="25", price_unit="pieza")
    return TradeService(factory, needs_approval=False).publish(member.id, draft).id


def test_other_centres_listings_are_one_tap_away_with_their_centre(qtbot, network: Network) -> None:  # type: ignore[no-untyped-def]
    sell(network, "serdan", ANA, "Tamales de Ana")
    sell(network, "aldama", BEA, "Gorditas de Bea")
    sell(network, "delicias", CARLA, "Burritos de Carla")
    # Waiting for approval at Aldama: never shown at another centre.
    aldama = network.factory("aldama")
    bea = MemberService(aldama).find_by_phone(BEA[1])
    assert bea is not None
    TradeService(aldama).publish(
        bea.id,
        ListingDraft(title="Pendiente", category=TradeCategory.FOOD, price="9", price_unit="pieza"),
    )
    window = window_of(qtbot, network)
    tap(qtbot, tile(window, "tile_trade"))
    assert page(window) == "trade"
    elsewhere = tile(window, "trade_elsewhere_tile")
    assert elsewhere.text() == f"{_('Other centres')} 2"
    assert elsewhere.icon_name == "trade.elsewhere" and elsewhere.phrase
    # Still six choices: Vender, Mis ventas, Otros centros and three kinds.
    kinds = [t for t in window.pages["trade"].tiles if t.isVisible()]
    assert len(kinds) == 3
    assert page_problems(window, "trade") == []  # six choices, told apart, nothing cut
    assert min(elsewhere.width(), elsewhere.height()) >= 96

    tap(qtbot, elsewhere)
    assert page(window) == "trade_elsewhere"
    cards = window.pages["trade_elsewhere"].cards
    assert {(c.title, c.centre_name) for c in cards} == {
        ("Gorditas de Bea", "CENESO Aldama"),
        ("Burritos de Carla", "CENESO Delicias"),
    }
    assert page_problems(window, "trade_elsewhere") == []
    first = window.pages["trade_elsewhere"].tiles[0]
    assert first.lines[2] == "CENESO Delicias · Delicias"  # the newest, with its centre

    tap(qtbot, first)
    assert page(window) == "trade_detail"
    assert shown(window, "listing_seller", QLabel).text() == "CENESO Delicias · Delicias"
    assert "CENESO Delicias" in window.pages["trade_detail"].purpose()
    with qtbot.waitSignal(window.slip_desk.printed, timeout=PRINT_WAIT_MS):
        tap(qtbot, tile(window, "trade_buy"))
    (pdf,) = (Path(network.settings.data_dir) / "slips").glob("*.pdf")
    text = pdf_text(pdf)
    assert "CENESO Delicias" in text and format_phone(CARLA[1]) in text
    assert "CENESO Delicias" in shown(window, "trade_printing", QLabel).text()


def test_a_network_of_one_centre_shows_no_other_centres(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, demo=True)
    tap(qtbot, tile(window, "tile_trade"))
    assert not window.pages["trade"].elsewhere_tile.isVisible()
    assert len([t for t in window.pages["trade"].tiles if t.isVisible()]) == 4


# --- two desks, one program -------------------------------------------------------------------


def test_the_second_desk_is_told_and_keeps_what_she_typed(qtbot, network: Network) -> None:  # type: ignore[no-untyped-def]
    program = ProgramService(network.factory("serdan")).save(
        ProgramDraft(
            name="Comedor comunitario",
            organization="DIF municipal",
            need=ProgramNeed.FOOD,
            level=ProgramLevel.MUNICIPAL,
            phone="6145550111",
            locality="Aquiles Serdán",
        )
    )
    window = window_of(qtbot, network)
    as_staff(window)
    window.program_desk.show_program(program.id)
    assert page(window) == "staff_program"
    tap(qtbot, tile(window, "staff_program_edit"))
    assert page(window) == "staff_program_name"
    keyboard = window.current_page().keyboard
    keyboard.set_text("Comedor de las vecinas")
    tap(qtbot, keyboard.submit_button)
    assert page(window) == "staff_program_org"
    # The other answers as they were, up to the check page.
    window.open("staff_program_review")

    # Meanwhile, staff at Aldama change the program's phone.
    at_aldama = ProgramService(network.factory("aldama"))
    seen = at_aldama.staff_get(program.id)
    at_aldama.save(copy_fields(ProgramDraft, seen, phone="6145550999"), program.id)

    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: "Otra persona" in t):
        tap(qtbot, tile(window, "staff_program_save"))
    assert window.message_overlay.isVisible()
    assert window.message_overlay.text() == (
        "Otra persona cambió este programa mientras lo editabas; revisa los cambios y guarda "
        "otra vez."
    )
    tap(qtbot, tile(window, "message_ok"))
    assert page(window) == "staff_program_review"
    summary = shown(window, "staff_program_summary", QLabel).text()
    assert "Comedor de las vecinas" in summary  # what she typed
    assert format_phone("6145550999") in summary  # and what Aldama changed
    tap(qtbot, tile(window, "staff_program_save"))
    assert page(window) == "staff_program"
    saved = at_aldama.staff_get(program.id)
    assert (saved.name, saved.phone) == ("Comedor de las vecinas", "6145550999")


# --- a mother who moved centres ----------------------------------------------------------------


def test_her_children_at_another_centre_are_explained_at_the_childcare_station(
    qtbot, network: Network
) -> None:  # type: ignore[no-untyped-def]
    serdan = network.factory("serdan")
    ana = MemberService(serdan).register(*ANA[:2], consent=True, locality=ANA[2])
    with serdan.begin() as s:
        s.add(
            Child(
                guardian_id=ana.id,
                name="Luis Torres",
                birth_date=centre_today() - timedelta(days=5 * 365),
            )
        )
    settings, context = network.station("aldama", station="childcare")
    StaffService(context.session_factory).add("Lupe Cano", StaffRole.VOLUNTEER, "5566")
    window = open_window(qtbot, settings, context)
    window.childcare.camera.probe = lambda: False
    tap(qtbot, tile_showing(window, "childcare_person_", "Lupe Cano"))
    type_digits(qtbot, window.pages["childcare_pin"].keypad, "5566")
    tap(qtbot, window.pages["childcare_pin"].keypad.submit_button)
    assert page(window) == "childcare"

    tap(qtbot, tile(window, "childcare_in"))
    type_digits(qtbot, window.pages["childcare_checkin"].keypad, ANA[1])
    sentence = (
        "Sus niños están registrados en otro centro. Regístralos aquí: toca Niña o niño nuevo."
    )
    said = sentence.rstrip(".")  # the page's title and purpose are said as one phrase
    with qtbot.waitSignal(window.speaker.spoken, check_params_cb=lambda t: said in t):
        tap(qtbot, window.pages["childcare_checkin"].keypad.submit_button)
    assert page(window) == "childcare_children"
    assert shown(window, "childcare_children_none", QLabel).text() == sentence
    assert tile(window, "childcare_children_new").isEnabled()
