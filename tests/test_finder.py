"""The public find-support page (issue 14, "start from the individual, literally"): off
until an admin switches it on, open without signing in, only services a person can refer
themselves to, from the public catalogue, limited per address."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask

from ecosystem import Ecosystem
from ecosystem.accounts import audit
from web import choosing


@pytest.fixture
def finder_on(riverside: Ecosystem) -> Iterator[Ecosystem]:
    riverside.set_public_finder(True, "test")
    try:
        yield riverside
    finally:
        riverside.set_public_finder(False, "test")


def _token(client) -> str:  # type: ignore[no-untyped-def]
    m = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/admin/public").get_data(True))
    assert m
    return m.group(1)


def test_off_until_an_admin_switches_it_on(riverside: Ecosystem, app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    anon = app.test_client()
    assert anon.get("/find-support").status_code == 404
    try:
        resp = client.post("/admin/public", data={"csrf_token": _token(client), "finder": "on"})
        assert resp.status_code == 302
        page = anon.get("/find-support")
        assert page.status_code == 200
        assert "Where do you live?" in page.get_data(as_text=True)
        entry = next(e for e in audit.entries(riverside.graph)
                     if e.action == "setting.public_finder")
        assert entry.detail == "on"
    finally:
        client.post("/admin/public", data={"csrf_token": _token(client), "finder": "off"})
    assert anon.get("/find-support").status_code == 404


@pytest.mark.signed_in_as("commissioner")
def test_only_admins_switch_it(riverside: Ecosystem, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/admin/public").status_code == 403


def test_shows_services_a_person_can_refer_themselves_to(finder_on: Ecosystem,
                                                         app: Flask) -> None:
    anon = app.test_client()
    resp = anon.get("/find-support?area=E06000999&age=30&help=money&help=housing&help=work")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    results = html.split('id="results"', 1)[1]
    assert "Money and Debt Advice" in results and "IPS Employment Service" in results
    # Housing First takes referrals only: not offered to the public, and the need says so.
    assert "Housing First Riverside" not in results
    housing = results.split("<h3>Housing and homelessness</h3>", 1)[1].split("<h3>", 1)[0]
    assert "did not find a service you can contact yourself" in housing
    # The public catalogue only: no cohorts, contracts, money or capacity.
    for private in ("coh-discharge", "People leaving inpatient care", "£", "con-1",
                    "Riverside Council", "capacity"):
        assert private not in results


def test_bad_answers_are_said_plainly(finder_on: Ecosystem, app: Flask) -> None:
    resp = app.test_client().get("/find-support?area=nowhere&age=abc")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "There is a problem" in html
    for message in ("Choose where you live from the list",
                    "Enter your age in years, like 34, or leave it empty",
                    "Choose at least one thing you would like help with"):
        assert message in html


def test_searches_are_limited_per_address(finder_on: Ecosystem, app: Flask) -> None:
    anon = app.test_client()
    anon.environ_base["REMOTE_ADDR"] = "198.51.100.23"
    url = "/find-support?area=E06000999&help=money"
    codes = [anon.get(url).status_code for _ in range(21)]
    assert codes[:20] == [200] * 20 and codes[20] == 429
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.24"
    assert other.get(url).status_code == 200


@pytest.fixture
def long_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every list counts as long (the small directory has two areas, a nation 5,000)."""
    monkeypatch.setattr(choosing, "LONG_LIST", 0)


def test_a_long_list_of_areas_is_typed_with_public_suggestions(finder_on: Ecosystem,
                                                               app: Flask,
                                                               long_lists: None) -> None:
    anon = app.test_client()
    anon.environ_base["REMOTE_ADDR"] = "198.51.100.31"
    html = anon.get("/find-support").get_data(as_text=True)
    assert not re.search(r'<select[^>]*name="area"', html)
    box = re.findall(r'<input[^>]*name="area"[^>]*>', html)
    assert len(box) == 1 and 'data-suggest-url="/find-support/areas"' in box[0]
    home = next(a for a in finder_on.client_areas() if a.id == "E06000999")
    # Suggestions need no sign-in and name areas below the ICB only.
    hits = anon.get(f"/find-support/areas?q={home.name[:4].lower()}").get_json()["suggestions"]
    assert home.name in [h["name"] for h in hits]
    icb = next(a for a in finder_on.client_areas() if a.level == "icb")
    hits = anon.get(f"/find-support/areas?q={icb.name}").get_json()["suggestions"]
    assert icb.name not in [h["name"] for h in hits]
    # The name typed is read as the area.
    resp = anon.get(f"/find-support?area={home.name.upper()}&help=money")
    assert resp.status_code == 200
    assert "Money and Debt Advice" in resp.get_data(as_text=True).split('id="results"', 1)[1]
    # A name for no area says so, and keeps what was typed.
    resp = anon.get("/find-support?area=Nowhereshire&help=money")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "No area is called Nowhereshire" in html and 'value="Nowhereshire"' in html


def test_area_suggestions_are_off_with_the_page_and_limited(riverside: Ecosystem,
                                                            app: Flask) -> None:
    anon = app.test_client()
    assert anon.get("/find-support/areas?q=ri").status_code == 404
    riverside.set_public_finder(True, "test")
    try:
        anon.environ_base["REMOTE_ADDR"] = "198.51.100.32"
        codes = [anon.get("/find-support/areas?q=ri").status_code for _ in range(121)]
        assert codes[:120] == [200] * 120 and codes[120] == 429
    finally:
        riverside.set_public_finder(False, "test")
