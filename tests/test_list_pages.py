"""Long lists get pages of their own (issue 18): the stewardship worklist, the services list
and the caseload show one page (ecosystem/paging.py), read only that page from the graph, and
keep their totals, summaries and filters whole-list and across pages."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import pytest
from builders import PLACE1, PLACE2, base_rows, load, service
from conftest import SMALL_AREA
from flask.testing import FlaskClient
from test_stewardship import editor

from ecosystem import Ecosystem, dates
from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.paging import page

TODAY = dates.today()
HUGE = "9" * 30  # a page number no query's SKIP could take
ROW = re.compile(r'<tr class="nhsuk-table__row" data-service="([^"]+)"')


def text(resp: Any) -> str:
    html = str(resp.get_data(as_text=True))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.no_neo4j
def test_page_numbers_are_kept_within_the_list() -> None:
    assert (page(None, 120).number, page(None, 120).pages) == (1, 3)
    third = page(3, 120)
    assert (third.skip, third.first, third.last, third.next, third.previous) == \
        (100, 101, 120, None, 2)
    assert page(9, 120).number == 3 and page(0, 120).number == 1 and page(-4, 120).number == 1
    empty = page(2, 0)
    assert (empty.number, empty.pages, empty.first, empty.last) == (1, 1, 0, 0)
    assert page(2, 100).last == 100 and page(2, 100).next is None


# --- The stewardship worklist ----------------------------------------------------------------

def many_stale(n: int) -> dict[str, list[dict[str, Any]]]:
    """The builders' area (every service fresh) and `n` stale services, S000 the oldest;
    the even ones in Place One by Test Charity, the odd ones in Place Two by Test Council."""
    rows = base_rows()
    for s in rows["services"]:
        s["last_verified"] = (TODAY - dt.timedelta(days=10)).isoformat()
    for i in range(n):
        even = i % 2 == 0
        rows["services"].append(service(
            f"S{i:03d}", f"Stale service {i:03d}", "PR-VCS" if even else "PR-LA",
            PLACE1 if even else PLACE2, "housing", "information",
            last_verified=(TODAY - dt.timedelta(days=2000 - i)).isoformat()))
    return rows


def test_the_worklist_shows_one_page_and_whole_worklist_counts(eco: Ecosystem,
                                                                client: FlaskClient) -> None:
    load(eco, many_stale(120))
    first = client.get("/stewardship")
    html = first.get_data(as_text=True)
    assert ROW.findall(html) == [f"S{i:03d}" for i in range(50)]
    words = text(first)
    assert "120 stale entries" in words
    assert "Showing 1 to 50 of 120 stale entries" in words
    assert "Next page : Page 2 of 3" in words and "Previous page" not in words
    by_provider = dict(re.findall(r'data-provider="([^"]+)">\s*<td[^>]*><a[^>]*>[^<]+</a></td>'
                                  r'\s*<td[^>]*>(\d+)</td>', html))
    assert by_provider == {"PR-VCS": "60", "PR-LA": "60"}
    by_area = dict(re.findall(r'data-area="([^"]+)">\s*<td[^>]*><a[^>]*>[^<]+</a></td>'
                              r'\s*<td[^>]*>(\d+)</td>', html))
    assert by_area == {PLACE1: "60", PLACE2: "60"}
    assert 'aria-label="Pages of stale entries"' in html

    second = client.get("/stewardship?page=2")
    assert ROW.findall(second.get_data(as_text=True)) == [f"S{i:03d}" for i in range(50, 100)]
    words = text(second)
    assert "Showing 51 to 100 of 120 stale entries" in words
    assert "Previous page : Page 1 of 3" in words and "Next page : Page 3 of 3" in words
    assert "120 stale entries" in words

    last = [f"S{i:03d}" for i in range(100, 120)]
    for bad in ("99", "abc", "0", "-1", "2.5", HUGE):
        resp = client.get(f"/stewardship?page={bad}")
        assert resp.status_code == 200, bad
        want = last if bad in ("99", HUGE) else [f"S{i:03d}" for i in range(50)]
        assert ROW.findall(resp.get_data(as_text=True)) == want, bad


def test_still_correct_goes_back_to_the_same_page(eco: Ecosystem, client: FlaskClient) -> None:
    load(eco, many_stale(60))
    html = client.get("/stewardship?page=2").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token
    resp = client.post("/stewardship/verify/S055", data={"csrf_token": token.group(1),
                                                         "back": "worklist", "page": "2"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/stewardship?page=2")
    after = client.get("/stewardship?page=2").get_data(as_text=True)
    assert ROW.findall(after) == [f"S{i:03d}" for i in range(50, 60) if i != 55]


def test_a_provider_editors_worklist_pages_their_own(eco: Ecosystem, login: Any) -> None:
    load(eco, many_stale(120))
    _, keeper = editor(eco, login, ["PR-LA"])
    words = text(keeper.get("/stewardship?page=2"))
    assert "Showing 51 to 60 of 60 stale entries" in words


# --- The services list -----------------------------------------------------------------------

def by_name(rows: dict[str, list[dict[str, Any]]], provider: str | None = None) -> list[str]:
    """The services' ids in the list's order (by name, then id), of `provider` or all."""
    chosen = [s for s in rows["services"] if provider in (None, s["provider_id"])]
    return [s["id"] for s in sorted(chosen, key=lambda s: (s["name"], s["id"]))]


def next_link(html: str) -> str:
    m = re.search(r'href="([^"]+)" rel="next"', html)
    assert m, "no next page link"
    return m.group(1).replace("&amp;", "&")


def test_the_services_list_shows_one_page_and_downloads_every_row(
        eco: Ecosystem, client: FlaskClient) -> None:
    rows = many_stale(120)
    load(eco, rows)
    order = by_name(rows)
    assert len(order) == 132
    first = client.get("/services")
    html = first.get_data(as_text=True)
    assert ROW.findall(html) == order[:50]
    words = text(first)
    assert "132 services" in words and "Showing 1 to 50 of 132 services" in words
    assert "Next page : Page 2 of 3" in words
    assert 'aria-label="Pages of services"' in html
    second = client.get(next_link(html))
    assert ROW.findall(second.get_data(as_text=True)) == order[50:100]
    assert "Showing 51 to 100 of 132 services" in text(second)
    for past in ("99", HUGE):
        resp = client.get(f"/services?page={past}")
        assert resp.status_code == 200 and ROW.findall(resp.get_data(as_text=True)) == \
            order[100:], past
    for bad in ("abc", "0", "-3", ""):
        resp = client.get(f"/services?page={bad}")
        assert resp.status_code == 200 and ROW.findall(resp.get_data(as_text=True)) == \
            order[:50], bad
    csv_lines = client.get("/services?format=csv&page=2").get_data(as_text=True).splitlines()
    assert len(csv_lines) == 1 + 132  # the header and every service, whatever the page


def test_the_services_filters_survive_paging(eco: Ecosystem, client: FlaskClient) -> None:
    rows = many_stale(120)
    load(eco, rows)
    council = by_name(rows, "PR-LA")
    assert len(council) == 63
    html = client.get("/services?provider=PR-LA&stale=yes").get_data(as_text=True)
    stale_council = [i for i in council if i.startswith("S")]
    assert ROW.findall(html) == stale_council[:50]
    link = next_link(html)
    assert "provider=PR-LA" in link and "stale=yes" in link and "page=2" in link
    second = client.get(link)
    assert ROW.findall(second.get_data(as_text=True)) == stale_council[50:]
    words = text(second)
    assert "Showing 51 to 60 of 60 services" in words and "Previous page : Page 1 of 2" in words
    assert "Next page" not in words
    csv = client.get("/services?provider=PR-LA&format=csv").get_data(as_text=True)
    assert len(csv.splitlines()) == 1 + 63


# --- The caseload ----------------------------------------------------------------------------

KEEPER = "pages-key-worker"
PERSON = re.compile(r'href="/key-worker/people/([^"]+)"')


def caseload_area(eco: Ecosystem, n: int) -> list[tuple[str, str]]:
    """SMALL_AREA with `n` people on KEEPER's caseload (even: a housing need, odd: money) and
    one on someone else's; each (pseudonym, need), in the caseload's order (by pseudonym)."""
    rows = copy.deepcopy(SMALL_AREA)
    rows["people"] = [{"person_ref": f"REF-{i:03d}", "age_band": "35-44",
                       "area_id": "E06000999", "needs": "housing" if i % 2 == 0 else "money",
                       "key_worker": KEEPER} for i in range(n)]
    rows["people"].append({"person_ref": "REF-OTHER", "age_band": "35-44",
                           "area_id": "E06000999", "needs": "money",
                           "key_worker": "someone-else"})
    load(eco, rows)
    key = eco.settings.resolve_pseudonym_key()
    return sorted((pseudonym(p["person_ref"], key), p["needs"]) for p in rows["people"][:n])


def test_the_caseload_shows_one_page_with_the_whole_caseloads_total(
        eco: Ecosystem, login: Any) -> None:
    people = [p for p, _ in caseload_area(eco, 120)]
    kw = login("key_worker", KEEPER)
    first = kw.get("/key-worker/caseload")
    html = first.get_data(as_text=True)
    assert PERSON.findall(html) == people[:50]
    words = text(first)
    assert "Showing 1 to 50 of 120 people, by identifier" in words
    assert "Next page : Page 2 of 3" in words
    assert 'aria-label="Pages of people"' in html
    second = kw.get(next_link(html))
    assert second.status_code == 200
    assert PERSON.findall(second.get_data(as_text=True)) == people[50:100]
    assert "Showing 51 to 100 of 120 people" in text(second)
    # The form page lists the caseload too, and says how many are on it.
    index = kw.get("/key-worker/")
    assert "Your caseload (120 people)" in text(index)
    assert PERSON.findall(index.get_data(as_text=True)) == people[:50]
    assert 'href="/key-worker/?page=2#caseload-heading"' in index.get_data(as_text=True)
    for bad, want in (("99", people[100:]), (HUGE, people[100:]), ("abc", people[:50]),
                      ("-2", people[:50])):
        resp = kw.get(f"/key-worker/caseload?page={bad}")
        assert resp.status_code == 200 and PERSON.findall(resp.get_data(as_text=True)) == \
            want, bad
    # An admin's caseload is everyone with a key worker.
    assert "Showing 1 to 50 of 121 people" in text(login("admin").get("/key-worker/caseload"))


def test_the_caseload_filters_and_search_survive_paging(eco: Ecosystem, login: Any) -> None:
    money = [p for p, need in caseload_area(eco, 120) if need == "money"]
    kw = login("key_worker", KEEPER)
    html = kw.get("/key-worker/caseload?need=money&area=E06000999").get_data(as_text=True)
    assert PERSON.findall(html) == money[:50]
    link = next_link(html)
    assert "need=money" in link and "area=E06000999" in link and "page=2" in link
    second = kw.get(link)
    assert PERSON.findall(second.get_data(as_text=True)) == money[50:]
    assert "Showing 51 to 60 of 60 people" in text(second)
    # The case reference search finds someone on any page; a miss shows the first page,
    # its links going to the caseload page (the search's answer is a POST).
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token
    found = kw.post("/key-worker/find", data={"csrf_token": token.group(1),
                                              "case_reference": "REF-119"})
    assert found.status_code == 303
    ref_119 = pseudonym("REF-119", eco.settings.resolve_pseudonym_key())
    assert found.headers["Location"].endswith(f"/key-worker/people/{ref_119}")
    missed = kw.post("/key-worker/find", data={"csrf_token": token.group(1),
                                               "case_reference": "REF-NOBODY"})
    assert missed.status_code == 404
    assert 'href="/key-worker/caseload?page=2#caseload-heading" rel="next"' in \
        missed.get_data(as_text=True)
