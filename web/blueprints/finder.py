"""The public "find support" page (`/find-support`): no sign-in, off until an admin switches
it on (`/admin/public`). A person says where they live, their age and what they want help
with, and sees the services they can refer themselves to. It reads the public catalogue
only, through `Ecosystem.find_support`, and is limited per address.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from ecosystem.accounts.throttle import RequestLimit
from ecosystem.vocabulary import DOMAINS

from .. import choosing
from ..core import get_ecosystem

bp = Blueprint("finder", __name__)

SEARCHES_PER_MINUTE = 20  # per address: plenty for a person, little for a scraper
# Suggestions come as a person types an area's name (a few a name); the area list is public.
SUGGESTIONS_PER_MINUTE = 120


def _limit(kind: str = "find-support", per_minute: int = SEARCHES_PER_MINUTE) -> RequestLimit:
    key = f"limit:{kind}"
    limit = current_app.extensions.get(key)
    if limit is None:
        limit = get_ecosystem().request_limit(current_app.config["SECRET_KEY"], kind,
                                              per_minute)
        current_app.extensions[key] = limit
    return limit


def _areas() -> list[Any]:
    """Where a person may say they live: every area below the ICB."""
    return [a for a in get_ecosystem().client_areas() if a.level != "icb"]


@bp.get("/find-support/areas", endpoint="areas")
def areas_suggested() -> ResponseReturnValue:
    """Areas whose name holds what has been typed (JSON), for the area box when the list is
    too long for a select (web/choosing.py)."""
    if not get_ecosystem().public_finder_on():
        abort(404)
    if not _limit("find-support-areas", SUGGESTIONS_PER_MINUTE).allow(
            request.remote_addr or "unknown"):
        return jsonify(suggestions=[]), 429
    q = request.args.get("q", "").strip()[:choosing.MAX_TEXT]
    _, detail = choosing.SUGGESTING_FROM["client-areas"]  # the key worker's box's words
    found = choosing.suggest(_areas(), q, detail) if len(q) >= 2 else []
    return jsonify(suggestions=found)


@bp.get("/find-support", endpoint="index")
def index() -> ResponseReturnValue:
    eco = get_ecosystem()
    if not eco.public_finder_on():
        abort(404)
    areas = _areas()
    typed = request.args.get("area", "")[:choosing.MAX_TEXT]
    area, problem = typed, None
    if choosing.is_long(areas) and typed not in {a.id for a in areas}:
        found, problem = choosing.read(typed, areas, "area")
        area = found or ""
    age_text = request.args.get("age", "").strip()[:10]
    wanted = request.args.getlist("help")[:len(DOMAINS)]
    form = {"area": area, "age": age_text, "help": wanted,
            "area_text": typed if problem else choosing.shown(areas, area)}
    errors: dict[str, str] = {}
    results = None
    if "area" in request.args:
        if problem:
            errors["area"] = problem
        elif area not in {a.id for a in areas}:
            errors["area"] = "Choose where you live from the list"
        age: int | None = None
        if age_text:
            if not age_text.isdigit() or not 16 <= int(age_text) <= 120:
                errors["age"] = "Enter your age in years, like 34, or leave it empty"
            else:
                age = int(age_text)
        domains = tuple(d for d in wanted if d in {x.id for x in DOMAINS})
        if not domains:
            errors["help"] = "Choose at least one thing you would like help with"
        if not errors:
            if not _limit().allow(request.remote_addr or "unknown"):
                return render_template("finder/index.html", areas=areas, domains=DOMAINS,
                                       form=form, errors={}, results=None,
                                       busy=True), 429
            results = eco.find_support(area, age, domains)
    return render_template("finder/index.html", areas=areas, domains=DOMAINS, form=form,
                           errors=errors, results=results, busy=False), 400 if errors else 200
