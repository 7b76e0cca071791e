"""The public "find support" page (`/find-support`): no sign-in, off until an admin switches
it on (`/admin/public`). A person says where they live, their age and what they want help
with, and sees the services they can refer themselves to. It reads the public catalogue
only, through `Ecosystem.find_support`, and is limited per address.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue

from ecosystem.accounts.throttle import RequestLimit
from ecosystem.vocabulary import DOMAINS

from ..core import get_ecosystem

bp = Blueprint("finder", __name__)

SEARCHES_PER_MINUTE = 20  # per address: plenty for a person, little for a scraper


def _limit() -> RequestLimit:
    limit = current_app.extensions.get("finder_limit")
    if limit is None:
        limit = get_ecosystem().request_limit(current_app.config["SECRET_KEY"],
                                              "find-support", SEARCHES_PER_MINUTE)
        current_app.extensions["finder_limit"] = limit
    return limit


@bp.get("/find-support", endpoint="index")
def index() -> ResponseReturnValue:
    eco = get_ecosystem()
    if not eco.public_finder_on():
        abort(404)
    areas = [a for a in eco.client_areas() if a.level != "icb"]
    area = request.args.get("area", "")
    age_text = request.args.get("age", "").strip()[:10]
    wanted = request.args.getlist("help")[:len(DOMAINS)]
    form = {"area": area, "age": age_text, "help": wanted}
    errors: dict[str, str] = {}
    results = None
    if "area" in request.args:
        if area not in {a.id for a in areas}:
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
