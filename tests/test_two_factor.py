"""A second factor (TOTP with recovery codes), optional, and required for admins when
ECOSYSTEM_ADMIN_TWO_FACTOR says so (issue 16 §2)."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pyotp
import pytest
from conftest import TEST_PASSWORD, ensure_user, sign_in_client
from flask import Flask
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.accounts import audit, totp, users


def _token(c: FlaskClient, path: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', c.get(path).get_data(as_text=True))
    assert m, path
    return m.group(1)


def _enable(c: FlaskClient) -> tuple[str, list[str]]:
    page = c.get("/account/two-factor").get_data(as_text=True)
    m = re.search(r'id="totp-secret">([A-Z2-7]+)<', page)
    assert m, page
    secret = m.group(1)
    r = c.post("/account/two-factor", data={"csrf_token": _token(c, "/account/two-factor"),
                                            "action": "enable", "code": "000000"})
    assert r.status_code == 400  # a wrong code changes nothing
    r = c.post("/account/two-factor", data={"csrf_token": _token(c, "/account/two-factor"),
                                            "action": "enable",
                                            "code": pyotp.TOTP(secret).now()})
    assert r.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", r.get_data(True))
    assert len(codes) == totp.RECOVERY_CODES
    return secret, codes


def _password_step(app: Flask, name: str) -> FlaskClient:
    c = app.test_client()
    r = c.post("/sign-in", data={"csrf_token": _token(c, "/sign-in"), "username": name,
                                 "password": TEST_PASSWORD})
    assert r.status_code == 302 and r.headers["Location"].endswith("/sign-in/code")
    assert c.get("/").status_code == 302  # not signed in by the password alone
    return c


def _code_step(c: FlaskClient, code: str) -> int:
    return c.post("/sign-in/code", data={"csrf_token": _token(c, "/sign-in/code"),
                                         "code": code}).status_code


def test_set_up_then_sign_in_with_a_code_or_a_recovery_code(app: Flask, login,  # type: ignore[no-untyped-def]
                                                            eco: Ecosystem) -> None:
    name = f"tf-{uuid.uuid4().hex[:8]}"
    secret, codes = _enable(login("viewer", name))
    assert users.get(eco.graph, name).two_factor  # type: ignore[union-attr]
    start = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    c = _password_step(app, name)
    assert _code_step(c, "123456") == 200 and c.get("/").status_code == 302
    code = pyotp.TOTP(secret).now()
    assert _code_step(c, code) == 302 and c.get("/").status_code == 200
    c = _password_step(app, name)
    assert _code_step(c, code) == 200  # the same code never works twice
    assert _code_step(c, codes[0]) == 302 and c.get("/").status_code == 200
    c = _password_step(app, name)
    assert _code_step(c, codes[0]) == 200  # a recovery code works once
    logged = [(e.action, e.detail) for e in reversed(audit.entries(eco.graph, start))
              if e.target == name and e.action.startswith("sign_in")]
    assert ("sign_in", "role=viewer; with a code") in logged
    assert ("sign_in", "role=viewer; with a recovery code") in logged
    assert logged.count(("sign_in.failed", "second factor")) == 3


def test_the_code_page_needs_the_password_first(app: Flask) -> None:
    c = app.test_client()
    assert c.get("/sign-in/code").status_code == 302


def test_turning_it_off_needs_the_password(login, eco: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    name = f"tf-{uuid.uuid4().hex[:8]}"
    c = login("analyst", name)
    _enable(c)
    page = "/account/two-factor"
    r = c.post(page, data={"csrf_token": _token(c, page), "action": "disable",
                           "password": "not my password at all"})
    assert r.status_code == 400 and users.get(eco.graph, name).two_factor  # type: ignore[union-attr]
    r = c.post(page, data={"csrf_token": _token(c, page), "action": "disable",
                           "password": TEST_PASSWORD})
    assert r.status_code == 302 and not users.get(eco.graph, name).two_factor  # type: ignore[union-attr]


@pytest.mark.parametrize("role", users.ROLES)
def test_every_role_may_set_it_up(login, role: str) -> None:  # type: ignore[no-untyped-def]
    assert login(role).get("/account/two-factor").status_code == 200


def test_admins_must_set_it_up_when_the_setting_says_so(eco: Ecosystem) -> None:
    import dataclasses

    from web import create_app

    app = create_app(dataclasses.replace(eco.settings, admin_two_factor=True), eco)
    app.config.update(TESTING=True)
    name = f"tf-{uuid.uuid4().hex[:8]}"
    admin = app.test_client()
    sign_in_client(admin, ensure_user(eco, name, "admin"))
    r = admin.get("/admin/users")
    assert r.status_code == 302 and r.headers["Location"].endswith("/account/two-factor")
    viewer = app.test_client()
    sign_in_client(viewer, ensure_user(eco, "test-viewer", "viewer"))
    assert viewer.get("/").status_code == 200  # other roles are not made to
    _enable(admin)
    assert admin.get("/admin/users").status_code == 200
    r = admin.post("/account/two-factor", data={
        "csrf_token": _token(admin, "/account/two-factor"), "action": "disable",
        "password": TEST_PASSWORD})
    assert r.status_code == 400 and users.get(eco.graph, name).two_factor  # type: ignore[union-attr]
    totp.disable(eco.graph, name, actor="test")


def test_an_admin_resets_a_lost_second_factor(login, eco: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    name = f"tf-{uuid.uuid4().hex[:8]}"
    _enable(login("key_worker", name))
    admin = login("admin")
    assert "second factor on" in admin.get("/admin/users").get_data(as_text=True)
    r = admin.post(f"/admin/users/{name}", data={"csrf_token": _token(admin, "/admin/users"),
                                                 "action": "reset_two_factor"})
    assert r.status_code == 302 and not users.get(eco.graph, name).two_factor  # type: ignore[union-attr]
    assert any(e.action == "two_factor.disable" and e.username == "test-admin"
               and e.target == name for e in audit.entries(eco.graph, limit=20))
