"""The web layer's access to the core object: one `Ecosystem` (one Neo4j driver) per process.

Opened lazily on first use, not in `create_app`: the app can start (and show a 503 page)
while Neo4j is down, and under gunicorn each worker opens its own driver after the fork
(drivers are not fork-safe). Closed at interpreter exit, never per request.
"""

from __future__ import annotations

import atexit
import threading

from flask import Flask, current_app

from ecosystem import Ecosystem, Settings
from ecosystem.db import graph

EXTENSION = "ecosystem"
_SETTINGS = "ecosystem.settings"
_LOCK = "ecosystem.lock"

# A page should fail in seconds, not after the driver's default 30 s of retries.
WEB_RETRY_SECONDS = 3.0
WEB_CONNECT_SECONDS = 5.0


def init_app(app: Flask, settings: Settings, ecosystem: Ecosystem | None) -> None:
    app.extensions[_SETTINGS] = settings
    app.extensions[_LOCK] = threading.Lock()
    if ecosystem is not None:  # given by the caller, who closes it
        app.extensions[EXTENSION] = ecosystem
    # One read of the map's version per request, however many kept results the page shows.
    app.before_request(graph.hold_version)
    app.teardown_request(lambda _exc: graph.release_version())


def get_ecosystem() -> Ecosystem:
    """The app's core object; raises `DatabaseUnavailable` if Neo4j cannot be reached."""
    app = current_app
    eco: Ecosystem | None = app.extensions.get(EXTENSION)
    if eco is None:
        with app.extensions[_LOCK]:
            eco = app.extensions.get(EXTENSION)
            if eco is None:
                eco = open_for_web(app.extensions[_SETTINGS])
                app.extensions[EXTENSION] = eco
                atexit.register(eco.close)
    return eco


def open_for_web(settings: Settings) -> Ecosystem:
    return Ecosystem.open(settings, max_transaction_retry_time=WEB_RETRY_SECONDS,
                          connection_timeout=WEB_CONNECT_SECONDS,
                          connection_acquisition_timeout=WEB_CONNECT_SECONDS)
