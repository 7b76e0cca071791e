import datetime as dt
from typing import Any

from builders import N1, PLACE1, PLACE2, base_rows, journeys_rows, load, service, small_area

from ecosystem import Ecosystem, dates
from ecosystem.analyses import options
from ecosystem.analyses.eligibility import Profile

TODAY = dates.today()


def _need(result: options.OptionsResult, domain: str) -> options.NeedOptions:
    return next(n for n in result.needs if n.domain == domain)


def test_options_ranked_with_routes_and_reasons(eco: Ecosystem) -> None:
    small_area(eco)
    p = Profile(area_id=N1, min_age=30, max_age=30, needs=("housing", "work", "family"),
                uses=("CMHT",), benefit_status="esa", severity="severe")
    res = eco.options(p, today=TODAY)
    housing = _need(res, "housing")
    ids = [o.service_id for o in housing.options]
    # Reachable before not; strong evidence (Housing First) first; then shorter wait.
    assert ids == ["HF", "TENANCY", "ADVICE"]
    hf = housing.options[0]
    assert hf.access.how == "referral" and hf.access.via == ("Community mental health team",)
    assert hf.evidence == "strong" and hf.rank == 1
    nots = {n.service_id: n.reasons for n in housing.not_eligible}
    assert any(r.startswith("Serves only") for r in nots["SUPPORTED"])
    assert "Closed" in nots["OLDHOUSING"]
    work = [o.service_id for o in _need(res, "work").options]
    assert work[0] == "IPS"  # strong evidence, reachable via the CMHT
    dwp = next(o for o in _need(res, "work").options if o.service_id == "DWPWORK")
    assert not dwp.access.reachable and "jobcentre" in dwp.access.text
    assert res.unmet == ()


def test_options_unmet_and_age_reason(eco: Ecosystem) -> None:
    small_area(eco)
    p = Profile(area_id=N1, min_age=16, max_age=17, needs=("family", "offending"))
    res = eco.options(p, today=TODAY)
    assert res.unmet == ("family", "offending")
    fam = _need(res, "family")
    assert fam.not_eligible[0].service_id == "FAMILY"
    assert fam.not_eligible[0].reasons == ("Only for people aged 18 and over",)


def test_options_client_with_no_needs(eco: Ecosystem) -> None:
    small_area(eco)
    res = eco.options(Profile(area_id=N1), today=TODAY)
    assert res.needs == () and res.unmet == ()


def test_options_no_services_at_all(eco: Ecosystem) -> None:
    load(eco, {"areas": [{"id": "E1", "name": "Empty", "level": "place"}]})
    res = eco.options(Profile(area_id="E1", needs=("housing",)), today=TODAY)
    assert res.unmet == ("housing",)


def test_service_ending_today_is_open_today_not_tomorrow(eco: Ecosystem) -> None:
    small_area(eco)
    p = Profile(area_id=N1, needs=("money",))
    assert [o.service_id for o in eco.options(p, today=TODAY).needs[0].options] \
        == ["DEBT"]
    later = eco.options(p, today=TODAY + dt.timedelta(days=1))
    assert later.unmet == ("money",)


def test_options_for_an_existing_person(eco: Ecosystem) -> None:
    small_area(eco)
    load(eco, journeys_rows())
    from ecosystem.importers.pseudonymise import pseudonym

    pid = pseudonym("esa-0", eco.settings.resolve_pseudonym_key())
    res = eco.options(person_id=pid, today=TODAY)
    assert [n.domain for n in res.needs] == ["money", "work"]
    work = _need(res, "work")
    assert {o.service_id: o.access.how for o in work.options}["IPS"] == "already using"


def test_routes_shortest_first_and_cycles_harmless(eco: Ecosystem) -> None:
    small_area(eco)
    res = eco.route("HF", from_ids=["GP"])
    # GP -> CMHT -> IPS -> CMHT -> HF would visit the CMHT twice: not a route.
    assert [r.hops for r in res.routes] == [2, 2]
    assert {r.text for r in res.routes[:2]} == {
        "GP practice -> Community mental health team -> Housing First",
        "GP practice -> Council housing advice -> Housing First"}
    assert res.routes[0].steps[1].note in {"GP referral", None}
    none = eco.route("GP", from_ids=["HF"])
    assert none.routes == () and none.self_referral


def test_route_to_unknown_area_service(eco: Ecosystem) -> None:
    small_area(eco)
    res = eco.route("SUPPORTED", from_ids=["WARD"])
    assert [s.service_id for s in res.routes[0].steps] == ["WARD", "HF", "SUPPORTED"]
    assert PLACE2  # supported housing serves another place: the route still exists


def test_every_benefit_the_client_gets_counts(eco: Ecosystem) -> None:
    # Issue 14: benefits were a single choice, so a client with ESA and PIP could not be
    # matched to a service for PIP recipients.
    rows = base_rows()
    rows["services"].append(service("PIPHELP", "PIP peer group", "PR-VCS", PLACE1, "money",
                                    "information", kind="advice", self_referral="yes",
                                    benefit_status="pip"))
    load(eco, rows)
    both = eco.options(Profile(area_id=N1, needs=("money",), benefits=("esa", "pip")),
                       today=TODAY)
    assert "PIPHELP" in [o.service_id for o in both.needs[0].options]
    esa = eco.options(Profile(area_id=N1, needs=("money",), benefits=("esa",)), today=TODAY)
    assert [n.reasons for n in esa.needs[0].not_eligible if n.service_id == "PIPHELP"]


def _work_rows() -> dict[str, Any]:
    rows = base_rows()
    for s in rows["services"]:
        if s["id"] == "IPS":
            s["referral_from"] = "cmht"
    rows["services"] += [
        service("JOBCLUB", "Job club", "PR-VCS", PLACE1, "work", "information",
                kind="community", self_referral="yes", waiting_days=1),
        service("WARDWORK", "Ward vocational rehab", "PR-NHS", PLACE1, "work", "care",
                kind="ward", self_referral="yes", housing_status="inpatient"),
    ]
    return rows


def test_no_known_route_never_buries_the_best_evidenced_option(eco: Ecosystem) -> None:
    # Issue 14: IPS (strong evidence) for a client with severe mental illness who wants
    # work came below an unevidenced job club, only because the map knows no route to it.
    load(eco, _work_rows())
    res = eco.options(Profile(area_id=N1, needs=("work",), severity="severe"), today=TODAY)
    opts = _need(res, "work").options
    assert [o.service_id for o in opts][:2] == ["IPS", "JOBCLUB"]
    ips = opts[0]
    assert not ips.access.reachable
    assert ips.access.text.startswith(
        "no known route on the map: ask the client's community mental health team (CMHT): "
        "IPS employment service takes referrals from them")
    # At the same evidence, a known route still comes first (DWPWORK: no route, no model).
    assert [o.service_id for o in opts][1:] == ["JOBCLUB", "DWPWORK"]


def test_an_inpatient_only_service_is_not_an_ordinary_option(eco: Ecosystem) -> None:
    load(eco, _work_rows())
    unknown = _need(eco.options(Profile(area_id=N1, needs=("work",)), today=TODAY), "work")
    assert "WARDWORK" not in [o.service_id for o in unknown.options]
    ward = unknown.in_care[0]
    assert ward.service_id == "WARDWORK"
    assert ward.checks == ("Only for people in hospital now: check before referring",)
    inpatient = _need(eco.options(Profile(area_id=N1, needs=("work",),
                                          housing_status="inpatient"), today=TODAY), "work")
    assert "WARDWORK" in [o.service_id for o in inpatient.options]
    assert inpatient.in_care == ()
