"""What Neo4j does for a named query: the operators of its plan, and the rows it reads
(db hits). Counts, not times: a query whose reads grow with parts of the map its answer does
not include is found at any machine speed."""

from __future__ import annotations

from typing import Any

from ecosystem import Ecosystem
from ecosystem.db import queries


def plan_operators(eco: Ecosystem, name: str, **params: Any) -> list[str]:
    """The operators of the plan Neo4j makes for a named query now, planned afresh for the
    map as it is (a query is planned once and the plan kept while the map grows)."""
    with eco.graph.driver.session(database=eco.graph.database) as s:
        plan = s.run("CYPHER replan=force EXPLAIN " + queries.load(name), params).consume().plan
    ops: list[str] = []

    def walk(p: Any) -> None:
        ops.append(p["operatorType"].split("@")[0])
        for child in p.get("children", []):
            walk(child)

    walk(plan)
    return ops


def db_hits(eco: Ecosystem, name: str, **params: Any) -> int:
    """The database reads of one run of a named query (PROFILE), planned afresh."""
    with eco.graph.driver.session(database=eco.graph.database) as s:
        result = s.run("CYPHER replan=force PROFILE " + queries.load(name), params)
        list(result)
        profile = result.consume().profile

    def total(p: Any) -> int:
        return int(p.get("dbHits", 0)) + sum(total(c) for c in p.get("children", []))

    return total(profile)
