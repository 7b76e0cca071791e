"""What the browser tests share: the app served on loopback, a page in Debian's Chromium
that refuses (and reports) any request to another host, console errors and page errors, and
the accessibility check every page passes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
# As root, without a sandbox; and no background traffic, which this closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@contextmanager
def served(app: Any) -> Iterator[str]:
    """Serve `app` on a free port of 127.0.0.1 in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@contextmanager
def chromium_page(base_url: str, accept_downloads: bool = False) -> Iterator[Any]:
    """A Playwright page; `page.problems` lists external requests and errors seen."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make browser`, or "
                    "`apt-get install chromium`). Browser tests never download a browser.",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      accept_downloads=accept_downloads)
        pg = context.new_page()
        problems: list[str] = []
        here = urlsplit(base_url).netloc

        def route(r: Any) -> None:
            if urlsplit(r.request.url).netloc == here or r.request.url.startswith("data:"):
                r.continue_()
            else:
                problems.append(f"external request: {r.request.url}")
                r.abort()

        pg.route("**/*", route)
        pg.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
        pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        pg.problems = problems
        try:
            yield pg
        finally:
            browser.close()


@contextmanager
def session_as(app: Any, user: Any) -> Iterator[None]:
    """Every request to `app` without a session cookie of its own carries one signed in as
    `user` (a User, or a callable giving the User at each request, to switch users)."""
    from web.access import session_data

    serializer = app.session_interface.get_signing_serializer(app)
    name = app.config["SESSION_COOKIE_NAME"]
    inner = app.wsgi_app
    cookies: dict[str, str] = {}

    def cookie() -> str:
        u = user() if callable(user) else user
        if u.username not in cookies:
            cookies[u.username] = serializer.dumps(session_data(u))
        return cookies[u.username]

    def with_session(environ: dict[str, Any], start_response: Any) -> Any:
        if f"{name}=" not in environ.get("HTTP_COOKIE", ""):
            environ["HTTP_COOKIE"] = "; ".join(
                c for c in (environ.get("HTTP_COOKIE"), f"{name}={cookie()}") if c)
        return inner(environ, start_response)

    app.wsgi_app = with_session
    try:
        yield
    finally:
        app.wsgi_app = inner


def check_accessible(page: Any) -> None:
    """axe finds no violation on the page, of any impact (minor and moderate included)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert not results.response["violations"], results.generate_report()
