"""Contact and access details where a service appears: its page, the key worker's options,
the plan and the plan's CSV (formula-safe)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ensure_user
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.keyworker.caseload import PLAN_COLUMNS

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "example"
KW = "test-contacts-key-worker"
# The example area: Example Money Advice takes self-referrals in E54000777, from 16.
CLIENT = {"area": "E06000777", "age": "30", "needs": ["money"], "benefit": "", "housing": "",
          "in_work": "", "offending": "", "severity": "any", "conditions": ""}


def visible(resp: Any) -> str:
    html = str(resp.get_data(as_text=True))
    body = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#39;", "'")
    return re.sub(r" ([,.])", r"\1", text)  # the space a removed tag left before a comma


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    report = eco.import_path(EXAMPLE)
    assert report.ok, [str(i) for i in report.issues]
    return eco


@pytest.fixture
def kw(login, area: Ecosystem) -> FlaskClient:  # type: ignore[no-untyped-def]
    ensure_user(area, KW, "key_worker")
    return login("key_worker", KW)  # type: ignore[no-any-return]


def post(client: FlaskClient, url: str, data: dict[str, Any]) -> Any:
    html = str(client.get("/key-worker/").get_data(as_text=True))
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return client.post(url, data={"csrf_token": m.group(1), **data}, follow_redirects=True)


def test_the_service_page_shows_how_to_get_in_touch(area: Ecosystem,
                                                     client: FlaskClient) -> None:
    resp = client.get("/services/ex-money")
    assert resp.status_code == 200
    html = str(resp.get_data(as_text=True))
    page = visible(resp)
    assert "How to get in" in page and "Contact details" in page
    assert ("Self-referral: call 01632 960300 (Mon-Fri 9:30-16:30; Sat 10:00-12:00) or use the "
            "online form (https://example.org/money-advice/ask) or drop in at Market Street "
            "Advice Hub, 22 Market Street, Exampleton, EX2 7HL") in page
    assert 'href="tel:01632960300"' in html and 'href="mailto:advice@example.org"' in html
    assert "Library Community Room, Station Road, Exampleton, EX3 1BB" in page
    assert "English, Polish, Urdu" in page and "Step-free; interpreters on request" in page
    assert "Tell Advice services manager, info@example.org" in page
    # shown once, in the contact section, not again as raw properties
    assert "Referral methods" not in page
    cmht = visible(client.get("/services/ex-cmht"))
    assert ("Professional referral: the referral form (https://example.org/cmht/refer) or email "
            "cmht.referrals@example.org") in cmht


def test_options_and_the_plan_carry_the_details(kw: FlaskClient) -> None:
    page = visible(post(kw, "/key-worker/options", CLIENT))
    assert "Example Money Advice" in page
    assert "Self-referral: call 01632 960300 (Mon-Fri 9:30-16:30; Sat 10:00-12:00)" in page
    assert "Contact: 01632 960300, advice@example.org, https://example.org/money-advice" in page
    assert "Languages: English, Polish, Urdu" in page and "Free to the client" in page
    pick = {**CLIENT, "pick": ["money:ex-money"]}
    plan = visible(post(kw, "/key-worker/plan", pick))
    assert "Self-referral: call 01632 960300" in plan and "Open Mon-Fri 9:30-16:30" in plan
    body = str(post(kw, "/key-worker/plan.csv", pick).get_data(as_text=True))
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert list(rows[0]) == list(PLAN_COLUMNS)
    row = rows[0]
    assert row["how to get in"].startswith("Self-referral: call 01632 960300")
    assert (row["phone"], row["email"], row["website"]) == (
        "01632 960300", "advice@example.org", "https://example.org/money-advice")
    assert row["address"].startswith("Market Street Advice Hub, 22 Market Street")
    assert row["opening hours"] == ("Mon-Fri 9:30-16:30; Sat 10:00-12:00; "
                                    "Drop-in sessions Tuesday and Thursday mornings")
    assert (row["languages"], row["free to the client"]) == ("English; Polish; Urdu", "yes")


def test_plan_csv_contact_cells_cannot_start_a_formula() -> None:
    from ecosystem.analyses.options import Access, Option
    from ecosystem.contacts import ContactDetails
    from ecosystem.keyworker import caseload

    contact = ContactDetails(phone="+44 1632 960000", accessibility="=HYPERLINK(\"x\")",
                             languages=("@English",))
    option = Option("s", "S", None, "money", (), (), None, None, None, None,
                    Access("self-referral", 0, (), "self-referral"), None, None, None, None,
                    (), contact=contact)
    body = caseload.plan_csv([caseload.PlanItem("money", "Money", option)])
    row = dict(zip(PLAN_COLUMNS, list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))[1],
                   strict=True))
    assert row["phone"] == "'+44 1632 960000"
    assert row["accessibility"] == "'=HYPERLINK(\"x\")" and row["languages"] == "'@English"
