"""The service page as an NHS.UK service profile (issue 14): what it does and who it is for,
how to get in, who can use it, provider/who pays/model, in that order; empty fields hidden;
units on numbers; the ids kept in the technical details."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import service
from flask.testing import FlaskClient
from test_contacts_pages import visible

from ecosystem import Ecosystem

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "example"
SECTIONS = ["What it does and who it is for", "How to get in", "Who can use it",
            "Who provides it, who pays and the model it follows"]


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    report = eco.import_path(EXAMPLE)
    assert report.ok, [str(i) for i in report.issues]
    # A service with nothing but what an import needs: every optional field empty.
    report = eco.import_tables({"services": [
        service("ex-bare", "Example Bare Service", "ex-advice", "E06000777", "money",
                "information")]})
    assert report.ok, [str(i) for i in report.issues]
    return eco


def test_the_sections_come_in_the_profile_order(area: Ecosystem, client: FlaskClient) -> None:
    resp = client.get("/services/ex-ips")
    assert resp.status_code == 200
    html = str(resp.get_data(as_text=True))
    for heading in SECTIONS:
        assert f">{heading}</h2>" in html, heading
    at = [html.index(f">{heading}</h2>") for heading in SECTIONS]
    assert at == sorted(at)
    page = visible(resp)
    # Each fact in its section: the wait under "How to get in", the age under "Who can use it".
    about, get_in, who, provision = (page.split(h, 1)[1] for h in SECTIONS)
    assert "Individual Placement and Support" in about.split(SECTIONS[1])[0]
    assert "Work and education" in about.split(SECTIONS[1])[0]
    assert "Adults with severe mental illness" in about.split(SECTIONS[1])[0]
    get_in = get_in.split(SECTIONS[2])[0]
    assert "Professional referral: email ips@example.org" in get_in
    assert "Usual wait 14 days" in get_in and "Capacity 40 places" in get_in
    assert "01632 960200" in get_in and "Mon-Thu 9:00-17:00" in get_in
    who = who.split(SECTIONS[3])[0]
    assert "Aged 18 and over." in who and "People not in work." in who
    assert "Provided by Example Mental Health NHS Trust" in provision
    assert "Cost £2,800 a person" in provision
    assert "fidelity 85%" in provision


def test_a_service_with_empty_optional_fields_hides_them(area: Ecosystem,
                                                        client: FlaskClient) -> None:
    resp = client.get("/services/ex-bare")
    assert resp.status_code == 200
    page = visible(resp)
    assert "Not recorded" not in page
    assert "None" not in page.replace("Nonetheless", "")
    for heading in SECTIONS[:3]:
        assert heading in page, heading
    assert "No contact details are recorded for this service yet" in page
    # The stored id is still there for those who need it, in the technical details.
    html = str(resp.get_data(as_text=True))
    technical = html.split('class="nhsuk-details app-technical"', 1)[1]
    assert "ex-bare" in technical


def test_the_ids_stay_in_the_technical_details(area: Ecosystem, client: FlaskClient) -> None:
    html = str(client.get("/services/ex-ips").get_data(as_text=True))
    main, technical = html.split('class="nhsuk-details app-technical"', 1)
    assert "<code>in_work</code>" in technical and "<code>unit_cost</code>" in technical
    assert "<code>" not in main
