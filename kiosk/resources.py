"""Where the kiosk's files live: the pictograms named in resources/icons/manifest.json, and the
desk's chime.

No Qt here: the reportlab slips use it too. The Qt side is kiosk.ui.icons.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

ICONS_DIR: Path = Path(__file__).resolve().parent.parent / "resources" / "icons"
# The staff desk's chime for a help call (made by scripts/make_chime.py).
CHIME_PATH: Path = ICONS_DIR.parent / "sounds" / "chime.wav"


class UnknownIcon(KeyError):
    """A pictogram name that the manifest does not list."""


@functools.cache
def _manifest() -> dict[str, str]:
    """Kiosk name -> SVG file stem, read once."""
    with (ICONS_DIR / "manifest.json").open(encoding="utf-8") as f:
        data: dict[str, str] = json.load(f)
    return data


def icon_names() -> frozenset[str]:
    """Every pictogram name the kiosk may use ("area.jobs", "nav.home", ...)."""
    return frozenset(_manifest())


def icon_path(name: str) -> Path:
    """The SVG file of a pictogram; raises UnknownIcon for a name not in the manifest."""
    try:
        stem = _manifest()[name]
    except KeyError:
        raise UnknownIcon(name) from None
    return ICONS_DIR / f"{stem}.svg"
