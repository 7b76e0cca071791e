"""The key worker pages (web/blueprints/keyworker.py) against a real Neo4j.

Known answers on a variant of the small area (tests/conftest.py): Money and Debt Advice takes
no self-referrals (Housing First refers to it), and IPS takes ages 18+. So a 17-year-old in
Riverside Borough who uses Housing First and needs work, money and family support has:
money -> Money and Debt Advice "via Housing First Riverside"; work -> unmet (IPS: age);
family -> unmet (no service in that domain). IPS takes referrals from housing support
services (its `referral_from`), so an adult using Housing First gets there in one step.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from typing import Any

import pytest
from conftest import SMALL_AREA, ensure_user, read_only
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.accounts import audit
from ecosystem.analyses.options import Access, Option
from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.keyworker import caseload as keyworker

KW = "test-key-worker"


def text(resp: Any) -> str:
    return str(resp.get_data(as_text=True))


def visible(html: str) -> str:
    """The page's text, tags removed and spaces collapsed, for phrase checks."""
    body = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#39;", "'")


def csrf(client: FlaskClient) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get("/key-worker/")))
    assert m
    return m.group(1)


def _load_kw_area(eco: Ecosystem) -> None:
    rows = copy.deepcopy(SMALL_AREA)
    for s in rows["services"]:
        if s["id"] == "svc-debt":
            s["self_referral"] = "no"
        if s["id"] == "svc-ips":
            s.update(min_age="18", self_referral="no", referral_from="housing support")
    rows["people"] = [
        {"person_ref": "NHS-111", "age_band": "16-17", "area_id": "E06000999",
         "needs": "money;work", "key_worker": KW},
        {"person_ref": "NHS-222", "age_band": "35-44", "area_id": "E06000999",
         "needs": "housing", "key_worker": "someone-else"},
    ]
    report = eco.import_tables(rows)
    assert report.ok, [i.message for i in report.issues]


@pytest.fixture
def kw_area(request: pytest.FixtureRequest, session_eco: Ecosystem) -> Ecosystem:
    """Read-only: the key worker pages write nothing but audit entries."""
    eco = read_only(request, "kw_area", _load_kw_area)
    ensure_user(eco, KW, "key_worker")
    return eco


@pytest.fixture
def kw(login, kw_area: Ecosystem) -> FlaskClient:  # type: ignore[no-untyped-def]
    return login("key_worker", KW)  # type: ignore[no-any-return]


CLIENT = {"area": "E06000999", "age": "17", "needs": ["work", "money", "family"],
          "uses": ["svc-hf"], "benefit": "", "housing": "", "in_work": "no",
          "offending": "", "severity": "any", "conditions": ""}


def post(client: FlaskClient, url: str, data: dict[str, Any]) -> Any:
    """Post the form and follow the redirect to the page (post/redirect/get)."""
    return client.post(url, data={"csrf_token": csrf(client), **data}, follow_redirects=True)


def test_form_lists_areas_needs_services_and_says_nothing_is_stored(kw: FlaskClient) -> None:
    resp = kw.get("/key-worker/")
    assert resp.status_code == 200
    html = text(resp)
    assert '<option value="E06000999">Riverside Borough (local authority, in Riverside ICB)' \
        in html
    for d in ("housing", "money", "work", "connectedness", "family", "victimisation",
              "offending", "citizenship"):
        assert f'id="needs-{d}" name="needs" type="checkbox"' in html
    # The services come once the area is chosen (tests/test_web_keyworker_area.py).
    assert html.count('name="uses" type="checkbox"') == 0
    html = text(post(kw, "/key-worker/options", {"area": "E06000999", "step": "area"}))
    assert html.count('name="uses" type="checkbox"') == 3
    assert "Nothing you type here is saved with the client" in html
    # Checkbox and radio groups are fieldsets with legends; every input has a label.
    assert html.count('<legend class="nhsuk-fieldset__legend') == 6
    for input_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
        if input_id != "search-field":
            assert f'for="{input_id}"' in html, input_id


def test_caseload_shows_only_the_key_workers_own_people(kw: FlaskClient,
                                                        kw_area: Ecosystem) -> None:
    key = kw_area.settings.resolve_pseudonym_key()
    html = text(kw.get("/key-worker/"))
    assert pseudonym("NHS-111", key) in html
    assert pseudonym("NHS-222", key) not in html
    assert "NHS-111" not in html


def test_mistakes_give_an_error_summary_and_messages_by_the_field(kw: FlaskClient) -> None:
    resp = post(kw, "/key-worker/options", {"area": "", "age": "seventeen"})
    assert resp.status_code == 400
    html = text(resp)
    assert "<title>Error: Find a client" in html
    summary = re.search(r'class="nhsuk-error-summary".*?</div>\s*</div>', html, re.S)
    assert summary
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0))
    assert links == [("area", "Choose the area the client lives in"),
                     ("age", "Age must be a whole number, like 34"),
                     ("needs-housing", "Select at least one life domain the client needs "
                                       "support with")]
    # Inline messages sit with their fields and are tied to them.
    assert 'id="area-error"' in html and 'aria-describedby="area-hint area-error"' in html
    assert 'id="age-error"' in html and 'value="seventeen"' in html
    assert "nhsuk-form-group--error" in html


@pytest.mark.parametrize("data, message", [
    ({"age": "200"}, "Age must be between 16 and 120"),
    ({"age": "15"}, "Age must be between 16 and 120"),
    ({"area": "E00000000"}, "Choose an area from the list"),
    ({"needs": ["nope"]}, "Select life domains from the list"),
    ({"uses": ["svc-nope"]}, "Select services from the list"),
    ({"benefit": "lottery"}, "Select benefits from the list, or none if not known"),
    ({"benefit": ["none", "esa"]},
     "Select No benefits on its own, or the benefits the client gets"),
    ({"in_work": "maybe"}, "Select Yes, No or Not known for paid work"),
    ({"conditions": "x" * 201}, "Conditions must be 200 characters or fewer"),
])
def test_each_field_is_checked(kw: FlaskClient, data: dict[str, Any], message: str) -> None:
    resp = post(kw, "/key-worker/options", {**CLIENT, **data})
    assert resp.status_code == 400
    assert message in text(resp)


def test_options_grouped_by_need_with_routes_and_unmet_needs(kw: FlaskClient) -> None:
    resp = post(kw, "/key-worker/options", CLIENT)
    assert resp.status_code == 200
    html = text(resp)
    page = visible(html)
    # Unmet needs are called out at the top, before the options.
    assert "2 needs no service meets" in page
    callout = re.search(r'class="nhsuk-warning-callout app-unmet">(.*?)</div>', html, re.S)
    assert callout and re.findall(r'href="#need-(\w+)"', callout.group(1)) == ["work", "family"]
    assert page.index("needs no service meets") < page.index("Options for money")
    # Money: the one option, with the route via the service the client uses.
    money = re.search(r'<section class="app-need" aria-labelledby="need-money">(.*?)</section>',
                      html, re.S)
    assert money
    m = visible(money.group(1))
    assert "1. Money and Debt Advice" in m
    assert "How to get in: Via Housing First Riverside" in m
    assert "Support from: Domain specialists, Structural support" in m
    assert "Type: Information and signposting, Increased rights or entitlements" in m
    assert "Capacity: 200 places" in m and "Wait: not recorded" in m
    assert 'value="money:svc-debt"' in money.group(1)
    # Work: IPS is listed as not eligible, with the reason.
    work = re.search(r'aria-labelledby="need-work">(.*?)</section>', html, re.S)
    assert work
    w = visible(work.group(1))
    assert "No option." in w
    assert "IPS Employment Service Only for people aged 18 and over" in w
    assert 'name="pick"' not in work.group(1)
    # The answers travel on as hidden fields for the plan; nothing else keeps them.
    assert '<input type="hidden" name="age" value="17">' in html
    assert '<input type="hidden" name="uses" value="svc-hf">' in html


def test_the_client_routes_map_has_a_table_alternative(kw: FlaskClient) -> None:
    html = text(post(kw, "/key-worker/options", CLIENT))
    assert 'data-network="client-routes-data"' in html
    links = re.search(r"Links: How the client can get to their options.*?</table>", html, re.S)
    assert links
    rows = [visible(r).strip() for r in re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>",
                                                   links.group(0), re.S)]
    assert rows == ["From Link To", "The client uses Housing First Riverside",
                    "Housing First Riverside refers to Money and Debt Advice"]
    assert "/static/vis-network/vis-network.min.js" in html


def test_plan_lists_the_picked_options_prints_and_downloads_as_csv(kw: FlaskClient) -> None:
    data = {**CLIENT, "pick": ["money:svc-debt"]}
    resp = post(kw, "/key-worker/plan", data)
    assert resp.status_code == 200
    html = text(resp)
    page = visible(html)
    assert "Support plan" in page and "Money and Debt Advice" in page
    assert "Via Housing First Riverside" in page
    assert "Needs no service meets" in page and "Family, intimate and caring" in page
    assert "/static/keyworker.css" in html and "/static/keyworker.js" in html
    assert 'data-network="plan-routes-data"' in html and "In the plan" in html
    csv_resp = post(kw, "/key-worker/plan.csv", data)
    assert csv_resp.status_code == 200
    assert csv_resp.mimetype == "text/csv"
    assert csv_resp.headers["Content-Disposition"].startswith('attachment; filename="support-plan')
    body = text(csv_resp)
    assert body.startswith("\ufeff")  # UTF-8 for spreadsheet programs
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0] == list(keyworker.PLAN_COLUMNS)
    assert rows[1][:4] == ["Money and basic needs", "Money and Debt Advice", "Riverside Mind",
                           "via Housing First Riverside"]
    assert [r[:2] for r in rows[2:]] == [
        ["Work and education", "No service in reach meets this need"],
        ["Family, intimate and caring relationships", "No service in reach meets this need"]]


def test_a_plan_needs_at_least_one_option(kw: FlaskClient) -> None:
    resp = post(kw, "/key-worker/plan", CLIENT)
    assert resp.status_code == 400
    html = text(resp)
    assert '<a href="#pick-money-1">Select at least one option for the plan</a>' in html
    assert 'id="pick-money-1"' in html
    assert post(kw, "/key-worker/plan.csv", CLIENT).status_code == 400


@pytest.mark.no_neo4j
def test_csv_cells_cannot_start_a_formula() -> None:
    assert [keyworker.csv_cell(v) for v in ("=1+1", "+44", "-2", "@SUM(A1)", "ok", None, 3,
                                            450.0, -2.5)] \
        == ["'=1+1", "'+44", "'-2", "'@SUM(A1)", "ok", "", "3", "450", "'-2.5"]
    option = Option("s", '=HYPERLINK("http://x")', "@provider", "money", (), (), None, None,
                    None, None, Access("self-referral", 0, (), "self-referral"), None, None,
                    None, None, ("-check",))
    body = keyworker.plan_csv([keyworker.PlanItem("money", "Money", option)])
    row = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))[1]
    assert row[1] == "'=HYPERLINK(\"http://x\")" and row[2] == "'@provider"
    assert row[-1] == "'-check"


def test_nothing_typed_is_stored_with_the_client_or_logged(
        kw: FlaskClient, kw_area: Ecosystem, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key worker pages write audit entries (which hold no answers) and the short-lived
    answers between pages (ecosystem/keyworker/drafts.py), deleted on "Start again"."""
    from ecosystem.db.graph import Graph

    written: list[str] = []
    real = Graph.write_all

    def spy(self: Graph, steps: Any) -> Any:
        steps = list(steps)
        written.extend(name for name, _ in steps)
        return real(self, steps)

    monkeypatch.setattr(Graph, "write_all", spy)
    start = audit.entries(kw_area.graph, limit=1)[0].at
    answers = {**CLIENT, "conditions": "a-unique-condition-text"}
    assert post(kw, "/key-worker/options", answers).status_code == 200
    assert post(kw, "/key-worker/plan", {**answers, "pick": ["money:svc-debt"]}).status_code \
        == 200
    assert post(kw, "/key-worker/plan.csv",
                {**answers, "pick": ["money:svc-debt"]}).status_code == 200
    assert set(written) <= {"audit/append", "keyworker/draft_forget", "keyworker/draft_save"}
    logged = str(audit.entries(kw_area.graph, start))
    assert "a-unique-condition-text" not in logged and "E06000999" not in logged
    assert kw_area.find_text(["a-unique-condition-text"])  # kept, between pages...
    assert post(kw, "/key-worker/forget", {}).status_code == 200
    assert not kw_area.find_text(["a-unique-condition-text"])  # ...and gone on Start again


def test_a_person_on_the_caseload_their_plan_and_export_are_audited(
        kw: FlaskClient, kw_area: Ecosystem, login) -> None:  # type: ignore[no-untyped-def]
    key = kw_area.settings.resolve_pseudonym_key()
    mine, theirs = pseudonym("NHS-111", key), pseudonym("NHS-222", key)
    start = audit.entries(kw_area.graph, limit=1)[0].at
    resp = kw.get(f"/key-worker/people/{mine}")
    assert resp.status_code == 200
    page = visible(text(resp))
    assert f"person {mine}" in page
    assert "1 need no service meets" in page  # work: IPS takes 18+, the person is 16-17
    assert "Money and Debt Advice" in page
    assert "No known route" in page  # uses nothing, and debt advice takes no self-referral
    assert kw.get(f"/key-worker/people/{theirs}").status_code == 403
    token = csrf(kw)
    plan = kw.post(f"/key-worker/people/{mine}/plan",
                   data={"csrf_token": token, "pick": ["money:svc-debt"]})
    assert plan.status_code == 200 and "Support plan" in text(plan)
    out = kw.post(f"/key-worker/people/{mine}/plan.csv",
                  data={"csrf_token": token, "pick": ["money:svc-debt"]})
    assert out.status_code == 200 and "Money and Debt Advice" in text(out)
    logged = [(e.action, e.target) for e in reversed(audit.entries(kw_area.graph, start))
              if e.action.startswith("person.")]
    assert logged == [("person.view", mine), ("person.denied", theirs),
                      ("person.list", "/key-worker/"),
                      ("person.view", mine), ("person.export", mine)]
    admin = login("admin")
    assert admin.get(f"/key-worker/people/{theirs}").status_code == 200
    assert admin.get("/key-worker/people/P-nobody").status_code == 404


def test_audit_records_the_outcome_and_never_the_callers_text(
        kw: FlaskClient, kw_area: Ecosystem, login) -> None:  # type: ignore[no-untyped-def]
    # Issue 16: a 404 counted as a view, the denied target was the URL's text, and opening
    # the audit page was not audited.
    start = audit.entries(kw_area.graph, limit=1)[0].at
    admin = login("admin")
    assert admin.get("/key-worker/people/P-nobody").status_code == 404
    assert kw.get("/key-worker/people/DROP%20TABLE%20users").status_code == 403
    assert admin.get("/admin/audit").status_code == 200
    logged = [(e.action, e.target, e.detail) for e in
              reversed(audit.entries(kw_area.graph, start))
              if e.action.startswith(("person.", "audit."))]
    assert [(a, t) for a, t, _ in logged] == [
        ("person.view.failed", "P-nobody"), ("person.denied", "(not a person id)"),
        ("audit.view", "/admin/audit")]
    assert logged[0][2].endswith("-> 404") and "DROP" not in str(logged)


@pytest.mark.parametrize("role", ["analyst", "commissioner", "viewer"])
def test_other_roles_cannot_use_the_key_worker_pages(login, kw_area: Ecosystem,  # type: ignore[no-untyped-def]
                                                     role: str) -> None:
    c = login(role)
    assert c.get("/key-worker/").status_code == 403
    assert c.post("/key-worker/options", data=CLIENT).status_code == 403
    assert 'href="/key-worker/"' not in text(c.get("/"))


def test_no_inline_script_or_style(kw: FlaskClient) -> None:
    pages = [text(kw.get("/key-worker/")), text(post(kw, "/key-worker/options", CLIENT)),
             text(post(kw, "/key-worker/plan", {**CLIENT, "pick": ["money:svc-debt"]}))]
    for html in pages:
        assert " style=" not in html and "<style" not in html
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, tag


def test_the_options_page_without_answers_goes_back_to_the_form(kw: FlaskClient) -> None:
    resp = kw.get("/key-worker/options")
    assert resp.status_code == 303 and resp.headers["Location"].endswith(
        "/key-worker/?expired=1")
    assert "no longer kept" in text(kw.get("/key-worker/?expired=1"))


def test_services_are_grouped_by_area_and_answers_are_kept_on_error(kw: FlaskClient) -> None:
    resp = post(kw, "/key-worker/options", {**CLIENT, "needs": [], "in_work": "no"})
    assert resp.status_code == 400
    html = text(resp)
    group = re.search(r'<details class="nhsuk-details app-uses-group" open>(.*?)</details>',
                      html, re.S)
    assert group and "Services in Riverside Borough (3), 1 selected" in visible(group.group(1))
    assert re.search(r'value="svc-hf" checked', group.group(1))
    assert re.search(r'id="in_work-2" name="in_work" type="radio" value="no" checked', html)
    assert '<option value="E06000999" selected>' in html


def test_pages_with_client_answers_are_not_cached(kw: FlaskClient) -> None:
    for resp in (post(kw, "/key-worker/options", CLIENT),
                 post(kw, "/key-worker/plan", {**CLIENT, "pick": ["money:svc-debt"]}),
                 post(kw, "/key-worker/plan.csv", {**CLIENT, "pick": ["money:svc-debt"]})):
        assert resp.status_code == 200
        assert resp.headers["Cache-Control"] == "no-store"


def test_an_admin_sees_every_caseload(login, kw_area: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    key = kw_area.settings.resolve_pseudonym_key()
    html = text(login("admin").get("/key-worker/"))
    assert pseudonym("NHS-111", key) in html and pseudonym("NHS-222", key) in html


def test_a_short_caseload_is_one_page(login, kw_area: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    # Longer caseloads, in pages: tests/test_list_pages.py.
    html = visible(text(login("admin").get("/key-worker/")))
    assert "Showing all 2 people, by identifier" in html and "Next page" not in html
    assert "Showing all 1 person, by identifier" in visible(
        text(login("key_worker", KW).get("/key-worker/")))


@pytest.mark.no_neo4j
def test_print_styles_leave_out_the_page_furniture() -> None:
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "web" / "static" / "keyworker.css").read_text()
    assert "@media print" in css
    printed = css[css.index("@media print"):]
    for selector in (".nhsuk-header", ".nhsuk-footer", ".app-no-print"):
        assert selector in printed


def test_a_referral_by_kind_of_service_is_a_route_on_the_map(kw: FlaskClient) -> None:
    html = text(post(kw, "/key-worker/options", {**CLIENT, "age": "30", "needs": ["work"]}))
    work = re.search(r'aria-labelledby="need-work">(.*?)</section>', html, re.S)
    assert work and "How to get in: Via Housing First Riverside" in visible(work.group(1))
    links = re.search(r"Links: How the client can get to their options.*?</table>", html, re.S)
    assert links and "Housing First Riverside can refer IPS Employment Service" \
        in visible(links.group(0))


def test_an_unknown_answer_is_shown_as_a_check_on_the_option(kw: FlaskClient) -> None:
    # Age not given: IPS (18+) is an option, with the age to check before referring.
    resp = post(kw, "/key-worker/options", {**CLIENT, "age": ""})
    assert resp.status_code == 200
    work = re.search(r'aria-labelledby="need-work">(.*?)</section>', text(resp), re.S)
    assert work
    w = visible(work.group(1))
    assert "1. IPS Employment Service" in w
    assert "Only for people aged 18 and over: check the client's age before referring" in w


def test_find_a_client_by_case_reference_hashes_it_and_never_keeps_it(
        kw: FlaskClient, kw_area: Ecosystem) -> None:
    key = kw_area.settings.resolve_pseudonym_key()
    start = audit.entries(kw_area.graph, limit=1)[0].at
    resp = post_raw(kw, "/key-worker/find", {"case_reference": " NHS-111 "})
    assert resp.status_code == 303
    assert resp.headers["Location"].endswith(f"/key-worker/people/{pseudonym('NHS-111', key)}")
    # Someone else's client, and a reference nobody has, read the same: not on your caseload.
    for ref in ("NHS-222", "NHS-999"):
        miss = post_raw(kw, "/key-worker/find", {"case_reference": ref})
        assert miss.status_code == 404
        assert "No one on your caseload has that case reference" in text(miss)
        assert ref not in text(miss)
    assert post_raw(kw, "/key-worker/find", {"case_reference": ""}).status_code == 400
    logged = str(audit.entries(kw_area.graph, start))
    assert "NHS-" not in logged
    assert not kw_area.find_text(["NHS-111", "NHS-222", "NHS-999"])


def post_raw(client: FlaskClient, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data={"csrf_token": csrf(client), **data})


def test_the_caseload_filters_by_need_and_area(login, kw_area: Ecosystem) -> None:  # type: ignore[no-untyped-def]
    key = kw_area.settings.resolve_pseudonym_key()
    mine, theirs = pseudonym("NHS-111", key), pseudonym("NHS-222", key)
    admin = login("admin")
    housing = text(admin.get("/key-worker/?need=housing"))
    assert theirs in housing and mine not in housing
    work = text(admin.get("/key-worker/?need=work&area=E54000099"))  # the ICB holds the borough
    assert mine in work and theirs not in work
    assert '<option value="work" selected>' in work
    none = visible(text(admin.get("/key-worker/?need=family")))
    assert "Nobody on your caseload has that need in that area" in none
    everyone = text(admin.get("/key-worker/?need=nonsense&area=nowhere"))  # ignored
    assert mine in everyone and theirs in everyone


def test_the_caseload_has_its_own_page_linked_first_and_audited(
        kw: FlaskClient, kw_area: Ecosystem) -> None:
    key = kw_area.settings.resolve_pseudonym_key()
    form = text(kw.get("/key-worker/"))
    assert form.index('href="/key-worker/caseload"') < form.index('id="area"')
    start = audit.entries(kw_area.graph, limit=1)[0].at
    page = text(kw.get("/key-worker/caseload?need=money"))
    assert "<h1>Your caseload</h1>" in page and 'id="area"' not in page
    assert pseudonym("NHS-111", key) in page and 'id="case_reference"' in page
    assert [(e.action, e.target) for e in audit.entries(kw_area.graph, start)
            if e.action.startswith("person.")] == [("person.list", "/key-worker/caseload")]
