"""The layout of ``build_tools/`` keeps to the pipeline: each package imports only the packages
above it (the brief's order), ``render`` never imports ``site``, nothing imports ``cli``, there is
no import cycle, no module is over 300 lines, and the README's "How it is built" names every
sub-package.

Imports are read from the source with ``ast`` (imports inside functions included), so the test
needs no import of the code it checks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ..editions import ROOT

PACKAGE = ROOT / "build_tools"
MAX_LINES = 300
#: modules allowed over MAX_LINES: path -> (the most lines allowed, why)
LONG_MODULES: dict[str, tuple[int, str]] = {}

#: what each layer may import (besides itself): the brief's order, top to bottom. ``contrib`` (the
#: contributors' tools) sits beside ``site``: it may use the model and ``render`` but not the
#: site, and only ``cli`` imports it; ``exports`` is built from the model and ``render``, and
#: ``site`` puts its files in the docs folder.
BASE = {"diagnostics", "settings"}
ALLOWED: dict[str, set[str]] = {
    "diagnostics": set(),
    "settings": set(),
    "inputs": {*BASE},
    "sources": {*BASE, "inputs"},
    "editorial": {*BASE, "inputs", "sources"},
    "render": {*BASE, "inputs", "sources", "editorial"},
    "exports": {*BASE, "inputs", "sources", "editorial", "render"},
    "site": {*BASE, "inputs", "sources", "editorial", "render", "exports"},
    "contrib": {*BASE, "inputs", "sources", "editorial", "render"},
    "cli": {*BASE, "inputs", "sources", "editorial", "render", "exports", "site", "contrib"},
    "__main__": {"cli"},
    "__init__": set(),
}
SUBPACKAGES = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> list[str]:
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    if node.level:
        base = package.split(".")
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    names = [f"{target}.{alias.name}" for alias in node.names]
    return [n for n in names if n in MODULES] or [target]


def imports(module: str) -> set[str]:
    """The modules of ``build_tools`` that ``module`` imports, anywhere in its source."""
    path = MODULES[module]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.update(_resolve(module, path, node))
    return {name for name in found if name == "build_tools" or name.startswith("build_tools.")}


def layer(module: str) -> str:
    """``build_tools.render.html`` -> ``render``; ``build_tools.cli`` -> ``cli``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


GRAPH = {module: imports(module) for module in MODULES}


def test_the_layout_is_the_one_the_test_knows() -> None:
    assert set(SUBPACKAGES) | {"diagnostics", "settings", "cli", "__main__"} == {layer(m) for m in MODULES} - {"__init__"}, (
        "a package or top-level module was added: place it in ALLOWED (the brief's order) and the README"
    )


def test_each_package_imports_only_those_above_it() -> None:
    wrong = []
    for module, targets in sorted(GRAPH.items()):
        mine = layer(module)
        for target in sorted(targets):
            theirs = layer(target)
            if theirs != mine and theirs not in ALLOWED[mine] and target != "build_tools":
                wrong.append(f"{module} imports {target} ({mine} may import {', '.join(sorted(ALLOWED[mine])) or 'nothing of build_tools'})")
    assert wrong == []


def test_render_never_imports_site_and_nothing_imports_cli() -> None:
    assert [m for m, t in GRAPH.items() if layer(m) == "render" and any(layer(x) == "site" for x in t)] == []
    assert sorted(m for m, t in GRAPH.items() if "build_tools.cli" in t) == ["build_tools.__main__"]


def test_no_import_cycle() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(GRAPH.get(node, ())):
            if target not in GRAPH:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in GRAPH[node]:
                cycles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert cycles == []


def test_no_module_is_over_300_lines() -> None:
    long = {}
    for path in MODULES.values():
        rel = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        allowed = LONG_MODULES.get(rel, (MAX_LINES, ""))[0]
        if lines > allowed:
            long[rel] = lines
    assert long == {}, f"modules over {MAX_LINES} lines (split them, or list them in LONG_MODULES with the reason)"


def test_every_package_says_what_it_owns_and_must_not_import() -> None:
    for name in SUBPACKAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert len(doc) > 80 and re.search(r"\bimport", doc), f"build_tools/{name}/__init__.py: say what the package owns and what it may import"


def test_readme_how_it_is_built_names_every_sub_package() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## How it is built\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section, "README.md has no section '## How it is built'"
    missing = [name for name in SUBPACKAGES if not re.search(rf"`(build_tools/)?{name}/?`", section.group(1))]
    assert missing == [], f"README's 'How it is built' does not name: {', '.join(missing)}"
