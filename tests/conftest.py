"""Shared fixtures. Every test that touches the graph runs against a real Neo4j.

Neo4j is found in this order: NEO4J_URI from the environment; a throwaway container when a
Docker engine answers (testcontainers); else the local server the project manages, with its
own data folder (`.data/test`) so tests never touch the data you work with.
If none can be had, the tests that need it fail with the reason: they never skip.

The graph fixtures: `eco` empties the graph for a test that writes. `riverside` (the web
tests' small directory) and `demo` (the demo area) are read-only: loaded once, they stay for
every later test that asks for the same graph, and are loaded again only after something
else changed the graph (see `read_only`). Tests that need no Neo4j are marked `no_neo4j`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ecosystem import Ecosystem, Settings, dates
from ecosystem.db.connect import connect
from ecosystem.db.graph import Graph
from ecosystem.db.server import ManagedServer

ROOT = Path(__file__).resolve().parent.parent
TEST_KEY = "test-pseudonym-key-not-secret-0123456789"  # 32+ characters: Settings checks


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


def _reads(item: pytest.Item) -> str | None:
    """The read-only graph a test reads, if any."""
    names = set(getattr(item, "fixturenames", ()))
    return None if "eco" in names else next((g for g in sorted(GRAPHS) if g in names), None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep the `no_neo4j` marks true: such a test may not ask for the database. Then, so
    each read-only graph is loaded as few times as can be: the modules that read the demo
    run one after the other, and in each module the tests that read a graph run first,
    grouped by graph (otherwise in the order written)."""
    wrong = [i.nodeid for i in items if i.get_closest_marker("no_neo4j")
             and {"neo4j_settings", "session_eco"} & set(getattr(i, "fixturenames", ()))]
    if wrong:
        raise pytest.UsageError("marked no_neo4j but uses Neo4j: " + ", ".join(wrong))
    modules: dict[str, int] = {}
    for i in items:
        modules.setdefault(i.nodeid.split("::")[0], len(modules))
    demo = {i.nodeid.split("::")[0] for i in items if _reads(i) == "demo"}
    first_demo = min((modules[m] for m in demo), default=0)
    graphs = sorted(GRAPHS)

    def key(i: pytest.Item) -> tuple[int, int, int]:
        module = i.nodeid.split("::")[0]
        graph = _reads(i)
        return (first_demo if module in demo else modules[module], modules[module],
                graphs.index(graph) if graph else len(graphs))

    items.sort(key=key)


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    data_dir = tmp_path_factory.mktemp("data")
    # No warm start: a test that wants one turns it on (tests/test_warm.py).
    base = {"ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY, "ECOSYSTEM_DATA_DIR": str(data_dir),
            "ECOSYSTEM_WARM_START": "0"}
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
    home = Path(os.environ.get("ECOSYSTEM_TEST_DATA_DIR", ROOT / ".data" / "test"))
    server = ManagedServer.from_settings(Settings.from_env(), home)  # heap, port as configured
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
    eco = Ecosystem(neo4j_settings, connect(neo4j_settings))
    eco.graph.ping()
    eco.clear()
    eco.init()
    yield eco
    eco.close()


@pytest.fixture
def eco(session_eco: Ecosystem) -> Ecosystem:
    """The core object on an empty graph (schema and reference data only)."""
    _LOADED.clear()  # the test may write anything
    session_eco.clear()
    session_eco.init()
    return session_eco


# --- Read-only graphs, loaded once --------------------------------------------------------------
# What the graph holds: the name of a read-only graph and its node and relationship counts
# when loaded. Emptied by `eco`, and by a test after which the counts differ, so the next
# read-only fixture loads its graph again.
_LOADED: dict[str, Any] = {}
_SIZE = ("RETURN COUNT { MATCH (n) } - COUNT { MATCH (n:User) } - COUNT { MATCH (n:AuditEntry) }"
         " - COUNT { MATCH (n:Import) } - COUNT { MATCH (n:KeyWorkerDraft) }"
         " - COUNT { MATCH (n:SignInThrottle) } - COUNT { MATCH (n:AppSetting) }"
         " - COUNT { MATCH (n:MapVersion) } AS nodes,"
         " COUNT { MATCH ()-[]->() } AS rels")


def _size(eco: Ecosystem) -> tuple[int, int]:
    with eco.graph.driver.session(database=eco.graph.database) as s:
        row = s.run(_SIZE).single()  # counts from the count store: no scan
    assert row is not None
    return row["nodes"], row["rels"]


def read_only(request: pytest.FixtureRequest, name: str,
              load: Callable[[Ecosystem], None]) -> Ecosystem:
    """The graph `name`, loaded by `load` (onto an empty graph) unless it is loaded already.
    A test that asks for `eco` too gets it loaded fresh, and may write to it."""
    session_eco: Ecosystem = request.getfixturevalue("session_eco")
    if request.scope == "function" and "eco" in request.fixturenames:
        request.getfixturevalue("eco")
        load(session_eco)
        return session_eco
    if _LOADED.get("name") != name:
        _LOADED.clear()
        session_eco.clear()
        session_eco.init()
        load(session_eco)
        _LOADED.update(name=name, size=_size(session_eco), eco=session_eco)
    return session_eco


@pytest.fixture(autouse=True)
def _read_only_guard() -> Iterator[None]:
    """After each test, forget a read-only graph the test changed (its counts differ)."""
    yield
    if _LOADED and _size(_LOADED["eco"]) != _LOADED["size"]:
        _LOADED.clear()


@pytest.fixture
def graph(eco: Ecosystem) -> Graph:
    return eco.graph


# --- Web layer (web/) -------------------------------------------------------------------------

SMALL_AREA: dict[str, list[dict[str, object]]] = {
    "areas": [
        {"id": "E54000099", "name": "Riverside ICB", "level": "icb"},
        {"id": "E06000999", "name": "Riverside Borough", "level": "local_authority",
         "parent_id": "E54000099"},
    ],
    "providers": [
        {"id": "prov-mind", "name": "Riverside Mind", "sector": "vcse"},
        {"id": "prov-nhs", "name": "Riverside NHS Foundation Trust", "sector": "nhs"},
    ],
    "commissioners": [
        {"id": "comm-icb", "name": "Riverside ICB Commissioning", "kind": "icb",
         "area_id": "E54000099"},
        {"id": "comm-la", "name": "Riverside Council", "kind": "local_authority",
         "area_id": "E06000999"},
    ],
    "cohorts": [
        {"id": "coh-discharge", "name": "People leaving inpatient care with a housing need",
         "area_id": "E06000999", "estimated_size": 120, "need_housing": 90},
    ],
    "services": [
        {"id": "svc-hf", "name": "Housing First Riverside", "provider_id": "prov-mind",
         "kind": "housing support", "areas": "E06000999", "domains": "housing",
         "sources": "practitioner", "types": "care; provision", "model_id": "housing-first",
         "model_fidelity": "0.8", "cohorts": "coh-discharge", "capacity": "40",
         "waiting_days": "21", "self_referral": "no"},
        {"id": "svc-ips", "name": "IPS Employment Service", "provider_id": "prov-nhs",
         "kind": "employment support", "areas": "E06000999", "domains": "work",
         "sources": "specialist", "types": "care", "model_id": "ips", "capacity": "80",
         "self_referral": "yes"},
        {"id": "svc-debt", "name": "Money and Debt Advice", "provider_id": "prov-mind",
         "kind": "advice", "areas": "E06000999", "domains": "money; citizenship",
         "sources": "specialist; structural", "types": "information; rights",
         "capacity": "200", "self_referral": "yes"},
    ],
    "referral_routes": [
        {"from_service_id": "svc-hf", "to_service_id": "svc-debt", "note": "on tenancy start"},
    ],
    "contracts": [
        {"id": "con-1", "commissioner_id": "comm-la", "service_id": "svc-hf",
         "annual_value": "250000", "start_date": "2024-04-01", "end_date": "2027-03-31"},
        {"id": "con-2", "commissioner_id": "comm-icb", "service_id": "svc-ips",
         "annual_value": "180000", "start_date": "2023-04-01"},
        {"id": "con-3", "commissioner_id": "comm-la", "service_id": "svc-debt",
         "annual_value": "90000", "start_date": "2024-04-01"},
    ],
}


def _load_riverside(eco: Ecosystem) -> None:
    report = eco.import_tables(SMALL_AREA)
    assert report.ok, [i.message for i in report.issues]


@pytest.fixture
def riverside(request: pytest.FixtureRequest, session_eco: Ecosystem) -> Ecosystem:
    """Riverside, the web tests' small directory (SMALL_AREA; not tests/builders.py's
    `small_area()` for the analyses), imported through the real importer: 3 services,
    2 providers, 2 commissioners, 1 cohort, 2 areas, 3 contracts, 1 referral route.
    Read-only, unless the test asks for `eco` too."""
    return read_only(request, "riverside", _load_riverside)


# Fixtures that hold a graph for the test: with one of them, `app` leaves the graph alone.
GRAPHS = {"riverside", "demo", "kw_area"}  # kw_area: tests/test_web_keyworker.py


@pytest.fixture
def app(request: pytest.FixtureRequest, session_eco: Ecosystem):  # type: ignore[no-untyped-def]
    """The web app on the test database: on an empty graph (as with `eco`) unless the test
    asks for a graph (`riverside`, `demo`, ...)."""
    from web import create_app

    if not GRAPHS & set(request.fixturenames):
        request.getfixturevalue("eco")
    flask_app = create_app(session_eco.settings, session_eco)
    flask_app.config.update(TESTING=True)
    return flask_app


@pytest.fixture
def runner(app):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


def pytest_configure(config: pytest.Config) -> None:
    # One day for the whole run: a suite that crosses midnight would otherwise check data
    # made on one day against the tool's idea of the next.
    dates.fix_today(dt.date.today())


# --- The demo area ----------------------------------------------------------------------------

def _load_demo(eco: Ecosystem) -> None:
    report = eco.load_demo(as_of=dates.today())
    assert report.ok, [str(i) for i in report.issues[:5]]


@pytest.fixture(scope="module")
def demo(request: pytest.FixtureRequest, session_eco: Ecosystem) -> Ecosystem:
    """The core object with the demo area, loaded only if the graph does not hold it already.
    Read-only: tests using it never write, and a module using it never asks for `eco`
    (which would clear it for the module's later tests)."""
    return read_only(request, "demo", _load_demo)


# --- Sign-in and roles (web/access.py) --------------------------------------------------------
# Every web page needs a signed-in user. `client` is signed in as an admin, so page tests see
# every page (or as the role a `signed_in_as(role)` mark on the test or module names);
# `login(role)` gives a client signed in with any role; `app.test_client()` is a client that
# is not signed in.

TEST_PASSWORD = "correct horse battery staple"  # test users only


def reads_recorded(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the queries `graph` reads from now on, appended as they run (the graph
    stays real: only which queries run is recorded)."""
    names: list[str] = []
    real = graph.read

    def read(name: str, **params: Any) -> list[dict[str, Any]]:
        names.append(name)
        return real(name, **params)

    monkeypatch.setattr(graph, "read", read)
    return names


def cli_env(eco: Ecosystem, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for running the CLI (click's CliRunner) against the tests' Neo4j."""
    return {"NEO4J_URI": eco.settings.neo4j_uri or "", "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": eco.settings.neo4j_password or "",
            "ECOSYSTEM_PSEUDONYM_KEY": eco.settings.pseudonym_key or "",
            "ECOSYSTEM_DATA_DIR": str(data_dir), **extra}


def ensure_user(eco: Ecosystem, username: str, role: str):  # type: ignore[no-untyped-def]
    """The user `username` with `role`, enabled, made if missing (users survive eco.clear)."""
    from ecosystem.accounts import users

    user = users.get(eco.graph, username)
    if user is None:
        users.create(eco.graph, username, role, TEST_PASSWORD, actor="test")
    else:
        if user.disabled:
            users.set_disabled(eco.graph, username, False, actor="test")
        if user.role != role:
            users.set_role(eco.graph, username, role, actor="test")
    return users.get(eco.graph, username)


def sign_in_client(client, user) -> None:  # type: ignore[no-untyped-def]
    """Put a signed-in session for `user` into a Flask test client's cookie."""
    from web.access import session_data

    with client.session_transaction() as s:
        s.permanent = True
        s.update(session_data(user))


@pytest.fixture
def login(app, session_eco: Ecosystem):  # type: ignore[no-untyped-def]
    """login(role, username=None) -> a new test client signed in as a user with that role."""

    def _login(role: str, username: str | None = None):  # type: ignore[no-untyped-def]
        user = ensure_user(session_eco, username or f"test-{role.replace('_', '-')}", role)
        c = app.test_client()
        sign_in_client(c, user)
        return c

    return _login


@pytest.fixture
def client(login, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A test client signed in as an admin, or as the role of a `signed_in_as` mark."""
    mark = request.node.get_closest_marker("signed_in_as")
    return login(mark.args[0] if mark else "admin")


@pytest.fixture(autouse=True)
def _browser_signed_in(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Browser tests that use a `live_server` (tests/test_browser.py) start signed in as an
    admin: the app is wrapped to add an admin session cookie to requests that carry none.
    Tests of the sign-in page itself use their own server fixture, not `live_server`."""
    if "live_server" not in request.fixturenames:
        yield
        return
    from browser import session_as

    flask_app = request.getfixturevalue("app")
    user = ensure_user(request.getfixturevalue("session_eco"), "test-admin", "admin")
    with session_as(flask_app, user):
        yield
