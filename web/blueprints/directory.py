"""The directory: a page per service, provider, commissioner, cohort and area, and search."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from .. import network
from ..core import get_ecosystem

bp = Blueprint("directory", __name__)

MAX_QUERY_LENGTH = 200


def _entity_page(kind: str, id: str) -> str:
    entity = get_ecosystem().entity(kind, id)
    if entity is None:
        abort(404)
    map_html = None
    if len(entity.network.nodes) > 1:
        map_html = network.render(entity.network, name=f"{kind}-map", size="small",
                                  title=f"{entity.name} and what it is linked to")
    return render_template("directory/entity.html", entity=entity, map_html=map_html)


@bp.get("/services/<path:id>")
def service(id: str) -> str:
    return _entity_page("service", id)


@bp.get("/providers/<path:id>")
def provider(id: str) -> str:
    return _entity_page("provider", id)


@bp.get("/commissioners/<path:id>")
def commissioner(id: str) -> str:
    return _entity_page("commissioner", id)


@bp.get("/cohorts/<path:id>")
def cohort(id: str) -> str:
    return _entity_page("cohort", id)


@bp.get("/areas/<path:id>")
def area(id: str) -> str:
    return _entity_page("area", id)


@bp.get("/search")
def search() -> str:
    q = request.args.get("q", "").strip()[:MAX_QUERY_LENGTH]
    hits = get_ecosystem().search(q) if q else []
    return render_template("directory/search.html", q=q, hits=hits)
