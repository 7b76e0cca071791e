"""Values of the wrong shape, in a feed coming in and in our export going out: each is a
problem naming the record and the field (never a traceback), and nothing invalid is written.
The example feed is the Open Referral UK example (CC BY-SA 4.0, see tests/data/oruk)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import cli_env

from ecosystem import Ecosystem

ORUK = Path(__file__).parent / "data" / "oruk"
MAPPING = ORUK / "mapping.csv"
AREA = "E06000998"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


@pytest.fixture
def mycity(eco: Ecosystem) -> Ecosystem:
    report = eco.import_tables({"areas": [{"id": AREA, "name": "MyCity",
                                           "level": "local_authority"}]})
    assert report.ok, report.issues
    return eco


def _service(**changes: Any) -> dict[str, Any]:
    return {**json.loads((ORUK / "service_full.json").read_text()), **changes}


def _write(tmp_path: Path, doc: Any) -> Path:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(("changes", "fieldname"), [
    ({"status": ["active"]}, "status"),
    ({"status": {"value": "active"}}, "status"),
    ({"status": 1}, "status"),
    ({"email": ["info@example.org"]}, "email"),
    ({"name": ["Community Counselling"]}, "name"),
    ({"url": {"href": "http://example.com"}}, "url"),
    ({"organization": {**_service()["organization"], "name": ["Example Org"]}}, "name"),
    ({"organization": {**_service()["organization"], "website": ["http://example.com"]}},
     "website"),
])
def test_a_value_of_the_wrong_type_is_a_problem_not_a_traceback(
        mycity: Ecosystem, tmp_path: Path, changes: dict[str, Any], fieldname: str) -> None:
    before = mycity.counts()
    result = mycity.import_oruk(_write(tmp_path, _service(**changes)), mapping=MAPPING,
                                area=AREA)
    assert not result.ok and not result.report.written
    assert mycity.counts() == before
    hits = [i for i in result.report.issues if i.column == fieldname]
    assert hits, [str(i) for i in result.report.issues]
    assert SERVICE_ID in hits[0].origin or "organization" in hits[0].origin, str(hits[0])


SCHEMA = Path(__file__).parent / "data" / "oruk_schema"


def _format_errors(page: dict[str, Any]) -> list[str]:
    """Every problem of the page's services against the published schema, formats checked
    (the official checks: `uri`, `email`, `uuid`, `date`...)."""
    schema = json.loads((SCHEMA / "service.json").read_text())
    checker = jsonschema.FormatChecker()
    assert checker.conforms("https://example.org/", "uri")
    assert not checker.conforms("www.example", "uri")  # uri is really checked
    v = jsonschema.Draft202012Validator(schema, format_checker=checker)
    return [f"{s['id']} {list(e.absolute_path)}: {e.message}"
            for s in page["contents"] for e in v.iter_errors(s)]


def test_export_leaves_out_an_invalid_url_with_a_warning(
        mycity: Ecosystem, tmp_path: Path) -> None:
    feed = _write(tmp_path, _service(url="www.example"))
    assert mycity.import_oruk(feed, mapping=MAPPING, area=AREA).ok
    published = mycity.export_oruk()
    assert _format_errors(published.page) == []
    [service] = published.page["contents"]
    assert service["id"] == SERVICE_ID and "url" not in service
    assert any(SERVICE_ID in w and "Community Counselling" in w and "'url'" in w
               and "www.example" in w for w in published.warnings), published.warnings


def test_cli_export_writes_only_a_valid_file(mycity: Ecosystem, tmp_path: Path) -> None:
    from ecosystem.cli import cli

    bad_email = _service(url="www.example", email="not an email")
    assert mycity.import_oruk(_write(tmp_path, bad_email), mapping=MAPPING, area=AREA).ok
    out = tmp_path / "out.json"
    r = CliRunner().invoke(cli, ["export-oruk", "--out", str(out)],
                           env=cli_env(mycity, tmp_path))
    assert r.exit_code == 0, r.output
    assert _format_errors(json.loads(out.read_text())) == []
    assert "'url'" in r.output and SERVICE_ID in r.output
