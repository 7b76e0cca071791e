"""Read routing: the tool through a `neo4j://` URI (a routing driver, as for a cluster or Aura)
with a named database, against the test server (a single Community server answers the
routing scheme with a routing table of its own). See docs/performance.md, "Past one machine".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_AREA, TEST_KEY
from neo4j import RoutingControl
from neo4j.exceptions import ClientError

from ecosystem import Ecosystem, Settings
from ecosystem.cli import cli
from ecosystem.db.connect import connect

DATABASE = "neo4j"  # Community's one database, named rather than left to the server's default


def _routing_uri(uri: str) -> str:
    """The same host and port through the routing scheme (bolt+s:// becomes neo4j+s://)."""
    scheme, rest = uri.split("://", 1)
    return scheme.replace("bolt", "neo4j") + "://" + rest


@pytest.fixture
def routed(eco: Ecosystem) -> Iterator[Ecosystem]:
    """A second core object on the emptied test graph, through a routing driver."""
    settings = replace(eco.settings, neo4j_uri=_routing_uri(eco.settings.neo4j_uri or ""),
                       neo4j_database=DATABASE)
    assert settings.neo4j_uri and settings.neo4j_uri.startswith("neo4j")
    routed = Ecosystem(settings, connect(settings))
    yield routed
    routed.close()


def test_reads_and_writes_work_through_a_routing_uri_and_a_named_database(
        routed: Ecosystem) -> None:
    routed.ping()
    assert routed.graph.database == DATABASE
    report = routed.import_tables(SMALL_AREA)  # writes: execute_write on the writer
    assert report.ok, [i.message for i in report.issues]
    names = {row.name for row in routed.service_list()}  # reads: execute_read
    assert names == {s["name"] for s in SMALL_AREA["services"]}


def test_the_routing_table_names_the_server_for_reads(routed: Ecosystem) -> None:
    """What the driver fetches to route: the server's routing table for the named database
    lists this server among the readers (on a cluster: the followers and read replicas)."""
    uri = routed.settings.neo4j_uri or ""
    address = uri.split("://", 1)[1].split("/", 1)[0]
    port = address.rsplit(":", 1)[1]
    # The routing context the driver sends: the address it was given (a single server
    # answers with that address; a cluster with its members' advertised addresses).
    records, _, _ = routed.graph.driver.execute_query(
        "CALL dbms.routing.getRoutingTable({address: $address}, $db) YIELD servers "
        "RETURN servers", address=address, db=DATABASE, database_=DATABASE,
        routing_=RoutingControl.READ)
    roles = {s["role"]: s["addresses"] for s in records[0]["servers"]}
    assert {"READ", "WRITE", "ROUTE"} <= set(roles)
    assert any(a.endswith(":" + port) for a in roles["READ"]), roles
    assert roles["WRITE"] == roles["READ"]  # one server: it is also the writer


def test_graph_read_runs_in_a_read_transaction(routed: Ecosystem) -> None:
    """A write sent through `Graph.read` is refused by the server: reads are sent as reads,
    so on a cluster they may go to a follower or read replica."""
    with pytest.raises(ClientError) as refused:
        routed.graph.read("settings/set", setting="routing-test", value="x", actor="test")
    assert "AccessMode" in (refused.value.code or ""), refused.value.code
    assert routed.graph.read("settings/get", setting="routing-test") == [{"value": None}]


def test_an_unknown_database_is_a_message_naming_it(eco: Ecosystem, tmp_path: Path) -> None:
    env = {"NEO4J_URI": _routing_uri(eco.settings.neo4j_uri or ""), "NEO4J_USER": "neo4j",
           "NEO4J_PASSWORD": eco.settings.neo4j_password or "",
           "NEO4J_DATABASE": "no-such-area", "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY,
           "ECOSYSTEM_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["users", "list"], env=env)
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, ClientError), result.exception
    assert "no-such-area" in result.output
    assert "NEO4J_DATABASE" in result.output
    assert "Traceback" not in result.output
    assert Settings.from_env(env).neo4j_database == "no-such-area"


def test_a_read_after_a_write_waits_for_it(routed: Ecosystem) -> None:
    """Every session of the process shares one bookmark manager: after a write, the next
    session (a read, perhaps on a follower that is behind) carries the write's bookmark, so the
    page after an edit shows the edit. Before any write there is nothing to wait for."""
    before = set(routed.graph.bookmarks.get_bookmarks())
    routed.import_tables(SMALL_AREA)
    after_import = set(routed.graph.bookmarks.get_bookmarks())
    assert after_import and after_import != before
    routed.service_list()  # a read adds no bookmark to wait for
    assert set(routed.graph.bookmarks.get_bookmarks()) == after_import
