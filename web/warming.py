"""Warm start, the web app's part: until the app has prepared itself, every request (but
the static files) gets a short "starting" page (503, `Retry-After: 2`) instead of a wait.

Preparing, in a background thread: the core's `Ecosystem.warm()` loads the stores and
indexes into Neo4j's page cache and picks one entry of each kind; then each GET page is
rendered once, by calling its view with those entries as a synthetic admin (never stored,
and not audited: the access hooks do not run), so Neo4j plans and caches the pages'
queries and Python imports the modules and compiles the templates they need. The map is
not changed: the views of GET pages only read, and the one write is the audit entry that the
web pages started (ecosystem/warmup.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, g, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Rule

from ecosystem.accounts.users import ADMIN, User
from ecosystem.warmup import Samples

from .core import get_ecosystem

log = logging.getLogger(__name__)

STATE = "ecosystem.warming"
RETRY_SECONDS = 2
# Served while warming: the starting page needs its stylesheet.
OPEN_WHILE_WARMING = {"static"}
# The user the pages are rendered as: an admin sees every page. Not a stored user.
WARM_ADMIN = User(username="warm-start", role=ADMIN)
# Downloads are not pages, and are audited when made (warming must not audit them).
SKIP_SUFFIXES = (".zip", ".xlsx", ".csv")
# Pages that answer what was typed (nothing without it): warmed with a word of a service's name.
TYPED = ("/search", "/search/suggest", "/choices/<name>")


@dataclass
class State:
    ready: threading.Event = field(default_factory=threading.Event)
    # Set once the ready callbacks have run (the "Serving the map on ..." line).
    done: threading.Event = field(default_factory=threading.Event)
    on_ready: list[Callable[[], None]] = field(default_factory=list)
    pages: dict[str, int | str] = field(default_factory=dict)  # path -> status or error
    lock: threading.Lock = field(default_factory=threading.Lock)
    thread: threading.Thread | None = None

    def finish(self) -> None:
        self.ready.set()
        with self.lock:  # a callback added meanwhile is not missed (see when_ready)
            callbacks, self.on_ready = self.on_ready, []
            for callback in callbacks:
                callback()
            self.done.set()


def init_app(app: Flask) -> None:
    """Register the starting page: first of the before-request hooks, so a request while
    warming never reaches the sign-in check. Not warming until `begin`."""
    app.extensions[STATE] = State()
    app.before_request(_starting)


def begin(app: Flask, warm: bool) -> None:
    """Once every page is registered: start warming, or without `warm` be ready now."""
    if warm:
        start(app)
    else:
        state(app).finish()


def state(app: Flask) -> State:
    return app.extensions[STATE]


def start(app: Flask, gate: threading.Event | None = None) -> threading.Thread:
    """Warm `app` in a background thread; until done, requests get the starting page.
    `gate`: the thread waits for it first (for tests, to see the starting page)."""
    s = state(app)
    s.ready.clear()
    s.done.clear()
    s.thread = threading.Thread(target=_warm, args=(app, gate), name="warm-start", daemon=True)
    s.thread.start()
    return s.thread


def when_ready(app: Flask, callback: Callable[[], None]) -> None:
    """Call `callback` once the app is ready (now, if it is already)."""
    s = state(app)
    with s.lock:
        if not s.done.is_set():
            s.on_ready.append(callback)
            return
    callback()


def wait(app: Flask, timeout: float | None = None) -> bool:
    """Wait until the app is ready and its ready callbacks have run."""
    return state(app).done.wait(timeout)


def _warm(app: Flask, gate: threading.Event | None) -> None:
    s = state(app)
    try:
        if gate is not None:
            gate.wait()
        with app.app_context():
            samples = get_ecosystem().warm()
        for rule in pages(app):
            path = url_for_warming(rule, samples)
            if path is not None:
                s.pages[path] = render(app, rule, path)
    except Exception:  # Neo4j down, say: the pages will say so; serve anyway
        log.exception("warm start failed; serving without it")
    finally:
        s.finish()


def pages(app: Flask) -> list[Rule]:
    """The GET pages (no static files, no downloads), in path order."""
    return sorted((r for r in app.url_map.iter_rules()
                   if "GET" in (r.methods or ()) and r.endpoint != "static"
                   and not r.rule.endswith(SKIP_SUFFIXES)), key=lambda r: r.rule)


def url_for_warming(rule: Rule, samples: Samples) -> str | None:
    """The path to warm `rule` with, its arguments filled from the samples; None when an
    argument cannot be filled (no such entry in the map, or not an entry's id)."""
    prefix = rule.rule.strip("/").split("/")[0]
    ids = {"services": samples.service, "providers": samples.provider,
           "commissioners": samples.commissioner, "cohorts": samples.cohort,
           "areas": samples.area, "edit": samples.service, "history": samples.service,
           "key-worker": samples.person}
    values: dict[str, str | None] = {}
    for arg in rule.arguments:
        if arg == "table":
            values[arg] = "services"
        elif arg == "name" and prefix == "choices":
            values[arg] = "areas"  # the long list the most boxes ask
        elif arg in ("id", "key", "person_id"):
            values[arg] = ids.get(prefix)
        else:
            return None
        if values[arg] is None:
            return None
    path = rule.rule
    for arg, value in values.items():
        path = path.replace(f"<path:{arg}>", str(value)).replace(f"<{arg}>", str(value))
    if rule.rule in TYPED and samples.service_name:
        return f"{path}?q={samples.service_name.split()[0]}"
    return path


def render(app: Flask, rule: Rule, path: str) -> int | str:
    """Render one page by calling its view directly as WARM_ADMIN: the before- and
    after-request hooks (sign-in, audit) do not run. Its status, or the error's name."""
    with app.test_request_context(path, method="GET"):
        g.user = WARM_ADMIN
        try:
            try:
                rv: Any = app.view_functions[rule.endpoint](**(request.view_args or {}))
            except HTTPException as e:  # a 404 for a sample...: its error page, as served
                rv = app.handle_user_exception(e)
            response = app.make_response(rv)
            response.get_data()  # a streamed download runs here
            return response.status_code
        except Exception as e:
            code = getattr(e, "code", None)
            return code if isinstance(code, int) else type(e).__name__


def _starting() -> ResponseReturnValue | None:
    s = state(current_app)
    if s.ready.is_set() or request.endpoint in OPEN_WHILE_WARMING:
        return None
    with s.lock:
        if s.thread is not None and not s.thread.is_alive() and not s.ready.is_set():
            # Forked after warming began (gunicorn --preload): the thread stayed behind.
            start(current_app._get_current_object())  # type: ignore[attr-defined]
    return None if s.ready.is_set() else _starting_page()


def _starting_page() -> ResponseReturnValue:
    return (render_template("errors/starting.html", retry=RETRY_SECONDS), 503,
            {"Retry-After": str(RETRY_SECONDS)})
