import datetime as dt

from builders import ISLAND, journeys_rows, load, small_area

from ecosystem import Ecosystem, dates
from ecosystem.analyses import orphans, overlaps
from ecosystem.analyses.suppression import Disclosure

TODAY = dates.today()


def test_catalogue_overlaps_ranked_by_money(eco: Ecosystem) -> None:
    small_area(eco)
    res = eco.overlaps(today=TODAY)
    pairs = [(o.services[0].id, o.services[1].id, o.basis) for o in res.catalogue]
    assert pairs == [("DWPWORK", "IPS", "same cohort"),
                     ("ADVICE", "TENANCY", "overlapping eligibility")]
    top = res.catalogue[0]
    assert top.different_commissioners and top.combined_spend == 320000
    assert top.cohorts == ("COH-ESA",) and top.types == ("care",)
    assert "COH-ESA" not in top.why and "£200,000" in top.why  # the cohort by its name
    assert f"both for the cohort {eco.names().cohorts['COH-ESA']}" in top.why
    assert res.doubling_up == ()


def test_doubling_up_counts_and_suppression(eco: Ecosystem) -> None:
    small_area(eco)
    load(eco, journeys_rows())
    res = eco.overlaps(today=TODAY)
    (d,) = res.doubling_up
    assert {s.id for s in d.services} == {"IPS", "DWPWORK"}
    assert d.people.value == 10 and d.money_at_stake == 10 * 2000  # 8 people, rounded
    hidden = overlaps.run(eco.graph, today=TODAY,
                          disclosure=Disclosure(10, 5)).doubling_up[0]
    assert hidden.people.suppressed and hidden.money_at_stake is None
    assert "suppressed people" in hidden.why


def test_no_overlaps_on_empty_graph(eco: Ecosystem) -> None:
    res = eco.overlaps(today=TODAY)
    assert res.catalogue == () and res.doubling_up == ()
    o = eco.orphans(today=TODAY)
    assert o.orphaned == () and o.under_served == () and o.ending == ()


def test_orphans_under_served_and_ending(eco: Ecosystem) -> None:
    small_area(eco)
    res = eco.orphans(today=TODAY, months=6)
    orphaned = {(n.cohort_id, n.domain) for n in res.orphaned}
    assert orphaned == {("COH-YOUNG", "family"), ("COH-ISLAND", "housing")}
    young = next(n for n in res.orphaned if n.cohort_id == "COH-YOUNG")
    assert young.turned_away == (("FAMILY", "Only for people aged 18 and over"),)
    island = next(n for n in res.orphaned if n.cohort_id == "COH-ISLAND")
    assert island.area_id == ISLAND and island.provision == ()
    (under,) = res.under_served
    assert (under.cohort_id, under.domain, under.capacity) == ("COH-ESA", "work", 150)
    assert under.ratio == 150 / 400
    # Debt advice ends today: open today, so not orphaned, but the cohort will be.
    (ending,) = res.ending
    assert (ending.need.cohort_id, ending.need.domain, ending.last_end) == \
        ("COH-DISCH", "money", TODAY)
    tomorrow = eco.orphans(today=TODAY + dt.timedelta(days=1))
    assert ("COH-DISCH", "money") in {(n.cohort_id, n.domain) for n in tomorrow.orphaned}


def test_orphans_no_contact(eco: Ecosystem) -> None:
    small_area(eco)
    load(eco, journeys_rows())
    res = eco.orphans(today=TODAY)
    (nc,) = res.no_contact
    assert (nc.cohort_id, nc.domain, nc.no_contact.value, nc.share) == \
        ("COH-ESA", "money", 10, 1.0)  # 8 of 8, rounded
    hidden = orphans.run(eco.graph, today=TODAY, disclosure=Disclosure(8, 5)).no_contact[0]
    assert hidden.no_contact.suppressed and hidden.share is None


def test_catalogue_candidates_pair_services_that_meet_in_an_area(eco: Ecosystem) -> None:
    """Services pair when one serves an area the other serves, one above or one within it;
    siblings, other branches and closed services do not."""
    from builders import ICB, N1, N2, PLACE1, PLACE2, base_rows, service

    rows = base_rows(TODAY)
    for sid, area in (("S-ICB", ICB), ("S-P1", PLACE1), ("S-P2", PLACE2), ("S-N1", N1),
                      ("S-N2", N2), ("S-ISL", ISLAND)):
        rows["services"].append(service(sid, sid, "PR-VCS", area, "victimisation", "rights"))
    rows["services"].append(service("S-SHUT", "S-SHUT", "PR-VCS", PLACE1, "victimisation", "rights",
                                     status="closed"))
    rows["services"].append(service("S-OTHER", "S-OTHER", "PR-VCS", PLACE1, "victimisation",
                                    "information"))
    load(eco, rows)
    pairs = {(r["a"], r["b"]) for r in overlaps.candidates(eco.graph, TODAY)
             if r["a"].startswith("S-")}
    assert pairs == {("S-ICB", "S-N1"), ("S-ICB", "S-N2"), ("S-ICB", "S-P1"),
                     ("S-ICB", "S-P2"), ("S-N1", "S-P1"), ("S-N2", "S-P1")}
    one = next(r for r in overlaps.candidates(eco.graph, TODAY) if r["a"] == "S-ICB")
    assert one["domains"] == ["victimisation"] and one["types"] == ["rights"]
