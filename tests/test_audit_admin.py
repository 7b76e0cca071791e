"""The admin audit page and CSV: bad dates refused, truncation said (issue 16 §2)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.accounts import audit


@pytest.mark.parametrize("since", ["2026-01-01T00:00:00-23:59", "2026-01-01T00:00:00+18:01",
                                   "soon", "2026-13-01"])
def test_a_bad_since_is_refused_with_a_message(client: FlaskClient, since: str) -> None:
    page = client.get("/admin/audit", query_string={"since": since})
    assert page.status_code == 400
    assert "Enter a date" in page.get_data(as_text=True)
    export = client.get("/admin/audit.csv", query_string={"since": since})
    assert export.status_code == 400 and export.mimetype != "text/csv"
    assert "Enter a date" in export.get_data(as_text=True)


def test_offsets_neo4j_accepts_still_work(client: FlaskClient) -> None:
    assert client.get("/admin/audit", query_string={
        "since": "2026-01-01T00:00:00-18:00"}).status_code == 200


def test_the_audit_csv_says_when_it_stops_at_its_limit(
        client: FlaskClient, eco: Ecosystem, monkeypatch: pytest.MonkeyPatch) -> None:
    from web.blueprints import admin

    # The log outlives every test's graph: look only at this test's entries.
    since = {"since": (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)).isoformat()}
    for n in range(4):
        audit.record(eco.graph, "test", "test.fill", f"entry {n}", "")
    monkeypatch.setattr(admin, "CSV_LIMIT", 3)
    resp = client.get("/admin/audit.csv", query_string=since)
    assert resp.status_code == 200
    assert resp.headers["X-Audit-Truncated"] == "3"
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True))))
    assert len(rows) == 1 + 3 + 1  # header, 3 entries, the note
    assert "truncated" in rows[-1][0] and "newest 3" in rows[-1][-1]
    monkeypatch.setattr(admin, "CSV_LIMIT", 1000)
    resp = client.get("/admin/audit.csv", query_string=since)
    assert "X-Audit-Truncated" not in resp.headers
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True))))
    assert rows[-1][0] != "(truncated)"


def test_the_cli_refuses_a_bad_since_too(eco: Ecosystem, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner
    from conftest import TEST_KEY

    from ecosystem.cli import cli

    s = eco.settings
    env = {"NEO4J_URI": s.neo4j_uri or "", "NEO4J_USER": s.neo4j_user,
           "NEO4J_PASSWORD": s.neo4j_password or "", "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY,
           "ECOSYSTEM_DATA_DIR": str(tmp_path)}
    r = CliRunner().invoke(cli, ["audit", "--since", "2026-01-01T00:00:00-23:59"], env=env)
    assert r.exit_code == 2 and "18 hours" in r.output, (r.output, r.exception)
    r = CliRunner().invoke(cli, ["audit", "--since", "2026-01-01T00:00:00-18:00"], env=env)
    assert r.exit_code == 0, r.output
