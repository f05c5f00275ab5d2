"""Write resources/sounds/chime.wav: the staff desk's two-note chime for a help call.

Made here from sine tones with Python's wave module, so the kiosk ships no third-party sound.
A soft "ding-dong" (A5 then E5, each with its octave), 16-bit mono at 22 050 Hz, about 1 s.

Usage::

    python scripts/make_chime.py [OUT.wav]
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "chime.wav"
NOTES = ((880.0, 0.35), (659.25, 0.65))  # (Hz, seconds): ding, dong
LOUDNESS = 0.45


def note(frequency: float, seconds: float) -> list[float]:
    """One bell-like note: a quick attack, then a decay, with a quieter octave above."""
    samples = []
    for i in range(int(RATE * seconds)):
        t = i / RATE
        envelope = min(1.0, t / 0.01) * math.exp(-4.0 * t / seconds)
        tone = math.sin(2 * math.pi * frequency * t) + 0.4 * math.sin(4 * math.pi * frequency * t)
        samples.append(LOUDNESS * envelope * tone / 1.4)
    return samples


def write(path: Path) -> None:
    samples = [s for frequency, seconds in NOTES for s in note(frequency, seconds)]
    frames = b"".join(struct.pack("<h", round(max(-1.0, min(1.0, s)) * 32767)) for s in samples)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
