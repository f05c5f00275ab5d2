"""The desk's chime: a short WAV the kiosk makes itself, played where the kiosk speaks, and a
PC without a sound card stays silent and keeps working."""

from __future__ import annotations

import importlib.util
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from kiosk.config import Settings
from kiosk.resources import CHIME_PATH
from kiosk.ui.notify import Chime

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_chime.py"


class Muted:
    muted = True


class Speaking:
    muted = False


def test_the_chime_is_a_short_sound_the_script_makes_again_exactly(tmp_path: Path) -> None:
    with wave.open(str(CHIME_PATH), "rb") as chime:
        seconds = chime.getnframes() / chime.getframerate()
        assert (chime.getnchannels(), chime.getsampwidth()) == (1, 2)
        assert 0.5 <= seconds <= 1.5
    spec = importlib.util.spec_from_file_location("make_chime", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.write(tmp_path / "chime.wav")
    assert (tmp_path / "chime.wav").read_bytes() == CHIME_PATH.read_bytes()


def test_a_silent_kiosk_rings_without_sound(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    for settings, speaker in (
        (Settings(data_dir=tmp_path, speech_enabled=False), Speaking()),
        (Settings(data_dir=tmp_path, speech_enabled=True), Muted()),
    ):
        chime = Chime(settings, speaker, owner)
        with qtbot.waitSignal(chime.rang, timeout=1000):
            chime.ring()
        assert not chime.audible
        assert chime._effect is None  # Qt Multimedia never loaded for a silent ring


# Qt Multimedia's own notices on a machine without sound: what a kiosk PC without speakers logs.
@pytest.mark.qt_log_ignore("PulseAudio", "QSoundEffect", "audio")
def test_a_pc_without_a_sound_card_chimes_and_keeps_working(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    chime = Chime(Settings(data_dir=tmp_path, speech_enabled=True), Speaking(), owner)
    assert chime.audible
    with qtbot.waitSignal(chime.rang, timeout=1000):
        chime.ring()
    effect = chime._effect
    assert effect is not None
    assert Path(effect.source().toLocalFile()) == CHIME_PATH
    loaded = type(effect).Status.Ready, type(effect).Status.Error
    qtbot.waitUntil(lambda: effect.status() in loaded, timeout=5000)
    chime.ring()  # again: still no error raised, whatever the sound card
