"""Users, sign-in, sessions, CSRF, security headers and the audit log, on a real Neo4j."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_PASSWORD, cli_env, ensure_user
from flask import Flask
from flask.testing import FlaskClient

from ecosystem import Ecosystem, Settings
from ecosystem.accounts import audit, users
from ecosystem.cli import cli
from ecosystem.db import queries
from web.access import PUBLIC

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long enough test password"


def uniq(prefix: str = "u") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def text(resp) -> str:  # type: ignore[no-untyped-def]
    return resp.get_data(as_text=True)


def csrf_token(client: FlaskClient, path: str = "/sign-in") -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get(path)))
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def sign_in(client: FlaskClient, username: str, password: str, next_url: str | None = None):  # type: ignore[no-untyped-def]
    data = {"csrf_token": csrf_token(client), "username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/sign-in", data=data)


def entries_since(eco: Ecosystem, since: dt.datetime) -> list[audit.AuditEntry]:
    return audit.entries(eco.graph, since)


def now() -> dt.datetime:
    # Neo4j's clock and ours are the same machine's; a second of slack for rounding.
    return dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)


# --- users ------------------------------------------------------------------------------------

def test_users_are_stored_with_an_argon2id_hash_only(eco: Ecosystem) -> None:
    name = uniq()
    user = users.create(eco.graph, name, "analyst", PASSWORD, actor="test")
    assert user == users.User(name, "analyst")
    row = eco.graph.read("users/get", username=name)[0]
    assert row["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in str(row)
    assert users.verify(eco.graph, name, PASSWORD) == users.User(name, "analyst")
    assert users.verify(eco.graph, name.upper(), PASSWORD) is not None  # names are lower-case
    assert users.verify(eco.graph, name, PASSWORD + "x") is None
    assert users.verify(eco.graph, uniq("nobody"), PASSWORD) is None
    assert users.verify(eco.graph, "", "") is None
    assert name in [u.username for u in users.list_users(eco.graph)]


@pytest.mark.parametrize("name, role, password, message", [
    ("ok-name", "wizard", PASSWORD, "Unknown role"),
    ("x", "viewer", PASSWORD, "2 to 64 characters"),
    ("Bad Name!", "viewer", PASSWORD, "2 to 64 characters"),
    ("ok-name", "viewer", "short", "at least 12"),
    ("ok-name", "viewer", "ok-name and more text", "must not contain the username"),
])
def test_bad_user_details_are_refused(eco: Ecosystem, name: str, role: str, password: str,
                                      message: str) -> None:
    with pytest.raises(users.UserError, match=message):
        users.create(eco.graph, name, role, password, actor="test")


def test_duplicate_user_is_refused(eco: Ecosystem) -> None:
    name = uniq()
    users.create(eco.graph, name, "viewer", PASSWORD, actor="test")
    with pytest.raises(users.UserError, match="already a user"):
        users.create(eco.graph, name, "admin", PASSWORD, actor="test")
    assert users.get(eco.graph, name) == users.User(name, "viewer")


def test_disable_role_and_password_changes(eco: Ecosystem) -> None:
    name = uniq()
    users.create(eco.graph, name, "viewer", PASSWORD, actor="test")
    users.set_disabled(eco.graph, name, True, actor="test")
    assert users.verify(eco.graph, name, PASSWORD) is None
    users.set_disabled(eco.graph, name, False, actor="test")
    users.set_role(eco.graph, name, "key_worker", actor="test")
    users.set_password(eco.graph, name, PASSWORD + " two", actor="test")
    assert users.verify(eco.graph, name, PASSWORD) is None
    user = users.verify(eco.graph, name, PASSWORD + " two")
    assert user is not None and user.role == "key_worker" and user.epoch == 4
    with pytest.raises(users.UserError, match="no user"):
        users.set_role(eco.graph, uniq(), "viewer", actor="test")


def test_the_last_enabled_admin_cannot_be_disabled_or_demoted(eco: Ecosystem) -> None:
    only = uniq("admin")
    users.create(eco.graph, only, "admin", PASSWORD, actor="test")
    others = [u for u in users.list_users(eco.graph)
              if u.role == "admin" and not u.disabled and u.username != only]
    for u in others:
        users.set_disabled(eco.graph, u.username, True, actor="test")
    try:
        with pytest.raises(users.UserError, match="only enabled admin"):
            users.set_disabled(eco.graph, only, True, actor="test")
        with pytest.raises(users.UserError, match="only enabled admin"):
            users.set_role(eco.graph, only, "viewer", actor="test")
    finally:
        for u in others:
            users.set_disabled(eco.graph, u.username, False, actor="test")
        if others:  # with none, `only` stays the enabled admin (it cannot be disabled)
            users.set_disabled(eco.graph, only, True, actor="test")


@pytest.mark.no_neo4j
def test_no_default_user_or_password_in_the_code() -> None:
    code = [p for d in ("ecosystem", "web") for p in (ROOT / d).rglob("*.py")]
    for path in code:
        body = path.read_text()
        assert not re.search(r"users\.create\([^)]*['\"]admin['\"]", body), path
        assert "default_password" not in body.lower(), path


# --- the CLI ----------------------------------------------------------------------------------

def _cli(eco: Ecosystem, tmp_path: Path, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    env = cli_env(eco, tmp_path)
    return CliRunner().invoke(cli, list(args), env=env, input=stdin)


def test_cli_users_add_list_set_role_disable_and_audit(eco: Ecosystem, tmp_path: Path) -> None:
    start = now()
    name = uniq("cli")
    r = _cli(eco, tmp_path, "users", "add", name, "--role", "admin", "--password-stdin",
             stdin=PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    assert users.verify(eco.graph, name, PASSWORD) == users.User(name, "admin")
    # The password prompt asks twice and refuses a mismatch.
    r = _cli(eco, tmp_path, "users", "add", uniq("cli"), "--role", "viewer",
             stdin=f"{PASSWORD}\n{PASSWORD}x\n{PASSWORD}\n{PASSWORD}\n")
    assert r.exit_code == 0 and "do not match" in r.output, r.output
    r = _cli(eco, tmp_path, "users", "add", uniq("cli"), "--role", "viewer",
             "--password-stdin", stdin="short\n")
    assert r.exit_code != 0 and "at least 12" in r.output
    r = _cli(eco, tmp_path, "users", "add", name, "--role", "viewer", "--password-stdin",
             stdin=PASSWORD + "\n")
    assert r.exit_code != 0 and "already a user" in r.output
    assert _cli(eco, tmp_path, "users", "set-role", name, "commissioner").exit_code == 0
    assert _cli(eco, tmp_path, "users", "disable", name).exit_code == 0
    listed = _cli(eco, tmp_path, "users", "list").output
    assert re.search(rf"^{re.escape(name)}\s+commissioner\s+disabled$", listed, re.M), listed
    assert _cli(eco, tmp_path, "users", "enable", name).exit_code == 0
    assert users.verify(eco.graph, name, PASSWORD) == users.User(name, "commissioner", False, 3)
    r = _cli(eco, tmp_path, "users", "set-role", name, "wizard")
    assert r.exit_code != 0

    out = _cli(eco, tmp_path, "audit", "--since", start.isoformat(), "--format", "csv").output
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["target"] == name]
    assert [r["action"] for r in reversed(rows)] == [
        "user.create", "user.set_role", "user.disable", "user.enable"]
    assert all(r["username"].startswith("cli:") for r in rows)
    assert PASSWORD not in out
    text_out = _cli(eco, tmp_path, "audit", "--since", start.isoformat()).output
    assert f"user.set_role  {name}  admin -> commissioner" in text_out
    assert _cli(eco, tmp_path, "audit", "--since", "yesterday").exit_code != 0


def test_imports_are_audited(eco: Ecosystem) -> None:
    from conftest import SMALL_AREA

    start = now()
    eco.import_tables(SMALL_AREA, actor="someone", source="small area")
    mine = [e for e in entries_since(eco, start) if e.action == "import"]
    assert mine and mine[0].username == "someone" and mine[0].target == "small area"
    assert "written=True" in mine[0].detail


# --- the audit log is append-only --------------------------------------------------------------

def test_audit_log_survives_clearing_the_map(eco: Ecosystem) -> None:
    marker = uniq("marker")
    audit.record(eco.graph, "test", "test.marker", marker, "")
    eco.clear()
    assert any(e.target == marker for e in audit.entries(eco.graph, now()
                                                         - dt.timedelta(minutes=5)))
    assert "AuditEntry" not in eco.counts() and "User" not in eco.counts()


@pytest.mark.no_neo4j
def test_only_one_query_writes_audit_entries_and_none_changes_them() -> None:
    writes = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE)\b")
    for name in queries.all_names():
        body = "\n".join(line for line in queries.load(name).splitlines()
                         if not line.strip().startswith("//"))
        if "AuditEntry" not in body or not writes.search(body):
            continue
        if name == "audit/append":
            assert "CREATE (a:AuditEntry" in body and not re.search(
                r"\b(MERGE|SET|DELETE|REMOVE)\b", body)
        elif name in ("admin/clear", "admin/clear_relationships"):
            assert re.search(r"NOT \(n:User OR n:AuditEntry\b", body)
        elif name == "schema/constraints":
            assert "CREATE INDEX audit_at" in body
        elif name == "backup/merge_audit":
            # Restore brings a backup's log back only into an empty log (see
            # ecosystem/backup.py and tests/test_backup.py); it only creates.
            assert "CREATE (n:AuditEntry)" in body and not re.search(
                r"\b(MERGE|DELETE|REMOVE)\b", body)
        else:
            raise AssertionError(f"{name} writes AuditEntry nodes")


@pytest.mark.no_neo4j
def test_audit_csv_defuses_formulas() -> None:
    e = audit.AuditEntry(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "=cmd", "x", "+1", "@SUM(A1)")
    rows = list(csv.reader(io.StringIO(audit.to_csv([e]))))
    assert rows[1][1:] == ["'=cmd", "x", "'+1", "'@SUM(A1)"]


# --- sign-in ----------------------------------------------------------------------------------

def test_pages_need_sign_in(app: Flask) -> None:
    anon = app.test_client()
    resp = anon.get("/services/svc-hf?x=1")
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/sign-in?next=/services/svc-hf?x%3D1"
    page = anon.get("/sign-in")
    assert page.status_code == 200 and "<h1>Sign in</h1>" in text(page)
    assert 'id="search-field"' not in text(page)  # no search box before sign-in
    resp = anon.get("/services/a b")
    assert resp.headers["Location"] == "/sign-in?next=/services/a%2520b"
    assert anon.get("/static/app.css").status_code == 200
    assert anon.get("/no-such-page").status_code == 302  # what exists is not revealed
    assert anon.post("/admin/users", data={}).status_code == 302


def test_sign_in_and_out_with_audit(app: Flask, eco: Ecosystem) -> None:
    name = uniq("kw")
    users.create(eco.graph, name, "key_worker", PASSWORD, actor="test")
    start = now()
    c = app.test_client()
    resp = sign_in(c, name.upper(), PASSWORD, next_url="/search?q=debt")
    assert resp.status_code == 302 and resp.headers["Location"] == "/search?q=debt"
    page = text(c.get("/"))
    assert f"{name} (key worker)" in page and "Sign out" in page
    # Sign out is a POST with the CSRF token; afterwards the old cookie is worth nothing.
    stolen = c.get_cookie("session")
    assert stolen is not None
    resp = c.post("/sign-out", data={"csrf_token": csrf_token(c, "/")})
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/sign-in")
    assert c.get("/").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", stolen.value)
    assert replay.get("/").status_code == 302
    actions = [(e.action, e.username) for e in reversed(entries_since(eco, start))
               if e.username == name]
    assert actions == [("sign_in", name), ("sign_out", name)]


def test_wrong_password_is_refused_and_logged_without_the_password(
        app: Flask, eco: Ecosystem) -> None:
    name = uniq()
    users.create(eco.graph, name, "viewer", PASSWORD, actor="test")
    start = now()
    c = app.test_client()
    resp = sign_in(c, name, "wrong password here")
    assert resp.status_code == 200
    assert "The username or password is not right" in text(resp)
    assert c.get("/").status_code == 302
    resp = sign_in(c, "Robert'); MATCH (n) DETACH DELETE n; //", "x")
    assert resp.status_code == 200
    logged = entries_since(eco, start)
    assert [e.target for e in logged if e.action == "sign_in.failed"] == [
        "(not a username)", name]
    assert "wrong password here" not in str(logged)
    assert users.get(eco.graph, name) is not None  # the injection attempt was just text


def test_disabled_user_cannot_sign_in(app: Flask, eco: Ecosystem) -> None:
    name = uniq()
    users.create(eco.graph, name, "viewer", PASSWORD, actor="test")
    users.set_disabled(eco.graph, name, True, actor="test")
    c = app.test_client()
    assert sign_in(c, name, PASSWORD).status_code == 200
    assert c.get("/").status_code == 302


def test_sessions_end_when_a_user_is_disabled_or_changes_role(login, eco: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    name = uniq()
    c = login("analyst", name)
    assert c.get("/").status_code == 200
    users.set_role(eco.graph, name, "viewer", actor="test")
    assert c.get("/").status_code == 302
    c = login("viewer", name)
    assert c.get("/").status_code == 200
    users.set_disabled(eco.graph, name, True, actor="test")
    assert c.get("/").status_code == 302


def test_sign_in_throttles_guessing(app: Flask, eco: Ecosystem) -> None:
    name = uniq()
    users.create(eco.graph, name, "viewer", PASSWORD, actor="test")
    c = app.test_client()
    for _ in range(5):
        assert sign_in(c, name, "not the password at all").status_code == 200
    resp = sign_in(c, name, PASSWORD)  # even the right password, for a while
    assert resp.status_code == 429 and "Too many attempts" in text(resp)
    assert c.get("/").status_code == 302


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil",
                                    "javascript:alert(1)", "evil", "/\t/evil.example",
                                    "/\n/evil.example", " //evil.example"])
def test_no_open_redirect_after_sign_in(app: Flask, eco: Ecosystem, target: str) -> None:
    ensure_user(eco, "test-viewer", "viewer")
    resp = sign_in(app.test_client(), "test-viewer", TEST_PASSWORD, next_url=target)
    assert resp.status_code == 302 and resp.headers["Location"] == "/"


# --- CSRF, cookies, headers ---------------------------------------------------------------------

def test_every_form_post_needs_the_csrf_token(app: Flask, login, eco: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    ensure_user(eco, "test-viewer", "viewer")
    anon = app.test_client()
    resp = anon.post("/sign-in", data={"username": "test-viewer", "password": TEST_PASSWORD})
    assert resp.status_code == 400 and "The form has expired" in text(resp)
    admin = login("admin")
    name = uniq()
    resp = admin.post("/admin/users", data={"username": name, "role": "viewer",
                                            "password": PASSWORD, "password_again": PASSWORD})
    assert resp.status_code == 400 and users.get(eco.graph, name) is None
    assert admin.post("/sign-out").status_code == 400
    assert admin.get("/").status_code == 200  # still signed in


def test_session_cookie_flags(app: Flask, eco: Ecosystem) -> None:
    ensure_user(eco, "test-viewer", "viewer")
    app.config.update(TESTING=False)  # as in production: Secure by default
    resp = sign_in(app.test_client(), "test-viewer", TEST_PASSWORD)
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    app.config.update(ECOSYSTEM_COOKIE_SECURE=False)  # ECOSYSTEM_COOKIE_SECURE=0: local http
    resp = sign_in(app.test_client(), "test-viewer", TEST_PASSWORD)
    assert "Secure" not in resp.headers["Set-Cookie"]


def test_cookie_secure_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                   eco: Ecosystem) -> None:
    from web import create_app

    def from_env() -> Settings:
        return dataclasses.replace(eco.settings, cookie_secure=Settings.from_env().cookie_secure)

    monkeypatch.setenv("ECOSYSTEM_COOKIE_SECURE", "0")
    assert create_app(from_env(), eco).config["ECOSYSTEM_COOKIE_SECURE"] is False
    monkeypatch.delenv("ECOSYSTEM_COOKIE_SECURE")
    assert create_app(from_env(), eco).config["ECOSYSTEM_COOKIE_SECURE"] is None


def test_security_headers_on_pages(client: FlaskClient, app: Flask) -> None:
    for resp in (client.get("/"), app.test_client().get("/sign-in")):
        h = resp.headers
        csp = h["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert h["X-Frame-Options"] == "DENY"
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["Cache-Control"] == "no-store"
        assert h["Referrer-Policy"] == "same-origin"
        assert "camera=()" in h["Permissions-Policy"]
    assert "no-store" not in client.get("/static/app.css").headers.get("Cache-Control", "")


@pytest.mark.no_neo4j
def test_no_inline_script_in_any_template() -> None:
    for path in (ROOT / "web" / "templates").rglob("*.html"):
        body = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", body):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", body), path  # no onclick= handlers


# --- admin pages ------------------------------------------------------------------------------

def test_admin_adds_and_changes_users_on_the_web(login, eco: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    start = now()
    admin = login("admin")
    name = uniq("web")
    token = csrf_token(admin, "/admin/users")
    resp = admin.post("/admin/users", data={"csrf_token": token, "username": name,
                                            "role": "analyst", "password": PASSWORD,
                                            "password_again": PASSWORD})
    assert resp.status_code == 302
    assert f"Added {name} (Analyst)." in text(admin.get("/admin/users"))
    resp = admin.post("/admin/users", data={"csrf_token": token, "username": uniq(),
                                            "role": "analyst", "password": PASSWORD,
                                            "password_again": "different"})
    assert resp.status_code == 400 and "not the same" in text(resp)
    resp = admin.post(f"/admin/users/{name}", data={"csrf_token": token,
                                                    "action": "set_role", "role": "viewer"})
    assert resp.status_code == 302
    admin.post(f"/admin/users/{name}", data={"csrf_token": token, "action": "disable"})
    assert users.get(eco.graph, name) == users.User(name, "viewer", True, 2)
    resp = admin.post(f"/admin/users/{name}", data={"csrf_token": token, "action": "zap"})
    assert resp.status_code == 400
    logged = [(e.username, e.action) for e in reversed(entries_since(eco, start))
              if e.target == name]
    assert logged == [("test-admin", "user.create"), ("test-admin", "user.set_role"),
                      ("test-admin", "user.disable")]


def test_audit_page_and_csv_for_admins(login, eco: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    marker = uniq("marker")
    audit.record(eco.graph, "test", "test.marker", marker, "<script>x</script>")
    admin = login("admin")
    page = text(admin.get("/admin/audit"))
    assert marker in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x</script>" not in page
    since = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    resp = admin.get(f"/admin/audit.csv?since={since}")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    assert marker in text(resp)
    assert "Enter a date" in text(admin.get("/admin/audit?since=soon"))
    assert any(e.action == "audit.export" for e in audit.entries(eco.graph, now()))


# --- in a real browser: sign in through the form, no CSP violation on any page -----------------

@pytest.fixture
def trust_server(app: Flask, riverside: Ecosystem):  # type: ignore[no-untyped-def]
    """A live server that is NOT pre-signed-in (unlike tests/test_browser.py's live_server)."""
    from browser import served

    with served(app) as url:
        yield url


def _html_pages(app: Flask) -> list[str]:
    """Every page an admin can open without arguments (downloads left out), plus entity pages."""
    pages = [r.rule for r in app.url_map.iter_rules()
             if "GET" in (r.methods or set()) and not r.arguments and r.endpoint not in PUBLIC
             and not re.search(r"\.[a-z]+$", r.rule)]
    return sorted(pages) + ["/services/svc-hf", "/providers/prov-mind", "/areas/E06000999"]


@pytest.mark.browser
def test_browser_sign_in_and_pages_without_csp_violations(trust_server: str, app: Flask,
                                                          eco: Ecosystem) -> None:
    from urllib.parse import urlsplit

    from browser import CHROMIUM, CHROMIUM_ARGS
    from test_browser import check_accessible

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing (`make browser`)", pytrace=False)
    from playwright.sync_api import sync_playwright

    ensure_user(eco, "test-admin", "admin")
    problems: list[str] = []
    here = urlsplit(trust_server).netloc
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.route("**/*", lambda r: r.continue_()
                       if urlsplit(r.request.url).netloc == here
                       or r.request.url.startswith("data:")
                       else (problems.append(f"external: {r.request.url}"), r.abort()))
            page.on("console", lambda m: m.type in ("error", "warning")
                    and problems.append(f"console {m.type}: {m.text}"))
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            # Report every CSP violation the page sees, even ones the console would not show.
            page.add_init_script(
                "document.addEventListener('securitypolicyviolation', e => "
                "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")

            page.goto(trust_server + "/services/svc-hf")
            page.wait_for_url(re.compile(r"/sign-in\?next="))
            check_accessible(page)
            page.fill("#username", "test-admin")
            page.fill("#password", TEST_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url("**/services/svc-hf")
            page.wait_for_selector(".app-network--ready canvas", timeout=15000)
            page.goto(trust_server + "/")
            page.wait_for_selector(".app-network--ready canvas", timeout=15000)
            assert page.get_by_text("test-admin (admin)").count() == 1
            for path in _html_pages(app):
                n = len(problems)
                resp = page.goto(trust_server + path)
                assert resp is not None and resp.status == 200, path
                page.wait_for_load_state("networkidle")
                problems[n:] = [f"{path}: {p}" for p in problems[n:]]
            for path in ("/admin/users", "/admin/audit"):
                page.goto(trust_server + path)
                check_accessible(page)
            page.get_by_role("button", name="Sign out").click()
            page.wait_for_url(re.compile(r"/sign-in\?signed_out=1$"))
            page.goto(trust_server + "/")
            page.wait_for_url(re.compile(r"/sign-in\?next="))
        finally:
            browser.close()
    assert problems == [], "\n".join(problems)


def test_session_key_is_kept_in_a_private_file_and_shared_by_workers(
        eco: Ecosystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from web import create_app
    from web.access import session_data

    monkeypatch.delenv("ECOSYSTEM_SECRET_KEY", raising=False)
    settings = dataclasses.replace(eco.settings, data_dir=tmp_path)
    one, two = create_app(settings, eco), create_app(settings, eco)  # two workers
    assert one.config["SECRET_KEY"] == two.config["SECRET_KEY"]
    assert (tmp_path / "web-secret.key").stat().st_mode & 0o777 == 0o600
    user = ensure_user(eco, "test-viewer", "viewer")
    c = one.test_client()
    with c.session_transaction() as s:
        s.update(session_data(user))
    c2 = two.test_client()
    c2.set_cookie("session", c.get_cookie("session").value)  # type: ignore[union-attr]
    assert c2.get("/").status_code == 200
    key = "from the environment, long and random: 8f2k1q"
    monkeypatch.setenv("ECOSYSTEM_SECRET_KEY", key)
    settings = dataclasses.replace(settings, secret_key=Settings.from_env().secret_key)
    assert create_app(settings, eco).config["SECRET_KEY"] == key.encode()


def test_key_rotation_clear_people_then_reimport_with_the_new_key(
        eco: Ecosystem, tmp_path: Path) -> None:
    import dataclasses

    from conftest import SMALL_AREA

    from ecosystem.importers.pseudonymise import pseudonym

    people = [{"person_ref": "NHS-999", "age_band": "25-34", "area_id": "E06000999"}]
    assert eco.import_tables({**SMALL_AREA, "people": people}).ok
    old_id = pseudonym("NHS-999", eco.settings.resolve_pseudonym_key())
    services = eco.counts()["Service"]
    start = now()
    r = _cli(eco, tmp_path, "clear-people", "--yes")
    assert r.exit_code == 0 and "Deleted 1 people and 0 events." in r.output, r.output
    assert eco.counts().get("Person", 0) == 0 and eco.counts()["Service"] == services
    assert [e.detail for e in entries_since(eco, start) if e.action == "people.clear"] == [
        "people=1 events=0"]
    rotated = Ecosystem(dataclasses.replace(eco.settings, pseudonym_key="a new key"), eco.graph)
    assert rotated.import_tables({"people": people}).ok
    def exists(person_id: str) -> bool:
        return bool(eco.graph.read("access/person_key_worker", person_id=person_id)[0]["found"])

    assert exists(pseudonym("NHS-999", "a new key")) and not exists(old_id)
    assert eco.counts()["Person"] == 1


def test_first_admin_only_when_there_is_none(eco: Ecosystem, tmp_path: Path) -> None:
    ensure_user(eco, "test-admin", "admin")
    r = _cli(eco, tmp_path, "users", "first-admin", uniq("first"), "--password-stdin",
             stdin=PASSWORD + "\n")
    assert r.exit_code == 0 and "Admins who can sign in:" in r.output and "test-admin" in r.output
    admins = [u.username for u in users.list_users(eco.graph)
              if u.role == "admin" and not u.disabled]
    # No enabled admin left (the raw query goes round the keep-one-admin guard), as on a
    # fresh install; the finally block puts them back.
    for name in admins:
        eco.graph.write("users/set_disabled", username=name, disabled=True)
    first = uniq("first")
    try:
        r = _cli(eco, tmp_path, "users", "first-admin", first, "--password-stdin",
                 stdin=PASSWORD + "\n")
        assert r.exit_code == 0 and f"Added {first} (admin)." in r.output, r.output
        assert users.verify(eco.graph, first, PASSWORD) == users.User(first, "admin")
    finally:
        for name in admins:
            users.set_disabled(eco.graph, name, False, actor="test")
        users.set_disabled(eco.graph, first, True, actor="test")


def test_cli_export_and_restore_are_audited(eco: Ecosystem, tmp_path: Path) -> None:
    start = now()
    out = tmp_path / "backup"
    assert _cli(eco, tmp_path, "export", str(out)).exit_code == 0
    assert _cli(eco, tmp_path, "restore", "--yes", str(tmp_path)).exit_code != 0  # not a backup
    logged = [(e.action, e.target) for e in reversed(entries_since(eco, start))
              if e.action in ("export", "restore", "restore.failed")]
    assert logged == [("export", str(out)), ("restore.failed", str(tmp_path))]
