"""Imports point down the layers: parse <- extract <- store/index <- ingest/search <- web/cli."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "delibsearch"
LAYER = {"model": 0, "errors": 0, "config": 0, "workers": 0, "identity": 0, "parse": 1, "extract": 2, "store": 3, "migrations": 3, "records": 3, "humans": 3, "corrections": 3, "index": 3,
         "ingest": 4, "search": 4, "archive": 4, "qa": 5, "web": 6, "cli": 7}


def layer_of(module: str) -> int:
    return LAYER[module.split(".")[1]]


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("delibsearch."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("delibsearch.")}
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_higher_layer(path: Path):
    relative = path.relative_to(PACKAGE).with_suffix("")
    own = "delibsearch." + ".".join(relative.parts)
    for target in imports(path):
        assert layer_of(target) <= layer_of(own), f"{own} imports {target}"
