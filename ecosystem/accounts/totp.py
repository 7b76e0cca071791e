"""A second factor for signing in: time-based one-time codes (TOTP, RFC 6238, with pyotp)
from an authenticator app, and single-use recovery codes for a lost phone.

The secret is kept on the `User` node (`totp_secret`) with the password hash, and like it is
never shown again after setting up. Recovery codes are random (50 bits each), so they are
stored as SHA-256 hashes (`recovery_codes`) and each works once. A code is accepted for the
current 30-second step or the one either side, and never twice (`totp_last_step`).
"""

from __future__ import annotations

import hashlib
import secrets
import time

import pyotp

from ecosystem.accounts import audit
from ecosystem.db.graph import Graph

ISSUER = "Social support map"
RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(username: str, secret: str) -> str:
    """The otpauth:// address an authenticator app reads (typed in, or as a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step `code` is right for (now, or 30 s either side), or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if at is None else at
    step = int(now // totp.interval)
    for s in (step, step - 1, step + 1):
        if secrets.compare_digest(totp.at(s * totp.interval), code):
            return s
    return None


def new_recovery_codes() -> list[str]:
    return ["-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(2))
            for _ in range(RECOVERY_CODES)]


def _normal(code: str) -> str:
    return "".join(code.lower().split())


def _hash(code: str) -> str:
    return hashlib.sha256(_normal(code).encode()).hexdigest()


def enable(graph: Graph, username: str, secret: str, code: str, actor: str) -> list[str] | None:
    """Turn the second factor on once `code` shows the app has `secret`: the recovery codes
    (to show once), or None if the code is not right."""
    if matching_step(secret, code) is None:
        return None
    codes = new_recovery_codes()
    graph.write("users/set_totp", username=username, secret=secret,
                recovery_codes=[_hash(c) for c in codes])
    audit.record(graph, actor, "two_factor.enable", username, "")
    return codes


def disable(graph: Graph, username: str, actor: str) -> None:
    graph.write("users/set_totp", username=username, secret=None, recovery_codes=None)
    audit.record(graph, actor, "two_factor.disable", username, "")


def check(graph: Graph, username: str, code: str) -> str | None:
    """How `code` signs `username` in: "code", "recovery code", or None (wrong or used)."""
    rows = graph.read("users/get_totp", username=username)
    if not rows or not rows[0]["secret"]:
        return None
    step = matching_step(rows[0]["secret"], code)
    if step is not None:
        if step <= rows[0]["last_step"]:
            return None
        done = graph.write("users/use_totp_step", username=username, step=step)
        return "code" if done.rows else None
    if len(_normal(code)) == 11:  # xxxxx-xxxxx
        done = graph.write("users/use_recovery_code", username=username, code_hash=_hash(code))
        return "recovery code" if done.rows else None
    return None
