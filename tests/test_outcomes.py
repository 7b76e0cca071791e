"""Outcomes and value for money (issue 15): journey outcomes per service, model of support
and life domain, on the small hand-made area with a known answer. (A module of its own:
these tests clear the graph, see conftest.)"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from builders import N1, N2, PLACE1, PLACE2, base_rows, load
from click.testing import CliRunner
from conftest import cli_env
from flask.testing import FlaskClient

from ecosystem import Ecosystem, dates
from ecosystem.analyses import outcomes, outcomes_kept
from ecosystem.analyses.suppression import Disclosure
from ecosystem.cli import cli
from ecosystem.importers.stored import cells

TODAY = dates.today()
START = TODAY - dt.timedelta(days=200)


def outcome_rows() -> dict[str, list[dict[str, Any]]]:
    """IPS: 20 start, 12 get a job 60 days later, 2 disengage (not a result).
    DWPWORK: 10 start, 5 get a job 30 days later (a suppressed count).
    HF: 5 start, all 5 reach a tenancy (5 people: nothing worked out from them)."""
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []

    def ev(ref: str, person: str, service: str, type_: str, day: int, **kw: str) -> None:
        events.append({"event_ref": ref, "person_ref": person, "service_id": service,
                       "type": type_, "date": (START + dt.timedelta(days=day)).isoformat(),
                       **kw})

    for service, n, reached, after in (("IPS", 20, 12, 60), ("DWPWORK", 10, 5, 30),
                                       ("HF", 5, 5, 20)):
        for i in range(n):
            p = f"{service}-{i}"
            people.append({"person_ref": p, "age_band": "35-44", "area_id": N1 if i % 2 else N2,
                           "cohorts": "COH-ESA", "needs": "work", "benefit_status": "esa"})
            ev(f"{p}-s", p, service, "start", i)
            if i < reached:
                ev(f"{p}-o", p, service, "outcome", i + after,
                   outcome="tenancy" if service == "HF" else "job")
            elif service == "IPS" and i < reached + 2:
                ev(f"{p}-o", p, service, "outcome", i + after, outcome="disengaged")
    return {"people": people, "journey_events": events}


def _area(eco: Ecosystem) -> None:
    load(eco, base_rows())
    load(eco, outcome_rows())


def test_outcomes_per_service_with_a_known_answer(eco: Ecosystem) -> None:
    _area(eco)
    res = _process(eco).outcomes()
    by = {o.id: o for o in res.services}
    assert set(by) == {"IPS", "DWPWORK", "HF"}
    ips = by["IPS"]
    assert (ips.started.value, ips.reached.value, ips.in_year.value) == (20, 10, 10)
    assert ips.reached.rounded  # 12 people, published to the nearest 5
    assert ips.rate == 0.5  # 10 / 20 as published, not 12 / 20
    assert ips.median_days == 60
    assert ips.annual_value == 120_000 and ips.cost_per_outcome == 12_000  # / 10 published
    assert "£12,000 per outcome" in ips.why
    dwp = by["DWPWORK"]
    assert dwp.started.value == 10 and dwp.reached.suppressed
    assert dwp.rate is None and dwp.median_days is None and dwp.cost_per_outcome is None
    assert "rate not shown: too few people" in dwp.why
    # 5 people started: suppressed, and no rate, median or cost from them.
    hf = by["HF"]
    assert hf.started.suppressed and hf.reached.suppressed
    assert hf.rate is None and hf.median_days is None and hf.cost_per_outcome is None
    assert res.services[0].id == "IPS"  # highest rate first
    assert res.first_start == START


def _process(eco: Ecosystem) -> Ecosystem:
    """The core object as a process that has kept nothing yet (ecosystem/kept.py) sees it:
    these tests are of the inputs kept in the graph, which such a process reads."""
    return Ecosystem(eco.settings, eco.graph)


def _kept(eco: Ecosystem, area: str = "") -> str | None:
    """The inputs kept on the latest import for today and the area (None: none)."""
    key = f"{TODAY.isoformat()} v{outcomes_kept.FORMAT}"
    rows = eco.graph.read("summaries/outcomes_get", key=key, area=area)
    return rows[0]["rows"] if rows else None


def _fresh(eco: Ecosystem, disclosure: Disclosure | None = None,
           area_id: str | None = None) -> outcomes.OutcomesResult:
    """The analysis worked out from every journey, without the kept inputs."""
    return outcomes.run(eco.graph, TODAY, area_id, disclosure=disclosure or eco.disclosure,
                        keep=False)


def test_kept_rows_give_the_worked_out_answer_and_follow_the_map(eco: Ecosystem) -> None:
    _area(eco)
    assert _kept(eco) is None
    first = _process(eco).outcomes()
    assert _kept(eco) is not None and _kept(eco, PLACE2) is None  # kept per area
    assert _process(eco).outcomes() == first == _fresh(eco)  # the second read is the kept inputs
    assert _process(eco).outcomes(PLACE2) == _fresh(eco, area_id=PLACE2)
    assert _kept(eco) is not None and _kept(eco, PLACE2) is not None
    # An import: ten more people start at IPS, so the kept inputs are not read again.
    more = outcome_rows()
    more["people"] = [{**p, "person_ref": f"more-{i}"}
                      for i, p in enumerate(more["people"][:10])]
    more["journey_events"] = [{"event_ref": f"more-{i}-s", "person_ref": f"more-{i}",
                               "service_id": "IPS", "type": "start",
                               "date": START.isoformat()} for i in range(10)]
    load(eco, more)
    assert _kept(eco) is None
    after = _process(eco).outcomes()
    assert next(o for o in after.services if o.id == "IPS").started.value == 30
    assert _process(eco).outcomes() == after == _fresh(eco)
    # An edit: IPS now follows the Housing First model, so the IPS model has nobody.
    _edit(eco, "services", "IPS", model_id="housing-first")
    edited = _process(eco).outcomes()
    assert {m.id for m in edited.models} == {"housing-first"}
    assert _process(eco).outcomes() == edited == _fresh(eco)
    # An edit of a contract: IPS's cost per outcome follows it.
    _edit(eco, "contracts", "K-IPS", annual_value="150000")
    costed = _process(eco).outcomes()
    assert next(o for o in costed.services if o.id == "IPS").annual_value == 150_000
    assert _process(eco).outcomes() == costed == _fresh(eco)


def _edit(eco: Ecosystem, table: str, key: str, **changes: str) -> None:
    """Save one entry with `changes`, as the edit form does."""
    row = eco.entry_row(table, key)
    assert row is not None
    saved = eco.save_entry(table, {**cells(row.values), **changes}, row.version, "test-admin",
                           key=key)
    assert saved.ok, saved.issues


def test_only_the_latest_areas_are_kept(eco: Ecosystem, monkeypatch: Any) -> None:
    _area(eco)
    monkeypatch.setattr(outcomes_kept, "MAX_AREAS", 2)
    for area in ("", PLACE1, PLACE2, N1):
        assert _process(eco).outcomes(area or None) == _fresh(eco, area_id=area or None)
    assert [_kept(eco, a) is not None for a in ("", PLACE1, PLACE2, N1)] == [
        True, False, True, True]
    assert _process(eco).outcomes(PLACE1) == _fresh(eco, area_id=PLACE1)  # worked out again
    assert [_kept(eco, a) is not None for a in ("", PLACE1, PLACE2, N1)] == [
        True, True, False, True]


def test_suppression_applies_to_the_kept_rows(eco: Ecosystem) -> None:
    _area(eco)
    _process(eco).outcomes()  # kept
    strict = Disclosure(threshold=12, rounding=1)
    res = outcomes.run(eco.graph, TODAY, disclosure=strict)
    assert res == _fresh(eco, strict)
    ips = next(o for o in res.services if o.id == "IPS")
    assert ips.started.value == 20 and ips.reached.suppressed  # 12 people, now withheld
    assert ips.rate is None and ips.median_days is None and ips.cost_per_outcome is None
    loose = Disclosure(threshold=0, rounding=1)
    dwp = next(o for o in outcomes.run(eco.graph, TODAY, disclosure=loose).services
               if o.id == "DWPWORK")
    assert dwp.reached.value == 5 and dwp.median_days == 30


def test_nothing_is_kept_while_an_import_is_running(eco: Ecosystem) -> None:
    _area(eco)
    eco.graph.write("importing/begin", id="imp-running", source="test", rows=0)
    assert _process(eco).outcomes() == _fresh(eco)
    assert _kept(eco) is None
    eco.graph.write("importing/finish", id="imp-running", source="test")
    _process(eco).outcomes()
    assert _kept(eco) is not None


def test_clearing_people_forgets_the_kept_rows(eco: Ecosystem) -> None:
    _area(eco)
    assert _process(eco).outcomes().services  # kept
    eco.clear_people("test-admin")  # no import record of its own
    assert _process(eco).outcomes().services == () == _fresh(eco).services


def test_models_domains_and_side_by_side(eco: Ecosystem) -> None:
    _area(eco)
    res = _process(eco).outcomes()
    work = next(d for d in res.domains if d.id == "work")
    assert work.services == ("DWPWORK", "IPS")
    assert work.started.value == 30  # 30 different people
    assert work.annual_value == 320_000
    ips_model = next(m for m in res.models if m.id == "ips")
    assert ips_model.services == ("IPS",) and ips_model.rate == 0.5
    housing = next(d for d in res.domains if d.id == "housing")
    assert housing.started.suppressed and housing.rate is None
    # IPS and the DWP programme both give care and assistance in work: compared.
    cmp = next(c for c in res.comparisons if (c.domain, c.type) == ("work", "care"))
    assert [o.id for o in cmp.services] == ["IPS", "DWPWORK"]  # costed first
    assert "IPS employment service has the highest outcome rate (50%)" in cmp.why
    assert "IPS employment service the lowest cost per outcome (£12,000)" in cmp.why
    assert not any(c.domain == "housing" for c in res.comparisons)  # HF alone


def test_a_person_counts_once_in_a_domain(eco: Ecosystem) -> None:
    load(eco, base_rows())
    rows = outcome_rows()
    # Every DWPWORK person also started IPS: the work domain has 20 people, not 30.
    for i in range(10):
        rows["journey_events"].append({
            "event_ref": f"both-{i}", "person_ref": f"DWPWORK-{i}", "service_id": "IPS",
            "type": "start", "date": START.isoformat()})
    load(eco, rows)
    work = next(d for d in _process(eco).outcomes().domains if d.id == "work")
    assert work.started.value == 30  # 20 at IPS + 10 at both, each once


def test_only_events_up_to_the_day_and_the_area(eco: Ecosystem) -> None:
    _area(eco)
    before = _process(eco).outcomes(today=START + dt.timedelta(days=25))
    ips = next(o for o in before.services if o.id == "IPS")
    assert ips.reached.value == 0 and ips.started.value == 20  # HF reached, IPS not yet
    assert ips.rate == 0.0 and ips.cost_per_outcome is None
    assert "no outcome in the last year" in ips.why
    assert _process(eco).outcomes(area_id=PLACE2).services == ()  # nobody started with SUPPORTED
    later = _process(eco).outcomes(today=TODAY + dt.timedelta(days=500))
    assert next(o for o in later.services if o.id == "IPS").in_year.value == 0


def test_outcomes_page_and_csv(client: FlaskClient, eco: Ecosystem) -> None:
    _area(eco)
    html = client.get("/commissioner/outcomes").get_data(as_text=True)
    assert "Outcomes and value for money" in html
    assert 'data-table="services"' in html and 'data-table="side-by-side"' in html
    assert "£12,000" in html and "Counts of people are rounded to the nearest 5" in html
    resp = client.get("/commissioner/outcomes?format=csv&table=services")
    rows = list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[1].startswith("People started (rounded to nearest 5")
    ips = next(r for r in body if r[0] == "IPS employment service (IPS)")
    cols = dict(zip(header, ips, strict=True))
    assert cols["Cost per outcome"] == "12000" and cols["Outcome rate"] == "0.5000"
    hf = next(r for r in body if r[0] == "Housing First (HF)")
    assert hf[1] == "suppressed" and dict(zip(header, hf, strict=True))["Outcome rate"] == ""
    bad = client.get("/commissioner/outcomes?area=nowhere").get_data(as_text=True)
    assert "There is a problem" in bad and "Choose an area from the list" in bad
    index = client.get("/commissioner/").get_data(as_text=True)
    assert 'href="/commissioner/outcomes"' in index


def test_outcomes_from_the_cli(eco: Ecosystem, tmp_path: Path) -> None:
    _area(eco)

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["analyse", "outcomes", *args],
                                    env=cli_env(eco, tmp_path))
        assert result.exit_code == 0, result.output
        return result.output

    table = run()
    assert "IPS employment service" in table and "rounded to the nearest 5" in table
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv"))))
    ips = next(r for r in rows if r["kind"] == "service" and r["id"] == "IPS")
    assert ips["cost_per_outcome"] == "12000" and ips["rate"] == "0.5"
    assert any(r["kind"] == "domain" and r["id"] == "work" for r in rows)
    data = json.loads(run("--format", "json"))
    hf = next(s for s in data["services"] if s["id"] == "HF")
    assert hf["started"] == {"value": None, "suppressed": True, "rounded_to": None}
    assert hf["rate"] is None and hf["cost_per_outcome"] is None and "why" in hf
    assert data["comparisons"][0]["domain"] == "work"
    out = CliRunner().invoke(cli, ["analyse", "outcomes", "--area", "nowhere"],
                             env=cli_env(eco, tmp_path))
    assert out.exit_code != 0 and "nowhere" in out.output
