"""Keys from the environment are refused when short or obviously guessable (issue 16 §2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ecosystem.config import Settings
from ecosystem.secure import ConfigError

STRONG = "k9-Qz3vT_x8LmW2pR7sY4nB6cH1dF5gJ0aE"
WEAK = ["short-key", "a" * 40, "abababababababababababababababababab",
        "0123456780123456780123456780123456"]


@pytest.mark.parametrize("key", WEAK)
def test_weak_pseudonym_keys_are_refused(key: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ECOSYSTEM_PSEUDONYM_KEY"):
        Settings.from_env({"ECOSYSTEM_PSEUDONYM_KEY": key, "ECOSYSTEM_DATA_DIR": str(tmp_path)})


def test_a_strong_key_and_no_key_are_accepted(tmp_path: Path) -> None:
    s = Settings.from_env({"ECOSYSTEM_PSEUDONYM_KEY": STRONG, "ECOSYSTEM_DATA_DIR": str(tmp_path)})
    assert s.pseudonym_key == STRONG
    s = Settings.from_env({"ECOSYSTEM_DATA_DIR": str(tmp_path)})
    assert len(s.resolve_pseudonym_key()) >= 32  # the generated one passes its own check


@pytest.mark.parametrize("key", WEAK)
def test_weak_session_keys_are_refused(key: str, tmp_path: Path) -> None:
    from web.access import secret_key

    env = {"ECOSYSTEM_DATA_DIR": str(tmp_path)}
    with pytest.raises(ConfigError, match="ECOSYSTEM_SECRET_KEY"):
        Settings.from_env({**env, "ECOSYSTEM_SECRET_KEY": key})
    with pytest.raises(ConfigError, match="ECOSYSTEM_SECRET_KEY"):  # settings made in code
        secret_key(Settings(data_dir=tmp_path, secret_key=key))
    strong = Settings.from_env({**env, "ECOSYSTEM_SECRET_KEY": STRONG})
    assert secret_key(strong) == STRONG.encode()


def test_the_cli_says_which_key_is_weak_without_a_traceback(tmp_path: Path) -> None:
    from ecosystem.cli import cli

    r = CliRunner().invoke(cli, ["analyse", "funding"],
                           env={"ECOSYSTEM_PSEUDONYM_KEY": "k", "NEO4J_URI": "neo4j://127.0.0.1:1",
                                "ECOSYSTEM_DATA_DIR": str(tmp_path)})
    assert r.exit_code == 1, r.output
    assert "ECOSYSTEM_PSEUDONYM_KEY" in r.output and "32" in r.output
    assert not isinstance(r.exception, ConfigError)
