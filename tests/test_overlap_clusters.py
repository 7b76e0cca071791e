"""Duplicates as clusters (issue 15): pairs sharing a service are one cluster, its money
counted once; the place filter keeps the services of one area."""


from builders import N2, PLACE1, PLACE2, base_rows, load, service

from ecosystem import Ecosystem, dates
from ecosystem.analyses.overlaps import CatalogueOverlap, ServiceRef, clusters

TODAY = dates.today()


def _trio(eco: Ecosystem) -> None:
    """A third work service for COH-ESA, paid by the council: IPS, DWPWORK and WORK3 are
    three pairs (£320k, £290k, £210k) and one cluster of £410,000."""
    rows = base_rows(TODAY)
    rows["services"].append(service("WORK3", "Council job coaching", "PR-LA", PLACE1, "work",
                                    "care", kind="employment", cohorts="COH-ESA"))
    rows["contracts"].append({"id": "K-WORK3", "commissioner_id": "CO-LA",
                              "service_id": "WORK3", "annual_value": "90000",
                              "start_date": "2022-04-01"})
    load(eco, rows)


def test_three_duplicates_are_one_cluster_with_money_counted_once(eco: Ecosystem) -> None:
    _trio(eco)
    res = eco.overlaps(today=TODAY)
    assert sorted(o.combined_spend for o in res.catalogue) == [80_000, 210_000, 290_000,
                                                               320_000]
    work, housing = res.clusters
    assert [s.id for s in work.services] == ["DWPWORK", "IPS", "WORK3"]
    assert work.combined_spend == 410_000 and len(work.pairs) == 3
    assert work.commissioners == ("DWP", "Test Council commissioning",
                                  "Test ICB commissioning")
    assert work.different_commissioners and work.cohorts == ("COH-ESA",)
    assert work.domains == ("work",) and "care" in work.types
    assert "each service counted once" in work.why and "£410,000" in work.why
    assert [s.id for s in housing.services] == ["ADVICE", "TENANCY"]
    assert housing.combined_spend == 80_000 and housing.cohorts == ()


def test_a_chain_of_pairs_is_one_cluster() -> None:
    """A~B and B~C but not A~C: still one cluster, B's money once."""
    a, b, c = (ServiceRef(i, i, None, (f"CO-{i}",), v) for i, v in
               (("A", 10.0), ("B", 20.0), ("C", 40.0)))

    def pair(x: ServiceRef, y: ServiceRef) -> CatalogueOverlap:
        return CatalogueOverlap((x, y), ("work",), ("care",), "overlapping eligibility", (),
                                True, x.annual_spend + y.annual_spend, "")

    (one,) = clusters([pair(a, b), pair(b, c)])
    assert [s.id for s in one.services] == ["A", "B", "C"] and one.combined_spend == 70


def test_place_filter(eco: Ecosystem) -> None:
    _trio(eco)
    assert [len(c.services) for c in eco.overlaps(TODAY, area_id=PLACE1).clusters] == [3, 2]
    # South is within Place One: the ICB-wide advice serves it, the North line does not.
    south = eco.overlaps(TODAY, area_id=N2)
    assert [[s.id for s in c.services] for c in south.clusters] == [
        ["DWPWORK", "IPS", "WORK3"]]
    assert south.area_id == N2
    assert eco.overlaps(TODAY, area_id=PLACE2).clusters == ()
