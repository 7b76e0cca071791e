"""Error pages. They never show a stack trace, a query or data, only what to do next."""

from __future__ import annotations

import logging

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound

from ecosystem.db.graph import DatabaseUnavailable

bp = Blueprint("errors", __name__)
log = logging.getLogger(__name__)


@bp.app_errorhandler(DatabaseUnavailable)
def database_unavailable(e: DatabaseUnavailable) -> ResponseReturnValue:
    log.error("database unavailable: %s", e)
    return render_template("errors/503.html"), 503, {"Retry-After": "60"}


@bp.app_errorhandler(NotFound)
def not_found(e: NotFound) -> ResponseReturnValue:
    return render_template("errors/404.html"), 404


@bp.app_errorhandler(InternalServerError)
def internal_error(e: InternalServerError) -> ResponseReturnValue:
    # Flask has already logged the original exception with its traceback.
    return render_template("errors/500.html"), 500


@bp.app_errorhandler(HTTPException)
def other_http_error(e: HTTPException) -> ResponseReturnValue:
    return render_template("errors/http.html", error=e), e.code or 500
