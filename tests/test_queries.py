"""Every Cypher file is used, every name used exists, and no Cypher lives in Python files."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

from ecosystem.db import queries

pytestmark = pytest.mark.no_neo4j

ROOT = Path(__file__).resolve().parent.parent
CODE = [p for d in ("ecosystem", "web", "bench") for p in (ROOT / d).rglob("*.py")]
NAME = re.compile(r"^[a-z_]+(/[a-z0-9_]+)+$")


@functools.cache
def _tree(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_text(), str(path))
    except SystemError:  # CPython 3.11's "AST constructor recursion depth mismatch": once more
        return ast.parse(path.read_text(), str(path))


def _string_constants(expand_fstrings: bool = True) -> set[str]:
    """String literals in the code; f"prefix/{x}" counts as prefix + each literal of its file."""
    found: set[str] = set()
    for path in CODE:
        tree = _tree(path)
        consts = {n.value for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        found |= consts
        for node in ast.walk(tree) if expand_fstrings else ():
            if isinstance(node, ast.JoinedStr) and len(node.values) == 2:
                head, tail = node.values
                if (isinstance(head, ast.Constant) and isinstance(head.value, str)
                        and head.value.endswith("/") and isinstance(tail, ast.FormattedValue)):
                    found |= {head.value + c for c in consts}
    return found


def test_every_cypher_file_is_used() -> None:
    used = _string_constants()
    from ecosystem.importers.schema import ENTITIES  # f"importing/{name}" in load.py

    used |= {f"importing/{e.name}" for e in ENTITIES}
    unused = sorted(n for n in queries.all_names() if n not in used)
    assert unused == [], f"Cypher files no code loads: {unused}"


def test_every_query_name_in_code_exists() -> None:
    names = {s for s in _string_constants(expand_fstrings=False) if NAME.match(s)
             and s.split("/")[0] in {p.name for p in (ROOT / "cypher").iterdir() if p.is_dir()}}
    missing = sorted(n for n in names if n not in queries.all_names())
    assert missing == [], f"queries named in code but not in cypher/: {missing}"


def test_no_cypher_text_in_python() -> None:
    pattern = re.compile(r"\b(MATCH|MERGE|UNWIND|CREATE|DETACH DELETE)\s*\(")
    offenders = [str(p.relative_to(ROOT)) for p in CODE if pattern.search(p.read_text())]
    assert offenders == []


def test_queries_are_parameterised_not_formatted() -> None:
    # Query text is passed to the driver as loaded; nothing formats it.
    for name in queries.all_names():
        text = queries.load(name)
        assert "{0}" not in text and "%s" not in text, name


def test_unknown_query_name_is_an_error() -> None:
    import pytest

    with pytest.raises(queries.UnknownQuery):
        queries.load("no/such_query")
