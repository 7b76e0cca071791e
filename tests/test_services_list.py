"""The services list (/services) on the demo area: filters, ICB-wide counting, downloads,
and the links to it from the home and area pages."""

from __future__ import annotations

import io

import pytest
from conftest import ensure_user, sign_in_client
from openpyxl import load_workbook

from ecosystem import Ecosystem
from ecosystem.demo.area import ICB, PLACES

ASHCOMBE = PLACES["A"][0]


@pytest.fixture(scope="module")
def web(demo: Ecosystem):  # type: ignore[no-untyped-def]
    """A client signed in as a viewer, on the demo area (the `client` fixture clears it)."""
    from web import create_app

    app = create_app(demo.settings, demo)
    app.config.update(TESTING=True)
    c = app.test_client()
    sign_in_client(c, ensure_user(demo, "test-list-viewer", "viewer"))
    return c


def names(demo: Ecosystem, **filters: str) -> set[str]:
    return {r.name for r in demo.service_list(dict(filters))}


def test_an_area_counts_the_services_for_the_whole_icb(demo: Ecosystem) -> None:
    ashcombe = names(demo, area=ASHCOMBE)
    assert "Ashcombe Tenancy Sustainment Service" in ashcombe
    assert "Housing First Northvale" in ashcombe  # serves the ICB Ashcombe is part of
    assert not any(n.startswith(("Brindlemouth", "Kelderby")) for n in ashcombe)
    # The ICB counts the services of every place in it.
    assert ashcombe < names(demo, area=ICB)
    assert names(demo, area=ICB) == names(demo)


def test_an_areas_counts_by_domain_are_what_its_list_holds(demo: Ecosystem) -> None:
    """The area page's services per life domain (walked out from the area) are the services
    list's, filtered by that area and domain, for every area: its own, within, around."""
    from ecosystem.directory.pages import counts_by_domain

    areas = [None, *sorted(demo.names().areas)]
    assert len(areas) > 10
    for area in areas:
        for c in counts_by_domain(demo.graph, area):
            where = {"domain": c.id, **({"area": area} if area else {})}
            assert c.services == len(demo.service_list(where)), (area, c.id)
            assert c.active == len(demo.service_list({**where, "status": "active"})), (area,
                                                                                      c.id)


def test_each_filter_narrows_the_list(demo: Ecosystem) -> None:
    everything = names(demo)
    housing = names(demo, domain="housing")
    assert "Housing First Northvale" in housing and "Northvale Clubhouse" not in housing
    self_ref = names(demo, self_referral="yes")
    assert "Ashcombe Money and Debt Advice" in self_ref
    assert "Ashcombe Community Mental Health Team" not in self_ref
    assert "Ashcombe Community Mental Health Team" in names(demo, self_referral="no")
    assert names(demo, kind="ward") == {"Acute Mental Health Wards"}
    assert "Kelderby Family Support (closed)" in names(demo, status="closed")
    assert "Kelderby Family Support (closed)" not in names(demo, status="active")
    assert names(demo, status="active") | names(demo, status="closed") <= everything
    assert "Welfare Rights Service" in names(demo, provider="law-centre")
    assert names(demo, provider="law-centre") < everything
    assert "Step-down Supported Housing" in names(demo, source="practitioner",
                                                  support_type="provision")
    icb_paid = names(demo, commissioner="icb")
    assert "Ashcombe IPS Employment Service" in icb_paid
    assert "Ashcombe Money and Debt Advice" not in icb_paid
    both = names(demo, area=ASHCOMBE, domain="housing", self_referral="yes")
    assert both == {"Ashcombe Housing Options and Advice"}


def test_rows_carry_words_not_codes(demo: Ecosystem) -> None:
    row = next(r for r in demo.service_list({"kind": "housing-advice", "area": ASHCOMBE})
               if r.id == "a-housingopt")
    assert row.kind == "Housing advice" and row.status == "Active"
    assert row.capacity == 300 and row.waiting_days == 5 and row.self_referral
    assert [p.name for p in row.providers] == ["Council housing and welfare services"]
    assert row.payers and row.domains == ["Housing and homelessness"]


def test_the_page_filters_with_a_get_form(web) -> None:  # type: ignore[no-untyped-def]
    resp = web.get("/services", query_string={"area": ASHCOMBE, "domain": "housing"})
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert '<caption class="nhsuk-table__caption">Services matching the filters</caption>' in html
    assert '<label class="nhsuk-label" for="list-area">Area</label>' in html
    assert "Housing First Northvale" in html and "Brindlemouth Tenancy" not in html
    assert '<option value="housing" selected>Housing and homelessness</option>' in html
    assert "Filtered by: area Ashcombe; life domain Housing and homelessness." in html
    assert "18 days" in html and "Harbour Homes Housing Association" in html


def test_a_value_not_on_the_list_is_an_error(web) -> None:  # type: ignore[no-untyped-def]
    resp = web.get("/services?domain=nope&format=csv")
    assert resp.status_code == 400
    assert "Choose a life domain from the list" in resp.get_data(as_text=True)


def test_csv_download_has_the_filtered_rows(web) -> None:  # type: ignore[no-untyped-def]
    resp = web.get("/services", query_string={"area": ASHCOMBE, "domain": "money",
                                              "format": "csv"})
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert 'filename="services.csv"' in resp.headers["Content-Disposition"]
    text = resp.get_data(as_text=True)
    assert text.startswith("\ufeffService,Service id,Kind,Provider,Who pays,")
    assert "Ashcombe Money and Debt Advice,a-debt,Advice,Northvale Citizens Advice," in text
    assert "b-debt" not in text and "Mental Health Breathing Space Advice" in text


def test_xlsx_download_has_the_same_rows(web) -> None:  # type: ignore[no-untyped-def]
    resp = web.get("/services", query_string={"area": ASHCOMBE, "format": "xlsx"})
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.data)).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Service", "Service id", "Kind")
    tenancy = next(r for r in rows if r[1] == "a-tenancy")
    assert tenancy[6] == 90 and tenancy[7] == 18  # numbers stay numbers
    assert len(rows) - 1 == len(web.get(
        "/services", query_string={"area": ASHCOMBE, "format": "csv"}
    ).get_data(as_text=True).strip().splitlines()) - 1


def test_home_and_area_pages_link_life_domains_to_the_list(web) -> None:  # type: ignore[no-untyped-def]
    home = web.get("/").get_data(as_text=True)
    assert '<a href="/services?domain=housing">Housing and homelessness</a>' in home
    area = web.get(f"/areas/{ASHCOMBE}").get_data(as_text=True)
    assert (f'<a href="/services?area={ASHCOMBE}&amp;domain=housing">'
            "Housing and homelessness</a>") in area
    assert "Services for Ashcombe by life domain" in area
