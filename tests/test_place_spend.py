"""Spend by place that adds up (issue 15): a place's own spend and the spend of services
serving it from wider are apart, so the places' own spend plus the ICB-wide spend is the
ICB's total, on a hand-built graph with a known answer."""

from __future__ import annotations

from builders import ICB, N1, N2, PLACE1, PLACE2, base_rows, load, service

from ecosystem import Ecosystem, dates

TODAY = dates.today()


def rows() -> dict:  # type: ignore[type-arg]
    r = base_rows(TODAY)
    # Serves both places directly: not one place's own, not ICB-wide either.
    r["services"].append(service("BOTH", "Peer network", "PR-VCS", f"{PLACE1};{PLACE2}",
                                 "connectedness", "care", sources="peer"))
    r["contracts"].append({"id": "K-BOTH", "commissioner_id": "CO-LA", "service_id": "BOTH",
                           "annual_value": "10000", "start_date": "2022-04-01"})
    return r


def test_places_own_spend_and_icb_wide_spend_add_up_to_the_icb(eco: Ecosystem) -> None:
    load(eco, rows())
    icb = eco.coverage(ICB, today=TODAY)
    assert icb.total_spend == icb.own_spend == 5_690_000 and icb.wider_spend == 0
    # Place One: CMHT, HF, TENANCY (in North), IPS, DWPWORK, DEBT, FAMILY.
    parts = {p.area_id: p.spend for p in icb.parts}
    assert parts == {PLACE1: 2_630_000, PLACE2: 0}
    # The ward and the advice serve the whole ICB; the peer network both places.
    assert icb.across_spend == 3_060_000
    assert sum(parts.values()) + icb.across_spend == icb.total_spend
    one = eco.coverage(PLACE1, today=TODAY)
    assert one.own_spend == 2_630_000 and one.wider_spend == 3_060_000
    assert set(one.wider_services) == {"WARD", "ADVICE", "GP", "BOTH"}
    assert one.total_spend == one.own_spend + one.wider_spend  # as before, but split
    two = eco.coverage(PLACE2, today=TODAY)
    assert two.own_spend == 0 and two.wider_spend == 3_060_000
    assert one.own_spend + two.own_spend + icb.across_spend == icb.total_spend
    # Within Place One: North's own tenancy line, the rest across the place.
    assert {p.area_id: p.spend for p in one.parts} == {N1: 30_000, N2: 0}
    assert one.across_spend == 2_600_000
    assert "not apportioned" in one.split_note
