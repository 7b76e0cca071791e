"""A new area's first steps, as the README gives them, on a map with nothing in it yet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import cli_env

from ecosystem import Ecosystem
from ecosystem.cli import cli
from ecosystem.db.server import generate_password
from ecosystem.importers import load, params
from ecosystem.importers.readers import read_path
from ecosystem.importers.validate import Known, validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "example"


def _cli(eco: Ecosystem, tmp_path: Path, *args: str) -> str:
    env = cli_env(eco, tmp_path)
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


def _empty_map(eco: Ecosystem) -> None:
    """As a new database: no map and no reference data (clear() leaves only the schema)."""
    eco.clear()
    assert eco.counts().get("Domain", 0) == 0


def _money_options(eco: Ecosystem, tmp_path: Path) -> dict[str, object]:
    out = _cli(eco, tmp_path, "analyse", "options", "--area", "E06000777", "--need", "money",
               "--format", "json")
    return dict(json.loads(out))


def test_readme_steps_without_init_give_a_working_map(eco: Ecosystem, tmp_path: Path) -> None:
    _empty_map(eco)
    _cli(eco, tmp_path, "templates", "--out", str(tmp_path / "my-area"))
    _cli(eco, tmp_path, "import", str(EXAMPLE))
    options = _money_options(eco, tmp_path)
    assert options["unmet"] == []
    assert "ex-money" in json.dumps(options)
    coverage = _cli(eco, tmp_path, "analyse", "coverage", "E06000777", "--format", "json")
    assert '"money"' in coverage and "ex-money" in coverage, coverage[:800]


def _write_without_reference_data(eco: Ecosystem, folder: Path) -> None:
    """What an import did before it made sure of the reference data: rows written, links
    to life domains, sources and types silently not made."""
    tables, issues = read_path(folder)
    assert not issues
    valid, problems = validate(tables, Known(), lambda _refs: set())
    assert not problems
    load.write(eco.graph, params.plan(valid, eco.settings.resolve_pseudonym_key()))


def test_reimport_repairs_a_map_written_before_its_reference_data(
        eco: Ecosystem, tmp_path: Path) -> None:
    _empty_map(eco)
    _write_without_reference_data(eco, EXAMPLE)
    eco.init()  # the user runs init afterwards, as the README once suggested
    assert _money_options(eco, tmp_path)["unmet"] == ["money"]  # the broken state
    report = eco.import_path(EXAMPLE)
    assert report.written
    services = report.counts["services"]
    assert services.updated > 0 and services.unchanged == 0 and services.created == 0
    assert _money_options(eco, tmp_path)["unmet"] == []
    again = eco.import_path(EXAMPLE)  # and once repaired, unchanged means unchanged
    assert again.counts["services"].updated == 0


def test_import_of_records_makes_sure_of_reference_data(eco: Ecosystem) -> None:
    _empty_map(eco)
    eco.import_tables({"areas": [{"id": "E06000001", "name": "A", "level": "local_authority"}]})
    assert eco.counts()["Domain"] == 8


@pytest.mark.no_neo4j
def test_generated_passwords_cannot_be_read_as_options() -> None:
    # token_urlsafe gave a leading "-" about once in 64 starts; the admin tool then printed
    # its usage and `ecosystem db start` failed.
    passwords = [generate_password() for _ in range(5000)]
    assert all(p[0].isalpha() and p.isalnum() and len(p) == 32 for p in passwords)
    assert len(set(passwords)) == len(passwords)
