"""Example data in Spanish for trying the kiosk, and a scaled generator for benchmarks.

Everything here is invented and flagged ``is_example``: names, employers, phone numbers
(614 555 xxxx) and prices. Government institutions are named so the pages look familiar, but
every description starts with "Ejemplo:" and says nothing a member could take as a verified fact.

The data is deterministic (seeded ``random.Random``, PIN salts included) and every date is counted
from ``today``, so the demo always looks current and two loads for the same day are identical. It
is written in one transaction: a load that is interrupted leaves the database as it was.

The content is in :mod:`.content` and the ``.toml`` files beside it; :mod:`.loader` writes it,
:mod:`.scaled` adds generated rows for benchmarks.
"""

from __future__ import annotations

# What the kiosk's slip samples and the tests read of the content.
from kiosk.data.demo.content import (
    APPLICATION_STEPS,
    CHILDREN,
    HOW_TO_APPLY,
    JOBS,
    MEMBERS,
    ORGANIZATIONS,
    SERVICES,
    STAFF,
    STREETS,
    TRADES,
    TRAININGS,
)
from kiosk.data.demo.loader import DemoError, DemoSummary, database_is_empty, load_demo

__all__ = [
    "APPLICATION_STEPS",
    "CHILDREN",
    "HOW_TO_APPLY",
    "JOBS",
    "MEMBERS",
    "ORGANIZATIONS",
    "SERVICES",
    "STAFF",
    "STREETS",
    "TRADES",
    "TRAININGS",
    "DemoError",
    "DemoSummary",
    "database_is_empty",
    "load_demo",
]
