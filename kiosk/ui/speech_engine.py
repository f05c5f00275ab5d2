"""The speech engine's side of the Speaker (:mod:`kiosk.ui.speech`): the only
place that talks to the speech engine (Qt TextToSpeech; speech-dispatcher + espeak-ng on Linux).

The engine lives in a thread of its own and the window never waits for it. Two facts about Qt's
speechd engine on Debian 12 shape this module:

* Its constructor connects to speech-dispatcher (starting the daemon if needed) and lists every
  voice of every module: about 1.4 s, and for ever if the daemon does not answer.
* A speech-dispatcher whose sound output cannot open (no sound card, no PulseAudio/PipeWire for
  the kiosk's user) stops answering after a phrase or two. PySide keeps Python's GIL through a
  call into Qt, so a direct call that blocks there would freeze every Python thread, the
  window's included. Engine calls are therefore posted to the engine thread's event loop, which
  runs Qt's slots in C++ without the GIL: a stuck daemon only stops the speech.

Without an engine, without a Spanish voice or when the engine fails, the kiosk stays silent and
keeps working; the reason is logged once and kept in :attr:`Speaker.problem`. Logs never carry the
text spoken: it may hold a member's name.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    Q_ARG,
    QEventLoop,
    QLocale,
    QMetaObject,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from shiboken6 import Shiboken

from kiosk.i18n import N_
from kiosk.logs import area_logger

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = area_logger("speech")

# speech-dispatcher first, then each platform's own engine, as Qt itself would choose.
ENGINE_PREFERENCE = ("speechd", "winrt", "sapi", "darwin", "avfoundation", "android", "flite")
LATIN_AMERICAN_SPANISH = "es_419"
# How long the engine may take to start before the Speaker reports it silent (it may still
# answer later: speech-dispatcher's first start on a slow PC takes a few seconds).
START_TIMEOUT_MS = 20_000
# Once ready, a phrase the engine neither starts nor finishes in this time (more for longer
# phrases, said slowly) means the engine hangs: a speech-dispatcher whose sound output cannot
# open stops answering after a phrase or two, and would otherwise leave the kiosk silent unseen.
ANSWER_BASE_MS = 10_000
ANSWER_PER_CHAR_MS = 200
# At exit, an engine still starting (≈1.4 s) is given time to finish rather than cut off.
STOP_TIMEOUT_S = 3.0
# speech-dispatcher does not say which voices are female (Qt reports Gender.Unknown), but
# espeak-ng names its female variants; the first one the engine offers is used.
ESPEAK_FEMALE_VARIANTS = (
    "female2",
    "female1",
    "female3",
    "female4",
    "female5",
    "belinda",
    "linda",
    "alicia",
    "andrea",
    "annie",
    "steph",
)

NO_MODULE = N_("The speech module of Qt cannot be loaded (is libpulse0 installed?).")
NO_ENGINE = N_("No speech engine is installed (install speech-dispatcher and espeak-ng).")
ENGINE_FAILED = N_("The speech engine could not start.")
ENGINE_ERROR = N_("The speech engine reported an error.")
NO_SPANISH = N_("The speech engine has no Spanish voice (install espeak-ng).")
NO_ANSWER = N_("The speech engine did not answer.")
SPEECH_OFF = N_("Speech is turned off in the settings.")

EngineFactory = Callable[[], "QTextToSpeech | None"]


def default_engine_name(available: Sequence[str]) -> str | None:
    """speech-dispatcher when installed, else the platform's own engine; never Qt's "mock"."""
    engines = [name for name in available if name != "mock"]
    for name in ENGINE_PREFERENCE:
        if name in engines:
            return name
    return sorted(engines)[0] if engines else None


def choose_locale(available: Sequence[QLocale], wanted: str) -> QLocale | None:
    """The wanted locale (es_MX), else Latin-American Spanish, else any Spanish; None if none."""
    by_name = {locale.name(): locale for locale in available}
    for name in (QLocale(wanted).name() if wanted else "", wanted, LATIN_AMERICAN_SPANISH):
        if name in by_name:
            return by_name[name]
    spanish = [loc for loc in available if loc.language() == QLocale.Language.Spanish]
    # Any American Spanish sounds closer to Chihuahua than Spain's.
    spanish.sort(key=lambda loc: loc.territory() == QLocale.Country.Spain)
    return spanish[0] if spanish else None


def choose_voice(voices: Sequence[Any]) -> Any | None:
    """A female voice among the locale's voices, or None to keep the engine's default."""
    for voice in voices:
        if enum_name(voice.gender()) == "Female":
            return voice
    variants = {voice.name().rpartition("+")[2].lower(): voice for voice in voices}
    for name in ESPEAK_FEMALE_VARIANTS:
        if name in variants:
            return variants[name]
    return None


def enum_name(value: object) -> str:
    # Compared by name so the Speaker never imports QtTextToSpeech outside the engine thread.
    return str(getattr(value, "name", value))


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, float(value)))


def _is_qt_engine(engine: object) -> bool:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return False
    return isinstance(engine, QTextToSpeech)


class EngineWorker(QObject):
    """Lives in the speech thread and owns the engine: every call to it happens here."""

    ready = Signal(str, str, str)  # engine name, locale name, voice name
    failed = Signal(str, str, bool)  # message id, detail for the log, engine gone for good
    state_changed = Signal(object)  # QTextToSpeech.State

    def __init__(
        self,
        factory: EngineFactory | None,
        wanted_locale: str,
        rate: float,
        volume: float,
        closing: threading.Event,
        loop: QEventLoop,
    ) -> None:
        super().__init__()
        self._factory = factory
        self._wanted = wanted_locale
        self._rate = rate
        self._volume = volume
        self._closing = closing
        self._loop = loop
        self._engine: Any = None
        self._qt = False  # a QTextToSpeech: its calls go through the event loop, see _call
        self._phase = "new"  # new -> starting -> ready | failed
        self._pending: str | None = None
        self._flush_planned = False
        self._configuring = False
        self._connected = False

    # --- talking to the engine -------------------------------------------------------------

    def _call(self, method: str, *args: tuple[type, object]) -> None:
        """Call an engine method that may block on speech-dispatcher.

        A QTextToSpeech's slot is posted to this thread's event loop, which runs it in C++
        without the GIL (see the module's docstring); an engine written in Python (the tests'
        fakes) is simply called."""
        if not self._qt:
            getattr(self._engine, method)(*(value for _type, value in args))
            return
        posted = QMetaObject.invokeMethod(
            self._engine,
            method,
            Qt.ConnectionType.QueuedConnection,
            *(Q_ARG(type_, value) for type_, value in args),
        )
        if not posted:
            log.warning("the speech engine has no method %s", method)

    def _then(self, step: str) -> None:
        """Run one of this worker's slots once the engine calls posted so far are done."""
        QMetaObject.invokeMethod(self, step, Qt.ConnectionType.QueuedConnection)

    def _state(self) -> str:
        # state() and the lists below only read what the engine already knows: they never wait.
        return enum_name(self._engine.state())

    def _error_detail(self) -> str:
        try:
            return f"{enum_name(self._engine.errorReason())}: {self._engine.errorString()}"
        except Exception:
            return ""

    # --- start -------------------------------------------------------------------------------

    @Slot()
    def create(self) -> None:
        if self._phase != "new":
            return
        self._phase = "starting"
        load = ""
        try:
            if self._factory is None:
                engine, load = self._default_engine()
            else:
                engine = self._factory()
        except ImportError as exc:
            self._give_up(NO_MODULE, f"{type(exc).__name__}: {exc}")
            return
        except Exception as exc:  # any engine failure leaves the kiosk silent, never broken
            self._give_up(ENGINE_FAILED, f"{type(exc).__name__}: {exc}")
            return
        if engine is None:
            self._give_up(NO_ENGINE, "")
            return
        self._engine = engine
        self._qt = _is_qt_engine(engine)
        if self._qt and engine.thread() == QThread.currentThread():
            # Owned by C++ from now on, so that PySide's clean-up at exit never deletes it from
            # the main thread (its destructor talks to speech-dispatcher, see EngineThread).
            engine.setParent(QThread.currentThread())
        if self._closing.is_set():  # the Speaker went away while the engine was starting
            self.finish()
            return
        if load:
            self._call("setEngine", (str, load))
            self._then("_engine_loaded")
        else:
            self._engine_loaded()

    def _default_engine(self) -> tuple[Any, str]:
        # Imported here: where QtTextToSpeech cannot load (no libpulse0) the kiosk still runs.
        from PySide6.QtTextToSpeech import QTextToSpeech

        available = QTextToSpeech.availableEngines()
        name = default_engine_name(available)
        if name is None:
            return None, ""
        if "mock" not in available:
            return QTextToSpeech(name), ""
        # Qt's mock engine is only a shell that starts at once; the real engine is loaded into
        # it by the event loop, because its constructor can block (see _call).
        return QTextToSpeech("mock"), name

    @Slot()
    def _engine_loaded(self) -> None:
        engine = self._engine
        if engine is None or self._phase != "starting":
            return
        engine.stateChanged.connect(self._on_engine_state)
        self._connected = True
        # Connected first, then read: a Ready that comes in between is not lost.
        self._on_engine_state(engine.state())

    @Slot(object)
    def _on_engine_state(self, state: object) -> None:
        if self._configuring or self._engine is None:
            return
        self.state_changed.emit(state)
        name = enum_name(state)
        if self._phase == "starting":
            if name == "Ready":
                self._configuring = True
                self._set_locale()
            elif name == "Error":
                self._give_up(ENGINE_FAILED, self._error_detail())
            # Any other state: the engine is still starting; the phrase waits in _pending.
        elif self._phase == "ready" and name == "Error":
            self.failed.emit(ENGINE_ERROR, self._error_detail(), False)

    def _set_locale(self) -> None:
        try:
            locales = list(self._engine.availableLocales())
            locale = choose_locale(locales, self._wanted)
        except Exception as exc:
            self._give_up(ENGINE_FAILED, f"{type(exc).__name__}: {exc}")
            return
        if locale is None:
            self._give_up(NO_SPANISH, f"{len(locales)} locales offered, none Spanish")
            return
        self._call("setLocale", (QLocale, locale))
        self._then("_set_voice")

    @Slot()
    def _set_voice(self) -> None:
        if self._engine is None or self._phase != "starting":
            return
        try:
            if self._state() == "Error":
                self._give_up(NO_SPANISH, self._error_detail())
                return
            voice = choose_voice(list(self._engine.availableVoices()))
            if voice is not None:
                self._call("setVoice", (type(voice), voice))
            self._call("setRate", (float, self._rate))
            self._call("setVolume", (float, self._volume))
        except Exception as exc:
            self._give_up(ENGINE_FAILED, f"{type(exc).__name__}: {exc}")
            return
        self._then("_configured")

    @Slot()
    def _configured(self) -> None:
        engine = self._engine
        if engine is None or self._phase != "starting":
            return
        self._configuring = False
        if self._state() == "Error":
            self._give_up(ENGINE_FAILED, self._error_detail())
            return
        self._phase = "ready"
        self.ready.emit(
            str(engine.engine()) if hasattr(engine, "engine") else type(engine).__name__,
            engine.locale().name() if hasattr(engine, "locale") else "",
            engine.voice().name() if hasattr(engine, "voice") else "",
        )
        self._flush()

    def _give_up(self, message: str, detail: str) -> None:
        self._phase = "failed"
        self._configuring = False
        self._pending = None
        self.failed.emit(message, detail, True)

    # --- speaking ----------------------------------------------------------------------------

    @Slot(str)
    def say(self, text: str) -> None:
        if self._phase not in {"new", "starting", "ready"}:
            return
        # Only the last phrase is worth saying: phrases that queued up while the engine was
        # starting or busy are dropped, rather than started and cut off at once.
        self._pending = text
        if self._phase == "ready" and not self._flush_planned:
            self._flush_planned = True
            QTimer.singleShot(0, self._flush)

    def _flush(self) -> None:
        self._flush_planned = False
        if self._phase != "ready" or self._pending is None:
            return
        text, self._pending = self._pending, None
        # A new page's phrase replaces the old one.
        if self._state() in {"Speaking", "Paused", "Synthesizing"}:
            self._call("stop")
        self._call("say", (str, text))

    @Slot()
    def stop(self) -> None:
        self._pending = None
        if self._phase == "ready" and self._state() != "Ready":
            self._call("stop")

    @Slot(float)
    def set_rate(self, rate: float) -> None:
        self._rate = rate
        if self._phase == "ready":
            self._call("setRate", (float, rate))

    @Slot(float)
    def set_volume(self, volume: float) -> None:
        self._volume = volume
        if self._phase == "ready":
            self._call("setVolume", (float, volume))

    @Slot()
    def finish(self) -> None:
        """Let the engine go, then end the thread's loop."""
        self._closing.set()
        engine, self._engine = self._engine, None
        self._phase = "failed"
        self._pending = None
        if engine is not None and self._qt and Shiboken.isValid(engine):
            if self._connected:
                engine.stateChanged.disconnect(self._on_engine_state)
            # Deleted by the event loop, in C++: its destructor says goodbye to
            # speech-dispatcher, which may not answer (see _call). The loop ends after it.
            engine.destroyed.connect(self._loop.quit)
            engine.deleteLater()
            return
        self._loop.quit()


class EngineThread:
    """A Python thread running a Qt event loop, where the engine and its worker live.

    A daemon thread rather than a QThread: if the engine hangs for ever the thread is simply
    abandoned, where destroying a running QThread would abort the program. Its objects hang from
    Qt's own object for the thread, so C++ owns them and PySide's clean-up at exit leaves them
    alone. The thread stops with its Speaker or at interpreter exit (registered after PySide's
    clean-up, so it runs first); when the application quits it is let go without waiting, and
    the kiosk's process ends under it (:func:`kiosk.app.leave`)."""

    def __init__(self, make_worker: Callable[[threading.Event, QEventLoop], EngineWorker]) -> None:
        self.worker: EngineWorker | None = None
        self._closing = threading.Event()
        self._made = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(make_worker,), name="kiosk-speech", daemon=True
        )
        self._thread.start()
        self._made.wait()  # making the worker object takes microseconds; the engine comes later
        atexit.register(self.stop)

    def _run(self, make_worker: Callable[[threading.Event, QEventLoop], EngineWorker]) -> None:
        anchor = QThread.currentThread()
        try:
            loop = QEventLoop(anchor)
            worker = make_worker(self._closing, loop)
            worker.setParent(anchor)
        except Exception:
            log.exception("the speech thread could not start")
            self._made.set()
            return
        self.worker = worker
        self._made.set()
        loop.exec()
        self.worker = None
        # Deleted here, in the thread they live in, never later from the main thread.
        for obj in (worker, loop):
            if Shiboken.isValid(obj):
                Shiboken.delete(obj)

    def stop(self, *_signal_args: object) -> None:
        """Ask the loop to end and wait a moment for it; a hung engine is left behind."""
        if self.let_go():
            self._thread.join(STOP_TIMEOUT_S)

    def let_go(self, *_signal_args: object) -> bool:
        """Ask the loop to end without waiting for it (the kiosk's own exit does not wait:
        the process ends under a daemon that does not answer). True when it was asked now."""
        atexit.unregister(self.stop)
        if self._closing.is_set():
            return False  # already asked: its Speaker, the application and exit may all ask
        self._closing.set()
        worker = self.worker
        if worker is None or not Shiboken.isValid(worker) or not self._thread.is_alive():
            return False
        QMetaObject.invokeMethod(worker, "finish", Qt.ConnectionType.QueuedConnection)
        return True
