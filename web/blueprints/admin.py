"""Admin pages: the audit log (page and CSV) and user management. Admins only (web.access)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ecosystem.accounts import audit, users

from ..access import current_user
from ..core import get_ecosystem

bp = Blueprint("admin", __name__, url_prefix="/admin")

PAGE_SIZE = 500


def _since() -> tuple[dt.datetime | None, str, str | None]:
    raw = request.args.get("since", "").strip()[:40]
    if not raw:
        return None, "", None
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        return None, raw, "Enter a date like 2026-01-31, or a date and time like 2026-01-31T09:00."
    return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)), raw, None


@bp.get("/audit", endpoint="audit")
def audit_log() -> ResponseReturnValue:
    since, raw, error = _since()
    items = get_ecosystem().audit_entries(since, PAGE_SIZE)
    return render_template("admin/audit.html", entries=items, since=raw, error=error,
                           page_size=PAGE_SIZE)


@bp.get("/audit.csv", endpoint="audit_csv")
def audit_csv() -> ResponseReturnValue:
    since, _raw, _error = _since()
    eco = get_ecosystem()
    items = eco.audit_entries(since)
    user = current_user()
    eco.record_audit(user.username if user else "?", "audit.export", "audit log",
                     f"{len(items)} entries")
    return Response(audit.to_csv(items), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="audit.csv"'})


@bp.get("/users", endpoint="users")
def users_page() -> ResponseReturnValue:
    return render_template("admin/users.html", users=get_ecosystem().list_users(),
                           roles=users.ROLES, role_names=users.ROLE_NAMES, errors={},
                           form={})



@bp.post("/users", endpoint="add_user")
def add_user() -> ResponseReturnValue:
    eco = get_ecosystem()
    form = {"username": request.form.get("username", "")[:100],
            "role": request.form.get("role", "")}
    password = request.form.get("password", "")[:users.MAX_PASSWORD_LENGTH + 1]
    try:
        if password != request.form.get("password_again", "")[:users.MAX_PASSWORD_LENGTH + 1]:
            raise users.UserError("The two passwords are not the same.")
        actor = current_user()
        created = eco.create_user(form["username"], form["role"], password,
                                  actor.username if actor else "?")
    except users.UserError as e:
        return render_template("admin/users.html", users=eco.list_users(),
                               roles=users.ROLES, role_names=users.ROLE_NAMES,
                               errors={"add": str(e)}, form=form), 400
    flash(f"Added {created.username} ({users.ROLE_NAMES[created.role]}).")
    return redirect(url_for("admin.users"))



@bp.post("/users/<username>", endpoint="change_user")
def change_user(username: str) -> ResponseReturnValue:
    eco = get_ecosystem()
    actor = current_user()
    who = actor.username if actor else "?"
    action = request.form.get("action", "")
    try:
        if action == "set_role":
            eco.set_role(username, request.form.get("role", ""), who)
            flash(f"Changed the role of {username}.")
        elif action == "disable":
            eco.set_disabled(username, True, who)
            flash(f"Disabled {username}.")
        elif action == "enable":
            eco.set_disabled(username, False, who)
            flash(f"Enabled {username}.")
        else:
            raise users.UserError("Unknown change.")
    except users.UserError as e:
        return render_template("admin/users.html", users=eco.list_users(),
                               roles=users.ROLES, role_names=users.ROLE_NAMES,
                               errors={username: str(e)}, form={}), 400
    return redirect(url_for("admin.users"))
