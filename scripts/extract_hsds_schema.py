"""Copy the Open Referral HSDS 3.0 JSON schema files into the kiosk's package.

Usage::

    git clone https://github.com/openreferral/specification /tmp/specification
    python scripts/extract_hsds_schema.py /tmp/specification

The checkout (or a folder laid out like it) must hold ``schema/*.json`` and ``LICENSE``. Every
``schema/*.json`` file is copied unchanged into kiosk/data/hsds_schema/, files of an older copy
that the standard no longer has are deleted, and the standard's LICENSE is copied beside them.
The README.md there (attribution) is the kiosk's own and is left as it is.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "kiosk" / "data" / "hsds_schema"


class Failure(Exception):
    """A problem reported to the user as one sentence, without a traceback."""


def extract(checkout: Path, out_dir: Path = SCHEMA_DIR) -> list[str]:
    schema = checkout / "schema"
    sources = sorted(schema.glob("*.json"))
    if not (schema / "service.json").is_file():
        raise Failure(f"{schema} has no service.json; give the folder of an HSDS checkout.")
    licence = checkout / "LICENSE"
    if not licence.is_file():
        raise Failure(f"{licence} is missing; the schema is not copied without its licence.")
    for source in sources:
        try:
            json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise Failure(f"{source} is not a JSON file that can be read.") from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {source.name for source in sources}
    for old in out_dir.glob("*.json"):
        if old.name not in names:
            old.unlink()
    for source in sources:
        shutil.copyfile(source, out_dir / source.name)
    shutil.copyfile(licence, out_dir / "LICENSE")
    return sorted(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="the HSDS specification checkout")
    parser.add_argument("--out", type=Path, default=SCHEMA_DIR, help="where to copy the files")
    args = parser.parse_args(argv)
    try:
        names = extract(args.checkout, args.out)
    except Failure as exc:
        print(f"extract_hsds_schema: {exc}", file=sys.stderr)
        return 1
    print(f"Copied {len(names)} schema files and LICENSE to {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
