"""The dependency rule of docs/architecture.md, checked by reading every import.

    cli, web  ->  core  ->  features  ->  db, vocabulary, config, secure, dates

Nothing imports a layer above its own, and the feature packages do not import each other in
a cycle. Imports inside functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.no_neo4j

ROOT = Path(__file__).resolve().parent.parent

FRONT = {"cli", "web"}
CORE = {"core", "facade", "__init__"}  # facade: the core object's methods, by group
BASE = {"db", "vocabulary", "config", "secure", "dates"}
LAYER = {"front": 3, "core": 2, "feature": 1, "base": 0}


def unit_of(module: str) -> str:
    """`ecosystem.analyses.options` -> `analyses`; `web.blueprints.home` -> `web`."""
    parts = module.split(".")
    if parts[0] == "web":
        return "web"
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def layer_of(unit: str) -> str:
    if unit in FRONT:
        return "front"
    if unit in CORE:
        return "core"
    if unit in BASE:
        return "base"
    return "feature"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def is_module(name: str) -> bool:
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def imports(path: Path) -> set[str]:
    """The ecosystem and web modules `path` imports, resolved to module names."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for a in node.names:  # `from ecosystem import vocabulary` imports a module
                sub = f"{mod}.{a.name}"
                found.add(sub if is_module(sub) else mod)
    return {m for m in found if m.split(".")[0] in ("ecosystem", "web")}


def sources() -> list[Path]:
    return sorted([*ROOT.joinpath("ecosystem").rglob("*.py"), *ROOT.joinpath("web").rglob("*.py")])


def edges() -> list[tuple[str, str, str]]:
    """(file, importing unit, imported unit) for every import between different units."""
    out = []
    for path in sources():
        me = unit_of(module_name(path))
        for mod in imports(path):
            other = unit_of(mod)
            if other != me:
                out.append((str(path.relative_to(ROOT)), me, other))
    return out


def test_the_checker_reads_imports() -> None:
    # Guard against a checker that passes because it found nothing to check.
    found = edges()
    assert len(found) > 50
    assert ("ecosystem/core.py", "core", "db") in found


def test_nothing_imports_a_layer_above_its_own() -> None:
    wrong = [f"{f}: {a} ({layer_of(a)}) imports {b} ({layer_of(b)})"
             for f, a, b in edges()
             if LAYER[layer_of(b)] > LAYER[layer_of(a)]
             # the CLI's `serve` starts the web app: one front end starting the other
             and not (a == "cli" and b == "web")]
    assert not wrong, "\n".join(wrong)


def test_features_reach_the_core_object_only_through_their_callers() -> None:
    # `from ecosystem import Settings` in a feature would load the core package __init__,
    # which imports the core object: features import ecosystem.config instead.
    wrong = [f"{f} imports the ecosystem package root" for f, a, b in edges()
             if layer_of(a) in ("feature", "base") and b == "__init__"]
    assert not wrong, "\n".join(wrong)


def test_feature_packages_form_no_cycle() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for _f, a, b in edges():
        if layer_of(a) == layer_of(b) == "feature":
            graph[a].add(b)

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    return [*path, start]
                if nxt not in path:
                    stack.append((nxt, [*path, nxt]))
        return None

    cycles = [c for c in (cycle_from(u) for u in list(graph)) if c]
    assert not cycles, " ; ".join(" -> ".join(c) for c in cycles)


def test_base_layer_imports_nothing_above_it() -> None:
    # vocabulary, secure and dates stand alone; config may use secure; db may use the rest.
    wrong = [f"{f}: {a} imports {b}" for f, a, b in edges()
             if (a in ("vocabulary", "secure", "dates") and b != a)
             or (a == "config" and b not in ("config", "secure"))]
    assert not wrong, "\n".join(wrong)
