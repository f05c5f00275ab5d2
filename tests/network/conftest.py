"""The network's tests: one database with three centres, each with its own session factory."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data import db
from kiosk.services.centres import CentreService

Factory = sessionmaker[Session]


@pytest.fixture
def centres(engine: Engine, session_factory: Factory) -> dict[str, Factory]:
    """Centre 1 (Aquiles Serdán, the one every database has) and two more, each with its own
    session factory, as each centre's stations would have."""
    service = CentreService(session_factory)
    aldama = service.add("aldama", "CENESO Aldama", "Aldama")
    delicias = service.add("delicias", "CENESO Delicias", "Delicias")
    return {
        "serdan": session_factory,
        "aldama": db.make_session_factory(engine, aldama.id),
        "delicias": db.make_session_factory(engine, delicias.id),
    }
