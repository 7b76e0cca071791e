"""Person-level CLI views write an audit entry, as the web's person pages do (issue 16 §2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builders import N1, journeys_rows, load, small_area
from click.testing import CliRunner
from conftest import cli_env

from ecosystem import Ecosystem
from ecosystem.accounts import audit
from ecosystem.cli import cli
from ecosystem.importers.pseudonymise import pseudonym


def _invoke(eco: Ecosystem, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    env = cli_env(eco, tmp_path)
    return CliRunner().invoke(cli, ["analyse", *args], env=env)


def test_person_views_from_the_cli_are_audited(eco: Ecosystem, tmp_path: Path) -> None:
    small_area(eco)
    load(eco, journeys_rows())
    pid = pseudonym("esa-0", eco.settings.resolve_pseudonym_key())
    start = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    assert _invoke(eco, tmp_path, "options", "--person", pid).exit_code == 0
    assert _invoke(eco, tmp_path, "route", "HF", "--person", pid).exit_code == 0
    assert _invoke(eco, tmp_path, "options", "--area", N1, "--need", "housing"
                   ).exit_code == 0  # a typed-in profile is about no stored person
    views = [e for e in reversed(audit.entries(eco.graph, start)) if e.action == "person.view"]
    assert [(e.target, e.detail) for e in views] == [
        (pid, "analyse options --person"), (pid, "analyse route --person")]
    assert all(e.username.startswith("cli:") for e in views)
