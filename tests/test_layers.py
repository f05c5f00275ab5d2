"""The rooms of the code keep their doors: data, services and vouchers never import Qt; the
screens never import the database library or the data layer (they go through services)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("room", ["data", "services", "vouchers"])
def test_rules_and_slips_never_import_qt(room: str) -> None:
    for path in (KIOSK / room).rglob("*.py"):
        bad = {n for n in imported(path) if n.split(".")[0] == "PySide6"}
        assert not bad, f"{path.relative_to(KIOSK)} imports {bad}"


def test_screens_never_reach_the_database() -> None:
    for path in (KIOSK / "ui").rglob("*.py"):
        bad = {
            n
            for n in imported(path)
            if n.split(".")[0] == "sqlalchemy" or n == "kiosk.data" or n.startswith("kiosk.data.")
        }
        assert not bad, f"{path.relative_to(KIOSK)} imports {bad}"
