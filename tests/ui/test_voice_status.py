"""A kiosk that cannot speak says so: the "sin voz" picture on its title band, and a call on
the staff desk, when its speech engine hangs or has no Spanish voice; neither with a voice."""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.app import Context, init_database
from kiosk.data.sqlite_files import engine_url
from kiosk.ui import main_window, speech, voice_status
from kiosk.ui.main_window import MainWindow
from tests.ui.helpers import as_staff, kiosk_settings, open_window
from tests.ui.test_speech import FakeEngine, State

ARRIVES_MS = 5000


@pytest.fixture
def stations(qtbot, tmp_path: Path, monkeypatch) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    """``open_station(name, engine=None)``: a kiosk window on the centre's one SQLite file,
    speaking through ``engine`` (a factory) when given, silent (speech off) otherwise."""
    monkeypatch.setattr(speech, "START_TIMEOUT_MS", 300)
    monkeypatch.setattr(voice_status, "ALARM_DELAY_MS", 0)
    url = engine_url(tmp_path / "centre.sqlite3")
    contexts: list[Context] = []
    windows: list[MainWindow] = []
    real_speaker = main_window.Speaker

    def open_station(name: str, engine: Callable[[], object] | None = None) -> MainWindow:
        settings = dataclasses.replace(
            kiosk_settings(tmp_path / name, database_url=url, station_name=name),
            speech_enabled=engine is not None,
        )
        monkeypatch.setattr(
            main_window, "Speaker", functools.partial(real_speaker, engine_factory=engine)
        )
        contexts.append(init_database(settings))
        windows.append(open_window(qtbot, settings, contexts[-1], (1024, 768)))
        return windows[-1]

    yield open_station
    for window in windows:
        window.speaker.shutdown()
        window.close()
    for context in contexts:
        context.engine.dispose()


def open_desk(window: MainWindow) -> None:
    as_staff(window)
    window.open("staff_desk")


def banner_shows(window: MainWindow, words: str) -> bool:
    banner = window.live_desk.banner
    return banner.isVisible() and words in banner.text()


def test_a_hung_engine_shows_sin_voz_and_the_desk_is_told(qtbot, stations) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    fake = FakeEngine()

    def hung() -> FakeEngine:  # a speech-dispatcher that never answers
        release.wait(30)
        return fake

    try:
        desk = stations("mesa")
        open_desk(desk)
        kiosk = stations("pc1", hung)
        picture = kiosk.no_voice
        qtbot.waitUntil(lambda: kiosk.speaker.problem != "", timeout=ARRIVES_MS)
        qtbot.waitUntil(picture.isVisible, timeout=ARRIVES_MS)
        assert picture.words.text() == "Sin voz"
        assert picture.parent() is kiosk.header  # on the title band, at the start page too
        assert kiosk.current_page() is kiosk.home
        qtbot.waitUntil(
            lambda: banner_shows(desk, "La estación pc1 no tiene voz."), timeout=ARRIVES_MS
        )
        (call,) = desk.help_calls.open_calls()
        assert call.no_voice and call.station_name == "pc1"
        assert desk.live_desk.banner.picture.accessibleName() == "nav.mute"
        assert not desk.no_voice.isVisible()  # the desk's own voice is off, not broken

        release.set()  # the engine answers after all: the picture goes, the call is taken back
        qtbot.waitUntil(lambda: kiosk.speaker.available, timeout=ARRIVES_MS)
        assert not picture.isVisible()
        assert desk.help_calls.open_calls() == []
        qtbot.waitUntil(lambda: not desk.live_desk.banner.isVisible(), timeout=ARRIVES_MS)
    finally:
        release.set()


def test_no_spanish_voice_shows_sin_voz_and_the_desk_is_told(qtbot, stations) -> None:  # type: ignore[no-untyped-def]
    desk = stations("mesa")
    open_desk(desk)
    kiosk = stations("pc2", lambda: FakeEngine(locales=("en_US", "fr_FR")))
    qtbot.waitUntil(kiosk.no_voice.isVisible, timeout=ARRIVES_MS)
    assert "español" in kiosk.speaker.problem
    qtbot.waitUntil(lambda: banner_shows(desk, "La estación pc2 no tiene voz."), timeout=ARRIVES_MS)
    # Her own call from the same station is not swallowed by the station's.
    desk.open("staff_help_calls")
    page = desk.current_page()
    assert any("pc2 · Sin voz" in page.words(item) for item in page.items())


def test_an_engine_that_stops_answering_mid_visit_shows_sin_voz(  # type: ignore[no-untyped-def]
    qtbot, stations, monkeypatch
) -> None:
    """speech-dispatcher without sound output answers a phrase or two, then nothing."""
    monkeypatch.setattr(speech, "ANSWER_BASE_MS", 300)
    monkeypatch.setattr(speech, "ANSWER_PER_CHAR_MS", 0)

    class StopsAnswering(FakeEngine):
        def say(self, text: str) -> None:
            self.said.append(text)  # taken, never started

    desk = stations("mesa")
    open_desk(desk)
    fake = StopsAnswering()
    kiosk = stations("pc3", lambda: fake)
    qtbot.waitUntil(lambda: fake.said != [], timeout=ARRIVES_MS)
    qtbot.waitUntil(kiosk.no_voice.isVisible, timeout=ARRIVES_MS)
    assert "no respondió" in kiosk.speaker.problem
    qtbot.waitUntil(lambda: banner_shows(desk, "La estación pc3 no tiene voz."), timeout=ARRIVES_MS)


def test_with_a_voice_there_is_no_sin_voz_and_no_call(qtbot, stations) -> None:  # type: ignore[no-untyped-def]
    desk = stations("mesa")
    open_desk(desk)
    fake = FakeEngine()
    kiosk = stations("pc4", lambda: fake)
    qtbot.waitUntil(lambda: kiosk.speaker.available, timeout=ARRIVES_MS)
    qtbot.waitUntil(lambda: fake.said != [], timeout=ARRIVES_MS)
    fake.become(State.Ready)  # the welcome was said to the end
    assert kiosk.speaker.problem == ""
    assert not kiosk.no_voice.isVisible()
    assert desk.help_calls.open_calls() == []
    assert not desk.live_desk.banner.isVisible()
