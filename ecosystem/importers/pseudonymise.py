"""Keyed hashing of person identifiers, done at import so no raw identifier reaches the graph.

HMAC-SHA256 with a secret key from configuration (ECOSYSTEM_PSEUDONYM_KEY). The same raw
identifier and key always give the same pseudonym, so re-imports and journey events link up;
without the key a pseudonym cannot be turned back or recomputed from a guessed identifier.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache


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
        # HMAC-SHA256 as RFC 2104 defines it, the key's inner and outer blocks hashed once
        # here: per identifier it is then a third of the time of hmac.digest.
        k = key.encode("utf-8")
        if len(k) > _BLOCK:
            k = hashlib.sha256(k).digest()
        k = k.ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(k.translate(_IPAD))
        self._outer = hashlib.sha256(k.translate(_OPAD))

    def __call__(self, raw: str, prefix: str = "P") -> str:
        return self.with_prefix(prefix)(raw)

    def with_prefix(self, prefix: str) -> Callable[[str], str]:
        """The pseudonym function for one prefix, its state bound for the per-row calls."""
        inner_copy, outer_copy, head = self._inner.copy, self._outer.copy, prefix + "-"

        def make(raw: str) -> str:
            inner = inner_copy()
            inner.update(raw.strip().encode("utf-8"))
            outer = outer_copy()
            outer.update(inner.digest())
            return head + outer.digest()[:10].hex()
        return make


_BLOCK = 64  # SHA-256's block size in bytes
_IPAD = bytes(b ^ 0x36 for b in range(256))
_OPAD = bytes(b ^ 0x5C for b in range(256))


def pseudonym(raw: str, key: str, prefix: str = "P") -> str:
    return _pseudonymiser(key)(raw, prefix)


# One per key: the importer calls pseudonym once per person it looks up.
_pseudonymiser = lru_cache(maxsize=4)(Pseudonymiser)
