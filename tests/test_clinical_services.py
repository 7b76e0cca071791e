"""Clinical services (wards, CMHTs, GP hubs) are entry points of journeys and referral
routes, not social support: marked `clinical`, they need no life domain and are left out of
coverage, spend by domain, concentration, overlaps and orphans, while routes still use them
(issue 15)."""

from __future__ import annotations

from builders import ICB, PLACE1, load, service

from ecosystem import Ecosystem, dates

TODAY = dates.today()


def rows() -> dict[str, list[dict[str, str]]]:
    return {
        "areas": [{"id": ICB, "name": "Test ICB", "level": "icb"},
                  {"id": PLACE1, "name": "Place One", "level": "place", "parent_id": ICB}],
        "providers": [{"id": "PR-NHS", "name": "Trust", "sector": "nhs"},
                      {"id": "PR-VCS", "name": "Charity", "sector": "vcse"}],
        "commissioners": [{"id": "CO-ICB", "name": "ICB", "kind": "icb"},
                          {"id": "CO-LA", "name": "Council", "kind": "local_authority"}],
        "cohorts": [{"id": "COH", "name": "Adults", "area_id": PLACE1, "estimated_size": "50",
                     "min_age": "18", "max_age": "40", "need_citizenship": "10"}],
        "services": [
            # A ward: clinical, no life domain, most of the money.
            service("WARD", "Acute ward", "PR-NHS", ICB, "", "care", kind="ward",
                    clinical="yes"),
            # A CMHT marked clinical although it names a domain: still not social support,
            # so it neither meets the cohort's citizenship need nor overlaps with CLUB.
            service("CMHT", "CMHT", "PR-NHS", PLACE1, "citizenship", "care", kind="cmht",
                    clinical="yes"),
            service("CLUB", "Clubhouse", "PR-VCS", PLACE1, "citizenship", "care",
                    min_age=70),
            service("HF", "Housing First", "PR-VCS", PLACE1, "housing", "care"),
            service("ADVICE", "Housing advice", "PR-VCS", PLACE1, "money", "information"),
        ],
        "referral_routes": [{"from_service_id": "WARD", "to_service_id": "CMHT"},
                            {"from_service_id": "CMHT", "to_service_id": "HF"}],
        "contracts": [
            {"id": "K-WARD", "commissioner_id": "CO-ICB", "service_id": "WARD",
             "annual_value": "3000000", "start_date": "2020-04-01"},
            {"id": "K-CMHT", "commissioner_id": "CO-ICB", "service_id": "CMHT",
             "annual_value": "1000000", "start_date": "2020-04-01"},
            {"id": "K-HF", "commissioner_id": "CO-ICB", "service_id": "HF",
             "annual_value": "150000", "start_date": "2020-04-01"},
            {"id": "K-CLUB", "commissioner_id": "CO-LA", "service_id": "CLUB",
             "annual_value": "30000", "start_date": "2020-04-01"},
            {"id": "K-ADVICE", "commissioner_id": "CO-LA", "service_id": "ADVICE",
             "annual_value": "20000", "start_date": "2020-04-01"},
        ],
    }


def test_a_clinical_service_needs_no_life_domain_but_others_do(eco: Ecosystem) -> None:
    bad = rows()
    bad["services"][0]["clinical"] = "no"
    report = eco.import_tables(bad)
    assert not report.ok and not report.written
    assert any(i.origin.endswith("services") and i.column == "domains" and "clinical" in str(i)
               for i in report.issues), [str(i) for i in report.issues]
    load(eco, rows())
    assert eco.entity("service", "WARD") is not None


def test_clinical_services_are_left_out_of_social_support(eco: Ecosystem) -> None:
    load(eco, rows())
    fund = eco.funding(today=TODAY)
    # Spend by domain and concentration: only the three social-support services.
    assert {t.id: t.spend for t in fund.by_domain} == {
        "housing": 150_000, "citizenship": 30_000, "money": 20_000}
    assert fund.social_total == 200_000 and fund.clinical_total == 4_000_000
    assert fund.total == 4_200_000  # commissioners still pay for both
    assert fund.concentration.services == 3 and fund.concentration.services_for_half == 1
    assert {t.id for t in fund.by_service} == {"HF", "CLUB", "ADVICE"}
    cov = eco.coverage(PLACE1, today=TODAY)
    assert cov.services == 3 and cov.total_spend == 200_000
    assert cov.clinical_services == ("CMHT", "WARD") and cov.clinical_spend == 4_000_000
    assert cov.by_type.cell("citizenship", "care").services == ("CLUB",)
    assert eco.overlaps(today=TODAY).catalogue == ()
    # The CMHT does not meet the citizenship need; the clubhouse takes over-70s only.
    orphans = eco.orphans(today=TODAY)
    assert {(n.cohort_id, n.domain) for n in orphans.orphaned} == {("COH", "citizenship")}


def test_routes_still_run_through_clinical_services(eco: Ecosystem) -> None:
    load(eco, rows())
    res = eco.route("HF", from_ids=["WARD"])
    assert [s.service_id for s in res.routes[0].steps] == ["WARD", "CMHT", "HF"]
