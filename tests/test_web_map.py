"""The home page's network map: filters, cohorts and referral routes, grouping."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from web.blueprints import home


def text(resp) -> str:  # type: ignore[no-untyped-def]
    return resp.get_data(as_text=True)


def node_names(html: str) -> list[str]:
    """The names in the text alternative's nodes table."""
    table = re.search(r"Nodes: .*?<tbody[^>]*>(.*?)</tbody>", html, re.S)
    assert table, "no nodes table"
    rows = re.findall(r"<tr[^>]*>\s*<td[^>]*>(.*?)</td>", table.group(1), re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", r)).strip() for r in rows]


def test_unfiltered_map_has_cohorts_and_referral_routes(client: FlaskClient,
                                                        riverside: Ecosystem) -> None:
    html = text(client.get("/"))
    assert "People leaving inpatient care with a housing need" in node_names(html)
    assert re.search(r"Housing First Riverside</td>\s*<td[^>]*>for cohort</td>", html)
    assert re.search(r"Housing First Riverside</td>\s*<td[^>]*>refers to</td>\s*"
                     r"<td[^>]*>Money and Debt Advice", html)
    assert '<select class="nhsuk-select" id="map-domain" name="domain">' in html
    assert '<label class="nhsuk-label" for="map-cohort">Cohort</label>' in html


def test_domain_filter_shows_only_those_services_and_their_links(
        client: FlaskClient, riverside: Ecosystem) -> None:
    resp = client.get("/?domain=work")
    assert resp.status_code == 200
    names = node_names(text(resp))
    assert sorted(names) == sorted(["IPS Employment Service", "Riverside NHS Foundation Trust",
                                    "Riverside ICB Commissioning"])
    assert '<option value="work" selected>' in text(resp)


@pytest.mark.parametrize("query, expect", [
    ("commissioner=comm-la", {"Housing First Riverside", "Money and Debt Advice",
                              "Riverside Mind", "Riverside Council",
                              "People leaving inpatient care with a housing need"}),
    ("cohort=coh-discharge", {"Housing First Riverside", "Riverside Mind", "Riverside Council",
                              "People leaving inpatient care with a housing need"}),
    ("source=specialist&support_type=care", {"IPS Employment Service",
                                             "Riverside NHS Foundation Trust",
                                             "Riverside ICB Commissioning"}),
    ("area=E54000099&domain=money", {"Money and Debt Advice", "Riverside Mind",
                                      "Riverside Council"}),
])
def test_other_filters(client: FlaskClient, riverside: Ecosystem, query: str,
                       expect: set[str]) -> None:
    resp = client.get(f"/?{query}")
    assert resp.status_code == 200
    assert set(node_names(text(resp))) == expect


def test_no_match_says_so(client: FlaskClient, riverside: Ecosystem) -> None:
    resp = client.get("/?domain=family")
    assert resp.status_code == 200
    assert "No services match these filters" in text(resp)


@pytest.mark.parametrize("query, field", [
    ("domain=nonsense", "domain"), ("area=E0000%27%20OR%201=1", "area"),
    ("commissioner=svc-hf", "commissioner"), ("group=provider", "group"),
])
def test_bad_filter_value_is_a_field_error(client: FlaskClient, riverside: Ecosystem,
                                           query: str, field: str) -> None:
    resp = client.get(f"/?{query}")
    assert resp.status_code in (200, 400)
    html = text(resp)
    assert "There is a problem" in html
    assert f'id="map-{field}-error"' in html
    assert "nhsuk-form-group--error" in html
    assert "The map as tables (8 nodes" in html  # the bad filter is ignored


def test_grouping_above_the_threshold(client: FlaskClient, riverside: Ecosystem,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home, "GROUP_THRESHOLD", 3)
    html = text(client.get("/"))
    assert "too many to read" in html
    assert node_names(html) == ["Riverside Borough (3 services)"]
    link = re.search(r'<a href="([^"]+)">Riverside Borough \(3 services\)</a>', html)
    assert link and "area=E06000999" in link.group(1)
    # The group link filters the map; still above the threshold here, so group by domain.
    html = text(client.get("/?group=domain"))
    assert set(node_names(html)) == {"Housing and homelessness (1 service)",
                                     "Work and education (1 service)",
                                     "Money and basic needs (1 service)"}
    link = re.search(r'<a href="([^"]+)">Work and education \(1 service\)</a>', html)
    assert link
    url = htmllib.unescape(link.group(1))
    assert "domain=work" in url and "group=domain" in url
    monkeypatch.setattr(home, "GROUP_THRESHOLD", 150)
    assert sorted(node_names(text(client.get(url)))) == sorted([
        "IPS Employment Service", "Riverside NHS Foundation Trust",
        "Riverside ICB Commissioning"])


def test_group_link_filters_by_area(client: FlaskClient, riverside: Ecosystem,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home, "GROUP_THRESHOLD", 3)
    html = text(client.get("/?domain=housing"))  # 4 nodes: grouped
    link = re.search(r'<a href="([^"]+)">Riverside Borough \(1 service\)</a>', html)
    assert link
    url = htmllib.unescape(link.group(1))
    assert "area=E06000999" in url and "domain=housing" in url
    monkeypatch.setattr(home, "GROUP_THRESHOLD", 10)
    names = node_names(text(client.get(url)))
    assert "Housing First Riverside" in names and "IPS Employment Service" not in names


def test_grouped_page_does_not_read_every_node(client: FlaskClient, riverside: Ecosystem,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the threshold the page shows groups counted in Cypher, never the full map."""
    from ecosystem.directory import pages as directory

    def refuse(*a: object, **k: object) -> None:
        raise AssertionError("map_network read on a grouped map")

    monkeypatch.setattr(home, "GROUP_THRESHOLD", 3)
    monkeypatch.setattr(directory, "map_network", refuse)
    html = text(client.get("/"))
    assert "This map would have 8 nodes, too many to read" in html
    assert node_names(html) == ["Riverside Borough (3 services)"]


def test_one_area_map_too_big_is_grouped_by_domain(client: FlaskClient, riverside: Ecosystem,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Grouping a map of one area by area would give one group linking to itself: it is
    grouped by life domain instead, and one area and one domain is drawn whole."""
    monkeypatch.setattr(home, "GROUP_THRESHOLD", 3)
    html = text(client.get("/?area=E06000999&group=area"))
    assert set(node_names(html)) == {"Housing and homelessness (1 service)",
                                     "Work and education (1 service)",
                                     "Money and basic needs (1 service)"}
    assert "by life domain (the filters already keep one area)" in html
    html = text(client.get("/?domain=housing&group=domain"))
    assert node_names(html) == ["Riverside Borough (1 service)"]
    html = text(client.get("/?area=E06000999&domain=housing"))  # 4 nodes, drawn whole
    assert "Housing First Riverside" in node_names(html)
    assert "This map has 4 nodes, more than can be read at once" in html


def test_nodes_are_listed_as_links_beside_the_map(client: FlaskClient,
                                                  riverside: Ecosystem) -> None:
    html = text(client.get("/"))
    listed = re.search(r'id="area-map-links".*?</ul>', html, re.S)
    assert listed, "no list of the map's nodes"
    assert '<a href="/services/svc-hf">Housing First Riverside</a>' in listed.group(0)
    assert len(re.findall(r"<li>", listed.group(0))) == len(node_names(html))


def test_beyond_the_most_groups_the_rest_are_one(client: FlaskClient, riverside: Ecosystem,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A nation's map has over a thousand places: the largest groups are drawn, and one
    more for all the others, which says how many and how to reach one (the area filter)."""
    monkeypatch.setattr(home, "GROUP_THRESHOLD", 1)
    every = node_names(text(client.get("/?group=domain")))
    assert len(every) == 3
    monkeypatch.setattr(home, "MAX_GROUPS", 2)
    shown = node_names(text(client.get("/?group=domain")))
    assert len(shown) == 2 and shown[0] in every
    assert shown[1] == "2 other life domains: choose one with the life domain filter (2 services)"
