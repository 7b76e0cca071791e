"""The front ends (web/ and the CLI) go through the core object, `Ecosystem`: they never
reach for its graph or run an analysis themselves, so the settings it fills in (threshold,
bed-day cost, today) and what it audits cannot drift between them."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_KEY, ensure_user, sign_in_client
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.accounts import audit
from ecosystem.backup import RestoreError
from ecosystem.cli import cli
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
FRONT_ENDS = (ROOT / "web", ROOT / "ecosystem" / "cli")
ANALYSES = {p.stem for p in (ROOT / "ecosystem" / "analyses").glob("*.py")}


def layer_breaches(source: str) -> list[str]:
    """`.graph` reached through anything, and `<analysis module>.run(...)` calls."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "graph":
            found.append(f"line {node.lineno}: .graph")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "run" and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ANALYSES):
            found.append(f"line {node.lineno}: {node.func.value.id}.run(")
    return found


def test_the_check_finds_what_it_looks_for() -> None:
    assert layer_breaches("x = get_ecosystem().graph\n") == ["line 1: .graph"]
    assert sorted(layer_breaches("r = overlaps.run(eco.graph, today)\n")) == [
        "line 1: .graph", "line 1: overlaps.run("]
    assert layer_breaches("from ecosystem.db.graph import Graph\napp.run(debug=True)\n") == []


def test_web_and_cli_go_through_the_core_object() -> None:
    breaches = {str(p.relative_to(ROOT)): found
                for folder in FRONT_ENDS for p in sorted(folder.rglob("*.py"))
                if (found := layer_breaches(p.read_text(encoding="utf-8")))}
    assert breaches == {}, "use (or add) a method of ecosystem.core.Ecosystem"


# --- Settings the core fills in ---------------------------------------------------------------

def test_pathway_page_costs_delay_at_the_bed_day_cost_setting(riverside: Ecosystem) -> None:
    costly = Ecosystem(dataclasses.replace(riverside.settings, bed_day_cost=500.0),
                       riverside.graph)
    app = create_app(costly.settings, costly)
    app.config.update(TESTING=True)
    c = app.test_client()
    sign_in_client(c, ensure_user(riverside, "test-layers-commissioner", "commissioner"))
    # Housing First (21 days' wait) after a first step taken to be a bed: 21 bed-days.
    page = c.get("/commissioner/pathway?step=svc-debt&step=svc-hf").get_data(as_text=True)
    assert "£10,500 per person" in page and "at £500 a bed-day" in page
    assert 'name="bed_day_cost" type="text" inputmode="decimal" value="500"' in page


# --- Audited once, inside the core ------------------------------------------------------------

def _entries(eco: Ecosystem, action: str) -> list[audit.AuditEntry]:
    return [e for e in eco.audit_entries() if e.action == action]


def test_one_export_from_the_cli_is_one_audit_entry(riverside: Ecosystem,
                                                    tmp_path: Path) -> None:
    env = {"NEO4J_URI": riverside.settings.neo4j_uri or "", "NEO4J_USER": "neo4j",
           "NEO4J_PASSWORD": riverside.settings.neo4j_password or "",
           "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY, "ECOSYSTEM_DATA_DIR": str(tmp_path)}
    before = len(_entries(riverside, "export"))
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "b")], env=env)
    assert result.exit_code == 0, result.output
    after = _entries(riverside, "export")
    assert len(after) == before + 1
    assert after[0].target == str(tmp_path / "b") and after[0].username.startswith("cli:")


def test_one_export_from_the_web_is_one_audit_entry(riverside: Ecosystem,
                                                    client: FlaskClient) -> None:
    before = len(_entries(riverside, "export"))
    assert client.get("/data/export.zip").status_code == 200
    after = _entries(riverside, "export")
    assert len(after) == before + 1
    assert (after[0].username, after[0].target) == ("test-admin", "area")


def test_restore_and_clear_people_are_audited_by_the_core(riverside: Ecosystem,
                                                          tmp_path: Path) -> None:
    riverside.export(tmp_path / "b", actor="test")
    before = len(_entries(riverside, "restore"))
    riverside.restore(tmp_path / "b", actor="test")
    assert len(_entries(riverside, "restore")) == before + 1
    (tmp_path / "b" / "manifest.json").unlink()
    failed = len(_entries(riverside, "restore.failed"))
    with pytest.raises(RestoreError):
        riverside.restore(tmp_path / "b", actor="test")
    assert len(_entries(riverside, "restore.failed")) == failed + 1
    cleared = len(_entries(riverside, "people.clear"))
    assert riverside.clear_people(actor="test") == {"people": 0, "events": 0}
    assert len(_entries(riverside, "people.clear")) == cleared + 1
