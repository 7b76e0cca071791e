"""Admin pages: the audit log (page and CSV) and user management. Admins only (web.access)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ecosystem import exports
from ecosystem.accounts import audit, users

from ..access import current_user
from ..core import get_ecosystem

bp = Blueprint("admin", __name__, url_prefix="/admin")

PAGE_SIZE = 500
CSV_LIMIT = 10_000


def _since() -> tuple[dt.datetime | None, str, str | None]:
    raw = request.args.get("since", "").strip()[:40]
    if not raw:
        return None, "", None
    try:
        return audit.parse_since(raw), raw, None
    except ValueError as e:
        return None, raw, str(e)


@bp.get("/audit", endpoint="audit")
def audit_log() -> ResponseReturnValue:
    since, raw, error = _since()
    if error:
        return render_template("admin/audit.html", entries=[], since=raw, error=error,
                               page_size=PAGE_SIZE), 400
    items = get_ecosystem().audit_entries(since, PAGE_SIZE)
    return render_template("admin/audit.html", entries=items, since=raw, error=error,
                           page_size=PAGE_SIZE)


@bp.get("/audit.csv", endpoint="audit_csv")
def audit_csv() -> ResponseReturnValue:
    since, _raw, error = _since()
    if error:  # never "everything" for a date that could not be read
        return Response(error + "\n", status=400, mimetype="text/plain")
    eco = get_ecosystem()
    items = eco.audit_entries(since, CSV_LIMIT + 1)
    truncated = len(items) > CSV_LIMIT
    items = items[:CSV_LIMIT]
    user = current_user()
    eco.record_audit(user.username if user else "?", "audit.export", "audit log",
                 f"{len(items)} entries" + (" (truncated)" if truncated else ""))
    body = audit.to_csv(items)
    headers = {"Content-Disposition": 'attachment; filename="audit.csv"'}
    if truncated:
        headers["X-Audit-Truncated"] = str(CSV_LIMIT)
        body += _note_row(f"only the newest {CSV_LIMIT} entries are here: export again "
                          "with since= set to get older ones in smaller parts")
    return Response(body, mimetype="text/csv", headers=headers)


def _note_row(note: str) -> str:
    return exports.csv_text([["(truncated)", "", "", "", note]], lineterminator="\n")


@bp.get("/users", endpoint="users")
def users_page() -> ResponseReturnValue:
    return render_template("admin/users.html", users=get_ecosystem().list_users(),
                           roles=users.ROLES, role_names=users.ROLE_NAMES, errors={},
                           form={})



def _provider_ids(text: str) -> list[str]:
    """Provider ids typed one per line, or separated by commas or semicolons."""
    return [p for p in (x.strip() for x in text.replace(";", ",").replace("\n", ",")
                        .split(",")) if p]


@bp.post("/users", endpoint="add_user")
def add_user() -> ResponseReturnValue:
    eco = get_ecosystem()
    form = {"username": request.form.get("username", "")[:100],
            "role": request.form.get("role", ""),
            "email": request.form.get("email", "")[:300],
            "providers": request.form.get("providers", "")[:2000]}
    password = request.form.get("password", "")[:users.MAX_PASSWORD_LENGTH + 1]
    try:
        if password != request.form.get("password_again", "")[:users.MAX_PASSWORD_LENGTH + 1]:
            raise users.UserError("The two passwords are not the same.")
        actor = current_user()
        created = eco.create_user(form["username"], form["role"], password,
                                  actor.username if actor else "?", email=form["email"],
                                  providers=_provider_ids(form["providers"]))
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
        elif action == "set_contact":
            # Both checked before either is written, so a refusal changes nothing.
            email = users.check_email(request.form.get("email", "")[:300])
            if request.form.get("providers") is not None:
                eco.set_providers(username,
                                  _provider_ids(request.form.get("providers", "")[:2000]), who)
            eco.set_email(username, email, who)
            flash(f"Saved the details of {username}.")
        elif action == "disable":
            eco.set_disabled(username, True, who)
            flash(f"Disabled {username}.")
        elif action == "enable":
            eco.set_disabled(username, False, who)
            flash(f"Enabled {username}.")
        elif action == "reset_two_factor":  # a lost phone and recovery codes
            eco.disable_two_factor(users.check_username(username), who)
            flash(f"Reset the second factor of {username}: they sign in with their password "
                  "and can set it up again.")
        else:
            raise users.UserError("Unknown change.")
    except users.UserError as e:
        return render_template("admin/users.html", users=eco.list_users(),
                               roles=users.ROLES, role_names=users.ROLE_NAMES,
                               errors={username: str(e)}, form={}), 400
    return redirect(url_for("admin.users"))


@bp.get("/public", endpoint="public")
def public_page() -> ResponseReturnValue:
    return render_template("admin/public.html", on=get_ecosystem().public_finder_on())


@bp.post("/public", endpoint="set_public")
def set_public() -> ResponseReturnValue:
    on = request.form.get("finder") == "on"
    actor = current_user()
    get_ecosystem().set_public_finder(on, actor.username if actor else "?")
    flash("The public find-support page is " + ("on." if on else "off."))
    return redirect(url_for("admin.public"))
