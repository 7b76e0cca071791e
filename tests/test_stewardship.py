"""Keeping the map true (issue 13): when each service's details were last checked
(`last_verified`), stale entries flagged where the service appears, "still correct", the
stewardship worklist and the reminders by email (docs/stewardship.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from builders import base_rows, load
from conftest import TEST_PASSWORD
from flask.testing import FlaskClient

from ecosystem import Ecosystem, dates
from ecosystem.accounts import audit, users
from ecosystem.stewardship import freshness

TODAY = dates.today()
ORUK = Path(__file__).resolve().parent / "data" / "oruk"


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def rows_with_dates(**dates: str) -> dict[str, list[dict[str, Any]]]:
    """The builders' area with `last_verified` set on the services named."""
    rows = base_rows()
    for s in rows["services"]:
        if s["id"] in dates:
            s["last_verified"] = dates[s["id"]]
    return rows


# HF checked 14 months ago (stale), ADVICE last month (fresh), TENANCY never (stale).
DATES = {"HF": days_ago(430), "ADVICE": days_ago(20), "CMHT": days_ago(10),
         "GP": days_ago(15), "IPS": days_ago(30), "DWPWORK": days_ago(40),
         "DEBT": days_ago(50), "SUPPORTED": days_ago(60), "FAMILY": days_ago(70),
         "WARD": days_ago(80), "OLDHOUSING": days_ago(90)}


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    load(eco, rows_with_dates(**DATES))
    return eco


def visible(resp: Any) -> str:
    html = str(resp.get_data(as_text=True))
    body = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#39;", "'")


def csrf(client: FlaskClient, url: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True))
    assert m, url
    return m.group(1)


# --- 1. last_verified and stale -------------------------------------------------------------

@pytest.mark.no_neo4j
def test_the_freshness_rule() -> None:
    today = dt.date(2026, 12, 1)
    never = freshness.check(None, today)
    assert never.stale and never.text == "Details have never been checked"
    old = freshness.check(dt.date(2025, 10, 1), today)
    assert old.stale and old.months == 14 and old.text == "Details last checked 14 months ago"
    assert old.caveat == "details last checked 14 months ago: confirm them with the service"
    edge = freshness.check(dt.date(2026, 6, 1), today)  # exactly six months: not yet stale
    assert not edge.stale and edge.caveat is None
    assert freshness.check(dt.date(2026, 5, 31), today).stale
    assert freshness.check("2026-05-31", today, months=12).stale is False
    assert freshness.months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)


def test_last_verified_is_imported_and_never_moved_back(area: Ecosystem) -> None:
    def stored(sid: str) -> dt.date | None:
        rows = area.graph.read("directory/service", id=sid)
        return freshness.to_date(rows[0]["props"].get("last_verified"))

    assert stored("HF") == dt.date.fromisoformat(DATES["HF"])
    assert stored("TENANCY") is None
    # A re-import without the column (and with an older date) keeps the stored dates,
    # even for a row that changed otherwise.
    rows = base_rows()
    hf = next(s for s in rows["services"] if s["id"] == "HF")
    hf["waiting_days"] = "31"
    advice = next(s for s in rows["services"] if s["id"] == "ADVICE")
    advice["last_verified"] = days_ago(400)
    report = area.import_tables(rows)
    assert report.ok
    assert stored("HF") == dt.date.fromisoformat(DATES["HF"])
    assert stored("ADVICE") == dt.date.fromisoformat(DATES["ADVICE"])
    # A newer date wins.
    advice["last_verified"] = days_ago(1)
    assert area.import_tables(rows).ok
    assert stored("ADVICE") == TODAY - dt.timedelta(days=1)


def test_rows_without_the_column_stay_unchanged_on_reimport(eco: Ecosystem) -> None:
    load(eco, base_rows())
    report = eco.import_tables(base_rows())
    assert report.counts["services"].unchanged == len(base_rows()["services"])


def test_a_bad_date_names_the_row_and_column(eco: Ecosystem) -> None:
    report = eco.import_tables(rows_with_dates(HF="last spring"))
    assert not report.ok
    issue = next(i for i in report.issues if i.column == "last_verified")
    assert issue.value == "last spring" and "date" in issue.message
    assert eco.counts().get("Service", 0) == 0  # nothing half-written


def test_the_service_page_warns_when_stale(area: Ecosystem, client: FlaskClient) -> None:
    page = visible(client.get("/services/HF"))
    assert "Details last checked 14 months ago" in page
    assert "check with the service before relying on them" in page
    never = visible(client.get("/services/TENANCY"))
    assert "Details have never been checked" in never
    fresh = client.get("/services/ADVICE").get_data(as_text=True)
    assert "nhsuk-warning-callout" not in fresh
    assert "Details less than a month ago" not in fresh and "Details last checked" in fresh


def test_the_services_list_filters_stale_entries(area: Ecosystem, client: FlaskClient) -> None:
    html = client.get("/services?stale=yes").get_data(as_text=True)
    shown = set(re.findall(r'data-service="([^"]+)"', html))
    assert shown == {"HF", "TENANCY"}
    fresh = set(re.findall(r'data-service="([^"]+)"',
                           client.get("/services?stale=no").get_data(as_text=True)))
    assert "HF" not in fresh and "ADVICE" in fresh and "TENANCY" not in fresh
    assert "Details last checked" in html and "Stale" in html
    body = client.get("/services?stale=yes&format=csv").get_data(as_text=True)
    got = {r["Service id"]: r for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    assert got["HF"]["Details last checked"] == DATES["HF"] and got["HF"]["Stale"] == "Yes"
    assert got["TENANCY"]["Details last checked"] == ""
    assert client.get("/services?stale=maybe").status_code == 400


def test_the_stale_months_setting_is_used(area: Ecosystem) -> None:
    import dataclasses

    strict = Ecosystem(dataclasses.replace(area.settings, stale_months=1), area.graph)
    stale = {r.id for r in strict.service_list({"stale": "yes"})}
    assert {"HF", "TENANCY", "DWPWORK", "DEBT"} <= stale and "ADVICE" not in stale


@pytest.mark.signed_in_as("key_worker")
def test_options_and_plan_carry_the_stale_caveat(area: Ecosystem, client: FlaskClient) -> None:
    client_answers = {"area": "E02000001", "age": "30", "needs": ["housing"], "benefit": "",
                      "housing": "", "in_work": "", "offending": "", "severity": "any",
                      "conditions": "", "uses": ["CMHT"]}
    token = csrf(client, "/key-worker/")
    page = visible(client.post("/key-worker/options", follow_redirects=True,
                               data={"csrf_token": token, **client_answers}))
    assert "May be out of date Details last checked 14 months ago" in page
    pick = {**client_answers, "pick": ["housing:HF", "housing:ADVICE"]}
    plan = visible(client.post("/key-worker/plan", follow_redirects=True,
                               data={"csrf_token": token, **pick}))
    assert "May be out of date: Details last checked 14 months ago" in plan
    body = client.post("/key-worker/plan.csv",
                       data={"csrf_token": token, **pick}).get_data(as_text=True)
    rows = {r["service"]: r for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    hf, advice = rows["Housing First"], rows["Council housing advice"]
    assert hf["details last checked"] == DATES["HF"]
    assert "details last checked 14 months ago: confirm them with the service" in hf["to check"]
    assert advice["details last checked"] == DATES["ADVICE"]
    assert "confirm them" not in advice["to check"]


def test_oruk_assured_date_is_last_verified_both_ways(eco: Ecosystem, tmp_path: Path) -> None:
    load(eco, {"areas": [{"id": "E06000001", "name": "MyCity", "level": "local_authority"}]})
    doc = json.loads((ORUK / "service_full.json").read_text())
    doc["assured_date"] = "2025-10-01"
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(doc))
    result = eco.import_oruk(path, mapping=ORUK / "mapping.csv", area="E06000001")
    assert result.ok, result.report.issues
    sid = "oruk:" + doc["id"]
    props = eco.graph.read("directory/service", id=sid)[0]["props"]
    assert freshness.to_date(props["last_verified"]) == dt.date(2025, 10, 1)
    exported = eco.export_oruk().page["contents"]
    assert [s["assured_date"] for s in exported if s["id"] == doc["id"]] == ["2025-10-01"]
    doc["assured_date"] = "soon"
    path.write_text(json.dumps(doc))
    bad = eco.import_oruk(path, mapping=ORUK / "mapping.csv", area="E06000001")
    assert not bad.ok
    assert any(i.column == "assured_date" and i.value == "soon" for i in bad.report.issues)


def test_the_demo_has_some_stale_entries() -> None:
    from ecosystem.demo.area import generate

    today = dt.date(2026, 12, 1)
    services = generate(as_of=today, people=10)["services"]
    checks = [freshness.check(s.get("last_verified"), today) for s in services]
    stale = [c for c in checks if c.stale]
    assert 0 < len(stale) < len(services) // 4
    assert any(c.last_verified is None for c in stale)
    assert any(c.months and c.months >= 12 for c in stale)




# --- 2. "Still correct" ---------------------------------------------------------------------

def editor(eco: Ecosystem, login: Any, providers: list[str], email: str | None = None
           ) -> tuple[str, FlaskClient]:
    """A new provider editor keeping `providers`, and a client signed in as them."""
    name = f"keeper-{uuid.uuid4().hex[:8]}"
    eco.create_user(name, users.PROVIDER_EDITOR, TEST_PASSWORD, "test", email=email,
                    providers=providers)
    return name, login(users.PROVIDER_EDITOR, name)


def test_still_correct_reverifies_and_changes_nothing_else(area: Ecosystem,
                                                           client: FlaskClient) -> None:
    before = area.graph.read("directory/service", id="HF")[0]["props"]
    page = client.get("/services/HF").get_data(as_text=True)
    assert "Still correct" in page
    token = csrf(client, "/services/HF")
    resp = client.post("/stewardship/verify/HF", data={"csrf_token": token})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/services/HF")
    after = area.graph.read("directory/service", id="HF")[0]["props"]
    assert freshness.to_date(after["last_verified"]) == TODAY
    assert {k: v for k, v in after.items() if k != "last_verified"} == \
        {k: v for k, v in before.items() if k != "last_verified"}
    followed = visible(client.get("/services/HF"))
    assert "Details last checked less than a month ago" in followed
    assert "its details are marked as checked today" in followed
    entry = next(e for e in audit.entries(area.graph) if e.action == "service.verify")
    assert entry.target == "HF" and entry.username == "test-admin"
    assert TODAY.isoformat() in entry.detail
    # The import that follows (an old file) leaves the new date alone and counts as unchanged.
    report = area.import_tables(rows_with_dates(**DATES))
    assert report.counts["services"].unchanged == len(DATES) + 1
    assert freshness.to_date(area.graph.read("directory/service", id="HF")[0]["props"]
                             ["last_verified"]) == TODAY


def test_still_correct_needs_csrf(area: Ecosystem, client: FlaskClient) -> None:
    assert client.post("/stewardship/verify/HF").status_code == 400
    props = area.graph.read("directory/service", id="HF")[0]["props"]
    assert freshness.to_date(props["last_verified"]) != TODAY


def test_a_provider_editor_verifies_only_their_own(area: Ecosystem, login: Any) -> None:
    _, keeper = editor(area, login, ["PR-VCS"])
    assert "Still correct" in keeper.get("/services/HF").get_data(as_text=True)  # PR-VCS's
    assert "Still correct" not in keeper.get("/services/ADVICE").get_data(as_text=True)
    token = csrf(keeper, "/services/HF")
    assert keeper.post("/stewardship/verify/ADVICE",
                       data={"csrf_token": token}).status_code == 403
    assert keeper.post("/stewardship/verify/HF", data={"csrf_token": token}).status_code == 302
    assert keeper.post("/stewardship/verify/NOPE", data={"csrf_token": token}).status_code == 403


@pytest.mark.parametrize("role", [users.VIEWER, users.KEY_WORKER, users.ANALYST,
                                  users.COMMISSIONER])
def test_other_roles_cannot_verify(area: Ecosystem, login: Any, role: str) -> None:
    c = login(role)
    assert "Still correct" not in c.get("/services/HF").get_data(as_text=True)
    token = csrf(c, "/services/HF")
    assert c.post("/stewardship/verify/HF", data={"csrf_token": token}).status_code == 403
    assert c.get("/stewardship").status_code == 403


def test_an_admin_verifying_a_missing_service_gets_404(area: Ecosystem,
                                                       client: FlaskClient) -> None:
    token = csrf(client, "/services/HF")
    assert client.post("/stewardship/verify/NOPE", data={"csrf_token": token}).status_code == 404


# --- 3. The stewardship worklist ------------------------------------------------------------

def test_the_worklist_for_an_admin(area: Ecosystem, client: FlaskClient) -> None:
    html = client.get("/stewardship").get_data(as_text=True)
    order = re.findall(r'<tr class="nhsuk-table__row" data-service="([^"]+)"', html)
    assert order == ["TENANCY", "HF"]  # never checked first, then the oldest
    page = visible(client.get("/stewardship"))
    assert "2 stale entries" in page and "14 months ago" in page
    by_provider = dict(re.findall(r'data-provider="([^"]+)">\s*<td[^>]*><a[^>]*>[^<]+</a></td>'
                                  r'\s*<td[^>]*>(\d+)</td>', html))
    assert by_provider == {"PR-VCS": "2"}
    by_area = dict(re.findall(r'data-area="([^"]+)">\s*<td[^>]*><a[^>]*>[^<]+</a></td>'
                              r'\s*<td[^>]*>(\d+)</td>', html))
    assert by_area == {"E38000001": "1", "E02000001": "1"}
    token = csrf(client, "/stewardship")
    resp = client.post("/stewardship/verify/TENANCY", data={"csrf_token": token,
                                                            "back": "worklist"})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/stewardship")
    after = client.get("/stewardship").get_data(as_text=True)
    assert re.findall(r'<tr class="nhsuk-table__row" data-service="([^"]+)"', after) == ["HF"]


def test_the_worklist_for_a_provider_editor_is_their_own(eco: Ecosystem, login: Any) -> None:
    area = eco
    load(area, rows_with_dates(**{**DATES, "ADVICE": days_ago(300)}))
    _, vcs = editor(area, login, ["PR-VCS"])
    html = vcs.get("/stewardship").get_data(as_text=True)
    assert set(re.findall(r'<tr class="nhsuk-table__row" data-service="([^"]+)"', html)) == \
        {"TENANCY", "HF"}
    _, la = editor(area, login, ["PR-LA"])
    html = la.get("/stewardship").get_data(as_text=True)
    assert re.findall(r'<tr class="nhsuk-table__row" data-service="([^"]+)"', html) == ["ADVICE"]
    _, none = editor(area, login, [])
    assert "Every entry you keep has been checked" in visible(none.get("/stewardship"))


def test_the_summaries_show_the_providers_and_areas_with_most_stale(eco: Ecosystem,
                                                                    client: FlaskClient) -> None:
    """A map of thousands of providers listed every one of them in the summary (1.4 MB at
    XL): it shows the twenty with the most stale entries and says how many more there are."""
    from builders import PLACE1, service

    rows = base_rows(TODAY)
    rows["providers"] += [{"id": f"PR-{i:02}", "name": f"Provider {i:02}", "sector": "vcse"}
                          for i in range(25)]
    rows["services"] += [service(f"S-{i:02}-{j}", f"Service {i:02} {j}", f"PR-{i:02}", PLACE1,
                                 "money", "information")
                         for i in range(25) for j in range(2 if i < 3 else 1)]
    load(eco, rows)
    html = client.get("/stewardship").get_data(as_text=True)
    shown = re.findall(r'data-provider="([^"]+)">\s*<td[^>]*><a[^>]*>[^<]+</a></td>'
                       r'\s*<td[^>]*>(\d+)</td>', html)
    counts = [int(n) for _, n in shown]
    assert len(shown) == 20 and counts == sorted(counts, reverse=True)
    assert {"PR-00", "PR-01", "PR-02"} <= {p for p, _ in shown}  # two stale each
    every = len({s["provider_id"] for s in rows["services"]})
    assert f"{every - 20} more providers have some" in visible(client.get("/stewardship"))
