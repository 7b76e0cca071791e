"""Download the current data (issue 13): the catalogue in the import format, as CSV files
(a folder or a zip) and as one workbook; importing it back changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from builders import base_rows, load
from click.testing import CliRunner
from conftest import cli_env
from flask.testing import FlaskClient
from openpyxl import load_workbook

from ecosystem import Ecosystem, dates
from ecosystem.accounts import audit
from ecosystem.cli import cli
from ecosystem.importers.current import CATALOGUE
from ecosystem.importers.schema import ENTITY_BY_NAME, columns

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "example"
# Not the catalogue: the log, the import records and the people with their journeys.
NOT_CATALOGUE = ("AuditEntry", "Import", "Person", "Event", "Journey", "User", "Reminder")
# Counts worked out from people (ecosystem/summaries.py): not part of the catalogue either.
FROM_PEOPLE = ('"type": "MEMBERS_NEED"', '"type": "DOUBLING"', '"type": "TRAVELLED"')


def catalogue(eco: Ecosystem) -> tuple[list[str], list[str]]:
    nodes, rels = eco.fingerprint(exclude=NOT_CATALOGUE)
    return nodes, [r for r in rels if not any(t in r for t in FROM_PEOPLE)]


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    report = eco.import_path(EXAMPLE)
    assert report.ok, [str(i) for i in report.issues]
    # And the builders' area, with model fidelities, cohorts and closed services.
    rows = base_rows()
    rows["services"][3]["last_verified"] = (dates.today() - dt.timedelta(days=40)).isoformat()
    load(eco, rows)
    return eco


def unchanged_everywhere(report: object) -> None:
    counts = report.counts  # type: ignore[attr-defined]
    assert report.ok, report.issues  # type: ignore[attr-defined]
    for name in CATALOGUE:
        c = counts[name]
        assert (c.created, c.updated) == (0, 0), (name, c)
        assert c.unchanged > 0, name


def test_import_of_the_export_changes_nothing(area: Ecosystem, tmp_path: Path) -> None:
    before = area.fingerprint(exclude=("AuditEntry", "Import"))
    out = tmp_path / "current"
    area.export_current("folder", out=out)
    assert sorted(p.stem for p in out.iterdir()) == sorted(CATALOGUE)
    for name in CATALOGUE:
        header = (out / f"{name}.csv").read_text().splitlines()[0].split(",")
        assert header == columns(ENTITY_BY_NAME[name])
    unchanged_everywhere(area.import_path(out))
    assert area.fingerprint(exclude=("AuditEntry", "Import")) == before
    entry = next(e for e in audit.entries(area.graph) if e.action == "export.catalogue")
    assert "services=" in entry.detail and "people" not in entry.detail


def test_the_export_rebuilds_the_catalogue_on_an_empty_map(area: Ecosystem) -> None:
    before = catalogue(area)
    body = area.export_current("xlsx")
    assert body is not None
    area.clear()
    path = Path(area.settings.data_dir) / "current-test.xlsx"
    path.write_bytes(body)
    try:
        report = area.import_path(path)
    finally:
        path.unlink()
    assert report.ok, report.issues
    assert catalogue(area) == before
    assert area.counts().get("Person", 0) == 0


def test_no_people_no_journeys_no_accounts(area: Ecosystem) -> None:
    body = area.export_current("zip")
    assert body is not None
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        names = sorted(z.namelist())
        text = " ".join(z.read(n).decode() for n in names)
    assert names == sorted(f"{n}.csv" for n in CATALOGUE)
    assert "people" not in " ".join(names) and "journey" not in " ".join(names)
    assert "password" not in text and "test-admin" not in text


def test_cli_export_tables(area: Ecosystem, tmp_path: Path) -> None:
    env = cli_env(area, tmp_path)
    r = CliRunner().invoke(cli, ["export-tables", str(tmp_path / "map.xlsx")], env=env)
    assert r.exit_code == 0, r.output
    assert "no people, no accounts" in r.output
    wb = load_workbook(tmp_path / "map.xlsx")
    assert set(CATALOGUE) <= set(wb.sheetnames)
    r = CliRunner().invoke(cli, ["export-tables", str(tmp_path / "map.zip")], env=env)
    assert r.exit_code == 0 and zipfile.is_zipfile(tmp_path / "map.zip")
    unchanged_everywhere(area.import_path(tmp_path / "map.xlsx"))
    r = CliRunner().invoke(cli, ["export-tables", str(tmp_path)], env=env)
    assert r.exit_code == 0 and (tmp_path / "services.csv").exists()
    r = CliRunner().invoke(cli, ["export-tables", str(tmp_path / "services.csv")], env=env)
    assert r.exit_code != 0 and "is a file" in r.output
    help_text = CliRunner().invoke(cli, ["export", "--help"]).output
    assert "user accounts" in help_text and "people" in help_text


def test_the_data_page_offers_both(area: Ecosystem, client: FlaskClient, login) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/data/").get_data(as_text=True)
    assert "Download the current data" in page
    assert "Full backup: includes user accounts and people" in page
    resp = client.get("/data/current.zip")
    assert resp.status_code == 200 and resp.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(resp.data)) as z:
        assert "services.csv" in z.namelist()
        assert b"ex-money" in z.read("services.csv")
    resp = client.get("/data/current.xlsx")
    assert resp.status_code == 200
    assert load_workbook(io.BytesIO(resp.data))["services"]["A1"].value == "id"
    viewer = login("viewer")
    assert viewer.get("/data/current.zip").status_code == 403
    assert viewer.get("/data/current.xlsx").status_code == 403
