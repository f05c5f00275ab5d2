"""Where and for whom a station's slips are printed. Plain data without reportlab: the screens
pass it to the services that issue slips, and the slips are drawn with it."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import Settings

DEFAULT_CENTRE_NAME: str = Settings.centre_name  # the dataclass field's default


@dataclass(frozen=True)
class SlipOptions:
    """Where and for whom a slip is printed; ``SlipOptions.from_settings(settings)`` in the app."""

    paper: str = "80mm"
    centre_name: str = DEFAULT_CENTRE_NAME

    @classmethod
    def from_settings(cls, settings: Settings) -> SlipOptions:
        return cls(paper=settings.paper, centre_name=settings.centre_name)
