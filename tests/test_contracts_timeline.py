"""The contracts timeline (issue 15): what ends when, what is renewed, what stops, the
cohorts that depend on each, and the money per quarter, on a hand-built graph with a known
answer."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from builders import ICB, PLACE1, load, service
from click.testing import CliRunner
from conftest import cli_env

from ecosystem import Ecosystem
from ecosystem.cli import cli

TODAY = dt.date(2026, 12, 1)


def contract(id: str, sid: str, value: int, start: str, end: str = "",
             by: str = "CO-ICB") -> dict[str, str]:
    return {"id": id, "commissioner_id": by, "service_id": sid, "annual_value": str(value),
            "start_date": start, "end_date": end}


def rows() -> dict[str, list[dict[str, str]]]:
    return {
        "areas": [{"id": ICB, "name": "Test ICB", "level": "icb"},
                  {"id": PLACE1, "name": "Place One", "level": "place", "parent_id": ICB}],
        "providers": [{"id": "PR", "name": "Charity", "sector": "vcse"}],
        "commissioners": [{"id": "CO-ICB", "name": "ICB", "kind": "icb"},
                          {"id": "CO-LA", "name": "Council", "kind": "local_authority"}],
        "cohorts": [{"id": "COH", "name": "Adults", "area_id": PLACE1, "estimated_size": "50",
                     "need_housing": "10", "need_money": "10"}],
        "services": [
            service("HOUSE", "Housing support", "PR", PLACE1, "housing", "care"),
            service("MONEY", "Money advice", "PR", PLACE1, "money", "information"),
            service("WORK", "Work coaching", "PR", PLACE1, "work", "care"),
            service("LATE", "Peer group", "PR", PLACE1, "connectedness", "care"),
        ],
        "contracts": [
            contract("K-H", "HOUSE", 100_000, "2024-04-01", "2027-03-31"),  # stops
            contract("K-M1", "MONEY", 40_000, "2024-04-01", "2027-03-31", "CO-LA"),
            contract("K-M2", "MONEY", 44_000, "2027-04-01", "2030-03-31", "CO-LA"),  # renewal
            contract("K-W1", "WORK", 20_000, "2024-04-01", "2027-06-30", "CO-LA"),
            contract("K-W2", "WORK", 30_000, "2020-04-01"),  # co-funding carries on
            contract("K-L", "LATE", 8_000, "2024-04-01", "2028-06-30"),  # past the horizon
        ],
    }


def test_what_ends_when_what_is_renewed_and_what_stops(eco: Ecosystem) -> None:
    load(eco, rows())
    res = eco.contracts(today=TODAY, months=12)
    assert res.horizon == dt.date(2027, 12, 1) and res.open_ended == 1
    got = {e.contract_id: (e.status, e.end_date, e.continued_by) for e in res.ends}
    assert got == {"K-H": ("stops", dt.date(2027, 3, 31), None),
                   "K-M1": ("renewed", dt.date(2027, 3, 31), "K-M2"),
                   "K-W1": ("continues", dt.date(2027, 6, 30), "K-W2")}
    house = next(e for e in res.ends if e.contract_id == "K-H")
    # The only housing service: the cohort's housing need is orphaned when it stops.
    assert [(d.cohort_id, d.domain, d.only) for d in house.cohorts] == [("COH", "housing", True)]
    assert [(d.cohort_id, d.domain) for d in house.orphans] == [("COH", "housing")]
    money = next(e for e in res.ends if e.contract_id == "K-M1")
    assert money.cohorts and money.orphans == ()  # renewed: nobody is left without
    assert money.continued_from == dt.date(2027, 4, 1)


def test_money_per_quarter(eco: Ecosystem) -> None:
    load(eco, rows())
    res = eco.contracts(today=TODAY, months=12)
    q = {x.label: x for x in res.quarters}
    assert list(q) == ["2026/27 Q3 (Oct-Dec 2026)", "2026/27 Q4 (Jan-Mar 2027)",
                       "2027/28 Q1 (Apr-Jun 2027)", "2027/28 Q2 (Jul-Sep 2027)",
                       "2027/28 Q3 (Oct-Dec 2027)"]
    spring = q["2026/27 Q4 (Jan-Mar 2027)"]
    # a quarter of each annual value: 25,000 + 10,000 + 5,000 + 7,500 + 2,000
    assert spring.contracted == 49_500
    assert (spring.stopping, spring.renewed, spring.ending) == (100_000, 40_000, 2)
    summer = q["2027/28 Q1 (Apr-Jun 2027)"]
    assert summer.contracted == 11_000 + 5_000 + 7_500 + 2_000
    assert (summer.stopping, summer.renewed, summer.ending) == (0, 0, 1)
    assert q["2027/28 Q2 (Jul-Sep 2027)"].contracted == 11_000 + 7_500 + 2_000


def test_a_renewal_after_the_gap_is_not_a_renewal(eco: Ecosystem) -> None:
    r = rows()
    r["contracts"][2]["start_date"] = "2027-05-01"  # a month's gap: the service stops
    load(eco, r)
    res = eco.contracts(today=TODAY, months=12)
    assert {e.contract_id: e.status for e in res.ends}["K-M1"] == "stops"


def test_contracts_from_the_cli(eco: Ecosystem, tmp_path: Path) -> None:
    load(eco, rows())
    env = cli_env(eco, tmp_path)
    out = CliRunner().invoke(cli, ["analyse", "contracts", "--today", "2026-12-01",
                                   "--format", "csv"], env=env)
    assert out.exit_code == 0, out.output
    got = {r["contract"]: r for r in csv.DictReader(io.StringIO(out.output))}
    assert {k: r["status"] for k, r in got.items()} == {
        "K-H": "stops", "K-M1": "renewed", "K-W1": "continues"}
    assert got["K-H"]["left_with_none"] == "COH:housing"
    q = CliRunner().invoke(cli, ["analyse", "contracts", "--today", "2026-12-01",
                                 "--quarters"], env=env)
    assert q.exit_code == 0 and "2026/27 Q4 (Jan-Mar 2027)" in q.output
    assert "3 contract(s) end by 2027-12-01: 1 stop, 1 renewed, 1 continue" in q.output
