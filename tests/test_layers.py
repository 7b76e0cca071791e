"""The front ends (web/ and the CLI) go through the core object, `Ecosystem`: they never
reach for its graph or run an analysis themselves, so the settings it fills in (threshold,
bed-day cost, today) and what it audits cannot drift between them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ensure_user, sign_in_client
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.accounts import audit
from ecosystem.backup import RestoreError
from ecosystem.cli import cli
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
FRONT_ENDS = (ROOT / "web", ROOT / "ecosystem" / "cli")
ANALYSES = {p.stem for p in (ROOT / "ecosystem" / "analyses").glob("*.py")}


# --- Settings the core fills in ---------------------------------------------------------------

def test_pathway_page_costs_delay_at_the_bed_day_cost_setting(small_area: Ecosystem) -> None:
    costly = Ecosystem(dataclasses.replace(small_area.settings, bed_day_cost=500.0),
                       small_area.graph)
    app = create_app(costly.settings, costly)
    app.config.update(TESTING=True)
    c = app.test_client()
    sign_in_client(c, ensure_user(small_area, "test-layers-commissioner", "commissioner"))
    # Housing First (21 days' wait) after a first step taken to be a bed: 21 bed-days.
    page = c.get("/commissioner/pathway?step=svc-debt&step=svc-hf").get_data(as_text=True)
    assert "£10,500 per person" in page and "at £500 a bed-day" in page
    assert 'name="bed_day_cost" type="text" inputmode="decimal" value="500"' in page


# --- Audited once, inside the core ------------------------------------------------------------

def _entries(eco: Ecosystem, action: str) -> list[audit.AuditEntry]:
    return [e for e in eco.audit_entries() if e.action == action]


def test_one_export_from_the_cli_is_one_audit_entry(small_area: Ecosystem,
                                                    tmp_path: Path) -> None:
    env = {"NEO4J_URI": small_area.settings.neo4j_uri or "", "NEO4J_USER": "neo4j",
           "NEO4J_PASSWORD": small_area.settings.neo4j_password or "",
           "ECOSYSTEM_PSEUDONYM_KEY": "k", "ECOSYSTEM_DATA_DIR": str(tmp_path)}
    before = len(_entries(small_area, "export"))
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "b")], env=env)
    assert result.exit_code == 0, result.output
    after = _entries(small_area, "export")
    assert len(after) == before + 1
    assert after[0].target == str(tmp_path / "b") and after[0].username.startswith("cli:")


def test_one_export_from_the_web_is_one_audit_entry(small_area: Ecosystem,
                                                    client: FlaskClient) -> None:
    before = len(_entries(small_area, "export"))
    assert client.get("/data/export.zip").status_code == 200
    after = _entries(small_area, "export")
    assert len(after) == before + 1
    assert (after[0].username, after[0].target) == ("test-admin", "area")


def test_restore_and_clear_people_are_audited_by_the_core(small_area: Ecosystem,
                                                          tmp_path: Path) -> None:
    small_area.export(tmp_path / "b", actor="test")
    before = len(_entries(small_area, "restore"))
    small_area.restore(tmp_path / "b", actor="test")
    assert len(_entries(small_area, "restore")) == before + 1
    (tmp_path / "b" / "manifest.json").unlink()
    failed = len(_entries(small_area, "restore.failed"))
    with pytest.raises(RestoreError):
        small_area.restore(tmp_path / "b", actor="test")
    assert len(_entries(small_area, "restore.failed")) == failed + 1
    cleared = len(_entries(small_area, "people.clear"))
    assert small_area.clear_people(actor="test") == {"people": 0, "events": 0}
    assert len(_entries(small_area, "people.clear")) == cleared + 1
