"""The commissioner pages on the demo area: the planted findings show, every table downloads
as a CSV that parses and cannot run formulas, forms answer mistakes by the field, and the
pages are for the aggregate roles only.

Uses the read-only `demo` graph only (never `eco`, which would clear the demo); `client` is
signed in as a commissioner.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ensure_user, sign_in_client
from flask import Flask
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.analyses.suppression import Count
from web import create_app
from web.tables import Table, csv_response, people, safe, text

pytestmark = [pytest.mark.usefixtures("demo"), pytest.mark.signed_in_as("commissioner")]

PAGES = ["/commissioner/", "/commissioner/overlaps", "/commissioner/orphans",
         "/commissioner/coverage", "/commissioner/funding", "/commissioner/pathway",
         "/commissioner/what-if", "/commissioner/contracts"]


@pytest.fixture(scope="module")
def demo_app(demo: Ecosystem) -> Flask:
    app = create_app(demo.settings, demo)
    app.config.update(TESTING=True)
    return app


@pytest.fixture(scope="module")
def as_role(demo_app: Flask, demo: Ecosystem):  # type: ignore[no-untyped-def]
    clients: dict[str, FlaskClient] = {}

    def _client(role: str) -> FlaskClient:
        if role not in clients:
            user = ensure_user(demo, f"test-comm-{role.replace('_', '-')}", role)
            c = demo_app.test_client()
            sign_in_client(c, user)
            clients[role] = c
        return clients[role]

    return _client


def html(client: FlaskClient, path: str, status: int = 200) -> str:
    resp = client.get(path)
    assert resp.status_code == status, (path, resp.status_code)
    return resp.get_data(as_text=True)


def table(page: str, table_id: str) -> list[list[str]]:
    """The rows of one table on a page, as the text of their cells."""
    m = re.search(rf'<table[^>]*data-table="{table_id}".*?</table>', page, re.S)
    assert m, f"no table {table_id}"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(0), re.S)[1:]
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def download(client: FlaskClient, path: str) -> list[list[str]]:
    resp = client.get(path)
    assert resp.status_code == 200, path
    assert resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig"))))


def csv_links(page: str) -> list[str]:
    return [u.replace("&amp;", "&") for u in re.findall(r'href="([^"]*format=csv[^"]*)"', page)]


# --- The planted findings ---------------------------------------------------------------------

def test_index_links_every_view(client: FlaskClient) -> None:
    page = html(client, "/commissioner/")
    for path in PAGES[1:]:
        assert f'href="{path}"' in page, path
    assert 'aria-current="page"' in page  # "Commissioner" is the current menu item
    assert ("1 cluster of possible duplicates (3 pairs), 1 paid for by different "
            "commissioners; the largest £346,000 a year combined") in page
    assert "1 orphaned cohort need, 2 under-served, 1 losing every service within 6 months" \
        in page
    assert "£10,001,700 a year in current contracts; 14 services take half" in page


def test_overlaps_show_the_three_payers_duplicate_ranked_by_money(client: FlaskClient) -> None:
    page = html(client, "/commissioner/overlaps")
    (cluster,) = table(page, "clusters")  # the trio, its money counted once
    assert all(n in cluster[0] for n in ("WorkWell", "Brightside", "Pathways to Work"))
    assert cluster[5:8] == ["Yes", "3", "£346,000"]
    clusters_csv = download(client, "/commissioner/overlaps?format=csv&table=clusters")
    assert clusters_csv[1][7] == "346000" and "each service counted once" in clusters_csv[1][8]
    # The place filter: the trio is in Brindlemouth, not in Kelderby.
    assert len(table(html(client, "/commissioner/overlaps?area=E06000901"), "clusters")) == 1
    assert table(html(client, "/commissioner/overlaps?area=E06000903"), "clusters") == [
        ["No two active services overlap."]]
    assert "Choose an area from the list" in html(client, "/commissioner/overlaps?area=nope")
    rows = table(page, "catalogue")
    assert len(rows) == 3
    pairs = [r[0] + " / " + r[1] for r in rows]
    assert all("WorkWell" in p or "Brightside" in p or "Pathways to Work" in p for p in pairs)
    assert [r[3] for r in rows] == ["£258,000", "£256,000", "£178,000"]  # largest first
    assert all(r[2] == "Yes" for r in rows)  # different commissioners pay
    assert "esa-wrag-b" not in rows[0][4]  # the why names the cohort, not its id
    assert "both for the cohort ESA work-related activity group" in rows[0][4]
    assert "National Lottery Community Fund, £90,000" in rows[0][4]  # who pays, how much
    # The CSV has every field, including those the page leaves to the why.
    full = download(client, "/commissioner/overlaps?format=csv&table=catalogue")
    assert full[0][2:5] == ["Life domain", "Type of support", "Basis"]
    assert full[1][2] == "Work and education" and full[1][7] == "258000"
    doubling = table(page, "doubling")
    ww_bs = [r for r in doubling if {"WorkWell Into Employment (Brindlemouth)",
                                     "Brightside Job Coaching"} <= set(r[:2])]
    assert ww_bs, doubling
    assert ww_bs[0][4] == "suppressed" or int(ww_bs[0][4].replace(",", "")) >= 7
    # Co-funding of Housing First is not an overlap.
    assert "Housing First Northvale" not in " ".join(" ".join(r) for r in rows)


def test_orphans_under_served_no_contact_and_ending(client: FlaskClient) -> None:
    page = html(client, "/commissioner/orphans")
    orphaned = table(page, "orphaned")
    assert [r[0] for r in orphaned] == ["Young parents with mental health difficulties"]
    assert orphaned[0][1] == "Kelderby" and orphaned[0][2].startswith("Family")
    assert orphaned[0][3] == "70"
    under = table(page, "under-served")
    smi = [r for r in under if r[0].startswith("Adults with severe mental illness")]
    assert smi and smi[0][2:5] == ["1,100", "410", "37%"]
    assert any(r[0] == "Young parents with mental health difficulties"
               for r in table(page, "no-contact"))
    ending = table(page, "ending")
    assert any("Ashcombe Money and Debt Advice" in r[3] for r in ending), ending
    link = re.search(r'<ul class="nhsuk-list" id="ending-what-if">\s*<li><a href="([^"]+)"', page)
    assert link and link.group(1) == "/commissioner/what-if?run=1&amp;service=a-debt"
    # The contract ends 60 days from the load: not within one month.
    one = html(client, "/commissioner/orphans?months=1")
    assert not any("Ashcombe Money and Debt Advice" in " ".join(r) for r in table(one, "ending"))


@pytest.mark.parametrize("months", ["abc", "0", "61", "-3"])
def test_orphans_months_mistake_is_shown_by_the_field(client: FlaskClient, months: str) -> None:
    page = html(client, f"/commissioner/orphans?months={months}")
    assert "There is a problem" in page
    assert 'href="#months"' in page and 'id="months-error"' in page
    assert "<title>Error:" in page


def test_coverage_heatmap_has_numbers_colour_and_visible_empty_cells(client: FlaskClient
                                                                     ) -> None:
    page = html(client, "/commissioner/coverage")
    assert "Coverage: Northvale ICB" in page
    for t in ("services-by-source", "services-by-type", "spend-by-source", "spend-by-type"):
        rows = table(page, t)
        assert len(rows) == 8 and all(len(r) == 6 for r in rows), t
    by_source = {r[0]: r[1:] for r in table(page, "services-by-source")}
    # Every cell carries its number; empty cells say so (and are styled as empty).
    assert by_source["Family, intimate and caring relationships"][2] == "0 (none)"
    assert all(re.match(r"^\d+( \(none\))?$", c) for cells in by_source.values() for c in cells)
    assert "app-heat--0" in page and "app-heat--5" in page
    scale = {r[0]: r for r in table(page, "scale")}
    assert set(scale) == {"Individual Placement and Support", "Housing First",
                          "Welfare rights advice"}
    assert scale["Individual Placement and Support"][6] == "below need"
    behind = [r for r in table(page, "cells") if r[:3] == ["Work and education", "Type",
                                                          "Care and assistance, or building "
                                                          "new skills and strategies"]]
    assert behind and behind[0][3] == "6" and "WorkWell Into Employment" in behind[0][4]
    # An area of its own: Kelderby has no family provision at all.
    kelderby = html(client, "/commissioner/coverage?area=E06000903")
    family = {r[0]: r[1:] for r in table(kelderby, "services-by-type")}
    assert "Coverage: Kelderby" in kelderby
    assert family["Family, intimate and caring relationships"] == ["0 (none)"] * 5
    # Spend that adds up: the ICB's places' own spend plus the spend across them.
    rows = table(page, "spend-split")
    split = {r[0]: r[1] for r in rows}
    assert rows[0][:2] == ["Own spend of Northvale ICB", "£5,081,700"]
    assert split["From services serving wider"] == "£0"
    own = [float(v.lstrip("£").replace(",", "")) for k, v in split.items()
           if k.startswith("of which")]
    assert len(own) == 4 and sum(own) == 5_081_700
    assert "not apportioned" in page


def test_contracts_timeline_shows_what_stops_and_what_is_renewed(client: FlaskClient) -> None:
    page = html(client, "/commissioner/contracts")
    rows = {r[1]: r for r in table(page, "ends")}
    # Planted: Ashcombe's money advice stops in 60 days, leaving debt-a with no money service.
    debt = rows["Ashcombe Money and Debt Advice"]
    assert debt[4] == "Stops: no recorded contract continues it"
    assert "People with common mental health problems and problem debt (Money" in debt[6]
    # Planted: the Clubhouse's contract ends in 90 days and is renewed from the next day.
    club = rows["Northvale Clubhouse"]
    assert club[4].startswith("Renewed: ct-clubhouse-renewal from") and club[6] == "none"
    assert "Isolated older adults" in club[5]
    quarters = table(page, "quarters")
    assert len(quarters) >= 4 and all(q[1].startswith("£") for q in quarters)
    csv_rows = download(client, "/commissioner/contracts?format=csv&table=ends")
    assert "Renewed" in {r[4] for r in csv_rows[1:]}
    bad = html(client, "/commissioner/contracts?months=0")
    assert "There is a problem" in bad and 'href="#months"' in bad
    assert "like 12" in bad


def test_coverage_unknown_area_is_a_field_error(client: FlaskClient) -> None:
    page = html(client, "/commissioner/coverage?area=nowhere")
    assert "Choose an area from the list." in page and 'href="#area"' in page


def test_funding_sankey_is_inline_svg_with_a_table_alternative(client: FlaskClient) -> None:
    page = html(client, "/commissioner/funding")
    svg = re.search(r"<svg class=\"app-sankey\".*?</svg>", page, re.S)
    assert svg and 'role="img"' in svg.group(0) and "<title" in svg.group(0)
    assert "style=" not in svg.group(0) and "<script" not in svg.group(0)
    flows = table(page, "flows")
    # Wards, CMHTs and GP hubs are clinical: their money is not any life domain's.
    assert flows[0][:2] == ["NHS Northvale Integrated Care Board",
                            "Clinical services (not social support)"]
    total = sum(float(r[2].lstrip("£").replace(",", "")) for r in flows)
    assert abs(total - 10_001_700) < 50  # every flow, split equally, adds up
    per_head = table(page, "per-head")
    assert per_head[0][:4] == ["ESA work-related activity group with common mental health "
                               "problems", "£346,000", "420", "£824"]
    conc = {r[0]: r[1] for r in table(page, "concentration")}
    assert conc["Fewest services that take half the money"] == "14"
    by_domain = {r[0]: r[1] for r in table(page, "by-domain")}
    assert by_domain["Clinical services (left out of the shares)"] == "£4,920,000"
    assert "Rights, inclusion and citizenship" in by_domain
    by_cohort = html(client, "/commissioner/funding?by=cohort&area=E06000901")
    assert "No named cohort" in by_cohort and "app-sankey" in by_cohort


def test_pathway_defaults_to_the_step_down_chain_and_costs_the_delay(client: FlaskClient
                                                                    ) -> None:
    page = html(client, "/commissioner/pathway")
    assert re.search(r'The bottleneck is <strong>Step-down Supported Housing</strong>', page)
    steps = table(page, "steps")
    assert [r[0] for r in steps] == [
        "1. Acute Mental Health Wards", "2. Hospital Discharge Housing Link",
        "3. Step-down Supported Housing (bottleneck)", "4. Housing First Northvale"]
    assert "per person" in page and "£385 a bed-day" in page
    # The same chain chosen by hand, with a different bed-day cost.
    chosen = html(client, "/commissioner/pathway?step=icb-ward&step=icb-stepdown&step="
                  "&bed_day_cost=400&target_days=7")
    assert "£400 a bed-day" in chosen and len(table(chosen, "steps")) == 2


@pytest.mark.parametrize("query, field", [
    ("run=1&step=icb-ward&step=", "step-1"),
    ("step=icb-ward&step=nope", "step-2"),
    ("step=icb-ward&step=icb-stepdown&bed_day_cost=lots", "bed_day_cost"),
    ("step=icb-ward&step=icb-stepdown&target_days=-1", "target_days"),
])
def test_pathway_mistakes_by_the_field(client: FlaskClient, query: str, field: str) -> None:
    page = html(client, f"/commissioner/pathway?{query}")
    assert f'href="#{field}"' in page and f'id="{field}-error"' in page
    assert 'data-table="steps"' not in page


def test_whatif_decommissioning_the_ending_debt_service_orphans_debt_a(client: FlaskClient
                                                                       ) -> None:
    page = html(client, "/commissioner/what-if?run=1&service=a-debt")
    orphaned = table(page, "newly-orphaned")
    assert orphaned[0][:3] == ["People with common mental health problems and problem debt",
                               "Money and basic needs", "170"]
    assert table(page, "links-lost")[0][:2] == ["Ashcombe Primary Care Mental Health Hub",
                                                "Ashcombe Money and Debt Advice"]
    assert 'value="a-debt" checked' in page  # the form keeps the choice


def test_whatif_withdrawing_a_co_funder_keeps_the_service(client: FlaskClient) -> None:
    page = html(client, "/commissioner/what-if?run=1&commissioner=mhclg")
    assert table(page, "reduced") == [["Housing First Northvale", "£180,000"]]
    assert table(page, "removed") == [["No service is removed."]]


def test_service_lists_narrow_to_an_area(client: FlaskClient) -> None:
    page = html(client, "/commissioner/what-if?area=E06000903&service=a-debt")
    listed = re.findall(r'name="service" type="checkbox" value="([^"]+)"', page)
    assert "k-debt" in listed and "icb-hf" in listed  # Kelderby's and ICB-wide ones
    assert "b-debt" not in listed
    assert "a-debt" in listed  # already ticked: kept
    assert 'data-table="removed"' not in page  # listing is not running
    page = html(client, "/commissioner/pathway?area=E06000901")
    options = set(re.findall(r'<option value="([^"]+)"', page.split('id="step-1"')[1]
                             .split("</select>")[0]))
    assert "b-tenancy" in options and "a-tenancy" not in options
    assert "icb-ward" in options  # the default chain is still there, and runs
    assert 'data-table="steps"' in page
    page = html(client, "/commissioner/what-if?area=nowhere")
    assert "Choose an area from the list, or all areas." in page


def test_whatif_mistakes_by_the_field(client: FlaskClient) -> None:
    page = html(client, "/commissioner/what-if?run=1")
    assert "Choose at least one service" in page and 'href="#service-1"' in page
    page = html(client, "/commissioner/what-if?run=1&commissioner=nobody")
    assert "Choose a commissioner from the list" in page


def test_small_numbers_show_as_suppressed_in_page_and_csv(demo: Ecosystem) -> None:
    cell = people(Count(None, True))
    assert cell.text == cell.csv_value == "suppressed"
    # The same demo with a high threshold: the doubling-up count is now small.
    strict = Ecosystem(dataclasses.replace(demo.settings, suppression_threshold=100),
                       demo.graph)
    app = create_app(strict.settings, strict)
    app.config.update(TESTING=True)
    c = app.test_client()
    sign_in_client(c, ensure_user(demo, "test-comm-commissioner", "commissioner"))
    page = html(c, "/commissioner/overlaps")
    row = [r for r in table(page, "doubling") if "Brightside Job Coaching" in r[:2]][0]
    assert row[4:6] == ["suppressed", "not shown"]
    assert "“suppressed” means 1 to 100 people" in page
    rows = download(c, "/commissioner/overlaps?format=csv&table=doubling")
    row = [r for r in rows if "Brightside Job Coaching (b-brightside)" in r[:2]][0]
    assert row[4:6] == ["suppressed", ""]
    assert "suppressed people" in row[6]
    # At the default policy the counts shown are rounded to 5, and the page and CSV say so.
    default = create_app(demo.settings, demo)
    default.config.update(TESTING=True)
    c = default.test_client()
    sign_in_client(c, ensure_user(demo, "test-comm-commissioner", "commissioner"))
    assert "Counts of people are rounded to the nearest 5" in html(c, "/commissioner/overlaps")
    rows = download(c, "/commissioner/overlaps?format=csv&table=doubling")
    assert rows[0][4] == "People (rounded to nearest 5)"
    assert all(r[4] == "suppressed" or int(r[4].replace(",", "")) % 5 == 0 for r in rows[1:])


# --- CSV downloads ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES[1:] + ["/commissioner/what-if?run=1&service=a-debt"])
def test_every_table_downloads_as_csv(client: FlaskClient, path: str) -> None:
    page = html(client, path)
    tables = re.findall(r'data-table="([^"]+)"', page)
    links = csv_links(page)
    if "what-if" in path and "run" not in path:
        assert tables == [] and links == []
        return
    assert tables and len(links) == len(tables), path
    for url, table_id in zip(links, tables, strict=True):
        assert f"table={table_id}" in url
        rows = download(client, url)
        shown = [r for r in table(page, table_id) if len(r) > 1 or len(rows[0]) == 1]
        assert len(rows) == 1 + len(shown), (url, rows[:2])
        for row in rows:
            assert not any(c[:1] in ("=", "+", "-", "@") for c in row), (url, row)


def test_csv_keeps_the_choices_of_the_page(client: FlaskClient) -> None:
    page = html(client, "/commissioner/coverage?area=E06000903")
    url = [u for u in csv_links(page) if "services-by-type" in u][0]
    assert "area=E06000903" in url
    rows = download(client, url)
    assert rows[0][0].lstrip("\ufeff") == "Life domain"
    family = [r for r in rows if r[0].startswith("Family")][0]
    assert family[1:] == ["0"] * 5  # raw numbers in the CSV


def test_unknown_table_is_404(client: FlaskClient) -> None:
    assert client.get("/commissioner/overlaps?format=csv&table=nope").status_code == 404


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("plain", "plain"), ("", ""),
])
def test_csv_cells_are_formula_safe(value: str, expected: str, demo_app: Flask) -> None:
    assert safe(value) == expected
    t = Table("t", "T", ["=Evil header", "Value"])
    t.add(text(value), text("ok"))
    with demo_app.test_request_context("/"):
        resp = csv_response([t], "t", "test")
    rows = list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig"))))
    assert rows == [["'=Evil header", "Value"], [expected, "ok"]]


# --- Access, CSP, accessibility basics --------------------------------------------------------

@pytest.mark.parametrize("role, status", [("commissioner", 200), ("analyst", 200),
                                          ("admin", 200), ("viewer", 403)])
def test_commissioner_pages_are_for_aggregate_roles(as_role, role: str, status: int) -> None:  # type: ignore[no-untyped-def]
    c = as_role(role)
    for path in PAGES:
        assert c.get(path).status_code == status, (role, path)
    assert c.get("/commissioner/overlaps?format=csv&table=catalogue").status_code == status


def test_not_signed_in_goes_to_sign_in(demo_app: Flask) -> None:
    resp = demo_app.test_client().get("/commissioner/overlaps")
    assert resp.status_code == 302 and "/sign-in" in resp.headers["Location"]


@pytest.fixture(scope="module")
def all_pages(as_role) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    client = as_role("commissioner")
    return [(p, html(client, p)) for p in PAGES + [  # type: ignore[return-value]
        "/commissioner/what-if?run=1&service=a-debt&service=icb-hf",
        "/commissioner/funding?by=cohort"]]


def test_no_inline_script_or_style_and_assets_from_the_app(all_pages) -> None:  # type: ignore[no-untyped-def]
    for path, page in all_pages:
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert not re.search(r"\sstyle=", page), path
        assert "<style" not in page, path
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), path


def test_tables_have_captions_and_header_cells(all_pages) -> None:  # type: ignore[no-untyped-def]
    for path, page in all_pages:
        for t in re.findall(r"<table.*?</table>", page, re.S):
            assert "<caption" in t and 'scope="col"' in t, path
        assert page.count("<h1") == 1, path


# --- A county's pages stay small: long tables capped, long lists cut, services by area -----

def test_long_tables_show_the_first_rows_and_the_csv_has_all(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from web import tables

    monkeypatch.setattr(tables, "ROW_LIMIT", 3)
    page = html(client, "/commissioner/funding")
    shown = table(page, "by-service")
    full = download(client, "/commissioner/funding?format=csv&table=by-service")[1:]
    assert len(full) > 3 and len(shown) == 3
    assert f"showing the first 3 of {len(full)}; the CSV has them all" in page
    assert f"Showing the first 3 of {len(full)} rows" in page
    assert [r[0] for r in shown] == [r[0].rsplit(" (", 1)[0] for r in full[:3]]


def test_a_long_tables_rows_past_the_cap_are_made_only_for_the_csv(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The outcomes page made every row of its tables (each with a link) and drew 100: at XL
    40,000 rows, 4 s a view. Rows past the cap are made only for the CSV."""
    from web import tables
    from web.blueprints import commissioner

    monkeypatch.setattr(tables, "ROW_LIMIT", 3)
    made = []
    cells = commissioner._outcome_cells

    def counted(o):  # type: ignore[no-untyped-def]
        made.append(o)
        return cells(o)

    monkeypatch.setattr(commissioner, "_outcome_cells", counted)
    page = html(client, "/commissioner/outcomes")
    assert len(table(page, "services")) == 3
    on_page = len(made)
    full = download(client, "/commissioner/outcomes?format=csv&table=services")[1:]
    assert len(full) > 10 and on_page <= 4 * 3  # four tables, three rows each at most
    assert [r[0] for r in table(page, "services")] == [r[0].rsplit(" (", 1)[0]
                                                       for r in full[:3]]


def test_short_tables_say_nothing_about_a_cap(client: FlaskClient) -> None:
    page = html(client, "/commissioner/funding")
    assert "the CSV has them all" not in page and "app-table-capped" not in page


def test_long_name_lists_are_cut_on_the_page_not_in_the_csv(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from web.blueprints import commissioner

    monkeypatch.setattr(commissioner, "NAMES_SHOWN", 1)
    page = html(client, "/commissioner/coverage")
    cut = [r for r in table(page, "cells") if "more (all in the CSV)" in r[-1]]
    assert cut
    rows = download(client, "/commissioner/coverage?format=csv&table=cells")[1:]
    longest = max(rows, key=lambda r: int(r[3]))
    assert int(longest[3]) > 1 and "more" not in longest[-1]
    assert len(longest[-1].split(", ")) >= int(longest[3])


def test_service_lists_wait_for_an_area_when_there_are_too_many(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from web.blueprints import commissioner

    page = html(client, "/commissioner/what-if")
    assert len(re.findall(r'name="service" type="checkbox"', page)) == 60
    assert "too many to list" not in page
    monkeypatch.setattr(commissioner, "SERVICE_LIST_LIMIT", 10)
    page = html(client, "/commissioner/what-if?service=a-debt")
    assert re.findall(r'name="service" type="checkbox" value="([^"]+)"', page) == ["a-debt"]
    assert "There are 60 services, too many to list at once" in page
    page = html(client, "/commissioner/what-if?area=E06000903")
    listed = re.findall(r'name="service" type="checkbox" value="([^"]+)"', page)
    assert "k-debt" in listed and "b-debt" not in listed
    assert "too many to list" not in page
    page = html(client, "/commissioner/pathway")
    options = set(re.findall(r'<option value="([^"]+)"', page.split('id="step-1"')[1]
                             .split("</select>")[0]))
    assert options == {"icb-ward", "icb-dischargelink", "icb-stepdown", "icb-hf"}
    assert 'data-table="steps"' in page  # the default chain still runs


def test_issue_16_attacks_on_the_demo(client: FlaskClient, demo: Ecosystem,
                                      tmp_path: Path) -> None:
    """The small counts issue 16 recovered from the demo area by arithmetic stay hidden."""
    from test_disclosure import (
        _cli,
        _col,
        _json_count,
        assert_not_pinned,
        difference,
        hidden_values,
        read,
    )

    url = "/commissioner/what-if?run=1&service=a-cmht&service=a-carers"
    rows = download(client, url + "&format=csv&table=removed")
    i, r = _col(rows[0], "People currently using it")
    cells = [read(row[i], r) for row in rows[1:]]
    m = re.search(r"([\d,]+|suppressed)( \(rounded to the nearest (\d+)\))? people lose",
                  html(client, url))
    assert m
    hidden = sum(1 for c in cells if c == (1, 7))
    if hidden:
        assert_not_pinned(hidden_values(read(m.group(1), int(m.group(3) or 1)),
                                        [c for c in cells if c != (1, 7)], hidden), url)
    rows = download(client, "/commissioner/pathway?run=1&step=a-cmht&step=a-tenancy"
                            "&format=csv&table=steps")
    started, _ = _col(rows[0], "People started")
    median, _ = _col(rows[0], "Observed median wait")
    for row in rows[1:]:
        assert row[started] != "suppressed" or row[median] == "", row

    def step(a: str, b: str, n: int) -> tuple[int, int | None]:
        rows = download(client, f"/commissioner/pathway?run=1&step={a}&step={b}"
                                "&format=csv&table=steps")
        i, r = _col(rows[0], "People started")
        return read(rows[1 + n][i], r)

    assert_not_pinned(difference(step("b-debt", "b-gphub", 0), step("b-gphub", "b-debt", 1)),
                      "b-debt alone minus b-gphub -> b-debt")
    rows = download(client, "/commissioner/orphans?format=csv&table=no-contact")
    w, rw = _col(rows[0], "People with the need")
    n, rn = _col(rows[0], "With no contact")
    for row in rows[1:]:
        assert_not_pinned(difference(read(row[w], rw), read(row[n], rn)), f"contact {row}")
    data = json.loads(_cli(demo, tmp_path, "journeys", "--from", "icb-ward", "--limit", "30",
                           "--format", "json"))
    for p in data["paths"]:
        assert _json_count(p["people"])[0] > 7, p
