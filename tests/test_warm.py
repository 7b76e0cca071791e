"""Warm start (web/warming.py, ecosystem/warmup.py): while the app prepares itself every page
answers a short "starting" page; warming renders every GET page once, running the queries
those pages run, and writes nothing; `ecosystem serve` says it is ready only afterwards."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import cli_env, ensure_user, sign_in_client
from flask import Flask, template_rendered

from ecosystem import Ecosystem, Settings, warmup
from ecosystem.cli import cli
from ecosystem.db import queries
from web import create_app, warming

ROOT = Path(__file__).resolve().parent.parent
STARTING = "The map is starting"
TIMEOUT = 300  # seconds: a stuck warm start fails the test instead of hanging it


@pytest.fixture
def reads(demo: Ecosystem, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the read queries run from now on (the real queries run)."""
    names: list[str] = []
    real = demo.graph.read

    def read(name: str, **params: Any) -> Any:
        names.append(name)
        return real(name, **params)

    monkeypatch.setattr(demo.graph, "read", read)
    return names


@pytest.fixture
def writes(demo: Ecosystem, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the named writes run from now on, and rehearsed ones as "rehearsed:"."""
    names: list[str] = []
    real_all, real_rehearse = demo.graph.write_all, demo.graph.rehearse

    def write_all(steps: Any) -> Any:
        steps = list(steps)
        names.extend(name for name, _ in steps)
        return real_all(steps)

    def rehearse(name: str, **params: Any) -> None:
        names.append("rehearsed:" + name)
        real_rehearse(name, **params)

    monkeypatch.setattr(demo.graph, "write_all", write_all)
    monkeypatch.setattr(demo.graph, "rehearse", rehearse)
    return names


def warm(app: Flask) -> warming.State:
    warming.start(app)
    assert warming.wait(app, TIMEOUT), "warming did not finish"
    return warming.state(app)


def test_while_warming_every_page_says_the_map_is_starting(demo: Ecosystem, app: Flask,
                                                           client: Any) -> None:
    gate = threading.Event()
    thread = warming.start(app, gate)  # warming waits on the gate: still in progress
    try:
        anonymous = app.test_client()
        for c, path in ((client, "/"), (client, "/commissioner/overlaps"),
                        (anonymous, "/services"), (anonymous, "/sign-in")):
            r = c.get(path)
            assert r.status_code == 503, path
            assert r.headers["Retry-After"] == "2"
            page = r.get_data(as_text=True)
            assert STARTING in page and "Try again" in page, path
            assert f'href="{path}"' in page  # the link tries the same page again
        assert anonymous.get("/static/app.css").status_code == 200  # its stylesheet
    finally:
        gate.set()
    thread.join(TIMEOUT)
    assert warming.state(app).ready.is_set()
    assert client.get("/").status_code == 200
    assert client.get("/commissioner/overlaps").status_code == 200


def test_warming_renders_every_page_with_the_queries_the_pages_run(
        demo: Ecosystem, app: Flask, client: Any, reads: list[str]) -> None:
    state = warm(app)
    warmed = set(reads)
    assert set(warmup.QUERIES) <= warmed
    assert all(queries.load(name) for name in warmup.QUERIES)  # each has its file in cypher/
    # Every GET page was rendered, with its arguments filled from the demo area.
    rules = {r.rule for r in warming.pages(app)}
    assert {"/", "/services/<path:id>", "/key-worker/people/<person_id>",
            "/commissioner/what-if", "/edit/<table>/<path:key>"} <= rules
    unfilled = [r for r in warming.pages(app)
                if warming.url_for_warming(r, demo.warm()) is None]
    assert {r.rule for r in unfilled} <= {"/api/oruk/<path:rest>",
                                          "/api/oruk/service_at_locations/<record_id>",
                                          "/api/oruk/services/<record_id>",
                                          "/api/oruk/taxonomies/<record_id>",
                                          "/api/oruk/taxonomy_terms/<record_id>"}
    # (A key worker's later steps redirect to the first without answers, the public finder
    # is off: those are the pages' own answers. An exception or a 500 is not.)
    failed = {p: s for p, s in state.pages.items() if not isinstance(s, int) or s >= 500}
    assert not failed
    assert state.pages["/"] == 200 and len([s for s in state.pages.values() if s == 200]) > 40
    # Pages that answer what is typed are warmed with a word, or they would answer nothing.
    for rule in warming.TYPED:
        typed = [p for p in state.pages if p.startswith(rule.split("<")[0]) and "?q=" in p]
        assert typed and all(state.pages[p] == 200 for p in typed), rule
    # A visitor's pages then run no read query warming did not (the sign-in check included).
    del reads[:]
    for path in state.pages:
        client.get(path)
    missing = set(reads) - warmed
    assert not missing


def test_warming_plans_the_writes_a_visitors_pages_make(
        demo: Ecosystem, app: Flask, client: Any, writes: list[str]) -> None:
    state = warm(app)
    rehearsed = {n.removeprefix("rehearsed:") for n in writes if n.startswith("rehearsed:")}
    assert rehearsed == {name for name, _ in warmup.REHEARSED}
    # Committed: only the audit entry that the web pages started (it readies Neo4j's commits).
    assert [n for n in writes if not n.startswith("rehearsed:")] == ["audit/append"]
    del writes[:]
    for path in state.pages:  # as an admin: the audit page and person-level views audit
        client.get(path)
    assert "audit/append" in writes
    # The sign-in's own writes aside (the client signed in before warming ran).
    assert not set(writes) - rehearsed


def test_warming_compiles_the_templates_a_visitors_pages_render(
        demo: Ecosystem, app: Flask, client: Any) -> None:
    rendered: list[str] = []

    def record(sender: Flask, template: Any, context: Any, **extra: Any) -> None:
        rendered.append(template.name)

    with template_rendered.connected_to(record, app):
        state = warm(app)
        warmed = set(rendered)
        del rendered[:]
        for path in state.pages:  # the public finder's 404 page among them
            client.get(path)
    assert "errors/404.html" in rendered
    assert not set(rendered) - warmed


def test_warming_changes_nothing_and_stores_no_user(demo: Ecosystem, app: Flask) -> None:
    before = demo.fingerprint(exclude=("AuditEntry",))
    audited = demo.audit_entries()
    counts = demo.counts()
    version = demo.graph.map_version()
    state = warm(app)
    assert state.pages
    assert demo.fingerprint(exclude=("AuditEntry",)) == before
    assert demo.graph.map_version() == version  # kept results stay
    # The audit log gains one entry: the web pages started (none for the pages warmed).
    new = [e for e in demo.audit_entries() if e not in audited]
    assert [(e.action, e.target) for e in new] == [(warmup.STARTED, "web pages")]
    assert new[0].username.startswith("cli:") and "warm start, process" in new[0].detail
    assert demo.counts() == counts  # of the map (the audit log is not counted)
    assert demo.get_user(warming.WARM_ADMIN.username) is None


def test_the_setting_turns_warming_on_in_create_app(demo: Ecosystem) -> None:
    assert Settings.from_env({}).warm_start is None  # on
    assert Settings.from_env({"ECOSYSTEM_WARM_START": "0"}).warm_start is False
    on = create_app(dataclasses.replace(demo.settings, warm_start=None), demo)
    assert warming.wait(on, TIMEOUT)
    assert warming.state(on).pages
    c = on.test_client()
    sign_in_client(c, ensure_user(demo, "test-admin", "admin"))
    assert c.get("/").status_code == 200
    off = create_app(demo.settings, demo)  # the tests' settings: off
    assert warming.state(off).ready.is_set() and not warming.state(off).pages


def test_serve_says_it_is_ready_only_after_warming(demo: Ecosystem, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def run(self: Flask, **kwargs: Any) -> None:  # instead of listening: wait for warming
        seen["warming_at_start"] = not warming.state(self).done.is_set()
        seen["ready"] = warming.wait(self, TIMEOUT)
        seen["pages"] = dict(warming.state(self).pages)

    monkeypatch.setattr(Flask, "run", run)
    env = cli_env(demo, tmp_path, ECOSYSTEM_WARM_START="1")
    result = CliRunner().invoke(cli, ["serve", "--port", "5099"], env=env)
    assert result.exit_code == 0, result.output
    assert seen["ready"] and seen["pages"]
    out = result.output
    assert "Getting the pages ready" in out
    assert out.index("Getting the pages ready") < out.index("Serving the map on "
                                                            "http://127.0.0.1:5099/")


@pytest.mark.browser
def test_the_starting_page_is_accessible(demo: Ecosystem, app: Flask) -> None:
    from browser import check_accessible, chromium_page, served

    gate = threading.Event()
    warming.start(app, gate)
    try:
        with served(app) as url, chromium_page(url) as page:
            page.goto(url + "/services")
            assert STARTING in page.inner_text("h1")
            check_accessible(page)
            # Chromium logs the page's own 503 as a console error; nothing else may fail.
            other = [p for p in page.problems if "status of 503" not in p]
            assert not other, other
    finally:
        gate.set()
        warming.wait(app, TIMEOUT)




def test_warming_left_behind_by_a_fork_starts_again(demo: Ecosystem, app: Flask,
                                                    client: Any) -> None:
    # As in a gunicorn worker forked (--preload) while the master was warming: the state
    # says warming, but its thread did not come along.
    s = warming.state(app)
    s.ready.clear()
    s.done.clear()
    s.thread = threading.Thread(target=lambda: None)
    s.thread.start()
    s.thread.join()
    client.get("/")  # the starting page, and warming starts again
    assert warming.wait(app, TIMEOUT)
    assert client.get("/").status_code == 200
