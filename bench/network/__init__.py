"""The network's load run (issue 21): centres × kiosks on one PostgreSQL server.

:mod:`bench.network.seed` fills the database (centres, women, children, courses, a year of
activity), :mod:`bench.network.run` starts the kiosks (``python -m bench.network.kiosk``, each
kiosk its own sequence of operations on its own connection through the kiosk's services),
:mod:`bench.network.checks` asks the database afterwards that nothing crossed between centres.
``python -m bench.network`` does all three and prints the figures; the test
``tests/reliability/test_network_load.py`` runs a smaller size of the same."""
