"""A private PulseAudio server for the test run: one null sink, the default, whose monitor the
tests record to hear what the kiosk really said.

``pulseaudio`` runs in the foreground with no configuration of the machine's (``-n``), its socket,
runtime folder and home in a temp dir, so it never meets a desktop's own sound server. Clients
find it through ``PULSE_SERVER``, which the fixture gives to the processes it starts rather than
to the whole test run. On a real station the kiosk plays through the system's own sound.

Needs the Debian packages pulseaudio (the server and its null sink) and pulseaudio-utils
(``parec``, ``pactl``).
"""

from __future__ import annotations

import array
import math
import os
import shutil
import signal
import subprocess
import tempfile
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import require

NEEDS = "PulseAudio (apt-get install pulseaudio pulseaudio-utils)"
SINK = "kiosk_test"
RATE = 16_000  # Hz, mono, 16-bit: enough for speech, and small
START_TIMEOUT_S = 10.0
WINDOW_S = 0.02  # the loudness of speech is measured over 20 ms windows
# A null sink's monitor gives exact zeros when nothing plays; espeak-ng's speech is in the
# thousands (16-bit RMS). Anything above this is sound.
SOUND_RMS = 200.0


@dataclass(frozen=True)
class Loudness:
    """What a recording holds: how long it is, how much of it is sound, and how loud."""

    seconds: float
    sound_seconds: float  # the 20 ms windows louder than SOUND_RMS, added up
    span_seconds: float  # from the first sound to the last
    rms: float  # over the sound windows only

    @staticmethod
    def of(samples: array.array[int], rate: int = RATE) -> Loudness:
        width = max(1, int(rate * WINDOW_S))
        loud: list[int] = []
        energy = 0.0
        for number, start in enumerate(range(0, len(samples), width)):
            window = samples[start : start + width]
            power = sum(s * s for s in window) / len(window)
            if math.sqrt(power) > SOUND_RMS:
                loud.append(number)
                energy += power
        return Loudness(
            seconds=len(samples) / rate,
            sound_seconds=len(loud) * width / rate,
            span_seconds=(loud[-1] - loud[0] + 1) * width / rate if loud else 0.0,
            rms=math.sqrt(energy / len(loud)) if loud else 0.0,
        )


class Recording:
    """``parec`` on the sink's monitor, writing raw 16-bit mono samples to a file."""

    def __init__(self, server: PulseServer, path: Path) -> None:
        self.path = path
        self._file = path.open("wb")
        self._process = subprocess.Popen(
            [
                server.parec,
                f"--device={SINK}.monitor",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=20",
            ],
            env=server.env(),
            stdin=subprocess.DEVNULL,
            stdout=self._file,
            stderr=subprocess.PIPE,
        )

    def stop(self) -> array.array[int]:
        """End the recording and return its samples."""
        self._process.send_signal(signal.SIGINT)
        try:
            _out, err = self._process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            _out, err = self._process.communicate()
        self._file.close()
        data = self.path.read_bytes()
        samples = array.array("h")
        samples.frombytes(data[: len(data) // 2 * 2])
        assert samples or not err, err.decode(errors="replace")
        return samples

    def save_wav(self, samples: array.array[int], path: Path) -> None:
        """The recording as a WAV file, to listen to when a test fails."""
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(samples.tobytes())


class PulseServer:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.socket = base / "run" / "native"
        self.log = base / "pulseaudio.log"
        self.parec = shutil.which("parec") or "parec"
        self.pactl = shutil.which("pactl") or "pactl"
        self._process: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        """The environment of a process that plays or records on this server."""
        return {**os.environ, "PULSE_SERVER": f"unix:{self.socket}"}

    def start(self) -> None:
        exe = shutil.which("pulseaudio")
        assert exe is not None
        (self.base / "run").mkdir()
        (self.base / "home").mkdir()
        script = self.base / "default.pa"
        script.write_text(
            f"load-module module-native-protocol-unix socket={self.socket} auth-anonymous=1\n"
            f"load-module module-null-sink sink_name={SINK} rate={RATE} channels=1"
            f" sink_properties=device.description={SINK}\n"
            f"set-default-sink {SINK}\n",
            encoding="utf-8",
        )
        env = {
            **os.environ,
            "HOME": str(self.base / "home"),
            "XDG_RUNTIME_DIR": str(self.base / "run"),
            "XDG_CONFIG_HOME": str(self.base / "home"),
        }
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(
                [
                    exe,
                    "-n",
                    "-F",
                    str(script),
                    "--daemonize=no",
                    "--exit-idle-time=-1",
                    "--use-pid-file=no",
                    "--disable-shm=yes",
                    "--log-target=stderr",
                ],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            done = subprocess.run(
                [self.pactl, "info"], env=self.env(), capture_output=True, text=True, check=False
            )
            if done.returncode == 0 and f"Default Sink: {SINK}" in done.stdout:
                return
            time.sleep(0.05)
        raise RuntimeError(f"pulseaudio did not start: {self.log.read_text(errors='replace')}")

    def record(self, path: Path) -> Recording:
        return Recording(self, path)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


@pytest.fixture(scope="session")
def pulse_server() -> Iterator[PulseServer]:
    """A private PulseAudio whose default output is a null sink, for the session."""
    require(shutil.which("pulseaudio") is not None, NEEDS)
    require(shutil.which("parec") is not None and shutil.which("pactl") is not None, NEEDS)
    server = PulseServer(Path(tempfile.mkdtemp(prefix="kiosk-pulse-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.base, ignore_errors=True)
