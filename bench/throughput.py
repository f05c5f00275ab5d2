"""Sign-ups per second: many members, one big session, each sign_up its own transaction.

``python -m bench.throughput URL --members N`` prints JSON {"per_s": ..., "n": ..., "s": ...}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--members", type=int, default=2000)
    args = parser.parse_args()
    from kiosk.data import db
    from kiosk.data.models import Member, utcnow
    from kiosk.services.trainings import TrainingService

    engine = db.make_engine(args.url)
    db.migrate(engine)
    factory = db.make_session_factory(engine)
    service = TrainingService(factory, childcare_capacity=15)
    with factory.begin() as s:
        members = [
            Member(name=f"Socia {i}", phone=f"6{i:09d}", locality="Centro")
            for i in range(args.members)
        ]
        s.add_all(members)
        s.flush()
        ids = [m.id for m in members]
    training = service.create_training("Panadería para el negocio", "panaderia")
    starts = utcnow() + timedelta(days=7)
    session = service.add_session(training.id, starts, starts + timedelta(hours=2), "Aula 1", 200)
    begin = time.perf_counter()
    for member_id in ids:
        service.sign_up(member_id, session.id)  # seats first, then the waiting list
    elapsed = time.perf_counter() - begin
    engine.dispose()
    print(json.dumps({"per_s": len(ids) / elapsed, "n": len(ids), "s": elapsed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
