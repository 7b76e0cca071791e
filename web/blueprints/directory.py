"""The directory: a page per service, provider, commissioner, cohort and area, the services
list (filters as a GET form, CSV and XLSX downloads) and search (with suggestions as JSON
for the small script that offers them as you type)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ecosystem import exports
from ecosystem.accounts.users import ADMIN, PROVIDER_EDITOR
from ecosystem.directory.pages import LIST_FILTERS, SEARCH_FILTERS, FilterOption, ServiceListing

from .. import choosing, network
from ..access import current_user
from ..core import get_ecosystem
from ..filters import entity_url

bp = Blueprint("directory", __name__)

MAX_QUERY_LENGTH = 200
SUGGESTIONS = 8
FILTER_LABELS = {
    "area": "Area", "domain": "Life domain", "source": "Source of support",
    "support_type": "Type of support", "kind": "Kind of service", "status": "Status",
    "self_referral": "Self-referral", "provider": "Provider", "commissioner": "Who pays",
    "stale": "Details checked",
}
DOWNLOAD_HEADER = ("Service", "Service id", "Kind", "Provider", "Who pays", "Life domains",
                   "Capacity (people at a time)", "Wait (days)", "Self-referral", "Status",
                   "Details last checked", "Stale")


# Directory kinds whose entries can be edited, and their import table.
EDITABLE = {"service": "services", "provider": "providers", "commissioner": "commissioners",
            "cohort": "cohorts"}


def _entity_page(kind: str, id: str) -> str:
    eco = get_ecosystem()
    entity = eco.entity(kind, id)
    if entity is None:
        abort(404)
    map_html = None
    if len(entity.network.nodes) > 1:
        map_html = network.render(entity.network, name=f"{kind}-map", size="small",
                                  title=f"{entity.name} and what it is linked to")
    domains = eco.counts_by_domain(id) if kind == "area" else None
    table = EDITABLE.get(kind)
    editing = None
    if table is not None:
        user = current_user()
        may_edit = user is not None and (user.role == ADMIN or (
            user.role == PROVIDER_EDITOR and eco.may_propose(user.providers, table, id)))
        editing = {"table": table, "may_edit": may_edit, "admin": bool(
            user and user.role == ADMIN), "last_updated": eco.last_updated(table, id)}
    # A service reads as a service profile; the other kinds as a list of their details.
    template = "directory/service.html" if kind == "service" else "directory/entity.html"
    return render_template(template, entity=entity, map_html=map_html,
                           domains=domains, editing=editing)


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


def _read_filters(names: tuple[str, ...], options: dict[str, list[FilterOption]]
                  ) -> tuple[dict[str, str | None], dict[str, str]]:
    """The chosen filters from the query string; a value not on the list is an error."""
    return choosing.read_filters(request.args, names, options, FILTER_LABELS)


@bp.get("/services")
def services() -> ResponseReturnValue:
    eco = get_ecosystem()
    options = eco.service_list_options()
    filters, errors = _read_filters(LIST_FILTERS, options)
    fmt = request.args.get("format")
    if fmt in ("csv", "xlsx") and not errors:
        return _download(eco.service_list(filters), fmt)  # every row, not one page
    listing = eco.service_list_page(filters, page=request.args.get("page", type=int))
    chosen: dict[str, Any] = {f: v for f, v in filters.items() if v}
    names = {f: {o.id: o.name for o in options[f]} for f in LIST_FILTERS}
    return render_template(
        "directory/services.html", rows=listing.rows, shown=listing.page,
        total=listing.page.total, options=options,
        filters=filters, filter_labels=FILTER_LABELS, errors=errors,
        chosen=[(FILTER_LABELS[f], names[f][v]) for f, v in chosen.items()],
        csv_url=url_for("directory.services", **chosen, format="csv"),
        xlsx_url=url_for("directory.services", **chosen, format="xlsx"),
    ), 400 if errors else 200


def _download_rows(rows: list[ServiceListing]) -> list[list[object]]:
    return [[r.name, r.id, r.kind, "; ".join(p.name for p in r.providers),
             "; ".join(c.name for c in r.payers), "; ".join(r.domains), r.capacity,
             r.waiting_days, "Yes" if r.self_referral else "No", r.status,
             r.freshness.last_verified if r.freshness else None,
             "Yes" if r.freshness and r.freshness.stale else "No"] for r in rows]


def _download(rows: list[ServiceListing], fmt: str) -> Response:
    data = _download_rows(rows)
    if fmt == "csv":
        body: bytes | str = exports.csv_text(data, DOWNLOAD_HEADER, bom=True)
        mimetype = "text/csv"
    else:
        body = exports.xlsx_bytes({"Services": (DOWNLOAD_HEADER, data)})
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="services.{fmt}"'})


def _search_args() -> tuple[str, dict[str, str | None], dict[str, list[FilterOption]],
                            dict[str, str]]:
    q = request.args.get("q", "").strip()[:MAX_QUERY_LENGTH]
    options = get_ecosystem().service_list_options()
    filters, errors = _read_filters(SEARCH_FILTERS, options)
    return q, filters, options, errors


@bp.get("/search")
def search() -> ResponseReturnValue:
    q, filters, options, errors = _search_args()
    hits = get_ecosystem().search(q, filters=filters) if q else []
    return render_template("directory/search.html", q=q, hits=hits, options=options,
                           filters=filters, filter_labels=FILTER_LABELS,
                           search_filters=SEARCH_FILTERS, errors=errors,
                           filtered=any(filters.values())), 400 if errors else 200


@bp.get("/choices/<name>")
def choices(name: str) -> ResponseReturnValue:
    """Up to choosing.SUGGESTIONS entries of the list `name` for what has been typed (JSON:
    the text boxes that stand in for a long select, web/choosing.py)."""
    try:
        options, detail = choosing.options_of(get_ecosystem(), name)
    except KeyError:
        abort(404)
    q = request.args.get("q", "").strip()[:MAX_QUERY_LENGTH]
    return jsonify(suggestions=choosing.suggest(options, q, detail) if len(q) >= 2 else [])


@bp.get("/search/suggest")
def suggest() -> ResponseReturnValue:
    """Up to SUGGESTIONS names for what has been typed so far, best first (JSON)."""
    q = request.args.get("q", "").strip()[:MAX_QUERY_LENGTH]
    hits = get_ecosystem().search(q, limit=SUGGESTIONS) if len(q) >= 2 else []
    return jsonify(suggestions=[
        {"name": h.name, "kind": h.kind, "detail": h.detail, "url": entity_url(h.kind, h.id)}
        for h in hits])
