"""Keyed hashing of person identifiers, done at import so no raw identifier reaches the graph.

HMAC-SHA256 with a secret key from configuration (ECOSYSTEM_PSEUDONYM_KEY). The same raw
identifier and key always give the same pseudonym, so re-imports and journey events link up;
without the key a pseudonym cannot be turned back or recomputed from a guessed identifier.
"""

from __future__ import annotations

import hmac


class MissingKey(RuntimeError):
    pass


class Pseudonymiser:
    """`pseudonym` with the key checked and encoded once, for millions of calls."""

    def __init__(self, key: str) -> None:
        if not key:
            raise MissingKey(
                "No pseudonymisation key: set ECOSYSTEM_PSEUDONYM_KEY to a long random secret "
                "before importing people or journeys."
            )
        self._key = key.encode("utf-8")

    def __call__(self, raw: str, prefix: str = "P") -> str:
        # hmac.digest is OpenSSL's one-shot HMAC: several times faster than hmac.new.
        digest = hmac.digest(self._key, raw.strip().encode("utf-8"), "sha256")
        return f"{prefix}-{digest[:10].hex()}"


def pseudonym(raw: str, key: str, prefix: str = "P") -> str:
    return Pseudonymiser(key)(raw, prefix)
