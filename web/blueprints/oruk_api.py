"""The public Open Referral UK API (HSDS 3.0, UK profile) under /api/oruk/: open without
sign-in (its endpoints are in `web.access.PUBLIC`), JSON only, `Access-Control-Allow-Origin: *`.
Each view asks the core object for one thing; see docs/oruk.md."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, request, url_for
from werkzeug.wrappers import Response

from ecosystem.oruk.api import QueryError

from ..core import get_ecosystem

bp = Blueprint("oruk_api", __name__, url_prefix="/api/oruk")
# Each kind of record, as one of it is named in a 404.
KINDS = {"services": "service", "taxonomies": "taxonomy", "taxonomy_terms": "taxonomy term",
         "service_at_locations": "service at location"}


def _json(doc: Any, status: int = 200) -> Response:
    return Response(json.dumps(doc, ensure_ascii=False) + "\n", status=status,
                    mimetype="application/json")


def _error(status: int, message: str) -> Response:
    return _json({"status": status, "error": message}, status)


@bp.after_request
def _cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@bp.get("/")
def root() -> Response:
    return _json(get_ecosystem().oruk_api_root(url_for(".openapi", _external=True)))


@bp.get("/openapi.json")
def openapi() -> Response:
    return _json(get_ecosystem().oruk_openapi(url_for(".root", _external=True).rstrip("/")))


def _list(kind: str) -> Response:
    try:
        return _json(get_ecosystem().oruk_list(kind, request.args))
    except QueryError as e:
        return _error(400, str(e))


def _one(kind: str, record_id: str) -> Response:
    record = get_ecosystem().oruk_record(kind, record_id)
    if record is None:
        return _error(404, f"no published {KINDS[kind]} with id {record_id!r}")
    return _json(record)


@bp.get("/services")
def services() -> Response:
    return _list("services")


@bp.get("/services/<record_id>")
def service(record_id: str) -> Response:
    return _one("services", record_id)


@bp.get("/taxonomies")
def taxonomies() -> Response:
    return _list("taxonomies")


@bp.get("/taxonomies/<record_id>")
def taxonomy(record_id: str) -> Response:
    return _one("taxonomies", record_id)


@bp.get("/taxonomy_terms")
def taxonomy_terms() -> Response:
    return _list("taxonomy_terms")


@bp.get("/taxonomy_terms/<record_id>")
def taxonomy_term(record_id: str) -> Response:
    return _one("taxonomy_terms", record_id)


@bp.get("/service_at_locations")
def service_at_locations() -> Response:
    return _list("service_at_locations")


@bp.get("/service_at_locations/<record_id>")
def service_at_location(record_id: str) -> Response:
    return _one("service_at_locations", record_id)


@bp.get("/<path:rest>")
def unknown(rest: str) -> Response:
    return _error(404, f"no such endpoint: /api/oruk/{rest}; see /api/oruk/openapi.json")
