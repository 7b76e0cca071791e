"""New passwords are checked against common ones and simple patterns; users change their own
password on the web (issue 16 §2)."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.accounts import audit, users

GOOD = "violet tractor under 9 lamps"


@pytest.mark.parametrize("password", [
    "aaaaaaaaaaaa", "abcabcabcabc", "passwordpassword", "abcdefghijklmn", "123456789012",
    "qwertyuiopas", "1qaz2wsx3edc4rfv", "zyxwvutsrqpo", "q1w2e3r4t5y6", "aaaaaaaabbbbbbbb",
    "Password1234", "monkey1234567!", "!!dragon2024!!", "1234567890!!", "ILOVEYOU2024!!",
    "sam-the-admin-2024",
])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(users.UserError):
        users.check_password(password, "sam")


@pytest.mark.parametrize("password", [GOOD, "correct horse battery staple",
                                      "a long enough test password", "Tz8#qLm2!vRw"])
def test_reasonable_passwords_pass(password: str) -> None:
    users.check_password(password, "sam")


def test_the_shipped_list_is_there_and_large() -> None:
    from ecosystem.accounts import passwords

    common = passwords.common_passwords()
    assert len(common) > 10_000 and "password" in common and "q1w2e3r4t5y6" in common


def _token(c: FlaskClient, path: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', c.get(path).get_data(as_text=True))
    assert m, path
    return m.group(1)


@pytest.mark.parametrize("role", users.ROLES)
def test_every_role_may_open_the_change_password_page(login, role: str) -> None:  # type: ignore[no-untyped-def]
    page = login(role).get("/account/password")
    assert page.status_code == 200 and "Current password" in page.get_data(as_text=True)


def test_a_user_changes_their_own_password(app: Flask, login, eco: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    from conftest import TEST_PASSWORD

    name = f"pw-{uuid.uuid4().hex[:8]}"
    c = login("viewer", name)
    start = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    token = _token(c, "/account/password")

    def post(current: str, new: str, again: str | None = None, csrf: str | None = None):  # type: ignore[no-untyped-def]
        return c.post("/account/password", data={
            "csrf_token": token if csrf is None else csrf, "current_password": current,
            "new_password": new, "new_password_again": new if again is None else again})

    assert post(TEST_PASSWORD, GOOD, csrf="").status_code == 400  # CSRF
    r = post("not my password at all", GOOD)
    assert r.status_code == 400 and "current password is not right" in r.get_data(as_text=True)
    r = post(TEST_PASSWORD, "aaaaaaaaaaaa")
    assert r.status_code == 400 and "too easy to guess" in r.get_data(as_text=True)
    r = post(TEST_PASSWORD, GOOD, again=GOOD + "x")
    assert r.status_code == 400 and "not the same" in r.get_data(as_text=True)
    assert users.verify(eco.graph, name, TEST_PASSWORD) is not None  # nothing changed yet
    r = post(TEST_PASSWORD, GOOD)
    assert r.status_code == 302
    assert c.get("/").status_code == 200  # still signed in, with a fresh session
    assert users.verify(eco.graph, name, GOOD) is not None
    assert users.verify(eco.graph, name, TEST_PASSWORD) is None
    logged = [(e.action, e.username, e.target) for e in reversed(audit.entries(eco.graph, start))
              if e.target == name and e.username == name]
    assert logged == [("password.change_failed", name, name),
                      ("user.set_password", name, name)]
    users.set_password(eco.graph, name, TEST_PASSWORD, actor="test")  # as ensure_user expects


def test_the_page_needs_sign_in(app: Flask) -> None:
    assert app.test_client().get("/account/password").status_code == 302
