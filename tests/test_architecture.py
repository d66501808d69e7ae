"""The layers of ARCHITECTURE.md, checked on every run: imports run downward only, Qt stays in ui/."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"
# i18n is the bottom layer (messages are declared in the domain); ui and the composition root on top.
ALLOWED = {
    "i18n": {"i18n"},
    "domain": {"domain", "i18n"},
    "storage": {"storage", "domain", "i18n"},
    "services": {"services", "storage", "domain", "i18n"},
    "reports": {"reports", "services", "storage", "domain", "i18n"},
    "exchange": {"exchange", "reports", "services", "storage", "domain", "i18n"},
    "ui": {"ui", "exchange", "reports", "services", "storage", "domain", "i18n"},
}
QT_FREE = {"i18n", "domain", "storage", "services", "reports", "exchange", "cli"}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_run_downward(layer):
    offending = []
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "desktop_app" and len(parts) > 1 and parts[1] in ALLOWED and parts[1] not in ALLOWED[layer]:
                offending.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offending, "\n".join(offending)


@pytest.mark.parametrize("layer", sorted(QT_FREE))
def test_qt_only_in_ui(layer):
    offending = []
    for path in (PACKAGE / layer).rglob("*.py"):
        if layer == "cli" and path.name == "gui.py":
            continue
        offending += [f"{path.relative_to(PACKAGE)} imports {n}" for n in _imports(path) if n.startswith("PySide6")]
    assert not offending, "\n".join(offending)


def test_modules_stay_focused():
    large = [f"{p.relative_to(PACKAGE)}: {n}" for p in PACKAGE.rglob("*.py")
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > 650]
    assert not large, "split these modules along a seam: " + ", ".join(large)
