"""The web app: `create_app()` builds a Flask app; pages are blueprints in `web.blueprints`."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from flask.typing import ResponseReturnValue
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from ecosystem import Ecosystem, Settings

from . import access, core, filters, warming
from .blueprints import BLUEPRINTS
from .navigation import FOOTER, nav_links

SERVICE_NAME = "Social support map"

# Everything is served from this app: no CDN, no inline script or style. (vis-network's
# "peer" build is vendored because its standalone build injects <style> elements.)
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def create_app(settings: Settings | None = None,
               ecosystem: Ecosystem | None = None) -> Flask:
    """Build the app. With `ecosystem` given, the app uses it and leaves closing it to the
    caller; otherwise it opens one from `settings` (or the environment) on first use.
    Unless `settings.warm_start` is off, the app starts warming at once in a background
    thread and answers a "starting" page until it is ready (web/warming.py)."""
    app = Flask(__name__)
    settings = settings or (ecosystem.settings if ecosystem else Settings.from_env())
    app.config.from_mapping(
        SERVICE_NAME=SERVICE_NAME,
        ECOSYSTEM_ORGANISATION=settings.organisation,
        ECOSYSTEM_CONTACT_EMAIL=settings.contact_email,
        ECOSYSTEM_SUPPRESSION_THRESHOLD=settings.suppression_threshold,
        ECOSYSTEM_SUPPRESSION_ROUNDING=settings.suppression_rounding,
    )
    if settings.trusted_proxies:  # believe X-Forwarded-For/-Proto from that many proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies,  # type: ignore[method-assign]
                                x_proto=settings.trusted_proxies)
    core.init_app(app, settings, ecosystem)
    filters.init_app(app)
    # Before access: a request while warming gets the starting page, signed in or not.
    warming.init_app(app)
    access.init_app(app, settings)  # sign-in, access policy, CSRF, session cookie, headers
    for bp in BLUEPRINTS:
        app.register_blueprint(bp)

    @app.context_processor
    def _layout() -> dict[str, Any]:
        return {"service_name": SERVICE_NAME, "nav_links": nav_links(current_app),
                "footer_links": FOOTER}

    app.after_request(_security_headers)
    warming.begin(app, warm=settings.warm_start is not False)
    return app


def _security_headers(response: Response) -> ResponseReturnValue:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


__all__ = ["create_app", "SERVICE_NAME"]
