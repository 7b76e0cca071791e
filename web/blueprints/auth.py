"""Sign in (with a second factor for those who set one up), sign out, and a user's own password
and second factor. Users are made with `ecosystem users add` or by an admin on the web."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from ecosystem.accounts import totp, users

from .. import access
from ..core import get_ecosystem

bp = Blueprint("auth", __name__)

MAX_FIELD = 1024


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (no open redirect)."""
    if not target:
        return url_for("home.index")
    parts = urlsplit(target)
    # Browsers drop tabs and newlines from URLs ("/\t/evil" becomes "//evil"): refuse any
    # control character or space, and anything with a scheme, a host or a backslash.
    if (parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(c) <= 32 or ord(c) == 127 for c in target)):
        return url_for("home.index")
    return target


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    next_url = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("auth/sign_in.html", next_url=next_url, error=None, username="")
    username = request.form.get("username", "")[:MAX_FIELD].strip().lower()
    password = request.form.get("password", "")[:MAX_FIELD]
    throttle = access.sign_in_throttle()
    eco = get_ecosystem()
    # Log the name tried only if it could be a username (not, say, a password typed there).
    logged_name = username if users.USERNAME.match(username) else "(not a username)"
    # Checked and reserved at once, before the half-second hash (no concurrent guesses).
    # Counted per name and address, per name and per address (accounts/throttle.py).
    decision = throttle.begin(username, request.remote_addr or "unknown")
    for r in decision.log:  # refused attempts: one entry per name or address per window
        target = r.key if r.kind == "address" else logged_name
        detail = (f"by {r.kind}: {r.refused} refused; refusals in the next 15 minutes are "
                  "counted in one later entry" if r.first else
                  f"by {r.kind}: {r.refused} more refused since the last entry")
        eco.record_audit(logged_name, "sign_in.throttled", target, detail)
    if not decision.allowed:
        wait = (f"Wait {math.ceil(decision.retry_after)} seconds" if decision.retry_after
                else "Wait 15 minutes")
        return render_template(
            "auth/sign_in.html", next_url=next_url, username=username,
            error=f"Too many attempts to sign in. {wait} and try again."), 429
    user = eco.verify(username, password)
    if user is None:  # the reserved attempt stays counted as a failure
        eco.record_audit(logged_name, "sign_in.failed", logged_name, "")
        return render_template(
            "auth/sign_in.html", next_url=next_url, username=username,
            error="The username or password is not right, or the account is disabled."), 200
    if user.two_factor:  # the password was right: now the code, whose guesses count
        throttle.release(decision)
        access.start_second_step(user, next_url)
        return redirect(url_for("auth.sign_in_code"))
    throttle.succeeded(decision)
    access.start_session(user)
    eco.record_audit(user.username, "sign_in", user.username, f"role={user.role}")
    return redirect(next_url)


@bp.route("/sign-in/code", methods=["GET", "POST"], endpoint="sign_in_code")
def sign_in_code() -> ResponseReturnValue:
    """The second step for users with a second factor: a code from their app, or a recovery
    code. Only after a right password, for 5 minutes; throttled like the password."""
    pending = access.second_step()
    if pending is None:
        return redirect(url_for("auth.sign_in"))
    username, next_url = pending
    if request.method == "GET":
        return render_template("auth/sign_in_code.html", error=None)
    eco = get_ecosystem()
    throttle = access.sign_in_throttle()
    decision = throttle.begin(username, request.remote_addr or "unknown")
    if not decision.allowed:
        return render_template(
            "auth/sign_in_code.html",
            error="Too many attempts to sign in. Wait 15 minutes and try again."), 429
    how = eco.check_two_factor(username, request.form.get("code", "")[:64])
    user = eco.get_user(username) if how else None
    if how is None or user is None or user.disabled:
        eco.record_audit(username, "sign_in.failed", username, "second factor")
        return render_template("auth/sign_in_code.html",
                               error="The code is not right, or it was used already."), 200
    throttle.succeeded(decision)
    access.start_session(user)
    eco.record_audit(user.username, "sign_in", user.username,
                 f"role={user.role}; with a {how}")
    return redirect(next_url)


@bp.post("/sign-out")
def sign_out() -> ResponseReturnValue:
    user = g.get("user")
    if user is not None:
        eco = get_ecosystem()
        eco.end_sessions(user.username)  # a copied cookie stops working too
        eco.record_audit(user.username, "sign_out", user.username, "")
    access.end_session()
    return redirect(url_for("auth.sign_in", signed_out=1))


@bp.route("/account/password", methods=["GET", "POST"], endpoint="change_password")
def change_password() -> ResponseReturnValue:
    """A signed-in user's own password: the current one is needed (a session left open is not
    enough), guesses at it count against the sign-in throttle, and the change is audited."""
    user = access.current_user()
    if user is None:  # _enforce lets no one here without a session
        return redirect(url_for("auth.sign_in"))
    if request.method == "GET":
        return render_template("auth/change_password.html", error=None)
    limit = users.MAX_PASSWORD_LENGTH + 1
    current = request.form.get("current_password", "")[:limit]
    new = request.form.get("new_password", "")[:limit]
    again = request.form.get("new_password_again", "")[:limit]
    eco = get_ecosystem()
    throttle = access.sign_in_throttle()
    decision = throttle.begin(user.username, request.remote_addr or "unknown")
    if not decision.allowed:
        return render_template(
            "auth/change_password.html",
            error="Too many attempts. Wait 15 minutes and try again."), 429
    if eco.verify(user.username, current) is None:
        eco.record_audit(user.username, "password.change_failed", user.username,
                     "the current password was not right")
        return render_template("auth/change_password.html",
                               error="The current password is not right."), 400
    throttle.succeeded(decision)
    try:
        if new != again:
            raise users.UserError("The two new passwords are not the same.")
        eco.set_password(user.username, new, actor=user.username)
    except users.UserError as e:
        return render_template("auth/change_password.html", error=str(e)), 400
    # The change ended every session of this user (the epoch went up): start a new one here.
    fresh = eco.get_user(user.username)
    if fresh is not None:
        access.start_session(fresh)
    flash("Your password has been changed. You have been signed out everywhere else.")
    return redirect(url_for("home.index"))


@bp.route("/account/two-factor", methods=["GET", "POST"], endpoint="two_factor")
def two_factor() -> ResponseReturnValue:
    """Set up, or turn off, a second factor: a code from an authenticator app at sign-in."""
    user = access.current_user()
    if user is None:
        return redirect(url_for("auth.sign_in"))
    eco = get_ecosystem()
    required = access.two_factor_required(user)
    action = request.form.get("action", "") if request.method == "POST" else ""
    if action == "enable" and not user.two_factor:
        secret = access.pending_totp_secret(new=False)
        codes = eco.enable_two_factor(user.username, secret, request.form.get("code", "")[:64],
                            actor=user.username) if secret else None
        if codes is None:
            return _two_factor_page(user, required, "The code is not right: check the app "
                                    "and type the code it shows now.", 400)
        access.pending_totp_secret(clear=True)
        return render_template("auth/two_factor.html", user=user, required=False,
                               enabled_codes=codes, secret=None, uri=None, error=None)
    if action == "disable" and user.two_factor:
        if required:
            return _two_factor_page(user, required, "Admins must keep a second factor here.",
                                    400)
        password = request.form.get("password", "")[:users.MAX_PASSWORD_LENGTH + 1]
        if eco.verify(user.username, password) is None:
            eco.record_audit(user.username, "two_factor.disable_failed", user.username, "")
            return _two_factor_page(user, required, "The password is not right.", 400)
        eco.disable_two_factor(user.username, actor=user.username)
        flash("The second factor is off: you sign in with your password alone.")
        return redirect(url_for("auth.two_factor"))
    if action:
        return _two_factor_page(user, required, "Unknown change.", 400)
    return _two_factor_page(user, required, None, 200)


def _two_factor_page(user: users.User, required: bool, error: str | None,
                     status: int) -> ResponseReturnValue:
    secret = uri = None
    if not user.two_factor:
        secret = access.pending_totp_secret(new=True) or ""
        uri = totp.provisioning_uri(user.username, secret)
    return render_template("auth/two_factor.html", user=user, required=required,
                           enabled_codes=None, secret=secret, uri=uri, error=error), status
