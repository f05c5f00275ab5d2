"""Fixtures of the UI tests: the private CUPS server of the printing tests."""

from tests.cups import cups_server

__all__ = ["cups_server"]
