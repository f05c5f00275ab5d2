"""The ``kiosk`` command line, by command group: the parser (a table), the database chores,
the data exchanges, the desk's chores and the station. ``kiosk.__main__`` runs it."""
