"""A large HSDS directory imported as staff would: ``python -m bench.hsds FOLDER`` writes a file
of 2 841 services (the standard's full service example, each with its own identifiers: about
50 MB), imports it into a new database in FOLDER with the kiosk's own command, and prints the
import's seconds and its peak RSS (KiB) as JSON."""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
import uuid
from functools import partial
from pathlib import Path

SERVICES = 2_841
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def example() -> Path:
    """The standard's full service example, read where the project's data lies."""
    here = Path(__file__).resolve().parent
    for folder in (here, *here.parents):
        found = folder / "shared" / "data" / "hsds-3.0" / "examples" / "service_full.json"
        if found.is_file():
            return found
    raise FileNotFoundError("shared/data/hsds-3.0/examples/service_full.json")


def write_directory(path: Path, count: int = SERVICES) -> None:
    text = example().read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for index in range(count):
            entry = json.loads(_UUID.sub(partial(_own_id, index), text))
            entry["name"] = f"{entry['name']} {index + 1}"
            out.write(("," if index else "") + json.dumps(entry))
        out.write("]")


def _own_id(index: int, found: re.Match[str]) -> str:
    """The example's identifier, made the ``index``-th copy's own."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{found[0]}-{index}"))


def main() -> int:
    folder = Path(sys.argv[1])
    source = folder / "directory.json"
    write_directory(source)
    kiosk = [sys.executable, "-m", "kiosk"]
    subprocess.run([*kiosk, "db", "upgrade"], check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run([*kiosk, "import-hsds", str(source)], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    size = source.stat().st_size
    print(json.dumps({"seconds": seconds, "rss_kib": peak, "bytes": size, "services": SERVICES}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
