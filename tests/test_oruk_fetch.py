"""Reading a feed straight from an ORUK API, and from a folder of its saved pages.

The tests start a small ORUK server on 127.0.0.1 (http.server in a thread) that serves the
official examples (tests/data/oruk_spec/ and tests/data/oruk/, CC BY-SA 4.0: see the LICENSE
files there) as a paged, shallow `/services` list and full `/services/{id}` answers. Nothing
reaches the internet.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import cli_env

from ecosystem import Ecosystem
from ecosystem.cli import cli
from ecosystem.oruk.fetch import USER_AGENT, feed_name_for_url

SPEC = Path(__file__).parent / "data" / "oruk_spec"
ORUK = Path(__file__).parent / "data" / "oruk"
MAPPING = ORUK / "mapping_fallback.csv"
AREA = "E06000999"
# The fields of the official service_list example's items: a shallow list.
LIST_FIELDS = tuple(json.loads((ORUK / "service_list.json").read_text())["contents"][0])


def official_services() -> list[dict[str, Any]]:
    """The specification's service (from its service_at_location_full example, at that
    location) and two numbered copies of the UK profile's service_full example."""
    sal = json.loads((SPEC / "service_at_location_full.json").read_text())
    first = {**sal["service"], "service_at_locations": [{"id": sal["id"],
                                                         "location": sal["location"]}]}
    base = json.loads((ORUK / "service_full.json").read_text())
    return [first] + [{**base, "id": f"{n:08d}-0000-4000-8000-000000000000",
                       "name": f"Service {n}"} for n in (2, 3)]


@dataclass
class Api:
    """What the test server serves, and what it was asked."""

    services: list[dict[str, Any]] = field(default_factory=official_services)
    page_size: int = 2  # at most, whatever per_page asks
    total_pages: bool = True
    total_items: bool = True
    shallow: bool = True
    ignores_page: bool = False  # every request gets the first page
    fail: dict[str, int] = field(default_factory=dict)  # path -> HTTP status
    requests: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    url: str = ""

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        if path in self.fail:
            return self.fail[path], {"error": "failed on purpose"}
        if path == "/oruk/services":
            items = self.services
            if "modified_after" in query:  # honoured, like a feed that supports it
                items = [s for s in items if s["last_modified"] >= query["modified_after"]]
            size = min(int(query.get("per_page", 50)), self.page_size)
            page = 1 if self.ignores_page else int(query.get("page", 1))
            chunk = items[(page - 1) * size: page * size]
            pages = max(1, -(-len(items) // size))
            doc: dict[str, Any] = {
                "contents": [{k: s[k] for k in LIST_FIELDS if k in s} if self.shallow else s
                             for s in chunk],
                "page_number": page, "size": size, "empty": not chunk,
            }
            if self.total_pages:
                doc |= {"total_pages": pages, "first_page": page == 1,
                        "last_page": page >= pages}
            if self.total_items:
                doc["total_items"] = len(items)
            return 200, doc
        if path.startswith("/oruk/services/"):
            sid = urllib.parse.unquote(path.rsplit("/", 1)[-1])
            for s in self.services:
                if s["id"] == sid:
                    return 200, s
        if path == "/not-oruk/services":
            return 200, "<html>a web page</html>"
        return 404, {"error": "not found"}


@pytest.fixture
def api() -> Iterator[Api]:
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            state.requests.append((parts.path, query, self.headers.get("User-Agent", "")))
            status, doc = state.answer(parts.path, query)
            body = (doc if isinstance(doc, str) else json.dumps(doc)).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html" if isinstance(doc, str)
                             else "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/oruk/"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def mycity(eco: Ecosystem) -> Ecosystem:
    eco.import_tables({"areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}]})
    return eco


def _stored(eco: Ecosystem) -> dict[str, dict[str, Any]]:
    return {r["service"]["source_id"]: dict(r["service"])
            for r in eco.graph.read("oruk/export_services")}


def test_an_api_is_paged_through_and_shallow_items_completed(
        mycity: Ecosystem, api: Api) -> None:
    result = mycity.import_oruk(api.url, mapping=MAPPING, area=AREA)
    assert result.ok, result.report.issues
    assert result.report.counts["services"].created == 3
    paths = [p for p, _, _ in api.requests]
    assert paths.count("/oruk/services") == 2  # two pages of two
    assert sorted(p for p in paths if p.startswith("/oruk/services/")) == sorted(
        f"/oruk/services/{s['id']}" for s in api.services)
    assert all(ua == USER_AGENT for _, _, ua in api.requests)
    stored = _stored(mycity)
    # The detail came from /services/{id}: the list items carry no locations or costs.
    assert all(s["locations"] and s["cost_options"] for s in stored.values())
    assert result.feed_name == feed_name_for_url(api.url) and result.feed.complete
    # A complete run: a service the API no longer lists is marked gone.
    gone = api.services.pop()
    again = mycity.import_oruk(api.url, mapping=MAPPING, area=AREA)
    assert again.ok, again.report.issues
    assert again.removed == ["oruk:" + gone["id"]]


def test_pages_without_total_pages_are_read_to_total_items(
        mycity: Ecosystem, api: Api) -> None:
    api.total_pages = False
    result = mycity.import_oruk(api.url, mapping=MAPPING, area=AREA)
    assert result.ok, result.report.issues
    assert result.report.counts["services"].created == 3 and result.feed.complete
    gone = api.services.pop()
    assert mycity.import_oruk(api.url, mapping=MAPPING, area=AREA).removed == [
        "oruk:" + gone["id"]]


def test_pages_that_never_say_how_many_mark_nothing_as_gone(
        mycity: Ecosystem, api: Api) -> None:
    api.total_pages = api.total_items = False
    result = mycity.import_oruk(api.url, mapping=MAPPING, area=AREA)
    assert result.ok, result.report.issues
    assert result.report.counts["services"].created == 3  # read to the empty page
    assert not result.feed.complete
    api.services.pop()
    again = mycity.import_oruk(api.url, mapping=MAPPING, area=AREA)
    assert again.ok and again.removed == []


def test_a_server_that_ignores_page_is_not_read_forever(mycity: Ecosystem, api: Api) -> None:
    api.total_pages = api.total_items = False
    api.ignores_page = True
    result = mycity.import_oruk(api.url, mapping=MAPPING, area=AREA)
    assert result.ok, result.report.issues
    assert [p for p, _, _ in api.requests].count("/oruk/services") == 2  # the repeat stops it
    assert result.report.counts["services"].created == 2 and not result.feed.complete


def test_a_feed_with_full_list_items_asks_for_no_detail(mycity: Ecosystem, api: Api) -> None:
    api.shallow = False
    assert mycity.import_oruk(api.url, mapping=MAPPING, area=AREA).ok
    assert all(p == "/oruk/services" for p, _, _ in api.requests)


@pytest.mark.parametrize(("fail", "says"), [
    ({"/oruk/services": 503}, "HTTP 503"),
    ({"/oruk/services/00000002-0000-4000-8000-000000000000": 500}, "HTTP 500"),
])
def test_http_errors_are_named_and_nothing_is_written(
        mycity: Ecosystem, api: Api, fail: dict[str, int], says: str) -> None:
    api.fail = fail
    result = mycity.import_oruk(api.url, mapping=MAPPING, area=AREA)
    assert not result.ok
    message = str(result.report.issues)
    assert says in message and "127.0.0.1" in message
    assert mycity.counts().get("Service", 0) == 0


def test_an_address_that_is_not_an_oruk_api_is_named(mycity: Ecosystem, api: Api) -> None:
    result = mycity.import_oruk(api.url.replace("/oruk/", "/not-oruk/"), mapping=MAPPING,
                                area=AREA)
    assert not result.ok
    assert "not a JSON document (text/html)" in str(result.report.issues)


def test_since_last_asks_for_what_changed_since_the_last_run(
        mycity: Ecosystem, api: Api, tmp_path: Path) -> None:
    env = cli_env(mycity, tmp_path)
    args = ["import-oruk", api.url, "--mapping", str(MAPPING), "--area", AREA]
    refused = CliRunner().invoke(cli, [*args, "--since", "last"], env=env)
    assert refused.exit_code != 0 and "run it once without --since" in refused.output
    first = CliRunner().invoke(cli, args, env=env)
    assert first.exit_code == 0, first.output
    api.requests.clear()
    # One service changes after the first run; the others are older.
    for s in api.services:
        s["last_modified"] = "2020-01-01T00:00:00Z"
    changed = api.services[1]
    changed["last_modified"] = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    changed["name"] = "Renamed service"
    api.services.pop()  # gone, but a run since the last one cannot tell
    second = CliRunner().invoke(cli, [*args, "--since", "last"], env=env)
    assert second.exit_code == 0, second.output
    asked = [q for p, q, _ in api.requests if p == "/oruk/services"]
    assert asked and all("modified_after" in q for q in asked)
    assert "nothing marked as removed" in second.output
    names = {s["name"] for s in _stored(mycity).values()}
    assert "Renamed service" in names and len(names) == 3
    # Nothing changed since: not an error, for a scheduled run.
    changed["last_modified"] = "2020-01-01T00:00:00Z"
    third = CliRunner().invoke(cli, [*args, "--since", "last"], env=env)
    assert third.exit_code == 0, third.output
    assert "No service modified since" in third.output


def test_a_folder_of_saved_pages_imports_as_the_api_would(
        mycity: Ecosystem, api: Api, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "services").mkdir(parents=True)
    for n in (1, 2):
        status, page = api.answer("/oruk/services", {"page": str(n)})
        (folder / f"services-page-{n}.json").write_text(json.dumps(page))
    for s in api.services:
        (folder / "services" / f"{s['id']}.json").write_text(json.dumps(s))
    result = mycity.import_oruk(folder, mapping=MAPPING, area=AREA)
    assert result.ok, result.report.issues
    assert result.report.counts["services"].created == 3 and result.feed.complete
    assert all(s["locations"] for s in _stored(mycity).values())
    assert result.feed_name == "saved"
    # One page missing: the rest import, nothing is marked gone.
    (folder / "services-page-2.json").unlink()
    partial = mycity.import_oruk(folder, mapping=MAPPING, area=AREA)
    assert partial.ok and not partial.feed.complete and partial.removed == []
