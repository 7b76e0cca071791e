"""Pathway, completed (issue 15): the people waiting at a step now and the delayed days they
accrue, the cost of delay per year with its period, and the most travelled chains suggested.
(A module of its own: these tests clear the graph, see conftest.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from builders import N1, journeys_rows, load, small_area
from flask.testing import FlaskClient

from ecosystem import Ecosystem

START = dt.date(2025, 1, 6)  # journeys_rows' day 0
TODAY = START + dt.timedelta(days=130)


def waiting_rows(n: int) -> dict[str, list[dict[str, Any]]]:
    """`n` more people on the ward, referred to Housing First on day 100, not started."""
    people, events = [], []
    for i in range(n):
        p = f"wait-{i}"
        people.append({"person_ref": p, "age_band": "25-34", "area_id": N1,
                       "cohorts": "COH-DISCH", "needs": "housing",
                       "housing_status": "inpatient"})
        for ref, typ, day, extra in ((f"{p}-a", "admission", 90, {}),
                                     (f"{p}-r", "referral", 100,
                                      {"referred_from_service_id": "WARD"})):
            events.append({"event_ref": ref, "person_ref": p, "service_id": "WARD"
                           if typ == "admission" else "HF", "type": typ,
                           "date": (START + dt.timedelta(days=day)).isoformat(), **extra})
    return {"people": people, "journey_events": events}


def _area(eco: Ecosystem, waiting: int) -> None:
    small_area(eco)
    load(eco, journeys_rows())  # 10 referred WARD -> HF on day 30: 8 start on day 60, 2 decline
    load(eco, waiting_rows(waiting))


def test_people_waiting_now_and_their_delayed_days(eco: Ecosystem) -> None:
    _area(eco, 9)
    res = eco.pathway(["WARD", "HF"], today=TODAY)
    hf = res.steps[1]
    assert hf.waiting_now.value == 10  # 9, rounded; the 2 who declined are not waiting
    assert hf.waiting_delayed_days == 9 * 30  # referred on day 100, today is day 130
    assert hf.waiting_cost == 9 * 30 * 385.0  # waiting on the ward (a bed step)
    # Cost of delay per year: 30 days x £385 x 10 started (as published), over the 100 days
    # from the first referral (day 30) to today.
    assert res.total_cost == 30 * 385.0 * 10
    assert res.period_from == START + dt.timedelta(days=30)
    assert res.cost_per_year == round(res.total_cost * 365 / 100, 2)


def test_a_few_people_waiting_give_no_days(eco: Ecosystem) -> None:
    _area(eco, 5)
    hf = eco.pathway(["WARD", "HF"], today=TODAY).steps[1]
    assert hf.waiting_now.suppressed
    assert hf.waiting_delayed_days is None and hf.waiting_cost is None


def test_the_most_travelled_chains_are_suggested(eco: Ecosystem) -> None:
    _area(eco, 9)
    chains = eco.pathway_suggestions()
    assert [c.service_ids for c in chains] == [("WARD", "HF")]  # 19 people; no other links
    assert chains[0].names == ("Acute ward", "Housing First")
    assert chains[0].people.value == 20 and chains[0].routes


def test_the_pathway_page_shows_waiting_and_suggestions(client: FlaskClient,
                                                        eco: Ecosystem) -> None:
    _area(eco, 9)
    html = client.get("/commissioner/pathway").get_data(as_text=True)
    assert 'id="suggested-chains"' in html
    assert 'href="/commissioner/pathway?run=1&amp;step=WARD&amp;step=HF"' in html
    assert "Acute ward → Housing First" in html
    html = client.get("/commissioner/pathway?run=1&step=WARD&step=HF").get_data(as_text=True)
    assert "Waiting now" in html and "a year" in html and "from " in html
