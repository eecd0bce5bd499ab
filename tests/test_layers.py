"""The layers keep to their rules (docs/architecture.md): who may import whom, and SQL
only in the store."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "crossbrief"

# Layer → the crossbrief layers it must not import.
FORBIDDEN = {
    "stages": {"store", "pipeline", "cli", "web", "render", "evaluation"},
    "store": {"stages", "pipeline", "cli", "web", "render", "evaluation"},
    "render": {"store", "pipeline", "stages", "cli", "web", "evaluation"},
    "pipeline": {"cli", "web", "render", "evaluation"},
    "cli": {"stages"},  # verbs call pipeline/ (serve starts the web app)
    "web": {"stages", "cli", "evaluation"},
    "evaluation": {"cli", "web", "store"},
}
SQL = re.compile(r"\.execute(many|script)?\(|\b(SELECT [\w*]|INSERT (OR \w+ )?INTO|UPDATE \w+ SET|DELETE FROM)\b")


def layer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def imported_layers(path: Path) -> set[tuple[str, int]]:
    """The crossbrief layers (top-level modules or packages) a module imports, with the line
    of each import; relative imports resolved against the module's package."""
    package = list(path.relative_to(PACKAGE).parts[:-1])  # folders below crossbrief/
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name.split(".")[1:] for alias in node.names if alias.name.startswith("crossbrief.")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            name = node.module or ""
            modules = [name.split(".")[1:]] if name.startswith("crossbrief.") else []
            if name == "crossbrief":
                modules = [[alias.name] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - (node.level - 1)]
            modules = (
                [[*base, *node.module.split(".")]] if node.module else [[*base, alias.name] for alias in node.names]
            )
        else:
            continue
        found.update((module[0], node.lineno) for module in modules if module)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_import_only_what_their_rule_allows(path):
    forbidden = FORBIDDEN.get(layer_of(path), set())
    wrong = sorted((layer, line) for layer, line in imported_layers(path) if layer in forbidden)
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {wrong} (rules in docs/architecture.md)"


def test_layers_sql_only_in_the_store():
    outside = [
        f"{p.relative_to(PACKAGE)}:{n}"
        for p in MODULES
        if layer_of(p) != "store"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert not outside, f"SQL outside crossbrief/store/: {outside}"


def test_layers_rules_see_real_imports():
    # The checker itself: it must see both absolute and relative imports of a layer.
    stories = imported_layers(PACKAGE / "pipeline" / "stories.py")
    assert {"store", "stages"} <= {layer for layer, _ in stories}
    main = imported_layers(PACKAGE / "cli" / "main.py")
    assert "pipeline" in {layer for layer, _ in main}
