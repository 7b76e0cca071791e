"""Editing pages (issue 13): edit links, prefilled forms with the error summary, the version
check shown side by side, closing, history, and provider editors' proposals."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from builders import PLACE1, PLACE2, base_rows, load
from conftest import ensure_user, reads_recorded, sign_in_client
from flask import Flask
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.accounts import audit

PHONE = "01632 960123"


def text(resp: Any) -> str:
    return html.unescape(resp.get_data(as_text=True))


def form_of(client: FlaskClient, url: str) -> dict[str, Any]:
    """The form's fields as a browser would send them (checked boxes, selected options)."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    body = page.get_data(as_text=True)
    body = body[body.index('id="entry-form"'):]
    body = body[: body.index("</form>")]
    data: dict[str, Any] = {}
    for m in re.finditer(r"<input ([^>]*)>", body):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if "name" not in attrs:
            continue
        if attrs.get("type") == "checkbox":
            if " checked" in m.group(1):
                data.setdefault(attrs["name"], []).append(html.unescape(attrs["value"]))
        else:
            data[attrs["name"]] = html.unescape(attrs.get("value", ""))
    for m in re.finditer(r'<textarea [^>]*name="(\w+)"[^>]*>(.*?)</textarea>', body, re.S):
        data[m.group(1)] = html.unescape(m.group(2))
    for m in re.finditer(r'<select [^>]*name="(\w+)"[^>]*>(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', m.group(2))
        data[m.group(1)] = html.unescape(chosen.group(1)) if chosen else ""
    return data


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    load(eco, base_rows())
    return eco


def editor(app: Flask, eco: Ecosystem, providers: list[str]) -> FlaskClient:
    user = ensure_user(eco, "test-keeper", "provider_editor")
    eco.set_providers(user.username, providers, "test")
    c = app.test_client()
    sign_in_client(c, eco.get_user(user.username))
    return c


def test_the_service_page_links_to_edit_and_history(area: Ecosystem,
                                                    client: FlaskClient) -> None:
    page = text(client.get("/services/HF"))
    assert 'href="/edit/services/HF"' in page
    assert "/history/services/HF" in page
    assert "Last updated" in page


def test_an_admin_edits_a_service_and_sees_its_history(area: Ecosystem,
                                                        client: FlaskClient) -> None:
    data = form_of(client, "/edit/services/HF")
    assert data["name"] == "Housing First" and data["domains"] == ["housing"]
    data["phone"] = PHONE
    resp = client.post("/edit/services/HF", data=data)
    assert resp.status_code == 302, text(resp)
    assert PHONE in text(client.get("/services/HF"))
    history = text(client.get("/services/HF/history"))
    assert f"Phone set to “{PHONE}”" in history
    assert "Source: web edit" in history
    assert history.index("web edit") < history.index("Source: import")  # newest first


def test_bad_input_shows_the_error_summary_and_saves_nothing(area: Ecosystem,
                                                             client: FlaskClient) -> None:
    data = form_of(client, "/edit/services/HF")
    data.update(capacity="lots", domains=[])
    resp = client.post("/edit/services/HF", data=data)
    assert resp.status_code == 400
    page = text(resp)
    assert "There is a problem" in page
    assert 'href="#field-capacity"' in page and 'href="#field-domains"' in page
    assert 'value="lots"' in page, "the form keeps what was typed"
    assert form_of(client, "/edit/services/HF")["capacity"] == "20"


def test_a_stale_save_shows_both_versions(area: Ecosystem, client: FlaskClient) -> None:
    mine = form_of(client, "/edit/services/HF")
    theirs = dict(mine, phone="01632 960999")
    assert client.post("/edit/services/HF", data=theirs).status_code == 302
    resp = client.post("/edit/services/HF", data=dict(mine, phone=PHONE))
    assert resp.status_code == 409
    page = text(resp)
    assert "Someone else changed this service" in page
    assert "01632 960999" in page and PHONE in page
    assert form_of(client, "/edit/services/HF")["phone"] == "01632 960999"


def test_create_and_close_a_service(area: Ecosystem, client: FlaskClient) -> None:
    data = form_of(client, "/edit/services/new")
    data.update(id="NEW-1", name="New advice line", provider_id="PR-VCS", areas="E38000001",
                domains=["money"], sources=["practitioner"], types=["information"])
    assert client.post("/edit/services/new", data=data).status_code == 302
    assert "New advice line" in text(client.get("/services/NEW-1"))
    version = form_of(client, "/edit/services/NEW-1")["version"]
    csrf = form_of(client, "/edit/services/NEW-1")["csrf_token"]
    resp = client.post("/edit/services/NEW-1/close",
                       data={"csrf_token": csrf, "version": version, "end_date": "2026-03-31"})
    assert resp.status_code == 302
    assert form_of(client, "/edit/services/NEW-1")["status"] == "closed"
    entry = next(e for e in audit.entries(area.graph) if e.target == "services:NEW-1")
    assert entry.action == "entry.edit" and "closed" in entry.detail


def test_forms_need_the_csrf_token(area: Ecosystem, client: FlaskClient) -> None:
    data = form_of(client, "/edit/services/HF")
    data.pop("csrf_token")
    assert client.post("/edit/services/HF", data=dict(data, phone=PHONE)).status_code == 400
    assert form_of(client, "/edit/services/HF")["phone"] == ""


def test_a_provider_editor_may_propose_only_for_their_own_services(
        area: Ecosystem, app: Flask) -> None:
    keeper = editor(app, area, ["PR-VCS"])
    assert keeper.get("/edit/services/CMHT").status_code == 403  # another provider's
    assert keeper.get("/edit/providers/PR-VCS").status_code == 403  # not a service
    data = form_of(keeper, "/edit/services/HF")
    assert keeper.post("/edit/services/HF",
                       data=dict(data, provider_id="PR-NHS")).status_code == 403
    assert keeper.post("/edit/services/new", data=dict(
        data, id="NEW-2", provider_id="PR-NHS")).status_code == 403
    assert "Propose a change" in text(keeper.get("/services/HF"))
    assert "Propose a change" not in text(keeper.get("/services/CMHT"))


def test_a_proposal_is_not_live_until_an_admin_approves(area: Ecosystem, app: Flask,
                                                         client: FlaskClient) -> None:
    keeper = editor(app, area, ["PR-VCS"])
    data = form_of(keeper, "/edit/services/HF")
    resp = keeper.post("/edit/services/HF", data=dict(data, phone=PHONE))
    assert resp.status_code == 302
    assert PHONE not in text(client.get("/services/HF"))
    assert keeper.get("/data/proposals").status_code == 403
    page = text(client.get("/data/proposals"))
    assert "Proposed by test-keeper" in page and PHONE in page
    pid = re.search(r'id="proposal-(\w+)"', page)
    assert pid
    csrf = form_of(client, "/edit/services/HF")["csrf_token"]
    resp = client.post(f"/data/proposals/{pid.group(1)}",
                       data={"csrf_token": csrf, "action": "approve"})
    assert resp.status_code == 302
    assert PHONE in text(client.get("/services/HF"))
    assert "proposed by test-keeper, approved by test-admin" in text(
        client.get("/services/HF/history")).lower()


def test_proposals_and_history_name_what_they_refer_to_reading_only_those(
        area: Ecosystem, app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proposal to serve Place Two too names both places, and so does the history once it
    is approved; the pages read the names of what the changes refer to, not of everything
    in the map (every service's and area's name, at XL 20,000 services)."""
    keeper = editor(app, area, ["PR-VCS"])
    data = form_of(keeper, "/edit/services/HF")
    resp = keeper.post("/edit/services/HF", data=dict(data, areas=f"{PLACE1}; {PLACE2}"))
    assert resp.status_code == 302
    names = reads_recorded(area.graph, monkeypatch)
    page = re.sub(r"\s+", " ", text(client.get("/data/proposals")))
    assert "Place One and Place Two" in page
    pid = area.proposals()[0].id
    csrf = form_of(client, "/edit/services/HF")["csrf_token"]
    assert client.post(f"/data/proposals/{pid}", data={"csrf_token": csrf,
                                                       "action": "approve"}).status_code == 302
    history = re.sub(r"\s+", " ", text(client.get("/services/HF/history")))
    assert "Place One and Place Two" in history
    assert "choices/names" not in names and "choices/names_of" in names


def test_a_rejection_needs_a_reason(area: Ecosystem, app: Flask, client: FlaskClient) -> None:
    keeper = editor(app, area, ["PR-VCS"])
    data = form_of(keeper, "/edit/services/HF")
    keeper.post("/edit/services/HF", data=dict(data, phone=PHONE))
    pid = area.proposals()[0].id
    csrf = data["csrf_token"]
    csrf = form_of(client, "/edit/services/HF")["csrf_token"]
    resp = client.post(f"/data/proposals/{pid}", data={"csrf_token": csrf, "action": "reject"})
    assert resp.status_code == 400 and "Enter a reason" in text(resp)
    resp = client.post(f"/data/proposals/{pid}",
                       data={"csrf_token": csrf, "action": "reject", "reason": "Wrong number"})
    assert resp.status_code == 302
    assert area.proposals() == [] and PHONE not in text(client.get("/services/HF"))


def test_contracts_and_referral_routes_are_edited_from_the_service_page(
        area: Ecosystem, client: FlaskClient) -> None:
    page = text(client.get("/services/CMHT"))
    assert 'href="/edit/contracts/K-CMHT"' in page
    assert 'href="/edit/referral_routes/CMHT%7CIPS"' in page
    data = form_of(client, "/edit/contracts/K-CMHT")
    assert data["annual_value"] == "2000000"
    resp = client.post("/edit/contracts/K-CMHT", data=dict(data, annual_value="2100000"))
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/services/CMHT")
    route = form_of(client, "/edit/referral_routes/CMHT%7CIPS")
    resp = client.post("/edit/referral_routes/CMHT%7CIPS", data=dict(route, note="Via IPS"))
    assert resp.status_code == 302
    assert "Via IPS" in text(client.get("/services/CMHT"))
    history = text(client.get("/history/contracts/K-CMHT"))
    assert "Annual value (£) changed from “2000000” to “2100000”" in history
