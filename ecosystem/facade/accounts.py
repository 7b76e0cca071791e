"""Users and the audit log, as methods. `actor` None is the operating-system user (the
CLI); the web always names the signed-in user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ecosystem.accounts import audit, totp, users
from ecosystem.accounts.audit import AuditEntry
from ecosystem.accounts.throttle import SignInThrottle
from ecosystem.accounts.users import User
from ecosystem.db.graph import Graph


def _actor(actor: str | None) -> str:
    return actor or audit.cli_actor()


class Accounts:
    graph: Graph

    def create_user(self, username: str, role: str, password: str,
                    actor: str | None = None, *, email: str | None = None,
                    providers: Sequence[str] = ()) -> User:
        return users.create(self.graph, username, role, password, _actor(actor),
                            email=email, providers=providers)

    def set_email(self, username: str, email: str | None, actor: str | None = None) -> User:
        return users.set_email(self.graph, username, email, _actor(actor))

    def set_providers(self, username: str, providers: Sequence[str],
                      actor: str | None = None) -> User:
        return users.set_providers(self.graph, username, providers, _actor(actor))

    def list_users(self) -> list[User]:
        return users.list_users(self.graph)

    def get_user(self, username: str) -> User | None:
        return users.get(self.graph, username)

    def set_role(self, username: str, role: str, actor: str | None = None) -> User:
        return users.set_role(self.graph, username, role, _actor(actor))

    def set_disabled(self, username: str, disabled: bool, actor: str | None = None) -> User:
        return users.set_disabled(self.graph, username, disabled, _actor(actor))

    def set_password(self, username: str, password: str, actor: str | None = None) -> None:
        users.set_password(self.graph, username, password, _actor(actor))

    def end_sessions(self, username: str) -> None:
        users.end_sessions(self.graph, username)

    def sign_in_throttle(self, secret: bytes | str) -> SignInThrottle:
        """The sign-in throttle, counted in the graph (shared by every app process);
        `secret` keys the HMACs it stores instead of names and addresses."""
        return SignInThrottle(self.graph, secret)

    def verify(self, username: str, password: str) -> User | None:
        return users.verify(self.graph, username, password)

    def record_audit(self, username: str | None, action: str, target: object = "",
                     detail: object = "") -> None:
        audit.record(self.graph, _actor(username), action, target, detail)

    def audit_entries(self, since: dt.datetime | None = None, limit: int = 10_000
                      ) -> list[AuditEntry]:
        return audit.entries(self.graph, since, limit)

    def enable_two_factor(self, username: str, secret: str, code: str,
                          actor: str | None = None) -> list[str] | None:
        """Recovery codes once `code` proves the authenticator holds `secret`; else None."""
        return totp.enable(self.graph, username, secret, code, _actor(actor))

    def disable_two_factor(self, username: str, actor: str | None = None) -> None:
        totp.disable(self.graph, username, _actor(actor))

    def check_two_factor(self, username: str, code: str) -> str | None:
        """How the second step was passed ("totp" or "recovery code"), or None."""
        return totp.check(self.graph, username, code)
