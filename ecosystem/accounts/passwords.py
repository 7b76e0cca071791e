"""Whether a new password is too easy to guess (ASVS 2.1.7), with no network.

Checked, after the length rules in `users.check_password`:

- the shipped list of common passwords (`common-passwords.txt.gz`: the 19,640 Django ships,
  created by Royce Williams; see `common-passwords.LICENSE`), as typed and with digits and
  punctuation trimmed from both ends (`Password2024!` is `password`);
- one short piece repeated (`aaaaaaaaaaaa`, `abcabcabcabc`, `passwordpassword`);
- fewer than 5 different characters;
- a run along the alphabet, the digits or a keyboard row or column, either way
  (`abcdefghijkl`, `123456789012`, `qwertyuiopas`, `1qaz2wsx3edc`).

The username is checked by the caller.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

LIST = Path(__file__).with_name("common-passwords.txt.gz")
MIN_DISTINCT = 5
_TRIM = "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "
_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "1234567890qwertyuiopasdfghjklzxcvbnm",
    "!@#$%^&*()",
)


@functools.cache
def common_passwords() -> frozenset[str]:
    with gzip.open(LIST, "rt", encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


def weakness(password: str) -> str | None:
    """Why `password` is too easy to guess, or None."""
    low = password.lower()
    common = common_passwords()
    if low in common or low.strip(_TRIM) in common:
        return "it is one of the most common passwords"
    if not low.strip(_TRIM):
        return "it is only digits and punctuation"
    if repeats(low):
        return "it is one short piece repeated"
    if len(set(low)) < MIN_DISTINCT:
        return f"it has fewer than {MIN_DISTINCT} different characters"
    if _in_sequence(low):
        return "it is a run of letters, digits or keys in a row"
    return None


def repeats(value: str, longest: int = 16) -> bool:
    """Whether `value` is one piece of up to `longest` characters, over and over."""
    for n in range(1, min(longest, len(value) - 1) + 1):
        if (value[:n] * (len(value) // n + 1))[:len(value)] == value:
            return True
    return False


def _in_sequence(low: str) -> bool:
    for seq in _SEQUENCES:
        wrapped = seq * (len(low) // len(seq) + 2)
        if low in wrapped or low in wrapped[::-1]:
            return True
    return False
