"""Values of the wrong shape, in a feed coming in and in our export going out: each is a
problem naming the record and the field (never a traceback), and nothing invalid is written.
The example feed is the Open Referral UK example (CC BY-SA 4.0, see tests/data/oruk)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

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
