"""Opening the process's one driver: to NEO4J_URI when set, else to the managed local server."""

from __future__ import annotations

from typing import Any

from neo4j import GraphDatabase

from ecosystem.config import Settings
from ecosystem.db.graph import DatabaseUnavailable, Graph
from ecosystem.db.server import ManagedServer


def resolve_connection(settings: Settings, start: bool = False) -> tuple[str, tuple[str, str]]:
    """URI and auth: the environment's if NEO4J_URI is set, else the managed server's."""
    if settings.neo4j_uri:
        return settings.neo4j_uri, (settings.neo4j_user, settings.neo4j_password or "")
    server = ManagedServer.from_settings(settings)
    if start:
        server.start()
    elif not server.status().running:
        raise DatabaseUnavailable(
            "Neo4j is not running. Start the local server with `ecosystem db start`, "
            "or set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to use another one."
        )
    return server.uri, ("neo4j", server.password())


def connect(settings: Settings, start: bool = False, **options: Any) -> Graph:
    """The process's one driver. `options` are driver settings (retry and timeouts)."""
    uri, auth = resolve_connection(settings, start=start)
    config: dict[str, Any] = {
        "max_connection_pool_size": 50,
        # Server notifications (e.g. "property key does not exist" for an optional field
        # no row has yet) are for query authors, not for the people using the tool.
        "notifications_min_severity": "OFF",
    }
    config.update(options)
    return Graph(GraphDatabase.driver(uri, auth=auth, **config), settings.neo4j_database)
