"""The import contracts of pyproject.toml, checked on every run even where import-linter is not installed.

The contracts are read from ``[tool.importlinter]`` so this test and ``lint-imports`` enforce one set of
rules (``tests/test_design_checks.py`` also runs ``lint-imports`` itself). Imports are read from the
source with ``ast``: absolute and relative, at module level and inside functions (lazy imports count too).
"""

from __future__ import annotations

import ast
import itertools
import tomllib
from collections import deque
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop_app"
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute name a ``from … import`` refers to (relative imports resolved against the module)."""
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _imported(module: str, path: Path) -> Iterator[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            for alias in node.names:
                # "from package import module" imports the submodule; "from module import name" the module.
                candidate = f"{target}.{alias.name}"
                yield (candidate if candidate in _modules() else target), node.lineno


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


@cache
def _graph() -> dict[str, dict[str, int]]:
    """Each of our modules -> the modules it imports (ours and third-party), with a line number."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in _modules().items():
        graph[module] = {}
        for name, line in _imported(module, path):
            graph[module].setdefault(name, line)
    return graph


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _chain(source: str, target: str, follow: Callable[[str], bool]) -> list[str] | None:
    """The shortest import chain from ``source`` to ``target``, going on only through modules ``follow`` accepts."""
    graph = _graph()
    came_from: dict[str, str | None] = {source: None}
    queue = deque([source])
    while queue:
        current = queue.popleft()
        for name in graph.get(current, {}):
            if name in came_from:
                continue
            came_from[name] = current
            if _within(name, target):
                chain = [name]
                while (previous := came_from[chain[-1]]) is not None:
                    chain.append(previous)
                return chain[::-1]
            if name in graph and follow(name):
                queue.append(name)
    return None


def _describe(chain: list[str]) -> str:
    graph = _graph()
    return " -> ".join(f"{a} (l.{graph[a][b]})" for a, b in itertools.pairwise(chain)) + f" -> {chain[-1]}"


def _ids(kind: str) -> list:
    return [pytest.param(c, id=c["name"].split(":")[0]) for c in CONTRACTS if c["type"] == kind]


def test_contracts_name_real_modules():
    modules = _modules()
    named = []
    for contract in CONTRACTS:
        for layer in contract.get("layers", []):
            named += [part.strip() for part in layer.replace(":", "|").split("|")]
        named += contract.get("source_modules", [])
        named += [m for m in contract.get("forbidden_modules", []) if m.startswith("desktop_app")]
    assert [m for m in named if m not in modules] == []


@pytest.mark.parametrize("contract", _ids("layers"))
def test_layers_import_downward_only(contract):
    """A module imports nothing from a layer above its own, even through modules outside the layers."""
    layers = [[part.strip() for part in layer.replace(":", "|").split("|")] for layer in contract["layers"]]
    layered = [package for layer in layers for package in layer]
    graph = _graph()
    offending = []
    for level, layer in enumerate(layers):
        above = [p for upper in layers[:level] for p in upper]
        independent = ":" not in contract["layers"][level]
        for package in layer:
            forbidden = above + ([p for p in layer if p != package] if independent else [])
            for module in (m for m in graph if _within(m, package)):
                for target in forbidden:
                    # Indirect chains are followed only through modules that belong to no layer: a chain
                    # through a layered module breaks the rule at a direct import, reported there.
                    chain = _chain(module, target, lambda name: not any(_within(name, p) for p in layered))
                    if chain:
                        offending.append(_describe(chain))
    assert not offending, "\n".join(sorted(set(offending)))


@pytest.mark.parametrize("contract", _ids("forbidden"))
def test_forbidden_imports(contract):
    indirect = not contract.get("allow_indirect_imports", False)
    graph = _graph()
    offending = []
    for package in contract["source_modules"]:
        for module in (m for m in graph if _within(m, package)):
            for forbidden in contract["forbidden_modules"]:
                chain = _chain(module, forbidden, lambda name: indirect)
                if chain:
                    offending.append(_describe(chain))
    assert not offending, "\n".join(sorted(set(offending)))


def test_relative_imports_are_resolved():
    """The checks above would miss ``from ..storage import models`` if relative imports were skipped."""
    path = PACKAGE / "ui" / "recognition" / "editor.py"
    node = ast.parse("from ..storage import models", filename=str(path)).body[0]
    assert isinstance(node, ast.ImportFrom)
    assert _resolve("desktop_app.ui.recognition.editor", path, node) == "desktop_app.ui.storage"
    node = ast.parse("from ...storage.models import University").body[0]
    assert isinstance(node, ast.ImportFrom)
    assert _resolve("desktop_app.ui.recognition.editor", path, node) == "desktop_app.storage.models"
    init = PACKAGE / "ui" / "__init__.py"
    node = ast.parse("from . import core").body[0]
    assert isinstance(node, ast.ImportFrom)
    assert _resolve("desktop_app.ui", init, node) == "desktop_app.ui"


def test_modules_stay_focused():
    large = [f"{p.relative_to(PACKAGE)}: {n}" for p in PACKAGE.rglob("*.py")
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > 650]
    assert not large, "split these modules along a seam: " + ", ".join(large)
