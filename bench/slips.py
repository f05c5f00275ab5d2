"""Slips: build each kind's PDF (80 mm) and hand it to the print system in "pdf" mode.

``python -m bench.slips --runs N`` prints JSON: {kind: {"build": [ms...], "deliver": [ms...]}}.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from kiosk.config import Settings
    from kiosk.numbers import new_number
    from kiosk.services.slip_samples import sample_builders
    from kiosk.slip_options import SlipOptions
    from kiosk.ui.printing import deliver

    options = SlipOptions(paper="80mm")
    out: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-slips-") as folder:
        settings = Settings(data_dir=folder, printer="pdf")  # type: ignore[arg-type]
        first = True
        for kind, build in sample_builders().items():
            builds: list[float] = []
            delivers: list[float] = []
            cold = None
            for run in range(args.runs + 1):
                start = time.perf_counter()
                pdf = build(new_number(), options)
                built = time.perf_counter()
                deliver(settings, pdf, f"bench-{kind}-{run}")
                done = time.perf_counter()
                if run == 0:
                    cold = (built - start) * 1000 if first else None
                    first = False
                    continue  # warm-up (fonts, imports) is reported apart
                builds.append((built - start) * 1000)
                delivers.append((done - built) * 1000)
            out[kind] = {"build": builds, "deliver": delivers, "cold": cold}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
