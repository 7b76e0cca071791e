"""Data: the officer's review queue of suggested classifications (docs/oruk.md).

Feed services with no taxonomy terms get a life domain and type of support suggested from their
own words; an admin confirms them here in bulk (tick, then one button), changing the domain or
type of a row where the suggestion is wrong. Works without JavaScript.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ecosystem.oruk.review import Decision, ReviewError
from ecosystem.vocabulary import DOMAINS, SUPPORT_TYPES

from ..access import current_user
from ..core import get_ecosystem

bp = Blueprint("review", __name__, url_prefix="/data/review")


def _page(status: int = 200, errors: dict[str, str] | None = None,
          confirmed: int | None = None) -> ResponseReturnValue:
    return render_template("data/review.html", pending=get_ecosystem().suggested_classifications(),
                           domains=DOMAINS, types=SUPPORT_TYPES, errors=errors or {},
                           confirmed=confirmed), status


@bp.get("/")
def index() -> ResponseReturnValue:
    confirmed = request.args.get("confirmed", type=int)
    return _page(confirmed=confirmed)


@bp.post("/")
def confirm() -> ResponseReturnValue:
    chosen = request.form.getlist("service")
    if not chosen:
        return _page(400, {"service": "Choose at least one service to confirm"})
    decisions = [Decision(sid, request.form.get(f"domain:{sid}") or None,
                          request.form.get(f"type:{sid}") or None) for sid in chosen]
    user = current_user()
    try:
        done = get_ecosystem().confirm_classifications(
            decisions, actor=user.username if user else None)
    except ReviewError as e:
        return _page(400, {"service": str(e)})
    # Post/redirect/get: a reload does not confirm again.
    return redirect(url_for("review.index", confirmed=len(done)), code=303)
