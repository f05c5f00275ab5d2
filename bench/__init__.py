"""Benchmarks for the kiosk (issue 12): ``python -m bench`` prints one table of figures.

A benchmark, not a timed test: it measures and prints, and never fails on a slow machine.
"""
