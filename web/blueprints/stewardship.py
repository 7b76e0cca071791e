"""Keeping the map true: the stewardship worklist (stale entries by provider and area,
oldest first) and "still correct" (a POST that re-verifies one entry). Who may: POLICY
(admins; provider editors for their own providers' services)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ecosystem.stewardship.worklist import NoSuchService

from ..access import current_user
from ..core import get_ecosystem

bp = Blueprint("stewardship", __name__)


@bp.get("/stewardship")
def index() -> ResponseReturnValue:
    user = current_user()
    assert user is not None  # the access gate let a signed-in keeper through
    # A page number that is not a number reads as page 1; past the end, the last page.
    work = get_ecosystem().worklist(user, page=request.args.get("page", type=int))
    return render_template("stewardship/index.html", work=work,
                           everyone=user.is_admin)


@bp.post("/stewardship/verify/<path:id>")
def verify(id: str) -> ResponseReturnValue:
    user = current_user()
    assert user is not None
    try:
        name = get_ecosystem().verify_service(id, actor=user.username)
    except NoSuchService:
        abort(404)
    flash(f"{name}: its details are marked as checked today.")
    if request.form.get("back") == "worklist":
        # Back to the page the entry was on (the next entries move up into it).
        return redirect(url_for("stewardship.index",
                                page=request.form.get("page", type=int)))
    return redirect(url_for("directory.service", id=id))
