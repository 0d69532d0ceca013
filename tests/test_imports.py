"""Every module of kotacerdas imports, and no two import each other, even through others.

The graph of imports is read from each module's source (its top-level imports and the
imports inside its functions alike), so that an import moved into a function cannot hide
a cycle.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "server")  # the folders the installed package `kotacerdas` is made of


def modules() -> dict[str, Path]:
    """kotacerdas module name -> source file."""
    found = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found["kotacerdas." + ".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The kotacerdas modules `name` imports, wherever in the module the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from package import module` imports the module; `from module import name`,
            # the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            # `import a.b.c` runs a, a.b and a.b.c; the edge that matters is to the module.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph:
    known = modules()
    graph = nx.DiGraph()
    for name, path in known.items():
        graph.add_node(name)
        for target in imported(name, path, set(known)):
            # A package's __init__ is run by importing any of its modules: not a real edge
            # unless the module is the package itself.
            graph.add_edge(name, target)
    return graph


def test_every_module_imports() -> None:
    for name in modules():
        importlib.import_module(name)


def test_no_import_cycles() -> None:
    graph = import_graph()
    cycles = sorted(" -> ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(graph))
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_graph_sees_imports_inside_functions(tmp_path: Path) -> None:
    """The check reads function-level imports: a cycle hidden in a function is found."""
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("import kotacerdas.b\n", encoding="utf-8")
    b.write_text("def f():\n    from kotacerdas import a\n", encoding="utf-8")
    known = {"kotacerdas.a", "kotacerdas.b"}
    assert imported("kotacerdas.a", a, known) == {"kotacerdas.b"}
    assert imported("kotacerdas.b", b, known) == {"kotacerdas.a"}
