"""A long list (a nation's 5,000 areas, 4,000 providers) is a text box with suggestions, not
a select of thousands (web/choosing.py): what is typed (a name in any case, a code, or
"Name (code)" for a name two entries share) is read back as the entry's id, and a name that
names nothing, or more than one, is an error saying so. Lists up to LONG_LIST stay selects."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from ecosystem import Ecosystem, dates
from web import choosing


@dataclass(frozen=True)
class Opt:
    id: str
    name: str


OPTIONS = [Opt("E1", "Leeds"), Opt("W1", "Headingley"), Opt("W2", "Hyde Park"),
           Opt("W3", "Park Ward"), Opt("X1", "Park Ward")]


def test_what_is_typed_is_read_as_an_id() -> None:
    assert choosing.read("E1", OPTIONS, "area") == ("E1", None)
    assert choosing.read("  leeds ", OPTIONS, "area") == ("E1", None)
    assert choosing.read("Hyde   park", OPTIONS, "area") == ("W2", None)
    assert choosing.read("Park Ward (X1)", OPTIONS, "area") == ("X1", None)
    assert choosing.read("", OPTIONS, "area") == (None, None)


def test_a_name_for_nothing_or_for_several_is_an_error_saying_so() -> None:
    found, problem = choosing.read("Leads", OPTIONS, "area")
    assert found is None and problem == ("No area is called Leads. Check the spelling, or "
                                         "start typing and choose from the list")
    found, problem = choosing.read("park ward", OPTIONS, "area")
    assert found is None and problem is not None
    assert "More than one area is called park ward" in problem and "W3, X1" in problem


def test_a_shared_name_is_shown_and_offered_with_its_code() -> None:
    assert choosing.shown(OPTIONS, "W3") == "Park Ward (W3)"
    assert choosing.shown(OPTIONS, "E1") == "Leeds"
    assert choosing.shown(OPTIONS, None) == ""
    hits = choosing.suggest(OPTIONS, "park", lambda o: None)
    # names starting with what was typed first, then the others, alphabetically
    assert [h["name"] for h in hits] == ["Park Ward (W3)", "Park Ward (X1)", "Hyde Park"]
    assert choosing.suggest(OPTIONS, "park", lambda o: None, limit=1) == [
        {"name": "Park Ward (W3)", "detail": None}]
    # every suggestion reads back as the entry it names
    for hit, want in zip(hits, ("W3", "X1", "W2"), strict=True):
        assert choosing.read(str(hit["name"]), OPTIONS, "area") == (want, None)


@pytest.fixture
def long_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every list with more than two entries counts as long (the demo has dozens, a nation
    thousands)."""
    monkeypatch.setattr(choosing, "LONG_LIST", 2)


def _box(html: str, name: str) -> str:
    boxes = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert len(boxes) == 1, boxes
    return boxes[0]


def test_a_long_list_is_a_text_box_and_a_short_one_a_select(demo: Ecosystem, client,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    html = client.get("/commissioner/overlaps").get_data(as_text=True)
    assert '<select class="nhsuk-select" id="area" name="area"' in html
    monkeypatch.setattr(choosing, "LONG_LIST", 2)
    html = client.get("/commissioner/overlaps").get_data(as_text=True)
    assert not re.search(r'<select[^>]*name="area"', html)
    box = _box(html, "area")
    assert 'type="text"' in box and 'data-suggest-url="/choices/areas"' in box
    assert "aria-describedby=\"area-choice-hint\"" in box


def test_an_area_typed_by_name_filters_as_its_code_does(demo: Ecosystem, client,  # type: ignore[no-untyped-def]
                                                        long_lists: None) -> None:
    area = next(a for a in demo.area_choices() if demo.funding(a.id).flows)
    total = f"£{demo.funding(area.id, dates.today()).total:,.0f}"
    by_name = client.get("/commissioner/funding", query_string={"area": area.name.upper()})
    html = by_name.get_data(as_text=True)
    assert by_name.status_code == 200 and total in html
    assert f'value="{area.name}"' in _box(html, "area")  # shown back as its name
    wrong = client.get("/commissioner/funding", query_string={"area": "Nowhere at all"})
    html = wrong.get_data(as_text=True)
    assert "No area is called Nowhere at all" in html
    assert 'value="Nowhere at all"' in _box(html, "area")  # what was typed, to correct


def test_the_services_list_and_the_map_read_filters_by_name(demo: Ecosystem, client,  # type: ignore[no-untyped-def]
                                                            long_lists: None) -> None:
    providers = demo.service_list_options()["provider"]
    busiest = max(providers, key=lambda p: demo.service_list_page({"provider": p.id}).page.total)
    by_id = demo.service_list_page({"provider": busiest.id}).page.total
    html = client.get("/services", query_string={"provider": busiest.name}).get_data(
        as_text=True)
    assert f"{by_id} service" in html and 'data-suggest-url="/choices/list-provider"' in html
    html = client.get("/", query_string={"area": "Nowhere at all"}).get_data(as_text=True)
    assert "No area is called Nowhere at all" in html
    assert 'data-suggest-url="/choices/map-area"' in html


def test_suggestions_come_from_the_list_the_box_stands_for(demo: Ecosystem, client) -> None:  # type: ignore[no-untyped-def]
    area = demo.area_choices()[0]
    got = client.get("/choices/areas", query_string={"q": area.name[:4]}).get_json()
    names = [s["name"] for s in got["suggestions"]]
    assert area.name in names and len(names) <= choosing.SUGGESTIONS
    assert all(choosing.read(n, demo.area_choices(), "area")[1] is None for n in names)
    assert client.get("/choices/areas", query_string={"q": "a"}).get_json() == {
        "suggestions": []}  # one letter: too soon
    assert client.get("/choices/no-such-list?q=ab").status_code == 404
    assert client.get("/choices/list-nothing?q=ab").status_code == 404


def test_suggestions_need_a_signed_in_user(demo: Ecosystem, app) -> None:  # type: ignore[no-untyped-def]
    response = app.test_client().get("/choices/areas?q=ri")
    assert response.status_code in (302, 303, 401)


def test_a_key_worker_types_the_clients_area(demo: Ecosystem, login,  # type: ignore[no-untyped-def]
                                             long_lists: None) -> None:
    worker = login("key_worker")
    html = worker.get("/key-worker/").get_data(as_text=True)
    boxes = re.findall(r'<input[^>]*name="area"[^>]*>', html)  # the form's, the caseload's
    assert len(boxes) == 2 and all('data-suggest-url="/choices/client-areas"' in b
                                   for b in boxes)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token is not None
    area = demo.client_areas()[0]
    page = worker.post("/key-worker/options", data={"area": area.name.lower(),
                                                     "needs": ["housing"],
                                                     "csrf_token": token[1]})
    assert page.status_code == 303, page.get_data(as_text=True)[:500]
    back = worker.get("/key-worker/change").get_data(as_text=True)
    assert f'value="{choosing.shown(demo.client_areas(), area.id)}"' in back
    wrong = worker.post("/key-worker/options", data={"area": "Nowhere at all",
                                                      "needs": ["housing"],
                                                      "csrf_token": token[1]})
    assert wrong.status_code == 400
    assert "No area is called Nowhere at all" in wrong.get_data(as_text=True)
    listed = worker.get("/key-worker/caseload", query_string={"area": "Nowhere at all"})
    assert "No area is called Nowhere at all" in listed.get_data(as_text=True)
