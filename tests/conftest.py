"""Shared fixtures. Every test that touches the graph runs against a real Neo4j.

Neo4j is found in this order: NEO4J_URI from the environment; a throwaway container when a
Docker engine answers (testcontainers); else the local server the project manages, with its
own data folder (`.data/test`) so tests never touch the data you work with.
If none can be had, the tests that need it fail with the reason: they never skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecosystem import Ecosystem, Settings
from ecosystem.graph import Graph
from ecosystem.server import ManagedServer

ROOT = Path(__file__).resolve().parent.parent
TEST_KEY = "test-pseudonym-key-not-secret"


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    data_dir = tmp_path_factory.mktemp("data")
    base = {"ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY, "ECOSYSTEM_DATA_DIR": str(data_dir)}
    if os.environ.get("NEO4J_URI"):
        env = {k: v for k, v in os.environ.items() if k.startswith("NEO4J_")}
        yield Settings.from_env({**env, **base})
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community", password="test-password") as c:
            env = {"NEO4J_URI": c.get_connection_url(), "NEO4J_USER": "neo4j",
                   "NEO4J_PASSWORD": "test-password"}
            yield Settings.from_env({**env, **base})
        return
    server = ManagedServer(Path(os.environ.get("ECOSYSTEM_TEST_DATA_DIR", ROOT / ".data" / "test")))
    started_here = not server.status().running
    try:
        uri = server.start()
    except Exception as e:  # the reason goes into every test that needed the database
        pytest.fail(f"no Neo4j for the tests: {e}", pytrace=False)
    env = {"NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password()}
    yield Settings.from_env({**env, **base})
    if started_here and not os.environ.get("ECOSYSTEM_KEEP_TEST_NEO4J"):
        server.stop(wait=False)


@pytest.fixture(scope="session")
def session_eco(neo4j_settings: Settings) -> Iterator[Ecosystem]:
    eco = Ecosystem(neo4j_settings, Graph.connect(neo4j_settings))
    eco.graph.ping()
    eco.clear()
    eco.init()
    yield eco
    eco.close()


@pytest.fixture
def eco(session_eco: Ecosystem) -> Ecosystem:
    """The core object on an empty graph (schema and reference data only)."""
    session_eco.clear()
    session_eco.init()
    return session_eco


@pytest.fixture
def graph(eco: Ecosystem) -> Graph:
    return eco.graph
