"""Users of the web UI and their roles.

A user is a `(:User {username, role, password_hash, disabled, epoch, email, providers})`
node; `email` is where reminders go, `providers` the provider ids a provider editor keeps
the entries of. Passwords are
hashed with Argon2id (argon2-cffi); the hash never leaves this module except to the graph.
`epoch` goes up whenever the user's sessions must end (sign-out, disable, role or password
change): a session remembers the epoch it was issued in and stops working when it differs.

There is no default user and no default password: the first admin is created from the CLI
(`ecosystem users add NAME --role admin`). Every change is written to the audit log by the
caller's `actor` (a web username, or `cli:<os user>`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
PROVIDER_EDITOR = "provider_editor"
ROLES: tuple[str, ...] = (ADMIN, ANALYST, COMMISSIONER, KEY_WORKER, VIEWER, PROVIDER_EDITOR)
ROLE_NAMES = {
    ADMIN: "Admin",
    ANALYST: "Analyst",
    COMMISSIONER: "Commissioner",
    KEY_WORKER: "Key worker",
    VIEWER: "Viewer",
    PROVIDER_EDITOR: "Provider editor",
}

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
# Deliberately loose (one @, a dot in the domain, no spaces): the mail server is the judge.
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_EMAIL_LENGTH = 254
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
    email: str | None = None
    providers: tuple[str, ...] = ()  # for a provider editor: whose entries they keep

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


def check_email(email: str | None) -> str | None:
    """The address, trimmed, or None for none; a UserError if it cannot be an address."""
    value = (email or "").strip()
    if not value:
        return None
    if len(value) > MAX_EMAIL_LENGTH or not EMAIL.match(value):
        raise UserError(f"{value[:80]!r} is not an email address: write it like "
                        "name@example.org.")
    return value


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
                int(row.get("epoch") or 0), bool(row.get("two_factor")),
                row.get("email"), tuple(row.get("providers") or ()))


def get(graph: Graph, username: str) -> User | None:
    rows = graph.read("users/get", username=username)
    return _user(rows[0]) if rows else None


def list_users(graph: Graph) -> list[User]:
    return [_user(r) for r in graph.read("users/list")]


def _check_providers(graph: Graph, providers: Sequence[str]) -> tuple[str, ...]:
    ids = tuple(dict.fromkeys(p.strip() for p in providers if p.strip()))
    rows = graph.read("users/known_providers", ids=list(ids))
    unknown = [r["id"] for r in rows if not r["known"]]
    if unknown:
        raise UserError(f"There is no provider with the id {', '.join(map(repr, unknown))}: "
                        "use the id shown on the provider's page.")
    return ids


def create(graph: Graph, username: str, role: str, password: str, actor: str, *,
           email: str | None = None, providers: Sequence[str] = ()) -> User:
    name = check_username(username)
    check_role(role)
    check_password(password, name)
    address = check_email(email)
    ids = _check_providers(graph, providers)
    if ids and role != PROVIDER_EDITOR:
        raise UserError("Only a provider editor is tied to providers.")
    try:
        graph.write("users/create", username=name, role=role,
                    password_hash=_hasher.hash(password), email=address, providers=list(ids))
    except ConstraintError:
        raise UserError(f"There is already a user called {name!r}.") from None
    detail = f"role={role}" + (f" providers={';'.join(ids)}" if ids else "")
    audit.record(graph, actor, "user.create", name, detail)
    return User(name, role, email=address, providers=ids)


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
    return replace(user, role=role, epoch=user.epoch + 1)


def set_email(graph: Graph, username: str, email: str | None, actor: str) -> User:
    user = _require(graph, username)
    address = check_email(email)
    graph.write("users/set_email", username=user.username, email=address)
    # The address itself is personal data: the audit says that it changed, not to what.
    audit.record(graph, actor, "user.set_email", user.username,
                 "set" if address else "removed")
    return replace(user, email=address)


def set_providers(graph: Graph, username: str, providers: Sequence[str], actor: str) -> User:
    """Tie a provider editor to the providers whose entries they keep (replacing the list)."""
    user = _require(graph, username)
    ids = _check_providers(graph, providers)
    if ids and user.role != PROVIDER_EDITOR:
        raise UserError(f"{user.username} is not a provider editor: only a provider editor "
                        "is tied to providers.")
    graph.write("users/set_providers", username=user.username, providers=list(ids))
    audit.record(graph, actor, "user.set_providers", user.username, ";".join(ids) or "none")
    return replace(user, providers=ids)


def set_disabled(graph: Graph, username: str, disabled: bool, actor: str) -> User:
    user = _require(graph, username)
    if disabled:
        _keep_one_admin(graph, user)
    graph.write("users/set_disabled", username=user.username, disabled=disabled)
    audit.record(graph, actor, "user.disable" if disabled else "user.enable", user.username, "")
    return replace(user, disabled=disabled, epoch=user.epoch + 1)


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
