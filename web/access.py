"""Who may see what: sign-in sessions, the access policy and CSRF, enforced in one place.

Every request goes through `_enforce` (a `before_request` hook) before any view runs:

- the static files, the sign-in page and the public ORUK API are open to everyone
  (`PUBLIC`);
- anyone not signed in is sent to the sign-in page;
- a signed-in user reaches an endpoint only if `POLICY` has a rule for it that names the
  user's role. An endpoint missing from `POLICY` is refused to everyone, admins included
  (deny by default), and `tests/test_roles.py` fails until it has a rule;
- a rule with `person=` guards person-level data about one person: key workers get it only
  for people on their own caseload (`Person.key_worker` = their username);
- a rule with `audit=` writes an audit entry for every request it lets through, after the
  view, with its outcome (`<action>.failed` when the view answered with an error).

Adding a page is one line in `POLICY`, e.g. `"keyworker.person": PERSON("person_id"),`.
Views never check roles themselves; to list people, a view filters by `caseload_owner()`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from flask import Flask, abort, current_app, g, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

from ecosystem import Settings
from ecosystem.accounts import totp, users
from ecosystem.accounts.throttle import SignInThrottle
from ecosystem.accounts.users import (
    ADMIN,
    ANALYST,
    COMMISSIONER,
    KEY_WORKER,
    PROVIDER_EDITOR,
    VIEWER,
    User,
)
from ecosystem.secure import check_key, private_dir

from .core import get_ecosystem


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    # The view argument (or query parameter) holding a Person id: the page shows that
    # person's data, so key workers may open it only for their own caseload.
    person: str | None = None
    # Audit action written for each request let through (views and exports of person data).
    audit: str | None = None
    # The view argument holding a Service id: a provider editor may use the endpoint only for
    # the services of their own providers (admins for every service).
    service: str | None = None

    def allows(self, role: str) -> bool:
        return role in self.roles


def allow(*roles: str, person: str | None = None, audit: str | None = None,
          service: str | None = None) -> Rule:
    unknown = set(roles) - set(users.ROLES)
    if unknown:
        raise ValueError(f"unknown roles {unknown}")
    return Rule(frozenset(roles), person, audit, service)


# The building blocks; POLICY uses these, not ad-hoc role sets.
# Directory and map. A provider editor reads them too (the catalogue they help keep).
EVERYONE = allow(ADMIN, ANALYST, COMMISSIONER, KEY_WORKER, VIEWER, PROVIDER_EDITOR)
AGGREGATES = allow(ADMIN, ANALYST, COMMISSIONER, KEY_WORKER)  # counts, never one person
ADMIN_ONLY = allow(ADMIN)
# A key worker's own list of people: the view must filter by caseload_owner().
CASELOAD = allow(ADMIN, KEY_WORKER, audit="person.list")
# Editing the catalogue: admins save directly; provider editors propose changes to their own
# providers' services (the view checks each entry through the core and refuses the rest).
EDITORS = allow(ADMIN, PROVIDER_EDITOR)
# A client typed in by a key worker: checked against services, about no stored person.
KEY_WORK = allow(ADMIN, KEY_WORKER)
# Those who keep entries: admins, and provider editors (the worklist shows them their own).
KEEPERS = allow(ADMIN, PROVIDER_EDITOR)


def KEEPS_SERVICE(arg: str = "id") -> Rule:  # noqa: N802
    """One service's entry, named by view argument `arg`: admins, and the provider editors
    of its providers."""
    return allow(ADMIN, PROVIDER_EDITOR, service=arg)


def PERSON(arg: str = "person_id", action: str = "person.view") -> Rule:  # noqa: N802
    """One person's data, named by view argument or query parameter `arg`."""
    return allow(ADMIN, KEY_WORKER, person=arg, audit=action)


def PERSON_EXPORT(arg: str = "person_id") -> Rule:  # noqa: N802
    return PERSON(arg, action="person.export")


# The public Open Referral UK API: the standard requires it open without sign-in. It
# publishes live services, organisations, locations and taxonomies only (no people, and no
# contracts or funding unless ECOSYSTEM_ORUK_API_CONTRACTS is on): web/blueprints/oruk_api.py.
ORUK_API: frozenset[str] = frozenset({
    "oruk_api.root", "oruk_api.openapi", "oruk_api.services", "oruk_api.service",
    "oruk_api.taxonomies", "oruk_api.taxonomy", "oruk_api.taxonomy_terms",
    "oruk_api.taxonomy_term", "oruk_api.service_at_locations", "oruk_api.service_at_location",
    "oruk_api.unknown",
})
# Endpoints everyone may reach, signed in or not.
# Open without signing in: the sign-in pages, and the pages about the service (help, the
# accessibility statement, privacy notice, cookies, contact) that the law and users need to
# reach before they have an account. None of them reads the graph.
PUBLIC: frozenset[str] = frozenset({
    "static", "auth.sign_in", "auth.sign_in_code", "about.help", "about.accessibility",
    "about.privacy", "about.cookies", "about.contact",
    # Off (404) until an admin switches it on; reads the public catalogue only.
    "finder.index", "finder.areas"}) | ORUK_API

# endpoint ("blueprint.view") -> who may use it. One line per endpoint; see docs/security.md.
POLICY: dict[str, Rule] = {
    "auth.sign_out": EVERYONE,
    "auth.change_password": EVERYONE,  # one's own password; the current one is asked for
    "auth.two_factor": EVERYONE,  # one's own second factor
    "home.index": EVERYONE,
    "directory.search": EVERYONE,
    "directory.suggest": EVERYONE,
    "directory.choices": EVERYONE,
    "directory.services": EVERYONE,
    "directory.service": EVERYONE,
    "directory.provider": EVERYONE,
    "directory.commissioner": EVERYONE,
    "directory.cohort": EVERYONE,
    "directory.area": EVERYONE,
    "admin.audit": allow(ADMIN, audit="audit.view"),
    "admin.audit_csv": ADMIN_ONLY,
    "admin.users": ADMIN_ONLY,
    "admin.public": ADMIN_ONLY,
    "admin.set_public": ADMIN_ONLY,
    "admin.add_user": ADMIN_ONLY,
    "admin.change_user": ADMIN_ONLY,
    # Pages being written elsewhere; their first endpoints, so the menu shows them to the
    # right people. Add the rest of each blueprint's endpoints here as they land.
    "keyworker.index": CASELOAD,
    "keyworker.caseload_page": CASELOAD,
    "keyworker.options": KEY_WORK,
    "keyworker.options_view": KEY_WORK,
    "keyworker.change": KEY_WORK,
    "keyworker.forget": KEY_WORK,
    "keyworker.record_unmet": KEY_WORK,
    "keyworker.find_person": KEY_WORK,
    "keyworker.plan": KEY_WORK,
    "keyworker.plan_view": KEY_WORK,
    "keyworker.plan_details": KEY_WORK,
    "keyworker.plan_csv": KEY_WORK,
    "keyworker.commissioning_note": KEY_WORK,  # unit costs: not the client's copy
    "keyworker.person": PERSON("person_id"),
    "keyworker.person_plan": PERSON("person_id"),
    "keyworker.person_plan_save": PERSON("person_id", "person.plan.save"),
    "keyworker.person_plan_saved": PERSON("person_id"),
    "keyworker.person_plan_csv": PERSON_EXPORT("person_id"),
    "keyworker.person_commissioning_note": PERSON("person_id"),
    "commissioner.index": AGGREGATES,
    "data.index": ADMIN_ONLY,
    # Commissioner views: aggregates only, people counts suppressed (ecosystem.analyses).
    "commissioner.overlaps": AGGREGATES,
    "commissioner.orphans": AGGREGATES,
    "commissioner.unmet_demand": AGGREGATES,
    "commissioner.coverage": AGGREGATES,
    "commissioner.funding": AGGREGATES,
    "commissioner.contracts": AGGREGATES,
    "commissioner.pathway": AGGREGATES,
    "commissioner.whatif": AGGREGATES,
    "commissioner.outcomes": AGGREGATES,
    # Data: importing writes the map; the backup holds everything (users, audit, people).
    "data.upload": ADMIN_ONLY,
    "data.export": ADMIN_ONLY,
    "data.current_zip": ADMIN_ONLY,  # the catalogue in the import format: no people
    "data.current_xlsx": ADMIN_ONLY,
    "data.templates_zip": EVERYONE,  # blank templates: column headers, no data
    "data.templates_xlsx": EVERYONE,
    # Suggested classifications of feed services: an officer confirms or changes them.
    "review.index": ADMIN_ONLY,
    "review.confirm": ADMIN_ONLY,
    # Keeping the map true (docs/stewardship.md); "still correct" is audited by the core.
    "stewardship.index": KEEPERS,
    "stewardship.verify": KEEPS_SERVICE("id"),
    # Editing (issue 13): see EDITORS; closing and deciding proposals are for admins only.
    "editing.create": EDITORS,
    "editing.edit": EDITORS,
    "editing.close": ADMIN_ONLY,
    "editing.history": EVERYONE,
    "editing.service_history": EVERYONE,
    "editing.proposals": ADMIN_ONLY,
    "editing.decide": ADMIN_ONLY,
}

# What a pseudonym looks like (ecosystem.importers.pseudonymise): a letter, "-", hex digits.
PSEUDONYM_SHAPE = re.compile(r"[A-Z]-[0-9a-f]{16,64}")

SESSION_IDLE = dt.timedelta(hours=1)  # the cookie expires after an hour without a request
SESSION_MAX = dt.timedelta(hours=10)  # and a session ends after 10 hours whatever happens
_USER = "user"
_EPOCH = "epoch"
_SIGNED_IN_AT = "at"


class _SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with the Secure flag on unless configured off or the app
    runs in debug or testing mode (decided per response, so `app.run(debug=True)` counts)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        configured = app.config.get("ECOSYSTEM_COOKIE_SECURE")
        if configured is not None:
            return bool(configured)
        return not (app.debug or app.testing)


csrf = CSRFProtect()


def sign_in_throttle() -> SignInThrottle:
    """The sign-in throttle (ecosystem/accounts/throttle.py): 5 failures per username from
    one address, 30 per username, 50 per address, counted in the graph so every worker and
    app server shares them."""
    throttle = current_app.extensions.get("sign_in_throttle")
    if throttle is None:
        throttle = get_ecosystem().sign_in_throttle(current_app.config["SECRET_KEY"])
        current_app.extensions["sign_in_throttle"] = throttle
    return throttle


def secret_key(settings: Settings) -> bytes:
    """The key that signs session cookies: ECOSYSTEM_SECRET_KEY, else a random key kept in a
    0600 file in the data folder, so sessions survive a restart and every worker of a
    multi-process server (gunicorn) accepts the others' cookies."""
    configured = check_key("ECOSYSTEM_SECRET_KEY", settings.secret_key)
    if configured:
        return configured.encode()
    path = private_dir(settings.data_dir) / "web-secret.key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it first
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48) + "\n")
    return path.read_text().strip().encode()


def init_app(app: Flask, settings: Settings) -> None:
    app.config["SECRET_KEY"] = secret_key(settings)
    app.config.setdefault("ECOSYSTEM_COOKIE_SECURE", settings.cookie_secure)
    app.config.setdefault("ECOSYSTEM_ADMIN_TWO_FACTOR", settings.admin_two_factor)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=SESSION_IDLE,
        SESSION_REFRESH_EACH_REQUEST=True,
    )
    app.session_interface = _SessionInterface()
    # A copy per app, so a test can add a rule to its own app without touching others.
    app.extensions["access_policy"] = dict(POLICY)
    app.before_request(_enforce)  # before CSRFProtect's hook: unknown users never get that far
    csrf.init_app(app)
    app.after_request(_headers)
    app.after_request(_audit_outcome)

    @app.context_processor
    def _user_in_templates() -> dict[str, Any]:
        return {"current_user": g.get("user"), "may": allowed, "may_keep": may_keep}

    @app.errorhandler(Forbidden)
    def _forbidden(e: Forbidden) -> ResponseReturnValue:
        return render_template("errors/403.html"), 403

    @app.errorhandler(CSRFError)
    def _csrf_failed(e: CSRFError) -> ResponseReturnValue:
        return render_template("errors/csrf.html"), 400


def policy(app: Flask | None = None) -> dict[str, Rule]:
    return (app or current_app).extensions["access_policy"]


def current_user() -> User | None:
    return g.get("user")


def caseload_owner() -> str | None:
    """For views that list people: None (everyone) for an admin, else the key worker's
    username. Any other role never reaches such a view."""
    user = current_user()
    if user is None:
        abort(403)
    return None if user.role == ADMIN else user.username


def allowed(endpoint: str) -> bool:
    """Whether the signed-in user may open `endpoint` (for menus and links; not enforcement)."""
    if endpoint in PUBLIC:
        return True
    user = current_user()
    rule = policy().get(endpoint)
    return user is not None and rule is not None and rule.allows(user.role)


def may_keep(service_id: str) -> bool:
    """Whether the signed-in user keeps this service's entry (an admin, or a provider
    editor of one of its providers): for the "still correct" button and its endpoint."""
    user = current_user()
    return user is not None and get_ecosystem().keeps(user, service_id)


def session_data(user: User) -> dict[str, Any]:
    """What a signed-in session holds: the username, the user's epoch and when."""
    return {_USER: user.username, _EPOCH: user.epoch, _SIGNED_IN_AT: int(time.time())}


def start_session(user: User) -> None:
    session.clear()  # no fixation: a fresh session (and CSRF token) at every sign-in
    session.permanent = True
    session.update(session_data(user))


def end_session() -> None:
    session.clear()


_SECOND_STEP = "second_step"
SECOND_STEP_TIME = 5 * 60


def start_second_step(user: User, next_url: str) -> None:
    """After a right password, for a user with a second factor: not signed in yet, but the
    session remembers for 5 minutes whose code the next page asks for."""
    session.clear()
    session[_SECOND_STEP] = {"user": user.username, "epoch": user.epoch,
                             "at": int(time.time()), "next": next_url}


def second_step() -> tuple[str, str] | None:
    """(username, next page) while a second step is pending, else None."""
    pending = session.get(_SECOND_STEP)
    if not isinstance(pending, dict) or time.time() - int(pending.get("at", 0)) > SECOND_STEP_TIME:
        return None
    user = get_ecosystem().get_user(str(pending.get("user", "")))
    if user is None or user.disabled or user.epoch != pending.get("epoch"):
        return None
    return user.username, str(pending.get("next") or url_for("home.index"))


def pending_totp_secret(new: bool = False, clear: bool = False) -> str | None:
    """The secret being set up, kept in the (signed, not encrypted) session cookie only until
    it is confirmed; `new` makes one if there is none."""
    if clear:
        session.pop("totp_setup", None)
        return None
    if new and not session.get("totp_setup"):
        session["totp_setup"] = totp.new_secret()
    return session.get("totp_setup")


def two_factor_required(user: User) -> bool:
    return bool(current_app.config.get("ECOSYSTEM_ADMIN_TWO_FACTOR")) and user.role == ADMIN


def _load_user() -> User | None:
    name = session.get(_USER)
    if not name:
        return None
    at = session.get(_SIGNED_IN_AT)
    user = get_ecosystem().get_user(str(name))
    if (user is None or user.disabled or user.epoch != session.get(_EPOCH)
            or not isinstance(at, int) or time.time() - at > SESSION_MAX.total_seconds()):
        session.clear()
        return None
    return user


def _enforce() -> ResponseReturnValue | None:
    endpoint = request.endpoint
    if endpoint in PUBLIC:
        return None
    user = _load_user()
    g.user = user
    if user is None:
        if request.method == "GET" and endpoint is not None:
            return redirect(url_for("auth.sign_in", next=_here()))
        return redirect(url_for("auth.sign_in"))
    if endpoint is None:  # no such page (404) or method (405): Flask answers that
        return None
    if (two_factor_required(user) and not user.two_factor
            and endpoint not in ("auth.two_factor", "auth.sign_out")):
        return redirect(url_for("auth.two_factor"))  # admins set up a second factor first
    rule = policy().get(endpoint)
    if rule is None or not rule.allows(user.role):
        abort(403)
    if rule.person is not None:
        _check_person(user, rule.person)
    if rule.service is not None and not may_keep(str((request.view_args or {}).get(
            rule.service, ""))):
        abort(403)
    if rule.audit is not None:  # written after the view, with its outcome (_audit_outcome)
        target = _person_id(rule.person) if rule.person else request.path
        g.audit = (user.username, rule.audit, target)
    return None


def _audit_outcome(response: Response) -> Response:
    """An audited request's entry, once the view has answered: a view that failed (a 404,
    a refused form) is logged as `<action>.failed` with its status, not as a view."""
    pending = g.pop("audit", None)
    if pending is not None:
        username, action, target = pending
        failed = response.status_code >= 400
        get_ecosystem().record_audit(
            username, action + (".failed" if failed else ""), target,
            f"{request.method} {request.path} -> {response.status_code}")
    return response


def _here() -> str:
    """This request's path and query, percent-encoded, to come back to after sign-in."""
    path = quote(request.path, safe="/:@!$&'()*+,;=-._~")
    query = request.query_string.decode("latin-1")
    return f"{path}?{query}" if query else path


def _person_id(arg: str) -> str:
    value = (request.view_args or {}).get(arg)
    if value is None:
        value = request.args.get(arg)
    return str(value or "")


def _check_person(user: User, arg: str) -> None:
    if user.role == ADMIN:
        return
    person_id = _person_id(arg)
    owner = get_ecosystem().key_worker_of(person_id)
    if not person_id or owner != user.username:
        # The same answer whether the person does not exist or is someone else's. The
        # target is logged only if it looks like a pseudonym: the URL is the caller's text.
        shown = person_id if PSEUDONYM_SHAPE.fullmatch(person_id) else "(not a person id)"
        get_ecosystem().record_audit(user.username, "person.denied", shown,
                                     f"{request.method} {request.endpoint}")
        abort(403)


def _headers(response: Response) -> Response:
    h = response.headers
    h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    h.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    h.setdefault("Permissions-Policy",
                 "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                 "interest-cohort=()")
    if request.endpoint != "static":
        # Pages can hold data a shared computer should not keep.
        h["Cache-Control"] = "no-store"
    if request.is_secure:
        h.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response
