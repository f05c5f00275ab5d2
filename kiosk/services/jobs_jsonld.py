"""The job bank's JSON-LD import and export, where the desk and the command line import them
from; the reader and writer live in :mod:`kiosk.services.jobs.jsonld`."""

from __future__ import annotations

from kiosk.services.jobs.jsonld import *  # noqa: F403
from kiosk.services.jobs.jsonld import __all__ as __all__
