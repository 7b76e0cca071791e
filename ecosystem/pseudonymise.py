"""Keyed hashing of person identifiers, done at import so no raw identifier reaches the graph.

HMAC-SHA256 with a secret key from configuration (ECOSYSTEM_PSEUDONYM_KEY). The same raw
identifier and key always give the same pseudonym, so re-imports and journey events link up;
without the key a pseudonym cannot be turned back or recomputed from a guessed identifier.
"""

from __future__ import annotations

import hashlib
import hmac


class MissingKey(RuntimeError):
    pass


def pseudonym(raw: str, key: str, prefix: str = "P") -> str:
    if not key:
        raise MissingKey(
            "No pseudonymisation key: set ECOSYSTEM_PSEUDONYM_KEY to a long random secret "
            "before importing people or journeys."
        )
    digest = hmac.new(key.encode("utf-8"), raw.strip().encode("utf-8"), hashlib.sha256)
    return f"{prefix}-{digest.hexdigest()[:20]}"
