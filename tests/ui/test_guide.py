"""The first-visit guide, in the real window: the first time a woman signs in, three spoken
steps ring the real buttons of the navigation bar, then she goes on to what she came to do; a
returning woman is not shown it; from Ayuda it is shown whenever she asks; and it goes with
the visit when the idle time ends it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from kiosk.services.members import MemberInfo
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets.guide import RING_COLOUR, RING_PX
from tests.ui.helpers import make_window, page, sign_in_member, tap, tile

ANA, ANA_PHONE = "Ana Torres", "6145550101"
ROSA, ROSA_PHONE = "Rosa Bermúdez", "6145550102"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, tmp_path, printer="pdf", first_visit_guide=True)


def member(window: MainWindow, name: str, phone: str) -> MemberInfo:
    return window.members.register(name, phone, consent=True)


def on_window(widget: QWidget, window: MainWindow) -> QRect:
    """Where ``widget`` is, in the window's coordinates."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def rings_on_window(window: MainWindow) -> list[QRect]:
    guide = window.guide
    return [QRect(guide.mapTo(window, r.topLeft()), r.size()) for r in guide.ring_rects()]


def assert_ringed(window: MainWindow, *names: str) -> None:
    """A bright ring is drawn around each real button named, hugging it, and nothing else."""
    rings = rings_on_window(window)
    assert len(rings) == len(names)
    picture = window.grab().toImage()
    for ring, name in zip(rings, names, strict=True):
        button = on_window(tile(window, name), window)
        assert ring.contains(button), (name, ring, button)
        # Close around it: no more than the ring and its gap on each side.
        assert ring.width() - button.width() <= 2 * (RING_PX + 12), name
        assert ring.height() - button.height() <= 2 * (RING_PX + 12), name
        # And it is there on screen: the ring's colour on its left edge, half-way down.
        colour = QColor(picture.pixel(ring.left(), ring.center().y()))
        assert colour == RING_COLOUR, (name, colour.name())


def next_step(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    """Tap Siguiente; what is said last (the button says its word, then the step its
    sentence, which replaces it)."""
    tap(qtbot, tile(window, "guide_next"))
    return window.speaker.last_phrase


def test_a_first_sign_in_shows_three_steps_on_the_real_buttons_then_goes_on(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    trainings = window.training_board.trainings
    course = trainings.create_training("Panadería", "panaderia")
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    trainings.add_session(course.id, starts, starts + timedelta(hours=3), "Cocina", 10)
    member(window, ANA, ANA_PHONE)
    # She touches a course, and is asked who she is on the way.
    tap(qtbot, tile(window, "tile_trainings"))
    tap(qtbot, tile(window, "trainings_0"))
    assert page(window) == "signin"
    sign_in_member(qtbot, window, ANA_PHONE)

    guide = window.guide
    assert guide.isVisible() and guide.step == 1 and guide.step_count == 3
    assert_ringed(window, "nav_home", "nav_back")
    said = window.speaker.last_phrase
    assert said.startswith("Hola, Ana.")
    assert guide.sentence.text() in said and "Inicio" in said and "Atrás" in said
    assert guide.counter.text() == "1 / 3"
    # The page under the guide does not act on a tap while it is shown.
    assert page(window) == "signin_confirm"

    said = next_step(qtbot, window)
    assert guide.step == 2 and "Escuchar" in said
    assert_ringed(window, "nav_listen")
    said = next_step(qtbot, window)
    assert guide.step == 3 and "Ayuda" in said
    assert_ringed(window, "nav_help")
    assert not window.guide.next_button.isVisible()  # the last step: only "Ya entendí"

    tap(qtbot, tile(window, "guide_done"))
    assert not guide.isVisible()
    # Where sign-in was taking her: the course's question, said with her name.
    assert page(window) == "training_childcare"
    assert window.speaker.last_phrase.startswith("Hola, Ana.")
    assert window.visit.member is not None and window.visit.member.name == ANA


def test_ya_entendi_ends_it_at_once_and_she_is_not_shown_it_again(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    member(window, ANA, ANA_PHONE)
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, ANA_PHONE)
    assert window.guide.step == 1
    tap(qtbot, tile(window, "guide_done"))
    assert page(window) == "home" and not window.guide.isVisible()
    assert not window.navbar.isVisible()  # home keeps its own look after the guide

    # She signs out and comes back later: straight on, no guide.
    tap(qtbot, tile(window, "tile_member"))  # Salir
    assert window.visit.member is None
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, ANA_PHONE)
    assert not window.guide.isVisible()
    assert page(window) == "home"
    assert window.speaker.last_phrase == "Hola, Ana."


def test_a_new_woman_registering_is_shown_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.helpers import enter_digits, enter_words

    tap(qtbot, tile(window, "tile_member"))
    enter_digits(qtbot, window.pages["signin"].keypad, ROSA_PHONE)
    tap(qtbot, tile(window, "confirm_yes"))  # "¿Quieres registrarte?"
    enter_words(qtbot, window.pages["register_name"].keyboard, "rosa soto")
    tap(qtbot, tile(window, "answer_yes"))  # Acepto
    assert window.guide.isVisible() and window.guide.step == 1
    assert_ringed(window, "nav_home", "nav_back")


def test_from_ayuda_it_is_shown_every_time(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ana = member(window, ANA, ANA_PHONE)
    assert window.members.claim_guide(ana.id)  # she saw it on her first day
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, ANA_PHONE)
    assert not window.guide.isVisible()
    for _time in range(2):
        window.go_home()
        tap(qtbot, tile(window, "tile_help"))  # Pedir ayuda
        assert page(window) == "help"
        tap(qtbot, tile(window, "help_guide"))  # ¿Cómo se usa?
        assert window.guide.step == 1 and "Inicio" in window.speaker.last_phrase
        assert_ringed(window, "nav_home", "nav_back")
        next_step(qtbot, window)
        next_step(qtbot, window)
        tap(qtbot, tile(window, "guide_done"))
        assert page(window) == "help" and not window.guide.isVisible()


def test_the_help_page_offers_at_most_six_pictured_choices(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, tile(window, "tile_help"))
    choices = [
        t
        for t in window.current_page().findChildren(QWidget)
        if t.isVisible() and t.property("kioskChoice")
    ]
    assert 2 <= len(choices) <= 6
    assert {tile(window, "help_guide").text(), tile(window, "help_call").text()} == {
        "¿Cómo se usa?",
        "Llamar a alguien",
    }


def test_idle_ends_it_and_the_next_woman_sees_nothing_of_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    member(window, ANA, ANA_PHONE)
    rosa = member(window, ROSA, ROSA_PHONE)
    assert window.members.claim_guide(rosa.id)  # Rosa has been here before
    tap(qtbot, tile(window, "tile_jobs"))
    window.sign_in("jobs")
    sign_in_member(qtbot, window, ANA_PHONE)
    assert window.guide.step == 1
    next_step(qtbot, window)  # she walks away on step 2

    window.idle.configure(idle_ms=30, tick_ms=5)
    with qtbot.waitSignal(window.idle.timed_out, timeout=5000):
        window.idle.restart()
    assert not window.guide.isVisible() and window.guide.current() is None
    assert page(window) == "home" and window.visit.member is None

    said: list[str] = []
    window.speaker.spoken.connect(said.append)
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, ROSA_PHONE)
    # Rosa lands on home, as she asked, not on Ana's jobs page; no step of Ana's guide shows.
    assert page(window) == "home"
    assert not window.guide.isVisible()
    assert not any("Ana" in s for s in said)
    assert window.speaker.last_phrase == "Hola, Rosa."
    # And Ana, who did not finish it, is not shown it again at her next visit.
    tap(qtbot, tile(window, "tile_member"))  # Salir
    tap(qtbot, tile(window, "tile_member"))
    sign_in_member(qtbot, window, ANA_PHONE)
    assert not window.guide.isVisible()
