"""Confirmed funders of an ORUK feed: kept across re-imports, and counted as contracts when a
funders file gives the amount and dates. The example feed is the Open Referral UK example
(CC BY-SA 4.0, see tests/data/oruk)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from ecosystem import Ecosystem

ORUK = Path(__file__).parent / "data" / "oruk"
MAPPING = ORUK / "mapping.csv"
AREA = "E06000996"
SERVICE = "oruk:ac148810-d857-441c-9679-408f346de14b"
TEXT = json.loads((ORUK / "service_full.json").read_text())["funding"][0]["source"]


@pytest.fixture
def mycity(eco: Ecosystem) -> Ecosystem:
    report = eco.import_tables({"areas": [{"id": AREA, "name": "MyCity",
                                           "level": "local_authority"}]})
    assert report.ok, report.issues
    return eco


def _funder_ids(eco: Ecosystem) -> list[str]:
    rows = eco.graph.read("oruk/export_services")
    return list(next(r for r in rows if r["service"]["id"] == SERVICE)["service"]["funder_ids"])


def _funders(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "funders.csv"
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, ["source", "commissioner_id", "name", "kind", "annual_value",
                               "start_date", "end_date"])
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.mark.parametrize("how", ["confirm", "file"])
def test_confirmed_funders_survive_a_plain_reimport(mycity: Ecosystem, tmp_path: Path,
                                                    how: str) -> None:
    options: dict[str, Any] = {"confirm_funders": True} if how == "confirm" else {
        "funders_file": _funders(tmp_path, [{"source": TEXT, "commissioner_id": "mycity-la",
                                             "name": "MyCity Council",
                                             "kind": "local_authority"}])}
    first = mycity.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                               **options)
    assert first.ok, first.report.issues
    confirmed = _funder_ids(mycity)
    assert len(confirmed) == 1
    again = mycity.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA)
    assert again.ok, again.report.issues
    assert _funder_ids(mycity) == confirmed
    assert again.unconfirmed_funders == {}  # already confirmed: not asked again


def test_a_funders_file_with_amount_and_dates_makes_contracts(mycity: Ecosystem,
                                                              tmp_path: Path) -> None:
    funders = _funders(tmp_path, [{"source": TEXT, "commissioner_id": "mycity-la",
                                   "name": "MyCity Council", "kind": "local_authority",
                                   "annual_value": "35000", "start_date": "2025-04-01",
                                   "end_date": "2027-03-31"}])
    result = mycity.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                                funders_file=funders)
    assert result.ok, result.report.issues
    assert result.report.counts["contracts"].created == 1
    flows = mycity.funding(today=dt.date(2026, 1, 1)).flows
    assert [(f.commissioner_id, f.service_id, f.value) for f in flows] == [
        ("mycity-la", SERVICE, 35000.0)]
    # what if that funder withdrew: the service it funds wholly goes, with its money
    whatif = mycity.what_if(commissioner="mycity-la", today=dt.date(2026, 1, 1))
    assert [(r.service_id, r.annual_value) for r in whatif.removed] == [(SERVICE, 35000.0)]
    # a re-import (with or without the file) neither duplicates nor drops it
    again = mycity.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA)
    assert again.ok and len(mycity.funding(today=dt.date(2026, 1, 1)).flows) == 1
    again = mycity.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                               funders_file=funders)
    assert again.ok and again.report.counts["contracts"].created == 0


@pytest.mark.parametrize(("row", "column"), [
    ({"annual_value": "lots", "start_date": "2025-04-01"}, "annual_value"),
    ({"annual_value": "-5", "start_date": "2025-04-01"}, "annual_value"),
    ({"annual_value": "35000"}, "start_date"),
    ({"annual_value": "35000", "start_date": "1 April"}, "start_date"),
    ({"annual_value": "35000", "start_date": "2025-04-01", "end_date": "2024-01-01"},
     "end_date"),
    ({"start_date": "2025-04-01"}, "annual_value"),
])
def test_a_bad_amount_or_date_names_the_row_and_writes_nothing(
        mycity: Ecosystem, tmp_path: Path, row: dict[str, str], column: str) -> None:
    funders = _funders(tmp_path, [{"source": TEXT, "commissioner_id": "mycity-la",
                                   "name": "MyCity Council", **row}])
    before = mycity.counts()
    result = mycity.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                                funders_file=funders)
    assert not result.ok and mycity.counts() == before
    hits = [i for i in result.report.issues
            if i.origin == "funders.csv" and i.row == 2 and i.column == column]
    assert hits, [str(i) for i in result.report.issues]


def test_a_later_funders_file_replaces_the_confirmation(mycity: Ecosystem,
                                                        tmp_path: Path) -> None:
    for cid in ("first-la", "second-la"):
        funders = _funders(tmp_path, [{"source": TEXT, "commissioner_id": cid,
                                       "name": f"Council {cid}", "kind": "local_authority"}])
        result = mycity.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                                    funders_file=funders)
        assert result.ok, result.report.issues
    again = mycity.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA)
    assert again.ok and _funder_ids(mycity) == ["second-la"]
