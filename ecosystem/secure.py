"""Secrets and the files that hold them: the strength check for keys from the environment,
and folders and files only their owner can read. Base layer: imports nothing of the package.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO


class ConfigError(ValueError):
    """A setting that cannot be used; the message names it and says what to do."""


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
