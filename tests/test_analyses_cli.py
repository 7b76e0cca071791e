"""`ecosystem analyse ...` on the small hand-made area."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from builders import N1, PLACE1, journeys_rows, load, small_area
from click.testing import CliRunner
from conftest import cli_env

from ecosystem import Ecosystem
from ecosystem.cli import cli
from ecosystem.vocabulary import DOMAIN_NAMES


def _run(eco: Ecosystem, tmp_path: Path, *args: str) -> str:
    env = cli_env(eco, tmp_path)
    result = CliRunner().invoke(cli, ["analyse", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_analysis_from_the_cli(eco: Ecosystem, tmp_path: Path) -> None:
    small_area(eco)
    load(eco, journeys_rows())
    out = _run(eco, tmp_path, "options", "--area", N1, "--age", "30", "--need", "housing",
               "--need", "family", "--uses", "CMHT", "--severity", "severe",
               "--show-not-eligible")
    assert "Housing First (HF)" in out and "via Community mental health team" in out
    assert "NOT ELIGIBLE" in out
    data = json.loads(_run(eco, tmp_path, "options", "--area", N1, "--need", "offending",
                           "--format", "json"))
    assert data["unmet"] == ["offending"]
    assert "GP practice -> Council housing advice -> Housing First" in _run(
        eco, tmp_path, "route", "HF", "--from", "GP")
    rows = list(csv.DictReader(io.StringIO(_run(eco, tmp_path, "overlaps", "--format", "csv"))))
    assert rows[0]["service_ids"] == "DWPWORK + IPS" and rows[0]["money"] == "320000"
    # Services, domains and types in words; the ids in their own column (issue 14).
    names = eco.names().services
    assert rows[0]["services"] == f"{names['DWPWORK']} + {names['IPS']}"
    assert rows[0]["domain"] == DOMAIN_NAMES["work"] and "_" not in rows[0]["type"]
    assert [r["kind"] for r in rows[:4]] == ["cluster", "cluster", "pair", "pair"]
    assert _run(eco, tmp_path, "overlaps", "--area", "E06000099", "--format", "csv") == ""
    orphans_csv = list(csv.DictReader(io.StringIO(_run(eco, tmp_path, "orphans", "--format",
                                                        "csv"))))
    young_row = next(r for r in orphans_csv if r["cohort_id"] == "COH-YOUNG")
    assert young_row["cohort"] == eco.names().cohorts["COH-YOUNG"]
    assert young_row["domain"] in DOMAIN_NAMES.values()
    orph = json.loads(_run(eco, tmp_path, "orphans", "--format", "json"))
    young = next(n for n in orph["orphaned"] if n["cohort_id"] == "COH-YOUNG")
    assert "Only for people aged 18 and over" in young["why"] and young["ratio"] is None
    assert orph["under_served"][0]["ratio"] == 150 / 400 and orph["partly_met"] == []
    assert "Housing and homelessness" in _run(eco, tmp_path, "coverage", PLACE1)
    assert "CO-ICB" in _run(eco, tmp_path, "funding", "--format", "csv")
    assert "bottleneck: Supported housing" in _run(eco, tmp_path, "pathway", "WARD", "HF",
                                                   "SUPPORTED")
    assert "newly orphaned" in _run(eco, tmp_path, "what-if", "--withdraw", "CO-LA")
    journeys = json.loads(_run(eco, tmp_path, "journeys", "--from", "WARD", "--outcome",
                               "tenancy", "--format", "json"))
    # 10 entered, 8 reached (rounded to 10), 2 dropped out (suppressed, not listed).
    assert journeys["entered"] == {"value": 10, "suppressed": False, "rounded_to": 5}
    assert journeys["reached"] == {"value": 10, "suppressed": False, "rounded_to": 5}
    assert journeys["drop_outs"] == [] and journeys["other_drop_outs"]["suppressed"]


def test_cli_errors_are_messages(eco: Ecosystem, tmp_path: Path) -> None:
    env = {"NEO4J_URI": eco.settings.neo4j_uri or "", "NEO4J_USER": "neo4j",
           "NEO4J_PASSWORD": eco.settings.neo4j_password or "",
           "ECOSYSTEM_DATA_DIR": str(tmp_path)}
    r = CliRunner().invoke(cli, ["analyse", "options", "--person", "P-nobody"], env=env)
    assert r.exit_code != 0 and "no person" in r.output
    r = CliRunner().invoke(cli, ["analyse", "what-if"], env=env)
    assert r.exit_code != 0
