"""Directory search on the demo area: synonyms people type, ranking, filters, suggestions."""

from __future__ import annotations

import pytest
from conftest import ensure_user, sign_in_client

from ecosystem import Ecosystem


@pytest.fixture(scope="module")
def web(demo: Ecosystem):  # type: ignore[no-untyped-def]
    """A client signed in as a viewer, on the demo area (the `client` fixture clears it)."""
    from web import create_app

    app = create_app(demo.settings, demo)
    app.config.update(TESTING=True)
    c = app.test_client()
    sign_in_client(c, ensure_user(demo, "test-search-viewer", "viewer"))
    return c


def _services(demo: Ecosystem, q: str) -> list[str]:
    return [h.name for h in demo.search(q) if h.kind == "service"]


@pytest.mark.parametrize("q", ["homeless", "benefits"])
def test_words_people_type_find_services(demo: Ecosystem, q: str) -> None:
    assert _services(demo, q), f"{q!r} finds no service"


def test_synonyms_find_the_services_people_mean(demo: Ecosystem) -> None:
    homeless = _services(demo, "homeless")
    assert "Housing First Northvale" in homeless
    assert "Ashcombe Housing Options and Advice" in homeless
    benefits = _services(demo, "benefits")
    assert "Welfare Rights Service" in benefits
    assert "Brindlemouth Money and Debt Advice" in benefits
    debt = _services(demo, "debt")
    assert "Mental Health Breathing Space Advice" in debt
    job = _services(demo, "job")
    assert "Ashcombe IPS Employment Service" in job
    assert {"Brightside Job Coaching", "Brindlemouth Pathways to Work"} <= set(job)


def test_search_is_ranked_best_match_first(demo: Ecosystem) -> None:
    # The word in the name beats a synonym; a synonym in the name beats a life domain.
    job = _services(demo, "job")
    assert job[0] == "Brightside Job Coaching"
    debt = _services(demo, "debt")
    assert all("Debt" in n for n in debt[:3]), debt[:5]
    assert debt.index("Brindlemouth Money and Debt Advice") < debt.index(
        "Brindlemouth Local Welfare and Hardship Fund")


def test_search_results_take_filters(demo: Ecosystem) -> None:
    ashcombe = {h.name for h in demo.search("homeless", filters={"area": "E06000902"})}
    assert "Housing First Northvale" in ashcombe  # for the whole ICB, so for Ashcombe too
    assert not any(n.startswith("Brindlemouth") for n in ashcombe)
    self_ref = {h.kind for h in demo.search("homeless", filters={"self_referral": "yes"})}
    assert self_ref == {"service"}  # with filters, only services
    assert "Housing First Northvale" not in {
        h.name for h in demo.search("homeless", filters={"self_referral": "yes"})}


def test_words_match_across_a_service_and_its_place(demo: Ecosystem) -> None:
    # "Kelderby" is the place, "debt" the service: both must match, through different nodes.
    hits = _services(demo, "debt kelderby")
    assert hits[0] == "Kelderby Money and Debt Advice"
    assert not any(n.startswith(("Ashcombe", "Brindlemouth")) for n in hits)


def test_a_place_finds_services_serving_it_the_areas_within_it_or_around_it(
        demo: Ecosystem) -> None:
    """A place's name matches services serving it, an area within it, or an area it is part
    of (walked out from the place: it once tried every area in the map against each match)."""
    hits = _services(demo, "welfare kelderby")
    assert {"Welfare Rights Service", "Kelderby Local Welfare and Hardship Fund"} <= set(hits)
    assert not any(n.startswith(("Ashcombe", "Brindlemouth")) for n in hits)
    debt = {n for n in _services(demo, "debt northvale") if "Money and Debt Advice" in n}
    assert debt == {f"{p} Money and Debt Advice" for p in ("Brindlemouth", "Ashcombe",
                                                           "Kelderby")}


def test_search_page_shows_words_and_filters(web) -> None:  # type: ignore[no-untyped-def]
    resp = web.get("/search", query_string={"q": "homeless", "area": "E06000902"})
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert '<a href="/services/icb-hf">Housing First Northvale</a>' in html
    assert "Service: Housing support, Harbour Homes Housing Association" in html
    assert "Only services that match the filters are shown." in html
    assert 'data-suggest-url="/search/suggest"' in html
    assert "suggest.js" in html and "<script>" not in html
    assert web.get("/search?q=homeless&status=nope").status_code == 400


def test_suggestions_endpoint_returns_json(web) -> None:  # type: ignore[no-untyped-def]
    resp = web.get("/search/suggest?q=benef")
    assert resp.status_code == 200 and resp.is_json
    data = resp.get_json()["suggestions"]
    assert 0 < len(data) <= 8
    assert {"name", "kind", "detail", "url"} <= set(data[0])
    assert any(s["name"] == "Welfare Rights Service" and s["url"] == "/services/icb-welfare"
               for s in data)
    assert web.get("/search/suggest?q=b").get_json() == {"suggestions": []}


def test_suggestions_need_signing_in(demo: Ecosystem) -> None:
    from web import create_app

    app = create_app(demo.settings, demo)
    resp = app.test_client().get("/search/suggest?q=housing")
    assert resp.status_code in (302, 401)


def test_search_looks_in_eligibility(demo: Ecosystem) -> None:
    assert "Step-down Supported Housing" in _services(demo, "inpatient")
    assert "Brightside Job Coaching" in _services(demo, "esa")
