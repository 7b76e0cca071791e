"""The analyses on the demo area (Northvale): every planted finding in fixtures/README.md is
found, and nothing unplanted is reported as an overlap or an orphan."""

from __future__ import annotations

import datetime as dt

from ecosystem import Ecosystem, dates

TODAY = dates.today()
PLANTED_DUPLICATES = {"b-workwell", "b-brightside", "b-pathways"}


def test_planted_duplicated_provision_and_nothing_else(demo: Ecosystem) -> None:
    res = demo.overlaps(today=TODAY)
    pairs = {frozenset(s.id for s in o.services) for o in res.catalogue}
    assert pairs == {frozenset(p) for p in (("b-workwell", "b-brightside"),
                                            ("b-workwell", "b-pathways"),
                                            ("b-brightside", "b-pathways"))}
    assert all(o.different_commissioners and o.cohorts == ("esa-wrag-b",)
               for o in res.catalogue)
    spend = {s.id: s.annual_spend for o in res.catalogue for s in o.services}
    assert spend == {"b-workwell": 168_000, "b-brightside": 88_000, "b-pathways": 90_000}
    assert "b-ips" not in {s.id for o in res.catalogue for s in o.services}
    # The trio is one cluster, its money counted once (not £258k + £256k + £178k).
    (trio,) = res.clusters
    assert {s.id for s in trio.services} == PLANTED_DUPLICATES
    assert trio.combined_spend == 346_000 and len(trio.pairs) == 3
    assert len(trio.commissioners) == 3 and trio.cohorts == ("esa-wrag-b",)
    assert demo.overlaps(today=TODAY, area_id="E06000903").clusters == ()  # Kelderby
    # Co-funded Housing First is not duplication.
    assert "icb-hf" not in {s.id for o in res.catalogue for s in o.services}


def test_planted_doubling_up(demo: Ecosystem) -> None:
    res = demo.overlaps(today=TODAY)
    assert res.doubling_up
    top = res.doubling_up[0]
    assert {s.id for s in top.services} == {"b-workwell", "b-brightside"}
    assert not top.people.suppressed and top.people.value and top.people.value >= 7
    assert all({s.id for s in d.services} <= PLANTED_DUPLICATES for d in res.doubling_up)


def test_planted_orphans_and_nothing_else(demo: Ecosystem) -> None:
    res = demo.orphans(today=TODAY, months=6)
    assert {(n.cohort_id, n.domain) for n in res.orphaned} == {("young-parents-k", "family")}
    assert res.orphaned[0].estimated == 70
    why = dict(res.orphaned[0].turned_away)  # every family service says why not
    assert why["k-family-support"] == "closed" and why["k-young-parents-peer"] == "planned"
    assert why["b-mothers"] == "serves only Brindlemouth"
    under = {(n.cohort_id, n.domain): n for n in res.under_served}
    assert set(under) == {("smi-work-a", "work"), ("leaving-wards", "housing")}
    n = under[("smi-work-a", "work")]
    assert n.capacity == 410 and n.estimated == 1100 and round(n.ratio or 0, 2) == 0.37
    assert {(e.need.cohort_id, e.need.domain) for e in res.ending} == {("debt-a", "money")}
    assert res.ending[0].last_end == TODAY + dt.timedelta(days=60)
    assert {(c.cohort_id, c.domain) for c in res.no_contact} == {("young-parents-k", "family")}


def test_planted_renewal_is_not_reported_as_ending(demo: Ecosystem) -> None:
    # The Clubhouse's contract ends in 90 days; its renewal from the next day is recorded.
    res = demo.orphans(today=TODAY, months=6)
    assert {(e.need.cohort_id, e.need.domain) for e in res.ending} == {("debt-a", "money")}
    # It is the older adults' and the SMI cohort's citizenship provision that is renewed.
    ending = {(e.need.cohort_id, e.need.domain) for e in res.ending}
    assert not ending & {("older-k", "citizenship"), ("smi-b", "citizenship")}


def test_contracts_timeline_on_the_demo(demo: Ecosystem) -> None:
    res = demo.contracts(today=TODAY, months=6)
    by_service = {e.service_id: e for e in res.ends}
    club = by_service["icb-clubhouse"]
    assert club.status == "renewed" and club.continued_by == "ct-clubhouse-renewal"
    assert club.end_date == TODAY + dt.timedelta(days=90) and club.orphans == ()
    debt = by_service["a-debt"]
    assert debt.status == "stops" and [(d.cohort_id, d.domain) for d in debt.orphans] == [
        ("debt-a", "money")]
    # Every stopping contract that leaves a cohort with nothing is the planted one.
    assert {(d.cohort_id, d.domain) for e in res.ends for d in e.orphans} == {
        ("debt-a", "money")}


def test_planted_need_by_type_of_support(demo: Ecosystem) -> None:
    # Leaving a ward, the housing need is for somewhere to live or support to keep it:
    # the Discharge Housing Link gives advice, so only step-down housing (14 places) meets it.
    res = demo.orphans(today=TODAY, months=6)
    n = next(n for n in res.under_served if (n.cohort_id, n.domain) == ("leaving-wards",
                                                                         "housing"))
    assert n.types == ("care", "provision") and n.capacity == 14
    assert [p.service_id for p in n.provision] == ["icb-stepdown"]
    assert dict(n.turned_away)["icb-dischargelink"].startswith("type of support")
    # So closing step-down housing orphans the need, though the advice service stays.
    gone = demo.what_if(services=["icb-stepdown"], today=TODAY)
    assert ("leaving-wards", "housing") in {(x.cohort_id, x.domain) for x in gone.newly_orphaned}


def test_clinical_services_are_entry_points_not_social_support(demo: Ecosystem) -> None:
    cov = demo.coverage("E54000099", today=TODAY)
    assert {"icb-ward", "b-cmht", "b-gphub"} <= set(cov.clinical_services)
    assert "icb-ward" not in {s for c in cov.by_type.cells.values() for s in c.services}
    fund = demo.funding(today=TODAY)
    assert "icb-ward" not in {t.id for t in fund.by_service}
    assert abs(sum(t.spend for t in fund.by_domain) - fund.social_total) < 1
    assert fund.social_total + fund.clinical_total == fund.total
    # The ward is still where the step-down pathway starts.
    assert demo.route("icb-stepdown", from_ids=["icb-ward"]).routes


def test_place_spend_adds_up_to_the_icb(demo: Ecosystem) -> None:
    icb = demo.coverage("E54000099", today=TODAY)
    places = [demo.coverage(p.area_id, today=TODAY) for p in icb.parts]
    assert len(places) == 3
    assert {p.area_id: p.spend for p in icb.parts} == {c.area_id: c.own_spend for c in places}
    assert abs(sum(c.own_spend for c in places) + icb.across_spend - icb.total_spend) < 1
    # each place is also served by the ICB-wide services, counted apart
    assert all(c.wider_spend == icb.across_spend for c in places)


def test_planted_pathway_bottleneck(demo: Ecosystem) -> None:
    res = demo.pathway(["icb-ward", "icb-dischargelink", "icb-stepdown", "icb-hf"],
                       bed_day_cost=385)
    assert res.bottleneck is not None and res.bottleneck.service_id == "icb-stepdown"
    step = res.steps[2]
    assert step.wait is not None and 70 <= step.wait <= 130
    # The step-down wait is spent on the ward: it is the pathway's main cost.
    assert step.cost_per_person == max(s.cost_per_person for s in res.steps) > 0


def test_planted_cycle_is_harmless(demo: Ecosystem) -> None:
    res = demo.route("b-cmht", from_ids=["icb-ward"])
    assert res.routes and all(len({s.service_id for s in r.steps}) == len(r.steps)
                              for r in res.routes)


def test_contract_ending_what_if(demo: Ecosystem) -> None:
    res = demo.what_if(services=["a-debt"], today=TODAY)
    assert ("debt-a", "money") in {(n.cohort_id, n.domain) for n in res.newly_orphaned}


def test_coverage_and_funding_run_on_the_demo(demo: Ecosystem) -> None:
    cov = demo.coverage("E54000099", today=TODAY)
    assert cov.services >= 50 and {s.model_id for s in cov.scale} == {
        "ips", "housing-first", "welfare-advice"}
    fund = demo.funding(today=TODAY)
    assert fund.total > 0 and abs(sum(t.spend for t in fund.by_commissioner) - fund.total) < 1


def test_what_if_finds_routes_broken_further_along_a_pathway(demo: Ecosystem) -> None:
    res = demo.what_if(services=["icb-stepdown"], today=TODAY)
    broken = {(b.from_id, b.to_id) for b in res.routes_broken}
    assert ("icb-ward", "icb-hf") in broken  # two steps before the removed service
    assert ("icb-dischargelink", "icb-hf") in broken
    # a route with another way round is not broken: CMHT -> IPS is direct
    assert ("b-cmht", "b-ips") not in broken


def test_what_if_assesses_only_what_a_removed_service_reaches(demo: Ecosystem) -> None:
    """What-if works out only the cohort needs a removed service is in reach of (the rest
    cannot change). For every service in the demo, its newly orphaned and newly under-served
    needs are what assessing every need before and after says."""
    from ecosystem.analyses.orphans import assess, under_served

    before = assess(demo.graph, TODAY)
    was_orphaned = {(n.cohort_id, n.domain) for n in before if n.orphaned}
    was_under = {(n.cohort_id, n.domain) for n in under_served(before, 0.5)}
    ids = sorted(demo.names().services)
    assert len(ids) > 20
    changed = 0
    for sid in ids:
        after = assess(demo.graph, TODAY, exclude={sid})
        orphaned = {(n.cohort_id, n.domain) for n in after if n.orphaned} - was_orphaned
        under = {(n.cohort_id, n.domain) for n in under_served(after, 0.5)} - was_under
        res = demo.what_if([sid], today=TODAY)
        assert {(n.cohort_id, n.domain) for n in res.newly_orphaned} == orphaned, sid
        assert {(n.cohort_id, n.domain) for n in res.newly_under_served} == under, sid
        changed += bool(orphaned or under)
    assert changed  # some removals do change something
