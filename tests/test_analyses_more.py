import datetime as dt

from builders import ISLAND, PLACE1, journeys_rows, load, small_area

from ecosystem import Ecosystem, dates
from ecosystem.analyses import journeys
from ecosystem.analyses.suppression import Disclosure

TODAY = dates.today()


def test_coverage_matrices_and_scale(eco: Ecosystem) -> None:
    small_area(eco)
    res = eco.coverage(PLACE1, today=TODAY)
    assert res.services == 10 and res.total_spend == 5_680_000
    assert res.by_source.cell("housing", "practitioner").services == ("ADVICE", "HF", "TENANCY")
    assert res.by_source.cell("housing", "peer").count == 0
    assert ("housing", "peer") in res.by_source.empty
    assert res.by_type.cell("housing", "care").spend == 90_000  # HF split over 2 cells
    assert sum(c.spend for c in res.by_type.cells.values()) == 5_680_000
    scale = {s.model_id: s for s in res.scale}
    assert (scale["ips"].status, scale["ips"].capacity, scale["ips"].estimated_need) == \
        ("below need", 50, 400)
    assert scale["housing-first"].estimated_need == 60
    assert scale["welfare-advice"].capacity == 30
    island = eco.coverage(ISLAND, today=TODAY)
    assert island.services == 0 and {s.status for s in island.scale} == {"missing"}


def test_funding_flows_per_head_and_concentration(eco: Ecosystem) -> None:
    small_area(eco)
    res = eco.funding(today=TODAY)
    assert res.total == 5_680_000 and len(res.flows) == 9
    by_comm = {t.id: t.spend for t in res.by_commissioner}
    assert by_comm == {"CO-ICB": 5_330_000, "CO-DWP": 200_000, "CO-LA": 150_000}
    per_head = {c.cohort_id: c.per_head for c in res.by_cohort}
    assert per_head == {"COH-DISCH": 1800, "COH-ESA": 800}
    assert res.concentration.services_for_half == 1
    assert round(res.concentration.top_decile_share, 3) == round(3_000_000 / 5_680_000, 3)
    assert sum(t.spend for t in res.by_domain) == 5_680_000
    later = eco.funding(today=TODAY + dt.timedelta(days=1))
    assert later.total == 5_640_000  # the debt advice contract ended


def test_pathway_bottleneck_and_cost_of_delay(eco: Ecosystem) -> None:
    small_area(eco)
    load(eco, journeys_rows())
    res = eco.pathway(["WARD", "HF", "SUPPORTED"], bed_day_cost=385)
    hf = res.steps[1]
    # 8 started: published rounded to 10; the total is costed on the published count.
    assert hf.observed_wait == 30 and hf.started.value == 10 and hf.not_started.suppressed
    assert hf.delayed_bed_days == 30 and hf.cost_per_person == 30 * 385
    assert res.total_cost == 10 * 30 * 385
    assert res.bottleneck is not None and res.bottleneck.service_id == "SUPPORTED"
    assert all(s.linked for s in res.steps)
    gap = eco.pathway(["WARD", "IPS", "NOPE"])
    assert gap.missing == ("NOPE",) and not gap.steps[1].linked


def test_what_if_commissioner_withdraws(eco: Ecosystem) -> None:
    small_area(eco)
    res = eco.what_if(commissioner="CO-LA", today=TODAY)
    assert {r.service_id for r in res.removed} == {"ADVICE", "DEBT", "FAMILY"}
    assert {(n.cohort_id, n.domain) for n in res.newly_orphaned} == {("COH-DISCH", "money")}
    assert {(n.cohort_id, n.domain) for n in res.newly_under_served} == {("COH-DISCH", "housing")}
    assert {(lk.from_id, lk.to_id) for lk in res.links_lost} == {("GP", "ADVICE"), ("ADVICE", "HF")}
    assert res.routes_broken == ()  # GP still reaches Housing First through the CMHT


def test_what_if_decommission_breaks_routes_and_people(eco: Ecosystem) -> None:
    small_area(eco)
    load(eco, journeys_rows())
    res = eco.what_if(services=["CMHT"], today=TODAY)
    # IPS reached HF, and through it SUPPORTED, only via the CMHT
    assert {(b.from_id, b.to_id) for b in res.routes_broken} == {
        ("GP", "IPS"), ("IPS", "HF"), ("IPS", "SUPPORTED")}
    ips = eco.what_if(services=["IPS"], today=TODAY)
    assert ips.people_affected.value == 10 and ips.newly_orphaned == ()  # 8, rounded


def test_journeys_paths_and_drop_outs(eco: Ecosystem) -> None:
    small_area(eco)
    load(eco, journeys_rows())
    res = journeys.run(eco.graph, from_id="WARD", entry_types=["admission"],
                       outcomes=["tenancy"], disclosure=Disclosure(1, 1))
    assert res.entered.value == 10 and res.reached.value == 8
    (path,) = res.paths
    assert path.service_ids == ("WARD", "HF") and path.people.value == 8
    assert path.median_days == (30.0,) and path.median_total_days == 90
    (drop,) = res.drop_outs
    assert (drop.service_id, drop.last_event, drop.people.value) == ("HF", "decline", 2)
    # By default (1 to 7 suppressed, others rounded to 5) the 2 who dropped out are not
    # listed but counted, suppressed, with the other drop-outs; 8 and 10 round to 10.
    hidden = eco.journeys(entry_types=["admission"], outcomes=["tenancy"])
    assert hidden.entered.value == 10 and hidden.reached.value == 10
    assert hidden.paths[0].people.value == 10 and hidden.paths[0].people.rounded
    assert hidden.drop_outs == () and hidden.other_drop_outs.suppressed


def test_a_total_that_would_give_away_a_suppressed_cell_is_withheld() -> None:
    exact = Disclosure(7, 1)
    total, shown = exact.partition(63, {"a": 3, "b": 20, "c": 40})
    assert total.suppressed and shown["a"].suppressed and shown["b"].value == 20
    total, shown = exact.partition(9, {"a": 0, "b": 9})
    assert total.value == 9 and not any(c.suppressed for c in shown.values())
