"""The Speaker: everything the kiosk says goes through :meth:`Speaker.say`. The engine it
drives lives in :mod:`kiosk.ui.speech_engine`, in a thread of its own; the window never waits
for it. Logs never carry the text spoken: it may hold a member's name."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, Signal, Slot
from shiboken6 import Shiboken

from kiosk.config import Settings
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.ui.speech_engine import (
    ANSWER_BASE_MS,
    ANSWER_PER_CHAR_MS,
    ENGINE_ERROR,
    ENGINE_FAILED,
    ESPEAK_FEMALE_VARIANTS,
    LATIN_AMERICAN_SPANISH,
    NO_ANSWER,
    NO_ENGINE,
    NO_MODULE,
    NO_SPANISH,
    SPEECH_OFF,
    START_TIMEOUT_MS,
    EngineFactory,
    EngineThread,
    EngineWorker,
    choose_locale,
    choose_voice,
    clamp,
    default_engine_name,
    enum_name,
)
from kiosk.ui.timers import timer

__all__ = [
    "ENGINE_ERROR",
    "ENGINE_FAILED",
    "ESPEAK_FEMALE_VARIANTS",
    "LATIN_AMERICAN_SPANISH",
    "NO_ANSWER",
    "NO_ENGINE",
    "NO_MODULE",
    "NO_SPANISH",
    "SPEECH_OFF",
    "Speaker",
    "choose_locale",
    "choose_voice",
    "default_engine_name",
]

log = area_logger("speech")


class Speaker(QObject):
    """Everything the kiosk says goes through :meth:`say`.

    :attr:`spoken` fires for every phrase asked, even when muted or without an engine: tests and
    the UI use it to know what was asked to be said. The engine starts at the first audible
    :meth:`say` or at :meth:`start`, in its own thread; ``engine_factory`` (for tests: a fake,
    or ``QTextToSpeech("mock")``) is called in that thread and its engine used as it is."""

    spoken = Signal(str)
    muted_changed = Signal(bool)
    available_changed = Signal(bool)
    problem_changed = Signal(str)  # why the kiosk is silent; empty again once it can speak
    engine_state_changed = Signal(object)  # QTextToSpeech.State, as the engine reports it

    _say_requested = Signal(str)
    _stop_requested = Signal()
    _rate_requested = Signal(float)
    _volume_requested = Signal(float)

    def __init__(
        self,
        settings: Settings,
        parent: QObject | None = None,
        *,
        engine_factory: EngineFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = engine_factory  # None: the platform's engine, see EngineWorker.create
        self._locale = settings.locale
        self._enabled = settings.speech_enabled
        self._rate = clamp(settings.speech_rate, -1.0, 1.0)
        self._volume = clamp(settings.speech_volume, 0.0, 1.0)
        self._muted = False
        self._last = ""
        self._thread: EngineThread | None = None
        self._quit_hook: QCoreApplication | None = None
        self._closed = False
        self._available = False
        self._gone = False  # the engine failed for good: nothing more is sent to it
        self._problem = "" if self._enabled else _(SPEECH_OFF)
        self._warned = False
        self._engine_name = ""
        self._locale_name = ""
        self._voice_name = ""
        self._engine_state: object = None
        self._start_timer = timer(self, self._on_start_timeout, START_TIMEOUT_MS)
        self._answer_timer = timer(self, self._on_answer_timeout)
        self._answer_started = False  # the engine started the phrase being watched
        self._unwatched = ""  # a phrase asked while the engine was starting: watched once ready

    # --- what the pages use ----------------------------------------------------------------

    def say(self, text: str) -> None:
        """Say ``text`` instead of whatever is being said."""
        if not text or not text.strip():
            return
        self._last = text
        self.spoken.emit(text)
        if self._muted or not self._enabled or self._closed:
            return
        self.start()
        if self._thread is not None and not self._gone:
            self._say_requested.emit(text)
            self._watch_answer(text)

    def reset(self) -> None:
        """The visit is over: the last phrase (which may hold her name) is not repeated to
        the next person."""
        self._last = ""

    def repeat(self) -> None:
        """Say the last phrase again (the speaker button)."""
        if self._last:
            self.say(self._last)

    def stop(self) -> None:
        self._answer_timer.stop()
        self._unwatched = ""
        if self._thread is not None:
            self._stop_requested.emit()

    def set_muted(self, muted: bool) -> None:
        muted = bool(muted)
        if muted == self._muted:
            return
        self._muted = muted
        if muted:
            self.stop()
        self.muted_changed.emit(muted)

    def set_rate(self, rate: float) -> None:
        """-1 (slow) .. 1 (fast); 0 is the engine's normal speed."""
        self._rate = clamp(rate, -1.0, 1.0)
        if self._thread is not None:
            self._rate_requested.emit(self._rate)

    def set_volume(self, volume: float) -> None:
        """0 .. 1."""
        self._volume = clamp(volume, 0.0, 1.0)
        if self._thread is not None:
            self._volume_requested.emit(self._volume)

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def last_phrase(self) -> str:
        return self._last

    @property
    def available(self) -> bool:
        """True once an engine with a Spanish voice is ready to speak."""
        return self._available

    @property
    def problem(self) -> str:
        """Why the kiosk is silent, in one sentence; empty when it can speak."""
        return self._problem

    @property
    def voiceless(self) -> bool:
        """Speech is on but the engine cannot speak (none, no Spanish voice, failed or hung):
        what the kiosk shows and tells staff. Turned off in the settings is not voiceless."""
        return self._enabled and bool(self._problem)

    @property
    def engine_name(self) -> str:
        return self._engine_name

    @property
    def locale_name(self) -> str:
        """The engine's locale once ready, e.g. ``es_419``."""
        return self._locale_name

    @property
    def voice_name(self) -> str:
        return self._voice_name

    @property
    def engine_state(self) -> object:
        """The engine's last reported QTextToSpeech.State; None before it started."""
        return self._engine_state

    # --- engine life -----------------------------------------------------------------------

    def start(self) -> None:
        """Start the engine in its thread, if speech is on; returns at once."""
        if self._thread is not None or not self._enabled or self._closed:
            return
        make_worker = functools.partial(
            EngineWorker, self._factory, self._locale, self._rate, self._volume
        )
        self._thread = thread = EngineThread(make_worker)
        worker = thread.worker
        if worker is None:
            self._fail(ENGINE_FAILED, "no speech thread", final=True)
            return
        worker.ready.connect(self._on_ready)
        worker.failed.connect(self._on_failed)
        worker.state_changed.connect(self._on_engine_state)
        self._say_requested.connect(worker.say)
        self._stop_requested.connect(worker.stop)
        self._rate_requested.connect(worker.set_rate)
        self._volume_requested.connect(worker.set_volume)
        # The thread ends with the Speaker or the application, whichever goes first.
        self.destroyed.connect(thread.stop)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(thread.let_go)
            self._quit_hook = app
        self._start_timer.start()
        QMetaObject.invokeMethod(worker, "create", Qt.ConnectionType.QueuedConnection)

    def shutdown(self) -> None:
        """Stop speaking and let the engine go; say() keeps emitting :attr:`spoken`."""
        self._closed = True
        self._start_timer.stop()
        self._answer_timer.stop()
        thread, self._thread = self._thread, None
        if thread is not None:
            app, self._quit_hook = self._quit_hook, None
            if app is not None and Shiboken.isValid(app):
                app.aboutToQuit.disconnect(thread.let_go)
            thread.stop()
        self._set_available(False)

    @Slot(str, str, str)
    def _on_ready(self, engine: str, locale: str, voice: str) -> None:
        if self._closed:
            return
        self._start_timer.stop()
        self._engine_name, self._locale_name, self._voice_name = engine, locale, voice
        self._set_problem("")
        self._set_available(True)
        if self._unwatched:
            self._watch_answer(self._unwatched)
        log.info("speech ready: engine %s, locale %s, voice %s", engine, locale, voice or "-")

    @Slot(str, str, bool)
    def _on_failed(self, message: str, detail: str, final: bool) -> None:
        if not self._closed:
            self._fail(message, detail, final=final)

    @Slot(object)
    def _on_engine_state(self, state: object) -> None:
        if self._closed:
            return
        self._engine_state = state
        name = enum_name(state)
        if name in {"Speaking", "Synthesizing"}:
            self._answer_started = True
        elif name == "Error" or (name == "Ready" and self._answer_started):
            self._answer_timer.stop()  # the phrase ended, or failed and says so
        # An engine that reported an error and speaks again is usable again.
        usable = self._locale_name and not self._gone and name != "Error"
        if usable and not self._available:
            self._set_problem("")
            self._set_available(True)
        self.engine_state_changed.emit(state)

    @Slot()
    def _on_start_timeout(self) -> None:
        if not self._available and not self._gone:
            waited = self._start_timer.interval() / 1000
            self._fail(NO_ANSWER, f"no answer in {waited:g} s", final=False)

    def _watch_answer(self, text: str) -> None:
        """Expect the engine to start and finish ``text`` in a time fit for its length."""
        if not self._available:
            self._unwatched = text  # the engine says it once ready (see EngineWorker.say)
            return
        self._unwatched = ""
        self._answer_started = False
        self._answer_timer.start(ANSWER_BASE_MS + ANSWER_PER_CHAR_MS * len(text))

    @Slot()
    def _on_answer_timeout(self) -> None:
        if self._available and not self._gone:
            waited = self._answer_timer.interval() / 1000
            self._fail(NO_ANSWER, f"a phrase got no answer in {waited:g} s", final=False)

    def _fail(self, message: str, detail: str, *, final: bool) -> None:
        self._start_timer.stop()
        self._answer_timer.stop()
        if final:
            self._gone = True
        self._set_problem(_(message))
        self._set_available(False)
        if not self._warned:
            self._warned = True
            # The message ids are English; the detail comes from the engine, never the phrase.
            log.warning("speech is silent: %s%s", message, f" ({detail})" if detail else "")

    def _set_problem(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problem_changed.emit(problem)

    def _set_available(self, available: bool) -> None:
        if available != self._available:
            self._available = available
            self.available_changed.emit(available)
