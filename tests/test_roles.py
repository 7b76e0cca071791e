"""The access policy (web/access.py): every route, every role, allow or deny.

The walk covers every rule in `app.url_map`, so a page added without a line in
`web.access.POLICY` fails here (and is refused to everyone until it has one).
"""

from __future__ import annotations

import re

import pytest
from conftest import SMALL_AREA, ensure_user
from flask import Blueprint, Flask
from werkzeug.routing import Rule as UrlRule

from ecosystem import Ecosystem
from ecosystem.accounts import audit, users
from ecosystem.importers.pseudonymise import pseudonym
from web.access import CASELOAD, PERSON, POLICY, PUBLIC, Rule, policy

ROLES = users.ROLES
PERSON_ID_ARG = "person_id"


def sample_url(rule: UrlRule) -> str:
    """A URL for `rule` with made-up arguments (the views are stubbed: only the gate runs)."""
    url = rule.rule
    for name in rule.arguments:
        url = re.sub(rf"<(?:[^:<>]+:)?{name}>", f"no-such-{name}", url)
    return url


def expected(rule: Rule | None, role: str) -> bool:
    if rule is None or not rule.allows(role):
        return False
    # A made-up person is on nobody's caseload, a made-up service kept by no provider editor:
    # only an admin gets through.
    return (rule.person is None and rule.service is None) or role == "admin"


def _stub_views(app: Flask) -> None:
    """Replace every view (but static) with one that says it was reached."""
    for endpoint in list(app.view_functions):
        if endpoint != "static":
            app.view_functions[endpoint] = lambda **_: ("reached", 200)


def test_every_route_has_a_policy(app: Flask) -> None:
    endpoints = {r.endpoint for r in app.url_map.iter_rules()}
    missing = sorted(endpoints - PUBLIC - set(POLICY))
    assert missing == [], (
        f"endpoints without an access rule: {missing}. Add one line each to "
        "web.access.POLICY (see docs/security.md).")


def test_every_route_as_every_role(app: Flask, eco: Ecosystem, login) -> None:  # type: ignore[no-untyped-def]
    app.config["WTF_CSRF_ENABLED"] = False  # the gate runs before CSRF; stubs read no form
    _stub_views(app)
    clients = {role: login(role) for role in ROLES}
    anon = app.test_client()
    checked, wrong = 0, []
    for url_rule in app.url_map.iter_rules():
        if url_rule.endpoint in PUBLIC:
            continue
        url = sample_url(url_rule)
        rule = policy(app).get(url_rule.endpoint)
        for method in sorted((url_rule.methods or set()) - {"HEAD", "OPTIONS"}):
            resp = anon.open(url, method=method)
            if not (resp.status_code == 302
                    and resp.headers["Location"].startswith("/sign-in")):
                wrong.append(f"anonymous {method} {url}: {resp.status_code}")
            checked += 1
            for role in ROLES:
                resp = clients[role].open(url, method=method)
                got = {200: True, 403: False}.get(resp.status_code)
                if got is None or got != expected(rule, role):
                    wrong.append(f"{role} {method} {url} ({url_rule.endpoint}): "
                                 f"{resp.status_code}, expected "
                                 f"{'allow' if expected(rule, role) else 'deny'}")
                checked += 1
    assert wrong == [], "\n".join(wrong)
    routes = sum(1 for r in app.url_map.iter_rules() if r.endpoint not in PUBLIC)
    assert checked >= routes * (len(ROLES) + 1)
    print(f"\naccess walk: {routes} routes, {checked} route x method x role checks")


@pytest.mark.parametrize("role, allowed", [
    ("admin", {"/", "/search", "/services/svc-hf", "/admin/audit", "/admin/users",
               "/admin/audit.csv"}),
    ("analyst", {"/", "/search", "/services/svc-hf"}),
    ("commissioner", {"/", "/search", "/services/svc-hf"}),
    ("key_worker", {"/", "/search", "/services/svc-hf"}),
    ("viewer", {"/", "/search", "/services/svc-hf"}),
])
def test_real_pages_by_role(login, riverside: Ecosystem, role: str, allowed: set[str]) -> None:  # type: ignore[no-untyped-def]
    c = login(role)
    for url in ["/", "/search", "/services/svc-hf", "/admin/audit", "/admin/users",
                "/admin/audit.csv"]:
        resp = c.get(url)
        assert resp.status_code == (200 if url in allowed else 403), (role, url)
        if resp.status_code == 403:
            assert "You cannot see this page" in resp.get_data(as_text=True)
    home = c.get("/").get_data(as_text=True)
    assert ('href="/admin/users"' in home) == (role == "admin")  # the menu follows the policy


def test_an_endpoint_without_a_rule_is_refused_even_to_admins(app: Flask, login) -> None:  # type: ignore[no-untyped-def]
    @app.get("/new-page")
    def new_page() -> str:
        return "new"

    assert login("admin").get("/new-page").status_code == 403
    policy(app)["new_page"] = Rule(frozenset({"viewer"}))
    assert login("viewer").get("/new-page").status_code == 200
    assert login("admin").get("/new-page").status_code == 403
    assert "new_page" not in POLICY  # a test's rule stays in its own app


# --- person-level data: key workers see their own caseload only ------------------------------

def _people_app(app: Flask) -> None:
    """A person page and a caseload list as other blueprints will write them."""
    from web.access import caseload_owner

    bp = Blueprint("people_test", __name__)

    @bp.get("/test-people/<person_id>")
    def person(person_id: str) -> str:
        return f"person {person_id}"

    @bp.get("/test-people")
    def caseload() -> str:
        return f"caseload of {caseload_owner() or 'everyone'}"

    app.register_blueprint(bp)
    policy(app).update({"people_test.person": PERSON(PERSON_ID_ARG),
                        "people_test.caseload": CASELOAD})


def test_key_workers_see_only_their_own_caseload_and_it_is_audited(
        app: Flask, eco: Ecosystem, login) -> None:  # type: ignore[no-untyped-def]
    ensure_user(eco, "test-key-worker", "key_worker")
    area = {**SMALL_AREA, "people": [
        {"person_ref": "NHS-111", "age_band": "25-34", "area_id": "E06000999",
         "key_worker": "test-key-worker"},
        {"person_ref": "NHS-222", "age_band": "35-44", "area_id": "E06000999",
         "key_worker": "someone-else"},
    ]}
    assert eco.import_tables(area).ok
    key = eco.settings.resolve_pseudonym_key()
    mine, theirs = pseudonym("NHS-111", key), pseudonym("NHS-222", key)
    _people_app(app)
    start = audit.entries(eco.graph, limit=1)[0].at

    kw = login("key_worker")
    assert kw.get(f"/test-people/{mine}").status_code == 200
    assert kw.get(f"/test-people/{theirs}").status_code == 403
    assert kw.get("/test-people/P-doesnotexist").status_code == 403  # same answer
    assert kw.get("/test-people").get_data(as_text=True) == "caseload of test-key-worker"
    for role in ("analyst", "commissioner", "viewer"):
        c = login(role)
        assert c.get(f"/test-people/{mine}").status_code == 403, role
        assert c.get("/test-people").status_code == 403, role
    admin = login("admin")
    assert admin.get(f"/test-people/{theirs}").status_code == 200
    assert admin.get("/test-people").get_data(as_text=True) == "caseload of everyone"

    logged = [(e.username, e.action, e.target) for e in
              reversed(audit.entries(eco.graph, start)) if e.action.startswith("person.")]
    assert logged == [
        ("test-key-worker", "person.view", mine),
        ("test-key-worker", "person.denied", theirs),
        ("test-key-worker", "person.denied", "(not a person id)"),  # not logged as typed
        ("test-key-worker", "person.list", "/test-people"),
        ("test-admin", "person.view", theirs),
        ("test-admin", "person.list", "/test-people"),
    ]
    assert "NHS-111" not in str(audit.entries(eco.graph, start))  # pseudonyms only
