"""The command line: help in the docs is current, and the commands behave."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_KEY

from ecosystem import Ecosystem
from ecosystem.cli import cli
from ecosystem.cli.helpdoc import render

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.no_neo4j
def test_cli_docs_are_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text() == render(), (
        "docs/cli.md is out of date: python -m ecosystem.cli.helpdoc > docs/cli.md")


def _env(eco: Ecosystem, tmp_path: Path) -> dict[str, str]:
    return {"NEO4J_URI": eco.settings.neo4j_uri or "", "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": eco.settings.neo4j_password or "",
            "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY, "ECOSYSTEM_DATA_DIR": str(tmp_path)}


def test_init_and_import_from_the_cli(eco: Ecosystem, tmp_path: Path) -> None:
    runner = CliRunner()
    env = _env(eco, tmp_path)
    assert runner.invoke(cli, ["init"], env=env).exit_code == 0
    result = runner.invoke(cli, ["import", str(ROOT / "fixtures" / "example")], env=env)
    assert result.exit_code == 0, result.output
    assert "services: 3 created" in result.output
    again = runner.invoke(cli, ["import", str(ROOT / "fixtures" / "example")], env=env)
    assert "services: 0 created, 0 updated, 3 unchanged" in again.output


def test_db_commands_refuse_when_neo4j_uri_is_set(eco: Ecosystem, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["db", "start"], env=_env(eco, tmp_path))
    assert result.exit_code != 0 and "NEO4J_URI is set" in result.output


@pytest.mark.no_neo4j
def test_unreachable_database_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    env = {"NEO4J_URI": "neo4j://127.0.0.1:1", "NEO4J_PASSWORD": "x",
           "ECOSYSTEM_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["init"], env=env)
    assert result.exit_code == 1
    assert "cannot be reached" in result.output and "Traceback" not in result.output


@pytest.mark.no_neo4j
def test_templates_and_demo_files(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["templates", "--out", str(tmp_path / "t")]).exit_code == 0
    assert (tmp_path / "t" / "services.csv").exists()
    assert runner.invoke(cli, ["demo", "--out", str(tmp_path / "d")]).exit_code == 0
    assert len((tmp_path / "d" / "journey_events.csv").read_text().splitlines()) > 15000
