"""Behind a trusted TLS proxy: HSTS, the client's address; no versions in the Server header
(issue 16 §2)."""

from __future__ import annotations

import dataclasses
import threading
import urllib.request
from typing import Any

import pytest
from flask import Flask, request

from ecosystem import Ecosystem, Settings
from web import create_app
from web.access import EVERYONE


def _app(eco: Ecosystem, proxies: int) -> Flask:
    app = create_app(dataclasses.replace(eco.settings, trusted_proxies=proxies), eco)
    app.config.update(TESTING=True)
    app.add_url_rule("/_addr", "_addr", lambda: f"{request.remote_addr} {request.scheme}")
    app.extensions["access_policy"]["_addr"] = EVERYONE
    return app


def _signed_in(app: Flask, eco: Ecosystem):  # type: ignore[no-untyped-def]
    from conftest import ensure_user, sign_in_client

    c = app.test_client()
    sign_in_client(c, ensure_user(eco, "test-viewer", "viewer"))
    return c


FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}


def test_behind_a_trusted_proxy_https_gets_hsts_and_the_client_address(eco: Ecosystem) -> None:
    app = _app(eco, 1)
    r = app.test_client().get("/sign-in", headers=FORWARDED)
    assert r.headers.get("Strict-Transport-Security", "").startswith("max-age=")
    c = _signed_in(app, eco)
    assert c.get("/_addr", headers=FORWARDED).get_data(as_text=True) == "203.0.113.9 https"


def test_forwarded_headers_are_ignored_without_a_trusted_proxy(eco: Ecosystem) -> None:
    app = _app(eco, 0)
    r = app.test_client().get("/sign-in", headers=FORWARDED)
    assert "Strict-Transport-Security" not in r.headers
    c = _signed_in(app, eco)
    assert c.get("/_addr", headers=FORWARDED).get_data(as_text=True) == "127.0.0.1 http"
    # Direct https still gets HSTS.
    r = app.test_client().get("/sign-in", base_url="https://localhost")
    assert "Strict-Transport-Security" in r.headers


def test_the_proxy_count_setting(tmp_path: Any) -> None:
    base = {"ECOSYSTEM_DATA_DIR": str(tmp_path)}
    assert Settings.from_env(base).trusted_proxies == 0
    assert Settings.from_env({**base, "ECOSYSTEM_TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    with pytest.raises(ValueError, match="ECOSYSTEM_TRUSTED_PROXIES"):
        Settings.from_env({**base, "ECOSYSTEM_TRUSTED_PROXIES": "-1"})


def test_the_dev_server_header_has_no_versions(app: Flask) -> None:
    from werkzeug.serving import make_server

    from web.serving import RequestHandler

    server = make_server("127.0.0.1", 0, app, request_handler=RequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/sign-in") as resp:
            header = resp.headers.get_all("Server")
    finally:
        server.shutdown()
    assert header and len(header) == 1
    assert not any(ch.isdigit() for ch in header[0]) and "Python" not in header[0], header


def test_ecosystem_serve_uses_that_handler(eco: Ecosystem, monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Any) -> None:
    from click.testing import CliRunner
    from conftest import TEST_KEY

    from ecosystem.cli import cli
    from web.serving import RequestHandler

    seen: dict[str, Any] = {}
    monkeypatch.setattr(Flask, "run", lambda self, **kw: seen.update(kw))
    s = eco.settings
    env = {"NEO4J_URI": s.neo4j_uri or "", "NEO4J_USER": s.neo4j_user,
           "NEO4J_PASSWORD": s.neo4j_password or "", "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY,
           "ECOSYSTEM_DATA_DIR": str(tmp_path),
           # Flask.run returns at once here: a warming thread would still be writing to the
           # runner's captured output as it is read (a BufferError, seen once in CI).
           "ECOSYSTEM_WARM_START": "0"}
    r = CliRunner().invoke(cli, ["serve", "--port", "5999"], env=env)
    assert r.exit_code == 0, r.output
    assert seen.get("request_handler") is RequestHandler
