"""Settings, read once from the environment.

This is the only module that reads the tool's environment variables (a test checks it);
everything else is given a `Settings` or the values it needs. Environment wins over the
managed local server: with NEO4J_URI set, the tool never starts its own Neo4j.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ecosystem.secure import ConfigError, check_key, private_dir

DEFAULT_DATA_DIR = Path.cwd() / ".data"


def _data_dir() -> Path:
    return Path(os.environ.get("ECOSYSTEM_DATA_DIR") or DEFAULT_DATA_DIR).resolve()


def _count(variable: str, value: str | None) -> int:
    try:
        n = int(value or 0)
    except ValueError:
        n = -1
    if n < 0:
        raise ConfigError(f"{variable} must be a whole number, 0 or more (got {value!r})")
    return n


def _months(value: str | None) -> int:
    n = _count("ECOSYSTEM_STALE_MONTHS", value or "6")
    if n < 1:
        raise ConfigError(f"ECOSYSTEM_STALE_MONTHS must be a whole number of months, 1 or "
                          f"more (got {value!r})")
    return n


def _flag(value: str | None) -> bool | None:
    """`1/true/yes/on` or `0/false/no/off`; anything else (or unset) is None."""
    v = (value or "").strip().lower()
    if v in {"0", "false", "no", "off"}:
        return False
    if v in {"1", "true", "yes", "on"}:
        return True
    return None


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    data_dir: Path = field(default_factory=_data_dir)
    # Secret for the keyed hash that pseudonymises person identifiers at import.
    pseudonym_key: str | None = None
    suppression_threshold: int = 7  # counts of people from 1 to this are suppressed
    suppression_rounding: int = 5  # other counts rounded to the nearest this (1: exact)
    bed_day_cost: float = 385.0  # NHS Confederation/HACT (2022): about £385 per bed-night
    # A contract starting this many days or fewer after another ends continues the service.
    renewal_gap_days: int = 1
    # Reverse proxies in front of the web app whose X-Forwarded-For/-Proto are believed.
    trusted_proxies: int = 0
    # Admins must set up a second factor (TOTP) before any other page.
    admin_two_factor: bool = False
    # The web app: the key that signs session cookies (None: a random key in the data
    # folder), and the cookie's Secure flag (None: on, except in debug or testing mode).
    secret_key: str | None = None
    cookie_secure: bool | None = None
    # The managed Neo4j (ecosystem/db/server.py); cache_dir None is the user cache.
    neo4j_port: int | None = None
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    cache_dir: Path | None = None
    # Imports (ecosystem/importers/load.py): up to import_tx_rows rows is one transaction,
    # above it batches of import_batch_rows, new journeys written by import_writers sessions.
    import_tx_rows: int = 50_000
    import_batch_rows: int = 5_000
    import_writers: int = 2
    # Journey events older than this many years are deleted by `ecosystem retention apply`
    # (0: off, nothing is deleted).
    retention_years: int = 0
    # Who runs this copy of the tool and how to reach them (the footer's contact, privacy
    # and accessibility pages).
    organisation: str | None = None
    contact_email: str | None = None
    # The public ORUK API (web/blueprints/oruk_api.py) publishes who funds each service
    # (`funding`: the feed's texts and our commissioners) only when this is on.
    oruk_api_contracts: bool = False
    # A service whose details were last checked more than this many months ago (or never)
    # is stale (ecosystem/stewardship/freshness.py).
    stale_months: int = 6
    # Reminders by email (`ecosystem stewardship remind`): no host, no email.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_from: str | None = None
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool | None = None  # None: on
    # The address people open the web app at, for links in emails (https://map.example.org).
    public_url: str | None = None
    # The web app prepares itself (web/warming.py) before it says it is ready, answering a
    # short "starting" page meanwhile. None: on.
    warm_start: bool | None = None

    @property
    def smtp_configured(self) -> bool:
        return bool(self.smtp_host and self.smtp_from)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        e = dict(os.environ if env is None else env)
        data_dir = Path(e.get("ECOSYSTEM_DATA_DIR") or DEFAULT_DATA_DIR).resolve()
        return cls(
            neo4j_uri=e.get("NEO4J_URI") or None,
            neo4j_user=e.get("NEO4J_USER") or "neo4j",
            neo4j_password=e.get("NEO4J_PASSWORD") or None,
            neo4j_database=e.get("NEO4J_DATABASE") or None,
            data_dir=data_dir,
            pseudonym_key=check_key("ECOSYSTEM_PSEUDONYM_KEY",
                                    e.get("ECOSYSTEM_PSEUDONYM_KEY") or None),
            suppression_threshold=int(e.get("ECOSYSTEM_SUPPRESSION_THRESHOLD") or 7),
            suppression_rounding=int(e.get("ECOSYSTEM_SUPPRESSION_ROUNDING") or 5),
            bed_day_cost=float(e.get("ECOSYSTEM_BED_DAY_COST") or 385.0),
            renewal_gap_days=_count("ECOSYSTEM_RENEWAL_GAP_DAYS",
                                    e.get("ECOSYSTEM_RENEWAL_GAP_DAYS") or "1"),
            trusted_proxies=_count("ECOSYSTEM_TRUSTED_PROXIES", e.get("ECOSYSTEM_TRUSTED_PROXIES")),
            admin_two_factor=(e.get("ECOSYSTEM_ADMIN_TWO_FACTOR") or "").strip().lower()
            in {"1", "true", "yes", "on"},
            secret_key=check_key("ECOSYSTEM_SECRET_KEY", e.get("ECOSYSTEM_SECRET_KEY") or None),
            cookie_secure=_flag(e.get("ECOSYSTEM_COOKIE_SECURE")),
            neo4j_port=int(e["ECOSYSTEM_NEO4J_PORT"]) if e.get("ECOSYSTEM_NEO4J_PORT") else None,
            neo4j_heap=e.get("ECOSYSTEM_NEO4J_HEAP") or "1g",
            neo4j_pagecache=e.get("ECOSYSTEM_NEO4J_PAGECACHE") or "512m",
            cache_dir=Path(e["ECOSYSTEM_CACHE_DIR"]) if e.get("ECOSYSTEM_CACHE_DIR") else None,
            import_tx_rows=int(e.get("ECOSYSTEM_IMPORT_TX_ROWS") or 50_000),
            import_batch_rows=int(e.get("ECOSYSTEM_IMPORT_BATCH_ROWS") or 5_000),
            import_writers=int(e.get("ECOSYSTEM_IMPORT_WRITERS") or 2),
            retention_years=_count("ECOSYSTEM_RETENTION_YEARS", e.get("ECOSYSTEM_RETENTION_YEARS")),
            organisation=(e.get("ECOSYSTEM_ORGANISATION") or "").strip() or None,
            contact_email=(e.get("ECOSYSTEM_CONTACT_EMAIL") or "").strip() or None,
            oruk_api_contracts=(e.get("ECOSYSTEM_ORUK_API_CONTRACTS") or "").strip().lower()
            in {"1", "true", "yes", "on"},
            stale_months=_months(e.get("ECOSYSTEM_STALE_MONTHS")),
            smtp_host=e.get("ECOSYSTEM_SMTP_HOST") or None,
            smtp_port=_count("ECOSYSTEM_SMTP_PORT", e.get("ECOSYSTEM_SMTP_PORT") or "587"),
            smtp_from=e.get("ECOSYSTEM_SMTP_FROM") or None,
            smtp_user=e.get("ECOSYSTEM_SMTP_USER") or None,
            smtp_password=e.get("ECOSYSTEM_SMTP_PASSWORD") or None,
            smtp_starttls=_flag(e.get("ECOSYSTEM_SMTP_STARTTLS")),
            public_url=(e.get("ECOSYSTEM_PUBLIC_URL") or "").rstrip("/") or None,
            warm_start=_flag(e.get("ECOSYSTEM_WARM_START")),
        )

    def resolve_pseudonym_key(self) -> str:
        """The configured key; for a local install without one, a random key kept in a 0600
        file in the data folder (never in the graph)."""
        if self.pseudonym_key:
            return self.pseudonym_key
        path = private_dir(self.data_dir) / "pseudonym.key"
        if not path.exists():
            import secrets

            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(32) + "\n")
        return path.read_text().strip()

    @property
    def uses_managed_server(self) -> bool:
        return self.neo4j_uri is None
