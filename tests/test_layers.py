"""The rooms of the code keep their doors: data, services and vouchers never import Qt; the
screens never import the database library, the data layer or the slips (services issue the
slips and hand the screens what to print); the slips never import the services or the data
(the services fill them). And no module of the kiosk imports itself back through others.

Every ``import`` counts, wherever it is written (inside a function, under TYPE_CHECKING): an
import hidden in a function is still an arrow between the rooms."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"


def module_name(path: Path, root: Path = KIOSK) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = KIOSK) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


@cache
def imported(path: Path, name: str) -> frozenset[str]:
    """Every name ``path`` (module ``name``) imports, relative imports made absolute; for
    ``from a import b`` both ``a`` and ``a.b`` (``b`` may be a module or a name in ``a``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return frozenset(names)


def import_graph(root: Path = KIOSK) -> dict[str, set[str]]:
    """Module -> the kiosk modules it imports (each name mapped to the longest module it
    names: ``kiosk.ui.widgets.tile.BigTile`` -> ``kiosk.ui.widgets.tile``)."""
    known = modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        targets: set[str] = set()
        for imported_name in imported(path, name):
            parts = imported_name.split(".")
            for end in range(len(parts), 0, -1):
                candidate = ".".join(parts[:end])
                if candidate in known:
                    if candidate != name:
                        targets.add(candidate)
                    break
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def in_room(name: str, room: str) -> bool:
    return name == room or name.startswith(room + ".")


def violations(room: str, forbidden: tuple[str, ...], root: Path = KIOSK) -> Iterator[str]:
    """``module imports name`` for each import of a ``room`` module that reaches a forbidden
    package (a top-level package like ``PySide6``, or a kiosk package like ``kiosk.data``)."""
    for name, path in modules(root).items():
        if not in_room(name, f"{root.name}.{room}"):
            continue
        for imported_name in sorted(imported(path, name)):
            if any(in_room(imported_name, bad) for bad in forbidden):
                yield f"{name} imports {imported_name}"


RULES = {
    "data": ("PySide6",),
    "services": ("PySide6",),
    "vouchers": ("PySide6", "kiosk.services", "kiosk.data"),
    "ui": ("sqlalchemy", "kiosk.data", "kiosk.vouchers"),
}


@pytest.mark.parametrize("room", sorted(RULES))
def test_each_room_keeps_its_doors(room: str) -> None:
    bad = list(violations(room, RULES[room]))
    assert not bad, "\n".join(bad)


def test_no_module_imports_itself_back() -> None:
    found = cycles(import_graph())
    assert not found, "import circles: " + "; ".join(" <-> ".join(group) for group in found)


# --- the checks themselves catch what they are for ---------------------------------------------


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "kiosk" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "kiosk"


def test_an_import_inside_a_function_counts(tmp_path: Path) -> None:
    kiosk = write(
        tmp_path,
        {
            "__init__.py": "",
            "ui/__init__.py": "",
            "ui/page.py": "def slip():\n    from kiosk.vouchers import kinds\n",
            "vouchers/__init__.py": "",
            "vouchers/kinds.py": "",
        },
    )
    assert list(violations("ui", RULES["ui"], kiosk)) == [
        "kiosk.ui.page imports kiosk.vouchers",
        "kiosk.ui.page imports kiosk.vouchers.kinds",
    ]


def test_a_circle_through_relative_and_hidden_imports_is_found(tmp_path: Path) -> None:
    kiosk = write(
        tmp_path,
        {
            "__init__.py": "",
            "services/__init__.py": "",
            "services/reports.py": "from ..vouchers.report import report_pdf\n",
            "vouchers/__init__.py": "",
            "vouchers/report.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from kiosk.services import reports\n"
            ),
            "vouchers/words.py": "from . import report\n",
        },
    )
    graph = import_graph(kiosk)
    assert graph["kiosk.vouchers.words"] == {"kiosk.vouchers", "kiosk.vouchers.report"}
    assert cycles(graph) == [["kiosk.services.reports", "kiosk.vouchers.report"]]
    assert list(violations("vouchers", RULES["vouchers"], kiosk)) == [
        "kiosk.vouchers.report imports kiosk.services",
        "kiosk.vouchers.report imports kiosk.services.reports",
    ]


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
