"""Settings, read once from the environment.

Environment wins over the managed local server: with NEO4J_URI set, the tool never starts
its own Neo4j.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

DEFAULT_DATA_DIR = Path.cwd() / ".data"


def _data_dir() -> Path:
    return Path(os.environ.get("ECOSYSTEM_DATA_DIR") or DEFAULT_DATA_DIR).resolve()


class ConfigError(ValueError):
    """A setting that cannot be used; the message names it and says what to do."""


def _count(variable: str, value: str | None) -> int:
    try:
        n = int(value or 0)
    except ValueError:
        n = -1
    if n < 0:
        raise ConfigError(f"{variable} must be a whole number, 0 or more (got {value!r})")
    return n


MIN_KEY_LENGTH = 32
MIN_KEY_DISTINCT = 10


def check_key(variable: str, value: str | None) -> str | None:
    """`value` if it is strong enough for a secret key (or None when not set), else
    ConfigError naming `variable`: at least 32 characters, at least 10 different ones, and
    not a short pattern repeated."""
    if value is None:
        return None
    advice = ("use a long random secret, e.g. from "
              "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`")
    if len(value) < MIN_KEY_LENGTH:
        raise ConfigError(f"{variable} is too short ({len(value)} characters): it needs at "
                          f"least {MIN_KEY_LENGTH}; {advice}")
    if len(set(value)) < MIN_KEY_DISTINCT or _repeats(value):
        raise ConfigError(f"{variable} is too easy to guess (a few characters, or a pattern "
                          f"repeated); {advice}")
    return value


def _repeats(value: str) -> bool:
    """Whether `value` is one short piece (up to 16 characters) over and over."""
    for n in range(1, 17):
        if len(value) > n and (value[:n] * (len(value) // n + 1))[:len(value)] == value:
            return True
    return False


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    data_dir: Path = field(default_factory=_data_dir)
    # Secret for the keyed hash that pseudonymises person identifiers at import.
    pseudonym_key: str | None = None
    suppression_threshold: int = 7
    bed_day_cost: float = 385.0  # NHS Confederation/HACT (2022): about £385 per bed-night
    # Reverse proxies in front of the web app whose X-Forwarded-For/-Proto are believed.
    trusted_proxies: int = 0
    # Admins must set up a second factor (TOTP) before any other page.
    admin_two_factor: bool = False

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
            bed_day_cost=float(e.get("ECOSYSTEM_BED_DAY_COST") or 385.0),
            trusted_proxies=_count("ECOSYSTEM_TRUSTED_PROXIES", e.get("ECOSYSTEM_TRUSTED_PROXIES")),
            admin_two_factor=(e.get("ECOSYSTEM_ADMIN_TWO_FACTOR") or "").strip().lower()
            in {"1", "true", "yes", "on"},
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


def private_dir(path: Path, tighten: bool = True) -> Path:
    """`path` as a folder only its owner can open (0700), made if missing. An existing one is
    tightened when `tighten` (the data folder: the tool's own) unless it is not ours or is a
    shared folder with the sticky bit (such as /tmp); an export leaves an existing folder as
    it is (its files are 0600). For the data folder and backups: person data and hashes."""
    path = Path(path)
    try:
        path.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        if not tighten:
            return path
        st = path.stat()
        if st.st_uid == os.getuid() and not st.st_mode & stat.S_ISVTX:
            os.chmod(path, 0o700)
        return path
    os.chmod(path, 0o700)  # mkdir's mode is cut by the umask
    return path


def open_private(path: Path) -> IO[str]:
    """`path` opened for writing text (truncated), readable by its owner only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a file that was there already keeps its old mode otherwise
    return os.fdopen(fd, "w", encoding="utf-8")
