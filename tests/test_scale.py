"""The sized generator (ecosystem.demo.scale): counts, reproducibility, valid rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ecosystem.demo import scale as demo_scale
from ecosystem.importers import tables_from_records
from ecosystem.importers.readers import read_path
from ecosystem.importers.validate import Known, validate

pytestmark = pytest.mark.no_neo4j

AS_OF = dt.date(2026, 11, 1)
TINY = 0.002  # people and events scaled down; the catalogue stays full size


@pytest.mark.parametrize("size", ["M", "L"])
def test_sizes_make_the_expected_counts(size: str) -> None:
    rec = demo_scale.generate(size, seed=3, as_of=AS_OF, scale=TINY)
    want = demo_scale.expected_counts(size, TINY)
    assert {k: len(rec[k]) for k in want} == want


@pytest.mark.parametrize("size", ["S", "M"])
def test_same_seed_same_rows_other_seed_other_rows(size: str) -> None:
    a = demo_scale.generate(size, seed=5, as_of=AS_OF, scale=0.05)
    b = demo_scale.generate(size, seed=5, as_of=AS_OF, scale=0.05)
    c = demo_scale.generate(size, seed=6, as_of=AS_OF, scale=0.05)
    assert a == b
    assert a["journey_events"] != c["journey_events"]


@pytest.mark.parametrize("size", ["M", "L"])
def test_rows_pass_the_importers_validation(size: str) -> None:
    rec = demo_scale.generate(size, seed=3, as_of=AS_OF, scale=TINY)
    tables, issues = tables_from_records(rec)
    valid, issues2 = validate(tables, Known())
    assert not issues and not issues2, [str(i) for i in (issues + issues2)[:5]]
    assert len(valid.rows["journey_events"]) == len(rec["journey_events"])


def test_streamed_chunks_keep_each_persons_events_together() -> None:
    cat = demo_scale.catalogue("M", seed=3, as_of=AS_OF)
    stream = demo_scale.journeys("M", cat, seed=3, as_of=AS_OF, scale=0.01)
    seen: set[str] = set()
    total = 0
    for people, events in demo_scale.chunks(stream, 500):
        refs = {p["person_ref"] for p in people}
        assert {e["person_ref"] for e in events} <= refs
        assert not refs & seen
        seen |= refs
        total += len(events)
    assert total == demo_scale.expected_counts("M", 0.01)["journey_events"]


def test_skew_a_few_large_services_many_small() -> None:
    rec = demo_scale.generate("M", seed=3, as_of=AS_OF, scale=0.1)
    per: dict[str, int] = {}
    for e in rec["journey_events"]:
        per[e["service_id"]] = per.get(e["service_id"], 0) + 1
    counts = sorted(per.values(), reverse=True)
    top_tenth = sum(counts[: max(1, len(counts) // 10)])
    assert top_tenth > 0.4 * sum(counts)  # the busiest tenth of services has most events


@pytest.mark.parametrize("size", ["L", "XL"])
def test_planted_findings_are_replicated(size: str) -> None:
    rec = demo_scale.catalogue(size, seed=3, as_of=AS_OF)
    ids = {s["id"] for s in rec["services"]}
    assert "icb-stepdown" in ids
    assert sum(1 for i in ids if i.endswith("-workwell")) >= 2  # the three-payer trio
    assert any(i.endswith("-family-support") for i in ids)  # a closed service
    soon = [c for c in rec["contracts"]
            if c["end_date"] <= (AS_OF + dt.timedelta(days=90)).isoformat()]
    assert soon and all(c["service_id"].endswith("-debt") for c in soon)


def test_xl_is_ten_times_l() -> None:
    big, l_ = demo_scale.SIZES["XL"], demo_scale.SIZES["L"]
    for f in ("services", "providers", "commissioners", "contracts", "cohorts", "people",
              "events"):
        assert getattr(big, f) == 10 * getattr(l_, f), f
    assert demo_scale.expected_counts("XL", 0.1)["journey_events"] == 3_000_000


def test_xl_catalogue_makes_the_expected_counts() -> None:
    rec = demo_scale.catalogue("XL", seed=3, as_of=AS_OF)
    want = demo_scale.expected_counts("XL")
    assert {k: len(rec[k]) for k in want if k not in ("people", "journey_events")} == {
        k: v for k, v in want.items() if k not in ("people", "journey_events")}
    # Places past 999 have four-digit ids: their services are still placed and planted.
    assert any(s["id"].startswith("p1") and len(s["id"].split("-")[0]) == 5
               for s in rec["services"])
    lay = demo_scale.layout(demo_scale.SIZES["XL"])
    places = {lay.role_place(r, role) for r in range(lay.replicas) for role in "BAK"}
    assert len(places) == 3 * lay.replicas  # every replica of the cohorts has places of its own


@pytest.mark.parametrize("size", ["S", "M"])
def test_written_folder_holds_the_generated_rows(size: str, tmp_path: Path) -> None:
    counts = demo_scale.write_folder(size, tmp_path, seed=3, as_of=AS_OF, scale=0.02,
                                     events_per_chunk=300)
    tables, issues = read_path(tmp_path)
    assert not issues
    rec = demo_scale.generate(size, seed=3, as_of=AS_OF, scale=0.02)
    want, _ = tables_from_records(rec)
    for name, table in want.items():
        got = [{k: v for k, v in cells.items() if v is not None}
               for _, cells in tables[name].rows]
        assert got == [{k: v for k, v in cells.items() if v is not None}
                       for _, cells in table.rows], name
        assert counts[name] == len(table.rows)

