"""Small hand-made graphs for the analysis tests, loaded through the real importer.

`small_area()` is one ICB with two places; place 1 has two neighbourhoods. Its planted
answers are listed next to the rows; the analysis tests check them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ecosystem import Ecosystem, dates

ICB, PLACE1, PLACE2, N1, N2, ISLAND = (
    "E54000001", "E38000001", "E38000002", "E02000001", "E02000002", "E06000099")

Rows = dict[str, list[dict[str, Any]]]


def service(id: str, name: str, provider: str, areas: str, domains: str, types: str,
            sources: str = "practitioner", **extra: Any) -> dict[str, Any]:
    row = {"id": id, "name": name, "provider_id": provider, "areas": areas,
           "domains": domains, "sources": sources, "types": types}
    row.update({k: str(v) for k, v in extra.items()})
    return row


def load(eco: Ecosystem, rows: Rows) -> None:
    report = eco.import_tables(rows)
    assert report.ok, report


def base_rows(today: dt.date | None = None) -> Rows:
    today = today or dates.today()
    far = (today + dt.timedelta(days=900)).isoformat()
    return {
        "areas": [
            {"id": ICB, "name": "Test ICB", "level": "icb"},
            {"id": PLACE1, "name": "Place One", "level": "place", "parent_id": ICB},
            {"id": PLACE2, "name": "Place Two", "level": "place", "parent_id": ICB},
            {"id": N1, "name": "North", "level": "neighbourhood", "parent_id": PLACE1},
            {"id": N2, "name": "South", "level": "neighbourhood", "parent_id": PLACE1},
            {"id": ISLAND, "name": "Island", "level": "local_authority"},
        ],
        "providers": [
            {"id": "PR-NHS", "name": "Test NHS Trust", "sector": "nhs"},
            {"id": "PR-VCS", "name": "Test Charity", "sector": "vcse"},
            {"id": "PR-LA", "name": "Test Council", "sector": "local_authority"},
            {"id": "PR-DWP", "name": "Jobcentre", "sector": "dwp"},
        ],
        "commissioners": [
            {"id": "CO-ICB", "name": "Test ICB commissioning", "kind": "icb"},
            {"id": "CO-LA", "name": "Test Council commissioning", "kind": "local_authority"},
            {"id": "CO-DWP", "name": "DWP", "kind": "dwp"},
        ],
        "cohorts": [
            # Leaving inpatient care with a housing need: served by HF (named) and advice.
            {"id": "COH-DISCH", "name": "Leaving inpatient care", "area_id": PLACE1,
             "estimated_size": "100", "min_age": "18", "need_housing": "60",
             "need_money": "40"},
            # ESA WRAG: IPS + DWPWORK (planted overlap); capacity 150 of 400: under-served.
            {"id": "COH-ESA", "name": "ESA WRAG with a MH condition", "area_id": PLACE1,
             "estimated_size": "400", "benefit_status": "esa", "need_work": "400"},
            # Young carers 16-17 with a family need: FAMILY takes 18+ only -> orphaned.
            {"id": "COH-YOUNG", "name": "Young carers", "area_id": PLACE1,
             "estimated_size": "30", "min_age": "16", "max_age": "17", "need_family": "30"},
            # In an area no service serves -> orphaned in housing.
            {"id": "COH-ISLAND", "name": "Island residents", "area_id": ISLAND,
             "estimated_size": "50", "need_housing": "20"},
        ],
        "services": [
            service("GP", "GP practice", "PR-NHS", ICB, "citizenship", "information",
                    kind="gp", self_referral="yes"),
            service("CMHT", "Community mental health team", "PR-NHS", PLACE1, "citizenship",
                    "care", kind="cmht", severity="severe", capacity=500),
            service("WARD", "Acute ward", "PR-NHS", ICB, "citizenship", "provision",
                    kind="inpatient", capacity=20),
            service("HF", "Housing First", "PR-VCS", PLACE1, "housing", "care;provision",
                    kind="housing", model_id="housing-first", model_fidelity="0.8",
                    min_age=18, referral_from="cmht", capacity=20, waiting_days=30,
                    unit_cost=9000, cohorts="COH-DISCH"),
            service("ADVICE", "Council housing advice", "PR-LA", ICB, "housing",
                    "information", kind="advice", self_referral="yes", waiting_days=5,
                    capacity=10),
            # Planted overlap with ADVICE: same domain and type, N1 is within the ICB,
            # different commissioners.
            service("TENANCY", "Tenancy advice line", "PR-VCS", N1, "housing", "information",
                    kind="advice", self_referral="yes", waiting_days=2, capacity=5),
            service("IPS", "IPS employment service", "PR-NHS", PLACE1, "work", "care;provision",
                    sources="specialist", kind="employment", model_id="ips", capacity=50,
                    waiting_days=14, unit_cost=2500, cohorts="COH-ESA"),
            # Planted overlap with IPS: same cohort, domain and type (care), DWP pays.
            service("DWPWORK", "Work and health programme", "PR-DWP", PLACE1, "work", "care",
                    sources="specialist", kind="employment", capacity=100, waiting_days=40,
                    unit_cost=2000, cohorts="COH-ESA", referral_from="jobcentre"),
            # Ends today: still open today, gone within any horizon.
            service("DEBT", "Debt advice", "PR-VCS", PLACE1, "money", "information;rights",
                    sources="specialist", kind="advice", model_id="welfare-advice",
                    self_referral="yes", end_date=today.isoformat(), capacity=30,
                    waiting_days=10),
            service("SUPPORTED", "Supported housing", "PR-VCS", PLACE2, "housing", "care",
                    kind="housing", referral_from="cmht", capacity=15, waiting_days=60),
            service("FAMILY", "Parenting support", "PR-LA", PLACE1, "family", "care",
                    kind="family", min_age=18, self_referral="yes", capacity=40),
            service("OLDHOUSING", "Closed hostel", "PR-LA", PLACE1, "housing", "provision",
                    kind="housing", status="closed"),
        ],
        "referral_routes": [
            {"from_service_id": "GP", "to_service_id": "CMHT", "note": "GP referral"},
            {"from_service_id": "CMHT", "to_service_id": "IPS"},
            {"from_service_id": "IPS", "to_service_id": "CMHT"},  # a cycle
            {"from_service_id": "CMHT", "to_service_id": "HF"},
            {"from_service_id": "GP", "to_service_id": "ADVICE"},
            {"from_service_id": "ADVICE", "to_service_id": "HF"},
            {"from_service_id": "WARD", "to_service_id": "HF"},
            {"from_service_id": "HF", "to_service_id": "SUPPORTED"},
        ],
        "contracts": [
            {"id": "K-CMHT", "commissioner_id": "CO-ICB", "service_id": "CMHT",
             "annual_value": "2000000", "start_date": "2020-04-01"},
            {"id": "K-WARD", "commissioner_id": "CO-ICB", "service_id": "WARD",
             "annual_value": "3000000", "start_date": "2020-04-01"},
            {"id": "K-HF", "commissioner_id": "CO-ICB", "service_id": "HF",
             "annual_value": "180000", "start_date": "2023-04-01", "end_date": far,
             "capacity": "20"},
            {"id": "K-ADVICE", "commissioner_id": "CO-LA", "service_id": "ADVICE",
             "annual_value": "50000", "start_date": "2022-04-01"},
            {"id": "K-TENANCY", "commissioner_id": "CO-ICB", "service_id": "TENANCY",
             "annual_value": "30000", "start_date": "2022-04-01"},
            {"id": "K-IPS", "commissioner_id": "CO-ICB", "service_id": "IPS",
             "annual_value": "120000", "start_date": "2022-04-01", "capacity": "50"},
            {"id": "K-DWPWORK", "commissioner_id": "CO-DWP", "service_id": "DWPWORK",
             "annual_value": "200000", "start_date": "2022-04-01", "capacity": "100"},
            {"id": "K-DEBT", "commissioner_id": "CO-LA", "service_id": "DEBT",
             "annual_value": "40000", "start_date": "2022-04-01",
             "end_date": today.isoformat()},
            {"id": "K-FAMILY", "commissioner_id": "CO-LA", "service_id": "FAMILY",
             "annual_value": "60000", "start_date": "2022-04-01"},
        ],
    }


def small_area(eco: Ecosystem, today: dt.date | None = None) -> None:
    load(eco, base_rows(today))


def journeys_rows(start: dt.date = dt.date(2025, 1, 6)) -> Rows:
    """Ten people admitted to the ward: 8 reach a tenancy through Housing First (30 days
    from admission to referral, 30 more to start), 2 are referred and decline. Eight ESA
    claimants use IPS and the DWP programme at the same time (doubling up)."""
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []

    def ev(ref: str, person: str, service: str, type_: str, day: int, **kw: str) -> None:
        events.append({"event_ref": ref, "person_ref": person, "service_id": service,
                       "type": type_, "date": (start + dt.timedelta(days=day)).isoformat(),
                       **kw})

    for i in range(10):
        p = f"ward-{i}"
        people.append({"person_ref": p, "age_band": "25-34", "area_id": N1,
                       "cohorts": "COH-DISCH", "needs": "housing", "housing_status": "inpatient"})
        ev(f"{p}-a", p, "WARD", "admission", 0)
        ev(f"{p}-r", p, "HF", "referral", 30, referred_from_service_id="WARD")
        if i < 8:
            ev(f"{p}-s", p, "HF", "start", 60)
            ev(f"{p}-d", p, "WARD", "discharge", 60)
            ev(f"{p}-o", p, "HF", "outcome", 90, outcome="tenancy")
        else:
            ev(f"{p}-x", p, "HF", "decline", 45)
    for i in range(8):
        p = f"esa-{i}"
        people.append({"person_ref": p, "age_band": "35-44", "area_id": N2,
                       "cohorts": "COH-ESA", "needs": "work;money", "benefit_status": "esa"})
        ev(f"{p}-1", p, "IPS", "start", 0)
        ev(f"{p}-2", p, "DWPWORK", "start", 10)
    return {"people": people, "journey_events": events}
