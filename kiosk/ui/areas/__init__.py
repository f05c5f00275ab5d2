"""The kiosk's areas, a folder each: its member pages, its staff pages and its flow (what holds
a visit's steps in that area). Each area has one entry point, ``attach(kit)``; adding an area
touches the list in :mod:`kiosk.ui.assembly` and nothing else."""
