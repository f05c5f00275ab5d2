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


def test_every_logger_is_an_area_of_the_table() -> None:
    """Logs are read by area (``kiosk.<area>``): each module names its logger from the one
    table, so the camera's lines are not filed under trade, nor the HSDS import's under
    programs."""
    from kiosk.logs import AREAS, ROOT

    for path in KIOSK.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            where = f"{path.relative_to(KIOSK)}:{node.lineno}"
            if name == "logging.getLogger" and path.name != "logs.py":
                assert ast.unparse(node.args[0]) == "ROOT", f"{where} names its logger by hand"
            elif name == "area_logger":
                area = ast.literal_eval(node.args[0])
                assert area in AREAS, f"{where}: {area!r} is not in the table"
    assert ROOT == "kiosk"
