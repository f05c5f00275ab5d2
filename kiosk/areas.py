"""The kiosk's areas: pictogram, colour, words and spoken phrase. The same colour marks an
area's tile, its pages and its printed slips (no Qt here: slips use it too)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import N_


@dataclass(frozen=True)
class Area:
    key: str
    icon: str
    colour: str  # dark enough for white text at WCAG AA (4.5:1)
    words: str  # msgid, translated where shown
    phrase: str  # msgid, spoken


AREAS: tuple[Area, ...] = (
    Area("jobs", "area.jobs", "#1565c0", N_("Jobs"), N_("Find a job")),
    Area("trade", "area.trade", "#bf360c", N_("Trade"), N_("Buy and sell among members")),
    Area(
        "programs",
        "area.programs",
        "#6a1b9a",
        N_("Programs"),
        N_("Government and community programs"),
    ),
    Area("trainings", "area.trainings", "#2e7d32", N_("Courses"), N_("Sign up for a course")),
    Area("childcare", "area.childcare", "#ad1457", N_("Childcare"), N_("Children's room")),
    Area("staff", "area.staff", "#455a64", N_("Staff"), N_("For the centre's staff")),
)
AREA_BY_KEY = {area.key: area for area in AREAS}
HOME_COLOUR = "#37474f"
HELP_COLOUR = "#f9a825"
MEMBER_COLOUR = "#00695c"
