"""Users of the web UI and their roles.

A user is a `(:User {username, role, password_hash, disabled, epoch})` node. Passwords are
hashed with Argon2id (argon2-cffi); the hash never leaves this module except to the graph.
`epoch` goes up whenever the user's sessions must end (sign-out, disable, role or password
change): a session remembers the epoch it was issued in and stops working when it differs.

There is no default user and no default password: the first admin is created from the CLI
(`ecosystem users add NAME --role admin`). Every change is written to the audit log by the
caller's `actor` (a web username, or `cli:<os user>`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from neo4j.exceptions import ConstraintError

from ecosystem.accounts import audit, passwords
from ecosystem.db.graph import Graph

ADMIN = "admin"
ANALYST = "analyst"
COMMISSIONER = "commissioner"
KEY_WORKER = "key_worker"
VIEWER = "viewer"
ROLES: tuple[str, ...] = (ADMIN, ANALYST, COMMISSIONER, KEY_WORKER, VIEWER)
ROLE_NAMES = {
    ADMIN: "Admin",
    ANALYST: "Analyst",
    COMMISSIONER: "Commissioner",
    KEY_WORKER: "Key worker",
    VIEWER: "Viewer",
}

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # bounds the hashing work an attacker can ask for

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
# Verified against when the user does not exist, so a wrong name costs as long as a wrong
# password and sign-in timing does not say which names exist.
_DUMMY_HASH = _hasher.hash("not a password: a timing equaliser")


class UserError(ValueError):
    """A user change that cannot be made; the message says why."""


@dataclass(frozen=True)
class User:
    username: str
    role: str
    disabled: bool = False
    epoch: int = 0
    two_factor: bool = False  # a TOTP second factor is set up (ecosystem.accounts.totp)

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise UserError("A username is 2 to 64 characters: lower-case letters, digits, "
                        "dots, hyphens and underscores, starting with a letter or digit.")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"Unknown role {role!r}: choose one of {', '.join(ROLES)}.")
    return role


def check_password(password: str, username: str = "") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"A password can have at most {MAX_PASSWORD_LENGTH} characters.")
    if username and username.lower() in password.lower():
        raise UserError("A password must not contain the username.")
    why = passwords.weakness(password)
    if why:
        raise UserError(f"This password is too easy to guess: {why}. Try three or four "
                        "words that have nothing to do with each other.")


def _user(row: dict[str, Any]) -> User:
    return User(row["username"], row["role"], bool(row.get("disabled")),
                int(row.get("epoch") or 0), bool(row.get("two_factor")))


def get(graph: Graph, username: str) -> User | None:
    rows = graph.read("users/get", username=username)
    return _user(rows[0]) if rows else None


def list_users(graph: Graph) -> list[User]:
    return [_user(r) for r in graph.read("users/list")]


def create(graph: Graph, username: str, role: str, password: str, actor: str) -> User:
    name = check_username(username)
    check_role(role)
    check_password(password, name)
    try:
        graph.write("users/create", username=name, role=role,
                    password_hash=_hasher.hash(password))
    except ConstraintError:
        raise UserError(f"There is already a user called {name!r}.") from None
    audit.record(graph, actor, "user.create", name, f"role={role}")
    return User(name, role)


def _require(graph: Graph, username: str) -> User:
    user = get(graph, username)
    if user is None:
        raise UserError(f"There is no user called {username!r}.")
    return user


def _keep_one_admin(graph: Graph, user: User) -> None:
    if user.role == ADMIN and not user.disabled:
        n = graph.read("users/count_active_admins")[0]["n"]
        if n <= 1:
            raise UserError("This is the only enabled admin: make another admin first.")


def set_role(graph: Graph, username: str, role: str, actor: str) -> User:
    check_role(role)
    user = _require(graph, username)
    if user.role == role:
        return user
    if role != ADMIN:
        _keep_one_admin(graph, user)
    graph.write("users/set_role", username=user.username, role=role)
    audit.record(graph, actor, "user.set_role", user.username, f"{user.role} -> {role}")
    return User(user.username, role, user.disabled, user.epoch + 1, user.two_factor)


def set_disabled(graph: Graph, username: str, disabled: bool, actor: str) -> User:
    user = _require(graph, username)
    if disabled:
        _keep_one_admin(graph, user)
    graph.write("users/set_disabled", username=user.username, disabled=disabled)
    audit.record(graph, actor, "user.disable" if disabled else "user.enable", user.username, "")
    return User(user.username, user.role, disabled, user.epoch + 1, user.two_factor)


def set_password(graph: Graph, username: str, password: str, actor: str) -> None:
    user = _require(graph, username)
    check_password(password, user.username)
    graph.write("users/set_password", username=user.username,
                password_hash=_hasher.hash(password), end_sessions=True)
    audit.record(graph, actor, "user.set_password", user.username, "")


def end_sessions(graph: Graph, username: str) -> None:
    graph.write("users/end_sessions", username=username)


def verify(graph: Graph, username: str, password: str) -> User | None:
    """The user if the name and password match an enabled user, else None.

    Takes as long for an unknown name as for a wrong password. Rehashes the password when
    the library's recommended parameters have changed since it was hashed.
    """
    name = username.strip().lower()
    if not USERNAME.match(name) or not password or len(password) > MAX_PASSWORD_LENGTH:
        _check(_DUMMY_HASH, password[:MAX_PASSWORD_LENGTH] or "x")
        return None
    rows = graph.read("users/get", username=name)
    if not rows:
        _check(_DUMMY_HASH, password)
        return None
    row = rows[0]
    if not _check(row["password_hash"] or _DUMMY_HASH, password) or row.get("disabled"):
        return None
    if _hasher.check_needs_rehash(row["password_hash"]):
        graph.write("users/set_password", username=name, password_hash=_hasher.hash(password),
                    end_sessions=False)
    return _user(row)


def _check(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
