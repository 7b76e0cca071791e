"""Cypher queries, loaded by name from the `cypher` package folder.

A query's name is its path below `cypher/` without the suffix, e.g. `schema/constraints` or
`analyses/overlaps_catalogue`. Every query takes `$parameters` only.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.abc import Traversable

SUFFIX = ".cypher"


class UnknownQuery(KeyError):
    pass


def _root() -> Traversable:
    return resources.files("cypher")


@cache
def load(name: str) -> str:
    """Return the text of query `name`; raise UnknownQuery if there is no such file."""
    if name not in all_names():
        raise UnknownQuery(f"no Cypher query named {name!r} in cypher/")
    path = _root().joinpath(*(name + SUFFIX).split("/"))
    return path.read_text(encoding="utf-8")


@cache
def all_names() -> frozenset[str]:
    names: set[str] = set()

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(SUFFIX):
                names.add(prefix + child.name[: -len(SUFFIX)])

    walk(_root(), "")
    return frozenset(names)


def statements(name: str) -> list[str]:
    """Split a multi-statement file (schema) on `;` at line ends."""
    text = load(name)
    parts = [p.strip() for p in text.split(";\n")]
    return [p.rstrip(";").strip() for p in parts if _has_code(p)]


def _has_code(text: str) -> bool:
    return any(line.strip() and not line.strip().startswith("//") for line in text.splitlines())
