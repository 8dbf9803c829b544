"""The code's shape, checked: every page lives in ``advocacy.web``, and the capability packages (plain
services the pages, the CLI and the tests all call) never reach up into the web layer. A newcomer looking for
the seconder page finds it where the letter page is."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "advocacy"
# The web layer itself, the app factory's neighbours, and tooling that starts servers.
NOT_CAPABILITIES = {"web", "migrations", "devtools", "__pycache__"}
CAPABILITIES = sorted(p for p in PACKAGE.iterdir() if p.is_dir() and p.name not in NOT_CAPABILITIES
                      and (p / "__init__.py").exists())


def _absolute(module: str | None, level: int, source: Path) -> str:
    """The absolute dotted name an import statement in ``source`` refers to."""
    if level == 0:
        return module or ""
    parts = list(source.relative_to(PACKAGE.parent).with_suffix("").parts)
    base = parts[:-level]  # a module's own package is one level up from the module
    return ".".join(base + ([module] if module else []))


def _imports(source: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(node.module, node.level, source)
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def _defines_pages(source: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Blueprint":
            lines.append(node.lineno)
    return lines


def test_the_capability_packages_are_found():
    names = {p.name for p in CAPABILITIES}
    assert {"letters", "motions", "seconders", "sending", "spread", "staff", "evidence", "councilrules"} <= names


@pytest.mark.parametrize("package", CAPABILITIES, ids=lambda p: p.name)
def test_capability_packages_never_import_the_web_layer(package: Path):
    offending = [f"{source.relative_to(PACKAGE.parent)}:{line} imports {name}"
                 for source in sorted(package.rglob("*.py"))
                 for line, name in _imports(source)
                 if name == "advocacy.web" or name.startswith("advocacy.web.")]
    assert offending == [], "move the code that needs the web layer into advocacy/web/:\n" + "\n".join(offending)


@pytest.mark.parametrize("package", CAPABILITIES, ids=lambda p: p.name)
def test_every_page_lives_in_the_web_package(package: Path):
    offending = [f"{source.relative_to(PACKAGE.parent)}:{line}"
                 for source in sorted(package.rglob("*.py")) for line in _defines_pages(source)]
    assert offending == [], "blueprints belong in advocacy/web/ (staff pages in advocacy/web/staff/): " + ", ".join(offending)


def test_the_checks_see_a_relative_import_of_the_web_layer(tmp_path):
    # The import check resolves "from ..web.limits import x" written inside a capability package.
    source = PACKAGE / "spread" / "progress.py"
    assert _absolute("web.limits", 2, source) == "advocacy.web.limits"
    assert _absolute("cache", 2, source) == "advocacy.cache"
