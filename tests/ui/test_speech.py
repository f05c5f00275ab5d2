"""The Speaker: what reaches the engine, the Spanish voice it picks, and silence that never breaks
the kiosk. Behaviour runs on a recording fake and on Qt's own "mock" engine; one test runs the
real speech-dispatcher + espeak-ng."""

from __future__ import annotations

import enum
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from kiosk.config import Settings
from kiosk.i18n import _
from kiosk.ui import speech
from kiosk.ui.speech import Speaker, choose_locale, choose_voice
from tests import audio
from tests.audio import Loudness, PulseServer
from tests.conftest import require

try:
    from PySide6.QtTextToSpeech import QTextToSpeech
except ImportError:  # the Speaker runs without it; only the engine tests need it
    QTextToSpeech = None  # type: ignore[assignment,misc]

QT_TTS = "QtTextToSpeech, which needs libpulse0 (apt-get install libpulse0)"


class State(enum.Enum):
    """The fake's states, named like QTextToSpeech.State: the Speaker goes by the name."""

    Ready = 0
    Speaking = 1
    Synthesizing = 2
    Paused = 3
    Error = 4


class Gender(enum.Enum):
    Male = 0
    Female = 1
    Unknown = 2


# QtMultimedia (under QtTextToSpeech) warns when libpipewire-0.3 is absent; harmless here.
pytestmark = pytest.mark.qt_log_ignore("pipewire")

PRIVATE = "Hola María Guadalupe"  # a member's name: it must never reach the log


class FakeVoice:
    def __init__(self, name: str, gender: object = Gender.Unknown) -> None:
        self._name = name
        self._gender = gender

    def name(self) -> str:
        return self._name

    def gender(self) -> object:
        return self._gender


class FakeEngine(QObject):
    """Records what the Speaker asks; starts Ready, or still starting (state None) if asked."""

    stateChanged = Signal(object)

    def __init__(
        self,
        locales: tuple[str, ...] = ("es_419",),
        voices: tuple[FakeVoice, ...] = (FakeVoice("Voz"),),
        *,
        ready: bool = True,
    ) -> None:
        super().__init__()
        self._locales = [QLocale(name) for name in locales]
        self._voices = list(voices)
        self._state: object = State.Ready if ready else None
        self.state_reads = 0
        self.said: list[str] = []
        self.stops = 0
        self.locale_set: QLocale | None = None
        self.voice_set: FakeVoice | None = None
        self.rate: float | None = None
        self.volume: float | None = None

    def become(self, state: object) -> None:
        self._state = state
        self.stateChanged.emit(state)

    def state(self) -> object:
        self.state_reads += 1
        return self._state

    def say(self, text: str) -> None:
        self.said.append(text)
        self.become(State.Speaking)

    def stop(self) -> None:
        self.stops += 1
        self.become(State.Ready)

    def availableLocales(self) -> list[QLocale]:
        return list(self._locales)

    def availableVoices(self) -> list[FakeVoice]:
        return list(self._voices)

    def setLocale(self, locale: QLocale) -> None:
        self.locale_set = locale

    def locale(self) -> QLocale:
        return self.locale_set or QLocale.c()

    def setVoice(self, voice: FakeVoice) -> None:
        self.voice_set = voice

    def voice(self) -> FakeVoice:
        return self.voice_set or self._voices[0]

    def setRate(self, rate: float) -> None:
        self.rate = rate

    def setVolume(self, volume: float) -> None:
        self.volume = volume


@pytest.fixture
def make_speaker() -> Iterator[Callable[..., Speaker]]:
    made: list[Speaker] = []

    def make(factory: Callable[[], object] | None = None, **settings: object) -> Speaker:
        settings.setdefault("speech_enabled", True)  # whatever the test run's environment says
        speaker = Speaker(Settings.load(**settings), engine_factory=factory)  # type: ignore[arg-type]
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.shutdown()


def _ready(qtbot, speaker: Speaker) -> None:  # type: ignore[no-untyped-def]
    speaker.start()
    qtbot.waitUntil(lambda: speaker.available, timeout=5000)


# --- behaviour, on a recording fake ----------------------------------------------------------


def test_say_reaches_the_engine_and_a_new_phrase_replaces_the_old(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine()
    speaker = make_speaker(lambda: fake)
    with qtbot.waitSignal(speaker.spoken) as spoken:
        speaker.say("Empleo")
    assert spoken.args == ["Empleo"]
    qtbot.waitUntil(lambda: fake.said == ["Empleo"])
    qtbot.waitUntil(lambda: speaker.available)
    assert speaker.problem == ""
    speaker.say("Comercio")  # the engine is still speaking "Empleo"
    qtbot.waitUntil(lambda: fake.said == ["Empleo", "Comercio"])
    assert fake.stops == 1


def test_the_engine_starts_only_when_needed(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    fake = FakeEngine()
    speaker = make_speaker(lambda: calls.append(1) or fake)
    assert speaker.engine_state is None and not speaker.available
    speaker.set_muted(True)
    speaker.say("Inicio")  # muted: nothing to start an engine for
    speaker.set_muted(False)
    speaker.say("Ayuda")
    qtbot.waitUntil(lambda: fake.said == ["Ayuda"])
    assert calls == [1]


def test_muted_says_nothing_but_still_tells_what_was_asked(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine()
    speaker = make_speaker(lambda: fake)
    _ready(qtbot, speaker)
    with qtbot.waitSignal(speaker.muted_changed) as changed:
        speaker.set_muted(True)
    assert changed.args == [True] and speaker.muted
    with qtbot.waitSignal(speaker.spoken) as spoken:
        speaker.say("Cursos")
    assert spoken.args == ["Cursos"]
    speaker.set_muted(False)
    speaker.say("Programas")
    # Phrases reach the engine in order: once "Programas" is there, "Cursos" never will be.
    qtbot.waitUntil(lambda: fake.said == ["Programas"])


def test_speech_turned_off_in_the_settings_never_starts_an_engine(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    def factory() -> None:
        raise AssertionError("no engine when speech is off")

    speaker = make_speaker(factory, speech_enabled=False)
    with qtbot.waitSignal(speaker.spoken):
        speaker.say("Guardería")
    speaker.start()
    assert speaker.engine_state is None
    assert not speaker.available and speaker.problem


def test_a_phrase_asked_before_the_engine_is_ready_is_said_once_ready(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine(ready=False)
    speaker = make_speaker(lambda: fake)
    speaker.say("Bienvenida")
    speaker.say("Bienvenida al centro")  # only the last phrase is worth saying
    qtbot.waitUntil(lambda: fake.state_reads > 0)  # the engine exists and is still starting
    assert fake.said == [] and not speaker.available
    fake.become(State.Ready)
    qtbot.waitUntil(lambda: fake.said == ["Bienvenida al centro"])
    qtbot.waitUntil(lambda: speaker.available)


def test_repeat_says_the_last_phrase_again(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine()
    speaker = make_speaker(lambda: fake)
    speaker.repeat()  # nothing said yet: nothing to repeat
    speaker.say("Toca un dibujo")
    qtbot.waitUntil(lambda: fake.said == ["Toca un dibujo"])
    with qtbot.waitSignal(speaker.spoken) as spoken:
        speaker.repeat()
    assert spoken.args == ["Toca un dibujo"]
    qtbot.waitUntil(lambda: fake.said == ["Toca un dibujo", "Toca un dibujo"])


def test_stop_silences_the_engine(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine()
    speaker = make_speaker(lambda: fake)
    speaker.say("Una frase larga")
    qtbot.waitUntil(lambda: fake.said == ["Una frase larga"])
    speaker.stop()
    qtbot.waitUntil(lambda: fake.stops == 1)


def test_rate_and_volume_are_clamped_and_applied(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine()
    speaker = make_speaker(lambda: fake, speech_rate=3.0, speech_volume=1.5)
    assert (speaker.rate, speaker.volume) == (1.0, 1.0)
    _ready(qtbot, speaker)
    assert (fake.rate, fake.volume) == (1.0, 1.0)
    speaker.set_rate(-5)
    speaker.set_volume(-0.2)
    assert (speaker.rate, speaker.volume) == (-1.0, 0.0)
    qtbot.waitUntil(lambda: (fake.rate, fake.volume) == (-1.0, 0.0))
    speaker.set_rate(-0.3)
    speaker.set_volume(0.8)
    qtbot.waitUntil(lambda: (fake.rate, fake.volume) == (-0.3, 0.8))


def test_settings_rate_and_volume_reach_the_engine(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine()
    speaker = make_speaker(lambda: fake, speech_rate=-0.25, speech_volume=0.6)
    _ready(qtbot, speaker)
    assert (fake.rate, fake.volume) == (-0.25, 0.6)


# --- silence that never breaks the kiosk ------------------------------------------------------


def _no_engine() -> None:
    return None


def _engine_raises() -> None:
    raise RuntimeError("speech-dispatcher exploded")


def _module_missing() -> None:
    raise ImportError("libpulse.so.0: cannot open shared object file")


@pytest.mark.parametrize(
    ("factory", "reason"),
    [
        (_no_engine, "No speech engine"),
        (_engine_raises, "could not start"),
        (_module_missing, "cannot be loaded"),
    ],
)
def test_without_an_engine_the_kiosk_is_silent_and_logs_once(  # type: ignore[no-untyped-def]
    qtbot, make_speaker, caplog, factory, reason
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.speech")
    speaker = make_speaker(factory)
    with qtbot.waitSignal(speaker.spoken):
        speaker.say(PRIVATE)
    qtbot.waitUntil(lambda: speaker.problem != "")
    assert not speaker.available
    with qtbot.waitSignal(speaker.spoken) as spoken:
        speaker.say(PRIVATE)
    speaker.repeat()
    assert spoken.args == [PRIVATE]
    warnings = [r for r in caplog.records if r.name == "kiosk.speech"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert reason in warnings[0].getMessage()  # the log is in English whatever the kiosk speaks
    assert "María" not in caplog.text and PRIVATE not in caplog.text


def test_an_engine_that_fails_to_start_is_silent(qtbot, make_speaker, caplog) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine(ready=False)
    speaker = make_speaker(lambda: fake)
    speaker.say(PRIVATE)
    qtbot.waitUntil(lambda: fake.state_reads > 0)
    fake.become(State.Error)
    qtbot.waitUntil(lambda: speaker.problem != "")
    assert not speaker.available and fake.said == []
    assert len([r for r in caplog.records if r.name == "kiosk.speech"]) == 1
    assert PRIVATE not in caplog.text


def test_an_engine_that_never_answers_does_not_hold_the_window(  # type: ignore[no-untyped-def]
    qtbot, make_speaker, monkeypatch
) -> None:
    """A hung speech-dispatcher blocks the engine's constructor for ever: only its thread waits."""
    monkeypatch.setattr(speech, "START_TIMEOUT_MS", 200)
    release = threading.Event()
    fake = FakeEngine()

    def hung_factory() -> FakeEngine:
        release.wait(30)
        return fake

    speaker = make_speaker(hung_factory)
    try:
        with qtbot.waitSignal(speaker.spoken):
            speaker.say("Empleo")
        qtbot.waitUntil(lambda: speaker.problem != "", timeout=5000)
        assert not speaker.available
        speaker.say("Comercio")
        release.set()  # the engine answers late: it is used, with the last phrase
        qtbot.waitUntil(lambda: speaker.available, timeout=5000)
        qtbot.waitUntil(lambda: fake.said == ["Comercio"])
        assert speaker.problem == ""
    finally:
        release.set()


def test_an_error_while_speaking_is_reported_and_passes(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine()
    speaker = make_speaker(lambda: fake)
    _ready(qtbot, speaker)
    fake.become(State.Error)
    qtbot.waitUntil(lambda: not speaker.available)
    assert speaker.problem
    speaker.say("Otra vez")
    qtbot.waitUntil(lambda: fake.said == ["Otra vez"])
    qtbot.waitUntil(lambda: speaker.available)


# --- the Spanish voice ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offered", "chosen"),
    [
        (("en_US", "es_ES", "es_419"), "es_419"),
        (("es_MX", "es_419"), "es_MX"),
        (("en_US", "es_ES", "es_US"), "es_US"),
        (("fr_FR", "es_ES"), "es_ES"),
    ],
)
def test_the_speaker_picks_the_closest_spanish(qtbot, make_speaker, offered, chosen) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine(locales=offered)
    speaker = make_speaker(lambda: fake)
    _ready(qtbot, speaker)
    assert fake.locale_set is not None and fake.locale_set.name() == chosen
    assert speaker.locale_name == chosen


def test_without_a_spanish_voice_the_kiosk_is_silent(qtbot, make_speaker, caplog) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine(locales=("en_US",))
    speaker = make_speaker(lambda: fake)
    speaker.say(PRIVATE)
    qtbot.waitUntil(lambda: speaker.problem != "")
    assert not speaker.available
    assert fake.said == [] and fake.locale_set is None
    records = [r for r in caplog.records if r.name == "kiosk.speech"]
    assert len(records) == 1 and "Spanish" in records[0].getMessage()
    assert PRIVATE not in caplog.text


def test_a_female_voice_is_preferred(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    fake = FakeEngine(voices=(FakeVoice("Jorge", Gender.Male), FakeVoice("Paulina", Gender.Female)))
    speaker = make_speaker(lambda: fake)
    _ready(qtbot, speaker)
    assert fake.voice_set is not None and fake.voice_set.name() == "Paulina"
    assert speaker.voice_name == "Paulina"


def test_choose_voice_knows_espeak_female_variants_and_keeps_the_default_otherwise() -> None:
    espeak = [
        FakeVoice("Spanish (Latin America)"),
        FakeVoice("Spanish (Latin America)+Adam"),
        FakeVoice("Spanish (Latin America)+female2"),
    ]
    chosen = choose_voice(espeak)
    assert chosen is not None and chosen.name() == "Spanish (Latin America)+female2"
    assert choose_voice([FakeVoice("Spanish (Latin America)"), FakeVoice("X+Adam")]) is None
    assert choose_voice([]) is None


def test_choose_locale_without_spanish() -> None:
    assert choose_locale([QLocale("en_US"), QLocale("fr_FR")], "es_MX") is None
    assert choose_locale([], "es_MX") is None


def test_importing_the_speaker_does_not_load_qttexttospeech() -> None:
    """Where QtTextToSpeech cannot load (no libpulse0) the kiosk must still start."""
    code = (
        "import sys, kiosk.ui.speech\n"
        "assert 'PySide6.QtTextToSpeech' not in sys.modules, 'loaded at import'\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_the_default_engine_is_never_qts_mock() -> None:
    assert speech.default_engine_name(["mock", "speechd"]) == "speechd"
    assert speech.default_engine_name(["flite", "mock", "speechd"]) == "speechd"
    assert speech.default_engine_name(["mock", "sapi", "winrt"]) == "winrt"
    assert speech.default_engine_name(["mock", "other"]) == "other"
    assert speech.default_engine_name(["mock"]) is None
    assert speech.default_engine_name([]) is None


# --- Qt's own "mock" engine: the real QTextToSpeech API in the speech thread -----------------


def test_qt_mock_engine_speaks_through_the_speaker(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    require(QTextToSpeech is not None, QT_TTS)
    require("mock" in QTextToSpeech.availableEngines(), "Qt's mock text-to-speech engine")
    qt_state = QTextToSpeech.State
    # The mock engine offers English, Norwegian and Finnish only: ask for British English.
    speaker = make_speaker(lambda: QTextToSpeech("mock"), locale="en_GB")
    states: list[object] = []
    speaker.engine_state_changed.connect(states.append)
    _ready(qtbot, speaker)
    assert (speaker.engine_name, speaker.locale_name, speaker.voice_name) == (
        "mock",
        "en_GB",
        "Anne",
    )
    speaker.say("hello there")
    qtbot.waitUntil(lambda: qt_state.Speaking in states and states[-1] == qt_state.Ready)
    assert qt_state.Error not in states


def test_qt_mock_engine_has_no_spanish_voice(qtbot, make_speaker) -> None:  # type: ignore[no-untyped-def]
    require(QTextToSpeech is not None, QT_TTS)
    require("mock" in QTextToSpeech.availableEngines(), "Qt's mock text-to-speech engine")
    speaker = make_speaker(lambda: QTextToSpeech("mock"))
    speaker.say("Hola")
    qtbot.waitUntil(lambda: speaker.problem != "")
    assert not speaker.available


# --- the real engine --------------------------------------------------------------------------


def _start_speech_dispatcher(  # type: ignore[no-untyped-def]
    qtbot,
    tmp_path: Path,
    monkeypatch,
    alsa_device: str,
    *,
    hangs_on_exit: bool = False,
    pulse: PulseServer | None = None,
    module: tuple[str, str, str] = ("espeak-ng", "sd_espeak-ng", "espeak-ng.conf"),
) -> Iterator[Path]:
    """A private speech-dispatcher, playing into ``alsa_device`` (or into ``pulse``'s default
    sink), that the kiosk finds through SPEECHD_ADDRESS as it would find a session's daemon.

    Started here rather than autospawned: without a sound card the autospawned daemon stops
    answering after a phrase or two, and every later client waits for it for ever."""
    require(QTextToSpeech is not None, QT_TTS)
    engines = QTextToSpeech.availableEngines()
    what = "speech-dispatcher and espeak-ng (apt-get install speech-dispatcher espeak-ng)"
    require("speechd" in engines, what)
    exe = shutil.which("speech-dispatcher")
    system_conf = Path("/etc/speech-dispatcher")
    require(exe is not None and (system_conf / "speechd.conf").exists(), what)
    assert exe is not None
    conf = tmp_path / "speechd-conf"
    shutil.copytree(system_conf, conf)
    with (conf / "speechd.conf").open("a", encoding="utf-8") as fh:
        # Only espeak-ng: the mbrola module fails to start without mbrola voices, and
        # speech-dispatcher leaves its process unreaped.
        output = (
            'AudioOutputMethod "pulse"\nAudioPulseDevice "default"\n'
            if pulse is not None
            else f'AudioOutputMethod "alsa"\nAudioALSADevice "{alsa_device}"\n'
        )
        name, binary, module_conf = module
        fh.write(f'\n{output}AddModule "{name}" "{binary}" "{module_conf}"\nDefaultModule {name}\n')
    run_dir = Path(tempfile.mkdtemp(prefix="kiosk-spd-"))  # a unix socket path must be short
    socket = run_dir / "speechd.sock"
    log_dir = tmp_path / "speechd-log"
    log_dir.mkdir()
    with (log_dir / "stderr.txt").open("wb") as stderr:
        daemon = subprocess.Popen(
            [
                exe,
                "--run-single",
                "--config-dir",
                str(conf),
                "--communication-method",
                "unix_socket",
                "--socket-path",
                str(socket),
                "--timeout",
                "0",
                "--log-dir",
                str(log_dir),
                "--pid-file",
                str(run_dir / "speechd.pid"),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # its output modules share its group: one kill ends all
            env=pulse.env() if pulse is not None else None,
        )
    try:
        qtbot.waitUntil(lambda: socket.exists() or daemon.poll() is not None, timeout=10000)
        assert daemon.poll() is None, (log_dir / "stderr.txt").read_text(errors="replace")
        monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket}")
        yield socket
    finally:
        # The daemon ends its output modules itself; if it hangs, its whole group goes.
        if not hangs_on_exit:
            daemon.terminate()
        try:
            daemon.wait(0 if hangs_on_exit else 5)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait(5)
        shutil.rmtree(run_dir, ignore_errors=True)


@pytest.fixture
def speech_dispatcher(qtbot, tmp_path: Path, monkeypatch) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """speech-dispatcher + espeak-ng playing into ALSA's null device: a PC without speakers."""
    yield from _start_speech_dispatcher(qtbot, tmp_path, monkeypatch, "null")


@pytest.fixture
def soundless_speech_dispatcher(qtbot, tmp_path: Path, monkeypatch) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """speech-dispatcher whose sound output cannot open, like a kiosk whose user has no
    PulseAudio/PipeWire: it stops answering after a phrase or two."""
    yield from _start_speech_dispatcher(
        qtbot, tmp_path, monkeypatch, "kiosk_no_such_device", hangs_on_exit=True
    )


def _wait_for_engine(qtbot, speaker: Speaker) -> None:  # type: ignore[no-untyped-def]
    """Start the real engine and wait until it is ready or has given up for good. Listing
    espeak-ng's voices takes seconds, and much longer on a busy machine (the Speaker then says
    "no answer" at first and recovers once the engine is ready)."""
    no_answer = _(speech.NO_ANSWER)
    speaker.start()
    qtbot.waitUntil(
        lambda: speaker.available or speaker.problem not in {"", no_answer}, timeout=60000
    )


def test_the_real_engine_speaks_spanish(qtbot, speech_dispatcher, make_speaker) -> None:  # type: ignore[no-untyped-def]
    qt_state = QTextToSpeech.State
    speaker = make_speaker()  # default settings, default engine
    states: list[object] = []
    speaker.engine_state_changed.connect(states.append)
    _wait_for_engine(qtbot, speaker)
    assert speaker.problem == ""
    assert speaker.engine_name == "speechd"
    assert speaker.engine_state == qt_state.Ready
    assert QLocale(speaker.locale_name).language() == QLocale.Language.Spanish
    assert speaker.voice_name
    speaker.say("Bienvenida")
    qtbot.waitUntil(
        lambda: qt_state.Speaking in states and states[-1] == qt_state.Ready, timeout=10000
    )
    assert qt_state.Error not in states
    assert speaker.available


def test_a_speech_dispatcher_without_sound_never_freezes_the_kiosk(  # type: ignore[no-untyped-def]
    qtbot, make_speaker, soundless_speech_dispatcher
) -> None:
    """Were an engine call made with Python's GIL held, this test would hang for ever."""
    speaker = make_speaker()
    speaker.start()
    qtbot.waitUntil(lambda: speaker.available or speaker.problem != "", timeout=60000)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    for phrase in ("Empleo", "Comercio", "Programas", "Cursos", "Guardería"):
        speaker.say(phrase)
        seen = len(ticks)
        qtbot.waitUntil(lambda seen=seen: len(ticks) >= seen + 20)  # ≈ 0.2 s of a live window
    timer.stop()


# --- the voice, heard ---------------------------------------------------------------------------

PHRASE = "Bienvenida al centro. Toca el dibujo de lo que buscas."


@pytest.fixture
def heard_speech_dispatcher(qtbot, tmp_path: Path, monkeypatch, pulse_server) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """speech-dispatcher + espeak-ng playing into the test run's PulseAudio null sink."""
    yield from _start_speech_dispatcher(qtbot, tmp_path, monkeypatch, "", pulse=pulse_server)


@pytest.fixture
def no_espeak_dispatcher(qtbot, tmp_path: Path, monkeypatch, pulse_server) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """The same daemon on a machine without espeak-ng: speech-dispatcher keeps only its
    "dummy" module, which has no voices to offer."""
    yield from _start_speech_dispatcher(
        qtbot, tmp_path, monkeypatch, "", pulse=pulse_server, module=("dummy", "sd_dummy", "")
    )


def _voice_languages(socket: Path) -> dict[str, str]:
    """speech-dispatcher's own list of espeak-ng voices: name -> language."""
    spd_say = shutil.which("spd-say")
    require(spd_say is not None, "spd-say (apt-get install speech-dispatcher)")
    assert spd_say is not None
    listed = subprocess.run(
        [spd_say, "-o", "espeak-ng", "-L"],
        env={**os.environ, "SPEECHD_ADDRESS": f"unix_socket:{socket}"},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    languages: dict[str, str] = {}
    for line in listed.stdout.splitlines()[1:]:  # NAME LANGUAGE VARIANT, right-aligned
        parts = line.split()
        if len(parts) >= 3:
            languages[" ".join(parts[:-2])] = parts[-2]
    return languages


def _say_and_record(qtbot, speaker: Speaker, pulse_server, tmp_path: Path) -> Loudness:  # type: ignore[no-untyped-def]
    qt_state = QTextToSpeech.State
    states: list[object] = []
    speaker.engine_state_changed.connect(states.append)
    recording = pulse_server.record(tmp_path / "heard.raw")
    try:
        speaker.say(PHRASE)
        if speaker.available:
            qtbot.waitUntil(
                lambda: qt_state.Speaking in states and states[-1] == qt_state.Ready,
                timeout=20000,
            )
        else:
            # Silence is the answer here, and silence sends no signal: the recording lasts
            # the phrase's time instead.
            qtbot.wait(3000)
    finally:
        samples = recording.stop()
    recording.save_wav(samples, tmp_path / "heard.wav")  # to listen to when the test fails
    heard = Loudness.of(samples)
    print(f"heard: {heard}")
    return heard


def test_the_kiosk_is_heard_speaking_spanish(  # type: ignore[no-untyped-def]
    qtbot, heard_speech_dispatcher, pulse_server, make_speaker, tmp_path
) -> None:
    """What a woman at the kiosk hears: the Speaker's phrase, out of the sound card (a null
    sink here), in a Spanish voice."""
    speaker = make_speaker()  # default settings, default engine: as the kiosk runs
    _wait_for_engine(qtbot, speaker)
    assert speaker.problem == ""
    heard = _say_and_record(qtbot, speaker, pulse_server, tmp_path)
    # About 3 s of speech for this phrase; stutters on a busy machine only stretch it.
    assert 0.5 <= heard.sound_seconds <= 10, heard
    assert heard.span_seconds <= 15, heard
    assert heard.rms > 5 * audio.SOUND_RMS, heard
    # The voice that spoke is one speech-dispatcher itself lists as Spanish.
    assert QLocale(speaker.locale_name).language() == QLocale.Language.Spanish
    languages = _voice_languages(heard_speech_dispatcher)
    assert speaker.voice_name in languages, (speaker.voice_name, sorted(languages)[:5])
    assert languages[speaker.voice_name].split("-")[0] == "es", languages[speaker.voice_name]


def test_without_espeak_ng_nothing_is_heard_and_the_speaker_says_why(  # type: ignore[no-untyped-def]
    qtbot, no_espeak_dispatcher, pulse_server, make_speaker, tmp_path
) -> None:
    """The recording above is not fooled: with espeak-ng gone, the sink stays silent."""
    speaker = make_speaker()
    _wait_for_engine(qtbot, speaker)
    # Qt's engine finds no voice at all there: it reports an error, or no Spanish voice.
    assert speaker.problem in {_(speech.ENGINE_FAILED), _(speech.NO_SPANISH)}
    heard = _say_and_record(qtbot, speaker, pulse_server, tmp_path)
    assert heard.sound_seconds == 0, heard
    assert not speaker.available
